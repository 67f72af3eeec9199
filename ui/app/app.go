// Package app is the workbench's root model: it owns the layout (breadcrumb,
// the current screen, the status line), the history of screens with back and
// forward, the global keys, the help overlay and the command palette, and
// routes every message to the current screen.
package app

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/casegraph/casegraph/ui/common"
)

// Screens builds the workbench's screens; the root asks for them by name.
// (Kept as functions so the root does not import every screen package, and
// tests can swap them.)
type Screens struct {
	Dashboard func(*common.Common) common.Screen
	Search    func(*common.Common) common.Screen
	Entity    func(c *common.Common, key string) common.Screen
	Risk      func(*common.Common) common.Screen
	Clusters  func(*common.Common) common.Screen
	Paths     func(c *common.Common, key string, marked string) common.Screen
	Graph     func(c *common.Common, key string) common.Screen
	Payments  func(c *common.Common, key string) common.Screen
	Export    func(c *common.Common, key string) common.Screen
	Import    func(*common.Common) common.Screen
	Cases     func(c *common.Common, active string) common.Screen
}

// Subject is implemented by screens about one node (an entity, its graph, its
// payments): the global keys for paths, graph, payments and export act on it.
type Subject interface{ Subject() string }

// Capturer is implemented by screens that take typed text (search, dialogs):
// while Capturing, printable keys go to the screen, not to the global keys.
type Capturer interface{ Capturing() bool }

// Model is the root model.
type Model struct {
	c       *common.Common
	screens Screens
	history []common.Screen
	pos     int
	width   int
	height  int
	status  string
	isErr   bool
	help    bool
	palette *palette
	marked  string // a node marked with m, for paths between two nodes
	pending string // a node to open at start
	active  string // the active case: P, T and N act on it
	prompt  *prompt
}

// New returns the root model opening on first (the dashboard when nil).
func New(c *common.Common, s Screens, first common.Screen) *Model {
	if first == nil {
		first = s.Dashboard(c)
	}
	return &Model{c: c, screens: s, history: []common.Screen{first}}
}

func (m *Model) current() common.Screen { return m.history[m.pos] }

// Open queues the entity screen of key after the first screen (casegraph
// --open KEY); it opens when the program starts.
func (m *Model) Open(key string) { m.pending = key }

// Init starts the first screen (and opens the pending node).
func (m *Model) Init() tea.Cmd {
	cmd := m.current().Init()
	if m.pending != "" {
		return tea.Batch(cmd, common.Open(m.pending))
	}
	return cmd
}

// bodySize is the space between the breadcrumb and the status line.
func (m *Model) bodySize() (int, int) { return m.width, max(1, m.height-2) }

// push opens a screen after the current one, dropping any forward history.
func (m *Model) push(s common.Screen) tea.Cmd {
	m.history = append(m.history[:m.pos+1], s)
	m.pos = len(m.history) - 1
	if m.height > 0 {
		// Before the first WindowSizeMsg there is no size to give (a screen
		// sized 0×1 would scroll its list to keep a one-line view).
		s.SetSize(m.bodySize())
	}
	return s.Init()
}

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		w, h := m.bodySize()
		for _, s := range m.history {
			s.SetSize(w, h)
		}
		if m.palette != nil {
			m.palette.setWidth(w)
		}
		return m, nil
	case common.OpenMsg:
		return m, m.push(m.screens.Entity(m.c, msg.Key))
	case common.PushMsg:
		return m, m.push(msg.Screen)
	case common.StatusMsg:
		m.status, m.isErr = string(msg), false
		return m, nil
	case common.ActiveCaseMsg:
		m.active = msg.Name
		m.status, m.isErr = "active case: "+common.Clean(msg.Name)+" (P pins, T tags, N notes)", false
		return m, nil
	case common.ErrMsg:
		m.status, m.isErr = msg.Err.Error(), true
		m.c.Log.Printf("error: %v", msg.Err)
		return m, nil
	case runMsg:
		return m, m.run(msg.id)
	case tea.KeyPressMsg:
		if m.prompt != nil {
			cmd, done := m.prompt.update(msg)
			if done {
				m.prompt = nil
			}
			return m, cmd
		}
		if m.palette != nil {
			cmd, done := m.palette.update(msg, m.c.Keys)
			if done {
				m.palette = nil
			}
			return m, cmd
		}
		if m.help {
			m.help = false // any key closes the help
			return m, nil
		}
		if cmd, ok := m.globalKey(msg); ok {
			return m, cmd
		}
	}
	s, cmd := m.current().Update(msg)
	m.history[m.pos] = s
	return m, cmd
}

// globalKey handles the keys that work on every screen; ok is false when the
// key is the screen's.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys
	if msg.String() == "ctrl+c" {
		return tea.Quit, true
	}
	if cap, ok := m.current().(Capturer); ok && cap.Capturing() {
		// Typed text belongs to the screen; only navigation keys stay global.
		if key.Matches(msg, k.Back) && msg.String() != "backspace" {
			return m.back(), true
		}
		return nil, false
	}
	if _, ok := m.current().(Capturer); ok && key.Matches(msg, k.Search) {
		return nil, false // a screen that takes text uses / to go back to its input
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit, true
	case key.Matches(msg, k.Help):
		m.help = true
		return nil, true
	case key.Matches(msg, k.Palette):
		m.palette = newPalette(m.c, m.commands())
		m.palette.setWidth(m.width)
		return nil, true
	case key.Matches(msg, k.Back):
		return m.back(), true
	case key.Matches(msg, k.Forward):
		if m.pos < len(m.history)-1 {
			m.pos++
			m.current().SetSize(m.bodySize())
		}
		return nil, true
	}
	for _, c := range m.commands() {
		if c.binding != nil && key.Matches(msg, *c.binding) {
			return m.run(c.id), true
		}
	}
	return nil, false
}

func (m *Model) back() tea.Cmd {
	if m.pos > 0 {
		m.pos--
		m.current().SetSize(m.bodySize())
	}
	return nil
}

// subject is the node the current screen is about, if any.
func (m *Model) subject() string {
	if s, ok := m.current().(Subject); ok {
		return s.Subject()
	}
	return ""
}

// View draws the breadcrumb, the current screen and the status line.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "casegraph"
	if m.width == 0 || m.height == 0 {
		v.SetContent("")
		return v
	}
	w, h := m.bodySize()
	body := common.Lines(m.current().View(), w, h)
	switch {
	case m.prompt != nil:
		body = overlay(body, m.prompt.view(m.c.Styles), w, h)
	case m.palette != nil:
		body = overlay(body, m.palette.view(m.c.Styles), w, h)
	case m.help:
		body = overlay(body, m.helpView(), w, h)
	}
	v.SetContent(m.crumbs() + "\n" + body + "\n" + m.statusLine())
	return v
}

// crumbs is the breadcrumb trail: the screens before the current one, then
// the current one in bold, cut from the left when too long.
func (m *Model) crumbs() string {
	st := m.c.Styles
	var parts []string
	for i := max(0, m.pos-4); i <= m.pos; i++ {
		t := common.Clean(m.history[i].Title())
		if i == m.pos {
			parts = append(parts, st.Header.Render(t))
		} else {
			parts = append(parts, st.Crumb.Render(t))
		}
	}
	line := strings.Join(parts, st.CrumbSep.Render(" › "))
	if m.pos > 4 {
		line = "… › " + line
	}
	if fwd := len(m.history) - 1 - m.pos; fwd > 0 {
		line += st.Dim.Render(fmt.Sprintf("  (%d forward)", fwd))
	}
	if m.marked != "" {
		line += st.Dim.Render("  marked: ") + st.Key.Render(common.Clean(m.marked))
	}
	if m.active != "" {
		line += st.Dim.Render("  case: ") + st.Risk.Render(common.Clean(m.active))
	}
	return common.Pad(line, m.width)
}

// statusLine shows the last status or error, then the current keys.
func (m *Model) statusLine() string {
	st := m.c.Styles
	k := m.c.Keys
	var keys []key.Binding
	keys = append(keys, m.current().ShortHelp()...)
	keys = append(keys, k.Back, k.Search, k.Help, k.Palette, k.Quit)
	var hs []string
	for _, b := range keys {
		if b.Enabled() {
			hs = append(hs, st.HelpKey.Render(b.Help().Key)+" "+st.HelpDesc.Render(b.Help().Desc))
		}
	}
	help := strings.Join(hs, "  ")
	if m.status != "" {
		s := common.Fit(m.status, max(10, m.width/2))
		if m.isErr {
			s = st.Error.Render(s)
		}
		help = s + "  " + help
	}
	return common.Pad(help, m.width)
}

// helpView lists every key once: the screen's, then the global ones, in two
// columns when one would not fit.
func (m *Model) helpView() string {
	st := m.c.Styles
	k := m.c.Keys
	groups := append([][]key.Binding{}, m.current().FullHelp()...)
	groups = append(groups, k.Nav(),
		[]key.Binding{k.Enter, k.Back, k.Forward, k.Tab, k.Mark},
		[]key.Binding{k.Search, k.Dashboard, k.Risk, k.Clusters, k.Paths, k.Graph, k.Payments, k.Export, k.Import},
		[]key.Binding{k.Cases, k.Pin, k.Tag, k.Note},
		[]key.Binding{k.Help, k.Palette, k.Quit})
	seen := map[string]bool{}
	var lines []string
	for _, g := range groups {
		for _, bd := range g {
			h := bd.Help()
			if !bd.Enabled() || seen[h.Key] {
				continue
			}
			seen[h.Key] = true
			lines = append(lines, fmt.Sprintf("%-11s %s", h.Key, h.Desc))
		}
	}
	_, bodyH := m.bodySize()
	rows := len(lines)
	if rows > bodyH-4 {
		rows = (len(lines) + 1) / 2
	}
	var b strings.Builder
	b.WriteString(st.Title.Render("Keys") + "\n")
	for r := 0; r < rows; r++ {
		line := fmt.Sprintf("%-34s", lines[r])
		if r+rows < len(lines) {
			line += lines[r+rows]
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	b.WriteString(st.Dim.Render("any key closes this"))
	return b.String()
}

// overlay draws box centred over body.
func overlay(body, box string, w, h int) string {
	box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1).MaxWidth(w).Render(box)
	lines := strings.Split(body, "\n")
	bl := strings.Split(box, "\n")
	if len(bl) > h {
		bl = bl[:h]
	}
	top := max(0, (h-len(bl))/2)
	bw := lipgloss.Width(box)
	left := max(0, (w-bw)/2)
	for i, l := range bl {
		y := top + i
		if y >= len(lines) {
			break
		}
		lines[y] = common.Pad(strings.Repeat(" ", left)+l, w)
	}
	return strings.Join(lines, "\n")
}
