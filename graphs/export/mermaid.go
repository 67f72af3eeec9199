package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/casegraph/casegraph/graphs"
)

// WriteMermaid writes sg as a Mermaid flowchart (flowchart LR) for Markdown
// reports. Node ids are "n0", "n1", … in key order; the drawn label is the
// node label, its kind and a hub's hidden-neighbour summary, quoted and
// escaped (see mermaidText); designated nodes carry the class "designated",
// drawn red. Edges are labelled with their kind. Everything else — key,
// list, programs, sources, measures, attributes — rides in a "%%" comment
// after each node and edge as one line of JSON, which Mermaid ignores and a
// script can read.
//
// Mermaid refuses diagrams over its maxTextSize (50,000 characters by
// default): export a case-sized subgraph, not a whole database.
func WriteMermaid(w io.Writer, sg *graphs.Subgraph) error {
	idx, err := nodeIndex(sg)
	if err != nil {
		return fmt.Errorf("mermaid: %w", err)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("flowchart LR\n")
	if sg.Title != "" || len(sg.Notes) > 0 {
		b.WriteString("  %% casegraph ")
		mermaidComment(b, map[string]any{"title": visible(sg.Title), "notes": visibleAny(stringsAny(sg.Notes))})
	}
	b.WriteString("  classDef designated fill:#fdd,stroke:#c00,stroke-width:3px,color:#900\n")
	for i, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("mermaid: node %s: %w", visible(n.Key), err)
		}
		id := "n" + strconv.Itoa(i)
		drawn := fn.label + "\n(" + fn.kind + ")"
		if fn.hidden != "" {
			drawn += "\n+" + fn.hidden
		}
		b.WriteString("  " + id + "[\"")
		mermaidText(b, drawn)
		b.WriteString("\"]")
		if n.Designated {
			b.WriteString(":::designated")
		}
		b.WriteString("\n  %% " + id + " ")
		meta := map[string]any{}
		for j, f := range nodeFields {
			if v := fn.value(j); v != "" {
				meta[f.name] = v
			}
		}
		mermaidComment(b, meta)
	}
	for i, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("mermaid: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		b.WriteString("  n" + strconv.Itoa(idx[e.Src]) + " -->|\"")
		mermaidText(b, fe.kind)
		b.WriteString("\"| n" + strconv.Itoa(idx[e.Dst]) + "\n")
		b.WriteString("  %% e" + strconv.Itoa(i) + " ")
		meta := map[string]any{}
		for j, f := range edgeFields {
			if v := fe.value(j); v != "" {
				meta[f.name] = v
			}
		}
		mermaidComment(b, meta)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("mermaid: %w", err)
	}
	return nil
}

func stringsAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// mermaidComment ends a "%%" comment line with v as JSON. The JSON is one
// line, and "%" is written \u0025: Mermaid reads "%%{...}%%" as a
// configuration directive anywhere in the text, comments included.
func mermaidComment(b *bufio.Writer, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		buf.WriteString("{}\n") // only strings and ints are passed in
	}
	b.WriteString(strings.ReplaceAll(buf.String(), "%", `\u0025`))
}

// mermaidText writes s inside a Mermaid double-quoted label, after visible.
// Mermaid has no backslash escapes; it decodes "#name;" and "#123;" entity
// codes, so: the quote is #quot;, and #, &, <, >, % (which would start a
// directive) and ` (which would start a Markdown string) are entity codes too;
// a line break is <br>; other non-ASCII characters that are not letters,
// marks, digits or spaces — symbols Mermaid's own entity placeholders are made
// of among them — are numeric codes. Letters of every script stay as written.
func mermaidText(b *bufio.Writer, s string) {
	s = visible(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"':
				b.WriteString("#quot;")
			case '&':
				b.WriteString("#amp;")
			case '<':
				b.WriteString("#lt;")
			case '>':
				b.WriteString("#gt;")
			case '#', '%', '`', '\t':
				b.WriteString("#" + strconv.Itoa(int(c)) + ";")
			case '\n':
				b.WriteString("<br>")
			case '\r':
				if i+1 >= len(s) || s[i+1] != '\n' {
					b.WriteString("<br>")
				}
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.Zs, r) {
			b.WriteString(s[i : i+size])
		} else {
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		}
		i += size
	}
}

// mermaidString returns mermaidText's output as a string (for tests and fuzzing).
func mermaidString(s string) string {
	var sb strings.Builder
	b := bufio.NewWriter(&sb)
	mermaidText(b, s)
	b.Flush()
	return sb.String()
}
