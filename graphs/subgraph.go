// Package graphs builds case-sized subgraphs from the case database — the ego
// network of a node, the shortest paths between two nodes, the connecting
// network of a set, a cluster, the whole database — and measures them (degree,
// betweenness, connected components) on github.com/dominikbraun/graph. The
// exporters live in graphs/export.
//
// Whole-database traversal never loads the graph: paths are found by a
// bidirectional breadth-first search issuing one indexed query per level.
package graphs

import (
	"cmp"
	"slices"

	"github.com/casegraph/casegraph/internal/store"
)

// Node is one node of a subgraph, with where it came from.
type Node struct {
	ID    int64          `json:"-"`
	Key   string         `json:"key"`
	Kind  string         `json:"kind"`
	Label string         `json:"label"`
	Attrs map[string]any `json:"attrs,omitempty"`
	// Designated nodes are list entries; List and Programs say which list and
	// sanctions programmes.
	Designated bool     `json:"designated,omitempty"`
	List       string   `json:"list,omitempty"`
	Programs   []string `json:"programs,omitempty"`
	// Sources are the rows that asserted the node ("file:line", with the column).
	Sources []store.Assertion `json:"sources,omitempty"`
	// Hidden counts neighbours left out because the node is a hub (thousands of
	// links): by edge kind. Nil when every neighbour is in the subgraph.
	Hidden map[string]int `json:"hidden,omitempty"`
	// Measures, filled by Measure.
	Degree      int     `json:"degree"`
	Betweenness float64 `json:"betweenness"`
	Component   int     `json:"component"`
}

// Edge is one directed edge of a subgraph between two of its nodes (by key).
type Edge struct {
	ID      int64             `json:"-"`
	Kind    string            `json:"kind"`
	Src     string            `json:"src"`
	Dst     string            `json:"dst"`
	Attrs   map[string]any    `json:"attrs,omitempty"`
	Sources []store.Assertion `json:"sources,omitempty"`
}

// Subgraph is a set of nodes and the edges between them, as shown or exported.
type Subgraph struct {
	Title string  `json:"title"`
	Nodes []*Node `json:"nodes"`
	Edges []*Edge `json:"edges"`
	// Notes say what was left out and why (hubs summarised, a node cap reached).
	Notes []string `json:"notes,omitempty"`

	byKey map[string]*Node
	edges map[edgeID]bool
}

type edgeID struct {
	src, kind, dst string
}

// New returns an empty subgraph.
func New(title string) *Subgraph {
	return &Subgraph{Title: title, byKey: map[string]*Node{}, edges: map[edgeID]bool{}}
}

// AddNode adds n unless a node with its key is there; it returns the node kept.
func (g *Subgraph) AddNode(n *Node) *Node {
	if old, ok := g.byKey[n.Key]; ok {
		return old
	}
	g.byKey[n.Key] = n
	g.Nodes = append(g.Nodes, n)
	return n
}

// AddEdge adds e if both ends are in the subgraph and the same (src, kind, dst)
// is not; it reports whether it was added.
func (g *Subgraph) AddEdge(e *Edge) bool {
	id := edgeID{e.Src, e.Kind, e.Dst}
	if g.edges[id] || g.byKey[e.Src] == nil || g.byKey[e.Dst] == nil {
		return false
	}
	g.edges[id] = true
	g.Edges = append(g.Edges, e)
	return true
}

// Node returns the node with key, or nil.
func (g *Subgraph) Node(key string) *Node { return g.byKey[key] }

// Sort orders nodes by key and edges by (src, kind, dst), so every export of
// the same subgraph is byte-identical.
func (g *Subgraph) Sort() {
	slices.SortFunc(g.Nodes, func(a, b *Node) int { return cmp.Compare(a.Key, b.Key) })
	slices.SortFunc(g.Edges, func(a, b *Edge) int {
		if c := cmp.Compare(a.Src, b.Src); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return cmp.Compare(a.Dst, b.Dst)
	})
}
