package graphview

import (
	"cmp"
	"slices"

	"github.com/casegraph/casegraph/graphs"
)

// link is what joins two nodes of the subgraph, seen from one of them: every
// edge kind between the pair, and which ways the edges point.
type link struct {
	kinds []string // distinct, sorted
	out   bool     // an edge goes from this node to the other
	in    bool     // an edge comes from the other node to this one
}

// arrangement is the part of the layout that does not depend on the screen:
// each node's level (its breadth-first distance from the centre) and the
// order of the nodes within a level, chosen so that lines cross little.
type arrangement struct {
	center string
	nodes  map[string]*graphs.Node
	adj    map[string]map[string]*link
	nbrs   map[string][]string // neighbours by key, sorted
	level  map[string]int
	cols   [][]string // keys by level, in drawing order
	index  map[string]int
	labels map[string]label
	pairs  int // linked pairs (several edges between two nodes count once)
	// unlinked says the last column holds nodes with no path to the centre
	// inside the subgraph (it should not happen for an ego network).
	unlinked bool
}

// arrange levels and orders g around center.
func arrange(g *graphs.Subgraph, center string) *arrangement {
	a := &arrangement{center: center, nodes: map[string]*graphs.Node{}, adj: map[string]map[string]*link{},
		nbrs: map[string][]string{}, level: map[string]int{}, index: map[string]int{}, labels: map[string]label{}}
	var keys []string
	for _, n := range g.Nodes {
		if a.nodes[n.Key] == nil {
			a.nodes[n.Key] = n
			keys = append(keys, n.Key)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		a.labels[k] = newLabel(a, k)
	}
	for _, e := range g.Edges {
		if e.Src == e.Dst || a.nodes[e.Src] == nil || a.nodes[e.Dst] == nil {
			continue
		}
		a.addLink(e.Src, e.Dst, e.Kind, true)
		a.addLink(e.Dst, e.Src, e.Kind, false)
	}
	for k, m := range a.adj {
		for o := range m {
			a.nbrs[k] = append(a.nbrs[k], o)
		}
		slices.Sort(a.nbrs[k])
		a.pairs += len(m)
	}
	a.pairs /= 2

	// Breadth first from the centre.
	if a.nodes[center] != nil {
		a.level[center] = 0
		a.cols = [][]string{{center}}
		for frontier := []string{center}; len(frontier) > 0; {
			var next []string
			for _, k := range frontier {
				for _, o := range a.nbrs[k] {
					if _, ok := a.level[o]; !ok {
						a.level[o] = len(a.cols)
						next = append(next, o)
					}
				}
			}
			if len(next) > 0 {
				a.cols = append(a.cols, next)
			}
			frontier = next
		}
	}
	var rest []string
	for _, k := range keys {
		if _, ok := a.level[k]; !ok {
			rest = append(rest, k)
		}
	}
	if len(rest) > 0 {
		a.unlinked = true
		for _, k := range rest {
			a.level[k] = len(a.cols)
		}
		a.cols = append(a.cols, rest)
	}

	// The first ring is grouped by kind; each further ring follows the
	// positions of its neighbours in the ring before (the barycentre
	// heuristic), then a few sweeps both ways untangle the rest.
	byKind := func(x, y string) int {
		return cmp.Or(cmp.Compare(a.nodes[x].Kind, a.nodes[y].Kind), cmp.Compare(x, y))
	}
	for d := 1; d < len(a.cols); d++ {
		slices.SortFunc(a.cols[d], byKind)
	}
	a.reindex()
	last := len(a.cols) - 1
	if a.unlinked {
		last-- // the unlinked column has nothing to follow
	}
	for d := 2; d <= last; d++ {
		a.sortBy(d, d-1)
	}
	for range 2 {
		for d := last - 1; d >= 1; d-- {
			a.sortBy(d, d+1)
		}
		for d := 2; d <= last; d++ {
			a.sortBy(d, d-1)
		}
	}
	return a
}

func (a *arrangement) addLink(from, to, kind string, out bool) {
	m := a.adj[from]
	if m == nil {
		m = map[string]*link{}
		a.adj[from] = m
	}
	l := m[to]
	if l == nil {
		l = &link{}
		m[to] = l
	}
	if i, ok := slices.BinarySearch(l.kinds, kind); !ok {
		l.kinds = slices.Insert(l.kinds, i, kind)
	}
	if out {
		l.out = true
	} else {
		l.in = true
	}
}

func (a *arrangement) reindex() {
	for _, col := range a.cols {
		for i, k := range col {
			a.index[k] = i
		}
	}
}

// frac is a node's position in its column, from 0 (top) to 1 (bottom).
func (a *arrangement) frac(k string) float64 {
	n := len(a.cols[a.level[k]])
	if n <= 1 {
		return 0.5
	}
	return float64(a.index[k]) / float64(n-1)
}

// sortBy orders level d by the mean position of each node's neighbours in
// level o; a node without any keeps its own position.
func (a *arrangement) sortBy(d, o int) {
	col := a.cols[d]
	bary := make(map[string]float64, len(col))
	for _, k := range col {
		sum, n := 0.0, 0
		for _, x := range a.nbrs[k] {
			if a.level[x] == o {
				sum += a.frac(x)
				n++
			}
		}
		if n == 0 {
			bary[k] = a.frac(k)
		} else {
			bary[k] = sum / float64(n)
		}
	}
	slices.SortStableFunc(col, func(x, y string) int { return cmp.Compare(bary[x], bary[y]) })
	for i, k := range col {
		a.index[k] = i
	}
}

// neighboursIn lists k's neighbours in level d, in drawing order.
func (a *arrangement) neighboursIn(k string, d int) []string {
	var out []string
	for _, x := range a.nbrs[k] {
		if a.level[x] == d {
			out = append(out, x)
		}
	}
	slices.SortFunc(out, func(x, y string) int { return cmp.Compare(a.index[x], a.index[y]) })
	return out
}

// reading lists every node column by column, top to bottom (the Tab order).
func (a *arrangement) reading() []string {
	var out []string
	for _, col := range a.cols {
		out = append(out, col...)
	}
	return out
}
