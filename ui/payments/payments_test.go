package payments

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/entity"
	"github.com/casegraph/casegraph/ui/styles"
	"github.com/casegraph/casegraph/ui/uitest"
)

const (
	contractor = "contractor:FL-000115"
	shared     = "account:us:322271627:4948543803" // the payout account several contractors share
)

func start(t testing.TB, c *common.Common, key string, w, h int) *Model {
	t.Helper()
	s := uitest.Start(New(c, key), w, h)
	uitest.CheckSize(t, s.View(), w, h)
	return s.(*Model)
}

func TestPaymentsGoldens(t *testing.T) {
	c := uitest.Common(t)
	for _, tc := range []struct{ name, key string }{
		{"contractor", contractor},
		{"shared-account", shared},
		{"empty", "ofac:55065"},
	} {
		for _, sz := range uitest.Sizes {
			w, h := sz[0], sz[1]-2
			m := start(t, c, tc.key, w, h)
			uitest.Golden(t, fmt.Sprintf("payments-%s-%dx%d", tc.name, w, h), m.View())
		}
	}
}

// visible is the view without styles.
func visible(s common.Screen) string { return ansi.Strip(s.View()) }

func TestSortCyclesDateAndAmountBothWays(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = start(t, c, shared, 160, 46)
	m := s.(*Model)
	for _, want := range []store.PaymentSort{store.DateAsc, store.AmountDesc, store.AmountAsc, store.DateDesc} {
		s = uitest.Key(s, "s")
		if m.order != want {
			t.Fatalf("order %s, want %s", m.order, want)
		}
		if m.list.Cursor != 0 || len(m.win) == 0 {
			t.Errorf("%s: cursor %d, %d rows loaded", want, m.list.Cursor, len(m.win))
		}
		uitest.CheckSize(t, s.View(), 160, 46)
		// The first rows are in the order the header says.
		a, b := m.win[0], m.win[1]
		ok := true
		switch want {
		case store.DateAsc:
			ok = a.Date <= b.Date
		case store.DateDesc:
			ok = a.Date >= b.Date
		case store.AmountDesc:
			ok = a.AmountMinor >= b.AmountMinor
		case store.AmountAsc:
			ok = a.AmountMinor <= b.AmountMinor
		}
		if !ok {
			t.Errorf("%s: %s %d before %s %d", want, a.Date, a.AmountMinor, b.Date, b.AmountMinor)
		}
	}
	if v := visible(s); !strings.Contains(v, "Date ↓") {
		t.Errorf("the header does not say the order:\n%s", v)
	}
}

func TestEnterOpensTheCounterpartyOrThePickedParty(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = start(t, c, contractor, 80, 22)
	m := s.(*Model)
	p, _ := m.row(m.list.Cursor)
	if p.Contractor.Key != contractor {
		t.Fatalf("first row %+v is not the contractor's", p)
	}
	open := func() string {
		_, cmd := s.Update(uitest.KeyMsg("enter"))
		if cmd == nil {
			t.Fatal("enter did nothing")
		}
		msg, ok := cmd().(common.OpenMsg)
		if !ok {
			t.Fatalf("enter sent %#v", cmd())
		}
		return msg.Key
	}
	// A contractor's payout opens the account it went to.
	if got := open(); got != p.Payee.Key {
		t.Errorf("enter opened %s, want the payee %s", got, p.Payee.Key)
	}
	// ← picks the payer; the contractor itself is never a target.
	s = uitest.Key(s, "left")
	if got := open(); got != p.Payer.Key {
		t.Errorf("after ←, enter opened %s, want the payer %s", got, p.Payer.Key)
	}
	s = uitest.Key(s, "left")
	if got := open(); got != p.Payee.Key {
		t.Errorf("after ← ←, enter opened %s, want the payee again", got)
	}
	// Moving to another row goes back to its counterparty.
	s = uitest.Key(s, "left")
	s = uitest.Key(s, "down")
	q, _ := m.row(m.list.Cursor)
	if got := open(); got != q.Payee.Key {
		t.Errorf("next row: enter opened %s, want %s", got, q.Payee.Key)
	}

	// On an account, a payout into it opens the payer, a transfer out of it the payee.
	var a common.Screen = start(t, c, shared, 80, 22)
	am := a.(*Model)
	for i := 0; i < am.count && i < len(am.win); i++ {
		p := am.win[i]
		want := p.Payer.Key
		if p.Payer.Key == shared {
			want = p.Payee.Key
		}
		if got := party(p, am.counterparty(p)).Key; got != want {
			t.Errorf("row %d (%s %s→%s): counterparty %s, want %s", i, p.Type, p.Payer.Key, p.Payee.Key, got, want)
		}
	}
}

func TestScrollingReadsTheNextWindowAndKeepsTheCursorVisible(t *testing.T) {
	c := uitest.Common(t)
	// All demo payments of a client: more than one window.
	var s common.Screen = start(t, c, "client:globex talent partners inc", 80, 22)
	m := s.(*Model)
	if m.count <= window {
		t.Skipf("the demo client has %d payments, one window", m.count)
	}
	first := m.win[0].ID
	for i := 0; i < window/5; i++ {
		s = uitest.Key(s, "pgdown")
	}
	if m.list.Cursor < window {
		t.Fatalf("cursor %d after paging", m.list.Cursor)
	}
	if _, ok := m.row(m.list.Cursor); !ok {
		t.Fatalf("row %d not loaded (window %d+%d)", m.list.Cursor, m.winStart, len(m.win))
	}
	if m.winStart == 0 || m.win[0].ID == first {
		t.Errorf("the window did not move: start %d", m.winStart)
	}
	v := s.View()
	uitest.CheckSize(t, v, 80, 22)
	if strings.Contains(ansi.Strip(v), "reading") {
		t.Errorf("rows still reading:\n%s", ansi.Strip(v))
	}
	// G goes to the last payment; resizing keeps it in view.
	s = uitest.Key(s, "G")
	if m.list.Cursor != m.count-1 {
		t.Errorf("G: cursor %d of %d", m.list.Cursor, m.count)
	}
	for _, sz := range [][2]int{{80, 12}, {60, 30}, {160, 46}, {40, 8}} {
		s.SetSize(sz[0], sz[1])
		v := s.View()
		uitest.CheckSize(t, v, sz[0], sz[1])
		if m.list.Cursor < m.list.Offset || m.list.Cursor >= m.list.Offset+m.list.Height {
			t.Errorf("%v: cursor %d outside rows %d..%d", sz, m.list.Cursor, m.list.Offset, m.list.Offset+m.list.Height)
		}
	}
	// The mouse wheel scrolls too.
	s = uitest.Key(s, "g")
	s, cmd := s.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	s = uitest.Run(s, cmd)
	if m.list.Cursor != 3 {
		t.Errorf("wheel: cursor %d, want 3", m.list.Cursor)
	}
}

func TestTheFirstPageShowsBeforeTheCount(t *testing.T) {
	c := uitest.Common(t)
	const client = "client:globex talent partners inc" // more payments than a window
	for _, countFirst := range []bool{false, true} {
		var s common.Screen = New(c, client)
		s.SetSize(80, 22)
		cmds := s.Init()().(tea.BatchMsg)
		head, count := cmds[0](), cmds[1]()
		if countFirst {
			s, _ = s.Update(count)
		}
		s, _ = s.Update(head)
		m := s.(*Model)
		if !countFirst {
			if v := visible(s); !strings.Contains(v, fmt.Sprintf("%d+ payments (counting)", window)) {
				t.Errorf("before the count:\n%s", v)
			}
			uitest.CheckSize(t, s.View(), 80, 22)
			s, _ = s.Update(count)
		}
		if !m.counted || m.count <= window || m.list.Len != m.count {
			t.Errorf("count first %v: count %d (counted %v), list of %d", countFirst, m.count, m.counted, m.list.Len)
		}
		if v := visible(s); !strings.Contains(v, fmt.Sprintf("%d payments · by date", m.count)) {
			t.Errorf("after the count:\n%s", v)
		}
	}
}

func TestSortingBeforeTheFirstPageArrives(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = New(c, shared)
	s.SetSize(80, 22)
	cmds := s.Init()().(tea.BatchMsg)
	s, _ = s.Update(uitest.KeyMsg("s")) // date ↑, before anything is read
	s, cmd := s.Update(cmds[0]())
	s = uitest.Run(s, cmd)
	m := s.(*Model)
	if len(m.win) < 2 || m.win[0].Date > m.win[1].Date {
		t.Errorf("the newest-first page was kept under date ↑: %d rows", len(m.win))
	}
}

func TestStalePagesAreDropped(t *testing.T) {
	c := uitest.Common(t)
	s := start(t, c, shared, 80, 22)
	before := s.win[0].ID
	s.Update(pageMsg{gen: s.gen + 1, start: 0, rows: []store.Payment{{ID: -1}}})
	s.Update(pageMsg{gen: s.gen, start: 999, rows: []store.Payment{{ID: -1}}})
	if s.win[0].ID != before {
		t.Errorf("a stale page replaced the window")
	}
}

func TestChartPicksAMonthAndListsFromIt(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = start(t, c, shared, 80, 22)
	m := s.(*Model)
	s = uitest.Key(s, "tab")
	if m.focus != focusChart {
		t.Fatal("tab did not focus the chart")
	}
	cd := m.chartData()
	if cd.n < 3 {
		t.Fatalf("chart has %d months", cd.n)
	}
	s = uitest.Key(s, "left")
	s = uitest.Key(s, "left")
	month := cd.label(m.month)
	if v := visible(s); !strings.Contains(v, month+"  ") {
		t.Errorf("caption lacks the selected month %s:\n%s", month, v)
	}
	// Enter lists the payments from that month (the table is by date, newest first).
	s = uitest.Key(s, "s") // date ↑ ...
	s = uitest.Key(s, "s") // ... amount ↓: enter switches back to date
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "enter")
	if m.order != store.DateDesc || m.focus != focusTable {
		t.Errorf("after enter: order %s focus %d", m.order, m.focus)
	}
	p, ok := m.row(m.list.Cursor)
	if !ok || !strings.HasPrefix(p.Date, month) {
		t.Errorf("cursor on %+v, want the newest payment of %s", p, month)
	}
	if prev, ok := m.row(m.list.Cursor - 1); ok && prev.Date[:7] <= month {
		t.Errorf("the row before %s is %s", month, prev.Date)
	}
}

func TestErrorsAreShown(t *testing.T) {
	c := uitest.Common(t)
	m := start(t, c, "account:nowhere", 80, 22)
	if v := visible(m); !strings.Contains(v, "not found") {
		t.Errorf("no error shown:\n%s", v)
	}
	// A window that cannot be read says so where its rows go.
	s := start(t, c, "client:globex talent partners inc", 80, 22)
	s.Update(uitest.KeyMsg("G"))
	if s.want < 0 {
		t.Fatalf("G asked for no window (%d payments)", s.count)
	}
	_, cmd := s.Update(pageMsg{gen: s.gen, start: s.want, err: fmt.Errorf("disk on fire")})
	if e, ok := cmd().(common.ErrMsg); !ok || !strings.Contains(e.Err.Error(), "disk on fire") {
		t.Errorf("page error sent %#v", cmd())
	}
	if v := visible(s); !strings.Contains(v, "disk on fire") {
		t.Errorf("page error not shown:\n%s", v)
	}
	s.Update(totalsMsg{err: fmt.Errorf("totals broke")})
	if v := visible(s); !strings.Contains(v, "totals broke") {
		t.Errorf("totals error not shown:\n%s", v)
	}
	uitest.CheckSize(t, s.View(), 80, 22)
}

func TestMouseClickSelectsARowOrABar(t *testing.T) {
	c := uitest.Common(t)
	s := start(t, c, shared, 80, 22)
	l := s.layout()
	// Screen line y+1: the body starts below the breadcrumb.
	s.Update(tea.MouseClickMsg{X: 10, Y: l.tableTop + 3 + 1, Button: tea.MouseLeft})
	if s.list.Cursor != 3 {
		t.Errorf("click on the fourth row: cursor %d", s.list.Cursor)
	}
	s.Update(tea.MouseClickMsg{X: 0, Y: l.chartTop + 2 + 1, Button: tea.MouseLeft})
	if s.focus != focusChart || s.month != 0 {
		t.Errorf("click on the first bar: focus %d month %d", s.focus, s.month)
	}
}

// TestHostileRecordsNeverReachTheTerminal draws payments whose every field
// carries escape sequences, a bell and newlines.
func TestHostileRecordsNeverReachTheTerminal(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evil := "Mallory \x1b[31mred\x07\nline\x1b]0;pwn\x07"
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO sources(id, path, sha256, size, kind, format, imported_at) VALUES (1, ?, 'x', 1, 'payments', 'csv', '2026-01-01T00:00:00Z')`,
			[]any{"/in/pay\x1b[2J\x07.csv"}},
		{`INSERT INTO nodes(id, kind, key, label) VALUES (1, 'client', ?, ?), (2, 'account', 'account:raw:1', ?), (3, 'contractor', 'contractor:X1', ?)`,
			[]any{"client:\x1b[31mevil\x07", evil, evil, evil}},
		{`INSERT INTO ledger(source_id, line, ext_id, date, type, contractor_id, payer_id, payee_id, beneficiary, amount_minor, currency, rail, reference)
			VALUES (1, 2, ?1, '2026-01-05', ?1, 3, 1, 2, ?1, 100, ?2, ?1, ?1), (1, 3, 'P2', ?1, 'payout', 3, 1, 2, ?1, 200, 'USD', NULL, NULL)`,
			[]any{evil, "US\x1b[31mD"}},
	} {
		if _, err := st.DB().Exec(q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	plain := uitest.Common(t)
	plain.Store = st
	plain.Styles = &styles.Styles{} // no styles: any escape in the view came from the data
	styled := uitest.Common(t)
	styled.Store = st
	for _, c := range []*common.Common{plain, styled} {
		for _, k := range []string{"contractor:X1", "account:raw:1", "client:\x1b[31mevil\x07"} {
			for _, sz := range [][2]int{{80, 22}, {160, 46}} {
				var s common.Screen = start(t, c, k, sz[0], sz[1])
				views := []string{s.View()}
				s = uitest.Key(s, "tab")
				views = append(views, s.View())
				s = uitest.Key(s, "s")
				s = uitest.Key(s, "s")
				views = append(views, s.View())
				for _, v := range views {
					uitest.CheckSize(t, v, sz[0], sz[1])
					if strings.Contains(v, "\x07") || strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[31mred") ||
						strings.Contains(v, "\x1b[2J") || (c == plain && strings.Contains(v, "\x1b")) {
						t.Errorf("%s: control characters reached the terminal: %q", k, v)
					}
					if n := strings.Count(v, "\n"); n != sz[1]-1 {
						t.Errorf("%s: %d lines, want %d", k, n+1, sz[1])
					}
				}
				if !strings.Contains(views[0], "Mallory") {
					t.Errorf("%s: label lost:\n%s", k, views[0])
				}
			}
		}
	}
}

func TestMoneyIsGroupedAsWritten(t *testing.T) {
	for _, tc := range []struct {
		minor int64
		cur   string
		want  string
	}{
		{600000, "USD", "6,000.00"}, {5, "USD", "0.05"}, {-123456789, "USD", "-1,234,567.89"},
		{9000, "JPY", "9,000"}, {150000000, "BTC", "1.50000000"},
	} {
		if got := money(tc.minor, tc.cur); got != tc.want {
			t.Errorf("money(%d, %s) = %s, want %s", tc.minor, tc.cur, got, tc.want)
		}
	}
}

// TestOpensFromTheRootOnTheSubject drives the root model: $ on an entity
// screen opens its payments, Enter on a payment opens the other party.
func TestOpensFromTheRootOnTheSubject(t *testing.T) {
	c := uitest.Common(t)
	screens := app.Screens{Entity: entity.New, Payments: New}
	root := app.New(c, screens, entity.New(c, contractor))
	run := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			queue := []tea.Msg{msg}
			for len(queue) > 0 {
				next := queue[0]
				queue = queue[1:]
				_, cmd := root.Update(next)
				if cmd == nil {
					continue
				}
				switch out := cmd().(type) {
				case nil:
				case tea.BatchMsg:
					for _, c := range out {
						if c != nil {
							queue = append(queue, c())
						}
					}
				default:
					queue = append(queue, out)
				}
			}
		}
	}
	run(tea.WindowSizeMsg{Width: 80, Height: 24}, root.Init()())
	run(uitest.KeyMsg("$"))
	v := ansi.Strip(root.View().Content)
	if !strings.Contains(v, "Payments of "+contractor) || !strings.Contains(v, "› payments") {
		t.Fatalf("$ did not open the payments:\n%s", v)
	}
	uitest.CheckSize(t, root.View().Content, 80, 24)
	run(uitest.KeyMsg("enter"))
	if v := ansi.Strip(root.View().Content); !strings.Contains(v, "› "+shared) {
		t.Errorf("enter did not open the payee account:\n%s", v)
	}
}
