package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/lists"
	"github.com/casegraph/casegraph/internal/store"
)

const sharedData = "../../../shared/data"

func needShared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sharedData, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("published list files not present at %s (they live outside the repository): %v", p, err)
	}
	return p
}

func TestOFACListEntriesBecomeNodesWithProvenance(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	res, err := Lists(ctx, st, "../lists/testdata/ofaccsv_basic", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read == 0 || res.Read != res.Stored || res.Format != "ofac-csv" {
		t.Fatalf("result = %+v", res)
	}
	srcs, _ := st.Sources(ctx)
	if len(srcs) < 2 {
		t.Errorf("only %d sources recorded for a four-file set", len(srcs))
	}
	again, err := Lists(ctx, st, "../lists/testdata/ofaccsv_basic/sdn.csv", Options{})
	if err != nil || !again.AlreadyImported {
		t.Errorf("re-import: %+v %v", again, err)
	}
}

func TestRealListsImportAndMeetTheDemoWallets(t *testing.T) {
	sdn := needShared(t, "ofac-csv/current-merged")
	un := needShared(t, "un-xml/UN_consolidated_2026-02-27.xml")
	ctx := context.Background()
	st := openStore(t)
	for _, f := range []struct {
		fn   func(context.Context, *store.Store, string, Options) (Result, error)
		path string
	}{{Contractors, "../../samples/demo/contractors.csv"}, {Payments, "../../samples/demo/payments.csv"}, {Lists, sdn}, {Lists, un}} {
		if _, err := f.fn(ctx, st, f.path, Options{}); err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
	}
	stats, _ := st.Stats(ctx)
	entries := stats.NodesByKind["person"] + stats.NodesByKind["organization"] + stats.NodesByKind["vessel"] + stats.NodesByKind["aircraft"]
	if entries < 15482+1003 {
		t.Errorf("%d list entry nodes, want at least 15,482 OFAC + 1,003 UN", entries)
	}
	// KIM, Sang Man (OFAC 43377): names, wallets with provenance in sdn.csv, alt.csv.
	kim, err := st.NodeByKey(ctx, "ofac:43377")
	if err != nil {
		t.Fatal(err)
	}
	if kim.Kind != store.KindPerson || kim.Label != "KIM, Sang Man" || kim.Attrs["designated"] != true {
		t.Errorf("ofac:43377 = %+v", kim)
	}
	page, _ := st.Links(ctx, kim.ID, 100, 5)
	linked := map[string]store.Link{}
	for _, l := range page.Links {
		linked[l.Other.Key] = l
	}
	for _, k := range []string{"name:kim, sangman", "wallet:btc:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ",
		"wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c"} {
		l, ok := linked[k]
		if !ok {
			t.Errorf("ofac:43377 not linked to %s", k)
			continue
		}
		if len(l.Sources) == 0 || !strings.HasSuffix(l.Sources[0].Path, ".csv") {
			t.Errorf("%s: no source row: %+v", k, l.Sources)
		}
	}
	// The demo's planted network forwards money to that wallet: one node, two sides.
	w, _ := st.NodeByKey(ctx, "wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c")
	wl, _ := st.Links(ctx, w.ID, 100, 1)
	var fromLedger, fromList bool
	for _, l := range wl.Links {
		fromLedger = fromLedger || l.Kind == store.EdgeTransfer
		fromList = fromList || l.Other.Key == "ofac:43377"
	}
	if !fromLedger || !fromList {
		t.Errorf("wallet links: ledger %v, list %v (%+v)", fromLedger, fromList, wl.Links)
	}
	// Aliases are searchable.
	hits, err := st.Search(ctx, "silverstar", 10)
	if err != nil || len(hits) == 0 {
		t.Errorf("search silverstar: %v %v", hits, err)
	}
	// UN: a DPRK entity with its aliases.
	komid, err := st.NodeByKey(ctx, "un:KPe.001")
	if err != nil || komid.Kind != store.KindOrganization {
		t.Errorf("un:KPe.001 = %+v %v", komid, err)
	}
}

func TestMalformedOFACSetFailsWithFileLineAndChangesNothing(t *testing.T) {
	bad := needShared(t, "ofac-csv/invalid-malformed")
	ctx := context.Background()
	st := openStore(t)
	before, _ := st.Stats(ctx)
	_, err := Lists(ctx, st, bad, Options{})
	if err == nil || !strings.Contains(err.Error(), "sdn.csv:") {
		t.Fatalf("err = %v, want FILE:LINE", err)
	}
	after, _ := st.Stats(ctx)
	if after.Nodes != before.Nodes || len(after.Sources) != len(before.Sources) {
		t.Error("failed list import changed the database")
	}
}

func TestFtMEntitiesAndDeltaStreamImport(t *testing.T) {
	zala := needShared(t, "opensanctions-ftm/yente-fixtures/zala/entities.ftm.json")
	ctx := context.Background()
	st := openStore(t)
	res, err := Lists(ctx, st, zala, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "ftm" || res.Read == 0 || res.Read != res.Stored {
		t.Fatalf("result = %+v", res)
	}
	hits, _ := st.Search(ctx, "osetrova", 10)
	found := false
	for _, h := range hits {
		found = found || (h.Kind == store.KindPerson && strings.HasPrefix(h.Key, "os:"))
	}
	if !found {
		t.Errorf("search osetrova found no os: person: %+v", hits)
	}
	// A delta stream with a DEL marks its entry delisted; the empty delta is refused clearly.
	matches, _ := filepath.Glob(filepath.Join(sharedData, "opensanctions-ftm/yente-fixtures/t2/*/entities.delta.json"))
	dels := 0
	for _, m := range matches {
		fi, _ := os.Stat(m)
		r, err := Lists(ctx, st, m, Options{})
		if fi.Size() == 0 {
			if err == nil || !strings.Contains(err.Error(), "empty file") {
				t.Errorf("%s: empty delta: %v", m, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if r.Read != r.Stored {
			t.Errorf("%s: %+v", m, r)
		}
	}
	// Each delta stream is a version whose counts are the ops it states.
	vs, _ := st.ListVersions(ctx)
	var added, changed, removed int
	for _, v := range vs {
		if v.List == "os" && v.Format == "ftm" {
			added, changed, removed = added+v.Added, changed+v.Changed, removed+v.Removed
		}
	}
	if added != 4 || changed != 1 || removed != 1 {
		t.Errorf("delta versions: %d added, %d changed, %d removed; want ADD 4, MOD 1, DEL 1 as the streams state", added, changed, removed)
	}
	rows, _ := st.DB().Query(`SELECT count(*) FROM nodes WHERE json_extract(attrs, '$.delisted') = 1`)
	for rows.Next() {
		rows.Scan(&dels)
	}
	rows.Close()
	if dels != 1 {
		t.Errorf("%d delisted entries after the delta stream, want 1 (NK-500Poltergeist)", dels)
	}
}

func TestOFACXMLFilesImport(t *testing.T) {
	for _, f := range []struct {
		rel, format string
		min         int
	}{
		{"ofac-xml/consolidated_sdnList-schema_2025-03-28.xml", "ofac-xml", 443},
		{"ofac-xml/cons_advanced_2020-03-17.xml", "ofac-advanced-xml", 375},
		{"ofac-consolidated-csv/2025-12-19", "ofac-csv", 442},
	} {
		p := needShared(t, f.rel)
		st := openStore(t)
		res, err := Lists(context.Background(), st, p, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.rel, err)
		}
		if res.Format != f.format || res.Read-res.Orphans != f.min || res.Stored != res.Read {
			t.Errorf("%s: %+v, want %d entries as %s", f.rel, res, f.min, f.format)
		}
	}
}

func TestSpreadsheetListsImportWithTheirMappings(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	for _, name := range []string{"jp-mof-sample", "kr-sample"} {
		m, err := lists.LoadGenericMapping(filepath.Join("../../samples/lists", name+".mapping.json"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Lists(ctx, st, filepath.Join("../../samples/lists", name+".csv"), Options{ListMapping: m})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Format != "csv-mapped" || res.Read != 6 || res.Stored != 6 {
			t.Errorf("%s: %+v", name, res)
		}
	}
	// The Japanese sample lists KIM, Sang Man's published wallet: one node with the list entry.
	w, err := st.NodeByKey(ctx, "wallet:btc:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := st.Links(ctx, w.ID, 10, 1)
	if page.Total == 0 || !strings.HasPrefix(page.Links[0].Other.Key, "jp-mof:") {
		t.Errorf("wallet links = %+v", page.Links)
	}
}

// copyDir copies a flat folder of files.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	return dir
}

func TestANewerListVersionRecordsTheDelta(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	old := copyDir(t, "../lists/testdata/ofaccsv_basic")
	if _, err := Lists(ctx, st, old, Options{}); err != nil {
		t.Fatal(err)
	}
	// The next publication: entry 20 delisted, entry 10 renamed, entry 40 added.
	newer := copyDir(t, "../lists/testdata/ofaccsv_basic")
	b, _ := os.ReadFile(filepath.Join(newer, "sdn.csv"))
	var lines []string
	for _, l := range strings.SplitAfter(string(b), "\r\n") {
		switch {
		case strings.HasPrefix(l, "20,"):
			continue
		case strings.HasPrefix(l, "10,"):
			l = strings.Replace(l, `"KIM, Chol"`, `"KIM, Chol Su"`, 1)
		case strings.HasPrefix(l, "\x1a"):
			lines = append(lines, "40,\"NEW FRONT CO., LTD.\",-0- ,\"DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n")
		}
		lines = append(lines, l)
	}
	os.WriteFile(filepath.Join(newer, "sdn.csv"), []byte(strings.Join(lines, "")), 0o644)
	if _, err := Lists(ctx, st, newer, Options{}); err != nil {
		t.Fatal(err)
	}
	vs, err := st.ListVersions(ctx)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	if v := vs[1]; v.Added != 1 || v.Removed != 1 || v.Changed != 1 || vs[0].Added+vs[0].Removed+vs[0].Changed != 0 {
		t.Errorf("delta = %+v (first version %+v)", v, vs[0])
	}
	changes, _ := st.ListChanges(ctx, vs[1].ID)
	got := map[string]string{}
	for _, c := range changes {
		got[c.Key] = c.Change + " " + strings.Join(c.Fields, ",")
	}
	want := map[string]string{"ofac:40": "added ", "ofac:20": "removed ", "ofac:10": "changed names"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	n, _ := st.NodeByKey(ctx, "ofac:20")
	if n.Attrs["delisted"] != true || n.Attrs["delisted_on"] == nil {
		t.Errorf("delisted entry = %+v", n.Attrs)
	}
	// The renamed entry is updated in place, and findable under its new name.
	if kim, _ := st.NodeByKey(ctx, "ofac:10"); kim.Label != "KIM, Chol Su" {
		t.Errorf("ofac:10 label = %q after the newer version", kim.Label)
	}
	if hits, _ := st.Search(ctx, "chol su", 5); len(hits) == 0 {
		t.Error("the new name is not searchable")
	}
}

func TestRealOFACVersionsDelta(t *testing.T) {
	v2019 := needShared(t, "ofac-csv/2019-01-15")
	v2021 := needShared(t, "ofac-csv/2021-07-07")
	ids := func(dir string) map[string]bool {
		b, _ := os.ReadFile(filepath.Join(dir, "sdn.csv"))
		out := map[string]bool{}
		for _, l := range strings.Split(string(b), "\n") {
			if id, _, ok := strings.Cut(l, ","); ok && id != "" && id[0] >= '0' && id[0] <= '9' {
				out[id] = true
			}
		}
		return out
	}
	a, b := ids(v2019), ids(v2021)
	added, removed := 0, 0
	for id := range b {
		if !a[id] {
			added++
		}
	}
	for id := range a {
		if !b[id] {
			removed++
		}
	}
	ctx := context.Background()
	st := openStore(t)
	for _, d := range []string{v2019, v2021} {
		if _, err := Lists(ctx, st, d, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	vs, _ := st.ListVersions(ctx)
	if len(vs) != 2 || vs[1].Added != added || vs[1].Removed != removed || vs[1].Changed == 0 {
		t.Errorf("versions %+v; want %d added, %d removed (counted from sdn.csv) and some changed", vs, added, removed)
	}
}
