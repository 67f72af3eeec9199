package graphs

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/casegraph/casegraph/internal/store"
)

// Path is one shortest path: its nodes in order and the edge joining each to
// the next (Edges[i] joins Nodes[i] and Nodes[i+1], in either direction).
type Path struct {
	Nodes []*Node `json:"nodes"`
	Edges []*Edge `json:"edges"`
}

// Paths is the outcome of a shortest-path search.
type Paths struct {
	From, To string
	Hops     int       // length of the shortest paths, 0 when none was found
	Paths    []Path    // every shortest path, up to the limit
	Graph    *Subgraph // the union of the paths
	Explored int       // nodes reached by the two searches
	Notes    []string
}

// pathHubDegree: a path search does not pass through a node with more edges
// than this (a payment processor, a VPN exit): every two of its neighbours
// would be two hops apart, which says nothing.
const pathHubDegree = 500

// side is one half of a bidirectional search.
type side struct {
	dist     map[int64]int
	parents  map[int64][]store.EdgeRef // edges to the previous level
	frontier []int64
	depth    int
}

func newSide(id int64) *side {
	return &side{dist: map[int64]int{id: 0}, parents: map[int64][]store.EdgeRef{}, frontier: []int64{id}}
}

// ShortestPaths finds every shortest path (up to limit, at most maxHops edges)
// between the nodes with keys from and to, by a bidirectional breadth-first
// search over the indexed edges: each level is one query per few hundred
// frontier nodes, and the smaller frontier is expanded first. Hubs (more than
// 500 edges) are not passed through, except as an end.
func ShortestPaths(ctx context.Context, st *store.Store, from, to string, maxHops, limit int, opt Options) (*Paths, error) {
	opt = opt.withDefaults()
	if maxHops <= 0 {
		maxHops = 6
	}
	if limit <= 0 {
		limit = 10
	}
	a, err := st.NodeByKey(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("path from %s: %w", from, err)
	}
	b, err := st.NodeByKey(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("path to %s: %w", to, err)
	}
	res := &Paths{From: from, To: to}
	A, B := newSide(a.ID), newSide(b.ID)
	ends := map[int64]bool{a.ID: true, b.ID: true}
	hubs := map[int64]bool{}
	var meet []int64
	for a.ID != b.ID && A.depth+B.depth < maxHops && len(meet) == 0 {
		s, other := A, B
		if len(B.frontier) < len(A.frontier) {
			s, other = B, A
		}
		if len(s.frontier) == 0 {
			break
		}
		if err := expand(ctx, st, s, ends, hubs); err != nil {
			return nil, err
		}
		best := -1
		for _, id := range s.frontier {
			if d, ok := other.dist[id]; ok {
				if sum := s.dist[id] + d; best < 0 || sum < best {
					best, meet = sum, meet[:0]
				}
				if s.dist[id]+d == best {
					meet = append(meet, id)
				}
			}
		}
	}
	res.Explored = len(A.dist) + len(B.dist)
	if len(hubs) > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d hubs (more than %d links) not passed through", len(hubs), pathHubDegree))
	}
	var idPaths [][]store.EdgeRef
	var nodePaths [][]int64
	if a.ID == b.ID {
		nodePaths = [][]int64{{a.ID}}
		idPaths = [][]store.EdgeRef{nil}
	}
	slices.Sort(meet)
	for _, m := range meet {
		for _, left := range walk(A, m, a.ID, limit) {
			for _, right := range walk(B, m, b.ID, limit) {
				if len(idPaths) == limit {
					break
				}
				// left runs m→a: reverse it; right runs m→b.
				nodes := []int64{a.ID}
				var edges []store.EdgeRef
				for i := len(left) - 1; i >= 0; i-- {
					edges = append(edges, left[i])
					nodes = append(nodes, left[i].Other(nodes[len(nodes)-1]))
				}
				for _, e := range right {
					edges = append(edges, e)
					nodes = append(nodes, e.Other(nodes[len(nodes)-1]))
				}
				idPaths = append(idPaths, edges)
				nodePaths = append(nodePaths, nodes)
			}
		}
	}
	if len(nodePaths) == 0 {
		res.Graph = New(fmt.Sprintf("no path from %s to %s within %d hops", from, to, maxHops))
		return res, nil
	}
	res.Hops = len(nodePaths[0]) - 1
	var ids []int64
	var edges []store.EdgeRef
	seenN, seenE := map[int64]bool{}, map[int64]bool{}
	for i, np := range nodePaths {
		for _, id := range np {
			if !seenN[id] {
				seenN[id] = true
				ids = append(ids, id)
			}
		}
		for _, e := range idPaths[i] {
			if !seenE[e.ID] {
				seenE[e.ID] = true
				edges = append(edges, e)
			}
		}
	}
	opt.LedgerSources = true
	g, err := assemble(ctx, st, fmt.Sprintf("shortest paths from %s to %s", from, to), ids, edges, opt)
	if err != nil {
		return nil, err
	}
	res.Graph = g
	byID := map[int64]*Node{}
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	edgeByID := map[int64]*Edge{}
	for _, e := range g.Edges {
		edgeByID[e.ID] = e
	}
	for i, np := range nodePaths {
		var p Path
		for _, id := range np {
			p.Nodes = append(p.Nodes, byID[id])
		}
		for _, e := range idPaths[i] {
			p.Edges = append(p.Edges, edgeByID[e.ID])
		}
		res.Paths = append(res.Paths, p)
	}
	return res, nil
}

// expand takes one breadth-first step from s's frontier.
func expand(ctx context.Context, st *store.Store, s *side, ends, hubs map[int64]bool) error {
	deg, err := st.Degrees(ctx, s.frontier)
	if err != nil {
		return err
	}
	var open []int64
	for _, id := range s.frontier {
		if deg[id] > pathHubDegree && !ends[id] {
			hubs[id] = true
			continue
		}
		open = append(open, id)
	}
	inc, err := st.Incident(ctx, open)
	if err != nil {
		return err
	}
	slices.SortFunc(inc, func(x, y store.EdgeRef) int { return cmp.Compare(x.ID, y.ID) })
	s.depth++
	var next []int64
	for _, e := range inc {
		for _, u := range []int64{e.Src, e.Dst} {
			if d, ok := s.dist[u]; !ok || d != s.depth-1 {
				continue
			}
			v := e.Other(u)
			switch d, ok := s.dist[v]; {
			case !ok:
				s.dist[v] = s.depth
				s.parents[v] = []store.EdgeRef{e}
				next = append(next, v)
			case d == s.depth:
				s.parents[v] = append(s.parents[v], e)
			}
		}
	}
	s.frontier = next
	return nil
}

// walk lists the edge sequences from node m back to the side's start, up to limit.
func walk(s *side, m, start int64, limit int) [][]store.EdgeRef {
	if m == start {
		return [][]store.EdgeRef{nil}
	}
	var out [][]store.EdgeRef
	for _, e := range s.parents[m] {
		prev := e.Other(m)
		for _, rest := range walk(s, prev, start, limit) {
			if len(out) == limit {
				return out
			}
			out = append(out, append([]store.EdgeRef{e}, rest...))
		}
	}
	return out
}
