// Package risk ranks contractors by how closely they connect to designated parties,
// and groups them into clusters that share strong identifiers.
//
// A contractor's score is its best path to any designated list entry: the product of
// what each step carries (weights.go), found by one Dijkstra from every entry at once.
// Shared identifiers that many profiles touch — coworking IPs, VPN exits, big clients
// — are hubs and carry less. Clusters are contractors joined, transitively, by
// accounts, wallets, devices, photos, phones, addresses, emails and documents that no
// more than a hub cap of them share. Every run is stored, replacing the last.
package risk

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/casegraph/casegraph/internal/store"
)

// Options tune a computation; zero values take the defaults.
type Options struct {
	MaxHops  int     `json:"max_hops"`  // longest path followed, in edges (DefaultMaxHops)
	HubCap   int     `json:"hub_cap"`   // strong identifiers shared by more contractors join no cluster (DefaultHubCap)
	MinScore float64 `json:"min_score"` // weaker paths are not followed: such a contractor scores 0 (DefaultMinScore)
	// Keep is how many of the ranking's first entries Result.Scores holds, with
	// their paths and reasons (DefaultKeep); -1 keeps every contractor. The store
	// always gets them all.
	Keep int `json:"-"`
}

// DefaultKeep is how many ranked contractors a Result holds unless told otherwise.
const DefaultKeep = 100

func (o Options) withDefaults() Options {
	if o.MaxHops <= 0 {
		o.MaxHops = DefaultMaxHops
	}
	o.MaxHops = min(o.MaxHops, 255) // hops are counted in a byte
	if o.HubCap <= 0 {
		o.HubCap = DefaultHubCap
	}
	if o.MinScore <= 0 || o.MinScore > 1 {
		o.MinScore = DefaultMinScore
	}
	if o.Keep == 0 {
		o.Keep = DefaultKeep
	}
	return o
}

// Result is one computation, as stored.
type Result struct {
	ComputedAt  string
	Options     Options
	Designated  int // designated entries the search started from
	Contractors int // contractors ranked
	Linked      int // of which with a path to a designated entry
	// Scores are the first Options.Keep contractors of the ranking, most exposed first.
	Scores   []store.RiskScore
	Clusters []store.Cluster // most exposed first
	Hubs     []store.RiskHub // strong identifiers left out of clusters, most shared first
}

// Compute ranks every contractor and finds the clusters, then stores both in one
// transaction, replacing the last run.
//
// The ranking orders by score (highest first), then fewer hops, then larger cluster,
// then contractor key, so equal scores always come out in the same order. A
// contractor with no path of at least MinScore within MaxHops scores 0 and ranks
// after every contractor with one.
func Compute(ctx context.Context, st *store.Store, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	res := &Result{ComputedAt: time.Now().UTC().Format(time.RFC3339), Options: opts}
	g, err := st.LoadGraph(ctx)
	if err != nil {
		return nil, fmt.Errorf("risk: %w", err)
	}
	m := newModel(g)
	p, err := m.search(ctx, opts.MaxHops, opts.MinScore)
	if err != nil {
		return nil, fmt.Errorf("risk: %w", err)
	}
	res.Designated = p.sources
	cl := m.cluster(opts.HubCap)
	var contractors []int32
	for i := int32(0); i < int32(g.Len()); i++ {
		if m.isContractor(i) && !m.listNode(i) {
			contractors = append(contractors, i)
		}
	}
	info, err := m.fetch(ctx, st, p, cl, contractors)
	if err != nil {
		return nil, fmt.Errorf("risk: %w", err)
	}
	r := m.rank(p, cl, info, contractors)
	r.none = noPath(p.sources, opts)
	res.Contractors, res.Linked = len(r.order), r.linked

	keep := len(r.order)
	if opts.Keep >= 0 {
		keep = min(keep, opts.Keep)
	}
	for i := range keep {
		res.Scores = append(res.Scores, r.entry(i))
	}
	res.Clusters = r.clusters(cl)
	for _, v := range cl.hubs {
		n := info.get(v)
		res.Hubs = append(res.Hubs, store.RiskHub{Key: n.Key, Kind: n.Kind, Label: n.Label, Contractors: int(m.cc[v])})
	}
	sort.Slice(res.Hubs, func(a, b int) bool {
		if res.Hubs[a].Contractors != res.Hubs[b].Contractors {
			return res.Hubs[a].Contractors > res.Hubs[b].Contractors
		}
		return res.Hubs[a].Key < res.Hubs[b].Key
	})

	// The adjacency has served (search, clusters, binding members); the paths hold
	// their own half-edges. Dropping it lowers the memory the write peaks at.
	g.Adj, g.Off = nil, nil

	o, err := json.Marshal(opts)
	if err != nil {
		return nil, fmt.Errorf("risk: %w", err)
	}
	run := &store.RiskRun{ComputedAt: res.ComputedAt, Options: o, Contractors: res.Contractors, Linked: res.Linked,
		Hubs: res.Hubs, Clusters: res.Clusters,
		// Every entry is written as it is made: a hundred thousand paths and reasons
		// never sit in memory at once.
		Scores: func(yield func(store.RiskScore) bool) {
			for i := range r.order {
				if !yield(r.entry(i)) {
					return
				}
			}
		}}
	if err := st.SaveRisk(ctx, run); err != nil {
		return nil, fmt.Errorf("risk: %w", err)
	}
	return res, nil
}

func noPath(sources int, opts Options) string {
	if sources == 0 {
		return "no designated entries loaded: nothing to be linked to"
	}
	return fmt.Sprintf("no path to a designated entry within %d hops scoring at least %g", opts.MaxHops, opts.MinScore)
}

// round6 keeps six decimals, so that equal paths summed in a different order still
// score (and rank) as equal.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// ranked is one contractor's place, compactly; entry makes the full RiskScore.
type ranked struct {
	node  int32
	size  int32 // its cluster's size, 1 when in none
	score float64
}

// ranking is the ordered contractors and what it takes to describe each.
type ranking struct {
	m         *model
	p         *paths
	info      *nodeInfo
	d         *describer
	order     []ranked
	clusterOf map[int32]string  // union-find root → cluster id, for clusters only
	members   map[int32][]int32 // root → members by key, for clusters only
	rankOf    map[int32]int     // clustered contractor → its rank index
	cl        *clustering
	linked    int
	none      string // the reason of every contractor without a path
}

func (m *model) rank(p *paths, cl *clustering, info *nodeInfo, contractors []int32) *ranking {
	r := &ranking{m: m, p: p, info: info, d: &describer{m: m, node: info.get}, cl: cl,
		clusterOf: map[int32]string{}, members: map[int32][]int32{}, rankOf: map[int32]int{}}
	size := make([]int32, m.g.Len()) // by union-find root
	for _, c := range contractors {
		size[cl.find(c)]++
	}
	for _, c := range contractors {
		if root := cl.find(c); size[root] >= 2 {
			r.members[root] = append(r.members[root], c)
		}
	}
	for root, ms := range r.members {
		sort.Slice(ms, func(a, b int) bool { return info.get(ms[a]).Key < info.get(ms[b]).Key })
		r.clusterOf[root] = "cluster:" + strings.TrimPrefix(info.get(ms[0]).Key, "contractor:")
	}
	r.order = make([]ranked, len(contractors))
	for j, c := range contractors {
		r.order[j] = ranked{node: c, size: size[cl.find(c)]}
		if p.reached(c) {
			r.order[j].score = round6(p.weight(c))
			r.linked++
		}
	}
	sort.Slice(r.order, func(a, b int) bool {
		x, y := r.order[a], r.order[b]
		if x.score != y.score {
			return x.score > y.score
		}
		if p.hops[x.node] != p.hops[y.node] { // 0 for the unreached
			return p.hops[x.node] < p.hops[y.node]
		}
		if x.size != y.size {
			return x.size > y.size
		}
		return info.get(x.node).Key < info.get(y.node).Key
	})
	for i, o := range r.order {
		if o.size >= 2 {
			r.rankOf[o.node] = i
		}
	}
	return r
}

// entry is the ranking's i-th contractor with its path and reason.
func (r *ranking) entry(i int) store.RiskScore {
	o := r.order[i]
	c := o.node
	n := r.info.get(c)
	rs := store.RiskScore{NodeID: n.ID, Rank: i + 1, Key: n.Key, Label: n.Label, Score: o.score,
		Path: []store.PathStep{}, Reason: r.none}
	if o.size >= 2 {
		rs.Cluster = r.clusterOf[r.cl.find(c)]
	}
	if !r.p.reached(c) {
		return rs
	}
	path := r.m.pathOf(r.p, c)
	rs.Hops, rs.Reason = len(path)-1, r.d.reason(path)
	for _, s := range path {
		n := r.info.get(s.node)
		ps := store.PathStep{Key: n.Key, Kind: n.Kind, Label: n.Label}
		if s.edge >= 0 {
			ps.Edge, ps.Dir = r.d.edgeKind(s.edge), "in"
			if s.out {
				ps.Dir = "out"
			}
		}
		rs.Path = append(rs.Path, ps)
	}
	return rs
}

// clusters assembles the clusters: members by key, binding identifiers, and the best
// member's ranking entry as the cluster's link.
func (r *ranking) clusters(cl *clustering) []store.Cluster {
	out := map[int32]*store.Cluster{}
	for root, ms := range r.members {
		c := &store.Cluster{ID: r.clusterOf[root], Size: len(ms), Binding: []store.ClusterBinding{}}
		best := -1
		for _, mb := range ms {
			n := r.info.get(mb)
			i := r.rankOf[mb]
			c.Members = append(c.Members, store.ClusterMember{NodeID: n.ID, Key: n.Key, Label: n.Label, Score: r.order[i].score})
			if r.order[i].score > 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			link := r.entry(best)
			c.Link, c.Score = &link, link.Score
		}
		out[root] = c
	}
	kindRank := map[string]int{}
	for i, k := range strongKinds {
		kindRank[k] = i
	}
	for _, v := range cl.binding {
		us := r.m.contractorsOf(v)
		c := out[cl.find(us[0])]
		n := r.info.get(v)
		b := store.ClusterBinding{Key: n.Key, Kind: n.Kind, Label: n.Label}
		for _, u := range us {
			b.Members = append(b.Members, r.info.get(u).Key)
		}
		sort.Strings(b.Members)
		c.Binding = append(c.Binding, b)
	}
	list := make([]store.Cluster, 0, len(out))
	for _, c := range out {
		sort.Slice(c.Binding, func(a, b int) bool {
			x, y := c.Binding[a], c.Binding[b]
			if kindRank[x.Kind] != kindRank[y.Kind] {
				return kindRank[x.Kind] < kindRank[y.Kind]
			}
			return x.Key < y.Key
		})
		list = append(list, *c)
	}
	sort.Slice(list, func(a, b int) bool {
		x, y := list[a], list[b]
		if x.Score != y.Score {
			return x.Score > y.Score
		}
		if x.Size != y.Size {
			return x.Size > y.Size
		}
		return x.ID < y.ID
	})
	return list
}

// nodeInfo holds the stored nodes the results name — contractors, path nodes,
// binding identifiers and hubs — indexed by node index through one int32 per node.
type nodeInfo struct {
	nodes []store.Node
	pos   []int32 // node index → position in nodes, -1 when not fetched
}

func (ni *nodeInfo) get(i int32) *store.Node { return &ni.nodes[ni.pos[i]] }

// fetch reads the nodes the results will name, with attributes for the designated
// entries on paths (their list, programs and delisting).
func (m *model) fetch(ctx context.Context, st *store.Store, p *paths, cl *clustering, contractors []int32) (*nodeInfo, error) {
	g := m.g
	ni := &nodeInfo{pos: make([]int32, g.Len())}
	for i := range ni.pos {
		ni.pos[i] = -1
	}
	var want, entries []int32
	add := func(i int32) bool {
		if ni.pos[i] >= 0 {
			return false
		}
		ni.pos[i] = 0 // marked; the position is set below
		if m.target(i) {
			entries = append(entries, i)
		} else {
			want = append(want, i)
		}
		return true
	}
	for _, c := range contractors {
		add(c)
	}
	for _, c := range contractors {
		// Stop at a node already added: the rest of its path is in too.
		for v := c; p.prev[v] >= 0 && add(p.prev[v]); v = p.prev[v] {
		}
	}
	for _, v := range cl.binding {
		add(v)
	}
	for _, v := range cl.hubs {
		add(v)
	}
	for _, part := range []struct {
		idx   []int32
		attrs bool
	}{{want, false}, {entries, true}} {
		ids := make([]int64, len(part.idx))
		for j, i := range part.idx {
			ids[j] = g.IDs[i]
		}
		nodes, err := st.NodesByID(ctx, ids, part.attrs)
		if err != nil {
			return nil, err
		}
		for j, i := range part.idx {
			ni.pos[i] = int32(len(ni.nodes) + j)
		}
		ni.nodes = append(ni.nodes, nodes...)
	}
	return ni, nil
}
