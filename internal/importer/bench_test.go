package importer

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/samples/gen/world"
)

// BenchmarkImport imports a generated world (5,000 contractors, 50,000 payments) into
// a fresh database per iteration and reports rows/s for each file. make bench runs the
// full-size version (100,000 / 1,000,000) through the real binary.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	if _, err := world.WriteDir(world.Config{Seed: 1, Contractors: 5000, Payments: 50000}, dir); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var cRate, pRate float64
	for i := 0; b.Loop(); i++ {
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "case.db"))
		if err != nil {
			b.Fatal(err)
		}
		c, err := Contractors(ctx, st, filepath.Join(dir, "contractors.csv"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		p, err := Payments(ctx, st, filepath.Join(dir, "payments.csv"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		cRate += float64(c.Read) / c.Seconds
		pRate += float64(p.Read) / p.Seconds
	}
	b.ReportMetric(cRate/float64(b.N), "contractors/s")
	b.ReportMetric(pRate/float64(b.N), "payments/s")
}
