package screen

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"KIM, Sang Man", "CHO, Kyo'ng-hun", "Pak Yŏng-sik", "ＫＩＭ Co. Ltd.", "Mr. Dr.", "\xff\xfe", "İstanbul ŞİRKETİ A.Ş."} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, raw, kind string) {
		n := Normalize(raw, kind)
		for _, tok := range n.Tokens {
			if tok == "" || strings.ContainsAny(tok, " ,.-'") || !utf8.ValidString(tok) {
				t.Fatalf("bad token %q from %q", tok, raw)
			}
		}
		again := Normalize(strings.Join(n.Tokens, " "), kind)
		if !slices.Equal(again.Tokens, n.Tokens) {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, n.Tokens, again.Tokens)
		}
		_ = Keys(n)
	})
}

func FuzzScore(f *testing.F) {
	f.Add("Kim Sang-man", "KIM, Sang Man")
	f.Add("Sangman Kim", "Lee Seo-yeon")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		m := Score(Normalize(a, ""), Normalize(b, ""))
		if m.Score < 0 || m.Score > 1 || m.Score != m.Score {
			t.Fatalf("score %v out of range for %q vs %q", m.Score, a, b)
		}
		if m.Explanation == "" {
			t.Fatal("empty explanation")
		}
	})
}
