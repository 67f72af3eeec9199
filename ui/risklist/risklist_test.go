package risklist

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
	"github.com/casegraph/casegraph/ui/uitest"
)

func TestRiskGoldens(t *testing.T) {
	c := uitest.Common(t)
	empty := commonOn(t, emptyStore(t))
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		s := uitest.Start(New(c), w, h)
		check(t, s, w, h)
		uitest.Golden(t, fmt.Sprintf("risk-%dx%d", w, h), s.View())

		s = uitest.Key(s, "tab")
		check(t, s, w, h)
		uitest.Golden(t, fmt.Sprintf("risk-steps-%dx%d", w, h), s.View())

		s = uitest.Start(New(empty), w, h)
		check(t, s, w, h)
		uitest.Golden(t, fmt.Sprintf("risk-none-%dx%d", w, h), s.View())
	}
}

func check(t *testing.T, s common.Screen, w, h int) {
	t.Helper()
	v := s.View()
	uitest.CheckSize(t, v, w, h)
	if n := strings.Count(v, "\n") + 1; n != h {
		t.Errorf("view has %d lines, want exactly %d", n, h)
	}
}

// networkMembers reads the planted networks' contractors from the demo's truth.
func networkMembers(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "samples", "demo", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Networks []struct{ Members []string }
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, n := range truth.Networks {
		for _, id := range n.Members {
			out["contractor:"+id] = true
		}
	}
	return out
}

func openMsg(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	msg, ok := cmd().(common.OpenMsg)
	if !ok {
		t.Fatalf("got %#v, want an OpenMsg", cmd())
	}
	return msg.Key
}

func TestTopItemIsAPlantedNetworkMemberAndEnterOpensIt(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	top, ok := m.selected()
	if !ok {
		t.Fatalf("nothing selected: %+v", m)
	}
	if !networkMembers(t)[top.Key] {
		t.Errorf("the top of the ranking is %s, not a planted network member", top.Key)
	}
	if top.Rank != 1 || top.Score <= 0 || len(top.Path) < 2 {
		t.Errorf("top item: %+v", top)
	}
	if m.Subject() != top.Key {
		t.Errorf("Subject = %q, want %q", m.Subject(), top.Key)
	}
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if got := openMsg(t, cmd); got != top.Key {
		t.Errorf("enter opened %s, want %s", got, top.Key)
	}
}

func TestTabThenEnterOpensThePathStep(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 160, 46)
	s = uitest.Key(s, "j") // the second contractor
	m := s.(*Model)
	it, _ := m.selected()
	if it.Rank != 2 {
		t.Fatalf("after j the rank is %d", it.Rank)
	}
	s = uitest.Key(s, "tab")
	if m.focus != paneSteps {
		t.Fatal("tab did not move to the path")
	}
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if got := openMsg(t, cmd); got != it.Path[0].Key {
		t.Errorf("enter on the first step opened %s, want %s", got, it.Path[0].Key)
	}
	for j := 1; j < len(it.Path); j++ {
		s = uitest.Key(s, "down")
		_, cmd = s.Update(uitest.KeyMsg("enter"))
		if got := openMsg(t, cmd); got != it.Path[j].Key {
			t.Errorf("step %d: enter opened %s, want %s", j, got, it.Path[j].Key)
		}
	}
	// Down past the last step stays on it; the ranking's cursor has not moved.
	s = uitest.Key(s, "down")
	_, cmd = s.Update(uitest.KeyMsg("enter"))
	if got := openMsg(t, cmd); got != it.Path[len(it.Path)-1].Key {
		t.Errorf("past the end: %s", got)
	}
	if m.list.Cursor != 1 || m.Subject() != it.Key {
		t.Errorf("the ranking moved with the steps: cursor %d, subject %s", m.list.Cursor, m.Subject())
	}
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "j")
	if m.focus != paneList || m.list.Cursor != 2 {
		t.Errorf("tab back: focus %d, cursor %d", m.focus, m.list.Cursor)
	}
}

func TestCursorMovesAndTheDetailFollows(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	for _, tc := range []struct {
		key  string
		want int
	}{
		{"down", 1}, {"j", 2}, {"up", 1}, {"k", 0}, {"k", 0}, {"pgdown", m.list.Height - 1}, {"G", m.total - 1}, {"g", 0}, {"end", m.total - 1}, {"home", 0},
	} {
		s = uitest.Key(s, tc.key)
		if m.list.Cursor != tc.want {
			t.Fatalf("after %s the cursor is %d, want %d", tc.key, m.list.Cursor, tc.want)
		}
		it, ok := m.selected()
		if !ok {
			t.Fatalf("after %s the selected item is not loaded", tc.key)
		}
		if !strings.Contains(m.rows[0].plain, short(it.Key, store.KindContractor)) {
			t.Errorf("after %s the detail is about %q, not %s", tc.key, m.rows[0].plain, it.Key)
		}
	}
}

func TestResizeKeepsTheCursorVisible(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 160, 46)
	m := s.(*Model)
	for range 40 {
		s = uitest.Key(s, "down")
	}
	it, _ := m.selected()
	for _, sz := range [][2]int{{80, 22}, {60, 10}, {200, 60}, {80, 22}} {
		s.SetSize(sz[0], sz[1])
		v := s.View()
		uitest.CheckSize(t, v, sz[0], sz[1])
		if m.list.Cursor < m.list.Offset || m.list.Cursor >= m.list.Offset+m.list.Height {
			t.Errorf("at %dx%d the cursor %d is outside rows %d..%d", sz[0], sz[1], m.list.Cursor, m.list.Offset, m.list.Offset+m.list.Height)
		}
		if !strings.Contains(v, "▸ ") || !strings.Contains(v, short(it.Key, store.KindContractor)) {
			t.Errorf("at %dx%d the selected row is not drawn:\n%s", sz[0], sz[1], v)
		}
	}
}

func TestResizeKeepsTheSelectedStep(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 160, 46)
	m := s.(*Model)
	s = uitest.Key(uitest.Key(uitest.Key(s, "tab"), "down"), "down")
	want := m.rows[m.steps.Cursor].key
	for _, sz := range [][2]int{{80, 22}, {60, 12}, {160, 46}} {
		s.SetSize(sz[0], sz[1])
		uitest.CheckSize(t, s.View(), sz[0], sz[1])
		if m.focus != paneSteps || m.rows[m.steps.Cursor].key != want {
			t.Errorf("at %dx%d the step is %q, want %q", sz[0], sz[1], m.rows[m.steps.Cursor].key, want)
		}
		if c := m.steps.Cursor; c < m.steps.Offset || c >= m.steps.Offset+m.steps.Height {
			t.Errorf("at %dx%d the step's row %d is outside %d..%d", sz[0], sz[1], c, m.steps.Offset, m.steps.Offset+m.steps.Height)
		}
	}
}

func TestMouseWheelScrollsAndClickSelects(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	s, _ = s.Update(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	if m.list.Cursor != 3 {
		t.Errorf("wheel down: cursor %d", m.list.Cursor)
	}
	// The body starts on terminal line 1; the ranking's rows on body line 2.
	s, _ = s.Update(tea.MouseClickMsg{X: 5, Y: 1 + listTop + 1, Button: tea.MouseLeft})
	if m.list.Cursor != m.list.Offset+1 {
		t.Errorf("click on the second row: cursor %d, offset %d", m.list.Cursor, m.list.Offset)
	}
	// A click on a path step focuses it.
	for i, r := range m.rows {
		if r.key != "" {
			s, _ = s.Update(tea.MouseClickMsg{X: 5, Y: 1 + m.detailTop() + i - m.steps.Offset, Button: tea.MouseLeft})
			if m.focus != paneSteps || m.steps.Cursor != i {
				t.Errorf("click on step row %d: focus %d, cursor %d", i, m.focus, m.steps.Cursor)
			}
			break
		}
	}
}

func TestNoRunOffersToComputeAndRComputesIt(t *testing.T) {
	st := emptyStore(t)
	hostileCase(t, st)
	s := uitest.Start(New(commonOn(t, st)), 80, 22)
	m := s.(*Model)
	if m.run != nil || !strings.Contains(ansi.Strip(s.View()), "r to compute it now") {
		t.Fatalf("no run: %s", s.View())
	}
	s, cmd := s.Update(uitest.KeyMsg("r"))
	if !m.computing || !strings.Contains(ansi.Strip(s.View()), "computing the ranking…") {
		t.Errorf("r: not computing:\n%s", s.View())
	}
	s = uitest.Run(s, cmd)
	if m.computing || m.run == nil || m.total != 2 {
		t.Fatalf("after computing: run %+v, total %d, err %v", m.run, m.total, m.err)
	}
	top, _ := m.selected()
	if top.Key != "contractor:FL-1" || top.Score <= 0 {
		t.Errorf("top after computing: %+v", top)
	}
	// r again recomputes, and says so in the status line.
	s = uitest.Key(s, "j")
	_, cmd = s.Update(uitest.KeyMsg("r"))
	if _, again := s.Update(uitest.KeyMsg("r")); again != nil {
		t.Error("a second r while computing started another computation")
	}
	done := cmd()
	s, cmd = s.Update(done)
	var status common.StatusMsg
	for _, c := range cmd().(tea.BatchMsg) {
		if msg, ok := c().(common.StatusMsg); ok {
			status = msg
		} else {
			s, _ = s.Update(msg)
		}
	}
	if !strings.Contains(string(status), "ranked 2 contractors") || m.computing || m.total != 2 {
		t.Errorf("recompute: status %q, computing %v, total %d", status, m.computing, m.total)
	}
}

func TestErrorsAreShown(t *testing.T) {
	st := emptyStore(t)
	c := commonOn(t, st)
	st.Close()
	s := New(c)
	s.SetSize(80, 22)
	s, cmd := s.Update(s.Init()())
	if cmd == nil {
		t.Fatal("no error command")
	}
	if _, ok := cmd().(common.ErrMsg); !ok {
		t.Errorf("got %#v, want an ErrMsg", cmd())
	}
	v := ansi.Strip(s.View())
	uitest.CheckSize(t, v, 80, 22)
	if !strings.Contains(v, "closed") || !strings.Contains(v, "r to try again") {
		t.Errorf("the error is not shown:\n%s", v)
	}
}

func TestHostileLabelsAreDrawnInert(t *testing.T) {
	st := emptyStore(t)
	hostileCase(t, st)
	c := commonOn(t, st)
	s := uitest.Key(uitest.Start(New(c), 80, 22), "r") // compute the ranking
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		s.SetSize(w, h)
		for _, k := range []string{"home", "tab", "tab"} { // the ranking, the path, back
			s = uitest.Key(s, k)
			v := s.View()
			uitest.CheckSize(t, v, w, h)
			// The view may carry the screen's own styles; with them stripped
			// nothing from the data may be left as a control character.
			plain := stripStyles(v)
			if strings.ContainsAny(plain, "\x1b\x07\r") {
				t.Errorf("%dx%d: a control character reached the terminal: %q", w, h, plain)
			}
			// The label's colour escape shows as a placeholder, not as red.
			if !strings.Contains(plain, "Evil �Red") {
				t.Errorf("%dx%d: the hostile label is not shown inert:\n%s", w, h, plain)
			}
		}
	}
}

// stripStyles removes the SGR sequences lipgloss writes (the only escapes a
// view may hold) and nothing else.
func stripStyles(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == 0x1b && i+1 < len(v) && v[i+1] == '[' {
			j := i + 2
			for j < len(v) && (v[j] >= '0' && v[j] <= '9' || v[j] == ';' || v[j] == ':') {
				j++
			}
			if j < len(v) && v[j] == 'm' {
				i = j
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func TestALargeRankingIsReadAPageAtATime(t *testing.T) {
	st := emptyStore(t)
	n := 3000
	bigRanking(t, st, n)
	s := uitest.Start(New(commonOn(t, st)), 80, 22)
	m := s.(*Model)
	if m.total != n || len(m.page) > pageSize {
		t.Fatalf("total %d, page of %d", m.total, len(m.page))
	}
	s = uitest.Key(s, "G")
	if len(m.page) > pageSize {
		t.Errorf("G read %d entries", len(m.page))
	}
	it, ok := m.selected()
	if !ok || it.Rank != n {
		t.Errorf("G selects rank %d (%v), want %d", it.Rank, ok, n)
	}
	if v := s.View(); !strings.Contains(v, fmt.Sprintf("Name %d", n-1)) || strings.Contains(v, "…\n") {
		t.Errorf("the last rows are not drawn:\n%s", v)
	}
	for range 30 {
		s = uitest.Key(s, "pgup")
	}
	for i := m.list.Offset; i < m.list.Offset+m.list.Height; i++ {
		if _, ok := m.item(i); !ok {
			t.Errorf("row %d is visible but not loaded (page from %d, %d)", i, m.from, len(m.page))
		}
	}
}

// emptyStore is a fresh case database with nothing in it.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func commonOn(t testing.TB, st *store.Store) *common.Common {
	t.Helper()
	return &common.Common{Ctx: context.Background(), Store: st, Styles: styles.New(),
		Keys: common.DefaultKeyMap(), Log: log.New(io.Discard, "", 0)}
}

// hostileCase writes two contractors whose labels and identifiers carry
// escape sequences, a bell and a newline; the first is paid out to a wallet a
// designated entry uses.
func hostileCase(t testing.TB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	im, err := st.BeginImport(ctx, store.SourceInfo{Path: "/in/evil.csv", SHA256: "evil", Size: 1, Kind: "contractors", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	node := func(kind, key, label string, attrs map[string]any) {
		id, err := im.Node(ctx, store.NodeSpec{Kind: kind, Key: key, Label: label, Attrs: attrs}, store.Prov{Line: 2})
		if err != nil {
			t.Fatal(err)
		}
		ids[key] = id
	}
	node(store.KindContractor, "contractor:FL-1", "Evil \x1b[31mRed\x1b[0m\x07 Name\nSecond line", nil)
	node(store.KindContractor, "contractor:FL-2\x1b]0;title\x07", "Plain \x1b[2J Two", nil)
	node(store.KindWallet, "wallet:eth:0x\x1b[5mabc", "0x\x1b[5mabc\x07", nil)
	node(store.KindPerson, "ofac:1", "KIM\x1b[31m, Evil\nEntry", map[string]any{"designated": true, "list": "ofac-sdn"})
	for _, e := range [][3]string{{store.EdgePayoutTo, "contractor:FL-1", "wallet:eth:0x\x1b[5mabc"},
		{store.EdgeUses, "ofac:1", "wallet:eth:0x\x1b[5mabc"}} {
		if _, err := im.Edge(ctx, e[0], ids[e[1]], ids[e[2]], nil, store.Prov{Line: 3}); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Finish(ctx, store.Counts{Read: 1, Stored: 1}, ""); err != nil {
		t.Fatal(err)
	}
}

// bigRanking stores a ranking of n contractors without computing one.
func bigRanking(tb testing.TB, st *store.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	im, err := st.BeginImport(ctx, store.SourceInfo{Path: "/in/big.csv", SHA256: "big", Size: 1, Kind: "contractors", Format: "csv"})
	if err != nil {
		tb.Fatal(err)
	}
	scores := make([]store.RiskScore, n)
	for i := range scores {
		key := fmt.Sprintf("contractor:FL-%07d", i)
		id, err := im.Node(ctx, store.NodeSpec{Kind: store.KindContractor, Key: key, Label: fmt.Sprintf("Name %d", i)}, store.Prov{Line: i + 2})
		if err != nil {
			tb.Fatal(err)
		}
		scores[i] = store.RiskScore{NodeID: id, Key: key, Score: 1 - float64(i)/float64(n), Hops: 2,
			Path: []store.PathStep{{Key: key, Kind: store.KindContractor, Label: fmt.Sprintf("Name %d", i)},
				{Key: "ofac:1", Kind: store.KindPerson, Label: "Entry", Edge: store.EdgeUses, Dir: "out"}},
			Reason: "shares something with an entry"}
	}
	if err := im.Finish(ctx, store.Counts{Read: n, Stored: n}, ""); err != nil {
		tb.Fatal(err)
	}
	if err := st.SaveRisk(ctx, &store.RiskRun{Contractors: n, Linked: n, Scores: slices.Values(scores)}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkKeyToFrame is a key press on the demo ranking: Update and View.
func BenchmarkKeyToFrame(b *testing.B) {
	for _, sz := range uitest.Sizes {
		b.Run(fmt.Sprintf("demo-%dx%d", sz[0], sz[1]-2), func(b *testing.B) {
			benchKeys(b, uitest.Start(New(uitest.Common(b)), sz[0], sz[1]-2))
		})
	}
	b.Run("100k-160x46", func(b *testing.B) {
		st := emptyStore(b)
		bigRanking(b, st, 100_000)
		benchKeys(b, uitest.Start(New(commonOn(b, st)), 160, 46))
	})
}

// benchKeys presses down, and pgdown then home now and then, drawing each
// frame; a page read a move brings is part of the cost.
func benchKeys(b *testing.B, s common.Screen) {
	keys := []tea.KeyPressMsg{uitest.KeyMsg("down"), uitest.KeyMsg("down"), uitest.KeyMsg("pgdown"), uitest.KeyMsg("down")}
	b.ResetTimer()
	for i := range b.N {
		k := keys[i%len(keys)]
		if i%400 == 399 {
			k = uitest.KeyMsg("home")
		}
		var cmd tea.Cmd
		s, cmd = s.Update(k)
		s = uitest.Run(s, cmd)
		_ = s.View()
	}
}
