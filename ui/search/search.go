// Package search is the workbench's search screen: type a name, an e-mail, a
// phone, an account or wallet number or a key, and the matching nodes appear
// as you type, grouped by kind with the designated entries marked, next to a
// preview of the selected one; Enter opens it.
package search

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// previewDelay is how long the selection must rest before its preview is
// read: holding ↓ through a list must not queue a query per row.
const previewDelay = 60 * time.Millisecond

// wideWidth is the width from which the preview sits right of the results
// rather than below them.
const wideWidth = 100

// Messages the screen sends itself.
type (
	// resultsMsg answers search number seq.
	resultsMsg struct {
		seq int
		r   *results
		err error
	}
	// previewTickMsg fires when the selection may have settled.
	previewTickMsg struct {
		seq int
		id  int64
	}
	// previewMsg carries a node's preview.
	previewMsg struct {
		id  int64
		p   *preview
		err error
	}
)

// Model is the search screen.
type Model struct {
	c      *common.Common
	input  textinput.Model
	typing bool // the query input has the focus (else the results)

	seq      int                // the latest search asked for
	searched string             // its query
	cancel   context.CancelFunc // stops the search in flight
	pending  bool
	// openWhenReady: Enter came while a search was in flight.
	openWhenReady bool
	res           *results
	err           error

	rows []row
	list common.List

	pseq     int // the latest preview asked for
	previews map[int64]*preview

	width, height int
	listW, listH  int // the results pane
	prevW, prevH  int // the preview pane
	wide          bool

	focusInput, focusResults, arrows key.Binding
}

// New returns the search screen with the query input focused.
func New(c *common.Common) common.Screen {
	in := textinput.New()
	in.Prompt = "Search: "
	in.Placeholder = "name, e-mail, phone, account, wallet or key"
	s := textinput.DefaultDarkStyles()
	s.Focused.Prompt = c.Styles.Title
	s.Blurred.Prompt = c.Styles.Dim
	s.Focused.Placeholder = c.Styles.Dim
	s.Blurred.Placeholder = c.Styles.Dim
	s.Cursor.Blink = false // a blinking cursor is a timer message twice a second, for nothing
	in.SetStyles(s)
	in.Focus()
	m := &Model{c: c, input: in, typing: true, previews: map[int64]*preview{},
		focusInput:   key.NewBinding(key.WithKeys("/", "tab"), key.WithHelp("/", "edit query")),
		focusResults: key.NewBinding(key.WithKeys("esc", "tab"), key.WithHelp("esc/tab", "to results")),
		arrows:       key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
	}
	m.list.Row = m.drawRow
	m.list.Skip = func(i int) bool { return m.rows[i].it < 0 }
	return m
}

// Init has nothing to read until a query is typed.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing says typed keys belong to the query input.
func (m *Model) Capturing() bool { return m.typing }

// Update handles typing, navigation and the answers of the commands.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case resultsMsg:
		return m, m.gotResults(msg)
	case previewTickMsg:
		if msg.seq != m.pseq || m.previewed(msg.id) {
			return m, nil
		}
		if it, ok := m.selected(); ok && it.node.ID == msg.id {
			return m, m.loadPreview(it.node)
		}
		return m, nil
	case previewMsg:
		p := msg.p
		if msg.err != nil {
			p = &preview{err: msg.err}
		}
		if len(m.previews) > 256 {
			m.previews = map[int64]*preview{}
		}
		m.previews[msg.id] = p
		return m, nil
	case tea.KeyPressMsg:
		if m.typing {
			return m, m.typingKey(msg)
		}
		return m, m.resultsKey(msg)
	case tea.MouseClickMsg:
		return m, m.click(msg.X, msg.Y-1) // the body starts below the breadcrumb
	case tea.MouseWheelMsg:
		return m, m.move(func() { m.list.Update(msg, m.c.Keys) })
	case tea.PasteMsg:
		if m.typing {
			return m, m.edit(msg)
		}
	}
	return m, nil
}

// typingKey handles a key while the query input has the focus: arrows still
// move through the results, Enter opens, Esc and Tab leave the input.
func (m *Model) typingKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc", "tab":
		m.setTyping(false)
		return nil
	case "enter":
		return m.open()
	case "down", "ctrl+n":
		return m.move(func() { m.list.Move(1) })
	case "up", "ctrl+p":
		return m.move(func() { m.list.Move(-1) })
	case "pgdown":
		return m.move(func() { m.list.Move(max(1, m.list.Height-1)) })
	case "pgup":
		return m.move(func() { m.list.Move(-max(1, m.list.Height-1)) })
	}
	return m.edit(msg)
}

// resultsKey handles a key while the results have the focus.
func (m *Model) resultsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.focusInput):
		m.setTyping(true)
		return nil
	case key.Matches(msg, m.c.Keys.Enter):
		return m.open()
	}
	return m.move(func() { m.list.Update(msg, m.c.Keys) })
}

func (m *Model) setTyping(on bool) {
	m.typing = on
	if on {
		m.input.Focus()
	} else {
		m.input.Blur()
	}
}

// edit passes a message to the input and searches when the query changed.
func (m *Model) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	q := strings.TrimSpace(m.input.Value())
	if q == m.searched {
		return cmd
	}
	return tea.Batch(cmd, m.search(q))
}

// search starts a query, cancelling the one in flight: its answer would be
// dropped anyway, and a broad prefix on a big case is worth stopping.
func (m *Model) search(q string) tea.Cmd {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.seq++
	m.searched = q
	if q == "" {
		m.pending, m.err = false, nil
		m.openWhenReady = false
		m.setResults(nil)
		return nil
	}
	m.pending = true
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.cancel = cancel
	seq, st := m.seq, m.c.Store
	return func() tea.Msg {
		r, err := find(ctx, st, q)
		return resultsMsg{seq: seq, r: r, err: err}
	}
}

// gotResults shows a search's answer unless a newer search was asked for.
func (m *Model) gotResults(msg resultsMsg) tea.Cmd {
	if msg.seq != m.seq {
		return nil // stale: the query changed since
	}
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.pending = false
	m.err = msg.err
	if msg.err != nil {
		return common.Err(msg.err)
	}
	m.setResults(msg.r)
	if m.openWhenReady {
		m.openWhenReady = false
		return tea.Batch(m.schedulePreview(), m.open())
	}
	return m.schedulePreview()
}

// setResults shows r, keeping the selected node selected when it is still there.
func (m *Model) setResults(r *results) {
	prev, had := m.selected()
	m.res = r
	m.rows = r.rows()
	m.list.Len = len(m.rows)
	m.list.Cursor, m.list.Offset = 0, 0
	if had {
		for i, rw := range m.rows {
			if rw.it >= 0 && m.item(rw).node.ID == prev.node.ID {
				m.list.Cursor = i
				break
			}
		}
	}
	m.list.Move(0) // off the heading, into view
}

func (m *Model) item(r row) item { return m.res.groups[r.group].items[r.it] }

// selected is the item under the cursor.
func (m *Model) selected() (item, bool) {
	if m.list.Cursor < 0 || m.list.Cursor >= len(m.rows) {
		return item{}, false
	}
	r := m.rows[m.list.Cursor]
	if r.it < 0 {
		return item{}, false
	}
	return m.item(r), true
}

// move runs a cursor move and schedules the preview when the selection changed.
func (m *Model) move(fn func()) tea.Cmd {
	before, _ := m.selected()
	fn()
	after, ok := m.selected()
	if !ok || after.node.ID == before.node.ID {
		return nil
	}
	return m.schedulePreview()
}

// open opens the selected node; while the current query's results are still
// coming it waits for them, so Enter never acts on an older query's rows.
func (m *Model) open() tea.Cmd {
	if m.pending {
		m.openWhenReady = true
		return nil
	}
	if it, ok := m.selected(); ok {
		return common.Open(it.node.Key)
	}
	return nil
}

// click focuses the input (its line) or selects a result row.
func (m *Model) click(x, y int) tea.Cmd {
	if y == 0 {
		m.setTyping(true)
		return nil
	}
	if m.wide && x >= m.listW {
		return nil
	}
	ly := y - 2 // below the input and the pane titles
	if ly < 0 || ly >= m.listH {
		return nil
	}
	return m.move(func() {
		if m.list.Click(ly) && m.rows[m.list.Cursor].it < 0 {
			m.list.Move(1) // a heading: its first item
		}
	})
}

// schedulePreview asks for the selected node's preview once the selection
// has rested previewDelay.
func (m *Model) schedulePreview() tea.Cmd {
	it, ok := m.selected()
	if !ok || m.previewed(it.node.ID) {
		return nil
	}
	m.pseq++
	seq, id := m.pseq, it.node.ID
	return tea.Tick(previewDelay, func(time.Time) tea.Msg { return previewTickMsg{seq: seq, id: id} })
}

// previewed says a node's preview is at hand (a failed one is read again).
func (m *Model) previewed(id int64) bool {
	p := m.previews[id]
	return p != nil && p.err == nil
}

// loadPreview reads what the preview shows beyond the node itself.
func (m *Model) loadPreview(n store.Node) tea.Cmd {
	id, kind := n.ID, n.Kind
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
		p, err := readPreview(ctx, st, id, kind)
		return previewMsg{id: id, p: p, err: err}
	})
}

// SetSize lays the panes out: the preview right of the results from
// wideWidth columns, below them on narrower terminals.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	body := max(0, h-2) // the input line and the pane titles
	m.wide = w >= wideWidth
	if m.wide {
		m.listW = (w - 1) / 2
		m.prevW = w - 1 - m.listW
		m.listH, m.prevH = body, body
	} else {
		m.listW, m.prevW = w, w
		m.listH = (body + 1) / 2
		m.prevH = max(0, body-m.listH-1) // the preview's title line
	}
	m.list.Width, m.list.Height = m.listW, m.listH
	m.input.SetWidth(max(1, w-len(m.input.Prompt)-statusWidth-2)) // the cursor takes a cell
	m.list.Move(0)
}

// Title is the crumb: the query, when there is one.
func (m *Model) Title() string {
	if m.searched == "" {
		return "Search"
	}
	return "Search: " + m.searched
}

// ShortHelp lists the screen's keys for the focused part.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.typing {
		return []key.Binding{m.arrows, k.Enter, m.focusResults}
	}
	return []key.Binding{k.Up, k.Down, k.Enter, m.focusInput}
}

// FullHelp lists the screen's keys.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{m.arrows, k.Enter, m.focusResults, m.focusInput}}
}
