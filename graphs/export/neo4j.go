package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casegraph/casegraph/graphs"
)

// neo4jNodesHeader and neo4jEdgesHeader are the header rows of the Neo4j
// bulk-import files: typed properties, the key as the node :ID (and "key"
// property), the kind as a label; hidden and attrs are plain strings.
var (
	neo4jNodesHeader = []string{"key:ID", "label", "kind", "designated:boolean", "list", "programs:string[]",
		"sources:string[]", "degree:int", "betweenness:double", "component:int", ":LABEL", "hidden", "attrs"}
	neo4jEdgesHeader = []string{":START_ID", ":END_ID", ":TYPE", "attrs", "sources:string[]"}
)

// Neo4jImportCommand loads a neo4j export into a new database (run in the
// export directory). Arrays use neo4j-admin's default array delimiter ";".
// Labels, notes and attributes may hold line breaks, which neo4j-admin only
// reads with --multiline-fields=true.
const Neo4jImportCommand = "neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv --multiline-fields=true neo4j"

// WriteNeo4j writes sg as the two CSV files of `neo4j-admin database import
// full` (see Neo4jImportCommand), with these headers:
//
//	key:ID,label,kind,designated:boolean,list,programs:string[],sources:string[],degree:int,betweenness:double,component:int,:LABEL,hidden,attrs
//	:START_ID,:END_ID,:TYPE,attrs,sources:string[]
//
// :LABEL is the kind in CamelCase ("Contractor", "Person"), with a second
// label "Designated" for list entries; :TYPE is the edge kind in upper case
// ("PAYOUT_TO"). The array columns (programs, sources, :LABEL) use ";", the
// default array delimiter, which has no escape: a ";" inside one value is
// written as the full-width "；" so the value is not split. Unlike the csv
// export, cells are written as they are, without the formula guard: these
// files are data for Neo4j, and the guard would change what it stores.
func WriteNeo4j(nodes, edges io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("neo4j: %w", err)
	}
	nw := csv.NewWriter(nodes)
	if err := nw.Write(neo4jNodesHeader); err != nil {
		return fmt.Errorf("neo4j nodes: %w", err)
	}
	for _, n := range sg.Nodes {
		fn, err := flattenNode(n)
		if err != nil {
			return fmt.Errorf("neo4j: node %s: %w", visible(n.Key), err)
		}
		labels := neo4jLabel(n.Kind)
		if n.Designated {
			labels += ";Designated"
		}
		row := []string{fn.key, fn.label, fn.kind, strconv.FormatBool(fn.designated), fn.list,
			neo4jArray(fn.programs), neo4jArray(fn.sources), strconv.Itoa(fn.degree),
			formatFloat(fn.betweenness), strconv.Itoa(fn.component), labels, fn.hidden, fn.attrs}
		if err := nw.Write(row); err != nil {
			return fmt.Errorf("neo4j nodes: %w", err)
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return fmt.Errorf("neo4j nodes: %w", err)
	}

	ew := csv.NewWriter(edges)
	if err := ew.Write(neo4jEdgesHeader); err != nil {
		return fmt.Errorf("neo4j edges: %w", err)
	}
	for _, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			return fmt.Errorf("neo4j: edge %s %s -> %s: %w", visible(e.Kind), visible(e.Src), visible(e.Dst), err)
		}
		if err := ew.Write([]string{fe.src, fe.dst, neo4jType(e.Kind), fe.attrs, neo4jArray(fe.sources)}); err != nil {
			return fmt.Errorf("neo4j edges: %w", err)
		}
	}
	ew.Flush()
	if err := ew.Error(); err != nil {
		return fmt.Errorf("neo4j edges: %w", err)
	}
	return nil
}

// neo4jArray joins values with the array delimiter, after replacing the
// delimiter inside each value.
func neo4jArray(vals []string) string {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(strings.ReplaceAll(v, ";", "；"))
	}
	return b.String()
}

// neo4jLabel turns a kind into a CamelCase label: letters and digits kept,
// anything else a word break ("located_at" → "LocatedAt"); "Node" if nothing
// is left.
func neo4jLabel(kind string) string {
	var b strings.Builder
	upper := true
	for _, r := range kind {
		if !isASCIIAlnum(r) {
			upper = true
			continue
		}
		if upper && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		upper = false
		b.WriteRune(r)
	}
	if b.Len() == 0 || b.String()[0] >= '0' && b.String()[0] <= '9' {
		return "Node" + b.String()
	}
	return b.String()
}

// neo4jType turns an edge kind into a relationship type: upper case, anything
// but letters and digits an underscore ("payout_to" → "PAYOUT_TO"); "LINKED"
// if no letter or digit is left.
func neo4jType(kind string) string {
	var b strings.Builder
	any := false
	for _, r := range kind {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - ('a' - 'A'))
			any = true
		case isASCIIAlnum(r):
			b.WriteRune(r)
			any = true
		default:
			b.WriteByte('_')
		}
	}
	if !any {
		return "LINKED"
	}
	return b.String()
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
