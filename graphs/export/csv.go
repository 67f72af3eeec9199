package export

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/casegraph/casegraph/graphs"
)

// WriteCSV writes sg as two spreadsheet-friendly CSV files (RFC 4180, UTF-8,
// a header row): nodes (key, kind, label, designated, list, programs, sources,
// degree, betweenness, component, hidden, attrs) and edges (src, kind, dst,
// attrs, sources). Programs and sources hold several values joined by "; ";
// attrs is JSON.
//
// Text cells that begin with = + - @, a tab or a carriage return get a leading
// apostrophe: a spreadsheet would run them as formulas (=HYPERLINK(...),
// =cmd|...) and the records were written by the people under investigation.
// The apostrophe is how spreadsheets mark text, so the cell still shows the
// value; anyone reading the file as data strips one leading apostrophe from
// such cells. Numeric and boolean columns are written by casegraph and left
// alone.
func WriteCSV(nodes, edges io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	nw := csv.NewWriter(nodes)
	order := []string{"key", "kind", "label", "designated", "list", "programs", "sources", "degree", "betweenness", "component", "hidden", "attrs"}
	pos := fieldPositions(nodeFields, order)
	if err := nw.Write(order); err != nil {
		return fmt.Errorf("csv nodes: %w", err)
	}
	row := make([]string, len(order))
	for _, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("csv: node %s: %w", visible(n.Key), err)
		}
		for i, p := range pos {
			v := fn.value(p)
			if nodeFields[p].typ == tString {
				v = defuseFormula(v)
			}
			row[i] = v
		}
		if err := nw.Write(row); err != nil {
			return fmt.Errorf("csv nodes: %w", err)
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return fmt.Errorf("csv nodes: %w", err)
	}

	ew := csv.NewWriter(edges)
	eorder := []string{"src", "kind", "dst", "attrs", "sources"}
	epos := fieldPositions(edgeFields, eorder)
	if err := ew.Write(eorder); err != nil {
		return fmt.Errorf("csv edges: %w", err)
	}
	row = make([]string, len(eorder))
	for _, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("csv: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		for i, p := range epos {
			row[i] = defuseFormula(fe.value(p))
		}
		if err := ew.Write(row); err != nil {
			return fmt.Errorf("csv edges: %w", err)
		}
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return fmt.Errorf("csv edges: %w", err)
	}
	return nil
}

// fieldPositions returns where each name of order sits in fields.
func fieldPositions(fields []field, order []string) []int {
	pos := make([]int, len(order))
	for i, name := range order {
		pos[i] = -1
		for j, f := range fields {
			if f.name == name {
				pos[i] = j
			}
		}
		if pos[i] < 0 {
			panic("export: no field " + name) // a programming error, caught by every test
		}
	}
	return pos
}

// defuseFormula prefixes an apostrophe to a cell a spreadsheet would evaluate.
func defuseFormula(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
