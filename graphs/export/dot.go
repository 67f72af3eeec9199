package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/casegraph/casegraph/graphs"
)

// WriteDOT writes sg as a Graphviz digraph. Node ids are the quoted keys;
// every field is a node or edge attribute (Graphviz keeps attributes it does
// not draw, so other DOT readers see them). The drawn label is the node label,
// its kind, and the hidden-neighbour summary of a hub; the label alone is the
// attribute label_text, and the SVG tooltip gives the key and sources. Designated nodes are red
// double octagons; edges are labelled with their kind.
func WriteDOT(w io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("dot: %w", err)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("digraph \"casegraph\" {\n")
	b.WriteString("  graph [rankdir=LR, labelloc=t, fontname=\"sans-serif\"")
	if sg.Title != "" {
		b.WriteString(", label=")
		dotQuote(b, sg.Title)
	}
	if len(sg.Notes) > 0 {
		b.WriteString(", comment=")
		dotQuote(b, strings.Join(sg.Notes, "\n"))
	}
	b.WriteString("];\n")
	b.WriteString("  node [shape=box, style=\"rounded\", fontname=\"sans-serif\"];\n")
	b.WriteString("  edge [fontname=\"sans-serif\", fontsize=10];\n")
	for _, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("dot: node %s: %w", visible(n.Key), err)
		}
		b.WriteString("  ")
		dotQuote(b, fn.key)
		b.WriteString(" [label=")
		drawn := fn.label + "\n(" + fn.kind + ")"
		if fn.hidden != "" {
			drawn += "\n+" + fn.hidden
		}
		dotQuote(b, drawn)
		if fn.designated {
			b.WriteString(", shape=doubleoctagon, color=red, fontcolor=red, penwidth=2")
		}
		tip := fn.key
		if len(fn.sources) > 0 {
			tip += "\nsources: " + strings.Join(fn.sources, "; ")
		}
		b.WriteString(", tooltip=")
		dotQuote(b, tip)
		for j, f := range nodeFields {
			if v := fn.value(j); v != "" && f.name != "label" {
				b.WriteString(", ")
				b.WriteString(f.name)
				b.WriteString("=")
				dotQuote(b, v)
			}
		}
		b.WriteString(", label_text=")
		dotQuote(b, fn.label)
		b.WriteString("];\n")
	}
	for _, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("dot: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		b.WriteString("  ")
		dotQuote(b, fe.src)
		b.WriteString(" -> ")
		dotQuote(b, fe.dst)
		b.WriteString(" [label=")
		dotQuote(b, fe.kind)
		for j, f := range edgeFields {
			if v := fe.value(j); v != "" && f.name != "src" && f.name != "dst" {
				b.WriteString(", ")
				b.WriteString(f.name)
				b.WriteString("=")
				dotQuote(b, v)
			}
		}
		b.WriteString("];\n")
	}
	b.WriteString("}\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("dot: %w", err)
	}
	return nil
}

// dotQuote writes s as a DOT double-quoted string, after visible. Quotes and
// backslashes are escaped — a backslash would otherwise start one of
// Graphviz's label escapes (\N is the node name, \l a left-justified line) —
// and line breaks become \n.
func dotQuote(b *bufio.Writer, s string) {
	s = visible(s)
	b.WriteByte('"')
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '"':
			rep = `\"`
		case '\\':
			rep = `\\`
		case '\n':
			rep = `\n`
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' { // CRLF is one line break
				rep = ""
			} else {
				rep = `\n`
			}
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
	b.WriteByte('"')
}

// dotString returns dotQuote's output as a string (for tests and fuzzing).
func dotString(s string) string {
	var sb strings.Builder
	b := bufio.NewWriter(&sb)
	dotQuote(b, s)
	b.Flush()
	return sb.String()
}
