package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/store"
)

// runGraphs times what issue 5 asks for on the benchmark database: shortest
// paths between random contractors, 2-hop ego networks, and a GraphML export
// of a 100,000-edge subgraph.
func runGraphs(dir string, contractors int) error {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	r := rand.New(rand.NewPCG(7, 11))
	id := func() string { return fmt.Sprintf("contractor:FL-%06d", 1+r.IntN(contractors)) }
	const runs = 50
	var paths, egos []time.Duration
	found, egoNodes := 0, 0
	for range runs {
		a, b := id(), id()
		t0 := time.Now()
		res, err := graphs.ShortestPaths(ctx, st, a, b, 6, 10, graphs.Options{})
		if err != nil {
			return err
		}
		paths = append(paths, time.Since(t0))
		if len(res.Paths) > 0 {
			found++
		}
		t0 = time.Now()
		g, err := graphs.Ego(ctx, st, a, 2, graphs.Options{})
		if err != nil {
			return err
		}
		egos = append(egos, time.Since(t0))
		egoNodes += len(g.Nodes)
	}
	all, err := st.AllEdges(ctx)
	if err != nil {
		return err
	}
	edges := all[:min(100_000, len(all))]
	t0 := time.Now()
	sub, err := graphs.FromEdges(ctx, st, "benchmark", edges, graphs.Options{Sources: 1})
	if err != nil {
		return err
	}
	build := time.Since(t0)
	out := filepath.Join(dir, "bench.graphml")
	t0 = time.Now()
	if _, err := export.Write(sub, "graphml", out); err != nil {
		return err
	}
	write := time.Since(t0)
	fi, _ := os.Stat(out)

	fmt.Printf("\ngraphs (issue 5) on the benchmark database, %d random contractor pairs\n", runs)
	fmt.Printf("  path between two contractors: p50 %.1f ms, p90 %.1f ms, max %.1f ms; %d of %d pairs joined within 6 hops (target p50 <= 20 ms)\n",
		pct(paths, 50), pct(paths, 90), pct(paths, 100), found, runs)
	fmt.Printf("  2-hop ego network: p50 %.1f ms, p90 %.1f ms, %d nodes on average (target <= 20 ms)\n",
		pct(egos, 50), pct(egos, 90), egoNodes/runs)
	fmt.Printf("  GraphML export of %d edges, %d nodes: %.2fs to write (%.1f MiB), %.2fs to read them from the database (target <= 2 s)\n",
		len(sub.Edges), len(sub.Nodes), write.Seconds(), float64(fi.Size())/(1<<20), build.Seconds())
	return nil
}

// pct is the p-th percentile of ds in milliseconds.
func pct(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)-1, (len(s)*p)/100)
	if p < 100 && i > 0 && (len(s)*p)%100 == 0 {
		i--
	}
	return float64(s[i]) / float64(time.Millisecond)
}
