// Package risklist is the workbench's risk screen: the stored ranking of
// contractors by their closest path to a designated entry, read a page at a
// time, with the selected contractor's reason and path step by step — Enter
// opens the contractor, Tab moves to the path, where Enter opens a step.
package risklist

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// pageSize is how many ranking entries one read brings; the screen holds one
// page, so a ranking of a million costs what one of a few hundred does.
const pageSize = 256

type (
	// loadedMsg is the stored run, its size and its first page.
	loadedMsg struct {
		gen   int
		run   *store.RiskRun
		total int
		page  []store.RiskScore
		err   error
	}
	// pageMsg is one page of the ranking, from index from (0-based).
	pageMsg struct {
		gen, from int
		items     []store.RiskScore
		err       error
	}
	// computedMsg says a recomputation ended.
	computedMsg struct {
		res *risk.Result
		err error
	}
)

// pane is where the keys go.
type pane int

const (
	paneList pane = iota
	paneSteps
)

// Model is the risk screen.
type Model struct {
	c      *common.Common
	width  int
	height int

	gen       int // bumped by every load: pages of an older run are dropped
	loaded    bool
	run       *store.RiskRun // nil: risk never computed
	total     int
	from      int // index of page[0]
	page      []store.RiskScore
	pending   int // start of the page asked for, -1 when none
	computing bool
	err       error

	list  common.List // the ranking
	steps common.List // the detail: reason and path
	rows  []drow      // the detail's rows
	shown string      // key and width the detail rows were built for
	focus pane
}

// drow is a line of the detail pane: styled text, the same text plain (drawn
// reversed when selected), and for a path step the node Enter opens.
type drow struct {
	text, plain string
	key         string
	head        bool // the path's heading, whose hint follows the focus
	cont        bool // a step's label continued on a row of its own
	step        int  // the step's index in the path
}

// New returns the risk screen.
func New(c *common.Common) common.Screen {
	m := &Model{c: c, pending: -1}
	m.list.Row = m.drawItem
	m.steps.Row = m.drawStep
	m.steps.Skip = func(i int) bool { return m.rows[i].key == "" || m.rows[i].cont }
	return m
}

// Init reads the stored run.
func (m *Model) Init() tea.Cmd { return m.load() }

func (m *Model) load() tea.Cmd {
	m.gen++
	gen := m.gen
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		run, err := st.LastRiskRun(ctx)
		if err != nil || run == nil {
			return loadedMsg{gen: gen, err: err}
		}
		total, err := st.RiskCount(ctx)
		if err != nil {
			return loadedMsg{gen: gen, err: err}
		}
		page, err := st.RiskRange(ctx, 1, pageSize)
		return loadedMsg{gen: gen, run: run, total: total, page: page, err: err}
	})
}

func (m *Model) compute() tea.Cmd {
	m.computing = true
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		res, err := risk.Compute(ctx, st, risk.Options{})
		return computedMsg{res: res, err: err}
	})
}

// fetch asks for the page around the visible rows when they are not held
// (nor already asked for).
func (m *Model) fetch() tea.Cmd {
	if !m.loaded || m.total == 0 {
		return nil
	}
	first, last := m.list.Offset, min(m.total, m.list.Offset+max(1, m.list.Height))-1
	holds := func(from, n int) bool { return first >= from && last < from+n }
	if holds(m.from, len(m.page)) || (m.pending >= 0 && holds(m.pending, pageSize)) {
		return nil
	}
	from := max(0, first-pageSize/4)
	if last >= from+pageSize { // a list taller than a page: start at its top
		from = first
	}
	m.pending = from
	gen := m.gen
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		items, err := st.RiskRange(ctx, from+1, pageSize)
		return pageMsg{gen: gen, from: from, items: items, err: err}
	})
}

// item is the ranking entry at index i, when its page is held.
func (m *Model) item(i int) (store.RiskScore, bool) {
	if i < m.from || i >= m.from+len(m.page) {
		return store.RiskScore{}, false
	}
	return m.page[i-m.from], true
}

func (m *Model) selected() (store.RiskScore, bool) { return m.item(m.list.Cursor) }

// Subject is the selected contractor.
func (m *Model) Subject() string {
	if it, ok := m.selected(); ok {
		return it.Key
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
		m.run, m.total, m.from, m.page = msg.run, msg.total, 0, msg.page
		if msg.err != nil {
			m.run, m.total, m.page = nil, 0, nil
		}
		m.list.Len = m.total
		m.list.Move(0)
		m.sync()
		if msg.err != nil {
			return m, common.Err(msg.err)
		}
		return m, m.fetch()
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
		m.sync()
		return m, m.fetch()
	case computedMsg:
		m.computing = false
		if msg.err != nil {
			m.err = msg.err
			return m, common.Err(msg.err)
		}
		m.err = nil
		status := common.StatusMsg(fmt.Sprintf("ranked %d contractors: %d linked to a designated entry, %d clusters",
			msg.res.Contractors, msg.res.Linked, len(msg.res.Clusters)))
		return m, tea.Batch(m.load(), func() tea.Msg { return status })
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case tea.MouseClickMsg:
		m.click(msg.X, msg.Y-1) // the body starts below the breadcrumb
		m.sync()
		return m, m.fetch()
	case tea.MouseWheelMsg:
		if m.inSteps(msg.X, msg.Y-1) {
			m.steps.Update(msg, m.c.Keys)
			return m, nil
		}
		m.list.Update(msg, m.c.Keys)
		m.sync()
		return m, m.fetch()
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
		if m.focus == paneSteps {
			m.focus = paneList
		} else if m.hasSteps() {
			m.focus = paneSteps
			m.steps.Cursor = 0
			m.steps.Move(0) // onto the first step
		}
		return nil
	case key.Matches(msg, k.Enter):
		if m.focus == paneSteps {
			if m.steps.Cursor < len(m.rows) && !m.steps.Skip(m.steps.Cursor) {
				return common.Open(m.rows[m.steps.Cursor].key)
			}
			return nil
		}
		if it, ok := m.selected(); ok {
			return common.Open(it.Key)
		}
		return nil
	}
	if m.focus == paneSteps {
		m.steps.Update(msg, k)
		return nil
	}
	if m.list.Update(msg, k) {
		m.sync()
		return m.fetch()
	}
	return nil
}

func (m *Model) hasSteps() bool {
	for _, r := range m.rows {
		if r.key != "" {
			return true
		}
	}
	return false
}

// sync rebuilds the detail when the selection or the width changed.
func (m *Model) sync() {
	it, ok := m.selected()
	id := ""
	if ok {
		id = fmt.Sprintf("%d\x00%s\x00%d", m.gen, it.Key, m.steps.Width)
	}
	if id == m.shown {
		return
	}
	m.shown = id
	keep := -1 // the step the cursor is on, kept when only the width changed
	if m.steps.Cursor < len(m.rows) && m.rows[m.steps.Cursor].key != "" {
		keep = m.rows[m.steps.Cursor].step
	}
	m.rows = nil
	if ok {
		m.rows = m.detail(it, m.steps.Width)
	}
	m.steps.Len, m.steps.Cursor, m.steps.Offset = len(m.rows), 0, 0
	for i, r := range m.rows {
		if keep >= 0 && r.key != "" && !r.cont && r.step == keep {
			m.steps.Cursor = i
			break
		}
	}
	if m.focus == paneSteps {
		if m.hasSteps() {
			m.steps.Move(0)
		} else {
			m.focus = paneList
		}
	}
}

// SetSize sets the body size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
	m.sync()
}

// Title is the crumb.
func (m *Model) Title() string { return "Risk" }

var recompute = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "recompute"))

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Enter, k.Tab, recompute}
}

// FullHelp lists the screen's keys in groups.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	enter := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the contractor (or the path step)"))
	tab := key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "ranking ⇄ path steps"))
	return [][]key.Binding{{enter, tab, recompute, k.Paths, k.Graph}}
}
