package graphview

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// stub is a screen that only records which node it was opened on.
type stub struct{ title string }

func (s *stub) Init() tea.Cmd                           { return nil }
func (s *stub) Update(tea.Msg) (common.Screen, tea.Cmd) { return s, nil }
func (s *stub) View() string                            { return s.title }
func (s *stub) SetSize(int, int)                        {}
func (s *stub) Title() string                           { return s.title }
func (s *stub) ShortHelp() []key.Binding                { return nil }
func (s *stub) FullHelp() [][]key.Binding               { return nil }

// drive feeds the root a message and every message its commands return.
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
			switch r := cmds[0]().(type) {
			case nil:
			case tea.BatchMsg:
				cmds = append(cmds, r...)
			default:
				queue = append(queue, r)
			}
		}
	}
	return m
}

func TestGraphInTheWorkbench(t *testing.T) {
	c := uitest.Common(t)
	var opened []string
	open := func(what string) func(*common.Common, string) common.Screen {
		return func(_ *common.Common, k string) common.Screen {
			opened = append(opened, what+" "+k)
			return &stub{what + " " + k}
		}
	}
	screens := app.Screens{
		Entity:   open("entity"),
		Payments: open("payments"),
		Graph:    New,
		Paths: func(_ *common.Common, k, _ string) common.Screen {
			opened = append(opened, "paths "+k)
			return &stub{"paths " + k}
		},
	}
	g := New(c, "contractor:FL-000115").(*Model)
	var root tea.Model = app.New(c, screens, g)
	root = drive(root, tea.WindowSizeMsg{Width: 160, Height: 48})
	root = drive(root, root.Init()())
	if g.a == nil {
		t.Fatal("not loaded")
	}
	body := func() string { return ansi.Strip(root.(*app.Model).View().Content) }
	if !strings.Contains(body(), "[contractor] Lee Donghyun") {
		t.Fatalf("the graph is not drawn:\n%s", body())
	}
	// A click on a box, at the terminal's coordinates, selects that node.
	var target box
	for _, b := range g.fr.boxes {
		if g.a.level[b.key] == 2 {
			target = b
		}
	}
	lines := strings.Split(body(), "\n")
	y := target.y + 2 // the breadcrumb, then the screen's title line
	if !strings.Contains(lines[y], strings.TrimSpace(g.a.labels[target.key].kind)) {
		t.Fatalf("line %d of the terminal is not the box's: %q", y, lines[y])
	}
	root = drive(root, tea.MouseClickMsg{X: target.x0, Y: y, Button: tea.MouseLeft})
	if g.sel != target.key {
		t.Fatalf("the click selected %s, want %s", g.sel, target.key)
	}
	// The root's keys act on the selection: $ payments, p paths, Enter.
	root = drive(root, uitest.KeyMsg("$"))
	root = drive(root, uitest.KeyMsg("backspace"))
	root = drive(root, uitest.KeyMsg("p"))
	root = drive(root, uitest.KeyMsg("backspace"))
	root = drive(root, uitest.KeyMsg("enter"))
	want := []string{"payments " + target.key, "paths " + target.key, "entity " + target.key}
	if strings.Join(opened, "|") != strings.Join(want, "|") {
		t.Errorf("opened %q, want %q", opened, want)
	}
	// c re-centres in a new screen; back returns to this one.
	root = drive(root, uitest.KeyMsg("backspace"))
	root = drive(root, uitest.KeyMsg("c"))
	if v := body(); !strings.Contains(v, "graph of contractor:FL-000115 › graph of "+target.key) ||
		!strings.Contains(v, "2 hops from "+target.key) {
		t.Errorf("c did not open the graph of %s:\n%s", target.key, v)
	}
	root = drive(root, uitest.KeyMsg("backspace"))
	if v := body(); !strings.Contains(v, "2 hops from contractor:FL-000115") {
		t.Errorf("back did not return to the first graph:\n%s", v)
	}
}
