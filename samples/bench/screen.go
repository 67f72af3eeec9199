package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// runScreen loads the SDN set and the UN list into the benchmark database and
// times what issue 4 asks for: screening the whole database, one ad hoc name
// including start-up, and the risk ranking.
func runScreen(bin, dir, sdn, un string) error {
	db := filepath.Join(dir, "bench.db")
	lists := []string{}
	for _, p := range []string{sdn, un} {
		if _, err := os.Stat(p); err == nil {
			lists = append(lists, p)
		}
	}
	if len(lists) == 0 {
		fmt.Printf("\nscreening: no list at %s or %s, skipped\n", sdn, un)
		return nil
	}
	fmt.Fprintln(os.Stderr, "importing lists into the benchmark database")
	ml, err := timeCmd(bin, append([]string{"--db", db, "import", "list", "--no-screen"}, lists...)...)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	fmt.Fprintln(os.Stderr, "screening the benchmark database")
	ms, err := timeCmdOut(&out, bin, "--db", db, "screen", "--json")
	if err != nil {
		return err
	}
	var rep struct {
		Subjects, Distinct, Targets, Candidates int
		Seconds                                 float64
		Phases                                  map[string]float64
		NameHits                                []struct{ Strength string } `json:"name_hits"`
		IdentifierHits                          []json.RawMessage           `json:"identifier_hits"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return fmt.Errorf("screen --json: %w", err)
	}
	strong := 0
	for _, h := range rep.NameHits {
		if h.Strength == "strong" {
			strong++
		}
	}
	var adhoc []time.Duration
	for range 11 {
		m, err := timeCmdOut(&bytes.Buffer{}, bin, "--db", db, "screen", "--name", "Kim Sang-man", "--json")
		if err != nil {
			return err
		}
		adhoc = append(adhoc, m.wall)
	}
	slices.Sort(adhoc)
	fmt.Fprintln(os.Stderr, "ranking risk")
	mr, err := timeCmdOut(&bytes.Buffer{}, bin, "--db", db, "risk", "--top", "20", "--json")
	if err != nil {
		return err
	}

	fmt.Printf("\nscreening and risk (issue 4), lists: %v\n", lists)
	fmt.Printf("  list import into the benchmark database: %.2fs\n", ml.wall.Seconds())
	fmt.Printf("  screen (whole database): %d names (%d distinct written names) against %d listed names\n",
		rep.Subjects, rep.Distinct, rep.Targets)
	fmt.Printf("    %.2fs wall incl. start-up, peak RSS %d MiB; phases: index %.2fs, read names %.2fs, score %.2fs, write %.2fs\n",
		ms.wall.Seconds(), ms.maxRSS>>20, rep.Phases["index"], rep.Phases["subjects"], rep.Phases["score"], rep.Phases["write"]+rep.Phases["hits"]+rep.Phases["keys"])
	fmt.Printf("    %d pairs scored (%.1f per name), %d name hits (%d strong), %d identifier hits\n",
		rep.Candidates, float64(rep.Candidates)/float64(max(rep.Distinct, 1)), len(rep.NameHits), strong, len(rep.IdentifierHits))
	fmt.Printf("    (100,000 contractor names alone, in process: BenchmarkScreen100k above; target <= 5 s)\n")
	fmt.Printf("  screen --name \"Kim Sang-man\" incl. start-up: median %.0f ms, max %.0f ms over %d runs (target <= 50 ms)\n",
		ms64(adhoc[len(adhoc)/2]), ms64(adhoc[len(adhoc)-1]), len(adhoc))
	fmt.Printf("  risk --top 20 over the benchmark database: %.2fs, peak RSS %d MiB (target <= 30 s)\n", mr.wall.Seconds(), mr.maxRSS>>20)
	return nil
}

func ms64(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
