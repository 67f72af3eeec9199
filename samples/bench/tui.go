package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui"
	"github.com/casegraph/casegraph/ui/common"
)

// tuiProbe is what the workbench probe measures, in a process of its own so
// its resident memory is the workbench's alone.
type tuiProbe struct {
	FirstFrameMS float64            `json:"first_frame_ms"`
	AllDataMS    float64            `json:"all_data_ms"`
	KeyMS        map[string]float64 `json:"key_ms"` // screen -> mean Update+View per key press
	RSSMiB       float64            `json:"rss_mib"`
}

// runTUI re-runs this program as the probe on the benchmark database and prints
// the figures issue 6 asks for.
func runTUI(dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	cmd := exec.Command(self, "-tui-probe", filepath.Join(dir, "bench.db"))
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("workbench probe: %w", err)
	}
	var p tuiProbe
	if err := json.Unmarshal(out.Bytes(), &p); err != nil {
		return fmt.Errorf("workbench probe: %w: %s", err, out.String())
	}
	fmt.Printf("\nworkbench (issue 6) on the benchmark database, 160x48\n")
	fmt.Printf("  first frame with the risk ranking: %.0f ms (target <= 150 ms); the database counts follow at %.0f ms\n",
		p.FirstFrameMS, p.AllDataMS)
	worst := 0.0
	var parts []string
	for _, s := range []string{"dashboard", "entity", "paths", "risk", "clusters", "search", "graph", "payments"} {
		if v, ok := p.KeyMS[s]; ok {
			parts = append(parts, fmt.Sprintf("%s %.2f", s, v))
			worst = max(worst, v)
		}
	}
	fmt.Printf("  key to frame (Update+View, ms): %s; worst %.2f ms (target <= 16 ms)\n", strings.Join(parts, ", "), worst)
	fmt.Printf("  resident memory after visiting every screen: %.0f MiB (target <= 150 MB)\n", p.RSSMiB)
	return nil
}

// probeTUI is the probe's body (bench -tui-probe DB): it prints a tuiProbe.
func probeTUI(db string) error {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	c := ui.NewCommon(ctx, st, nil)
	p := tuiProbe{KeyMS: map[string]float64{}}
	start := time.Now()
	m := ui.NewModel(c, "")
	var model tea.Model = m
	model, _ = model.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	// The first frame that matters shows the ranking; the dashboard's counts
	// come in a second command (they read whole indexes) and follow.
	model = driveUntil(model, m.Init(), func(v string) bool {
		if strings.Contains(v, "Highest risk") && p.FirstFrameMS == 0 {
			p.FirstFrameMS = ms(time.Since(start))
		}
		return false
	})
	p.AllDataMS = ms(time.Since(start))

	keyTime := func(name string) {
		down, up := tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyUp}
		const n = 40
		t0 := time.Now()
		for i := range n {
			k := down
			if i%10 >= 5 {
				k = up
			}
			model, _ = model.Update(k)
			_ = model.View()
		}
		p.KeyMS[name] = ms(time.Since(t0)) / n
	}
	press := func(k string) {
		var cmd tea.Cmd
		model, cmd = model.Update(tea.KeyPressMsg{Code: []rune(k)[0], Text: k})
		model = drive(model, cmd)
	}
	keyTime("dashboard")
	top, err := st.TopRisk(ctx, 1)
	if err != nil || len(top) == 0 {
		return fmt.Errorf("no risk ranking in %s: %v", db, err)
	}
	model = drive(model, common.Open(top[0].Key))
	keyTime("entity")
	for _, s := range []struct{ key, name string }{{"p", "paths"}, {"v", "graph"}, {"$", "payments"}} {
		press(s.key)
		keyTime(s.name)
		model = drive(model, func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyBackspace} })
	}
	press("R")
	keyTime("risk")
	press("C")
	keyTime("clusters")
	press("/")
	for _, r := range "kim" {
		model = drive(model, func() tea.Msg { return tea.KeyPressMsg{Code: r, Text: string(r)} })
	}
	keyTime("search")
	p.RSSMiB = rssMiB()
	return json.NewEncoder(os.Stdout).Encode(p)
}

// drive runs cmd and the commands its messages return, synchronously.
func drive(m tea.Model, cmd tea.Cmd) tea.Model {
	return driveUntil(m, cmd, nil)
}

// driveUntil is drive, rendering after each message and stopping early when
// seen reports true.
func driveUntil(m tea.Model, cmd tea.Cmd, seen func(view string) bool) tea.Model {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
			if seen != nil && seen(m.View().Content) {
				return m
			}
		}
	}
	return m
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// rssMiB reads this process's resident set from /proc.
func rssMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
