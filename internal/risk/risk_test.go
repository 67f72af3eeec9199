package risk

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
)

// world writes a small case graph through the store's import API, the way the
// importers do. Keys are "kind:value"; contractors are "contractor:ID".
type world struct {
	t   *testing.T
	ctx context.Context
	st  *store.Store
	im  *store.Import
	ids map[string]int64
	n   int // imports begun, for distinct source hashes
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &world{t: t, ctx: ctx, st: st, ids: map[string]int64{}}
	w.begin()
	return w
}

func (w *world) begin() {
	w.n++
	im, err := w.st.BeginImport(w.ctx, store.SourceInfo{Path: "/in/world.csv", SHA256: fmt.Sprint("world-", w.n),
		Size: 1, Kind: "contractors", Format: "csv"})
	if err != nil {
		w.t.Fatal(err)
	}
	w.im = im
}

// node writes a node once; the kind is the key's prefix.
func (w *world) node(key string, attrs map[string]any) int64 {
	if id, ok := w.ids[key]; ok && attrs == nil {
		return id
	}
	kind, value, _ := strings.Cut(key, ":")
	if strings.HasPrefix(key, "ofac:") {
		kind = store.KindPerson
	}
	id, err := w.im.Node(w.ctx, store.NodeSpec{Kind: kind, Key: key, Label: strings.ToUpper(value), Attrs: attrs}, store.Prov{Line: 2})
	if err != nil {
		w.t.Fatal(err)
	}
	w.ids[key] = id
	return id
}

func (w *world) edge(kind, src, dst string, attrs map[string]any) {
	if _, err := w.im.Edge(w.ctx, kind, w.node(src, nil), w.node(dst, nil), attrs, store.Prov{Line: 2}); err != nil {
		w.t.Fatal(err)
	}
}

// entry writes a designated list entry.
func (w *world) entry(key string, more map[string]any) {
	attrs := map[string]any{"designated": true, "list": "ofac-sdn", "id": strings.TrimPrefix(key, "ofac:"), "programs": []string{"DPRK3"}}
	for k, v := range more {
		attrs[k] = v
	}
	w.node(key, attrs)
}

// share links every contractor to one identifier with "uses".
func (w *world) share(identifier string, contractors ...string) {
	for _, c := range contractors {
		w.edge("uses", c, identifier, nil)
	}
}

// compute finishes the import and runs the ranking, keeping every entry.
func (w *world) compute(opts Options) (*Result, map[string]store.RiskScore) {
	w.t.Helper()
	if w.im != nil {
		if err := w.im.Finish(w.ctx, store.Counts{Read: 1, Stored: 1}, ""); err != nil {
			w.t.Fatal(err)
		}
		w.im = nil
	}
	opts.Keep = -1
	res, err := Compute(w.ctx, w.st, opts)
	if err != nil {
		w.t.Fatal(err)
	}
	by := map[string]store.RiskScore{}
	for _, r := range res.Scores {
		by[strings.TrimPrefix(r.Key, "contractor:")] = r
	}
	return res, by
}

func TestDirectSharedPayoutWalletOutscoresAFourHopPath(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.edge("uses", "ofac:1", "wallet:eth:0xabc", nil)
	w.edge("payout_to", "contractor:A", "wallet:eth:0xabc", nil)
	w.edge("payout_to", "contractor:B", "wallet:eth:0xabc", nil)
	// D reaches the entry through C: a shared email, then C's payout wallet.
	w.edge("payout_to", "contractor:C", "wallet:eth:0xdef", nil)
	w.edge("transfer", "wallet:eth:0xdef", "wallet:eth:0xabc", nil)
	w.share("email:c@example.com", "contractor:C", "contractor:D")
	w.node("contractor:E", nil) // no link at all
	_, by := w.compute(Options{})

	a, d, e := by["A"], by["D"], by["E"]
	if a.Hops != 2 || d.Hops != 5 {
		t.Fatalf("hops A=%d D=%d, want 2 and 5", a.Hops, d.Hops)
	}
	if want := edgeWeight["payout_to"] * nodeBase["wallet"] * edgeWeight["uses"]; math.Abs(a.Score-want) > 1e-6 {
		t.Errorf("A scores %v, want payout_to × wallet × uses = %v", a.Score, want)
	}
	if !(a.Score > d.Score && d.Score > 0) {
		t.Errorf("A (direct) %v should outscore D (four hops more) %v > 0", a.Score, d.Score)
	}
	if a.Rank >= d.Rank || d.Rank >= e.Rank || e.Score != 0 || len(e.Path) != 0 {
		t.Errorf("ranks A %d, D %d, E %d (score %v, path %v)", a.Rank, d.Rank, e.Rank, e.Score, e.Path)
	}
	// The path runs from the contractor to the entry, each edge with its direction.
	want := []store.PathStep{
		{Key: "contractor:A", Kind: "contractor", Label: "A"},
		{Key: "wallet:eth:0xabc", Kind: "wallet", Label: "ETH:0XABC", Edge: "payout_to", Dir: "out"},
		{Key: "ofac:1", Kind: "person", Label: "1", Edge: "uses", Dir: "in"},
	}
	if !reflect.DeepEqual(a.Path, want) {
		t.Errorf("A's path = %+v\nwant %+v", a.Path, want)
	}
	for _, s := range []string{"paid out to wallet:eth:0xabc (2 profiles)", "held by 1 [ofac:1, DPRK3]"} {
		if !strings.Contains(a.Reason, s) {
			t.Errorf("A's reason %q lacks %q", a.Reason, s)
		}
	}
	if !strings.Contains(d.Reason, "shares email:c@example.com (2 profiles) with C") {
		t.Errorf("D's reason %q does not name what it shares with whom", d.Reason)
	}
}

func TestHubIPDoesNotLiftItsProfilesAboveASharedDevice(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.edge("uses", "ofac:1", "wallet:eth:0x1", nil)
	w.entry("ofac:2", nil)
	w.edge("uses", "ofac:2", "wallet:eth:0x2", nil)
	// Forty profiles behind one coworking IP; one of them is paid to a listed wallet.
	var hub []string
	for i := range 40 {
		hub = append(hub, fmt.Sprintf("contractor:H%02d", i))
	}
	w.share("ip:188.241.9.82", hub...)
	w.edge("payout_to", hub[0], "wallet:eth:0x1", nil)
	// Two profiles on one laptop; one of them is paid to the other listed wallet.
	w.share("device:laptop", "contractor:D1", "contractor:D2")
	w.edge("payout_to", "contractor:D2", "wallet:eth:0x2", nil)
	_, by := w.compute(Options{})

	d1 := by["D1"]
	if d1.Score <= 0 || d1.Hops != 4 {
		t.Fatalf("D1 = %+v", d1)
	}
	for _, h := range hub[1:] {
		r := by[strings.TrimPrefix(h, "contractor:")]
		if r.Hops != 4 || r.Score <= 0 || r.Score >= d1.Score || r.Rank <= d1.Rank {
			t.Fatalf("%s (through the hub IP) scores %v rank %d; D1 (shared device) %v rank %d", h, r.Score, r.Rank, d1.Score, d1.Rank)
		}
		if !strings.Contains(r.Reason, "shared by 40 profiles: hub") {
			t.Fatalf("%s's reason does not call the IP a hub: %q", h, r.Reason)
		}
	}
}

func TestPossibleNameMatchCountsLessThanAStrongOne(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.entry("ofac:2", nil)
	w.edge(nameMatch, "contractor:S", "ofac:1", map[string]any{"score": 0.9, "strength": "strong"})
	w.edge(nameMatch, "contractor:P", "ofac:2", map[string]any{"score": 0.9, "strength": "possible"})
	_, by := w.compute(Options{})
	s, p := by["S"], by["P"]
	if math.Abs(s.Score-0.9) > 1e-6 || math.Abs(p.Score-0.9*possibleFactor) > 1e-6 || s.Rank > p.Rank {
		t.Errorf("strong %v (rank %d), possible %v (rank %d)", s.Score, s.Rank, p.Score, p.Rank)
	}
	if !strings.Contains(p.Reason, "possible match 0.90, halved: name only") || !strings.Contains(s.Reason, "strong match 0.90") {
		t.Errorf("reasons: strong %q, possible %q", s.Reason, p.Reason)
	}
}

func TestDelistedTargetIsWeaker(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.entry("ofac:2", map[string]any{"delisted": true, "delisted_on": "2024-07-02"})
	w.edge("uses", "ofac:1", "wallet:eth:0x1", nil)
	w.edge("uses", "ofac:2", "wallet:eth:0x2", nil)
	w.edge("payout_to", "contractor:L", "wallet:eth:0x1", nil)
	w.edge("payout_to", "contractor:X", "wallet:eth:0x2", nil)
	_, by := w.compute(Options{})
	l, x := by["L"], by["X"]
	if math.Abs(x.Score-l.Score*delistedFactor) > 1e-6 || x.Score <= 0 {
		t.Errorf("listed %v, delisted %v: want half", l.Score, x.Score)
	}
	if !strings.Contains(x.Reason, "delisted on 2024-07-02") {
		t.Errorf("reason does not say when: %q", x.Reason)
	}
}

func TestNameNodesAndPlaceholdersLinkNoOne(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	// A placeholder entry is not designated; its only way to ofac:1 is a shared
	// list name, which is never traversed.
	w.node("ofac:9", map[string]any{"placeholder": true})
	w.edge("alias_of", "ofac:1", "name:kim sang man", nil)
	w.edge("alias_of", "ofac:9", "name:kim sang man", nil)
	w.edge("uses", "ofac:9", "email:x@example.com", nil)
	w.share("email:x@example.com", "contractor:A")
	res, by := w.compute(Options{})
	if a := by["A"]; a.Score != 0 || len(a.Path) != 0 || res.Linked != 0 || res.Designated != 1 {
		t.Errorf("A = %+v; linked %d, designated %d", a, res.Linked, res.Designated)
	}
}

func TestCommonPayerLinksItsPayeesWeakly(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.edge("uses", "ofac:1", "account:raw:1", nil)
	// One payer pays two payees: M's account forwards to the listed account, N's does not.
	w.edge("payout_to", "contractor:M", "account:raw:m", nil)
	w.edge("payout_to", "contractor:N", "account:raw:n", nil)
	w.edge("paid", "account:raw:payer", "account:raw:m", nil)
	w.edge("paid", "account:raw:payer", "account:raw:n", nil)
	w.edge("transfer", "account:raw:m", "account:raw:1", nil)
	_, by := w.compute(Options{})
	m, n := by["M"], by["N"]
	// N's path passes the payer between two of its payees; M's money flows on.
	if n.Score <= 0 || n.Score > m.Score*commonPayerBase+1e-9 {
		t.Errorf("N (co-payee) %v, M (its money reaches the entry) %v", n.Score, m.Score)
	}
	if !strings.Contains(n.Reason, "a common payer") {
		t.Errorf("N's reason %q does not name the common payer", n.Reason)
	}
}

func TestClustersIgnoreHubsAndMergeTransitively(t *testing.T) {
	w := newWorld(t)
	w.share("phone:+1555", "contractor:FL-3", "contractor:FL-2")
	w.share("device:d1", "contractor:FL-2", "contractor:FL-5")
	w.share("ip:10.0.0.1", "contractor:FL-5", "contractor:FL-7") // an IP binds no one
	var office []string
	for i := range 15 {
		office = append(office, fmt.Sprintf("contractor:OF-%02d", i))
	}
	w.share("address:agency office", append(office, "contractor:FL-3", "contractor:FL-7")...)
	w.share("email:pair@example.com", "contractor:OF-01", "contractor:OF-02")
	res, by := w.compute(Options{HubCap: 12})

	var ids []string
	members := map[string][]string{}
	for _, c := range res.Clusters {
		ids = append(ids, c.ID)
		for _, m := range c.Members {
			members[c.ID] = append(members[c.ID], m.Key)
		}
	}
	if want := []string{"cluster:FL-2", "cluster:OF-01"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("clusters %v, want %v (sorted by size, then id)", ids, want)
	}
	if want := []string{"contractor:FL-2", "contractor:FL-3", "contractor:FL-5"}; !reflect.DeepEqual(members["cluster:FL-2"], want) {
		t.Errorf("cluster:FL-2 members %v, want %v", members["cluster:FL-2"], want)
	}
	c := res.Clusters[0]
	var binding []string
	for _, b := range c.Binding {
		binding = append(binding, b.Key+" "+strings.Join(b.Members, ","))
	}
	if want := []string{"device:d1 contractor:FL-2,contractor:FL-5", "phone:+1555 contractor:FL-2,contractor:FL-3"}; !reflect.DeepEqual(binding, want) {
		t.Errorf("binding %v, want %v", binding, want)
	}
	if len(res.Hubs) != 1 || res.Hubs[0].Key != "address:agency office" || res.Hubs[0].Contractors != 17 {
		t.Errorf("hubs %+v", res.Hubs)
	}
	if by["FL-7"].Cluster != "" || by["FL-3"].Cluster != "cluster:FL-2" || c.Link != nil || c.Score != 0 {
		t.Errorf("FL-7 in %q, FL-3 in %q, link %v", by["FL-7"].Cluster, by["FL-3"].Cluster, c.Link)
	}
	// Raising the cap lets the office join everyone sharing it.
	res, _ = w.compute(Options{HubCap: 20})
	if len(res.Clusters) != 1 || res.Clusters[0].Size != 19 || len(res.Hubs) != 0 {
		t.Errorf("hub cap 20: %d clusters, first of %d, hubs %v", len(res.Clusters), res.Clusters[0].Size, res.Hubs)
	}
}

func TestClusterLinkIsItsBestMembersPath(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.edge("uses", "ofac:1", "wallet:eth:0x1", nil)
	w.share("photo:same-face", "contractor:FL-9", "contractor:FL-4")
	w.edge("payout_to", "contractor:FL-9", "wallet:eth:0x1", nil)
	res, by := w.compute(Options{})
	if len(res.Clusters) != 1 {
		t.Fatalf("clusters %+v", res.Clusters)
	}
	c := res.Clusters[0]
	if c.ID != "cluster:FL-4" || c.Link == nil || c.Link.Key != "contractor:FL-9" || c.Score != by["FL-9"].Score {
		t.Errorf("cluster %s link %+v score %v; FL-9 scores %v", c.ID, c.Link, c.Score, by["FL-9"].Score)
	}
}

func TestTiesBreakDeterministically(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	// Equal scores and hops: the two in a cluster rank first, then by key.
	for _, c := range []string{"contractor:Z", "contractor:M", "contractor:B", "contractor:Y"} {
		w.edge("payout_to", c, "wallet:"+c, nil)
		w.edge("uses", "ofac:1", "wallet:"+c, nil)
	}
	w.share("device:d", "contractor:Y", "contractor:Z")
	var first []string
	for run := range 3 {
		res, _ := w.compute(Options{})
		var order []string
		for _, r := range res.Scores {
			order = append(order, r.Key)
		}
		if run == 0 {
			first = order
			if want := []string{"contractor:Y", "contractor:Z", "contractor:B", "contractor:M"}; !reflect.DeepEqual(order, want) {
				t.Errorf("order %v, want %v", order, want)
			}
		} else if !reflect.DeepEqual(order, first) {
			t.Errorf("run %d order %v, first run %v", run, order, first)
		}
		stored, err := w.st.TopRisk(w.ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(stored, res.Scores) {
			t.Errorf("stored ranking differs from the result:\n%+v\n%+v", stored, res.Scores)
		}
	}
}

func TestStoredClustersMatchTheResult(t *testing.T) {
	w := newWorld(t)
	w.entry("ofac:1", nil)
	w.edge("uses", "ofac:1", "wallet:eth:0x1", nil)
	w.share("email:farm@example.com", "contractor:A", "contractor:B")
	w.share("account:raw:9", "contractor:B", "contractor:C")
	w.edge("payout_to", "contractor:C", "wallet:eth:0x1", nil)
	res, _ := w.compute(Options{})
	stored, err := w.st.Clusters(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stored, res.Clusters) {
		t.Errorf("stored clusters differ:\n%+v\n%+v", stored, res.Clusters)
	}
}

func TestKeepLimitsTheResultButNotTheStore(t *testing.T) {
	w := newWorld(t)
	for i := range 5 {
		w.node(fmt.Sprintf("contractor:K%d", i), nil)
	}
	w.compute(Options{}) // finish the import
	res, err := Compute(w.ctx, w.st, Options{Keep: 2})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := w.st.TopRisk(w.ctx, 0)
	if len(res.Scores) != 2 || len(stored) != 5 || res.Contractors != 5 {
		t.Errorf("kept %d, stored %d, contractors %d", len(res.Scores), len(stored), res.Contractors)
	}
}

func TestHubFactor(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want float64
	}{{0, 1}, {2, 1}, {hubFree, 1}, {4 * hubFree, 0.5}, {100 * hubFree, 0.1}} {
		if got := hub(tc.n); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("hub(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}
