package world

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// FuzzGenerate checks, for arbitrary seeds and sizes, that generation never
// fails or panics, is deterministic, and that every invariant the ground
// truth promises holds: members exist, spellings fold together, IBANs,
// wallets and phones validate.
func FuzzGenerate(f *testing.F) {
	f.Add(uint64(1), uint16(250))
	f.Add(uint64(0), uint16(0))
	f.Add(uint64(1<<63), uint16(1000))
	f.Fuzz(func(t *testing.T, seed uint64, extra uint16) {
		cfg := Config{Seed: seed, Contractors: MinContractors + int(extra%300)}
		g := generate(t, cfg)
		if again := generate(t, cfg); !bytes.Equal(g.paymentsCSV, again.paymentsCSV) || !bytes.Equal(g.contractorsCSV, again.contractorsCSV) {
			t.Fatal("not deterministic")
		}
		if len(g.contractors.rows) != cfg.Contractors || len(g.payments.rows) != 10*cfg.Contractors {
			t.Fatalf("%d contractors, %d payments", len(g.contractors.rows), len(g.payments.rows))
		}
		checkTruth(t, g)
		checkIBANs(t, g)
		checkWallets(t, g)
		checkPhones(t, g)
	})
}

// BenchmarkGenerate measures a whole world, written to io.Discard.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("contractors=%d", n), func(b *testing.B) {
			cfg := Config{Seed: 1, Contractors: n}
			var bytesOut countingWriter
			for b.Loop() {
				bytesOut = 0
				if _, err := Generate(cfg, io.Discard, &bytesOut); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(10*n)*float64(b.N)/b.Elapsed().Seconds(), "payments/s")
			b.SetBytes(int64(bytesOut))
		})
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
