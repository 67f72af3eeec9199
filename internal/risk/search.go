package risk

import (
	"context"
	"math"

	"github.com/casegraph/casegraph/internal/store"
)

// model is the graph with its weights resolved to arrays by kind index, and the
// counts that make a node a hub.
type model struct {
	g          *store.Graph
	base       []float64 // pass-through weight by node kind
	entryKind  []bool    // by node kind: a list entry's kind
	money      []bool    // by node kind: counted by counterparties too
	strong     []bool    // by node kind: binds clusters
	edgeW      []float64 // by edge kind
	moneyEdge  []bool    // by edge kind
	pays       []bool    // by edge kind: a payment from source to destination (paid, transfer)
	match      int       // the name_match edge kind, -1 when there is none
	contractor int       // the contractor node kind, -1 when there is none
	// n is each node's hub count: the distinct contractors that touch it, or for a
	// money node no contractor touches, its distinct counterparties (see count).
	// cc counts contractors only.
	n, cc []int32
}

func newModel(g *store.Graph) *model {
	m := &model{g: g, match: g.EdgeKindIndex(nameMatch), contractor: g.KindIndex("contractor")}
	strong := map[string]bool{}
	for _, k := range strongKinds {
		strong[k] = true
	}
	for _, k := range g.NodeKinds {
		b, ok := nodeBase[k]
		if !ok {
			b = unknownNodeBase
		}
		m.base = append(m.base, b)
		m.entryKind = append(m.entryKind, k == "person" || k == "organization" || k == "vessel" || k == "aircraft")
		m.money = append(m.money, moneyNodes[k])
		m.strong = append(m.strong, strong[k])
	}
	for _, k := range g.EdgeKinds {
		w, ok := edgeWeight[k]
		if !ok {
			w = unknownEdgeWeight
		}
		m.edgeW = append(m.edgeW, w)
		m.moneyEdge = append(m.moneyEdge, moneyEdges[k])
		m.pays = append(m.pays, k == "paid" || k == "transfer")
	}
	m.count()
	return m
}

func (m *model) isContractor(i int32) bool { return int(m.g.Kind[i]) == m.contractor }

// listNode reports a designation-list entry (designated or a placeholder for one):
// entries do not make an identifier a hub, and are never ranked.
func (m *model) listNode(i int32) bool {
	return m.entryKind[m.g.Kind[i]] || m.g.Flags[i]&store.NodeDesignated != 0
}

// target reports a designated entry a path may end at.
func (m *model) target(i int32) bool {
	f := m.g.Flags[i]
	return f&store.NodeDesignated != 0 && f&store.NodePlaceholder == 0
}

// count fills n and cc in one pass over the adjacency; mark[u] == v means u is
// already counted for v (an identifier may be linked to one contractor twice, as
// "uses" and "payout_to").
//
// A node the profiles name is judged by how many profiles name it: the clients
// paying into a contractor's payout account are its owner's business, not a crowd.
// A money node no profile names — a client, a payer's or consolidation account, a
// wallet downstream — is judged by how many parties it deals with.
func (m *model) count() {
	g := m.g
	m.n, m.cc = make([]int32, g.Len()), make([]int32, g.Len())
	mark := make([]int32, g.Len())
	for i := range mark {
		mark[i] = -1
	}
	for v := int32(0); v < int32(g.Len()); v++ {
		money := m.money[g.Kind[v]]
		var cc, parties int32
		for _, h := range g.Neighbors(v) {
			u, k := h.To, g.EdgeKind[h.Edge()]
			if mark[u] == v || int(k) == m.match || m.listNode(u) {
				continue
			}
			switch {
			case m.isContractor(u):
				cc++
				parties++
			case money && m.moneyEdge[k]:
				parties++
			default:
				continue
			}
			mark[u] = v
		}
		m.cc[v], m.n[v] = cc, cc
		if cc == 0 && money {
			m.n[v] = parties
		}
	}
}

// edge is what crossing edge e carries.
func (m *model) edge(e int32) float64 {
	k := int(m.g.EdgeKind[e])
	if k != m.match {
		return m.edgeW[k]
	}
	mt := m.g.Matches[e]
	w := math.Max(0, math.Min(1, mt.Score))
	if mt.Strength == "possible" {
		w *= possibleFactor
	}
	return w
}

// through is what passing through node i carries. A subject reached over its own
// name_match edge is not a bridge between two parties but the matched party itself:
// the match's score already says how sure that is. Only the profiles sharing it
// still count — an account five thousand profiles pay into carries five thousand
// beneficiary names, and the match speaks of one of them.
func (m *model) through(i int32, byMatch bool) float64 {
	if byMatch {
		return hub(int(m.cc[i]))
	}
	return m.base[m.g.Kind[i]] * hub(int(m.n[i]))
}

// paths is the result of the search: for each node, the best path to a designated
// entry as a chain of predecessors.
type paths struct {
	cost    []float64 // -log of the path's weight; +Inf when unreached
	hops    []uint8
	prev    []int32          // the next node toward the entry, -1 at the entry
	via     []store.HalfEdge // the half-edge at prev that leads to this node
	sources int
}

func (p *paths) reached(i int32) bool { return !math.IsInf(p.cost[i], 1) }

// weight is the path's product of weights.
func (p *paths) weight(i int32) float64 { return math.Exp(-p.cost[i]) }

// search runs one Dijkstra from every designated entry at once over -log(weight),
// so each node ends with its single best path to any entry. A path stops at
// maxHops edges and below minScore. Bounding hops makes Dijkstra approximate: a
// node first reached by a cheaper but longer path is not extended past the bound
// through a dearer, shorter one. With hubs damped, the cheapest path is nearly
// always also among the shortest. So is weighing a pass-through by the edges on
// both sides (a common payer): each node keeps the one way in that reached it best.
func (m *model) search(ctx context.Context, maxHops int, minScore float64) (*paths, error) {
	g := m.g
	p := &paths{cost: make([]float64, g.Len()), hops: make([]uint8, g.Len()),
		prev: make([]int32, g.Len()), via: make([]store.HalfEdge, g.Len())}
	settled := make([]bool, g.Len())
	var q heap
	for i := range p.cost {
		p.cost[i], p.prev[i] = math.Inf(1), -1
	}
	for i := int32(0); i < int32(g.Len()); i++ {
		if !m.target(i) {
			continue
		}
		c := 0.0
		if g.Flags[i]&store.NodeDelisted != 0 {
			c = -math.Log(delistedFactor)
		}
		p.cost[i] = c
		q.push(item{cost: c, node: i})
		p.sources++
	}
	limit := -math.Log(minScore)
	for pops := 0; len(q) > 0; pops++ {
		if pops&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		it := q.pop()
		u := it.node
		if settled[u] || it.cost != p.cost[u] || it.hops != p.hops[u] {
			continue // a stale entry: u was reached more cheaply since
		}
		settled[u] = true
		if int(p.hops[u]) >= maxHops {
			continue
		}
		// What passing through u carries: nothing to pay at the entry itself; as a
		// common payer, when u pays both the node before and the one after.
		pass, payer, paysPrev := 1.0, 1.0, false
		if p.prev[u] >= 0 {
			in := p.via[u] // at prev[u]: u is that edge's source when prev[u] is not
			pass = m.through(u, int(g.EdgeKind[in.Edge()]) == m.match)
			paysPrev = !in.Out() && m.pays[g.EdgeKind[in.Edge()]]
			payer = commonPayerBase * hub(int(m.n[u]))
		}
		if pass <= 0 {
			continue
		}
		base, payerBase := p.cost[u]-math.Log(pass), p.cost[u]-math.Log(payer)
		for _, h := range g.Neighbors(u) {
			v := h.To
			if settled[v] || (m.base[g.Kind[v]] <= 0 && !m.isContractor(v)) {
				continue // never step onto a node no path may pass (a list name)
			}
			w := m.edge(h.Edge())
			if w <= 0 {
				continue
			}
			c, nh := base-math.Log(w), it.hops+1
			if paysPrev && h.Out() && m.pays[g.EdgeKind[h.Edge()]] && payerBase > base {
				c = payerBase - math.Log(w)
			}
			if c > limit {
				continue
			}
			if c < p.cost[v] || (c == p.cost[v] && nh < p.hops[v]) {
				p.cost[v], p.hops[v], p.prev[v], p.via[v] = c, nh, u, h
				q.push(item{cost: c, node: v, hops: nh})
			}
		}
	}
	return p, nil
}

// item is a heap entry; ties order by fewer hops, then node index, so equal paths
// resolve the same way on every run.
type item struct {
	cost float64
	node int32
	hops uint8
}

func (a item) less(b item) bool {
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	if a.hops != b.hops {
		return a.hops < b.hops
	}
	return a.node < b.node
}

// heap is a binary min-heap of items, typed so that pushes do not box each item in
// an interface as container/heap would.
type heap []item

func (h *heap) push(it item) {
	*h = append(*h, it)
	q := *h
	for i := len(q) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q[i].less(q[parent]) {
			break
		}
		q[i], q[parent] = q[parent], q[i]
		i = parent
	}
}

func (h *heap) pop() item {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, r, small := 2*i+1, 2*i+2, i
		if l < len(q) && q[l].less(q[small]) {
			small = l
		}
		if r < len(q) && q[r].less(q[small]) {
			small = r
		}
		if small == i {
			break
		}
		q[i], q[small] = q[small], q[i]
		i = small
	}
	*h = q
	return top
}
