package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestResolvePathPrefersFlagThenEnvThenDefault(t *testing.T) {
	t.Setenv(EnvDB, "")
	if got := ResolvePath(""); got != DefaultFile {
		t.Errorf("no flag, no env: got %q", got)
	}
	t.Setenv(EnvDB, "/cases/env.db")
	if got := ResolvePath(""); got != "/cases/env.db" {
		t.Errorf("env: got %q", got)
	}
	if got := ResolvePath("flag.db"); got != "flag.db" {
		t.Errorf("flag: got %q", got)
	}
}

func TestOpenAppliesMigrationsOnceAndSetsPragmas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "case.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var n, v int
		s.db.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &v)
		if n != SchemaVersion() || v != SchemaVersion() {
			t.Errorf("open #%d: %d migrations recorded, version %d; want %d", i+1, n, v, SchemaVersion())
		}
		var mode string
		var fk int
		s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		if mode != "wal" || fk != 1 {
			t.Errorf("journal_mode=%q foreign_keys=%d, want wal and 1", mode, fk)
		}
		s.Close()
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "case.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(`INSERT INTO schema_migrations VALUES (9999, 'future', 'x')`)
	s.Close()
	if _, err := Open(ctx, path); err == nil {
		t.Fatal("opened a database with a newer schema")
	}
}

// importTwoContractors writes two contractors sharing one email, as an importer would.
func importTwoContractors(t *testing.T, s *Store, sha string) {
	t.Helper()
	ctx := context.Background()
	im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/c.csv", SHA256: sha, Size: 10, Kind: "contractors", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	email, _ := im.Node(ctx, NodeSpec{Kind: KindEmail, Key: "email:kim@example.com", Label: "kim@example.com"}, Prov{Line: 2, Field: "Email"})
	for i, id := range []string{"FL-1", "FL-2"} {
		c, err := im.Node(ctx, NodeSpec{Kind: KindContractor, Key: "contractor:" + id, Label: "Kim " + id,
			Attrs: map[string]any{"country": "KR"}}, Prov{Line: i + 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := im.Edge(ctx, EdgeUses, c, email, map[string]any{"field": "Email"}, Prov{Line: i + 2, Field: "Email"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Finish(ctx, Counts{Read: 2, Stored: 2}, ""); err != nil {
		t.Fatal(err)
	}
}

func TestSharedIdentifierLinksTwoContractorsWithProvenance(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	importTwoContractors(t, s, "aa")
	email, err := s.NodeByKey(ctx, "email:kim@example.com")
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Links(ctx, email.ID, 10, 5)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Links) != 2 {
		t.Fatalf("email has %d links (%d listed), want 2", page.Total, len(page.Links))
	}
	for i, l := range page.Links {
		if l.Direction != "in" || l.Kind != EdgeUses || l.Other.Kind != KindContractor {
			t.Errorf("link %d = %+v", i, l)
		}
		if len(l.Sources) != 1 || l.Sources[0].Path != "/in/c.csv" || l.Sources[0].Line != i+2 || l.Sources[0].Field != "Email" {
			t.Errorf("link %d provenance = %+v, want /in/c.csv:%d Email", i, l.Sources, i+2)
		}
	}
	var shared int
	s.db.QueryRow(`SELECT contractors FROM shared_identifiers WHERE key = 'email:kim@example.com'`).Scan(&shared)
	if shared != 2 {
		t.Errorf("shared_identifiers view counts %d contractors, want 2", shared)
	}
}

func TestSameFileTwiceIsRefused(t *testing.T) {
	s := openTemp(t)
	importTwoContractors(t, s, "aa")
	_, err := s.BeginImport(context.Background(), SourceInfo{Path: "/in/copy.csv", SHA256: "aa", Kind: "contractors", Format: "csv"})
	if !errors.Is(err, ErrAlreadyImported) {
		t.Fatalf("second import of the same bytes: err = %v, want ErrAlreadyImported", err)
	}
}

func TestRollbackLeavesDatabaseUnchanged(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	importTwoContractors(t, s, "aa")
	before, _ := s.Stats(ctx)
	im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/bad.csv", SHA256: "bb", Kind: "contractors", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	im.Node(ctx, NodeSpec{Kind: KindContractor, Key: "contractor:FL-3", Label: "X"}, Prov{Line: 2})
	im.Rollback()
	after, _ := s.Stats(ctx)
	if after.Nodes != before.Nodes || after.Edges != before.Edges || len(after.Sources) != len(before.Sources) {
		t.Errorf("after rollback: %d nodes %d edges %d sources, before %d %d %d",
			after.Nodes, after.Edges, len(after.Sources), before.Nodes, before.Edges, len(before.Sources))
	}
	if hits, _ := s.Search(ctx, "FL-3", 5); len(hits) != 0 {
		t.Errorf("rolled-back node is searchable: %+v", hits)
	}
}

func TestFinishRefusesCountsThatDoNotAddUp(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	im, _ := s.BeginImport(ctx, SourceInfo{Path: "x", SHA256: "cc", Kind: "payments", Format: "csv"})
	if err := im.Finish(ctx, Counts{Read: 3, Stored: 1, Rejected: 1}, ""); err == nil {
		t.Fatal("finished an import whose counts do not add up")
	}
	if srcs, _ := s.Sources(ctx); len(srcs) != 0 {
		t.Errorf("source recorded despite failure: %+v", srcs)
	}
}

func TestMoneyFlowsAggregateAcrossImports(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var payer, payee int64
	for i, sha := range []string{"p1", "p2"} {
		im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/pay" + sha, SHA256: sha, Kind: "payments", Format: "csv"})
		if err != nil {
			t.Fatal(err)
		}
		payer, _ = im.Node(ctx, NodeSpec{Kind: KindClient, Key: "client:acme", Label: "ACME"}, Prov{})
		payee, _ = im.Node(ctx, NodeSpec{Kind: KindAccount, Key: "account:iban:DE89370400440532013000"}, Prov{})
		date := []string{"2024-05-01", "2023-01-09"}[i]
		if err := im.Ledger(ctx, LedgerRow{Line: 2, Type: "payout", PayerID: payer, PayeeID: payee, AmountMinor: 125000, Currency: "USD", Date: date}); err != nil {
			t.Fatal(err)
		}
		im.Flow(EdgePaid, payer, payee, "USD", 125000, date)
		im.Flow(EdgePaid, payer, payee, "EUR", 100, date)
		if err := im.Finish(ctx, Counts{Read: 1, Stored: 1}, ""); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.Links(ctx, payer, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Links) != 1 {
		t.Fatalf("%d links, want one paid edge", len(page.Links))
	}
	a := page.Links[0].Attrs
	totals := a["totals"].(map[string]any)
	if a["count"].(float64) != 4 || totals["USD"].(float64) != 250000 || totals["EUR"].(float64) != 200 ||
		a["first"] != "2023-01-09" || a["last"] != "2024-05-01" {
		t.Errorf("aggregate = %v", a)
	}
	if got := len(page.Links[0].Sources); got != 2 {
		t.Errorf("paid edge has %d ledger rows as provenance, want 2", got)
	}
}

func TestPlaceholderLabelIsReplacedByRealOne(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for i, label := range []string{"", "Kim Min-jun"} {
		im, _ := s.BeginImport(ctx, SourceInfo{Path: "p", SHA256: string(rune('a' + i)), Kind: "x", Format: "csv"})
		im.Node(ctx, NodeSpec{Kind: KindContractor, Key: "contractor:FL-9", Label: label}, Prov{Line: 1})
		if err := im.Finish(ctx, Counts{}, ""); err != nil {
			t.Fatal(err)
		}
	}
	n, _ := s.NodeByKey(ctx, "contractor:FL-9")
	if n.Label != "Kim Min-jun" {
		t.Errorf("label = %q", n.Label)
	}
	hits, _ := s.Search(ctx, "min-jun", 5)
	if len(hits) != 1 || hits[0].Key != "contractor:FL-9" {
		t.Errorf("search after relabel = %+v", hits)
	}
}

func TestFTSQueryNeverPassesSyntaxThrough(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	importTwoContractors(t, s, "aa")
	for _, q := range []string{`"`, `kim AND`, `NEAR(kim`, `*`, `kim" OR "x`, `^kim`, `kim@example.com`, `\x1b[31m`} {
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	hits, _ := s.Search(ctx, "kim@example.com", 5)
	if len(hits) == 0 || hits[0].Key != "email:kim@example.com" {
		t.Errorf("email search = %+v", hits)
	}
}
