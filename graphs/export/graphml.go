package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/casegraph/casegraph/graphs"
)

// WriteGraphML writes sg as GraphML (yEd, Gephi, networkx, Cytoscape): one
// typed <key> per field for nodes and for edges, directed edges. Node ids are
// "n0", "n1", … in key order (GraphML ids are XML name tokens, which keys are
// not); the key itself is the "key" attribute. Text fields with no value are
// left out. The title and notes go in the graph's <desc>.
func WriteGraphML(w io.Writer, sg *graphs.Subgraph) error {
	idx, err := nodeIndex(sg)
	if err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, f := range nodeFields {
		graphmlKey(b, "n_", "node", f)
	}
	for _, f := range edgeFields {
		graphmlKey(b, "e_", "edge", f)
	}
	b.WriteString(`  <graph id="G" edgedefault="directed">` + "\n")
	if desc := graphDesc(sg); desc != "" {
		b.WriteString("    <desc>")
		xmlEscape(b, desc, false)
		b.WriteString("</desc>\n")
	}
	for i, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("graphml: node %s: %w", visible(n.Key), err)
		}
		b.WriteString(`    <node id="n`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString("\">\n")
		for j, f := range nodeFields {
			graphmlData(b, "n_", f, fn.value(j))
		}
		b.WriteString("    </node>\n")
	}
	for i, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("graphml: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		b.WriteString(`    <edge id="e`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`" source="n`)
		b.WriteString(strconv.Itoa(idx[e.Src]))
		b.WriteString(`" target="n`)
		b.WriteString(strconv.Itoa(idx[e.Dst]))
		b.WriteString("\">\n")
		for j, f := range edgeFields {
			graphmlData(b, "e_", f, fe.value(j))
		}
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	return nil
}

func graphmlKey(b *bufio.Writer, prefix, domain string, f field) {
	b.WriteString(`  <key id="` + prefix + f.name + `" for="` + domain + `" attr.name="` + f.name + `" attr.type="` + f.typ + `"/>` + "\n")
}

func graphmlData(b *bufio.Writer, prefix string, f field, v string) {
	if v == "" {
		return
	}
	b.WriteString(`      <data key="`)
	b.WriteString(prefix)
	b.WriteString(f.name)
	b.WriteString(`">`)
	xmlEscape(b, v, false)
	b.WriteString("</data>\n")
}

// graphDesc is the title followed by the notes, one per line.
func graphDesc(sg *graphs.Subgraph) string {
	desc := sg.Title
	for _, n := range sg.Notes {
		if desc != "" {
			desc += "\n"
		}
		desc += n
	}
	return desc
}
