// Package dashboard is the workbench's first screen: what the case database
// holds, the lists loaded, the top of the risk ranking, the clusters and the
// contractors a list's latest delta touched — each row a way in.
package dashboard

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/cases"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// data is everything the dashboard shows, read in one command.
type data struct {
	lists        []store.ListVersion
	top          []store.RiskScore
	run          *store.RiskRun
	clusters     []store.Cluster
	clusterStats store.ClusterStats
	touched      []store.Touched
	latest       *store.ListVersion
}

type loadedMsg struct {
	d   *data
	err error
}

// row is one line of the dashboard; key is the node Enter opens ("" for text).
type row struct {
	text string
	key  string
}

// Model is the dashboard.
type Model struct {
	c      *common.Common
	d      *data
	sum    *store.Summary
	cases  []cases.Summary // with their list-update flags, read with the counts
	err    error
	rows   []row
	list   common.List
	width  int
	height int
}

// New returns the dashboard.
func New(c *common.Common) common.Screen {
	m := &Model{c: c}
	m.list.Row = m.drawRow
	return m
}

// Init loads the data: what the analyst acts on first (lists, ranking,
// clusters, the latest delta) in one command, the counts — which read whole
// indexes, a tenth of a second on a million-payment database — in another.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	quick := m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		d := &data{}
		var err error
		if d.lists, err = st.ListVersions(ctx); err != nil {
			return loadedMsg{err: err}
		}
		if d.top, err = st.TopRisk(ctx, 10); err != nil {
			return loadedMsg{err: err}
		}
		if d.run, err = st.LastRiskRun(ctx); err != nil {
			return loadedMsg{err: err}
		}
		if d.clusterStats, err = st.ClusterStats(ctx); err != nil {
			return loadedMsg{err: err}
		}
		if d.clusters, err = st.ClusterRange(ctx, 0, 5); err != nil {
			return loadedMsg{err: err}
		}
		// The latest version that changed something: what an analyst opens
		// the workbench to look at after a list update.
		for i := len(d.lists) - 1; i > 0; i-- {
			v := d.lists[i]
			if v.Added+v.Removed+v.Changed > 0 {
				d.latest = &d.lists[i]
				if d.touched, err = st.TouchedByVersion(ctx, v.ID, 8); err != nil {
					return loadedMsg{err: err}
				}
				break
			}
		}
		return loadedMsg{d: d}
	})
	// The counts, and the cases a list update flagged (each case's pins
	// against each newer version's delta), follow the first frame.
	counts := m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		sum, err := st.Summary(ctx)
		if err != nil {
			return countsMsg{err: err}
		}
		cs, err := cases.List(ctx, st)
		return countsMsg{sum: sum, cases: cs, err: err}
	})
	return tea.Batch(quick, counts)
}

type countsMsg struct {
	sum   *store.Summary
	cases []cases.Summary
	err   error
}

// Update handles the loaded data and navigation.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.d, m.err = msg.d, msg.err
		if m.d != nil {
			m.build()
		}
		return m, nil
	case countsMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		m.sum, m.cases = msg.sum, msg.cases
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
		if msg.String() == "r" {
			return m, m.load()
		}
	case tea.MouseClickMsg:
		if m.list.Click(msg.Y - 1) { // the body starts below the breadcrumb
			m.skipText(1)
		}
		return m, nil
	}
	if m.list.Update(msg, m.c.Keys) {
		dir := 1
		if k, ok := msg.(tea.KeyPressMsg); ok && (key.Matches(k, m.c.Keys.Up) || key.Matches(k, m.c.Keys.PageUp) || key.Matches(k, m.c.Keys.Top)) {
			dir = -1
		}
		m.skipText(dir)
	}
	return m, nil
}

// skipText moves the cursor off text rows onto the nearest row that opens a node.
func (m *Model) skipText(dir int) {
	for i := m.list.Cursor; i >= 0 && i < len(m.rows); i += dir {
		if m.rows[i].key != "" {
			m.list.Cursor = i
			m.list.Move(0)
			return
		}
	}
	for i := m.list.Cursor; i >= 0 && i < len(m.rows); i -= dir {
		if m.rows[i].key != "" {
			m.list.Cursor = i
			m.list.Move(0)
			return
		}
	}
}

func (m *Model) selected() row {
	if m.list.Cursor < len(m.rows) {
		return m.rows[m.list.Cursor]
	}
	return row{}
}

// Subject is the node of the selected row.
func (m *Model) Subject() string { return m.selected().key }

// build lays the data out as rows.
func (m *Model) build() {
	st := m.c.Styles
	d := m.d
	var rows []row
	text := func(s string) { rows = append(rows, row{text: s}) }
	if s := m.sum; s != nil {
		text(st.Title.Render("Case database ") + st.Key.Render(common.Clean(filepath.Base(s.Path))))
		text(fmt.Sprintf("%d contractors · %d payments · %d nodes · %d edges · %d designated entries · %d name matches",
			s.Contractors, s.Payments, s.Nodes, s.Edges, s.Designated, s.NameMatches))
	} else {
		text(st.Title.Render("Case database ") + st.Key.Render(common.Clean(filepath.Base(m.c.Store.Path()))))
		text(st.Dim.Render("counting…"))
	}
	text("")
	text(st.Title.Render("Lists loaded"))
	if len(d.lists) == 0 {
		text(st.Dim.Render("  none — import one with I (or: casegraph import list PATH)"))
	}
	for _, v := range lastPerList(d.lists) {
		pub := v.Published
		if pub == "" {
			pub = "undated"
		}
		text(fmt.Sprintf("  %-10s %6d entries  %s  %s", common.Clean(v.List), v.Entries, common.Clean(pub),
			st.Dim.Render(fmt.Sprintf("+%d −%d ~%d", v.Added, v.Removed, v.Changed))))
	}
	text("")
	title := "Highest risk"
	if d.run != nil {
		title += st.Dim.Render(fmt.Sprintf("  (%d of %d contractors linked to a designated entry)", d.run.Linked, d.run.Contractors))
	}
	text(st.Title.Render(title))
	if len(d.top) == 0 {
		text(st.Dim.Render("  no ranking yet — R opens the risk screen (or: casegraph risk)"))
	}
	for _, r := range d.top {
		if r.Score <= 0 {
			break
		}
		rows = append(rows, row{key: r.Key, text: fmt.Sprintf("  %s %2dh  %-11s %s  %s",
			st.Risk.Render(fmt.Sprintf("%.2f", r.Score)), r.Hops, common.Clean(strings.TrimPrefix(r.Key, "contractor:")),
			common.Clean(r.Label), st.Dim.Render(common.Clean(r.Cluster)))})
	}
	text("")
	text(st.Title.Render(fmt.Sprintf("Clusters (%d, %d linked)", d.clusterStats.Clusters, d.clusterStats.Linked)))
	for _, c := range d.clusters {
		link := st.Dim.Render("no designated link")
		if c.Link != nil {
			link = st.Designated.Render("linked")
		}
		first := strings.TrimPrefix(c.ID, "cluster:")
		if first != "" {
			first = store.KindContractor + ":" + first
		}
		rows = append(rows, row{key: first, text: fmt.Sprintf("  %-20s %2d profiles  %s  %s", common.Clean(c.ID), c.Size,
			st.Risk.Render(fmt.Sprintf("%.2f", c.Score)), link)})
	}
	var flagged []cases.Summary
	for _, c := range m.cases {
		if len(c.Flags) > 0 {
			flagged = append(flagged, c)
		}
	}
	if len(flagged) > 0 {
		text("")
		text(st.Title.Render("Cases to review after a list update") + st.Dim.Render("  (K opens the cases)"))
		for _, c := range flagged {
			f := c.Flags[0]
			rows = append(rows, row{key: f.Node, text: fmt.Sprintf("  %-20s %s %s touches %s", common.Clean(c.Name),
				st.Designated.Render(common.Clean(f.Entry)), common.Clean(f.Change), st.Key.Render(common.Clean(f.Node)))})
		}
	}
	if d.latest != nil {
		text("")
		text(st.Title.Render(fmt.Sprintf("Touched by the latest %s delta", common.Clean(d.latest.List))) +
			st.Dim.Render(fmt.Sprintf("  (+%d −%d ~%d)", d.latest.Added, d.latest.Removed, d.latest.Changed)))
		if len(d.touched) == 0 {
			text(st.Dim.Render("  nothing in the case within two hops"))
		}
		for _, t := range d.touched {
			via := ""
			if t.Via != "" {
				via = " via " + common.Clean(t.Via)
			}
			rows = append(rows, row{key: t.Key, text: fmt.Sprintf("  %-7s %s  %s%s", common.Clean(t.Change),
				st.Key.Render(common.Clean(t.Key)), st.Designated.Render(common.Clean(t.Entry)), st.Dim.Render(via))})
		}
	}
	m.rows = rows
	m.list.Len = len(rows)
	if m.list.Cursor == 0 {
		m.skipText(1)
	}
}

// lastPerList keeps each list's newest version.
func lastPerList(vs []store.ListVersion) []store.ListVersion {
	var out []store.ListVersion
	idx := map[string]int{}
	for _, v := range vs {
		if i, ok := idx[v.List]; ok {
			out[i] = v
			continue
		}
		idx[v.List] = len(out)
		out = append(out, v)
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

// View draws the dashboard.
func (m *Model) View() string {
	switch {
	case m.err != nil:
		return m.c.Styles.Error.Render(common.Fit("could not read the database: "+m.err.Error(), m.width))
	case m.d == nil:
		return m.c.Styles.Dim.Render("reading the case database…")
	}
	return m.list.View()
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.list.Width, m.list.Height = w, h
	m.list.Move(0)
}

// Title is the crumb.
func (m *Model) Title() string { return "Dashboard" }

// ShortHelp lists the dashboard's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, k.Risk, k.Clusters}
}

// FullHelp lists the dashboard's keys in groups.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Enter, key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload"))}}
}
