package app

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// fake is a screen about one key that records what it saw.
type fake struct {
	title, subject string
	w, h           int
	capturing      bool
	typed          string
}

func (f *fake) Init() tea.Cmd { return nil }
func (f *fake) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		f.typed += k.Text
	}
	return f, nil
}
func (f *fake) View() string              { return "screen " + f.title }
func (f *fake) SetSize(w, h int)          { f.w, f.h = w, h }
func (f *fake) Title() string             { return f.title }
func (f *fake) ShortHelp() []key.Binding  { return nil }
func (f *fake) FullHelp() [][]key.Binding { return nil }
func (f *fake) Subject() string           { return f.subject }

// typing is a fake that takes text (a Capturer), like the search screen.
type typing struct{ fake }

func (f *typing) Capturing() bool { return f.capturing }
func (f *typing) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	f.fake.Update(msg)
	return f, nil
}

func newModel(t *testing.T) (*Model, map[string]int) {
	c := uitest.Common(t)
	opened := map[string]int{}
	s := Screens{
		Dashboard: func(*common.Common) common.Screen { return &fake{title: "Dashboard"} },
		Entity: func(_ *common.Common, k string) common.Screen {
			opened[k]++
			return &fake{title: k, subject: k}
		},
		Search:   func(*common.Common) common.Screen { return &typing{fake{title: "Search", capturing: true}} },
		Risk:     func(*common.Common) common.Screen { return &fake{title: "Risk"} },
		Clusters: func(*common.Common) common.Screen { return &fake{title: "Clusters"} },
		Paths: func(_ *common.Common, k, marked string) common.Screen {
			return &fake{title: "paths " + k + " " + marked, subject: k}
		},
		Graph:    func(_ *common.Common, k string) common.Screen { return &fake{title: "graph " + k, subject: k} },
		Payments: func(_ *common.Common, k string) common.Screen { return &fake{title: "payments " + k, subject: k} },
		Export:   func(_ *common.Common, k string) common.Screen { return &fake{title: "export " + k, subject: k} },
		Import:   func(*common.Common) common.Screen { return &fake{title: "Import"} },
	}
	m := New(c, s, nil)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m, opened
}

func send(m *Model, msgs ...tea.Msg) {
	for _, msg := range msgs {
		_, cmd := m.Update(msg)
		for cmd != nil {
			next := cmd()
			cmd = nil
			if next != nil {
				_, cmd = m.Update(next)
			}
		}
	}
}

func TestHistoryBackAndForward(t *testing.T) {
	m, opened := newModel(t)
	send(m, common.OpenMsg{Key: "contractor:A"}, common.OpenMsg{Key: "email:x"})
	if m.current().Title() != "email:x" || opened["contractor:A"] != 1 {
		t.Fatalf("current %q", m.current().Title())
	}
	if f := m.current().(*fake); f.w != 80 || f.h != 22 {
		t.Errorf("pushed screen sized %dx%d, want 80x22", f.w, f.h)
	}
	send(m, uitest.KeyMsg("backspace"))
	if m.current().Title() != "contractor:A" {
		t.Errorf("back to %q", m.current().Title())
	}
	send(m, uitest.KeyMsg("alt+right"))
	if m.current().Title() != "email:x" {
		t.Errorf("forward to %q", m.current().Title())
	}
	send(m, uitest.KeyMsg("alt+left"), common.OpenMsg{Key: "phone:1"})
	if len(m.history) != 3 || m.current().Title() != "phone:1" {
		t.Errorf("opening after back drops the forward history: %d screens, at %q", len(m.history), m.current().Title())
	}
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, "Dashboard") || !strings.Contains(v, "contractor:A") || !strings.Contains(v, "phone:1") {
		t.Errorf("breadcrumb missing:\n%s", v)
	}
}

func TestGlobalKeysActOnTheSubjectAndMarks(t *testing.T) {
	m, _ := newModel(t)
	send(m, uitest.KeyMsg("p"))
	if !m.isErr || m.current().Title() != "Dashboard" {
		t.Fatalf("p without a subject: status %q, screen %q", m.status, m.current().Title())
	}
	send(m, common.OpenMsg{Key: "contractor:A"}, uitest.KeyMsg("m"), common.OpenMsg{Key: "ofac:1"}, uitest.KeyMsg("p"))
	if got := m.current().Title(); got != "paths ofac:1 contractor:A" {
		t.Errorf("p with a mark opened %q", got)
	}
	for k, want := range map[string]string{"v": "graph ofac:1", "$": "payments ofac:1", "x": "export ofac:1"} {
		send(m, uitest.KeyMsg(k))
		if got := m.current().Title(); got != want {
			t.Errorf("%s opened %q, want %q", k, got, want)
		}
	}
}

func TestCapturingScreensGetTypedText(t *testing.T) {
	m, _ := newModel(t)
	send(m, uitest.KeyMsg("/"))
	send(m, uitest.KeyMsg("q"), uitest.KeyMsg("p"), uitest.KeyMsg("?"))
	f, ok := m.current().(*typing)
	if !ok || f.title != "Search" || f.typed != "qp?" {
		t.Fatalf("search screen %q: %#v", m.current().Title(), m.current())
	}
	if m.help {
		t.Error("? opened the help while typing")
	}
}

func TestPaletteRunsACommand(t *testing.T) {
	m, _ := newModel(t)
	send(m, uitest.KeyMsg(":"))
	if m.palette == nil {
		t.Fatal("no palette")
	}
	for _, r := range "clus" {
		send(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if v := ansi.Strip(m.View().Content); !strings.Contains(v, "Clusters") {
		t.Errorf("palette view:\n%s", v)
	}
	send(m, uitest.KeyMsg("enter"))
	if m.palette != nil || m.current().Title() != "Clusters" {
		t.Errorf("enter ran %q", m.current().Title())
	}
}

func TestHelpListsEveryKeyOnceAndFits(t *testing.T) {
	m, _ := newModel(t)
	send(m, uitest.KeyMsg("?"))
	v := ansi.Strip(m.View().Content)
	uitest.CheckSize(t, v, 80, 24)
	for _, want := range []string{"search", "risk ranking", "quit", "back"} {
		if !strings.Contains(v, want) {
			t.Errorf("help lacks %q:\n%s", want, v)
		}
	}
	if strings.Count(v, "next pane") != 1 {
		t.Errorf("a key listed twice:\n%s", v)
	}
	send(m, uitest.KeyMsg("space"))
	if m.help {
		t.Error("a key did not close the help")
	}
}

func TestResizeReachesEveryScreen(t *testing.T) {
	m, _ := newModel(t)
	send(m, common.OpenMsg{Key: "a:1"}, tea.WindowSizeMsg{Width: 160, Height: 48})
	for _, s := range m.history {
		if f := s.(*fake); f.w != 160 || f.h != 46 {
			t.Errorf("%s sized %dx%d", f.title, f.w, f.h)
		}
	}
	uitest.CheckSize(t, m.View().Content, 160, 48)
}
