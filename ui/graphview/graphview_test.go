package graphview

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

func TestGraphGoldens(t *testing.T) {
	c := uitest.Common(t)
	for _, key := range []string{"contractor:FL-000115", "ofac:43377"} {
		for _, sz := range uitest.Sizes {
			w, h := sz[0], sz[1]-2
			s := uitest.Start(New(c, key), w, h)
			v := s.View()
			uitest.CheckSize(t, v, w, h)
			name := strings.NewReplacer(":", "_").Replace(key)
			uitest.Golden(t, fmt.Sprintf("graph-%s-%dx%d", name, w, h), v)
		}
	}
}

func start(t *testing.T, key string, w, h int) *Model {
	t.Helper()
	s := uitest.Start(New(uitest.Common(t), key), w, h)
	m := s.(*Model)
	if m.a == nil {
		t.Fatalf("not loaded: %v", m.err)
	}
	return m
}

func press(t *testing.T, m *Model, keys ...string) *Model {
	t.Helper()
	var s common.Screen = m
	for _, k := range keys {
		s = uitest.Key(s, k)
		uitest.CheckSize(t, s.View(), m.width, m.height)
	}
	return s.(*Model)
}

func TestGraphShowsThePlantedProfilesNetwork(t *testing.T) {
	m := start(t, "contractor:FL-000115", 160, 46)
	v := ansi.Strip(m.View())
	for _, want := range []string{
		"2 hops from contractor:FL-000115", "centre", "1 hop · 9", "2 hops · 11",
		"[contractor] Lee Donghyun", "[account] US 322271627 4948543803", "payout_to─→",
		"[contractor] Park Jungho", // the other profile paid into the same account
		"+107 links",               // a hub, summarised
		"links here: 7 uses→, 1 located_at→, 1 payout_to→",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestGraphMarksTheDesignatedEntry(t *testing.T) {
	m := start(t, "ofac:43377", 80, 22)
	v := ansi.Strip(m.View())
	for _, want := range []string{"◆ [person] KIM", "◆ ofac:43377", "DESIGNATED ofac-sdn DPRK4"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestGraphArrowsMoveTheSelection(t *testing.T) {
	m := start(t, "contractor:FL-000115", 160, 46)
	if m.Subject() != "contractor:FL-000115" {
		t.Fatalf("starts on %s, want the centre", m.Subject())
	}
	m = press(t, m, "l")
	if lvl := m.a.level[m.sel]; lvl != 1 {
		t.Fatalf("right went to level %d", lvl)
	}
	if _, linked := m.a.adj["contractor:FL-000115"][m.sel]; !linked {
		t.Errorf("right went to %s, not a neighbour", m.sel)
	}
	col := m.a.cols[1]
	m = press(t, m, "g")
	if m.sel != col[0] {
		t.Errorf("g: %s, want %s", m.sel, col[0])
	}
	m = press(t, m, "j", "down")
	if m.sel != col[2] {
		t.Errorf("j, down: %s, want %s", m.sel, col[2])
	}
	m = press(t, m, "k")
	if m.sel != col[1] {
		t.Errorf("k: %s, want %s", m.sel, col[1])
	}
	m = press(t, m, "G")
	if m.sel != col[len(col)-1] {
		t.Errorf("G: %s, want %s", m.sel, col[len(col)-1])
	}
	m = press(t, m, "h")
	if m.sel != "contractor:FL-000115" {
		t.Errorf("left: %s, want the centre", m.sel)
	}
	m = press(t, m, "h", "k") // nothing further left or above
	if m.sel != "contractor:FL-000115" {
		t.Errorf("moved off the centre: %s", m.sel)
	}
	// Tab goes through every node column by column, and round.
	all := m.a.reading()
	for i := 1; i <= len(all); i++ {
		m = press(t, m, "tab")
		if want := all[i%len(all)]; m.sel != want {
			t.Fatalf("tab %d: %s, want %s", i, m.sel, want)
		}
	}
	m = press(t, m, "shift+tab")
	if m.sel != all[len(all)-1] {
		t.Errorf("shift+tab: %s, want %s", m.sel, all[len(all)-1])
	}
	// The selected node is the subject of the root's keys, and is drawn
	// reversed with its links shown below.
	if m.Subject() != m.sel {
		t.Errorf("subject %s, selection %s", m.Subject(), m.sel)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, m.sel) {
		t.Errorf("the details line does not name %s:\n%s", m.sel, v)
	}
}

func TestGraphEnterOpensTheSelectedNode(t *testing.T) {
	m := start(t, "ofac:43377", 80, 22)
	m = press(t, m, "l", "j")
	sel := m.sel
	_, cmd := m.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != sel {
		t.Errorf("enter: %#v, want OpenMsg{%s}", cmd(), sel)
	}
}

func TestGraphHops(t *testing.T) {
	m := start(t, "contractor:FL-000115", 80, 22)
	m = press(t, m, "l", "+")
	if m.hops != 3 || !strings.Contains(ansi.Strip(m.View()), "3 hops from") || len(m.a.cols) != 4 {
		t.Errorf("+: hops %d, %d levels:\n%s", m.hops, len(m.a.cols), ansi.Strip(m.View()))
	}
	if m.a.level[m.sel] != 1 {
		t.Errorf("the selection was lost on reload: %s", m.sel)
	}
	m = press(t, m, "-", "-")
	if m.hops != 1 || len(m.a.cols) != 2 {
		t.Errorf("- -: hops %d, %d levels", m.hops, len(m.a.cols))
	}
	_, cmd := m.Update(uitest.KeyMsg("-"))
	if _, ok := cmd().(common.StatusMsg); !ok || m.hops != 1 {
		t.Errorf("below one hop: %#v, hops %d", cmd(), m.hops)
	}
}

func TestGraphDropsAnOutdatedAnswer(t *testing.T) {
	m := start(t, "contractor:FL-000115", 80, 22)
	old := m.load()       // seq n
	fresh := m.setHops(1) // seq n+1
	uitest.Run(m, fresh)
	uitest.Run(m, old) // arrives late: ignored
	if m.hops != 1 || len(m.a.cols) != 2 {
		t.Errorf("a late answer replaced the graph: %d levels", len(m.a.cols))
	}
}

func TestGraphRecentres(t *testing.T) {
	m := start(t, "contractor:FL-000115", 80, 22)
	_, cmd := m.Update(uitest.KeyMsg("c"))
	if _, ok := cmd().(common.StatusMsg); !ok {
		t.Errorf("c on the centre: %#v, want a status", cmd())
	}
	m = press(t, m, "+", "l")
	sel := m.sel
	_, cmd = m.Update(uitest.KeyMsg("c"))
	push, ok := cmd().(common.PushMsg)
	if !ok {
		t.Fatalf("c: %#v, want PushMsg", cmd())
	}
	n := uitest.Start(push.Screen, 80, 22).(*Model)
	if n.center != sel || n.hops != 3 || n.a == nil || n.a.cols[0][0] != sel {
		t.Errorf("re-centred on %s with %d hops, want %s with 3", n.center, n.hops, sel)
	}
}

func TestGraphResizeKeepsTheSelectionInView(t *testing.T) {
	m := start(t, "ofac:43377", 160, 46)
	m = press(t, m, "+", "l", "l", "l", "G") // the bottom of the third ring
	if m.a.level[m.sel] != 3 {
		t.Fatalf("at level %d", m.a.level[m.sel])
	}
	for _, sz := range [][2]int{{80, 22}, {40, 10}, {160, 46}, {20, 5}, {80, 22}} {
		m.SetSize(sz[0], sz[1])
		uitest.CheckSize(t, m.View(), sz[0], sz[1])
		if sz[1] < 8 {
			continue
		}
		drawn := false
		for _, b := range m.fr.boxes {
			drawn = drawn || b.key == m.sel
		}
		if !drawn {
			t.Errorf("%dx%d: the selection %s is not drawn:\n%s", sz[0], sz[1], m.sel, ansi.Strip(m.View()))
		}
	}
}

func TestGraphMouse(t *testing.T) {
	m := start(t, "contractor:FL-000115", 160, 46)
	var target box
	for _, b := range m.fr.boxes {
		if m.a.level[b.key] == 2 {
			target = b
			break
		}
	}
	// The body starts below the breadcrumb; the graph below the title line.
	s, _ := m.Update(tea.MouseClickMsg{X: target.x0 + 1, Y: target.y + 2, Button: tea.MouseLeft})
	if s.(*Model).sel != target.key {
		t.Errorf("click selected %s, want %s", m.sel, target.key)
	}
	col := m.a.cols[2]
	i := m.a.index[m.sel]
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if want := col[min(i+3, len(col)-1)]; m.sel != want {
		t.Errorf("wheel: %s, want %s", m.sel, want)
	}
}

func TestGraphUnknownKeyShowsTheError(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t), "email:nobody@example.com"), 80, 22)
	if v := s.View(); !strings.Contains(v, "not found") {
		t.Errorf("view: %s", v)
	}
	uitest.CheckSize(t, s.View(), 80, 22)
	// The keys do nothing without a graph.
	s = uitest.Key(s, "l")
	s = uitest.Key(s, "tab")
	uitest.CheckSize(t, s.View(), 80, 22)
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestGraphCleansHostileRecords(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.DB().Exec(`INSERT INTO nodes(id, kind, key, label, attrs) VALUES
		(1, 'contractor', 'contractor:X1', ?, NULL),
		(2, 'email', 'email:a@b.c', 'a@b.c', NULL),
		(3, 'person', 'ofac:9', ?, '{"designated":true,"list":"ofac\u001b[2J","programs":["SDGT\u0007"]}')`,
		"Mallory \x1b[31mred\x07\nline", "Eve\x1b]0;pwn\x07"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO edges(id, kind, src, dst) VALUES (1, 'uses', 1, 2), (2, 'name_match', 1, 3)`); err != nil {
		t.Fatal(err)
	}
	c := uitest.Common(t)
	c.Store = st
	var s common.Screen = uitest.Start(New(c, "contractor:X1"), 80, 22)
	for _, k := range []string{"", "l", "j", "tab"} {
		if k != "" {
			s = uitest.Key(s, k)
		}
		v := s.View()
		uitest.CheckSize(t, v, 80, 22)
		if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07") {
			t.Errorf("control characters reached the terminal: %q", rest)
		}
		if strings.Contains(v, "\x1b[31mred") || strings.Contains(v, "\x1b[2J") {
			t.Errorf("a record's escape sequence reached the terminal: %q", v)
		}
		if p := ansi.Strip(v); !strings.Contains(p, "Mallory") || !strings.Contains(p, "◆ [person] Eve") {
			t.Errorf("labels lost:\n%s", p)
		}
	}
}
