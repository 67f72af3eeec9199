package export

import (
	"bufio"
	"strings"
)

// xmlEscape appends s to b as XML 1.0 character data (attr false) or as an
// attribute value in double quotes (attr true), after visible: markup
// characters become entity references, and so do carriage returns — and in
// attributes tabs and newlines — which a parser would otherwise normalise
// away. Everything XML 1.0 forbids even as a reference is already a visible
// escape, so the document stays well-formed whatever the records held.
func xmlEscape(b *bufio.Writer, s string, attr bool) {
	s = visible(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>': // "]]>" is not allowed in character data
			rep = "&gt;"
		case '"':
			if !attr {
				continue
			}
			rep = "&quot;"
		case '\r':
			rep = "&#13;"
		case '\n':
			if !attr {
				continue
			}
			rep = "&#10;"
		case '\t':
			if !attr {
				continue
			}
			rep = "&#9;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// xmlString returns xmlEscape's output as a string (for tests and fuzzing).
func xmlString(s string, attr bool) string {
	var sb strings.Builder
	b := bufio.NewWriter(&sb)
	xmlEscape(b, s, attr)
	b.Flush()
	return sb.String()
}
