package sanitize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain ASCII is unchanged", "Kim Sang-man", "Kim Sang-man"},
		{"Korean and Cyrillic are unchanged", "김상만 Андреев", "김상만 Андреев"},
		{"colour escape is removed", "Kim\x1b[31mRED\x1b[0m", "Kim�RED�"},
		{"window-title OSC is removed", "a\x1b]0;pwned\x07b", "a�b"},
		{"OSC 8 hyperlink with ST is removed", "x\x1b]8;;http://e\x1b\\y", "x�y"},
		{"clear-screen is removed", "\x1b[2Jhi", "�hi"},
		{"C1 CSI is removed", "a\u009b31mb", "a�b"},
		{"newlines and tabs become spaces", "line1\nline2\tend\r", "line1 line2 end "},
		{"bell and NUL become placeholders", "a\x07b\x00c", "a�b�c"},
		{"right-to-left override is neutralised", "invoice\u202Efdp.exe", "invoice�fdp.exe"},
		{"invalid UTF-8 is replaced", "a\xffb", "a\uFFFDb"},
		{"truncated escape at end", "abc\x1b", "abc�"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.in); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Kim", "\x1b[31m", "\x1b]0;x\x07", "\u202e", "a\xffb", "\u009b1m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if unicode.IsControl(r) || isBidi(r) {
				t.Fatalf("control %U survives in %q", r, out)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatal("ESC survives")
		}
		if Text(out) != out {
			t.Fatalf("not idempotent: %q", s)
		}
	})
}

func BenchmarkTextClean(b *testing.B) {
	s := strings.Repeat("Kim Sang Man 1234 Oak St ", 4)
	for b.Loop() {
		Text(s)
	}
}
