package export

import (
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"
)

// lineBreaks folds CRLF and a lone CR into LF, as DOT and Mermaid line breaks do.
func lineBreaks(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func TestVisible(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "Kim Sang-man", "Kim Sang-man"},
		{"Korean and Cyrillic are unchanged", koreanLabel + " " + cyrillicLabel, koreanLabel + " " + cyrillicLabel},
		{"tab, newline and CR are kept", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"a colour escape is visible", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"NUL, BEL and DEL are visible", "a\x00b\x07c\x7f", `a\x00b\x07c\x7f`},
		{"C1 CSI is visible", "a\u009b31m", `a\u009b31m`},
		{"a right-to-left override is visible", "invoice\u202efdp.exe", `invoice\u202efdp.exe`},
		{"XML non-characters are visible", "a\ufffeb\uffff", `a\ufffeb\uffff`},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb", "a\ufffdb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := visible(tc.in); got != tc.want {
				t.Errorf("visible(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzEscapers feeds any string to every label escaper and checks that no raw
// forbidden character survives and that each reader gets the text back.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{hostileLabel, koreanLabel, cyrillicLabel, formulaLabel, `a\"b\`, "x\r\ny\rz",
		"\x00\x1f\x7f\u0085\u202e\ufffe\xff", "#quot;%%{init}%%`", "ﬂ°°60¶ß", "]]>", "\\N\\l\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		vis := visible(s)
		if !utf8.ValidString(vis) {
			t.Fatalf("visible(%q) is not UTF-8", s)
		}
		for _, r := range vis {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f || badRune(r) {
				t.Fatalf("visible(%q) keeps %U", s, r)
			}
		}
		if visible(vis) != vis {
			t.Fatalf("visible is not idempotent on %q", s)
		}

		// DOT: one quoted string, no raw line break, escString decoding gives
		// the text back.
		dot := dotString(s)
		if len(dot) < 2 || dot[0] != '"' || dot[len(dot)-1] != '"' || strings.ContainsAny(dot, "\n\r") {
			t.Fatalf("dotString(%q) = %s", s, dot)
		}
		inner := dot[1 : len(dot)-1]
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\\' {
				i++ // an escape pair
				continue
			}
			if inner[i] == '"' {
				t.Fatalf("dotString(%q) = %s: unescaped quote", s, dot)
			}
		}
		if got := unescString(inner); got != lineBreaks(vis) {
			t.Fatalf("dotString(%q) reads back as %q, want %q", s, got, lineBreaks(vis))
		}

		// XML: as an attribute and as character data the document parses and
		// gives the text back exactly.
		doc := `<a x="` + xmlString(s, true) + `">` + xmlString(s, false) + `</a>`
		var el struct {
			X    string `xml:"x,attr"`
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(doc), &el); err != nil {
			t.Fatalf("xml of %q is not well-formed: %v\n%s", s, err, doc)
		}
		if el.X != vis || el.Text != vis {
			t.Fatalf("xml of %q reads back as attr %q text %q, want %q", s, el.X, el.Text, vis)
		}

		// Mermaid: nothing that ends the quoted label, starts markup, a
		// directive or a Markdown string; decoding gives the text back.
		mm := mermaidString(s)
		if strings.ContainsAny(strings.ReplaceAll(mm, "<br>", ""), "\"<>&%`\n\r") {
			t.Fatalf("mermaidString(%q) = %q", s, mm)
		}
		if strings.Contains(mm, "¶") {
			t.Fatalf("mermaidString(%q) = %q: could forge an entity placeholder", s, mm)
		}
		if got := mermaidDecode(mm); got != lineBreaks(vis) {
			t.Fatalf("mermaidString(%q) decodes to %q, want %q", s, got, lineBreaks(vis))
		}
	})
}
