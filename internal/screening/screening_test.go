package screening_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/screen"
	. "github.com/casegraph/casegraph/internal/screening"
	"github.com/casegraph/casegraph/internal/store"
)

// truth is the part of samples/demo/truth.json screening is judged on.
type truth struct {
	NameVariants []struct{ Contractor, Written, Designated, Entry string } `json:"name_variants"`
	NearMisses   []struct{ Contractor, Written, Entry string }             `json:"near_misses"`
	Innocent     []string                                                  `json:"innocent_korean_names"`
	Networks     []struct {
		ID         string
		Designated []struct{ Entry, Via string }
		Wallets    []string
	}
}

// demoDB imports the demo sample (contractors, payments, the SDN extract) and
// screens it, as casegraph demo does.
func demoDB(t *testing.T) (*store.Store, *demo.Loaded, truth) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	loaded, err := demo.Load(ctx, st, dir)
	if err != nil {
		t.Fatal(err)
	}
	var tr truth
	b, err := os.ReadFile(loaded.Files["truth.json"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	return st, loaded, tr
}

// nameMatches reads the stored name_match edges as subject key -> entry key -> attrs.
func nameMatches(t *testing.T, st *store.Store) map[string]map[string]map[string]any {
	t.Helper()
	rows, err := st.DB().Query(`SELECT a.key, b.key, e.attrs FROM edges e JOIN nodes a ON a.id = e.src JOIN nodes b ON b.id = e.dst WHERE e.kind = 'name_match'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]map[string]any{}
	for rows.Next() {
		var sub, ent, attrs string
		if err := rows.Scan(&sub, &ent, &attrs); err != nil {
			t.Fatal(err)
		}
		var a map[string]any
		if err := json.Unmarshal([]byte(attrs), &a); err != nil {
			t.Fatal(err)
		}
		if out[sub] == nil {
			out[sub] = map[string]map[string]any{}
		}
		out[sub][ent] = a
	}
	return out
}

func TestPlantedNameVariantsMatchTheirEntries(t *testing.T) {
	st, _, tr := demoDB(t)
	got := nameMatches(t, st)
	if len(tr.NameVariants) == 0 {
		t.Fatal("truth has no name variants")
	}
	for _, v := range tr.NameVariants {
		a := got["contractor:"+v.Contractor]["ofac:"+v.Entry]
		if a == nil {
			t.Errorf("%s %q: no name_match to ofac:%s (%s)", v.Contractor, v.Written, v.Entry, v.Designated)
			continue
		}
		if a["score"].(float64) < DefaultThreshold || a["explanation"] == "" || a["matched"] == "" {
			t.Errorf("%s: weak or unexplained match %v", v.Contractor, a)
		}
	}
}

func TestNearMissesAndInnocentKoreanNamesAreNotFlagged(t *testing.T) {
	st, _, tr := demoDB(t)
	got := nameMatches(t, st)
	// The generator plants near misses of two sorts. Namesakes — Cho
	// Kyung-hoon is 조경훈 as JO Kyong Hun is; Vitaliy Andreev is ANDREYEV
	// Vitaliy without the patronymic — may be possible matches for review,
	// never strong on the name alone. Another syllable (Sang-min for
	// Sang-man, Eun-sun for Ung-sun) is another name and must not match.
	anotherSyllable := map[string]bool{"Kim Sang-min": true, "Eun-sun Kim": true}
	near := map[string]bool{}
	for _, n := range tr.NearMisses {
		near[n.Contractor] = true
		a := got["contractor:"+n.Contractor]["ofac:"+n.Entry]
		switch {
		case a == nil:
		case anotherSyllable[n.Written]:
			t.Errorf("%s %q matched another name: %v", n.Contractor, n.Written, a["explanation"])
		case a["strength"] == Strong:
			t.Errorf("%s %q flagged strong on the name alone: %v", n.Contractor, n.Written, a["explanation"])
		default:
			t.Logf("%s %q: %s %v", n.Contractor, n.Written, a["strength"], a["explanation"])
		}
	}
	for w := range anotherSyllable {
		found := false
		for _, n := range tr.NearMisses {
			found = found || n.Written == w
		}
		if !found {
			t.Errorf("truth.json no longer plants the near miss %q", w)
		}
	}
	for _, c := range tr.Innocent {
		if near[c] {
			continue
		}
		if m := got["contractor:"+c]; m != nil {
			t.Errorf("innocent %s matched %v", c, m)
		}
	}
}

func TestDesignatedBeneficiariesMatchAsStrongCompanyNames(t *testing.T) {
	_, loaded, tr := demoDB(t)
	want := map[string]bool{}
	for _, n := range tr.Networks {
		for _, d := range n.Designated {
			if strings.HasPrefix(d.Via, "beneficiary ") {
				want["ofac:"+d.Entry] = true
			}
		}
	}
	found := map[string]bool{}
	for _, h := range loaded.Screen.NameHits {
		if h.Subject.Kind == store.KindAccount && want[h.Entry.Key] {
			found[h.Entry.Key] = true
			if !strings.Contains(h.Source, "payments.csv:") {
				t.Errorf("%s hit without its ledger row: %q", h.Entry.Key, h.Source)
			}
			if h.Strength != Strong {
				t.Errorf("%s ~ %s is %s: %s", h.Name, h.Matched, h.Strength, h.Explanation)
			}
		}
	}
	for e := range want {
		if !found[e] {
			t.Errorf("no payee account matched %s by beneficiary name", e)
		}
	}
}

func TestPublishedWalletsAreExactIdentifierHits(t *testing.T) {
	_, loaded, tr := demoDB(t)
	hit := map[string]bool{}
	for _, h := range loaded.Screen.Identifiers {
		hit[strings.ToLower(h.Identifier.Label)] = true
		if h.Entry.Key == "" || h.Subject.Key == "" {
			t.Errorf("incomplete identifier hit %+v", h)
		}
	}
	for _, n := range tr.Networks {
		if len(n.Designated) == 0 {
			continue
		}
		for _, w := range n.Wallets {
			if !hit[strings.ToLower(w)] {
				t.Errorf("network %s wallet %s is no identifier hit", n.ID, w)
			}
		}
	}
}

func TestRerunReplacesTheLastRunsMatches(t *testing.T) {
	st, loaded, _ := demoDB(t)
	before := nameMatches(t, st)
	rep, err := Run(context.Background(), st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := nameMatches(t, st)
	if len(after) != len(before) || len(rep.NameHits) != len(loaded.Screen.NameHits) {
		t.Errorf("re-run changed the matches: %d subjects before, %d after", len(before), len(after))
	}
	var runs int
	st.DB().QueryRow(`SELECT count(*) FROM screen_runs`).Scan(&runs)
	if runs != 2 {
		t.Errorf("%d screen runs recorded, want 2", runs)
	}
	// A stricter threshold drops matches rather than adding to them.
	if _, err := Run(context.Background(), st, Options{Threshold: 0.999}); err != nil {
		t.Fatal(err)
	}
	strict := nameMatches(t, st)
	n := 0
	for _, m := range strict {
		n += len(m)
	}
	m := 0
	for _, x := range before {
		m += len(x)
	}
	if n == 0 || n >= m {
		t.Errorf("threshold 0.999 kept %d of %d matches", n, m)
	}
}

func TestAdHocNameFindsRomanisationAndOrderVariants(t *testing.T) {
	st, _, _ := demoDB(t)
	ctx := context.Background()
	for _, tt := range []struct{ name, kind, entry string }{
		{"Kim Sang-man", "person", "ofac:43377"},
		{"Sangman Kim", "", "ofac:43377"},
		{"Cho Kyong Hun", "person", "ofac:54800"},
		{"Kim Eung-sun", "person", "ofac:55064"},
		{"Chinyong IT Cooperation Company", "", "ofac:43379"},
		{"Korea Sobaeksu Trading Corp", "organization", "ofac:54764"},
	} {
		hits, err := Name(ctx, st, tt.name, tt.kind, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.Entry.Key == tt.entry
		}
		if !found {
			t.Errorf("%q: %s not among %d hits", tt.name, tt.entry, len(hits))
		}
	}
	for _, ordinary := range []string{"Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon", "Choi Yu-na", "Jung Ha-eun", "Kang Min-seo"} {
		hits, err := Name(ctx, st, ordinary, "person", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			t.Errorf("ordinary name %q flagged: %s %s", ordinary, h.Entry.Key, h.Explanation)
		}
	}
}

func TestAdHocAndBulkScreeningAgree(t *testing.T) {
	st, loaded, _ := demoDB(t)
	for _, h := range loaded.Screen.NameHits {
		if h.Subject.Kind != store.KindContractor {
			continue
		}
		hits, err := Name(context.Background(), st, h.Name, screen.KindPerson, 0)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, a := range hits {
			ok = ok || a.Entry.Key == h.Entry.Key && a.NameScore == h.NameScore
		}
		if !ok {
			t.Errorf("bulk hit %s ~ %s (%.3f) not found ad hoc", h.Name, h.Entry.Key, h.NameScore)
		}
	}
}
