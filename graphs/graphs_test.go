package graphs

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/store"
)

var (
	demoOnce sync.Once
	demoDir  string
	demoErr  error
)

// demoStore opens (building once per test binary) the demo case database,
// screened and ranked.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	demoOnce.Do(func() {
		demoDir, demoErr = os.MkdirTemp("", "graphs-demo-")
		if demoErr != nil {
			return
		}
		st, err := store.Open(ctx, filepath.Join(demoDir, "demo.db"))
		if err != nil {
			demoErr = err
			return
		}
		defer st.Close()
		if _, demoErr = demo.Load(ctx, st, demoDir); demoErr != nil {
			return
		}
		_, demoErr = risk.Compute(ctx, st, risk.Options{})
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	st, err := store.Open(ctx, filepath.Join(demoDir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

type truth struct {
	Networks []struct {
		ID         string
		Members    []string
		Wallets    []string
		Designated []struct{ Entry, Via string }
	}
	Hubs []struct {
		Kind, Value string
		Members     int
	}
}

func readTruth(t *testing.T) truth {
	t.Helper()
	b, err := os.ReadFile("../samples/demo/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var tr truth
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPlantedWalletPathRunsFromEveryNetworkToItsEntryWithSources(t *testing.T) {
	st := demoStore(t)
	tr := readTruth(t)
	checked := 0
	for _, n := range tr.Networks {
		for _, d := range n.Designated {
			if !strings.HasPrefix(d.Via, "wallet ") {
				continue
			}
			wallet := strings.TrimPrefix(d.Via, "wallet ")
			from := "contractor:" + n.Members[0]
			res, err := ShortestPaths(context.Background(), st, from, "ofac:"+d.Entry, 6, 50, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Paths) == 0 {
				t.Errorf("%s: no path from %s to ofac:%s", n.ID, from, d.Entry)
				continue
			}
			// The planted route (through the published wallet) may tie with
			// others; it must be among the shortest, or the shortest must be
			// shorter still.
			viaWallet := false
			for _, p := range res.Paths {
				if len(p.Nodes) != res.Hops+1 || len(p.Edges) != res.Hops || p.Nodes[0].Key != from || p.Nodes[res.Hops].Key != "ofac:"+d.Entry {
					t.Fatalf("malformed path %+v", p)
				}
				for i, e := range p.Edges {
					if len(e.Sources) == 0 {
						t.Errorf("%s: hop %d (%s) has no source row", n.ID, i+1, e.Kind)
					}
					a, b := p.Nodes[i].Key, p.Nodes[i+1].Key
					if !(e.Src == a && e.Dst == b || e.Src == b && e.Dst == a) {
						t.Errorf("edge %s-%s does not join %s and %s", e.Src, e.Dst, a, b)
					}
				}
				for _, nd := range p.Nodes {
					viaWallet = viaWallet || nd.Kind == "wallet" && strings.EqualFold(nd.Label, wallet)
				}
			}
			if !viaWallet && res.Hops >= 4 {
				t.Errorf("%s: none of %d paths of %d hops runs through wallet %s", n.ID, len(res.Paths), res.Hops, wallet)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("truth has no wallet-linked network")
	}
}

func TestNoPathIsReportedNotInvented(t *testing.T) {
	st := demoStore(t)
	// An ordinary profile is not within two hops of a designated person.
	res, err := ShortestPaths(context.Background(), st, "contractor:FL-000001", "ofac:43377", 2, 10, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Paths) != 0 || res.Hops != 0 {
		t.Errorf("paths within 2 hops: %+v", res.Paths)
	}
}

func TestEgoSummarisesHubsAndCapsNodes(t *testing.T) {
	st := demoStore(t)
	tr := readTruth(t)
	var hubIP string
	for _, h := range tr.Hubs {
		if h.Kind == "ip" && h.Members > 30 {
			hubIP = "ip:" + h.Value
		}
	}
	if hubIP == "" {
		t.Fatal("truth has no hub IP")
	}
	ctx := context.Background()
	// From a profile on the coworking IP: the IP is a hub at a low HubDegree,
	// shown with its hidden profiles counted, not expanded.
	var member string
	rows, err := st.DB().Query(`SELECT c.key FROM edges e JOIN nodes c ON c.id = e.src JOIN nodes i ON i.id = e.dst WHERE i.key = ? LIMIT 1`, hubIP)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		rows.Scan(&member)
	}
	rows.Close()
	g, err := Ego(ctx, st, member, 2, Options{HubDegree: 20})
	if err != nil {
		t.Fatal(err)
	}
	hub := g.Node(hubIP)
	if hub == nil || hub.Hidden["uses"] < 20 {
		t.Fatalf("hub %s in ego of %s: %+v", hubIP, member, hub)
	}
	for _, e := range g.Edges {
		if g.Node(e.Src) == nil || g.Node(e.Dst) == nil {
			t.Fatalf("dangling edge %+v", e)
		}
	}
	if len(g.Notes) == 0 {
		t.Error("no note says hubs were summarised")
	}
	capped, err := Ego(ctx, st, member, 3, Options{MaxNodes: 15})
	if err != nil {
		t.Fatal(err)
	}
	if len(capped.Nodes) > 15 || !slices.ContainsFunc(capped.Notes, func(s string) bool { return strings.Contains(s, "stopped at 15") }) {
		t.Errorf("cap 15: %d nodes, notes %q", len(capped.Nodes), capped.Notes)
	}
}

func TestClusterSubgraphHoldsMembersBindingAndLink(t *testing.T) {
	st := demoStore(t)
	clusters, err := st.Clusters(context.Background())
	if err != nil || len(clusters) == 0 {
		t.Fatalf("clusters %v %v", clusters, err)
	}
	c := clusters[0]
	g, err := Cluster(context.Background(), st, c.ID, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Members {
		if g.Node(m.Key) == nil {
			t.Errorf("member %s missing", m.Key)
		}
	}
	for _, b := range c.Binding {
		if g.Node(b.Key) == nil {
			t.Errorf("binding %s missing", b.Key)
		}
	}
	designated := false
	for _, n := range g.Nodes {
		designated = designated || n.Designated
	}
	if c.Link != nil && !designated {
		t.Error("the cluster's link to a designated entry is not in its subgraph")
	}
	if _, err := Cluster(context.Background(), st, "cluster:nope", Options{}); err == nil {
		t.Error("unknown cluster accepted")
	}
}

func TestConnectingNetworkJoinsAPlantedNetwork(t *testing.T) {
	st := demoStore(t)
	tr := readTruth(t)
	var keys []string
	for _, m := range tr.Networks[0].Members {
		keys = append(keys, "contractor:"+m)
	}
	g, err := Connecting(context.Background(), st, keys, 4, 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Measure(g); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		n := g.Node(k)
		if n == nil || n.Component != 1 {
			t.Errorf("%s not in the one connected network: %+v", k, n)
		}
	}
}

func TestMeasures(t *testing.T) {
	// a - b - c   d - e   (a path of three and a pair)
	g := New("t")
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		g.AddNode(&Node{Key: k})
	}
	for _, e := range [][2]string{{"a", "b"}, {"b", "c"}, {"d", "e"}} {
		g.AddEdge(&Edge{Kind: "uses", Src: e[0], Dst: e[1]})
	}
	g.AddEdge(&Edge{Kind: "paid", Src: "b", Dst: "a"}) // a second edge between a and b
	if err := Measure(g); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		deg  int
		bc   float64
		comp int
	}{"a": {2, 0, 1}, "b": {3, 1, 1}, "c": {1, 0, 1}, "d": {1, 0, 2}, "e": {1, 0, 2}}
	for _, n := range g.Nodes {
		w := want[n.Key]
		if n.Degree != w.deg || n.Betweenness != w.bc || n.Component != w.comp {
			t.Errorf("%s: degree %d betweenness %v component %d, want %+v", n.Key, n.Degree, n.Betweenness, n.Component, w)
		}
	}
}
