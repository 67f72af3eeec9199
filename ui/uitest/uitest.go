// Package uitest is what the workbench's tests share: the demo case database
// (built once per test binary), a Common over it, a synchronous driver that
// runs a screen's commands without a terminal, and golden files refreshed
// with -update.
package uitest

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
)

// Update rewrites golden files instead of comparing: go test ./ui/... -update
var Update = flag.Bool("update", false, "rewrite golden files")

// Sizes are the terminal sizes every screen is snapshotted at (the screen
// gets the body: two lines less than the terminal).
var Sizes = [][2]int{{80, 24}, {160, 48}}

var (
	once sync.Once
	path string
	err  error
)

// DemoDB returns the path of the demo case database — imported, screened and
// ranked — built once per test binary in a temporary directory.
func DemoDB(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		removeStale()
		dir := filepath.Join(os.TempDir(), fmt.Sprintf("casegraph-ui-%d", os.Getpid()))
		if e := os.MkdirAll(dir, 0o755); e != nil {
			err = e
			return
		}
		path = filepath.Join(dir, "demo.db")
		ctx := context.Background()
		st, e := store.Open(ctx, path)
		if e != nil {
			err = e
			return
		}
		defer st.Close()
		if _, err = demo.Load(ctx, st, dir); err != nil {
			return
		}
		_, err = risk.Compute(ctx, st, risk.Options{})
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// removeStale deletes the demo databases of test binaries that have exited
// (a test binary cannot remove its own after its last test without a
// TestMain in every package).
func removeStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "casegraph-ui-*"))
	for _, d := range dirs {
		var pid int
		if _, err := fmt.Sscanf(filepath.Base(d), "casegraph-ui-%d", &pid); err != nil || pid == os.Getpid() {
			continue
		}
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); os.IsNotExist(err) {
			os.RemoveAll(d)
		}
	}
}

// Common opens the demo database and returns a Common over it.
func Common(t testing.TB) *common.Common {
	t.Helper()
	st, err := store.Open(context.Background(), DemoDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &common.Common{Ctx: context.Background(), Store: st, Styles: styles.New(),
		Keys: common.DefaultKeyMap(), Log: log.New(io.Discard, "", 0)}
}

// Run feeds cmd's messages (and the commands they return, breadth first) to
// s until none are left, and returns the screen. Commands run synchronously:
// the database work a screen asks for is done when Run returns.
func Run(s common.Screen, cmd tea.Cmd) common.Screen {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			s, next = s.Update(msg)
			queue = append(queue, next)
		}
	}
	return s
}

// Drive is Run for a whole program's model (the root): it feeds cmd's
// messages and everything they lead to, synchronously.
func Drive(m tea.Model, cmd tea.Cmd) tea.Model {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 2000; n++ {
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
		}
	}
	return m
}

// Start sizes a screen, runs its Init and returns it.
func Start(s common.Screen, w, h int) common.Screen {
	s.SetSize(w, h)
	return Run(s, s.Init())
}

// Key sends one key press (a name such as "enter", "down", "j", "ctrl+c")
// and runs what follows.
func Key(s common.Screen, k string) common.Screen {
	s, cmd := s.Update(KeyMsg(k))
	return Run(s, cmd)
}

// Type sends each rune of text as a key press.
func Type(s common.Screen, text string) common.Screen {
	for _, r := range text {
		s, _ = s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return s
}

// KeyMsg builds the key press for a name.
func KeyMsg(k string) tea.KeyPressMsg {
	names := map[string]rune{"enter": tea.KeyEnter, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "tab": tea.KeyTab, "esc": tea.KeyEscape, "backspace": tea.KeyBackspace,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd, "space": tea.KeySpace}
	if r, ok := names[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	if rest, ok := strings.CutPrefix(k, "alt+"); ok {
		if r, ok := names[rest]; ok {
			return tea.KeyPressMsg{Code: r, Mod: tea.ModAlt}
		}
	}
	if rest, ok := strings.CutPrefix(k, "shift+"); ok && rest == "tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: string(r)}
}

var timestamp = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)

// Golden compares a rendered view (styles stripped, timestamps masked) with
// testdata/NAME.golden, or rewrites it with -update.
func Golden(t testing.TB, name, view string) {
	t.Helper()
	got := timestamp.ReplaceAllString(ansi.Strip(view), "YYYY-MM-DDTHH:MM:SSZ")
	got = strings.Join(trimRight(strings.Split(got, "\n")), "\n") + "\n"
	file := filepath.Join("testdata", name+".golden")
	if *Update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run with -update after checking):\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

func trimRight(ls []string) []string {
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " ")
	}
	return ls
}

// CheckSize fails when a view has more than h lines or a line wider than w cells.
func CheckSize(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, the screen has %d", len(lines), h)
	}
	for i, l := range lines {
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("line %d is %d cells wide, the screen %d: %q", i+1, cw, w, ansi.Strip(l))
		}
	}
}
