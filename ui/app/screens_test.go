package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/cases"

	"github.com/casegraph/casegraph/ui"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// drive runs cmd and everything it leads to, synchronously.
func drive(m tea.Model, cmd tea.Cmd) tea.Model { return uitest.Drive(m, cmd) }

func key(k string) tea.Cmd { return func() tea.Msg { return uitest.KeyMsg(k) } }

// TestEveryScreenInTheWorkbenchGolden snapshots each screen as the terminal
// shows it — breadcrumb, body and status line — at 80×24 and 160×48.
func TestEveryScreenInTheWorkbenchGolden(t *testing.T) {
	c := uitest.Common(t)
	steps := []struct {
		name string
		cmds []tea.Cmd
	}{
		{"dashboard", nil},
		{"entity", []tea.Cmd{common.Open("contractor:FL-000115")}},
		{"paths", []tea.Cmd{common.Open("contractor:FL-000115"), key("p")}},
		{"graph", []tea.Cmd{common.Open("contractor:FL-000115"), key("v")}},
		{"payments", []tea.Cmd{common.Open("contractor:FL-000115"), key("$")}},
		{"export", []tea.Cmd{common.Open("contractor:FL-000115"), key("x")}},
		{"risk", []tea.Cmd{key("R")}},
		{"clusters", []tea.Cmd{key("C")}},
		{"search", []tea.Cmd{key("/"), key("k"), key("i"), key("m")}},
		{"import", []tea.Cmd{key("I")}},
		{"help", []tea.Cmd{common.Open("contractor:FL-000115"), key("?")}},
		{"palette", []tea.Cmd{key(":")}},
	}
	for _, sz := range uitest.Sizes {
		for _, st := range steps {
			var m tea.Model = ui.NewModel(c, "")
			m, _ = m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			m = drive(m, m.Init())
			for _, cmd := range st.cmds {
				m = drive(m, cmd)
			}
			v := m.View().Content
			uitest.CheckSize(t, v, sz[0], sz[1])
			uitest.Golden(t, fmt.Sprintf("workbench-%s-%dx%d", st.name, sz[0], sz[1]), v)
		}
	}
}

func TestPinTagAndNoteFromTheWorkbench(t *testing.T) {
	c := uitest.Common(t)
	ctx := context.Background()
	name := fmt.Sprintf("flow %d", time.Now().UnixNano())
	if _, err := cases.New(ctx, c.Store, name); err != nil {
		t.Fatal(err)
	}
	var m tea.Model = ui.NewModel(c, "")
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m = drive(m, m.Init())
	m = drive(m, key("P")) // no active case yet: an error, nothing pinned
	m = drive(m, func() tea.Msg { return common.ActiveCaseMsg{Name: name} })
	m = drive(m, common.Open("contractor:FL-000279"))
	m = drive(m, key("P"))
	m = drive(m, key("T"))
	for _, r := range "confirmed" {
		m = drive(m, func() tea.Msg { return tea.KeyPressMsg{Code: r, Text: string(r)} })
	}
	m = drive(m, key("enter"))
	m = drive(m, key("N"))
	for _, r := range "photo reused" {
		m = drive(m, func() tea.Msg { return tea.KeyPressMsg{Code: r, Text: string(r)} })
	}
	m = drive(m, key("enter"))
	d, err := cases.Show(ctx, c.Store, name)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pins) != 1 || d.Pins[0].Node.Key != "contractor:FL-000279" || strings.Join(d.Pins[0].Tags, ",") != "confirmed" ||
		len(d.Notes) != 1 || d.Notes[0].Text != "photo reused" || d.Notes[0].Node != "contractor:FL-000279" {
		t.Errorf("case after P, T, N: pins %+v notes %+v", d.Pins, d.Notes)
	}
	m = drive(m, key("K"))
	v := ansi.Strip(m.View().Content)
	if !strings.Contains(v, name) || !strings.Contains(v, "contractor:FL-000279") || !strings.Contains(v, "case-note") {
		t.Errorf("cases screen:\n%s", v)
	}
	uitest.CheckSize(t, m.View().Content, 80, 24)
}
