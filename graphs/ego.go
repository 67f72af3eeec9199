package graphs

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/casegraph/casegraph/internal/store"
)

// Ego returns the network of the node with key to hops edges away, breadth
// first. A hub (more than HubDegree edges) is shown but not expanded, with its
// hidden neighbours counted by edge kind; the walk stops adding nodes at
// MaxNodes. The centre itself is expanded even when it is a hub, up to the cap.
func Ego(ctx context.Context, st *store.Store, key string, hops int, opt Options) (*Subgraph, error) {
	opt = opt.withDefaults()
	center, err := st.NodeByKey(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("ego of %s: %w", key, err)
	}
	in := map[int64]bool{center.ID: true}
	ids := []int64{center.ID}
	var edges []store.EdgeRef
	seenEdge := map[int64]bool{}
	hubs := map[int64]bool{}
	capped := false
	frontier := []int64{center.ID}
	for depth := 0; depth < hops && len(frontier) > 0 && !capped; depth++ {
		deg, err := st.Degrees(ctx, frontier)
		if err != nil {
			return nil, err
		}
		expand := frontier[:0:0]
		for _, id := range frontier {
			if id != center.ID && deg[id] > opt.HubDegree {
				hubs[id] = true
				continue
			}
			expand = append(expand, id)
		}
		inc, err := st.Incident(ctx, expand)
		if err != nil {
			return nil, err
		}
		// Nearest first within a level is arbitrary; order by edge id so the
		// same database always gives the same subgraph.
		slices.SortFunc(inc, func(a, b store.EdgeRef) int { return cmp.Compare(a.ID, b.ID) })
		var next []int64
		for _, e := range inc {
			if seenEdge[e.ID] {
				continue
			}
			a, b := e.Src, e.Dst
			if !in[a] && !in[b] {
				continue
			}
			other := b
			if in[b] && !in[a] {
				other = a
			}
			if !in[other] {
				if len(ids) >= opt.MaxNodes {
					capped = true
					continue
				}
				in[other] = true
				ids = append(ids, other)
				next = append(next, other)
			}
			seenEdge[e.ID] = true
			edges = append(edges, e)
		}
		frontier = next
	}
	// Every edge among the nodes taken, including those between two nodes of
	// the last ring; nodes with more edges than the subgraph shows get a
	// summary of the rest.
	edges, err = st.EdgesAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	g, err := assemble(ctx, st, fmt.Sprintf("%d-hop network of %s", hops, key), ids, edges, opt)
	if err != nil {
		return nil, err
	}
	if err := summariseHidden(ctx, st, g, hubs); err != nil {
		return nil, err
	}
	if len(hubs) > 0 {
		g.Notes = append(g.Notes, fmt.Sprintf("%d hubs (more than %d links) shown without their neighbours", len(hubs), opt.HubDegree))
	}
	if capped {
		g.Notes = append(g.Notes, fmt.Sprintf("stopped at %d nodes (raise the node cap to see more)", opt.MaxNodes))
	}
	return g, nil
}

// summariseHidden sets Hidden on every node whose edges the subgraph does not
// all show: by edge kind, how many are left out.
func summariseHidden(ctx context.Context, st *store.Store, g *Subgraph, hubs map[int64]bool) error {
	shown := map[string]map[string]int{}
	for _, e := range g.Edges {
		for _, k := range []string{e.Src, e.Dst} {
			if shown[k] == nil {
				shown[k] = map[string]int{}
			}
			shown[k][e.Kind]++
		}
	}
	ids := make([]int64, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	deg, err := st.Degrees(ctx, ids)
	if err != nil {
		return err
	}
	for _, n := range g.Nodes {
		total := 0
		for _, c := range shown[n.Key] {
			total += c
		}
		if deg[n.ID] <= total {
			continue
		}
		counts, err := st.EdgeKindCounts(ctx, n.ID)
		if err != nil {
			return err
		}
		n.Hidden = map[string]int{}
		for k, c := range counts {
			if h := c - shown[n.Key][k]; h > 0 {
				n.Hidden[k] = h
			}
		}
	}
	return nil
}
