package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
)

const hexDigits = "0123456789abcdef"

// visible returns s with everything a reader should not receive raw replaced by
// a visible escape: C0 controls other than tab, newline and carriage return, DEL
// and C1 controls become `\x1b` / `\u009b`, bidirectional overrides and
// isolates become `\u202e` (they reorder what a viewer shows), the XML
// non-characters U+FFFE and U+FFFF become `\ufffe`, and invalid UTF-8 becomes
// U+FFFD. An escape sequence keeps its printable tail ("\x1b[31m" becomes the
// text `\x1b[31m`), so the attempt stays visible to the investigator.
//
// The escape is not reversible — a label that already holds the text `\x1b`
// reads the same — which is the point: no reader is ever handed the raw byte.
// Every format applies it to every string, so a label reads back the same from
// all of them.
func visible(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if badASCII(c) {
				b.WriteString(`\x`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&15])
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case badRune(r):
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[(r>>shift)&15])
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// plain reports whether visible(s) == s without allocating: the common case.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if badASCII(c) {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || badRune(r) {
			return false
		}
		i += size - 1
	}
	return true
}

func badASCII(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f
}

// badRune: C1 controls, the bidirectional controls internal/sanitize also
// neutralises, and the two non-characters XML 1.0 forbids.
func badRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c ||
		r == 0xfffe || r == 0xffff
}

// sourceText writes assertions as "file:line[:field]", several joined by "; ".
func sourceText(srcs []store.Assertion) string {
	if len(srcs) == 0 {
		return ""
	}
	parts := sourceList(srcs)
	return strings.Join(parts, "; ")
}

// sourceList writes each assertion as "file:line[:field]" (visible text).
func sourceList(srcs []store.Assertion) []string {
	out := make([]string, len(srcs))
	for i, a := range srcs {
		out[i] = sourceOne(a)
	}
	return out
}

func sourceOne(a store.Assertion) string {
	s := a.Path
	if a.Line > 0 {
		s += ":" + strconv.Itoa(a.Line)
	}
	if a.Field != "" {
		s += ":" + a.Field
	}
	return visible(s)
}

// hiddenSummary says how many neighbours a hub node left out, by edge kind:
// "1204 hidden: paid 4, uses 1200"; "" when none were.
func hiddenSummary(h map[string]int) string {
	if len(h) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(h))
	total := 0
	for k, n := range h {
		kinds = append(kinds, k)
		total += n
	}
	slices.Sort(kinds)
	var b strings.Builder
	b.WriteString(strconv.Itoa(total))
	b.WriteString(" hidden:")
	for i, k := range kinds {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte(' ')
		b.WriteString(visible(k))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(h[k]))
	}
	return b.String()
}

// attrsJSON writes attributes as compact JSON with sorted keys ("" for none) for
// formats without nesting. Strings inside are made visible first; HTML escaping
// is off so that the text reads as written.
func attrsJSON(m map[string]any) (string, error) {
	if len(m) == 0 {
		return "", nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(visibleAny(m)); err != nil {
		return "", fmt.Errorf("attributes: %w", err)
	}
	return visible(strings.TrimSuffix(buf.String(), "\n")), nil
}

// visibleAny copies a decoded-JSON value with every string (keys too) made
// visible and non-finite numbers, which JSON cannot hold, written as null.
func visibleAny(v any) any {
	switch v := v.(type) {
	case string:
		return visible(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[visible(k)] = visibleAny(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = visibleAny(x)
		}
		return out
	case []string:
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = visible(x)
		}
		return out
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return v
	case float32:
		return visibleAny(float64(v))
	}
	return v
}

// finite returns a measure as written: a value that is not finite (no
// measure should be) is written as 0, since JSON and CSV readers reject NaN.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// formatFloat writes the shortest text that reads back as the same float64.
func formatFloat(f float64) string {
	return strconv.FormatFloat(finite(f), 'g', -1, 64)
}

// nodeIndex maps each node key to its position in sg.Nodes, after sorting sg,
// and checks that keys are unique and every edge joins two listed nodes — the
// invariants graphs.Subgraph keeps, checked again because its fields are
// exported and a file with a dangling edge is unreadable for most tools.
func nodeIndex(sg *graphs.Subgraph) (map[string]int, error) {
	if sg == nil {
		return nil, fmt.Errorf("no subgraph")
	}
	if slices.Contains(sg.Nodes, nil) || slices.Contains(sg.Edges, nil) {
		return nil, fmt.Errorf("subgraph holds a nil node or edge")
	}
	sg.Sort()
	idx := make(map[string]int, len(sg.Nodes))
	for i, n := range sg.Nodes {
		if _, dup := idx[n.Key]; dup {
			return nil, fmt.Errorf("node key %q appears twice", visible(n.Key))
		}
		idx[n.Key] = i
	}
	for _, e := range sg.Edges {
		if _, ok := idx[e.Src]; !ok {
			return nil, fmt.Errorf("edge %s %s -> %s: source is not a node of the subgraph", visible(e.Kind), visible(e.Src), visible(e.Dst))
		}
		if _, ok := idx[e.Dst]; !ok {
			return nil, fmt.Errorf("edge %s %s -> %s: target is not a node of the subgraph", visible(e.Kind), visible(e.Src), visible(e.Dst))
		}
	}
	return idx, nil
}
