// Package importdlg is the workbench's import dialog: a file's path (Tab
// completes it), what the file holds (contractors, payments or a designation
// list), whether bad rows are set aside, and whether the database is screened
// afterwards — then the import runs with a progress bar and reports what it
// stored, or the file:line of the row that stopped it, as casegraph import does.
package importdlg

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/form"
)

// field is one stop of the dialog's focus, in Tab order.
type field int

const (
	fieldFile field = iota
	fieldKind
	fieldSkip
	fieldScreen
	fieldButton
	fieldCount
)

// The dialog's rows, by line: clicks find their field with these.
const (
	lineFile   = 2
	lineKind   = 3
	lineSkip   = 5
	lineScreen = 6
	lineButton = 8
)

// Model is the import dialog.
type Model struct {
	c       *common.Common
	file    textinput.Model
	kind    int // index in kinds
	skipBad bool
	screen  bool
	focus   field
	width   int
	height  int

	run        int // the current import's number: messages of an earlier one are dropped
	running    bool
	cancel     context.CancelFunc
	progressCh chan progressMsg
	progress   progressMsg
	result     *importedMsg
	notice     string

	candidates []string // paths the typed one could complete to
	more       bool     // more matched than are listed
	shownFor   string   // the text the candidates were listed for

	keys keyMap
}

// keyMap holds the dialog's own keys, for the help line.
type keyMap struct {
	enter, tab, shiftTab, change, toggle, esc key.Binding
}

// New returns the import dialog.
func New(c *common.Common) common.Screen {
	m := &Model{c: c, screen: true}
	m.file = form.NewInput("path of a CSV, TSV, JSON or XML file, or a list's folder")
	m.file.Focus()
	m.keys = keyMap{
		enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import")),
		tab:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete/next field")),
		shiftTab: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		change:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "kind")),
		toggle:   key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "toggle")),
		esc:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel/leave")),
	}
	return m
}

// Init does nothing: the dialog touches the database only when it imports.
func (m *Model) Init() tea.Cmd { return nil }

// Capturing is true while the path field has the focus.
func (m *Model) Capturing() bool { return m.focus == fieldFile }

func kindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.name
	}
	return out
}

// Update handles keys, clicks, completions, progress and the outcome.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case progressMsg:
		if msg.run != m.run || !m.running {
			return m, nil
		}
		m.progress = msg
		return m, listen(m.progressCh)
	case importedMsg:
		if msg.run != m.run {
			return m, nil
		}
		m.running, m.cancel, m.result = false, nil, &msg
		if msg.err == nil {
			return m, func() tea.Msg { return common.StatusMsg(resultLines(msg.res)[0]) }
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
		if m.focus == fieldFile {
			var cmd tea.Cmd
			m.file, cmd = m.file.Update(msg)
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
		if m.focus == fieldFile {
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
	if m.focus == fieldFile {
		typed := m.file.Value()
		var cmd tea.Cmd
		m.file, cmd = m.file.Update(msg)
		if m.file.Value() != typed {
			m.candidates, m.more, m.shownFor, m.notice = nil, false, "", ""
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
	}
	return nil
}

// move takes the focus d fields on, round the end.
func (m *Model) move(d int) {
	m.setFocus(field((int(m.focus) + d + int(fieldCount)) % int(fieldCount)))
}

func (m *Model) setFocus(f field) {
	m.focus = f
	if f == fieldFile {
		m.file.Focus()
		m.file.CursorEnd()
	} else {
		m.file.Blur()
	}
}

// change steps the kind or flips a toggle.
func (m *Model) change(d int) {
	switch m.focus {
	case fieldKind:
		n := len(kinds)
		m.kind = (m.kind + d + n) % n
	case fieldSkip:
		m.skipBad = !m.skipBad
	case fieldScreen:
		m.screen = !m.screen
	}
}

// complete asks for the paths the typed one could go on to. A second Tab
// on the same list of candidates moves on.
func (m *Model) complete() tea.Cmd {
	typed := m.file.Value()
	if typed == m.shownFor && len(m.candidates) > 0 {
		m.move(1)
		return nil
	}
	return func() tea.Msg { return completePath(typed) }
}

// completed applies a completion: the matches' common prefix when it adds
// to what was typed; else the matches are listed. With nothing to add and
// nothing to list, Tab moves on.
func (m *Model) completed(msg completedMsg) {
	if m.focus != fieldFile || m.file.Value() != msg.typed {
		return // typed on since
	}
	m.candidates, m.more, m.shownFor = nil, false, ""
	if msg.err != nil && msg.typed != "" {
		m.notice = "no such folder: " + msg.err.Error()
		return
	}
	if len(msg.prefix) > len(msg.typed) {
		m.file.SetValue(msg.prefix)
		m.file.CursorEnd()
		if len(msg.paths) > 1 {
			m.candidates, m.more, m.shownFor = msg.paths, msg.more, msg.prefix
		}
		return
	}
	if len(msg.paths) <= 1 {
		m.move(1)
		return
	}
	m.candidates, m.more, m.shownFor = msg.paths, msg.more, msg.typed
}

// start runs the import in a command, with a second that relays progress;
// Esc cancels it (the import is one transaction: nothing is stored).
func (m *Model) start() tea.Cmd {
	if m.running {
		return nil
	}
	m.notice, m.candidates = "", nil
	r := request{path: strings.TrimSpace(m.file.Value()), kind: m.kind, skipBad: m.skipBad, screen: m.screen}
	if r.path == "" {
		m.notice = "type the path of the file to import"
		m.setFocus(fieldFile)
		return nil
	}
	m.run++
	r.run = m.run
	ctx, cancel := context.WithCancel(m.c.Ctx)
	ch := make(chan progressMsg, 1)
	m.running, m.cancel, m.result, m.progress, m.progressCh = true, cancel, nil, progressMsg{}, ch
	st := m.c.Store
	return tea.Batch(func() tea.Msg {
		defer cancel()
		return runImport(ctx, st, r, ch)
	}, listen(ch))
}

// click focuses the field on line y (and picks the kind under x, flips a
// toggle, or presses the button).
func (m *Model) click(x, y int) tea.Cmd {
	switch y {
	case lineFile:
		m.setFocus(fieldFile)
	case lineKind:
		m.setFocus(fieldKind)
		if i := form.OptionAt(kindNames(), m.kind, m.width-form.LabelWidth, x-form.LabelWidth); i >= 0 {
			m.kind = i
		}
	case lineSkip:
		m.setFocus(fieldSkip)
		m.change(1)
	case lineScreen:
		m.setFocus(fieldScreen)
		m.change(1)
	case lineButton:
		m.setFocus(fieldButton)
		return m.start()
	}
	return nil
}

// hint says what the focused field takes.
func (m *Model) hint() string {
	switch m.focus {
	case fieldFile:
		return "tab completes the path (a second tab moves on); ~ is your home"
	case fieldKind:
		return "←/→: what the file holds"
	case fieldSkip, fieldScreen:
		return "space toggles"
	}
	return "enter imports (from any field); esc leaves"
}

func check(on bool) string {
	if on {
		return "[x] "
	}
	return "[ ] "
}

// View draws the dialog.
func (m *Model) View() string {
	st := m.c.Styles
	w := m.width
	vw := max(1, w-form.LabelWidth)
	toggle := func(f field, on bool, text string) string {
		box := check(on)
		if m.focus == f {
			box = st.Selected.Render(box[:3]) + " "
		}
		return box + text
	}
	skipText := "skip bad rows, writing them to FILE.rejects.csv"
	lines := []string{
		st.Title.Render(common.Fit("Import a file into the case database", w)),
		"",
		form.Label(st, "File", m.focus == fieldFile) + " " + m.file.View(),
		form.Label(st, "Kind", m.focus == fieldKind) + form.Selector(st, kindNames(), m.kind, vw, m.focus == fieldKind),
		strings.Repeat(" ", form.LabelWidth+1) + st.Dim.Render(common.Fit(kinds[m.kind].about, vw-1)),
		form.Label(st, "Options", m.focus == fieldSkip) + " " + toggle(fieldSkip, m.skipBad, skipText),
		form.Label(st, "", m.focus == fieldScreen) + " " + toggle(fieldScreen, m.screen, "screen the database against the loaded lists afterwards"),
		"",
		m.button(),
		"  " + st.Dim.Render(common.Fit(m.hint(), max(1, w-2))),
		"",
	}
	lines = append(lines, m.resultLines(max(0, m.height-len(lines)))...)
	for i, l := range lines {
		lines[i] = common.Pad(l, w)
	}
	return common.Lines(strings.Join(lines, "\n"), w, m.height)
}

func (m *Model) button() string {
	st := m.c.Styles
	text := "[ Import ]"
	if m.running {
		text = "[ Importing… ]"
	}
	return form.Button(st, text, m.focus == fieldButton)
}

// resultLines are, in room lines: the path's completions, the form's
// notice, the progress of a running import, or its outcome.
func (m *Model) resultLines(room int) []string {
	st := m.c.Styles
	w := max(10, m.width-4)
	res := form.Lines{W: w}
	add := res.Add
	plain := func(s ...string) string { return strings.Join(s, "") }
	switch r := m.result; {
	case len(m.candidates) > 0:
		n := fmt.Sprintf("%d", len(m.candidates))
		if m.more {
			n = "more than " + n
		}
		add(st.Dim.Render, n+" paths start with "+m.shownFor+":", 0)
		list := m.candidates
		if len(list) > room-1 && room > 2 {
			list = list[:room-2]
		}
		for _, p := range list {
			res.Out = append(res.Out, "    "+common.Fit(p, w-2))
		}
		if hidden := len(m.candidates) - len(list); hidden > 0 {
			res.Out = append(res.Out, "    "+st.Dim.Render(fmt.Sprintf("… %d more", hidden)))
		}
	case m.notice != "":
		add(st.Error.Render, m.notice, 0)
	case m.running:
		res.Out = append(res.Out, "  "+m.bar(w))
		add(st.Dim.Render, m.progressText()+" (esc cancels)", 0)
	case r == nil:
	default:
		res := resultLines(r.res)
		if r.err != nil && r.res.Read == 0 && !r.res.AlreadyImported {
			res = nil // nothing was imported: the error says it all
		}
		for i, l := range res {
			if i == 0 {
				add(st.Title.Render, "✓ "+l, 0)
			} else {
				add(plain, l, 2)
			}
		}
		if r.screened != nil {
			add(plain, r.screened.line(), 2)
		}
		if r.err != nil {
			add(st.Error.Render, "✗ "+r.err.Error(), 0)
		}
		if r.rowError {
			add(st.Dim.Render, "to import the good rows and set the bad ones aside, tick “skip bad rows” and import again", 2)
		}
	}
	return res.Out
}

// progressText says what the running import is doing.
func (m *Model) progressText() string {
	p := m.progress
	name := common.Clean(m.file.Value())
	switch {
	case p.phase == "screening":
		return "imported; screening the database against the loaded lists…"
	case p.total <= 0:
		return "importing " + name + "…"
	case p.done >= p.total:
		return "indexing " + name + "…" // read in full: flows, search index and ledger indexes follow
	}
	return fmt.Sprintf("reading %s: %s of %s", name, mib(p.done), mib(p.total))
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// bar is the import's progress bar with its percentage, width cells wide.
func (m *Model) bar(width int) string {
	st := m.c.Styles
	p := m.progress
	frac := 0.0
	switch {
	case p.phase == "screening":
		frac = 1
	case p.total > 0:
		frac = min(1, float64(p.done)/float64(p.total))
	}
	pct := fmt.Sprintf(" %3.0f%%", frac*100)
	bw := max(1, min(60, width-len(pct)))
	full := int(frac * float64(bw))
	return st.Key.Render(strings.Repeat("█", full)) + st.Dim.Render(strings.Repeat("░", bw-full)) + pct
}

// SetSize sets the dialog's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.file.SetWidth(max(1, w-form.LabelWidth-2)) // a space before, the cursor after
	// Re-scroll the text to the new width (textinput only does so as its
	// cursor moves past an edge).
	pos := m.file.Position()
	m.file.CursorEnd()
	m.file.SetCursor(pos)
}

// Title is the crumb.
func (m *Model) Title() string { return "import" }

// ShortHelp lists the dialog's keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.enter, m.keys.tab, m.keys.toggle, m.keys.esc}
}

// FullHelp lists the dialog's keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.enter, m.keys.tab, m.keys.shiftTab, m.keys.change, m.keys.toggle, m.keys.esc}}
}
