package importer

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func mustImport(t *testing.T, fn func(context.Context, *store.Store, string, Options) (Result, error), st *store.Store, path string) Result {
	t.Helper()
	res, err := fn(context.Background(), st, path, Options{})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	if res.Read != res.Stored+res.Rejected {
		t.Fatalf("counts do not add up: %+v", res)
	}
	return res
}

// neighbours returns the keys linked to key, with the links' provenance lines.
func neighbours(t *testing.T, st *store.Store, key string) map[string]store.Link {
	t.Helper()
	ctx := context.Background()
	n, err := st.NodeByKey(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Links(ctx, n.ID, 1000, 10)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Link{}
	for _, l := range page.Links {
		out[l.Other.Key] = l
	}
	return out
}

func TestContractorsWhoShareAnIdentifierWrittenDifferentlyMeet(t *testing.T) {
	st := openStore(t)
	res := mustImport(t, Contractors, st, "testdata/contractors.csv")
	if res.Read != 3 || res.Stored != 3 || res.Format != "csv" {
		t.Fatalf("result = %+v", res)
	}
	a := neighbours(t, st, "contractor:FX-1")
	b := neighbours(t, st, "contractor:FX-2")
	shared := 0
	for k := range a {
		if _, ok := b[k]; ok {
			shared++
		}
	}
	// IBAN (spaced vs lower-case), address (St Apt vs STREET, APT.), phone (international vs
	// national with country), and the Gmail mailbox (dots and +tag folded).
	for _, kind := range []string{"account:iban:DE89370400440532013000", "phone:+12025550143", "email:kimsm@gmail.com"} {
		if _, ok := a[kind]; !ok {
			t.Errorf("FX-1 is not linked to %s; links: %v", kind, keys(a))
		}
		if _, ok := b[kind]; !ok {
			t.Errorf("FX-2 is not linked to %s; links: %v", kind, keys(b))
		}
	}
	addr := 0
	for k := range a {
		if strings.HasPrefix(k, "address:") {
			if _, ok := b[k]; ok {
				addr++
			}
		}
	}
	if addr != 1 {
		t.Errorf("FX-1 and FX-2 share %d address nodes, want 1 (variants of 1234 Oak St Apt 4B)", addr)
	}
	if shared < 5 {
		t.Errorf("FX-1 and FX-2 share %d identifiers, want at least 5", shared)
	}
	// Every link says which file and line asserted it.
	for k, l := range a {
		if len(l.Sources) == 0 || !strings.HasSuffix(l.Sources[0].Path, "contractors.csv") || l.Sources[0].Line != 2 {
			t.Errorf("link to %s has provenance %+v, want contractors.csv:2", k, l.Sources)
		}
	}
	// Two values in one cell are two identifiers.
	c := neighbours(t, st, "contractor:FX-3")
	for _, k := range []string{"email:park@example.org", "email:park.jh@example.net", "wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7"} {
		if _, ok := c[k]; !ok {
			t.Errorf("FX-3 not linked to %s; links %v", k, keys(c))
		}
	}
}

func keys(m map[string]store.Link) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestBrokenFileFailsWithFileLineFieldAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	mustImport(t, Contractors, st, "testdata/contractors.csv")
	before, _ := st.Stats(ctx)
	_, err := Contractors(ctx, st, "testdata/broken.csv", Options{})
	if err == nil {
		t.Fatal("broken file imported without error")
	}
	want := `testdata/broken.csv:3: field "E-mail Address": `
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want prefix %q", err, want)
	}
	after, _ := st.Stats(ctx)
	if after.Nodes != before.Nodes || after.Edges != before.Edges || len(after.Sources) != len(before.Sources) {
		t.Errorf("database changed: before %d/%d/%d after %d/%d/%d", before.Nodes, before.Edges, len(before.Sources),
			after.Nodes, after.Edges, len(after.Sources))
	}
	if _, err := st.NodeByKey(ctx, "contractor:FX-10"); err == nil {
		t.Error("row before the bad one was kept")
	}
}

func TestSkipBadRowsStoresTheRestAndWritesEveryRejectWithItsReason(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rej := filepath.Join(t.TempDir(), "rejects.csv")
	res, err := Contractors(ctx, st, "testdata/broken.csv", Options{SkipBadRows: true, RejectsPath: rej})
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 3 || res.Stored != 2 || res.Rejected != 1 || res.RejectsPath != rej {
		t.Fatalf("result = %+v", res)
	}
	f, err := os.Open(rej)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][0] != "3" || rows[1][1] != "E-mail Address" || rows[1][2] == "" || !strings.Contains(rows[1][3], "not-an-email") {
		t.Errorf("rejects file = %q", rows)
	}
	for _, k := range []string{"contractor:FX-10", "contractor:FX-12"} {
		if _, err := st.NodeByKey(ctx, k); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
	if _, err := st.NodeByKey(ctx, "contractor:FX-11"); err == nil {
		t.Error("the rejected row was stored")
	}
	srcs, _ := st.Sources(ctx)
	if len(srcs) != 1 || srcs[0].RowsRead != 3 || srcs[0].RowsStored != 2 || srcs[0].RowsRejected != 1 {
		t.Errorf("source row = %+v", srcs)
	}
}

func TestReimportingTheSameBytesIsANoOp(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	mustImport(t, Contractors, st, "testdata/contractors.csv")
	before, _ := st.Stats(ctx)
	// Same bytes under another name: recognised by SHA-256, not by path.
	copyPath := filepath.Join(t.TempDir(), "renamed.csv")
	b, _ := os.ReadFile("testdata/contractors.csv")
	os.WriteFile(copyPath, b, 0o644)
	res := mustImport(t, Contractors, st, copyPath)
	if !res.AlreadyImported || res.Read != 0 {
		t.Errorf("result = %+v, want already imported", res)
	}
	after, _ := st.Stats(ctx)
	if after.Nodes != before.Nodes || len(after.Sources) != 1 {
		t.Errorf("re-import changed the database")
	}
}

func TestPaymentsAreExactAndAggregateIntoMoneyFlows(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	mustImport(t, Contractors, st, "testdata/contractors.csv")
	res := mustImport(t, Payments, st, "testdata/payments.csv")
	if res.Read != 4 || res.Stored != 4 {
		t.Fatalf("result = %+v", res)
	}
	var amounts []int64
	rows, err := st.DB().QueryContext(ctx, `SELECT amount_minor FROM ledger ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a int64
		rows.Scan(&a)
		amounts = append(amounts, a)
	}
	rows.Close()
	want := []int64{125000, 100050, 200000, 500}
	for i := range want {
		if i >= len(amounts) || amounts[i] != want[i] {
			t.Fatalf("amounts = %v, want %v", amounts, want)
		}
	}
	// Both payouts reach the same IBAN from one client, whatever its spelling.
	client := neighbours(t, st, "client:northwind logistics ltd")
	paid, ok := client["account:iban:DE89370400440532013000"]
	if !ok || paid.Kind != store.EdgePaid {
		t.Fatalf("client links = %v", keys(client))
	}
	totals := paid.Attrs["totals"].(map[string]any)
	if paid.Attrs["count"].(float64) != 2 || totals["USD"].(float64) != 125000 || totals["EUR"].(float64) != 100050 {
		t.Errorf("paid edge attrs = %v", paid.Attrs)
	}
	if len(paid.Sources) != 2 || paid.Sources[0].Line != 2 || paid.Sources[1].Line != 3 {
		t.Errorf("paid edge provenance = %+v, want payments.csv lines 2 and 3", paid.Sources)
	}
	// The forwarded money is a transfer from the shared IBAN to the wallet.
	acct := neighbours(t, st, "account:iban:DE89370400440532013000")
	if l, ok := acct["wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7"]; !ok || l.Kind != store.EdgeTransfer {
		t.Errorf("account links = %v", keys(acct))
	}
	// A payout to a contractor the profiles do not know creates a placeholder node.
	n, err := st.NodeByKey(ctx, "contractor:FX-9")
	if err != nil || n.Attrs["placeholder"] != true {
		t.Errorf("placeholder = %+v, %v", n, err)
	}
	// The real profile's node is untouched by the ledger's mention of it.
	real, _ := st.NodeByKey(ctx, "contractor:FX-1")
	if _, ok := real.Attrs["placeholder"]; ok || real.Label != "Kim Min-jun" {
		t.Errorf("FX-1 after payments = %+v", real)
	}
}

func TestPaymentErrorsNameLineAndField(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, row, field string }{
		{"ambiguous amount", `P-1,2025-01-31,payout,FX-1,Acme,,DE89370400440532013000,X,"1,250",USD,SEPA,r`, "amount"},
		{"ambiguous date", `P-1,03/04/2025,payout,FX-1,Acme,,DE89370400440532013000,X,1250.00,USD,SEPA,r`, "date"},
		{"too many decimals", `P-1,2025-01-31,payout,FX-1,Acme,,DE89370400440532013000,X,12.505,USD,SEPA,r`, "amount"},
		{"missing payee", `P-1,2025-01-31,payout,FX-1,Acme,,,X,12.50,USD,SEPA,r`, "payee_account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".csv")
			os.WriteFile(p, []byte("payment_id,date,type,contractor_id,payer,payer_account,payee_account,beneficiary_name,amount,currency,rail,reference\n"+tc.row+"\n"), 0o644)
			_, err := Payments(context.Background(), openStore(t), p, Options{})
			want := p + `:2: field "` + tc.field + `": `
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %v, want prefix %q", err, want)
			}
		})
	}
}

// snapshot is what an import leaves in the database, independent of ids.
func snapshot(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DB().Query(`
		SELECT 'node ' || kind || ' ' || key || ' ' || label || ' ' || coalesce(attrs, '') FROM nodes
		UNION ALL
		SELECT 'edge ' || e.kind || ' ' || a.key || ' ' || b.key || ' ' || coalesce(e.attrs, '')
		  FROM edges e JOIN nodes a ON a.id = e.src JOIN nodes b ON b.id = e.dst
		UNION ALL
		SELECT 'edge_source ' || e.kind || ' ' || a.key || ' ' || b.key || ' ' || es.line || ' ' || es.field
		  FROM edge_sources es JOIN edges e ON e.id = es.edge_id JOIN nodes a ON a.id = e.src JOIN nodes b ON b.id = e.dst
		UNION ALL
		SELECT 'node_source ' || n.key || ' ' || ns.line || ' ' || ns.field FROM node_sources ns JOIN nodes n ON n.id = ns.node_id
		UNION ALL
		SELECT 'ledger ' || l.line || ' ' || coalesce(c.key, '') || ' ' || coalesce(p.key, '') || ' ' || q.key || ' ' ||
		       l.amount_minor || ' ' || l.currency || ' ' || coalesce(l.date, '')
		  FROM ledger l LEFT JOIN nodes c ON c.id = l.contractor_id LEFT JOIN nodes p ON p.id = l.payer_id JOIN nodes q ON q.id = l.payee_id
		UNION ALL
		SELECT 'index ' || name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('ledger', 'edges', 'nodes')
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func TestBulkModeStoresExactlyWhatRowByRowModeStores(t *testing.T) {
	ctx := context.Background()
	var snaps [2][]string
	for i, bulk := range []int64{0, -1} {
		st := openStore(t)
		// Two rounds, so the second import finds existing nodes and edges (preload, merges).
		for _, f := range []struct {
			fn   func(context.Context, *store.Store, string, Options) (Result, error)
			path string
		}{{Contractors, "testdata/contractors.csv"}, {Payments, "testdata/payments.csv"}, {Contractors, "../../samples/formats/contractors-export.tsv"}} {
			if _, err := f.fn(ctx, st, f.path, Options{BulkBytes: bulk}); err != nil {
				t.Fatalf("bulk=%v %s: %v", bulk != 0, f.path, err)
			}
		}
		snaps[i] = snapshot(t, st)
		var fk int
		st.DB().QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		var violations int
		st.DB().QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&violations)
		if fk != 1 || violations != 0 {
			t.Errorf("bulk=%v: foreign_keys=%d after import, %d violations", bulk != 0, fk, violations)
		}
	}
	if len(snaps[0]) < 50 {
		t.Fatalf("snapshot has only %d facts", len(snaps[0]))
	}
	if strings.Join(snaps[0], "\n") != strings.Join(snaps[1], "\n") {
		for i := 0; i < max(len(snaps[0]), len(snaps[1])); i++ {
			var a, b string
			if i < len(snaps[0]) {
				a = snaps[0][i]
			}
			if i < len(snaps[1]) {
				b = snaps[1][i]
			}
			if a != b {
				t.Fatalf("first difference at fact %d:\nrow by row: %s\nbulk:       %s", i, a, b)
			}
		}
	}
}
