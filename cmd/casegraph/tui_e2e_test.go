package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmux drives the real binary in a terminal the size an investigator might use.
type tmux struct {
	t       *testing.T
	session string
}

func startTmux(t *testing.T, w, h int, command string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed (apt-get install tmux; CI installs it)")
	}
	tm := &tmux{t: t, session: fmt.Sprintf("cg%d", time.Now().UnixNano())}
	cmd := exec.Command("tmux", "new-session", "-d", "-s", tm.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), command)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", tm.session).Run() })
	return tm
}

func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", append([]string{"send-keys", "-t", tm.session}, keys...)...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys %v: %v %s", keys, err, out)
	}
}

func (tm *tmux) capture() string {
	out, _ := exec.Command("tmux", "capture-pane", "-t", tm.session, "-p").Output()
	return string(out)
}

// waitFor polls the screen until it shows every want, or fails with the screen.
func (tm *tmux) waitFor(wants ...string) string {
	tm.t.Helper()
	var screen string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		screen = tm.capture()
		ok := true
		for _, w := range wants {
			ok = ok && strings.Contains(screen, w)
		}
		if ok {
			return screen
		}
	}
	tm.t.Fatalf("the screen never showed %q:\n%s", wants, screen)
	return ""
}

// TestWorkbenchEndToEndInTmux runs the built binary in tmux at 80×24: the
// dashboard, a planted profile from the top of the ranking, why it is risky,
// its paths with source rows, back, its graph, an export to GraphML, help, quit.
func TestWorkbenchEndToEndInTmux(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "casegraph")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "--db", db, "--no-tui")
	tm := startTmux(t, 80, 24, "cd "+dir+" && "+bin+" --db "+db)
	tm.waitFor("Dashboard", "Highest risk", "Clusters")
	tm.keys("Enter")
	screen := tm.waitFor("Why it is risky", "contractor:FL-")
	if !strings.Contains(screen, "Dashboard ›") {
		t.Errorf("no breadcrumb:\n%s", screen)
	}
	tm.keys("p")
	tm.waitFor("path", "◆ ofac:", ".csv:")
	tm.keys("BSpace")
	tm.waitFor("Why it is risky")
	tm.keys("v")
	tm.waitFor("2 hops from contractor:", "centre", "─→")
	tm.keys("x")
	tm.waitFor("Export the network of", "[graphml]")
	tm.keys("Enter")
	tm.waitFor("✓ written")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.graphml")); len(files) != 1 {
		t.Errorf("GraphML written: %v", files)
	}
	tm.keys("?")
	tm.waitFor("Keys", "any key closes this")
	tm.keys("Space") // any key closes the help (Escape then q would read as Alt-q)
	tm.waitFor("Export the network of")
	tm.keys("q")
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := exec.Command("tmux", "has-session", "-t", tm.session).Run(); err != nil {
			return // the program quit and took the session with it
		}
	}
	t.Errorf("q did not quit:\n%s", tm.capture())
}

// TestWorkbenchHonoursNoColor: with NO_COLOR the terminal receives no colour,
// and designated entries stay marked (◆) without it.
func TestWorkbenchHonoursNoColor(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "casegraph")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "--db", db, "--no-tui")
	tm := startTmux(t, 100, 30, "NO_COLOR=1 "+bin+" --db "+db+" --open ofac:43377")
	tm.waitFor("◆ DESIGNATED", "KIM, Sang Man")
	out, err := exec.Command("tmux", "capture-pane", "-e", "-p", "-t", tm.session).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, colour := range []string{"\x1b[31", "\x1b[36", "\x1b[90", "\x1b[38;", "\x1b[91"} {
		if strings.Contains(string(out), colour) {
			t.Errorf("NO_COLOR, yet colour %q reached the terminal:\n%q", colour, out)
		}
	}
	tm.keys("q")
}
