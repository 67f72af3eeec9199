package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/casegraph/casegraph/graphs"
)

// Cytoscape.js element JSON ({"data": {...}, "classes": "..."}), also read by
// Cytoscape desktop as .cyjs.
type cyDoc struct {
	Data     cyGraph    `json:"data"`
	Elements cyElements `json:"elements"`
}

type cyGraph struct {
	Name  string   `json:"name"`
	Notes []string `json:"notes,omitempty"`
}

type cyElements struct {
	Nodes []cyNode `json:"nodes"`
	Edges []cyEdge `json:"edges"`
}

type cyNode struct {
	Data    cyNodeData `json:"data"`
	Classes string     `json:"classes,omitempty"`
}

type cyNodeData struct {
	ID          string         `json:"id"`
	Key         string         `json:"key"`
	Kind        string         `json:"kind"`
	Label       string         `json:"label"`
	Designated  bool           `json:"designated"`
	List        string         `json:"list,omitempty"`
	Programs    []string       `json:"programs,omitempty"`
	Sources     []string       `json:"sources,omitempty"`
	Hidden      map[string]int `json:"hidden,omitempty"`
	HiddenText  string         `json:"hidden_summary,omitempty"`
	Degree      int            `json:"degree"`
	Betweenness float64        `json:"betweenness"`
	Component   int            `json:"component"`
	Attrs       any            `json:"attrs,omitempty"`
}

type cyEdge struct {
	Data cyEdgeData `json:"data"`
}

type cyEdgeData struct {
	ID      string   `json:"id"`
	Source  string   `json:"source"`
	Target  string   `json:"target"`
	Kind    string   `json:"kind"`
	Label   string   `json:"label"`
	Attrs   any      `json:"attrs,omitempty"`
	Sources []string `json:"sources,omitempty"`
}

// WriteCytoscape writes sg as Cytoscape.js JSON: {"data": {"name"},
// "elements": {"nodes": [{"data": {"id", ...}}], "edges": [{"data": {"id",
// "source", "target", ...}}]}}. Node ids are the keys; edge ids "e0", "e1", ….
// Attributes stay nested; designated nodes carry the class "designated" and
// every node the class of its kind, for stylesheets.
func WriteCytoscape(w io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("cytoscape: %w", err)
	}
	doc := cyDoc{Data: cyGraph{Name: visible(sg.Title)}}
	for _, n := range sg.Notes {
		doc.Data.Notes = append(doc.Data.Notes, visible(n))
	}
	doc.Elements.Nodes = make([]cyNode, len(sg.Nodes))
	for i, n := range sg.Nodes {
		d := cyNodeData{
			ID: visible(n.Key), Key: visible(n.Key), Kind: visible(n.Kind), Label: visible(n.Label),
			Designated: n.Designated, List: visible(n.List), Sources: sourceList(n.Sources),
			HiddenText: hiddenSummary(n.Hidden),
			Degree:     n.Degree, Betweenness: finite(n.Betweenness), Component: n.Component,
		}
		for _, p := range n.Programs {
			d.Programs = append(d.Programs, visible(p))
		}
		if len(n.Hidden) > 0 {
			d.Hidden = make(map[string]int, len(n.Hidden))
			for k, v := range n.Hidden {
				d.Hidden[visible(k)] += v
			}
		}
		if len(n.Attrs) > 0 {
			d.Attrs = visibleAny(n.Attrs)
		}
		classes := classToken(n.Kind)
		if n.Designated {
			classes += " designated"
		}
		doc.Elements.Nodes[i] = cyNode{Data: d, Classes: classes}
	}
	doc.Elements.Edges = make([]cyEdge, len(sg.Edges))
	for i, e := range sg.Edges {
		d := cyEdgeData{
			ID: "e" + strconv.Itoa(i), Source: visible(e.Src), Target: visible(e.Dst),
			Kind: visible(e.Kind), Label: visible(e.Kind), Sources: sourceList(e.Sources),
		}
		if len(e.Attrs) > 0 {
			d.Attrs = visibleAny(e.Attrs)
		}
		doc.Elements.Edges[i] = cyEdge{Data: d}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("cytoscape: %w", err)
	}
	return nil
}

// classToken makes a kind one stylesheet class: letters, digits, '-' and '_'
// kept, anything else '_' ("node" if empty), since classes are separated by
// spaces.
func classToken(kind string) string {
	if kind == "" {
		return "node"
	}
	b := []byte(kind)
	for i, c := range b {
		if !isASCIIAlnum(rune(c)) && c != '-' && c != '_' {
			b[i] = '_'
		}
	}
	return string(b)
}
