// Package casesview is the workbench's Cases screen: the cases with their
// status and list-update flags; Enter makes the selected case the active one
// (the one P, T and N pin, tag and annotate into) and shows its pins, notes
// and timeline.
package casesview

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/cases"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

type loadedMsg struct {
	list   []cases.Summary
	detail *cases.Detail
	err    error
}

type row struct {
	text string
	key  string // a node to open
	name string // a case to make active
}

// Model is the Cases screen.
type Model struct {
	c      *common.Common
	active string
	list   []cases.Summary
	detail *cases.Detail
	err    error
	rows   []row
	view   common.List
	width  int
}

// New returns the Cases screen; active is the case currently active ("" none).
func New(c *common.Common, active string) common.Screen {
	m := &Model{c: c, active: active}
	m.view.Row = m.drawRow
	m.view.Skip = func(i int) bool { return m.rows[i].key == "" && m.rows[i].name == "" }
	return m
}

// Init reads the cases (and the active one's detail).
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	active := m.active
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		l, err := cases.List(ctx, st)
		if err != nil {
			return loadedMsg{err: err}
		}
		var d *cases.Detail
		if active != "" {
			if d, err = cases.Show(ctx, st, active); err != nil {
				return loadedMsg{err: err}
			}
		}
		return loadedMsg{list: l, detail: d}
	})
}

// Update handles data and keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.list, m.detail, m.err = msg.list, msg.detail, msg.err
		m.build()
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.c.Keys.Enter) {
			r := m.selected()
			switch {
			case r.name != "":
				m.active = r.name
				name := r.name
				return m, tea.Batch(m.load(), func() tea.Msg { return common.ActiveCaseMsg{Name: name} })
			case r.key != "":
				return m, common.Open(r.key)
			}
			return m, nil
		}
		if msg.String() == "r" {
			return m, m.load()
		}
	}
	m.view.Update(msg, m.c.Keys)
	return m, nil
}

func (m *Model) selected() row {
	if m.view.Cursor >= 0 && m.view.Cursor < len(m.rows) {
		return m.rows[m.view.Cursor]
	}
	return row{}
}

// Subject is the selected entity, if a pin is selected.
func (m *Model) Subject() string { return m.selected().key }

func (m *Model) build() {
	st := m.c.Styles
	var rows []row
	text := func(s string) { rows = append(rows, row{text: s}) }
	text(st.Title.Render(fmt.Sprintf("Cases (%d)", len(m.list))) + st.Dim.Render("  Enter makes a case active: P pins, T tags, N notes into it"))
	if len(m.list) == 0 {
		text(st.Dim.Render("  no cases yet — casegraph case new NAME, or : then “new case”"))
	}
	for _, c := range m.list {
		mark := "  "
		if c.Name == m.active {
			mark = "▸ "
		}
		flag := ""
		if len(c.Flags) > 0 {
			f := c.Flags[0]
			flag = st.Designated.Render(fmt.Sprintf("  REVIEW: %s %s touches %s", common.Clean(f.Entry), f.Change, common.Clean(f.Node)))
		}
		rows = append(rows, row{name: c.Name, text: fmt.Sprintf("%s%-24s %-9s %2d pins %2d notes%s", mark, common.Clean(c.Name), c.Status, c.Pins, c.Notes, flag)})
	}
	if d := m.detail; d != nil {
		text("")
		text(st.Title.Render("Active case: "+common.Clean(d.Case.Name)) + st.Dim.Render("  "+d.Case.Status))
		for _, p := range d.Pins {
			tags := ""
			if len(p.Tags) > 0 {
				tags = st.Risk.Render("  [" + common.Clean(strings.Join(p.Tags, ", ")) + "]")
			}
			rows = append(rows, row{key: p.Node.Key, text: "  " + st.Key.Render(common.Clean(p.Node.Key)) + "  " + common.Clean(p.Node.Label) + tags})
		}
		if len(d.Notes) > 0 {
			text(st.Title.Render("Notes"))
		}
		for _, n := range d.Notes {
			on := ""
			if n.Node != "" {
				on = " on " + common.Clean(n.Node)
			}
			text("  " + st.Dim.Render(n.At+" "+common.Clean(n.OSUser)+on+":") + " " + common.Clean(n.Text))
		}
		text(st.Title.Render(fmt.Sprintf("Timeline (%d)", len(d.Timeline))))
		for _, e := range d.Timeline {
			text(st.Dim.Render(fmt.Sprintf("  #%d %s %s ", e.ID, e.At[:min(19, len(e.At))], common.Clean(e.OSUser))) + e.Action + " " + common.Clean(string(e.Detail)))
		}
	}
	m.rows = rows
	m.view.Len = len(rows)
	m.view.Move(0)
}

func (m *Model) drawRow(i, width int, selected bool) string {
	r := m.rows[i]
	line := common.Pad(r.text, width)
	if selected && (r.key != "" || r.name != "") {
		return m.c.Styles.Selected.Render(line)
	}
	return line
}

// View draws the screen.
func (m *Model) View() string {
	switch {
	case m.err != nil:
		return m.c.Styles.Error.Render(common.Fit(m.err.Error(), m.width))
	case m.rows == nil:
		return m.c.Styles.Dim.Render("reading cases…")
	}
	return m.view.View()
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) {
	m.width = w
	m.view.Width, m.view.Height = w, h
	m.view.Move(0)
}

// Title is the crumb.
func (m *Model) Title() string { return "Cases" }

// ShortHelp lists the keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "make active / open"))}
}

// FullHelp lists the keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
