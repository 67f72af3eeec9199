package app

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/cases"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
)

// command is one action of the workbench, reachable from the palette and,
// when it has one, by its key.
type command struct {
	id      string
	title   string
	binding *key.Binding
	subject bool // acts on the current screen's node
}

// runMsg runs a command chosen in the palette.
type runMsg struct{ id string }

func (m *Model) commands() []command {
	k := m.c.Keys
	return []command{
		{"dashboard", "Dashboard", &k.Dashboard, false},
		{"search", "Search", &k.Search, false},
		{"risk", "Risk ranking", &k.Risk, false},
		{"clusters", "Clusters", &k.Clusters, false},
		{"paths", "Paths from this node to designated entities (or to the marked node)", &k.Paths, true},
		{"graph", "Graph of this node", &k.Graph, true},
		{"payments", "Payments of this node", &k.Payments, true},
		{"export", "Export this node's network", &k.Export, true},
		{"import", "Import a file", &k.Import, false},
		{"mark", "Mark this node (paths between two marked nodes)", &k.Mark, true},
		{"cases", "Cases (Enter makes one active)", &k.Cases, false},
		{"pin", "Pin this node to the active case", &k.Pin, true},
		{"tag", "Tag this node in the active case", &k.Tag, true},
		{"note", "Write a note in the active case (on this node)", &k.Note, false},
		{"new-case", "New case", nil, false},
		{"help", "Help: every key", nil, false},
		{"quit", "Quit", nil, false},
	}
}

// run carries out a command.
func (m *Model) run(id string) tea.Cmd {
	subj := m.subject()
	needs := func() bool {
		if subj == "" {
			m.status, m.isErr = "open a node first (search with /, or Enter on a row)", true
			return false
		}
		return true
	}
	switch id {
	case "dashboard":
		return m.push(m.screens.Dashboard(m.c))
	case "search":
		return m.push(m.screens.Search(m.c))
	case "risk":
		return m.push(m.screens.Risk(m.c))
	case "clusters":
		return m.push(m.screens.Clusters(m.c))
	case "paths":
		if needs() {
			marked := ""
			if m.marked != subj {
				marked = m.marked
			}
			return m.push(m.screens.Paths(m.c, subj, marked))
		}
	case "graph":
		if needs() {
			return m.push(m.screens.Graph(m.c, subj))
		}
	case "payments":
		if needs() {
			return m.push(m.screens.Payments(m.c, subj))
		}
	case "export":
		if needs() {
			return m.push(m.screens.Export(m.c, subj))
		}
	case "import":
		return m.push(m.screens.Import(m.c))
	case "mark":
		if needs() {
			m.marked = subj
			m.status, m.isErr = "marked "+common.Clean(subj)+": open another node and press p for the paths between them", false
		}
	case "cases":
		return m.push(m.screens.Cases(m.c, m.active))
	case "pin", "tag", "note":
		if m.active == "" {
			m.status, m.isErr = "no active case: K opens the cases, Enter makes one active", true
			return nil
		}
		if id != "note" && !needs() {
			return nil
		}
		return m.caseAction(id, subj)
	case "new-case":
		m.prompt = newPrompt("New case name", func(name string) tea.Cmd {
			return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
				if _, err := cases.New(ctx, st, name); err != nil {
					return common.ErrMsg{Err: err}
				}
				return common.ActiveCaseMsg{Name: name}
			})
		})
	case "help":
		m.help = true
	case "quit":
		return tea.Quit
	}
	return nil
}

// caseAction pins, tags or notes the subject in the active case, asking for
// the tag or the note's text first.
func (m *Model) caseAction(id, subj string) tea.Cmd {
	active := m.active
	done := func(what string) tea.Msg { return common.StatusMsg(what + " in case " + active) }
	switch id {
	case "pin":
		return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
			if err := cases.Pin(ctx, st, active, subj); err != nil {
				return common.ErrMsg{Err: err}
			}
			return done("pinned " + subj)
		})
	case "tag":
		m.prompt = newPrompt("Tag "+subj+" (confirmed, cleared, needs-review, or your word)", func(tag string) tea.Cmd {
			return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
				if err := cases.Tag(ctx, st, active, subj, tag); err != nil {
					return common.ErrMsg{Err: err}
				}
				return done("tagged " + subj + " " + tag)
			})
		})
	case "note":
		label := "Note on case " + active
		if subj != "" {
			label = "Note on " + subj
		}
		m.prompt = newPrompt(label, func(text string) tea.Cmd {
			return m.c.Query(func(ctx context.Context, st *store.Store) tea.Msg {
				if err := cases.Note(ctx, st, active, subj, text); err != nil {
					return common.ErrMsg{Err: err}
				}
				return done("note written")
			})
		})
	}
	return nil
}

// noBlink keeps the cursor still: a blinking one is a timer message twice a
// second, for nothing.
func noBlink(in *textinput.Model) {
	s := in.Styles()
	s.Cursor.Blink = false
	in.SetStyles(s)
}

// prompt asks for one line of text; Enter submits, Esc cancels.
type prompt struct {
	label  string
	input  textinput.Model
	submit func(string) tea.Cmd
}

func newPrompt(label string, submit func(string) tea.Cmd) *prompt {
	in := textinput.New()
	in.Prompt = "> "
	in.SetWidth(50)
	noBlink(&in)
	in.Focus()
	return &prompt{label: label, input: in, submit: submit}
}

func (p *prompt) update(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch msg.String() {
	case "esc", "ctrl+c":
		return nil, true
	case "enter":
		if v := strings.TrimSpace(p.input.Value()); v != "" {
			return p.submit(v), true
		}
		return nil, true
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd, false
}

func (p *prompt) view(st *styles.Styles) string {
	return st.Title.Render(common.Clean(p.label)) + "\n" + p.input.View() + "\n" + st.Dim.Render("enter: save  esc: cancel")
}

// palette is the : command palette: type to filter, Enter to run.
type palette struct {
	input    textinput.Model
	all      []command
	shown    []command
	cursor   int
	subjects bool
}

func newPalette(c *common.Common, cmds []command) *palette {
	in := textinput.New()
	in.Prompt = ": "
	in.Placeholder = "command"
	noBlink(&in)
	in.Focus()
	p := &palette{input: in, all: cmds}
	p.filter()
	return p
}

func (p *palette) setWidth(w int) { p.input.SetWidth(max(10, min(60, w-10))) }

func (p *palette) filter() {
	q := strings.ToLower(strings.TrimSpace(p.input.Value()))
	p.shown = p.shown[:0]
	for _, c := range p.all {
		if q == "" || strings.Contains(strings.ToLower(c.title), q) || strings.Contains(c.id, q) {
			p.shown = append(p.shown, c)
		}
	}
	p.cursor = min(p.cursor, max(0, len(p.shown)-1))
}

// update handles a key; done says the palette closes.
func (p *palette) update(msg tea.KeyPressMsg, k *common.KeyMap) (tea.Cmd, bool) {
	switch msg.String() {
	case "esc", "ctrl+c":
		return nil, true
	case "enter":
		if len(p.shown) == 0 {
			return nil, true
		}
		id := p.shown[p.cursor].id
		return func() tea.Msg { return runMsg{id} }, true
	case "up", "ctrl+p":
		p.cursor = max(0, p.cursor-1)
		return nil, false
	case "down", "ctrl+n":
		p.cursor = min(len(p.shown)-1, p.cursor+1)
		return nil, false
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	p.filter()
	return cmd, false
}

func (p *palette) view(st *styles.Styles) string {
	var b strings.Builder
	b.WriteString(p.input.View())
	for i, c := range p.shown {
		line := c.title
		if c.binding != nil {
			line += "  " + st.Dim.Render(c.binding.Help().Key)
		}
		if i == p.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString("\n" + line)
	}
	if len(p.shown) == 0 {
		b.WriteString("\n" + st.Dim.Render("no command matches"))
	}
	return b.String()
}
