// Package graphview is the workbench's graph screen: the ego network of a
// node drawn in the terminal — the centre on the left, each further column
// one hop further out, lines between the boxes — with a selection the
// arrows move, Enter opens and c re-centres on.
package graphview

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// What the screen reads: hops 1–3 around the centre, at most maxNodes nodes,
// hubs (more than hubDegree links) shown but not expanded.
const (
	defaultHops = 2
	minHops     = 1
	maxHops     = 3
	maxNodes    = 60
	hubDegree   = 25
)

// Rows of the body that are not the graph: the title line above, the two
// lines about the selected node below.
const chrome = 3

type loadedMsg struct {
	seq int
	g   *graphs.Subgraph
	err error
}

// Model is the graph screen.
type Model struct {
	c       *common.Common
	center  string
	hops    int
	seq     int // the load in flight; older answers are dropped
	loading bool
	err     error
	g       *graphs.Subgraph
	a       *arrangement
	sel     string
	v       view
	fr      frame
	width   int
	height  int
	keys    keyMap
}

type keyMap struct {
	More, Fewer, Center key.Binding
}

// New returns the 2-hop network of the node with key.
func New(c *common.Common, key string) common.Screen { return newModel(c, key, defaultHops) }

func newModel(c *common.Common, k string, hops int) *Model {
	return &Model{c: c, center: k, hops: hops, sel: k, keys: keyMap{
		More:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "one hop more")),
		Fewer:  key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "one hop fewer")),
		Center: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "re-centre here")),
	}}
}

// Init reads the network.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.seq++
	m.loading = true
	seq, center, hops := m.seq, m.center, m.hops
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		g, err := graphs.Ego(ctx, st, center, hops, graphs.Options{MaxNodes: maxNodes, HubDegree: hubDegree, Sources: 1})
		if err == nil && g.Node(center) == nil {
			err = fmt.Errorf("%s is not in the case database", center)
		}
		return loadedMsg{seq: seq, g: g, err: err}
	})
}

// Update handles the network and the keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.loading, m.err = false, msg.err
		if msg.err != nil {
			return m, common.Err(msg.err)
		}
		m.g, m.a = msg.g, arrange(msg.g, m.center)
		if _, ok := m.a.level[m.sel]; !ok {
			m.sel = m.center
		}
		m.relayout()
		return m, nil
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseClickMsg:
		if msg.Button == tea.MouseLeft {
			m.click(msg.X, msg.Y-2) // below the breadcrumb and the title line
		}
		return m, nil
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.moveInColumn(-3)
		case tea.MouseWheelDown:
			m.moveInColumn(3)
		}
		return m, nil
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, m.keys.More):
		return m.setHops(m.hops + 1)
	case key.Matches(msg, m.keys.Fewer):
		return m.setHops(m.hops - 1)
	}
	if m.a == nil {
		return nil
	}
	page := max(1, m.height-chrome-3)
	switch {
	case key.Matches(msg, k.Enter):
		return common.Open(m.sel)
	case key.Matches(msg, m.keys.Center):
		if m.sel == m.center {
			return func() tea.Msg { return common.StatusMsg("already the centre: move to another node first") }
		}
		s := newModel(m.c, m.sel, m.hops)
		return func() tea.Msg { return common.PushMsg{Screen: s} }
	case key.Matches(msg, k.Up):
		m.moveInColumn(-1)
	case key.Matches(msg, k.Down):
		m.moveInColumn(1)
	case key.Matches(msg, k.PageUp):
		m.moveInColumn(-page)
	case key.Matches(msg, k.PageDown):
		m.moveInColumn(page)
	case key.Matches(msg, k.Top):
		m.moveInColumn(-len(m.a.nodes))
	case key.Matches(msg, k.Bottom):
		m.moveInColumn(len(m.a.nodes))
	case key.Matches(msg, k.Left):
		m.moveColumn(-1)
	case key.Matches(msg, k.Right):
		m.moveColumn(1)
	case key.Matches(msg, k.Tab):
		m.cycle(1)
	case key.Matches(msg, k.ShiftTab):
		m.cycle(-1)
	}
	return nil
}

func (m *Model) setHops(h int) tea.Cmd {
	h = min(max(h, minHops), maxHops)
	if h == m.hops {
		return func() tea.Msg {
			return common.StatusMsg(fmt.Sprintf("the graph shows %d to %d hops", minHops, maxHops))
		}
	}
	m.hops = h
	return m.load()
}

func (m *Model) selectKey(k string) {
	if k != "" && k != m.sel {
		m.sel = k
		m.relayout()
	}
}

func (m *Model) moveInColumn(d int) {
	if m.a == nil {
		return
	}
	col := m.a.cols[m.a.level[m.sel]]
	i := min(max(m.a.index[m.sel]+d, 0), len(col)-1)
	m.selectKey(col[i])
}

// moveColumn goes to the next column left or right: to the selection's
// neighbour there nearest on screen, else to the nearest node.
func (m *Model) moveColumn(d int) {
	if m.a == nil {
		return
	}
	t := m.a.level[m.sel] + d
	if t < 0 || t >= len(m.a.cols) {
		return
	}
	y := m.fr.vrow[m.sel]
	best, bestLinked, bestDist := "", false, 0
	for _, k := range m.a.cols[t] {
		_, linked := m.a.adj[m.sel][k]
		dist := abs(m.fr.vrow[k] - y)
		if best == "" || linked && !bestLinked || linked == bestLinked && dist < bestDist {
			best, bestLinked, bestDist = k, linked, dist
		}
	}
	m.selectKey(best)
}

func (m *Model) cycle(d int) {
	if m.a == nil {
		return
	}
	all := m.a.reading()
	i := slices.Index(all, m.sel)
	m.selectKey(all[(i+d+len(all))%len(all)])
}

func (m *Model) click(x, y int) {
	for _, b := range m.fr.boxes {
		if b.y == y && x >= b.x0 && x < b.x1 {
			m.selectKey(b.key)
			return
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (m *Model) relayout() {
	if m.a == nil || m.width <= 0 {
		return
	}
	m.fr = m.a.draw(m.c.Styles, m.width, max(m.height-chrome, 1), m.sel, m.v)
	m.v = m.fr.view
}

// Subject is the selected node (the root's p, $ and x act on it).
func (m *Model) Subject() string { return m.sel }

// View draws the title, the graph and the selected node.
func (m *Model) View() string {
	st := m.c.Styles
	w := m.width
	switch {
	case m.err != nil && m.a == nil:
		return st.Error.Render(common.Fit(m.err.Error(), w))
	case m.a == nil:
		return st.Dim.Render(common.Fit(fmt.Sprintf("drawing the %d-hop network of %s…", m.hops, m.center), w))
	}
	lines := []string{m.titleLine()}
	lines = append(lines, m.fr.lines...)
	lines = append(lines, m.details()...)
	return common.Lines(strings.Join(lines, "\n"), w, m.height)
}

func (m *Model) titleLine() string {
	st := m.c.Styles
	hop := "hops"
	if m.hops == 1 {
		hop = "hop"
	}
	t := st.Title.Render(fmt.Sprintf("%d %s from ", m.hops, hop)) + st.Key.Render(common.Clean(m.center))
	info := fmt.Sprintf("  %d nodes · %d links", len(m.a.nodes), m.a.pairs)
	for _, n := range m.g.Notes {
		info += " · " + common.Clean(n)
	}
	t += st.Dim.Render(info)
	switch {
	case m.loading:
		t += st.Dim.Render("  · reading…")
	case m.err != nil:
		t += "  " + st.Error.Render(common.Clean(m.err.Error()))
	}
	return common.Pad(t, m.width)
}

// details are two lines about the selected node: what it is (and, for a
// designated entry, its list and programmes), then its links here and those
// the graph leaves out.
func (m *Model) details() []string {
	st := m.c.Styles
	n := m.a.nodes[m.sel]
	if n == nil {
		return []string{"", ""}
	}
	var first string
	if n.Designated {
		first = st.Designated.Render("◆ "+common.Clean(n.Key)) + "  " + st.Kind.Render(common.Clean(n.Kind)) + "  " +
			common.Clean(n.Label) + "  " + st.Designated.Render("DESIGNATED") + " " +
			common.Clean(strings.TrimSpace(n.List+" "+strings.Join(n.Programs, ", ")))
	} else {
		first = st.Key.Render(common.Clean(n.Key)) + "  " + st.Kind.Render(common.Clean(n.Kind))
		if n.Label != "" && !strings.HasSuffix(n.Key, n.Label) {
			first += "  " + common.Clean(n.Label)
		}
	}
	type count struct {
		kind string
		dir  string
		n    int
	}
	var counts []count
	add := func(kind, dir string) {
		for i := range counts {
			if counts[i].kind == kind && counts[i].dir == dir {
				counts[i].n++
				return
			}
		}
		counts = append(counts, count{kind, dir, 1})
	}
	for _, o := range m.a.nbrs[m.sel] {
		l := m.a.adj[m.sel][o]
		for _, k := range l.kinds {
			switch {
			case l.out && l.in:
				add(k, "↔")
			case l.out:
				add(k, "→")
			default:
				add(k, "←")
			}
		}
	}
	slices.SortFunc(counts, func(x, y count) int { return cmp.Or(y.n-x.n, cmp.Compare(x.kind, y.kind)) })
	var parts []string
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%d %s%s", c.n, common.Clean(c.kind), c.dir))
	}
	second := "links here: " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		second = "no links here"
	}
	if len(n.Hidden) > 0 {
		kinds := make([]string, 0, len(n.Hidden))
		for k := range n.Hidden {
			kinds = append(kinds, k)
		}
		slices.SortFunc(kinds, func(x, y string) int { return cmp.Or(n.Hidden[y]-n.Hidden[x], cmp.Compare(x, y)) })
		var hs []string
		for _, k := range kinds {
			hs = append(hs, fmt.Sprintf("%d %s", n.Hidden[k], common.Clean(k)))
		}
		second += "  · not drawn: " + strings.Join(hs, ", ")
	}
	return []string{common.Pad(first, m.width), common.Pad(st.Dim.Render(second), m.width)}
}

// SetSize sets the body size and redraws.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.relayout()
}

// Title is the crumb.
func (m *Model) Title() string { return "graph of " + m.center }

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, m.keys.More, m.keys.Fewer, m.keys.Center}
}

// FullHelp lists the screen's keys.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.Tab, k.ShiftTab},
		{k.Enter, m.keys.More, m.keys.Fewer, m.keys.Center},
	}
}
