package store

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// graphFixture writes a small case: two contractors sharing an email, one paid out
// to a wallet a designated entry uses, a delisted entry, a placeholder, and a
// name_match edge. It returns the node ids by key.
func graphFixture(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/g.csv", SHA256: "graph", Size: 1, Kind: "contractors", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	node := func(kind, key, label string, attrs map[string]any) {
		id, err := im.Node(ctx, NodeSpec{Kind: kind, Key: key, Label: label, Attrs: attrs}, Prov{Line: 2})
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = id
	}
	edge := func(kind, src, dst string, attrs map[string]any) {
		if _, err := im.Edge(ctx, kind, ids[src], ids[dst], attrs, Prov{Line: 2}); err != nil {
			t.Fatal(err)
		}
	}
	node(KindContractor, "contractor:FL-1", "Kim One", map[string]any{"country": "KR"})
	node(KindContractor, "contractor:FL-2", "Kim Two", nil)
	node(KindEmail, "email:kim@example.com", "kim@example.com", nil)
	node(KindWallet, "wallet:eth:0xabc", "0xabc", nil)
	node(KindPerson, "ofac:1", "KIM, Sang Man", map[string]any{"designated": true, "list": "ofac-sdn", "id": "1", "programs": []string{"DPRK3"}})
	node(KindPerson, "ofac:2", "OLD, Entry", map[string]any{"designated": true, "delisted": true, "delisted_on": "2024-07-02"})
	node(KindOrganization, "ofac:3", "3", map[string]any{"placeholder": true})
	edge(EdgeUses, "contractor:FL-1", "email:kim@example.com", nil)
	edge(EdgeUses, "contractor:FL-2", "email:kim@example.com", nil)
	edge(EdgePayoutTo, "contractor:FL-2", "wallet:eth:0xabc", nil)
	edge(EdgeUses, "ofac:1", "wallet:eth:0xabc", nil)
	edge(EdgeLinkedTo, "ofac:1", "ofac:3", nil)
	edge(graphNameMatch, "contractor:FL-1", "ofac:2", map[string]any{"score": 0.87, "strength": "possible"})
	if err := im.Finish(ctx, Counts{Read: 1, Stored: 1}, ""); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestLoadGraphHoldsEveryNodeAndBothEndsOfEveryEdge(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := graphFixture(t, s)
	g, err := s.LoadGraph(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var nodes, edges int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM edges)`).Scan(&nodes, &edges)
	if g.Len() != nodes || len(g.EdgeKind) != edges || len(g.Adj) != 2*edges {
		t.Fatalf("graph has %d nodes, %d edges, %d half-edges; database %d nodes, %d edges", g.Len(), len(g.EdgeKind), len(g.Adj), nodes, edges)
	}
	idx := func(key string) int32 {
		i, ok := g.Index(ids[key])
		if !ok {
			t.Fatalf("%s (id %d) not in the graph", key, ids[key])
		}
		return i
	}
	if !slices.IsSorted(g.IDs) {
		t.Error("node ids are not in order")
	}
	if _, ok := g.Index(1 << 40); ok {
		t.Error("Index found an id that does not exist")
	}
	for key, want := range map[string]uint8{
		"contractor:FL-1": 0, "email:kim@example.com": 0, "ofac:1": NodeDesignated,
		"ofac:2": NodeDesignated | NodeDelisted, "ofac:3": NodePlaceholder,
	} {
		if got := g.Flags[idx(key)]; got != want {
			t.Errorf("%s flags = %03b, want %03b", key, got, want)
		}
	}
	if got := g.NodeKind(idx("ofac:3")); got != KindOrganization {
		t.Errorf("ofac:3 kind = %q", got)
	}

	// Each end sees the other, with the edge's kind and which end is the source.
	type half struct {
		other, kind string
		out         bool
	}
	keyOf := map[int32]string{}
	for k := range ids {
		keyOf[idx(k)] = k
	}
	seen := func(key string) []half {
		var hs []half
		for _, h := range g.Neighbors(idx(key)) {
			hs = append(hs, half{keyOf[h.To], g.EdgeKinds[g.EdgeKind[h.Edge()]], h.Out()})
		}
		return hs
	}
	if got, want := seen("wallet:eth:0xabc"), []half{{"contractor:FL-2", EdgePayoutTo, false}, {"ofac:1", EdgeUses, false}}; !reflect.DeepEqual(got, want) {
		t.Errorf("wallet sees %v, want %v", got, want)
	}
	if got, want := seen("contractor:FL-1"), []half{{"email:kim@example.com", EdgeUses, true}, {"ofac:2", graphNameMatch, true}}; !reflect.DeepEqual(got, want) {
		t.Errorf("FL-1 sees %v, want %v", got, want)
	}
	for _, h := range g.Neighbors(idx("contractor:FL-1")) {
		if keyOf[h.To] == "ofac:2" {
			if m := g.Matches[h.Edge()]; m.Score != 0.87 || m.Strength != "possible" {
				t.Errorf("name_match attributes = %+v", m)
			}
		}
	}
	if len(g.Matches) != 1 {
		t.Errorf("%d name matches loaded, want 1", len(g.Matches))
	}
}

func TestNodesByIDKeepsTheCallersOrder(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := graphFixture(t, s)
	keys := []string{"ofac:1", "contractor:FL-2", "ofac:1", "email:kim@example.com"}
	var want []int64
	for _, k := range keys {
		want = append(want, ids[k])
	}
	want = append(want, 1<<40) // no such node
	nodes, err := s.NodesByID(ctx, want, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if nodes[i].Key != k || nodes[i].ID != want[i] {
			t.Errorf("#%d = %s (%d), want %s", i, nodes[i].Key, nodes[i].ID, k)
		}
	}
	if nodes[4].Key != "" {
		t.Errorf("a missing id gave %+v", nodes[4])
	}
	if nodes[0].Attrs["list"] != "ofac-sdn" {
		t.Errorf("attributes not read: %v", nodes[0].Attrs)
	}
	bare, _ := s.NodesByID(ctx, want[:1], false)
	if bare[0].Attrs != nil || bare[0].Label != "KIM, Sang Man" {
		t.Errorf("without attributes: %+v", bare[0])
	}
}

func TestSavedRiskRunReadsBackAndReplacesTheLast(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := graphFixture(t, s)
	path := []PathStep{{Key: "contractor:FL-2", Kind: KindContractor, Label: "Kim Two"},
		{Key: "wallet:eth:0xabc", Kind: KindWallet, Label: "0xabc", Edge: EdgePayoutTo, Dir: "out"},
		{Key: "ofac:1", Kind: KindPerson, Label: "KIM, Sang Man", Edge: EdgeUses, Dir: "in"}}
	scores := []RiskScore{
		{NodeID: ids["contractor:FL-2"], Key: "contractor:FL-2", Label: "Kim Two", Score: 0.9, Hops: 2, Cluster: "cluster:FL-1", Path: path, Reason: "paid out to …"},
		{NodeID: ids["contractor:FL-1"], Key: "contractor:FL-1", Label: "Kim One", Cluster: "cluster:FL-1", Path: []PathStep{}, Reason: "no path"},
	}
	cluster := Cluster{ID: "cluster:FL-1", Size: 2, Score: 0.9,
		Members: []ClusterMember{{NodeID: ids["contractor:FL-1"], Key: "contractor:FL-1", Label: "Kim One"},
			{NodeID: ids["contractor:FL-2"], Key: "contractor:FL-2", Label: "Kim Two", Score: 0.9}},
		Binding: []ClusterBinding{{Key: "email:kim@example.com", Kind: KindEmail, Label: "kim@example.com",
			Members: []string{"contractor:FL-1", "contractor:FL-2"}}},
		Link: &scores[0]}
	hubs := []RiskHub{{Key: "address:x", Kind: KindAddress, Label: "x", Contractors: 40}}
	for run := 0; run < 2; run++ { // the second run must replace the first, not add to it
		err := s.SaveRisk(ctx, &RiskRun{Options: []byte(`{"max_hops":6}`), Contractors: 2, Linked: 1, Hubs: hubs,
			Scores: slices.Values(scores), Clusters: []Cluster{cluster}})
		if err != nil {
			t.Fatal(err)
		}
	}
	top, err := s.TopRisk(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range scores {
		scores[i].Rank = i + 1
	}
	if !reflect.DeepEqual(top, scores) {
		t.Errorf("TopRisk = %+v\nwant %+v", top, scores)
	}
	if one, _ := s.TopRisk(ctx, 1); len(one) != 1 || one[0].Key != "contractor:FL-2" {
		t.Errorf("TopRisk(1) = %+v", one)
	}
	cs, err := s.Clusters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || !reflect.DeepEqual(cs[0], cluster) {
		t.Errorf("Clusters = %+v\nwant %+v", cs, cluster)
	}
	run, err := s.LastRiskRun(ctx)
	if err != nil || run == nil || run.Contractors != 2 || run.Linked != 1 || !reflect.DeepEqual(run.Hubs, hubs) ||
		string(run.Options) != `{"max_hops":6}` || run.ComputedAt == "" {
		t.Errorf("LastRiskRun = %+v, %v", run, err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM risk_ranking`).Scan(&n)
	if n != len(scores) {
		t.Errorf("risk_ranking view has %d rows, want %d", n, len(scores))
	}
}

func TestNoRiskRunYet(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	run, err := s.LastRiskRun(ctx)
	top, err2 := s.TopRisk(ctx, 10)
	cs, err3 := s.Clusters(ctx)
	if run != nil || err != nil || len(top) != 0 || err2 != nil || len(cs) != 0 || err3 != nil {
		t.Errorf("empty database: %v %v / %v %v / %v %v", run, err, top, err2, cs, err3)
	}
}
