package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/casegraph/casegraph/graphs"
)

// gexfType spells a field type as GEXF 1.3 does.
var gexfType = map[string]string{tString: "string", tBool: "boolean", tInt: "integer", tDouble: "double"}

// WriteGEXF writes sg as GEXF 1.3 (Gephi, networkx): node ids are the keys
// and labels the node labels; edges have ids "0", "1", …, and their kind as
// both label and GEXF 1.3's edge kind, which is how Gephi keeps two edges of
// different kinds between the same nodes apart. Every other field is a typed
// attribute declared in <attributes class="node"> or "edge" (ids are
// positions, titles the field names); the label and kind are not repeated
// there, as Gephi reserves those column names. The "key" field repeats the
// node id so that it survives a tool that renumbers nodes. Text fields with
// no value are left out.
func WriteGEXF(w io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("gexf: %w", err)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>casegraph</creator>
`)
	if desc := graphDesc(sg); desc != "" {
		b.WriteString("    <description>")
		xmlEscape(b, desc, false)
		b.WriteString("</description>\n")
	}
	b.WriteString("  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"static\">\n")
	nodeCols := gexfColumns(nodeFields, "label")
	edgeCols := gexfColumns(edgeFields, "kind")
	gexfAttributes(b, "node", nodeFields, nodeCols)
	gexfAttributes(b, "edge", edgeFields, edgeCols)
	b.WriteString(`    <nodes count="` + strconv.Itoa(len(sg.Nodes)) + "\">\n")
	for _, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("gexf: node %s: %w", visible(n.Key), err)
		}
		b.WriteString(`      <node id="`)
		xmlEscape(b, fn.key, true)
		b.WriteString(`" label="`)
		xmlEscape(b, fn.label, true)
		b.WriteString("\">\n        <attvalues>\n")
		for id, j := range nodeCols {
			gexfValue(b, id, fn.value(j))
		}
		b.WriteString("        </attvalues>\n      </node>\n")
	}
	b.WriteString("    </nodes>\n")
	b.WriteString(`    <edges count="` + strconv.Itoa(len(sg.Edges)) + "\">\n")
	for i, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("gexf: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		b.WriteString(`      <edge id="`)
		b.WriteString(strconv.Itoa(i))
		b.WriteString(`" source="`)
		xmlEscape(b, fe.src, true)
		b.WriteString(`" target="`)
		xmlEscape(b, fe.dst, true)
		b.WriteString(`" label="`)
		xmlEscape(b, fe.kind, true)
		b.WriteString(`" kind="`)
		xmlEscape(b, fe.kind, true)
		b.WriteString("\">\n        <attvalues>\n")
		for id, j := range edgeCols {
			gexfValue(b, id, fe.value(j))
		}
		b.WriteString("        </attvalues>\n      </edge>\n")
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	if err := b.Flush(); err != nil {
		return fmt.Errorf("gexf: %w", err)
	}
	return nil
}

// gexfColumns lists the positions of the fields declared as attributes: all
// but the one written natively.
func gexfColumns(fields []field, native string) []int {
	var cols []int
	for i, f := range fields {
		if f.name != native {
			cols = append(cols, i)
		}
	}
	return cols
}

func gexfAttributes(b *bufio.Writer, class string, fields []field, cols []int) {
	b.WriteString(`    <attributes class="` + class + "\">\n")
	for id, j := range cols {
		f := fields[j]
		b.WriteString(`      <attribute id="` + strconv.Itoa(id) + `" title="` + f.name + `" type="` + gexfType[f.typ] + `"/>` + "\n")
	}
	b.WriteString("    </attributes>\n")
}

func gexfValue(b *bufio.Writer, i int, v string) {
	if v == "" {
		return
	}
	b.WriteString(`          <attvalue for="`)
	b.WriteString(strconv.Itoa(i))
	b.WriteString(`" value="`)
	xmlEscape(b, v, true)
	b.WriteString("\"/>\n")
}
