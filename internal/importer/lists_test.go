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
	} {
		p := needShared(t, f.rel)
		st := openStore(t)
		res, err := Lists(context.Background(), st, p, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.rel, err)
		}
		if res.Format != f.format || res.Read != f.min || res.Stored != res.Read {
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
