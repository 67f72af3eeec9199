// Command gen writes the deterministic synthetic contractor world:
// contractors.csv, payments.csv and truth.json.
//
//	go run ./samples/gen -seed 1 -contractors 300 -out samples/demo
//
// The same seed and flags always produce byte-identical files.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/casegraph/casegraph/samples/gen/world"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	contractors := flag.Int("contractors", 300, "number of contractors")
	payments := flag.Int("payments", 0, "number of payment rows (default 10 × contractors)")
	out := flag.String("out", "", "output directory (required)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -seed N -contractors N [-payments M] -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	t, err := world.WriteDir(world.Config{Seed: *seed, Contractors: *contractors, Payments: *payments}, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	planted := 0
	for _, n := range t.Networks {
		planted += len(n.Members)
	}
	fmt.Fprintf(os.Stderr, "gen: seed %d: %d contractors (%d planted in %d networks, %d hubs), %d payments → %s in %s\n",
		t.Seed, t.Contractors, planted, len(t.Networks), len(t.Hubs), t.Payments, *out, time.Since(start).Round(time.Millisecond))
}
