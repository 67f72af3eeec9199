// Package clusters is the workbench's cluster screen: groups of contractors
// joined by shared strong identifiers (accounts, wallets, devices, photos…),
// the most exposed first, with the selected cluster's members, the
// identifiers that bind them and its link to a designated entry. Tab moves
// between the list and the detail, where Enter opens a member, an identifier
// or the designated entry.
package clusters

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// pageSize is how many clusters one read brings (without members: those are
// read for the selected cluster only).
const pageSize = 256

// cacheSize bounds the details kept: moving down a long list reads each
// cluster once, without holding them all.
const cacheSize = 128

type (
	loadedMsg struct {
		gen   int
		run   *store.RiskRun
		stats store.ClusterStats
		page  []store.Cluster
		err   error
	}
	pageMsg struct {
		gen, from int
		items     []store.Cluster
		err       error
	}
	detailMsg struct {
		gen     int
		id      string
		cluster *store.Cluster
		err     error
	}
	computedMsg struct {
		res *risk.Result
		err error
	}
)

type pane int

const (
	paneList pane = iota
	paneDetail
)

// Model is the cluster screen.
type Model struct {
	c      *common.Common
	width  int
	height int

	gen       int
	loaded    bool
	run       *store.RiskRun
	stats     store.ClusterStats
	from      int
	page      []store.Cluster
	pending   int // start of the page asked for, -1 when none
	details   map[string]*store.Cluster
	asked     string // the cluster whose detail is being read
	computing bool
	err       error

	list   common.List
	detail common.List
	rows   []drow
	shown  string
	focus  pane
}

// drow is a line of the detail: styled and plain text, and the node Enter
// opens (members, identifiers, the designated entry).
type drow struct {
	text, plain string
	key         string
	cont        bool // the rest of the row above
}

// New returns the cluster screen.
func New(c *common.Common) common.Screen {
	m := &Model{c: c, pending: -1, details: map[string]*store.Cluster{}}
	m.list.Row = m.drawCluster
	m.detail.Row = m.drawDetail
	m.detail.Skip = func(i int) bool { return m.rows[i].key == "" || m.rows[i].cont }
	return m
}

// Init reads the stored clusters.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.gen++
	gen := m.gen
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		run, err := st.LastRiskRun(ctx)
		if err != nil || run == nil {
			return loadedMsg{gen: gen, err: err}
		}
		stats, err := st.ClusterStats(ctx)
		if err != nil {
			return loadedMsg{gen: gen, err: err}
		}
		page, err := st.ClusterRange(ctx, 0, pageSize)
		return loadedMsg{gen: gen, run: run, stats: stats, page: page, err: err}
	})
}

func (m *Model) compute() tea.Cmd {
	m.computing = true
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		res, err := risk.Compute(ctx, st, risk.Options{})
		return computedMsg{res: res, err: err}
	})
}

// fetch asks for the page around the visible rows when they are not held.
func (m *Model) fetch() tea.Cmd {
	total := m.stats.Clusters
	if !m.loaded || total == 0 {
		return nil
	}
	first, last := m.list.Offset, min(total, m.list.Offset+max(1, m.list.Height))-1
	holds := func(from, n int) bool { return first >= from && last < from+n }
	if holds(m.from, len(m.page)) || (m.pending >= 0 && holds(m.pending, pageSize)) {
		return nil
	}
	from := max(0, first-pageSize/4)
	if last >= from+pageSize {
		from = first
	}
	m.pending = from
	gen := m.gen
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		items, err := st.ClusterRange(ctx, from, pageSize)
		return pageMsg{gen: gen, from: from, items: items, err: err}
	})
}

func (m *Model) item(i int) (store.Cluster, bool) {
	if i < m.from || i >= m.from+len(m.page) {
		return store.Cluster{}, false
	}
	return m.page[i-m.from], true
}

func (m *Model) selected() (store.Cluster, bool) { return m.item(m.list.Cursor) }

// current is the selected cluster whole, once its detail is read.
func (m *Model) current() *store.Cluster {
	if c, ok := m.selected(); ok {
		return m.details[c.ID]
	}
	return nil
}

// Subject is the selected cluster's first member, or in the detail the
// selected member or identifier.
func (m *Model) Subject() string {
	if m.focus == paneDetail {
		if r := m.detail.Cursor; r < len(m.rows) && m.rows[r].key != "" {
			return m.rows[r].key
		}
	}
	if c := m.current(); c != nil && len(c.Members) > 0 {
		return c.Members[0].Key
	}
	return ""
}

// Update handles the data, the keys and the mouse.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		m.loaded, m.err, m.pending = true, msg.err, -1
		m.run, m.stats, m.from, m.page = msg.run, msg.stats, 0, msg.page
		if msg.err != nil {
			m.run, m.stats, m.page = nil, store.ClusterStats{}, nil
		}
		m.details, m.asked = map[string]*store.Cluster{}, ""
		m.list.Len = m.stats.Clusters
		m.layout()
		if msg.err != nil {
			return m, common.Err(msg.err)
		}
		return m, m.refresh()
	case pageMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		if m.pending == msg.from {
			m.pending = -1
		}
		if msg.err != nil {
			m.err = msg.err
			return m, common.Err(msg.err)
		}
		m.from, m.page = msg.from, msg.items
		return m, m.refresh()
	case detailMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		if m.asked == msg.id {
			m.asked = ""
		}
		if msg.err != nil {
			m.err = msg.err
			return m, common.Err(msg.err)
		}
		if msg.cluster != nil {
			if len(m.details) >= cacheSize {
				m.details = map[string]*store.Cluster{}
			}
			m.details[msg.id] = msg.cluster
		}
		return m, m.refresh()
	case computedMsg:
		m.computing = false
		if msg.err != nil {
			m.err = msg.err
			return m, common.Err(msg.err)
		}
		m.err = nil
		status := common.StatusMsg(fmt.Sprintf("%d clusters of contractors sharing strong identifiers; %d contractors linked to a designated entry",
			len(msg.res.Clusters), msg.res.Linked))
		return m, tea.Batch(m.load(), func() tea.Msg { return status })
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseClickMsg:
		m.click(msg.X, msg.Y-1) // the body starts below the breadcrumb
		return m, m.refresh()
	case tea.MouseWheelMsg:
		if m.inDetail(msg.X, msg.Y-1) {
			m.detail.Update(msg, m.c.Keys)
			return m, nil
		}
		m.list.Update(msg, m.c.Keys)
		return m, m.refresh()
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case msg.String() == "r":
		if m.computing {
			return nil
		}
		return m.compute()
	case key.Matches(msg, k.Tab), key.Matches(msg, k.ShiftTab):
		if m.focus == paneDetail {
			m.focus = paneList
		} else {
			m.enterDetail()
		}
		return nil
	case key.Matches(msg, k.Enter):
		if m.focus == paneList {
			m.enterDetail()
			return nil
		}
		if r := m.detail.Cursor; r < len(m.rows) && !m.detail.Skip(r) {
			return common.Open(m.rows[r].key)
		}
		return nil
	}
	if m.focus == paneDetail {
		m.detail.Update(msg, k)
		return nil
	}
	if m.list.Update(msg, k) {
		return m.refresh()
	}
	return nil
}

// enterDetail focuses the detail's first member, once the detail is read.
func (m *Model) enterDetail() {
	if !m.hasTargets() {
		return
	}
	m.focus = paneDetail
	m.detail.Cursor = 0
	m.detail.Move(0)
}

func (m *Model) hasTargets() bool {
	for i := range m.rows {
		if !m.detail.Skip(i) {
			return true
		}
	}
	return false
}

// refresh rebuilds the detail for the selection and asks for what is
// missing: the page under the visible rows, the selected cluster's detail.
func (m *Model) refresh() tea.Cmd {
	m.rebuild()
	cmd := m.fetch()
	sel, ok := m.selected()
	if ok && m.current() == nil && m.asked != sel.ID {
		m.asked = sel.ID
		gen, cid := m.gen, sel.ID
		cmd = tea.Batch(cmd, m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
			c, err := st.ClusterByID(ctx, cid)
			return detailMsg{gen: gen, id: cid, cluster: c, err: err}
		}))
	}
	return cmd
}

// rebuild lays the detail out again when the selection, what is known of it
// or the width changed.
func (m *Model) rebuild() {
	sel, ok := m.selected()
	full := m.current()
	id := ""
	if ok {
		id = fmt.Sprintf("%d\x00%s\x00%d\x00%t", m.gen, sel.ID, m.detail.Width, full != nil)
	}
	if id != m.shown {
		m.shown = id
		keep := ""
		if m.detail.Cursor < len(m.rows) {
			keep = m.rows[m.detail.Cursor].key
		}
		m.rows = nil
		switch {
		case full != nil:
			m.rows = m.build(full, m.detail.Width)
		case ok:
			m.rows = []drow{{text: m.c.Styles.Dim.Render("reading " + common.Clean(sel.ID) + "…")}}
		}
		m.detail.Len, m.detail.Cursor, m.detail.Offset = len(m.rows), 0, 0
		// A new width lays the same cluster out again: stay on the same row.
		for i, r := range m.rows {
			if keep != "" && r.key == keep && !r.cont {
				m.detail.Cursor = i
				break
			}
		}
		if m.focus == paneDetail {
			if m.hasTargets() {
				m.detail.Move(0)
			} else if full != nil {
				m.focus = paneList
			}
		}
	}
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
	m.rebuild() // the next message reads what a taller list shows
}

// Title is the crumb.
func (m *Model) Title() string { return "Clusters" }

var recompute = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "recompute"))

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, k.Tab, recompute}
}

// FullHelp lists the screen's keys in groups.
func (m *Model) FullHelp() [][]key.Binding {
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "into the cluster / open the member or identifier"))
	tab := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "clusters ⇄ detail"))
	return [][]key.Binding{{enter, tab, recompute, m.c.Keys.Paths, m.c.Keys.Graph}}
}
