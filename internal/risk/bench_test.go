package risk

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/normalize"
	"github.com/casegraph/casegraph/internal/store"
	gen "github.com/casegraph/casegraph/samples/gen/world"
)

// BenchmarkCompute ranks a generated world of 5,000 contractors and 50,000 payments
// whose planted networks' wallets are held by designated entries. The issue's
// target — 100,000 contractors within 30 s — is measured with the CLI on a copy of
// make bench's database: /usr/bin/time -v casegraph --db copy.db risk.
func BenchmarkCompute(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	truth, err := gen.WriteDir(gen.Config{Seed: 1, Contractors: 5000}, dir)
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "case.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := importer.Contractors(ctx, st, filepath.Join(dir, gen.ContractorsFile), importer.Options{}); err != nil {
		b.Fatal(err)
	}
	if _, err := importer.Payments(ctx, st, filepath.Join(dir, gen.PaymentsFile), importer.Options{}); err != nil {
		b.Fatal(err)
	}
	designateWallets(b, st, truth)
	b.ResetTimer()
	for range b.N {
		res, err := Compute(ctx, st, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Linked == 0 {
			b.Fatal("no contractor linked to the designated wallets")
		}
	}
}

// designateWallets writes one designated entry per planted network, using the
// network's wallets, as a list import would.
func designateWallets(b *testing.B, st *store.Store, truth *gen.Truth) {
	ctx := context.Background()
	im, err := st.BeginImport(ctx, store.SourceInfo{Path: "/bench/list", SHA256: "bench-list", Size: 1, Kind: "list", Format: "test"})
	if err != nil {
		b.Fatal(err)
	}
	for i, n := range truth.Networks {
		entry, err := im.Node(ctx, store.NodeSpec{Kind: store.KindPerson, Key: fmt.Sprintf("ofac:bench-%d", i),
			Label: n.Facilitator, Attrs: map[string]any{"designated": true, "list": "ofac-sdn"}}, store.Prov{Line: i + 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, wl := range n.Wallets {
			id, err := normalize.Wallet(wl)
			if err != nil {
				b.Fatal(err)
			}
			wid, err := im.Node(ctx, store.NodeSpec{Kind: id.Kind, Key: id.Key, Label: id.Label}, store.Prov{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := im.Edge(ctx, store.EdgeUses, entry, wid, nil, store.Prov{Line: i + 1}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := im.Finish(ctx, store.Counts{Read: len(truth.Networks), Stored: len(truth.Networks)}, ""); err != nil {
		b.Fatal(err)
	}
}
