package search

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/entity"
	"github.com/casegraph/casegraph/ui/uitest"
)

// drive sends msg to the root and runs the commands that follow, as the
// program would (synchronously, breadth first).
func drive(m tea.Model, msg tea.Msg) tea.Model {
	queue := []tea.Msg{msg}
	for n := 0; len(queue) > 0 && n < 1000; n++ {
		var cmd tea.Cmd
		m, cmd = m.Update(queue[0])
		queue = queue[1:]
		for cmds := []tea.Cmd{cmd}; len(cmds) > 0; cmds = cmds[1:] {
			if cmds[0] == nil {
				continue
			}
			switch msg := cmds[0]().(type) {
			case nil:
			case tea.BatchMsg:
				cmds = append(cmds, msg...)
			default:
				queue = append(queue, msg)
			}
		}
	}
	return m
}

// TestSearchInTheWorkbench runs the screen under the root model: typed keys
// that are global elsewhere (q, p, D) go to the query, and Enter opens the
// selected node's entity screen.
func TestSearchInTheWorkbench(t *testing.T) {
	c := uitest.Common(t)
	screens := app.Screens{Search: New, Entity: entity.New}
	var root tea.Model = app.New(c, screens, New(c))
	root = drive(root, tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, r := range "sang-man kim q" {
		root = drive(root, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	view := func() string { return ansi.Strip(root.View().Content) }
	if v := view(); !strings.Contains(v, "Search: sang-man kim q") {
		t.Fatalf("typed keys did not reach the query:\n%s", v)
	}
	root = drive(root, uitest.KeyMsg("backspace"))
	root = drive(root, uitest.KeyMsg("backspace"))
	v := view()
	if !strings.Contains(v, "contractor:FL-000081") || !strings.Contains(v, "Search: sang-man kim") {
		t.Fatalf("results:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		uitest.CheckSize(t, l, 80, 1)
	}
	root = drive(root, uitest.KeyMsg("enter"))
	if v := view(); !strings.Contains(v, "Sang-man KIM") || !strings.Contains(v, "Asserted by") {
		t.Errorf("enter did not open the entity screen:\n%s", v)
	}
	// Back returns to the search as it was.
	root = drive(root, uitest.KeyMsg("alt+left"))
	if v := view(); !strings.Contains(v, "Search: sang-man kim") {
		t.Errorf("back:\n%s", v)
	}
	t.Log("\n" + view())
}
