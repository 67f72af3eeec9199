package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/casegraph/casegraph/internal/store"
)

// demoTruth is what the risk tests read from samples/demo/truth.json.
type demoTruth struct {
	Networks []struct {
		ID         string            `json:"id"`
		Members    []string          `json:"members"`
		Designated []json.RawMessage `json:"designated"`
	} `json:"networks"`
	Hubs []struct {
		Kind      string   `json:"kind"`
		Members   int      `json:"members"`
		MemberIDs []string `json:"member_ids"`
	} `json:"hubs"`
	NameVariants []struct {
		Contractor string `json:"contractor"`
	} `json:"name_variants"`
	NearMisses []struct {
		Contractor string `json:"contractor"`
	} `json:"near_misses"`
}

func readDemoTruth(t *testing.T) demoTruth {
	t.Helper()
	raw, err := os.ReadFile("../../samples/demo/truth.json")
	if err != nil {
		t.Fatal(err)
	}
	var tr demoTruth
	if err := json.Unmarshal(raw, &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "--db", db)
	return db
}

func TestDemoClustersAreThePlantedNetworks(t *testing.T) {
	db := demoDB(t)
	tr := readDemoTruth(t)
	var out clustersOutput
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "clusters", "--json")), &out); err != nil {
		t.Fatal(err)
	}
	key := func(members []string) string {
		s := slices.Clone(members)
		sort.Strings(s)
		return strings.Join(s, " ")
	}
	networkOf := map[string]string{}
	var want []string
	for _, n := range tr.Networks {
		var ks []string
		for _, m := range n.Members {
			ks = append(ks, "contractor:"+m)
			networkOf["contractor:"+m] = n.ID
		}
		want = append(want, key(ks))
	}
	var got []string
	for _, c := range out.Clusters {
		var ks []string
		nets := map[string]bool{}
		for _, m := range c.Members {
			ks = append(ks, m.Key)
			nets[networkOf[m.Key]] = true
		}
		if len(nets) > 1 {
			t.Errorf("%s mixes networks %v", c.ID, nets)
		}
		smallest := slices.Min(ks)
		if c.Size != len(c.Members) || len(c.Binding) == 0 || c.ID != "cluster:"+strings.TrimPrefix(smallest, "contractor:") {
			t.Errorf("%s: size %d, %d members, %d binding identifiers, smallest member %s", c.ID, c.Size, len(c.Members),
				len(c.Binding), smallest)
		}
		for _, b := range c.Binding {
			for _, m := range b.Members {
				if !slices.Contains(ks, m) {
					t.Errorf("%s: %s binds %s, not a member", c.ID, b.Key, m)
				}
			}
		}
		got = append(got, key(ks))
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("clusters\n%v\nwant the planted networks\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The agency office and the payment processor's collection account are hubs,
	// left out of every cluster.
	for _, h := range tr.Hubs {
		if h.Kind != "address" && h.Kind != "payout_account" {
			continue
		}
		found := false
		for _, oh := range out.Hubs {
			found = found || oh.Contractors == h.Members
		}
		if !found {
			t.Errorf("truth hub %s of %d profiles is not listed as a hub: %+v", h.Kind, h.Members, out.Hubs)
		}
	}
	human := mustRun(t, "--db", db, "clusters")
	checkWidth(t, "clusters", human)
	if !strings.Contains(human, "hubs, not farms") {
		t.Errorf("clusters output does not name the hubs:\n%s", human)
	}
}

func TestDemoRiskRanksPlantedNetworksAboveCleanProfiles(t *testing.T) {
	db := demoDB(t)
	tr := readDemoTruth(t)
	raw := mustRun(t, "--db", db, "risk", "--top", "0", "--json")
	var shape []map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &shape); err != nil {
		t.Fatal(err)
	}
	for _, item := range shape {
		var keys []string
		for k := range item {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if want := []string{"cluster", "hops", "key", "label", "path", "reason", "score"}; !slices.Equal(keys, want) {
			t.Fatalf("item keys %v, want exactly %v", keys, want)
		}
	}
	var items []store.RiskScore
	if err := json.Unmarshal([]byte(raw), &items); err != nil {
		t.Fatal(err)
	}
	checkWidth(t, "risk", mustRun(t, "--db", db, "risk"))

	score := map[string]float64{}
	for i, it := range items {
		score[it.Key] = it.Score
		if it.Score <= 0 || it.Hops != len(it.Path)-1 || it.Path[0].Key != it.Key || it.Reason == "" {
			t.Errorf("#%d %s: score %v, hops %d, path %+v, reason %q", i+1, it.Key, it.Score, it.Hops, it.Path, it.Reason)
			continue
		}
		for j, st := range it.Path[1:] {
			if st.Edge == "" || (st.Dir != "out" && st.Dir != "in") {
				t.Errorf("%s step %d: %+v", it.Key, j+1, st)
			}
		}
		if last := it.Path[len(it.Path)-1]; last.Kind == "contractor" || !strings.Contains(last.Key, ":") {
			t.Errorf("%s's path ends at %+v, not a list entry", it.Key, last)
		}
		if i > 0 && it.Score > items[i-1].Score {
			t.Errorf("#%d %s scores %v, above #%d's %v", i+1, it.Key, it.Score, i, items[i-1].Score)
		}
	}
	special := map[string]bool{}
	for _, n := range tr.Networks {
		for _, m := range n.Members {
			special["contractor:"+m] = true
		}
	}
	for _, v := range tr.NameVariants {
		special["contractor:"+v.Contractor] = true
	}
	for _, v := range tr.NearMisses {
		special["contractor:"+v.Contractor] = true // innocent, but named like a designated person
	}
	var clean []float64
	for k, s := range score {
		if !special[k] {
			clean = append(clean, s)
		}
	}
	cleanBest := slices.Max(append(clean, 0))

	// Precision and recall of the ranking as a worklist: the planted profiles
	// whose network reaches a designated party are the positives; the top N
	// (N = their number) and every profile scoring at least reviewCut are the
	// flagged. 0.5 is where a name-only ("possible") match lands after halving,
	// so a profile above it has more than a name against it.
	const reviewCut = 0.5
	positive := map[string]bool{}
	for _, n := range tr.Networks {
		if len(n.Designated) > 0 {
			for _, m := range n.Members {
				positive["contractor:"+m] = true
			}
		}
	}
	var topHits, cutFlagged, cutHits int
	for i, it := range items {
		if i < len(positive) && positive[it.Key] {
			topHits++
		}
		if it.Score >= reviewCut {
			cutFlagged++
			if positive[it.Key] {
				cutHits++
			}
		}
	}
	precisionTop := float64(topHits) / float64(len(positive))
	precisionCut := float64(cutHits) / float64(max(cutFlagged, 1))
	recallCut := float64(cutHits) / float64(len(positive))
	t.Logf("%d planted linked profiles: precision@%d %.2f; at score >= %.1f precision %.2f recall %.2f",
		len(positive), len(positive), precisionTop, reviewCut, precisionCut, recallCut)
	if precisionTop < 1 || precisionCut < 0.9 || recallCut < 1 {
		t.Errorf("ranking quality below the bar: precision@%d %.2f (want 1), precision %.2f (want >= 0.9), recall %.2f (want 1)",
			len(positive), precisionTop, precisionCut, recallCut)
	}
	for _, n := range tr.Networks {
		if len(n.Designated) == 0 {
			continue
		}
		for _, m := range n.Members {
			if s := score["contractor:"+m]; s <= cleanBest {
				t.Errorf("network %s member %s scores %v, not above the best clean profile (%v)", n.ID, m, s, cleanBest)
			}
		}
	}
}

func TestRiskAndClustersOutputIsSanitised(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "evil.csv")
	os.WriteFile(csv, []byte("id,name,email\nFX-1,\"Kim\x1b[2J\x1b]0;pwned\x07 Evil\",farm@example.com\n"+
		"FX-2,\"Lee\u009b31m Red\",farm@example.com\n"), 0o644)
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "contractors", csv)
	out := mustRun(t, "--db", db, "clusters")
	if strings.ContainsAny(out, "\x1b\x07\u009b") || !strings.Contains(out, "cluster:FX-1") || !strings.Contains(out, "email:farm@example.com") {
		t.Errorf("clusters output: %q", out)
	}
	out = mustRun(t, "--db", db, "risk")
	if strings.ContainsAny(out, "\x1b\x07\u009b") || !strings.Contains(out, "no designated entries loaded") {
		t.Errorf("risk output: %q", out)
	}
}

// checkWidth fails for any line wider than the 80 columns the output is laid out for.
func checkWidth(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(line) > width {
			t.Errorf("%s: line of %d columns: %q", what, utf8.RuneCountInString(line), line)
		}
	}
}
