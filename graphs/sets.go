package graphs

import (
	"context"
	"fmt"

	"github.com/casegraph/casegraph/internal/store"
)

// Connecting returns the connecting network of a set of nodes (as i2's "find
// connecting network"): the union of the shortest paths between every pair,
// each pair's search bounded by maxHops and limited to limit paths.
func Connecting(ctx context.Context, st *store.Store, keys []string, maxHops, limit int, opt Options) (*Subgraph, error) {
	if len(keys) < 2 {
		return nil, fmt.Errorf("a connecting network needs two or more nodes, got %d", len(keys))
	}
	g := New(fmt.Sprintf("connecting network of %d nodes", len(keys)))
	unreached := 0
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			p, err := ShortestPaths(ctx, st, keys[i], keys[j], maxHops, limit, opt)
			if err != nil {
				return nil, err
			}
			if len(p.Paths) == 0 {
				unreached++
			}
			merge(g, p.Graph)
		}
	}
	// The ends are part of the network even when nothing joins them.
	for _, k := range keys {
		if g.Node(k) == nil {
			one, err := assembleKeys(ctx, st, "", []string{k}, opt)
			if err != nil {
				return nil, err
			}
			merge(g, one)
		}
	}
	if unreached > 0 {
		g.Notes = append(g.Notes, fmt.Sprintf("%d pairs have no path within %d hops", unreached, maxHops))
	}
	g.Sort()
	return g, nil
}

// merge adds h's nodes, edges and notes to g.
func merge(g, h *Subgraph) {
	for _, n := range h.Nodes {
		g.AddNode(n)
	}
	for _, e := range h.Edges {
		g.AddEdge(e)
	}
	g.Notes = append(g.Notes, h.Notes...)
}

// assembleKeys is assemble for nodes named by key, with the edges among them.
func assembleKeys(ctx context.Context, st *store.Store, title string, keys []string, opt Options) (*Subgraph, error) {
	opt = opt.withDefaults()
	var ids []int64
	for _, k := range keys {
		n, err := st.NodeByKey(ctx, k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		ids = append(ids, n.ID)
	}
	edges, err := st.EdgesAmong(ctx, ids)
	if err != nil {
		return nil, err
	}
	return assemble(ctx, st, title, ids, edges, opt)
}

// Cluster returns a cluster from the last risk run (casegraph risk or
// clusters): its members, the identifiers that bind them, the edges among
// those, and the best member's path to a designated entry.
func Cluster(ctx context.Context, st *store.Store, id string, opt Options) (*Subgraph, error) {
	clusters, err := st.Clusters(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range clusters {
		if c.ID != id {
			continue
		}
		var keys []string
		seen := map[string]bool{}
		add := func(k string) {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
		for _, m := range c.Members {
			add(m.Key)
		}
		for _, b := range c.Binding {
			add(b.Key)
		}
		if c.Link != nil {
			for _, step := range c.Link.Path {
				add(step.Key)
			}
		}
		g, err := assembleKeys(ctx, st, fmt.Sprintf("%s: %d profiles", c.ID, c.Size), keys, opt)
		if err != nil {
			return nil, err
		}
		return g, nil
	}
	return nil, fmt.Errorf("no cluster %q in the last risk run (casegraph clusters lists them)", id)
}

// All returns the whole database as one subgraph. Sources are the rows that
// asserted each node and edge (not the ledger rows behind money flows).
func All(ctx context.Context, st *store.Store, opt Options) (*Subgraph, error) {
	opt = opt.withDefaults()
	ids, err := st.AllNodeIDs(ctx)
	if err != nil {
		return nil, err
	}
	edges, err := st.AllEdges(ctx)
	if err != nil {
		return nil, err
	}
	return assemble(ctx, st, "the whole case database", ids, edges, opt)
}

// FromEdges returns the subgraph made of the given edges and their ends.
func FromEdges(ctx context.Context, st *store.Store, title string, edges []store.EdgeRef, opt Options) (*Subgraph, error) {
	opt = opt.withDefaults()
	seen := map[int64]bool{}
	var ids []int64
	for _, e := range edges {
		for _, id := range []int64{e.Src, e.Dst} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return assemble(ctx, st, title, ids, edges, opt)
}
