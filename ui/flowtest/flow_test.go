// Package flowtest drives the whole workbench through a real Bubble Tea
// program (teatest). It is a package of its own because teatest's golden
// package defines an -update flag of its own, which ui/uitest also defines.
package flowtest

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui"
	"github.com/casegraph/casegraph/ui/app"
)

// waitFor waits until the program's output (escape sequences stripped, since
// the renderer paints only what changed) shows every want.
func waitFor(t *testing.T, tm *teatest.TestModel, wants ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		text := ansi.Strip(string(b))
		for _, w := range wants {
			if !strings.Contains(text, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func press(tm *teatest.TestModel, k string) {
	switch k {
	case "enter":
		tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	case "down":
		tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	case "backspace":
		tm.Send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	case "ctrl+c":
		tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	default:
		r := []rune(k)[0]
		tm.Send(tea.KeyPressMsg{Code: r, Text: k})
	}
}

// demoStore builds the demo case database in a temporary directory.
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Load(context.Background(), st, dir); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestFlowSearchOpenFollowBackExport is the investigator's walk through the
// real program: search, open the entity, follow a link, come back, export
// its network as GraphML.
func TestFlowSearchOpenFollowBackExport(t *testing.T) {
	c := ui.NewCommon(context.Background(), demoStore(t), nil)
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })

	tm := teatest.NewTestModel(t, ui.NewModel(c, ""), teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "Highest risk")
	press(tm, "/")
	tm.Type("silverstar")
	waitFor(t, tm, "YANBIAN")
	press(tm, "enter")
	waitFor(t, tm, "DESIGNATED")
	press(tm, "down")
	press(tm, "enter") // follow the selected link
	// The renderer repaints only what changed, so wait for what must be new:
	// the followed node's crumb, then "(1 forward)" once back.
	waitFor(t, tm, "ofac:24977 ›")
	press(tm, "backspace")
	waitFor(t, tm, "(1 forward)")
	press(tm, "x")
	waitFor(t, tm, "Format")
	press(tm, "enter")
	waitFor(t, tm, "written")
	press(tm, "ctrl+c")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*app.Model)
	_ = final

	files, _ := filepath.Glob(filepath.Join(dir, "*.graphml"))
	if len(files) != 1 {
		t.Fatalf("graphml files written: %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(new(struct{})); err != nil {
		t.Errorf("%s is not XML: %v", files[0], err)
	}
	if !bytes.Contains(b, []byte("ofac:24977")) {
		t.Errorf("the export lacks the entity it started from")
	}
}
