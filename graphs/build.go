package graphs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/casegraph/casegraph/internal/store"
)

// Options bound how much of the database a subgraph takes in.
type Options struct {
	// MaxNodes caps the nodes of an ego network (default 300).
	MaxNodes int
	// HubDegree: a node with more edges than this is a hub — it is shown but
	// not expanded, with its hidden neighbours counted by edge kind (default 100).
	HubDegree int
	// Sources is how many source rows each node and edge carries (default 3).
	Sources int
	// LedgerSources, when true, reads the ledger rows behind each money-flow
	// edge (one query per flow edge: for case-sized subgraphs, not --all).
	LedgerSources bool
}

func (o Options) withDefaults() Options {
	if o.MaxNodes <= 0 {
		o.MaxNodes = 300
	}
	if o.HubDegree <= 0 {
		o.HubDegree = 100
	}
	if o.Sources <= 0 {
		o.Sources = 3
	}
	return o
}

// assemble reads the nodes ids and the edges given into a subgraph, with
// their attributes and provenance.
func assemble(ctx context.Context, st *store.Store, title string, ids []int64, edges []store.EdgeRef, opt Options) (*Subgraph, error) {
	g := New(title)
	nodes, err := st.NodesByID(ctx, ids, true)
	if err != nil {
		return nil, err
	}
	nsrc, err := st.NodeAssertions(ctx, ids, opt.Sources)
	if err != nil {
		return nil, err
	}
	keyOf := make(map[int64]string, len(nodes))
	for _, n := range nodes {
		if n.Key == "" {
			continue // deleted under us: not in the snapshot
		}
		keyOf[n.ID] = n.Key
		g.AddNode(nodeFrom(n, nsrc[n.ID]))
	}
	eids := make([]int64, len(edges))
	for i, e := range edges {
		eids[i] = e.ID
	}
	esrc, err := st.EdgeAssertions(ctx, eids, opt.Sources)
	if err != nil {
		return nil, err
	}
	attrs, err := st.EdgeAttrs(ctx, eids)
	if err != nil {
		return nil, err
	}
	for _, e := range edges {
		src, dst := keyOf[e.Src], keyOf[e.Dst]
		if src == "" || dst == "" {
			continue
		}
		ed := &Edge{ID: e.ID, Kind: e.Kind, Src: src, Dst: dst, Sources: esrc[e.ID]}
		if a := attrs[e.ID]; a != "" {
			if err := json.Unmarshal([]byte(a), &ed.Attrs); err != nil {
				return nil, fmt.Errorf("edge %d attributes: %w", e.ID, err)
			}
		}
		if opt.LedgerSources && len(ed.Sources) < opt.Sources {
			rows, _, err := st.EdgeLedgerRows(ctx, e, opt.Sources-len(ed.Sources))
			if err != nil {
				return nil, err
			}
			ed.Sources = append(ed.Sources, rows...)
		}
		g.AddEdge(ed)
	}
	g.Sort()
	return g, nil
}

func nodeFrom(n store.Node, src []store.Assertion) *Node {
	out := &Node{ID: n.ID, Key: n.Key, Kind: n.Kind, Label: n.Label, Attrs: n.Attrs, Sources: src}
	if d, _ := n.Attrs["designated"].(bool); d {
		out.Designated = true
		out.List, _ = n.Attrs["list"].(string)
		if ps, ok := n.Attrs["programs"].([]any); ok {
			for _, p := range ps {
				if s, ok := p.(string); ok {
					out.Programs = append(out.Programs, s)
				}
			}
		}
	}
	return out
}
