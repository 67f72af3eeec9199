package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// typeQuery types text into the screen and runs the last keystroke's
// commands (the earlier searches are superseded, as when typing fast).
func typeQuery(s common.Screen, text string) common.Screen {
	var cmd tea.Cmd
	for _, r := range text {
		s, cmd = s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return uitest.Run(s, cmd)
}

// search opens the screen at w×h and searches q.
func search(t testing.TB, c *common.Common, q string, w, h int) *Model {
	t.Helper()
	s := typeQuery(uitest.Start(New(c), w, h), q)
	uitest.CheckSize(t, s.View(), w, h)
	return s.(*Model)
}

// keys lists the keys of the results, in order.
func (m *Model) keys() []string {
	var out []string
	for _, r := range m.rows {
		if r.it >= 0 {
			out = append(out, m.item(r).node.Key)
		}
	}
	return out
}

func TestSearchGoldens(t *testing.T) {
	c := uitest.Common(t)
	for _, q := range []string{"", "kim", "silverstar"} {
		for _, sz := range uitest.Sizes {
			w, h := sz[0], sz[1]-2
			m := search(t, c, q, w, h)
			name := q
			if name == "" {
				name = "empty"
			}
			uitest.Golden(t, fmt.Sprintf("search-%s-%dx%d", name, w, h), m.View())
		}
	}
}

func TestSearchKimFindsTheContractorAndTheDesignatedEntry(t *testing.T) {
	c := uitest.Common(t)
	m := search(t, c, "kim", 160, 46)
	keys := strings.Join(m.keys(), " ")
	for _, want := range []string{"contractor:FL-000081", "ofac:43377"} {
		if !strings.Contains(keys, want) {
			t.Errorf("results for kim lack %s: %s", want, keys)
		}
	}
	// Grouped by kind, contractors first, the designated entries marked.
	if g := m.res.groups[0]; g.kind != store.KindContractor {
		t.Errorf("first group is %s, want contractor", g.kind)
	}
	var person *group
	for i := range m.res.groups {
		if m.res.groups[i].kind == store.KindPerson {
			person = &m.res.groups[i]
		}
	}
	if person == nil || person.designated == 0 || person.designated != len(person.items) {
		t.Fatalf("person group: %+v", person)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "◆ ofac:17624  KIM, Kyu") || !strings.Contains(v, "Sang-man KIM") {
		t.Errorf("view:\n%s", v)
	}
	// No listed name is a result of its own: each leads to its entry.
	for _, k := range m.keys() {
		if strings.HasPrefix(k, "name:") {
			t.Errorf("name node %s listed instead of its entry", k)
		}
	}
}

func TestSearchFindsAnEntryByAliasOnly(t *testing.T) {
	c := uitest.Common(t)
	m := search(t, c, "sangman", 80, 22)
	it, ok := m.selected()
	if !ok || it.node.Key != "ofac:43377" || it.alias != "KIM, Sangman" {
		t.Fatalf("selected %+v, want ofac:43377 found as KIM, Sangman", it)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "aka KIM, Sangman") || !strings.Contains(v, "DESIGNATED ofac-sdn 43377") {
		t.Errorf("view:\n%s", v)
	}
}

func TestSearchEnterOpensTheSelection(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = search(t, c, "kim", 80, 22)
	// While typing, the arrows move through the results.
	s = uitest.Key(s, "down")
	s = uitest.Key(s, "down")
	it, _ := s.(*Model).selected()
	if it.node.Key != "contractor:FL-000181" {
		t.Fatalf("after two downs: %s", it.node.Key)
	}
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != "contractor:FL-000181" {
		t.Errorf("enter: %#v", cmd())
	}
	// In the results, j/k move and Enter opens too.
	s = uitest.Key(s, "esc")
	s = uitest.Key(s, "k")
	_, cmd = s.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != "contractor:FL-000117" {
		t.Errorf("enter in the results: %#v", cmd())
	}
	// Enter with no result opens nothing.
	s = search(t, c, "zzzzqqq", 80, 22)
	if _, cmd := s.Update(uitest.KeyMsg("enter")); cmd != nil {
		t.Errorf("enter on no result: %#v", cmd())
	}
	if v := s.View(); !strings.Contains(v, `No node matches "zzzzqqq"`) {
		t.Errorf("view:\n%s", v)
	}
}

func TestSearchDropsStaleResults(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = uitest.Start(New(c), 80, 22)
	s, older := s.Update(uitest.KeyMsg("k")) // search "k"
	m := s.(*Model)
	s = typeQuery(s, "im") // then "ki", "kim": shown
	want := strings.Join(m.keys(), " ")
	// The search for "k" answers last: it was cancelled, and whatever it
	// says (an error, or results) is dropped.
	s = uitest.Run(s, older)
	if m.err != nil || strings.Join(m.keys(), " ") != want {
		t.Errorf("the stale search changed the screen: err %v", m.err)
	}
	// Results of an older sequence, delivered after the newer ones, are ignored.
	stale := groupHits("silverstar", []store.Hit{{Node: store.Node{ID: 1, Kind: "email", Key: "email:x@y.z", Label: "x@y.z"}}}, nil, nil, false)
	s, cmd := s.Update(resultsMsg{seq: m.seq - 1, r: stale})
	if cmd != nil || strings.Join(m.keys(), " ") != want {
		t.Errorf("stale results shown: %v", m.keys())
	}
	s.Update(resultsMsg{seq: m.seq - 2, err: context.Canceled})
	if m.err != nil || strings.Contains(s.View(), "failed") {
		t.Errorf("a stale error is shown: %v", m.err)
	}
	if !strings.Contains(s.View(), "contractor:FL-000081") {
		t.Errorf("view lost the kim results:\n%s", s.View())
	}
}

func TestSearchFocus(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = search(t, c, "kim", 160, 46)
	m := s.(*Model)
	if !m.Capturing() {
		t.Fatal("the input must have the focus first")
	}
	s = uitest.Key(s, "esc")
	if m.Capturing() {
		t.Fatal("esc must leave the input")
	}
	before := m.list.Cursor
	s = uitest.Key(s, "j")
	if m.list.Cursor != before+1 || m.input.Value() != "kim" {
		t.Errorf("j in the results: cursor %d→%d, query %q", before, m.list.Cursor, m.input.Value())
	}
	s = uitest.Key(s, "G")
	if m.list.Cursor != m.list.Len-1 {
		t.Errorf("G: cursor %d of %d", m.list.Cursor, m.list.Len)
	}
	s = uitest.Key(s, "/")
	if !m.Capturing() {
		t.Fatal("/ must focus the input")
	}
	s = uitest.Key(s, "tab")
	if m.Capturing() {
		t.Fatal("tab must toggle to the results")
	}
	s = uitest.Key(s, "tab")
	if !m.Capturing() {
		t.Fatal("tab must toggle back to the input")
	}
	// Typed j and backspace edit the query.
	s = typeQuery(s, " j")
	if m.input.Value() != "kim j" || m.searched != "kim j" {
		t.Errorf("query %q, searched %q", m.input.Value(), m.searched)
	}
	s = uitest.Key(s, "backspace")
	s = uitest.Key(s, "backspace")
	if m.searched != "kim" || len(m.keys()) == 0 {
		t.Errorf("after backspaces: searched %q, %d results", m.searched, len(m.keys()))
	}
	// Clearing the query clears the results and shows the hint.
	s = uitest.Key(s, "ctrl+u")
	if m.res != nil || !strings.Contains(s.View(), "Type to search") {
		t.Errorf("cleared query: %v\n%s", m.res, s.View())
	}
	if s.Title() != "Search" {
		t.Errorf("title %q", s.Title())
	}
}

func TestSearchResizeKeepsTheCursorVisible(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = search(t, c, "kim", 160, 46)
	m := s.(*Model)
	s = uitest.Key(s, "esc")
	for range 40 {
		s, _ = s.Update(uitest.KeyMsg("j"))
	}
	sel, _ := m.selected()
	for _, sz := range [][2]int{{20, 3}, {1, 1}, {0, 0}} { // absurd sizes: no panic, nothing outside the box
		s.SetSize(sz[0], sz[1])
		uitest.CheckSize(t, s.View(), max(1, sz[0]), max(1, sz[1]))
	}
	for _, sz := range [][2]int{{80, 22}, {100, 12}, {60, 8}, {160, 46}} {
		s.SetSize(sz[0], sz[1])
		v := s.View()
		uitest.CheckSize(t, v, sz[0], sz[1])
		if m.list.Cursor < m.list.Offset || m.list.Cursor >= m.list.Offset+m.list.Height {
			t.Errorf("%v: cursor %d outside rows %d..%d", sz, m.list.Cursor, m.list.Offset, m.list.Offset+m.list.Height)
		}
		if now, _ := m.selected(); now.node.Key != sel.node.Key {
			t.Errorf("%v: selection moved to %s", sz, now.node.Key)
		}
		if !strings.Contains(ansi.Strip(v), "▸◆ "+sel.node.Key) {
			t.Errorf("%v: the selected row is not drawn:\n%s", sz, ansi.Strip(v))
		}
	}
}

func TestSearchPreviewFollowsTheSettledSelection(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = search(t, c, "kim", 160, 46)
	m := s.(*Model)
	if !strings.Contains(ansi.Strip(s.View()), "Links 9") {
		t.Errorf("the first result's preview is not loaded:\n%s", s.View())
	}
	// A move asks for the preview after a pause; a newer move makes the
	// older pause fire for nothing.
	s, first := s.Update(uitest.KeyMsg("down"))
	s, second := s.Update(uitest.KeyMsg("down"))
	if first == nil || second == nil {
		t.Fatal("moves must schedule a preview")
	}
	if msg := first(); msg != nil {
		if _, cmd := s.Update(msg); cmd != nil {
			t.Error("a superseded preview pause still reads the database")
		}
	}
	if !strings.Contains(s.View(), "reading links…") {
		t.Errorf("preview before it settles:\n%s", s.View())
	}
	s = uitest.Run(s, second)
	it, _ := m.selected()
	if m.previews[it.node.ID] == nil || !strings.Contains(ansi.Strip(s.View()), "Links 10") {
		t.Errorf("the settled selection has no preview:\n%s", s.View())
	}
	// Contractor FL-000081 is risky: the preview says why.
	m = search(t, c, "FL-000081", 80, 22)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "risk 0.81") {
		t.Errorf("preview of FL-000081:\n%s", v)
	}
}

func TestSearchMouse(t *testing.T) {
	c := uitest.Common(t)
	var s common.Screen = search(t, c, "kim", 160, 46)
	m := s.(*Model)
	// Terminal row 1 is the body's first line (the input), row 2 the titles,
	// row 3 the first results row (a heading), row 5 the second contractor.
	s, _ = s.Update(tea.MouseClickMsg{X: 10, Y: 5, Button: tea.MouseLeft})
	if it, _ := m.selected(); it.node.Key != "contractor:FL-000117" {
		t.Errorf("click selected %s", it.node.Key)
	}
	s, _ = s.Update(tea.MouseClickMsg{X: 120, Y: 8, Button: tea.MouseLeft}) // the preview
	if it, _ := m.selected(); it.node.Key != "contractor:FL-000117" {
		t.Errorf("a click in the preview moved the selection to %s", it.node.Key)
	}
	s, _ = s.Update(tea.MouseWheelMsg{X: 10, Y: 10, Button: tea.MouseWheelDown})
	if it, _ := m.selected(); it.node.Key != "contractor:FL-000062" {
		t.Errorf("wheel selected %s", it.node.Key)
	}
	m.setTyping(false)
	s.Update(tea.MouseClickMsg{X: 3, Y: 1, Button: tea.MouseLeft})
	if !m.Capturing() {
		t.Error("a click on the input must focus it")
	}
}

func TestSearchShowsErrors(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every query now fails
	c := uitest.Common(t)
	c.Store = st
	var s common.Screen = uitest.Start(New(c), 80, 22)
	s, cmd := s.Update(uitest.KeyMsg("a"))
	s, cmd = s.Update(cmd())
	if _, ok := cmd().(common.ErrMsg); !ok {
		t.Errorf("the error is not reported to the root: %#v", cmd())
	}
	v := s.View()
	uitest.CheckSize(t, v, 80, 22)
	if !strings.Contains(v, "search failed") || !strings.Contains(v, "closed") {
		t.Errorf("the error is not shown:\n%s", v)
	}
}

func TestSearchCleansHostileLabels(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evil := "Mallory \x1b[31mred\x07\nline \x1b]0;pwn\x07"
	db := st.DB()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO nodes(id, kind, key, label, attrs) VALUES (1, 'contractor', ?, ?, ?)`,
			[]any{"contractor:X\x1b[2J1", evil, `{"name":"evil\u001b]0;pwn\u0007","country":"\u001b[5mUS"}`}},
		{`INSERT INTO nodes(id, kind, key, label, attrs) VALUES (2, 'person', 'ofac:1', ?, ?)`,
			[]any{"Mallory\x1b[H entry", `{"designated":true,"list":"ofac\u0007","programs":["X\u001b[31m"],"remarks":"bad\u001b[2Jremark"}`}},
		{`INSERT INTO nodes(id, kind, key, label) VALUES (3, 'email', 'email:m@x.y', 'm@x.y')`, nil},
		{`INSERT INTO edges(id, kind, src, dst) VALUES (1, 'uses', 1, 3)`, nil},
		{`INSERT INTO nodes_fts(rowid, label, value) VALUES (1, ?, ''), (2, ?, '')`, []any{evil, "Mallory entry"}},
	} {
		if _, err := db.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	c := uitest.Common(t)
	c.Store = st
	for _, sz := range uitest.Sizes {
		m := search(t, c, "mallory", sz[0], sz[1]-2)
		for range 2 {
			v := m.View()
			plain := ansi.Strip(v)
			if strings.ContainsAny(plain, "\x1b\x07") || strings.Contains(v, "\x1b]0") || strings.Contains(v, "\x1b[31mred") ||
				strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x1b[H") {
				t.Errorf("control characters reached the terminal: %q", v)
			}
			if !strings.Contains(plain, "Mallory") || !strings.Contains(plain, "entry") {
				t.Errorf("labels lost:\n%s", plain)
			}
			uitest.Key(m, "down") // the other one, and its preview
		}
	}
	// A pasted query is cleaned by the input.
	m := search(t, c, "", 80, 22)
	m.Update(tea.PasteMsg{Content: "\x1b[31mred\x07\x1b]0;pwn\x07"})
	if v := m.View(); strings.Contains(v, "\x1b[31mred") || strings.Contains(v, "\x07") || strings.Contains(v, "\x1b]0") {
		t.Errorf("a pasted escape sequence reached the terminal: %q", v)
	}
}

func TestGroupHitsFoldsListedNamesIntoTheirEntries(t *testing.T) {
	node := func(id int64, kind, key, label string, attrs map[string]any) store.Node {
		return store.Node{ID: id, Kind: kind, Key: key, Label: label, Attrs: attrs}
	}
	des := map[string]any{"designated": true}
	hits := []store.Hit{
		{Node: node(10, store.KindName, "name:kim, a", "KIM, A", nil)}, // names entry 20, also a hit
		{Node: node(11, store.KindName, "name:b kim", "B KIM", nil)},   // names entry 21, not a hit
		{Node: node(12, store.KindName, "name:orphan kim", "ORPHAN KIM", nil)},
		{Node: node(30, store.KindEmail, "email:kim@x.y", "kim@x.y", nil)},
		{Node: node(20, store.KindPerson, "ofac:20", "KIM, A", des)},
		{Node: node(40, store.KindContractor, "contractor:C1", "A Kim", nil)},
		{Node: node(50, "gadget", "gadget:kim", "kim gadget", nil)},
	}
	entries := map[int64][]store.ListName{
		10: {{NameID: 10, Name: "KIM, A", Entry: store.NodeRef{ID: 20, Kind: store.KindPerson, Key: "ofac:20", Label: "KIM, A"}, RawAttrs: `{"designated":true}`}},
		11: {{NameID: 11, Name: "B KIM", Entry: store.NodeRef{ID: 21, Kind: store.KindOrganization, Key: "ofac:21", Label: "B CORP"}, RawAttrs: `{"designated":true,"delisted":true}`}},
	}
	matches := map[int64][]store.NodeRef{40: {{ID: 20, Key: "ofac:20", Kind: store.KindPerson, Label: "KIM, A"}}}
	r := groupHits("kim", hits, entries, matches, false)
	var got []string
	for _, g := range r.groups {
		line := fmt.Sprintf("%s(%d,%d):", g.kind, g.designated, g.matched)
		for _, it := range g.items {
			line += " " + it.node.Key
			if it.alias != "" {
				line += "~" + it.alias
			}
			for _, e := range it.matches {
				line += "≈" + e.Key
			}
		}
		got = append(got, line)
	}
	want := []string{
		"contractor(0,1): contractor:C1≈ofac:20",
		"person(1,0): ofac:20",
		"organization(0,0): ofac:21~B KIM", // delisted: listed, but not counted as designated
		"email(0,0): email:kim@x.y",
		"name(0,0): name:orphan kim",
		"gadget(0,0): gadget:kim",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.count != 6 {
		t.Errorf("count %d", r.count)
	}
}

// BenchmarkSearchKey is a key press in the results of a broad query: the
// Update and the frame it draws (the query itself runs in a command).
func BenchmarkSearchKey(b *testing.B) {
	c := uitest.Common(b)
	var s common.Screen = search(b, c, "kim", 160, 46)
	s = uitest.Key(s, "esc")
	down, up := uitest.KeyMsg("j"), uitest.KeyMsg("k")
	for i := 0; b.Loop(); i++ {
		k := down
		if i%60 >= 30 {
			k = up
		}
		s, _ = s.Update(k)
		_ = s.View()
	}
}

// BenchmarkSearchTyping is a keystroke in the query input: the edit, the
// search it schedules (not run) and the frame.
func BenchmarkSearchTyping(b *testing.B) {
	c := uitest.Common(b)
	var s common.Screen = search(b, c, "kim", 160, 46)
	add, del := uitest.KeyMsg("a"), uitest.KeyMsg("backspace")
	for i := 0; b.Loop(); i++ {
		k := add
		if i%2 == 1 {
			k = del
		}
		s, _ = s.Update(k)
		_ = s.View()
	}
}

// BenchmarkSearchQuery is the command a keystroke runs: the search and its
// grouping, on the demo case.
func BenchmarkSearchQuery(b *testing.B) {
	c := uitest.Common(b)
	for b.Loop() {
		if _, err := find(context.Background(), c.Store, "kim"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestEnterDuringASearchOpensTheNewResultNotAnOldOne(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c), 80, 22)
	s = uitest.Type(s, "silvers")
	s = uitest.Run(s, nil)
	// Type the rest without letting its search finish, then press Enter.
	var pendingSearch tea.Cmd
	for _, r := range "tar" {
		s, pendingSearch = s.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s, cmd := s.Update(uitest.KeyMsg("enter"))
	if cmd != nil {
		if _, ok := cmd().(common.OpenMsg); ok {
			t.Fatal("Enter opened a row of an older query while the new one was in flight")
		}
	}
	// The search finishes: the waiting Enter opens the new first result.
	var opened string
	queue := []tea.Cmd{pendingSearch}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.OpenMsg:
			opened = msg.Key
		case nil:
		default:
			var next tea.Cmd
			s, next = s.Update(msg)
			queue = append(queue, next)
		}
	}
	if opened != "ofac:24977" {
		t.Errorf("opened %q after the results came, want ofac:24977", opened)
	}
}
