// Package paths is the workbench's path screen: from a node to its nearest
// designated entities, or between two marked nodes — every hop with its
// direction and the rows behind it. Enter opens the node of a row.
package paths

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// How far the screen looks for designated entities around a node, and how
// many of the nearest it shows paths to.
const (
	searchHops   = 4
	nearestShown = 3
	pathsPerPair = 3
)

type result struct {
	to    string
	paths *graphs.Paths
}

type loadedMsg struct {
	results []result
	err     error
}

type row struct {
	text string
	key  string
}

// Model is the path screen.
type Model struct {
	c       *common.Common
	from    string
	to      string // "" means: the nearest designated entities
	results []result
	err     error
	loaded  bool
	rows    []row
	list    common.List
	width   int
}

// New returns the paths from key to the marked node, or (marked "") to the
// nearest designated entities.
func New(c *common.Common, key, marked string) common.Screen {
	m := &Model{c: c, from: key, to: marked}
	m.list.Row = m.drawRow
	m.list.Skip = func(i int) bool { return m.rows[i].key == "" }
	return m
}

// Init searches.
func (m *Model) Init() tea.Cmd {
	from, to := m.from, m.to
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		targets := []string{to}
		if to == "" {
			var err error
			if targets, err = nearestDesignated(ctx, st, from); err != nil {
				return loadedMsg{err: err}
			}
		}
		var out []result
		for _, t := range targets {
			p, err := graphs.ShortestPaths(ctx, st, from, t, 6, pathsPerPair, graphs.Options{})
			if err != nil {
				return loadedMsg{err: err}
			}
			out = append(out, result{to: t, paths: p})
		}
		return loadedMsg{results: out}
	})
}

// nearestDesignated lists the designated entities closest to key: the one its
// risk path ends at first, then those found breadth first within searchHops.
func nearestDesignated(ctx context.Context, st *store.Store, key string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] && len(out) < nearestShown {
			seen[k] = true
			out = append(out, k)
		}
	}
	n, err := st.NodeByKey(ctx, key)
	if err != nil {
		return nil, err
	}
	if d, _ := n.Attrs["designated"].(bool); d {
		return nil, fmt.Errorf("%s is itself designated: mark another node with m and press p there", key)
	}
	if r, err := st.RiskOf(ctx, n.ID); err != nil {
		return nil, err
	} else if r != nil && len(r.Path) > 0 {
		add(r.Path[len(r.Path)-1].Key)
	}
	ego, err := graphs.Ego(ctx, st, key, searchHops, graphs.Options{MaxNodes: 400, HubDegree: 100, Sources: 1})
	if err != nil {
		return nil, err
	}
	// Ego keeps breadth-first discovery in the order of node ids; rank the
	// designated ones by their distance through a path search instead.
	for _, nd := range ego.Nodes {
		if nd.Designated {
			add(nd.Key)
		}
	}
	return out, nil
}

// Update handles results and navigation.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded, m.results, m.err = true, msg.results, msg.err
		m.build()
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.c.Keys.Enter) {
			if r := m.selected(); r.key != "" {
				return m, common.Open(r.key)
			}
			return m, nil
		}
	case tea.MouseClickMsg:
		m.list.Click(msg.Y - 1)
		return m, nil
	}
	m.list.Update(msg, m.c.Keys)
	return m, nil
}

func (m *Model) selected() row {
	if m.list.Cursor >= 0 && m.list.Cursor < len(m.rows) {
		return m.rows[m.list.Cursor]
	}
	return row{}
}

// Subject is the node of the selected row, else the start.
func (m *Model) Subject() string {
	if r := m.selected(); r.key != "" {
		return r.key
	}
	return m.from
}

func (m *Model) build() {
	st := m.c.Styles
	var rows []row
	text := func(s string) { rows = append(rows, row{text: s}) }
	if len(m.results) == 0 && m.err == nil {
		text(st.Dim.Render(fmt.Sprintf("no designated entity within %d hops of %s", searchHops, common.Clean(m.from))))
	}
	for _, r := range m.results {
		p := r.paths
		if len(p.Paths) == 0 {
			text(st.Dim.Render(fmt.Sprintf("no path to %s within 6 hops (%d nodes explored)", common.Clean(r.to), p.Explored)))
			continue
		}
		plural := "s"
		if len(p.Paths) == 1 {
			plural = ""
		}
		text(st.Title.Render(fmt.Sprintf("%d path%s of %d hops to ", len(p.Paths), plural, p.Hops)) + st.Designated.Render(common.Clean(r.to)) +
			st.Dim.Render(fmt.Sprintf("  (%d nodes explored)", p.Explored)))
		for _, note := range p.Notes {
			text(st.Dim.Render("  note: " + common.Clean(note)))
		}
		for i, path := range p.Paths {
			text(st.Dim.Render(fmt.Sprintf(" path %d", i+1)))
			for j, n := range path.Nodes {
				rows = append(rows, row{key: n.Key, text: "  " + m.nodeText(n)})
				if j < len(path.Edges) {
					text("      " + m.hopText(path.Edges[j], n.Key))
				}
			}
		}
		text("")
	}
	m.rows = rows
	m.list.Len = len(rows)
	m.list.Cursor = 0
	for i, r := range rows {
		if r.key != "" {
			m.list.Cursor = i
			break
		}
	}
	m.list.Move(0)
}

func (m *Model) nodeText(n *graphs.Node) string {
	st := m.c.Styles
	k := st.Key.Render(common.Clean(n.Key))
	if n.Designated {
		k = st.Designated.Render("◆ " + common.Clean(n.Key))
	}
	label := ""
	if n.Label != "" && !strings.HasSuffix(n.Key, n.Label) {
		label = "  " + common.Clean(n.Label)
	}
	if n.Designated {
		label += st.Dim.Render("  " + common.Clean(n.List+" "+strings.Join(n.Programs, ", ")))
	}
	return k + label
}

// hopText is the edge from the node above to the node below, and its rows.
func (m *Model) hopText(e *graphs.Edge, above string) string {
	st := m.c.Styles
	arrow := "│ ─" + e.Kind + "→"
	if e.Src != above {
		arrow = "│ ←" + e.Kind + "─"
	}
	var src []string
	for _, a := range e.Sources {
		p := a.Path
		if i := strings.LastIndexAny(p, `/\`); i >= 0 {
			p = p[i+1:]
		}
		s := fmt.Sprintf("%s:%d", p, a.Line)
		if a.Field != "" {
			s += " (" + a.Field + ")"
		}
		src = append(src, s)
	}
	text := st.Kind.Render(common.Clean(arrow))
	if len(src) > 0 {
		text += "  " + st.Source.Render(common.Clean(strings.Join(src, ", ")))
	} else {
		text += st.Dim.Render("  (no source row)")
	}
	if sc, ok := e.Attrs["score"].(float64); ok && e.Kind == store.EdgeNameMatch {
		text += st.Risk.Render(fmt.Sprintf("  name %.2f %s", sc, common.Clean(fmt.Sprint(e.Attrs["strength"]))))
	}
	if c, ok := e.Attrs["count"].(float64); ok && c > 0 {
		text += st.Dim.Render(fmt.Sprintf("  %d payments", int(c)))
	}
	return text
}

func (m *Model) drawRow(i, width int, selected bool) string {
	r := m.rows[i]
	line := common.Pad(r.text, width)
	if selected && r.key != "" {
		return m.c.Styles.Selected.Render(line)
	}
	return line
}

// View draws the screen.
func (m *Model) View() string {
	switch {
	case m.err != nil:
		return m.c.Styles.Error.Render(common.Fit(m.err.Error(), m.width))
	case !m.loaded:
		what := "the nearest designated entities"
		if m.to != "" {
			what = m.to
		}
		return m.c.Styles.Dim.Render(common.Fit("searching paths from "+m.from+" to "+what+"…", m.width))
	}
	return m.list.View()
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) {
	m.width = w
	m.list.Width, m.list.Height = w, h
	m.list.Move(0)
}

// Title is the crumb.
func (m *Model) Title() string {
	if m.to != "" {
		return "paths to " + m.to
	}
	return "paths"
}

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, k.Graph, k.Export}
}

// FullHelp lists the screen's keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp()}
}
