// Package exportdlg is the workbench's export dialog: it writes the network
// around a node — its ego network, or the shortest paths to another node — in
// one of the export formats (GraphML, GEXF, DOT, CSV, Neo4j, …) to a file the
// investigator names, and says what it wrote.
package exportdlg

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/form"
)

// field is one stop of the dialog's focus, in Tab order.
type field int

const (
	fieldWhat   field = iota // ego network or shortest paths
	fieldExtent              // hops of the ego network, or the paths' other end
	fieldFormat
	fieldOutput
	fieldButton
	fieldCount
)

// The dialog's rows, by line: clicks find their field with these.
const (
	lineWhat   = 2
	lineExtent = 3
	lineFormat = 4
	lineOutput = 6
	lineButton = 8
)

var whatOptions = []string{"ego network", "shortest paths"}

var hopOptions = []string{"1", "2", "3"}

// Model is the export dialog.
type Model struct {
	c      *common.Common
	key    string
	paths  bool
	hops   int
	format int // index in export.Formats
	to     textinput.Model
	out    textinput.Model
	focus  field
	width  int
	height int

	run     int // the current export's number: results of an earlier one are dropped
	running bool
	cancel  context.CancelFunc
	result  *exportedMsg
	notice  string // a line about the form itself (a missing target)

	candidates []string // keys the target could complete to
	more       bool     // more keys matched than are listed
	shownFor   string   // the text the candidates were listed for

	keys keyMap
}

// keyMap holds the dialog's own keys, for the help line.
type keyMap struct {
	enter, tab, shiftTab, change, hops, esc key.Binding
}

// New returns the export dialog for the network around the node with key node.
func New(c *common.Common, node string) common.Screen {
	m := &Model{c: c, key: node, hops: 2, format: indexOf(export.Formats, "graphml")}
	m.to = form.NewInput("a key such as ofac:55065, or a contractor id")
	m.out = form.NewInput("a file, or a directory for csv and neo4j")
	m.out.SetValue(m.defaultOut())
	m.keys = keyMap{
		enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "export")),
		tab:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		shiftTab: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		change:   key.NewBinding(key.WithKeys("left", "right", "space"), key.WithHelp("←/→", "change")),
		hops:     key.NewBinding(key.WithKeys("1", "2", "3"), key.WithHelp("1-3", "hops")),
		esc:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel/leave")),
	}
	return m
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return 0
}

// Init does nothing: the dialog reads the database only when it exports.
func (m *Model) Init() tea.Cmd { return nil }

// Subject is the node whose network is exported.
func (m *Model) Subject() string { return m.key }

// Capturing is true while a text field has the focus: typed letters are
// the field's, not the workbench's keys.
func (m *Model) Capturing() bool { return m.input() != nil }

// input is the focused text field, or nil.
func (m *Model) input() *textinput.Model {
	switch {
	case m.focus == fieldExtent && m.paths:
		return &m.to
	case m.focus == fieldOutput:
		return &m.out
	}
	return nil
}

func (m *Model) formatName() string { return export.Formats[m.format] }

func (m *Model) target() string {
	if !m.paths {
		return ""
	}
	return strings.TrimSpace(m.to.Value())
}

func (m *Model) defaultOut() string { return defaultOut(m.key, m.target(), m.formatName()) }

// keepDefault runs change and, when the output still held the default name,
// renames it after what changed (a format's extension, the path's end).
func (m *Model) keepDefault(change func()) {
	before := m.defaultOut()
	change()
	if m.out.Value() == before {
		m.out.SetValue(m.defaultOut())
		m.out.CursorEnd()
	}
}

// Update handles keys, clicks and the export's outcome.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportedMsg:
		if msg.run == m.run {
			m.running, m.cancel, m.result = false, nil, &msg
		}
		return m, nil
	case completedMsg:
		m.completed(msg)
		return m, nil
	case tea.KeyPressMsg:
		return m, m.keyPress(msg)
	case tea.MouseClickMsg:
		return m, m.click(msg.X, msg.Y-1) // the body starts below the breadcrumb
	case tea.PasteMsg:
		if in := m.input(); in != nil {
			var cmd tea.Cmd
			m.keepDefault(func() { *in, cmd = in.Update(msg) })
			return m, cmd
		}
	}
	return m, nil
}

func (m *Model) keyPress(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	switch s := msg.String(); {
	case s == "esc":
		if m.running {
			m.cancel()
			return nil
		}
		return form.Back
	case s == "enter":
		return m.start()
	case key.Matches(msg, k.Tab):
		if m.focus == fieldExtent && m.paths {
			return m.complete()
		}
		m.move(1)
		return nil
	case key.Matches(msg, k.ShiftTab), s == "up":
		m.move(-1)
		return nil
	case s == "down":
		m.move(1)
		return nil
	}
	if in := m.input(); in != nil {
		var cmd tea.Cmd
		typed := in.Value()
		m.keepDefault(func() { *in, cmd = in.Update(msg) })
		if in.Value() != typed {
			m.candidates, m.shownFor, m.notice = nil, "", ""
		}
		return cmd
	}
	switch s := msg.String(); {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.Left):
		m.change(-1)
	case key.Matches(msg, k.Right), s == "space":
		m.change(1)
	case m.focus == fieldExtent && len(s) == 1 && s >= "1" && s <= "3":
		m.hops, _ = strconv.Atoi(s)
	}
	return nil
}

// move takes the focus d fields on, round the end.
func (m *Model) move(d int) {
	m.setFocus(field((int(m.focus) + d + int(fieldCount)) % int(fieldCount)))
}

func (m *Model) setFocus(f field) {
	m.to.Blur()
	m.out.Blur()
	m.focus = f
	if in := m.input(); in != nil {
		in.Focus()
		in.CursorEnd()
	}
}

// change steps the focused selector by d.
func (m *Model) change(d int) {
	m.keepDefault(func() {
		switch m.focus {
		case fieldWhat:
			m.paths = !m.paths
		case fieldExtent:
			m.hops = max(1, min(3, m.hops+d))
		case fieldFormat:
			n := len(export.Formats)
			m.format = (m.format + d + n) % n
		}
	})
}

// complete asks for the keys the target could complete to; with nothing
// typed, Tab just moves on.
func (m *Model) complete() tea.Cmd {
	typed := strings.TrimSpace(m.to.Value())
	if typed == "" || (typed == m.shownFor && len(m.candidates) > 0) {
		m.move(1)
		return nil
	}
	return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg { return complete(ctx, st, typed) })
}

// completed applies a completion: the keys' common prefix when it adds to
// what was typed; else the candidates are listed, and a second Tab moves on.
func (m *Model) completed(msg completedMsg) {
	if !m.paths || strings.TrimSpace(m.to.Value()) != msg.typed {
		return // typed on since
	}
	if msg.err != nil {
		m.notice = "completion: " + msg.err.Error()
		return
	}
	// With more keys than listed, the listed ones' common prefix may be
	// longer than all the keys': complete only from a full list.
	if p := commonPrefix(msg.keys); !msg.more && len(p) > len(msg.typed) {
		m.keepDefault(func() { m.to.SetValue(p); m.to.CursorEnd() })
		m.candidates, m.more, m.shownFor = nil, false, ""
		if len(msg.keys) > 1 {
			m.candidates, m.more, m.shownFor = msg.keys, msg.more, p
		}
		return
	}
	if len(msg.keys) <= 1 {
		m.candidates, m.more, m.shownFor = nil, false, ""
		m.move(1)
		return
	}
	m.candidates, m.more, m.shownFor = msg.keys, msg.more, msg.typed
}

// start runs the export in a command; Esc cancels it.
func (m *Model) start() tea.Cmd {
	if m.running {
		return nil
	}
	m.notice = ""
	r := request{key: m.key, hops: m.hops, format: m.formatName(), out: strings.TrimSpace(m.out.Value())}
	if m.paths {
		if r.to = m.target(); r.to == "" {
			m.notice = "type the node the paths go to (a key such as ofac:55065, or a contractor id)"
			m.setFocus(fieldExtent)
			return nil
		}
	}
	if r.out == "" {
		m.notice = "name the output file (a directory for csv and neo4j)"
		m.setFocus(fieldOutput)
		return nil
	}
	m.run++
	r.run = m.run
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.running, m.cancel, m.result = true, cancel, nil
	st := m.c.Store
	return func() tea.Msg {
		defer cancel()
		return runExport(ctx, st, r)
	}
}

// click focuses the field on line y (and picks the option under x, or
// presses the button).
func (m *Model) click(x, y int) tea.Cmd {
	vw := m.width - form.LabelWidth
	x -= form.LabelWidth
	switch y {
	case lineWhat:
		m.setFocus(fieldWhat)
		if i := form.OptionAt(whatOptions, m.whatIndex(), vw, x); i >= 0 {
			m.keepDefault(func() { m.paths = i == 1 })
		}
	case lineExtent:
		m.setFocus(fieldExtent)
		if i := form.OptionAt(hopOptions, m.hops-1, vw, x); i >= 0 && !m.paths {
			m.hops = i + 1
		}
	case lineFormat:
		m.setFocus(fieldFormat)
		if i := form.OptionAt(export.Formats, m.format, vw, x); i >= 0 {
			m.keepDefault(func() { m.format = i })
		}
	case lineOutput:
		m.setFocus(fieldOutput)
	case lineButton:
		m.setFocus(fieldButton)
		return m.start()
	}
	return nil
}

func (m *Model) whatIndex() int {
	if m.paths {
		return 1
	}
	return 0
}

// hint says what the focused field takes.
func (m *Model) hint() string {
	switch m.focus {
	case fieldWhat:
		return "←/→: the nodes around it, or every shortest path to another node"
	case fieldExtent:
		if m.paths {
			return "the other end: a node key or a contractor id (tab completes)"
		}
		return "←/→ or 1-3: how many links out (hubs are shown, not expanded)"
	case fieldFormat:
		return "←/→ choose the format"
	case fieldOutput:
		return "a file (replaced if it exists); csv and neo4j write an empty or new directory"
	}
	return "enter exports (from any field); esc leaves"
}

// View draws the dialog.
func (m *Model) View() string {
	st := m.c.Styles
	w := m.width
	vw := max(1, w-form.LabelWidth)
	lines := []string{
		st.Title.Render(common.Fit("Export the network of "+m.key, w)),
		"",
		form.Label(st, "What", m.focus == fieldWhat) + form.Selector(st, whatOptions, m.whatIndex(), vw, m.focus == fieldWhat),
	}
	if m.paths {
		lines = append(lines, form.Label(st, "To", m.focus == fieldExtent)+" "+m.to.View())
	} else {
		lines = append(lines, form.Label(st, "Hops", m.focus == fieldExtent)+form.Selector(st, hopOptions, m.hops-1, vw, m.focus == fieldExtent))
	}
	lines = append(lines,
		form.Label(st, "Format", m.focus == fieldFormat)+form.Selector(st, export.Formats, m.format, vw, m.focus == fieldFormat),
		strings.Repeat(" ", form.LabelWidth+1)+st.Dim.Render(common.Fit(descriptions[m.formatName()], vw-1)),
		form.Label(st, "Output", m.focus == fieldOutput)+" "+m.out.View(),
		"",
		m.button(),
		"  "+st.Dim.Render(common.Fit(m.hint(), max(1, w-2))),
		"",
	)
	lines = append(lines, m.resultLines(max(0, m.height-len(lines)))...)
	for i, l := range lines {
		lines[i] = common.Pad(l, w)
	}
	return common.Lines(strings.Join(lines, "\n"), w, m.height)
}

func (m *Model) button() string {
	st := m.c.Styles
	text := "[ Export ]"
	if m.running {
		text = "[ Exporting… ]"
	}
	return form.Button(st, text, m.focus == fieldButton)
}

// resultLines are, in room lines: the candidates for the target, the form's
// notice, or what// the export wrote (or why it did not).
func (m *Model) resultLines(room int) []string {
	st := m.c.Styles
	w := max(10, m.width-4)
	res := form.Lines{W: w}
	add := res.Add
	if len(m.candidates) > 0 && m.paths {
		n := fmt.Sprint(len(m.candidates))
		if m.more {
			n = "more than " + n
		}
		add(st.Dim.Render, n+" keys start with "+m.shownFor+":", 0)
		list := m.candidates
		if len(list) > room-1 && room > 2 {
			list = list[:room-2]
		}
		for _, k := range list {
			res.Out = append(res.Out, "    "+st.Key.Render(common.Fit(k, w-2)))
		}
		if hidden := len(m.candidates) - len(list); hidden > 0 {
			res.Out = append(res.Out, "    "+st.Dim.Render(fmt.Sprintf("… %d more", hidden)))
		}
		return res.Out
	}
	if m.notice != "" {
		add(st.Error.Render, m.notice, 0)
		return res.Out
	}
	switch r := m.result; {
	case m.running:
		add(st.Dim.Render, "exporting "+m.formatName()+"… (esc cancels)", 0)
	case r == nil:
	case r.err != nil:
		add(st.Error.Render, "✗ "+r.err.Error(), 0)
	default:
		add(st.Title.Render, "✓ written: "+strings.Join(r.files, ", "), 0)
		add(func(s ...string) string { return strings.Join(s, "") },
			fmt.Sprintf("%s: %d nodes, %d edges as %s", r.title, r.nodes, r.edges, r.format), 2)
		for _, n := range r.notes {
			add(st.Dim.Render, "note: "+n, 2)
		}
	}
	return res.Out
}

// SetSize sets the dialog's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	iw := max(1, w-form.LabelWidth-2) // a space before, the cursor after
	for _, in := range []*textinput.Model{&m.to, &m.out} {
		in.SetWidth(iw)
		// Re-scroll the text to the new width (textinput only does so as its
		// cursor moves past an edge).
		pos := in.Position()
		in.CursorEnd()
		in.SetCursor(pos)
	}
}

// Title is the crumb.
func (m *Model) Title() string { return "export" }

// ShortHelp lists the dialog's keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.enter, m.keys.tab, m.keys.change, m.keys.esc}
}

// FullHelp lists the dialog's keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.enter, m.keys.tab, m.keys.shiftTab, m.keys.change, m.keys.hops, m.keys.esc}}
}
