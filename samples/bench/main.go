// Command bench is `make bench`'s end-to-end import benchmark: it generates a
// synthetic world, imports it with the real casegraph binary into a fresh database,
// and compares the payment import rate with the sqlite3 shell's bare `.import` of the
// same CSV. It prints rows/s, database size and peak memory.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("bin", "./casegraph", "casegraph binary to measure")
	dir := flag.String("dir", "bench", "working directory for generated data and databases")
	contractors := flag.Int("contractors", 100000, "contractors to generate")
	payments := flag.Int("payments", 1000000, "payments to generate")
	seed := flag.Int("seed", 1, "generator seed")
	sdn := flag.String("sdn", "../shared/data/ofac-csv/2023-12-29", "OFAC SDN CSV set to time (skipped when absent)")
	un := flag.String("un", "../shared/data/un-xml/UN_consolidated_2026-02-27.xml", "UN consolidated list screened with the SDN set")
	probe := flag.String("tui-probe", "", "internal: measure the workbench on this database and print JSON")
	tuiOnly := flag.Bool("tui", false, "only the workbench figures, on the existing benchmark database")
	flag.Parse()
	if *probe != "" {
		if err := probeTUI(*probe); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *tuiOnly {
		if err := runTUI(*dir); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*bin, *dir, *contractors, *payments, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if err := runList(*bin, *dir, *sdn); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if err := runScreen(*bin, *dir, *sdn, *un); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if err := runGraphs(*dir, *contractors); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if err := runTUI(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// measured is one timed child process.
type measured struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

func timeCmd(name string, args ...string) (measured, error) {
	return timeCmdOut(nil, name, args...)
}

// timeCmdOut is timeCmd with the child's standard output captured in out
// (nil: passed to our standard error).
func timeCmdOut(out *bytes.Buffer, name string, args ...string) (measured, error) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if out != nil {
		cmd.Stdout = out
	}
	start := time.Now()
	err := cmd.Run()
	m := measured{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.maxRSS = ru.Maxrss * 1024
	}
	if err != nil {
		return m, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return m, nil
}

func run(bin, dir string, nc, np, seed int) error {
	data := filepath.Join(dir, fmt.Sprintf("data-%d-%d-%d", seed, nc, np))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(data, "payments.csv")); err != nil {
		fmt.Fprintf(os.Stderr, "generating %d contractors, %d payments in %s\n", nc, np, data)
		if _, err := timeCmd("go", "run", "./samples/gen", "-seed", fmt.Sprint(seed), "-contractors", fmt.Sprint(nc),
			"-payments", fmt.Sprint(np), "-out", data); err != nil {
			return err
		}
	}
	db := filepath.Join(dir, "bench.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	cfile, pfile := filepath.Join(data, "contractors.csv"), filepath.Join(data, "payments.csv")
	cRows, err := countRows(cfile)
	if err != nil {
		return err
	}
	pRows, err := countRows(pfile)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "importing contractors")
	mc, err := timeCmd(bin, "--db", db, "import", "contractors", "--no-screen", cfile)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "importing payments")
	mp, err := timeCmd(bin, "--db", db, "import", "payments", "--no-screen", pfile)
	if err != nil {
		return err
	}
	size := fileSize(db) + fileSize(db+"-wal")

	// Baseline: the sqlite3 shell's .import of the same payments CSV into a bare table.
	base := filepath.Join(dir, "baseline.db")
	os.Remove(base)
	var mb measured
	haveShell := true
	if _, err := exec.LookPath("sqlite3"); err != nil {
		haveShell = false
	} else if mb, err = timeCmd("sqlite3", base, ".mode csv", ".import "+pfile+" payments"); err != nil {
		return err
	}

	rate := func(rows int, d time.Duration) float64 { return float64(rows) / d.Seconds() }
	fmt.Printf("\ncasegraph import benchmark (seed %d)\n", seed)
	fmt.Printf("  contractors: %9d rows in %6.2fs  %9.0f rows/s  peak RSS %4d MiB\n", cRows, mc.wall.Seconds(), rate(cRows, mc.wall), mc.maxRSS>>20)
	fmt.Printf("  payments:    %9d rows in %6.2fs  %9.0f rows/s  peak RSS %4d MiB\n", pRows, mp.wall.Seconds(), rate(pRows, mp.wall), mp.maxRSS>>20)
	fmt.Printf("  database:    %.1f MiB (%s)\n", float64(size)/(1<<20), db)
	if haveShell {
		fmt.Printf("  sqlite3 .import of payments.csv into a bare table: %.2fs  %9.0f rows/s\n", mb.wall.Seconds(), rate(pRows, mb.wall))
		fmt.Printf("  payments rate / raw .import rate: %.2fx (target >= 0.60x)\n", rate(pRows, mp.wall)/rate(pRows, mb.wall))
	} else {
		fmt.Println("  sqlite3 shell not installed: no baseline (apt-get install sqlite3)")
	}
	fmt.Printf("  peak RSS: %d MiB (target <= 300 MiB)\n", max(mc.maxRSS, mp.maxRSS)>>20)
	return nil
}

// countRows counts data lines (lines minus the header) of a generated CSV, which has
// no quoted newlines.
func countRows(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
	}
	return n - 1, sc.Err()
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// runList times the import of a full published OFAC SDN set into a fresh database.
func runList(bin, dir, sdn string) error {
	if _, err := os.Stat(filepath.Join(sdn, "sdn.csv")); err != nil {
		fmt.Printf("  OFAC SDN list: %s not present, skipped\n", sdn)
		return nil
	}
	db := filepath.Join(dir, "list.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	m, err := timeCmd(bin, "--db", db, "import", "list", sdn)
	if err != nil {
		return err
	}
	fmt.Printf("  OFAC SDN list %s: %.2fs (target <= 3 s), peak RSS %d MiB\n", sdn, m.wall.Seconds(), m.maxRSS>>20)
	return nil
}
