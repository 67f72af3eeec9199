// Package payments is the workbench's payment screen: the ledger rows that
// name one node (a contractor, an account, a wallet, a client) in a
// virtualised table sorted by date or amount, with the totals per currency
// and a chart of the money per month. Only the rows near the cursor are read;
// Enter opens the other party of a payment.
package payments

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// window is how many rows one read brings: a few screens' worth around the
// cursor, so scrolling reads the database once every few pages.
const window = 200

type (
	headMsg struct {
		node store.Node
		rows []store.Payment
		err  error
	}
	countMsg struct {
		count int
		err   error
	}
	totalsMsg struct {
		sum *store.PaymentSummary
		err error
	}
	pageMsg struct {
		gen, start int
		rows       []store.Payment
		err        error
	}
	jumpMsg struct {
		gen, offset int
		err         error
	}
)

type focus int

const (
	focusTable focus = iota
	focusChart
)

// Model is the payment screen.
type Model struct {
	c       *common.Common
	key     string
	node    store.Node
	loaded  bool
	err     error
	count   int  // payments of the node: the rows read so far until counted
	counted bool // count is the total

	sum    *store.PaymentSummary
	sumErr error
	cd     *chartData // the chart, read out of sum

	order    store.PaymentSort
	gen      int // bumped when the order changes: older pages are dropped
	win      []store.Payment
	winStart int
	want     int // start of the window being read, -1 when none
	pageErr  error

	list    common.List
	focus   focus
	role    string // the party Enter opens ("" = the row's counterparty)
	roleRow int    // the row role was chosen on
	month   int    // the chart's selected month, as an index from its first
	width   int
	height  int
}

// New returns the payments of the node with key.
func New(c *common.Common, key string) common.Screen {
	m := &Model{c: c, key: key, want: -1, roleRow: -1}
	m.list.Row = m.drawRow
	return m
}

// Init reads the node and its first page, and, in their own commands as
// they read every row of the node (a hub has tens of thousands), its count
// and its totals.
func (m *Model) Init() tea.Cmd {
	k := m.key
	head := m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		n, err := st.NodeByKey(ctx, k)
		if err != nil {
			return headMsg{err: err}
		}
		rows, err := st.Payments(ctx, store.PaymentQuery{Node: n.ID, Limit: window})
		return headMsg{node: n, rows: rows, err: err}
	})
	count := m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		n, err := st.NodeByKey(ctx, k)
		if err != nil {
			return countMsg{err: err}
		}
		c, err := st.PaymentCount(ctx, n.ID)
		return countMsg{count: c, err: err}
	})
	totals := m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		n, err := st.NodeByKey(ctx, k)
		if err != nil {
			return totalsMsg{err: err}
		}
		sum, err := st.PaymentTotals(ctx, n.ID)
		return totalsMsg{sum: sum, err: err}
	})
	m.want = 0
	return tea.Batch(head, count, totals)
}

// Subject is the node whose payments are shown.
func (m *Model) Subject() string { return m.key }

// Update handles the data, the keys and the mouse.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	k := m.c.Keys
	switch msg := msg.(type) {
	case headMsg:
		m.loaded, m.err, m.want = true, msg.err, -1
		if msg.err == nil {
			m.node = msg.node
			if m.gen == 0 { // still in the order the first page was read in
				m.win, m.winStart = msg.rows, 0
			}
			if len(msg.rows) < window { // the first page is all there is
				m.count, m.counted = len(msg.rows), true
			}
			if !m.counted {
				m.count = len(msg.rows)
			}
			m.list.Len = m.count
			m.resize()
		}
		return m, m.ensure()
	case countMsg:
		if msg.err != nil {
			return m, common.Err(msg.err)
		}
		m.count, m.counted = msg.count, true
		m.list.Len = m.count
		m.resize()
		return m, m.ensure()
	case totalsMsg:
		m.sum, m.sumErr, m.cd = msg.sum, msg.err, nil
		if m.sum != nil {
			m.month = max(0, m.chartData().months-1) // the latest month
		}
		return m, nil
	case pageMsg:
		if msg.gen != m.gen || msg.start != m.want {
			return m, nil // an older order, or a window the cursor has left
		}
		m.want = -1
		if msg.err != nil {
			m.pageErr = msg.err
			return m, common.Err(msg.err)
		}
		m.pageErr = nil
		m.win, m.winStart = msg.rows, msg.start
		return m, m.ensure()
	case jumpMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		if msg.err != nil {
			return m, common.Err(msg.err)
		}
		m.list.Cursor = min(msg.offset, max(0, m.count-1))
		m.list.Offset = m.list.Cursor
		m.list.Move(0)
		m.focus = focusTable
		return m, m.ensure()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Sort):
			return m, m.setOrder((m.order + 1) % 4)
		case key.Matches(msg, k.Tab), key.Matches(msg, k.ShiftTab):
			if m.focus == focusTable && m.chartData().n > 0 {
				m.focus = focusChart
			} else {
				m.focus = focusTable
			}
			return m, nil
		case key.Matches(msg, k.Left), key.Matches(msg, k.Right):
			d := 1
			if key.Matches(msg, k.Left) {
				d = -1
			}
			if m.focus == focusChart {
				m.moveMonth(d)
			} else {
				m.cycleRole(d)
			}
			return m, nil
		case key.Matches(msg, k.Enter):
			if m.focus == focusChart {
				return m, m.jumpToMonth()
			}
			if p := m.target(); p.Key != "" {
				return m, common.Open(p.Key)
			}
			return m, nil
		}
	case tea.MouseClickMsg:
		return m, m.click(msg.X, msg.Y-1) // the body starts below the breadcrumb
	}
	if m.list.Update(msg, k) {
		return m, m.ensure()
	}
	return m, nil
}

// setOrder sorts the table anew from its top.
func (m *Model) setOrder(o store.PaymentSort) tea.Cmd {
	m.order = o
	m.gen++
	m.win, m.winStart, m.want = nil, 0, -1
	m.list.Cursor, m.list.Offset = 0, 0
	return m.ensure()
}

// ensure reads the window around the visible rows when they are not loaded
// (and not being read).
func (m *Model) ensure() tea.Cmd {
	if !m.loaded || m.err != nil || m.count == 0 {
		return nil
	}
	lo := min(m.list.Offset, m.list.Cursor)
	hi := min(m.count, max(m.list.Offset+m.list.Height, m.list.Cursor+1))
	covers := func(start, n int) bool { return start <= lo && hi <= start+n }
	if covers(m.winStart, len(m.win)) {
		return nil
	}
	if m.want >= 0 && covers(m.want, window) {
		return nil
	}
	start := max(0, lo-(window-(hi-lo))/2)
	m.want = start
	q := store.PaymentQuery{Node: m.node.ID, Order: m.order, Offset: start, Limit: window}
	if m.sum != nil {
		for _, t := range m.sum.Currencies {
			q.Currencies = append(q.Currencies, t.Currency)
		}
	}
	gen := m.gen
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		rows, err := st.Payments(ctx, q)
		return pageMsg{gen: gen, start: start, rows: rows, err: err}
	})
}

// row is payment i of the list, if loaded.
func (m *Model) row(i int) (store.Payment, bool) {
	j := i - m.winStart
	if j < 0 || j >= len(m.win) {
		return store.Payment{}, false
	}
	return m.win[j], true
}

// roles lists the parties of p Enter can open: not the node itself.
func (m *Model) roles(p store.Payment) []string {
	var out []string
	for _, r := range []string{"payer", "payee", "contractor"} {
		if k := party(p, r).Key; k != "" && k != m.key {
			out = append(out, r)
		}
	}
	return out
}

func party(p store.Payment, role string) store.Party {
	switch role {
	case "payer":
		return p.Payer
	case "payee":
		return p.Payee
	case "contractor":
		return p.Contractor
	}
	return store.Party{}
}

// counterparty is the role Enter opens by default: whoever paid the node, or
// was paid by it; for a contractor's payout, the account it went to.
func (m *Model) counterparty(p store.Payment) string {
	rs := m.roles(p)
	if len(rs) == 0 {
		return ""
	}
	switch {
	case p.Payer.Key == m.key && p.Payee.Key != "" && p.Payee.Key != m.key:
		return "payee"
	case p.Payee.Key == m.key && p.Payer.Key != "":
		return "payer"
	case p.Payee.Key != "" && p.Payee.Key != m.key:
		return "payee"
	}
	return rs[0]
}

// targetRole is the role Enter opens on the selected row.
func (m *Model) targetRole() string {
	p, ok := m.row(m.list.Cursor)
	if !ok {
		return ""
	}
	if m.roleRow == m.list.Cursor && m.role != "" {
		return m.role
	}
	return m.counterparty(p)
}

// target is the party Enter opens.
func (m *Model) target() store.Party {
	p, ok := m.row(m.list.Cursor)
	if !ok {
		return store.Party{}
	}
	return party(p, m.targetRole())
}

// cycleRole moves Enter's target to the next (d=1) or previous party.
func (m *Model) cycleRole(d int) {
	p, ok := m.row(m.list.Cursor)
	if !ok {
		return
	}
	rs := m.roles(p)
	if len(rs) == 0 {
		return
	}
	cur := m.targetRole()
	i := 0
	for j, r := range rs {
		if r == cur {
			i = j
		}
	}
	m.role, m.roleRow = rs[(i+d+len(rs))%len(rs)], m.list.Cursor
}

// moveMonth moves the chart's selection by one bar.
func (m *Model) moveMonth(d int) {
	cd := m.chartData()
	if cd.n == 0 {
		return
	}
	per := cd.perBar(m.width)
	bar := max(0, min(cd.bars(m.width)-1, m.month/per+d))
	m.month = min(cd.months-1, bar*per+per-1)
}

// jumpToMonth lists the payments from the selected bar's months, in date
// order (switching to it when the table is sorted by amount).
func (m *Model) jumpToMonth() tea.Cmd {
	cd := m.chartData()
	if cd.n == 0 || m.count == 0 {
		return nil
	}
	var cmds []tea.Cmd
	if m.order != store.DateDesc && m.order != store.DateAsc {
		cmds = append(cmds, m.setOrder(store.DateDesc))
	}
	per := cd.perBar(m.width)
	first := m.month / per * per
	month := cd.label(min(cd.months-1, first+per-1)) // the bar's latest month comes first
	if m.order == store.DateAsc {
		month = cd.label(first)
	}
	id, o, gen := m.node.ID, m.order, m.gen
	cmds = append(cmds, m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		n, err := st.PaymentsBefore(ctx, id, o, month)
		return jumpMsg{gen: gen, offset: n, err: err}
	}))
	return tea.Batch(cmds...)
}

// click selects the table row or the chart bar under (x, y).
func (m *Model) click(x, y int) tea.Cmd {
	l := m.layout()
	switch {
	case y >= l.tableTop && y < l.tableTop+l.rows:
		m.list.Click(y - l.tableTop)
		m.focus = focusTable
		return m.ensure()
	case l.chartRows > 0 && y >= l.chartTop && y < l.chartTop+l.chartRows+2:
		cd := m.chartData()
		if cd.n == 0 {
			return nil
		}
		per, colW := cd.perBar(m.width), cd.colWidth(m.width)
		if bar := x / colW; bar < cd.bars(m.width) {
			m.month = min(cd.months-1, bar*per+per-1)
			m.focus = focusChart
		}
	}
	return nil
}

// SetSize sets the body size; the cursor stays in view.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.resize()
}

// resize fits the table to the layout, keeping the cursor in view.
func (m *Model) resize() {
	m.list.Width, m.list.Height = m.width, m.layout().rows
	m.list.Move(0)
}

// Title is the crumb.
func (m *Model) Title() string { return "payments" }

var (
	partyKey = key.NewBinding(key.WithKeys("left", "h", "right", "l"), key.WithHelp("←/→", "payer/payee/contractor"))
	sortKey  = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort: date/amount"))
	tabKey   = key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "table/chart"))
)

// ShortHelp lists the screen's keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.c.Keys.Enter, sortKey, tabKey}
}

// FullHelp lists the screen's keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.c.Keys.Enter, partyKey, sortKey, tabKey}}
}

// describe is the status of the table for the header.
func (m *Model) describe() string {
	switch {
	case !m.counted:
		return fmt.Sprintf("%d+ payments (counting) · by %s", m.count, m.order)
	case m.count == 0:
		return "no payments"
	case m.count == 1:
		return "1 payment"
	}
	return fmt.Sprintf("%d payments · by %s", m.count, m.order)
}
