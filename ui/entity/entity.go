// Package entity is the workbench's node screen: a node's attributes, the rows
// that asserted it, its designation (list, programmes, remarks), why it is
// risky, and its links grouped by kind with counts and the source of each —
// Enter follows a link.
package entity

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// linkLimit caps the links read per direction: a hub has thousands, and the
// screen says how many were left out.
const linkLimit = 200

type data struct {
	node    store.Node
	sources []store.Assertion
	more    int
	links   *store.LinkPage
	risk    *store.RiskScore
}

type loadedMsg struct {
	key string
	d   *data
	err error
}

type row struct {
	text string
	key  string // the node Enter opens
}

// Model is the entity screen.
type Model struct {
	c      *common.Common
	key    string
	d      *data
	err    error
	rows   []row
	list   common.List
	width  int
	height int
}

// New returns the screen of the node with key.
func New(c *common.Common, key string) common.Screen {
	m := &Model{c: c, key: key}
	m.list.Row = m.drawRow
	return m
}

// Init reads the node.
func (m *Model) Init() tea.Cmd {
	k := m.key
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		n, err := st.NodeByKey(ctx, k)
		if err != nil {
			return loadedMsg{key: k, err: fmt.Errorf("%s: %w", k, err)}
		}
		d := &data{node: n}
		var total int
		if d.sources, total, err = st.NodeSources(ctx, n.ID, 8); err != nil {
			return loadedMsg{key: k, err: err}
		}
		d.more = total - len(d.sources)
		if d.links, err = st.Links(ctx, n.ID, linkLimit, 2); err != nil {
			return loadedMsg{key: k, err: err}
		}
		if n.Kind == store.KindContractor {
			if d.risk, err = st.RiskOf(ctx, n.ID); err != nil {
				return loadedMsg{key: k, err: err}
			}
		}
		return loadedMsg{key: k, d: d}
	})
}

// Update handles the data and navigation.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.key != m.key {
			return m, nil
		}
		m.d, m.err = msg.d, msg.err
		if m.d != nil {
			m.build()
		}
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.c.Keys.Enter) {
			if r := m.selected(); r.key != "" {
				return m, common.Open(r.key)
			}
			return m, nil
		}
	case tea.MouseClickMsg:
		m.list.Click(msg.Y - 1) // the body starts below the breadcrumb
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

// Subject is the node shown.
func (m *Model) Subject() string { return m.key }

func (m *Model) build() {
	st := m.c.Styles
	d := m.d
	n := d.node
	var rows []row
	text := func(s string) { rows = append(rows, row{text: s}) }
	head := st.Key.Render(common.Clean(n.Key)) + "  " + st.Kind.Render(n.Kind)
	if n.Label != "" {
		head += "  " + st.Title.Render(common.Clean(n.Label))
	}
	text(head)
	if des, _ := n.Attrs["designated"].(bool); des {
		line := st.Designated.Render("◆ DESIGNATED") + " " + common.Clean(common.Str(n.Attrs["list"])) + " " + common.Clean(common.Str(n.Attrs["id"]))
		if ps := common.Strs(n.Attrs["programs"]); len(ps) > 0 {
			line += "  programmes: " + common.Clean(strings.Join(ps, ", "))
		}
		if del, _ := n.Attrs["delisted"].(bool); del {
			line += st.Dim.Render("  delisted " + common.Clean(common.Str(n.Attrs["delisted_on"])))
		}
		text(line)
		if r := common.Str(n.Attrs["remarks"]); r != "" {
			for _, l := range common.Wrap(common.Clean(r), max(20, m.width-4), 4) {
				text(st.Dim.Render("  " + l))
			}
		}
	}
	if r := d.risk; r != nil {
		text("")
		if r.Score > 0 {
			text(st.Title.Render("Why it is risky") + "  " + st.Risk.Render(fmt.Sprintf("%.2f", r.Score)) +
				st.Dim.Render(fmt.Sprintf("  rank %d, %d hops", r.Rank, r.Hops)) + clusterText(r.Cluster))
			for _, l := range common.Wrap(common.Clean(r.Reason), max(20, m.width-4), 6) {
				text("  " + l)
			}
			for i, s := range r.Path {
				arrow := ""
				if i > 0 {
					arrow = "─" + s.Edge + "→ "
					if s.Dir == "in" {
						arrow = "←" + s.Edge + "─ "
					}
				}
				line := fmt.Sprintf("  %s%s %s", st.Dim.Render(common.Clean(arrow)), st.Key.Render(common.Clean(s.Key)), common.Clean(s.Label))
				rows = append(rows, row{key: s.Key, text: line})
			}
			text(st.Dim.Render("  p shows every path with the source row of each hop"))
		} else {
			text(st.Dim.Render("no path to a designated entry within 6 hops") + clusterText(r.Cluster))
		}
	}
	if attrs := attrLines(n.Attrs); len(attrs) > 0 {
		text("")
		text(st.Title.Render("Attributes"))
		for _, a := range attrs {
			text("  " + a)
		}
	}
	text("")
	text(st.Title.Render("Asserted by"))
	if len(d.sources) == 0 {
		text(st.Dim.Render("  no source row"))
	}
	for _, a := range d.sources {
		text("  " + st.Source.Render(common.Clean(assertion(a))))
	}
	if d.more > 0 {
		text(st.Dim.Render(fmt.Sprintf("  … %d more rows", d.more)))
	}
	text("")
	text(st.Title.Render(fmt.Sprintf("Links (%d)", d.links.Total)))
	byKind := map[string][]store.Link{}
	for _, l := range d.links.Links {
		byKind[l.Kind] = append(byKind[l.Kind], l)
	}
	kinds := make([]string, 0, len(d.links.Totals))
	for k := range d.links.Totals {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		ls := byKind[k]
		text(fmt.Sprintf("  %s %s", st.Kind.Render(common.Clean(k)), st.Dim.Render(fmt.Sprintf("(%d)", d.links.Totals[k]))))
		slices.SortStableFunc(ls, func(a, b store.Link) int { return strings.Compare(a.Other.Key, b.Other.Key) })
		for _, l := range ls {
			rows = append(rows, row{key: l.Other.Key, text: m.linkText(l)})
		}
		if shown := len(ls); shown < d.links.Totals[k] {
			text(st.Dim.Render(fmt.Sprintf("    … %d more %s links (hub: the export and graph summarise them)", d.links.Totals[k]-shown, k)))
		}
	}
	m.rows = rows
	m.list.Len = len(rows)
	m.list.Cursor = 0
	for i, r := range rows {
		if r.key != "" && r.key != m.key {
			m.list.Cursor = i
			break
		}
	}
	m.list.Move(0)
}

func clusterText(c string) string {
	if c == "" {
		return ""
	}
	return "  cluster " + common.Clean(c)
}

// linkText is one link: direction, the other node, its label, how shared it is
// and the first row behind the link.
func (m *Model) linkText(l store.Link) string {
	st := m.c.Styles
	arrow := "→"
	if l.Direction == "in" {
		arrow = "←"
	}
	other := st.Key.Render(common.Clean(l.Other.Key))
	if des, _ := l.Other.Attrs["designated"].(bool); des {
		other = st.Designated.Render("◆ " + common.Clean(l.Other.Key))
	}
	label := ""
	if l.Other.Label != "" && !strings.HasSuffix(l.Other.Key, l.Other.Label) {
		label = " " + common.Clean(l.Other.Label)
	}
	shared := ""
	if l.Degree > 1 {
		shared = st.Dim.Render(fmt.Sprintf(" [%d links]", l.Degree))
	}
	src := ""
	if len(l.Sources) > 0 {
		src = "  " + st.Source.Render(common.Clean(assertion(l.Sources[0])))
		if extra := len(l.Sources) - 1 + l.MoreSources; extra > 0 {
			src += st.Dim.Render(fmt.Sprintf(" +%d", extra))
		}
	}
	if sc, ok := l.Attrs["score"].(float64); ok && l.Kind == store.EdgeNameMatch {
		src = st.Risk.Render(fmt.Sprintf("  name %.2f %s", sc, common.Clean(common.Str(l.Attrs["strength"])))) + src
	}
	return fmt.Sprintf("    %s %s%s%s%s", arrow, other, label, shared, src)
}

func assertion(a store.Assertion) string {
	p := a.Path
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	s := fmt.Sprintf("%s:%d", p, a.Line)
	if a.Field != "" {
		s += " (" + a.Field + ")"
	}
	return s
}

// attrLines renders the attributes worth reading, in a stable order.
func attrLines(a map[string]any) []string {
	skip := map[string]bool{"designated": true, "list": true, "id": true, "programs": true, "remarks": true,
		"delisted": true, "delisted_on": true, "placeholder": true}
	keys := make([]string, 0, len(a))
	for k := range a {
		if !skip[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%-14s %s", common.Clean(k), common.Clean(common.ValueText(a[k]))))
	}
	return out
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
	case m.d == nil:
		return m.c.Styles.Dim.Render(common.Fit("reading "+m.key+"…", m.width))
	}
	return m.list.View()
}

// SetSize sets the body size; text wrapped to the width is rebuilt.
func (m *Model) SetSize(w, h int) {
	resized := w != m.width
	m.width, m.height = w, h
	m.list.Width, m.list.Height = w, h
	if resized && m.d != nil {
		cur := m.list.Cursor
		m.build()
		m.list.Cursor = min(cur, max(0, m.list.Len-1))
	}
	m.list.Move(0)
}

// Title is the crumb: the node's key.
func (m *Model) Title() string { return m.key }

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, k.Paths, k.Graph, k.Payments, k.Export}
}

// FullHelp lists the screen's keys.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Enter, k.Paths, k.Graph, k.Payments, k.Export, k.Mark}}
}
