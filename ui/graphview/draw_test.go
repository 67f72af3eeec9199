package graphview

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/ui/styles"
)

// fan is the 3-node fixture: an account at the centre, a contractor paid
// out to it (an edge into the centre) and a designated entry its holder's
// name matches (an edge out of it).
func fan() *graphs.Subgraph {
	g := graphs.New("fixture")
	g.AddNode(&graphs.Node{Key: "account:x", Kind: "account", Label: "US 1 2"})
	g.AddNode(&graphs.Node{Key: "contractor:b", Kind: "contractor", Label: "Bo"})
	g.AddNode(&graphs.Node{Key: "ofac:1", Kind: "person", Label: "KIM", Designated: true, List: "ofac-sdn", Programs: []string{"DPRK4"}})
	g.AddEdge(&graphs.Edge{Kind: "payout_to", Src: "contractor:b", Dst: "account:x"})
	g.AddEdge(&graphs.Edge{Kind: "name_match", Src: "account:x", Dst: "ofac:1"})
	return g
}

// at is the character at cell x of a line, colours stripped.
func at(line string, x int) string {
	rs := []rune(ansi.Strip(line))
	if x < 0 || x >= len(rs) {
		return ""
	}
	return string(rs[x])
}

func boxOf(t *testing.T, fr frame, key string) box {
	t.Helper()
	for _, b := range fr.boxes {
		if b.key == key {
			return b
		}
	}
	t.Fatalf("%s is not drawn:\n%s", key, strings.Join(fr.lines, "\n"))
	return box{}
}

func TestLinesJoinTheRightBoxes(t *testing.T) {
	st := styles.New()
	fr := arrange(fan(), "account:x").draw(st, 70, 10, "", view{})
	plain := ansi.Strip(strings.Join(fr.lines, "\n"))
	a, b, c := boxOf(t, fr, "account:x"), boxOf(t, fr, "contractor:b"), boxOf(t, fr, "ofac:1")
	if !(b.y < a.y && a.y < c.y) {
		t.Fatalf("rows: centre %d, contractor %d, ofac %d; want the centre between:\n%s", a.y, b.y, c.y, plain)
	}
	if b.x0 != c.x0 || b.x0 <= a.x1 {
		t.Fatalf("the first ring is not one column right of the centre:\n%s", plain)
	}
	// The centre's line runs from its label to the trunk.
	line := fr.lines[a.y]
	xt := a.x1 + 1
	for at(line, xt) == "─" {
		xt++
	}
	if xt == a.x1+1 || at(line, xt) != "┤" {
		t.Fatalf("no line from the centre to a trunk (%q at %d):\n%s", at(line, xt), xt, plain)
	}
	// The trunk turns to the contractor above and the entry below, and
	// nothing else.
	want := map[int]string{b.y: "┌", c.y: "└", a.y: "┤"}
	for y := 1; y < len(fr.lines); y++ {
		exp, ok := want[y]
		if !ok {
			exp = " "
			if y > b.y && y < c.y {
				exp = "│"
			}
		}
		if got := at(fr.lines[y], xt); got != exp {
			t.Errorf("line %d, trunk cell %d: %q, want %q:\n%s", y, xt, got, exp, plain)
		}
	}
	// Each stub reaches its box, pointing the way its edge goes: the payout
	// into the centre (←, at the trunk), the name match out of it (→, at
	// the box); the kinds are written on the lines.
	if got := at(fr.lines[b.y], xt+1); got != "←" {
		t.Errorf("the payout stub starts with %q, want ←:\n%s", got, plain)
	}
	if got := at(fr.lines[c.y], c.x0-2); got != "→" {
		t.Errorf("the name-match stub ends with %q, want →:\n%s", got, plain)
	}
	for x := xt + 1; x < b.x0-1; x++ {
		if at(fr.lines[b.y], x) == " " {
			t.Errorf("the stub to the contractor is broken at %d:\n%s", x, plain)
		}
	}
	if !strings.Contains(ansi.Strip(fr.lines[b.y]), "payout_to") || !strings.Contains(ansi.Strip(fr.lines[c.y]), "name_match") {
		t.Errorf("edge kinds missing:\n%s", plain)
	}
}

func TestDesignatedMarkerShowsWithoutColour(t *testing.T) {
	for _, w := range []int{24, 40, 80} {
		lines := Render(styles.New(), fan(), "account:x", w, 8, "ofac:1")
		plain := ansi.Strip(strings.Join(lines, "\n"))
		if !strings.Contains(plain, "◆ [person]") && !strings.Contains(plain, "◆ [pers") {
			t.Errorf("width %d: no ◆ marker on the designated entry:\n%s", w, plain)
		}
	}
}

func TestSameColumnLinkIsDrawnRightOfTheColumn(t *testing.T) {
	g := fan()
	g.AddEdge(&graphs.Edge{Kind: "linked_to", Src: "contractor:b", Dst: "ofac:1"})
	fr := arrange(g, "account:x").draw(styles.New(), 60, 10, "", view{})
	b, c := boxOf(t, fr, "contractor:b"), boxOf(t, fr, "ofac:1")
	plain := ansi.Strip(strings.Join(fr.lines, "\n"))
	// Both rows run right to a corner of one trunk.
	corner := func(y int, want string) int {
		for x := b.x0 + 1; x < 60; x++ {
			if at(fr.lines[y], x) == want {
				return x
			}
		}
		t.Fatalf("line %d has no %s:\n%s", y, want, plain)
		return -1
	}
	if x1, x2 := corner(b.y, "┐"), corner(c.y, "┘"); x1 != x2 {
		t.Errorf("the link's corners are at %d and %d:\n%s", x1, x2, plain)
	}
}

// synthetic is a bigger network: a centre with a hub, a chain, fans and
// cross links, so every part of the layout is exercised.
func synthetic(n int) *graphs.Subgraph {
	g := graphs.New("synthetic")
	add := func(k, kind string) {
		g.AddNode(&graphs.Node{Key: k, Kind: kind, Label: strings.Repeat(k, 2), Designated: strings.HasPrefix(k, "ofac"),
			Hidden: map[string]int{"uses": len(k)}})
	}
	add("c:0", "contractor")
	for i := 1; i < n; i++ {
		k := fmt.Sprintf("n:%d", i)
		if i%7 == 0 {
			k = fmt.Sprintf("ofac:%d", i)
		}
		add(k, []string{"email", "ip", "account", "person"}[i%4])
	}
	keys := make([]string, len(g.Nodes))
	for i, nd := range g.Nodes {
		keys[i] = nd.Key
	}
	for i := 1; i < n; i++ {
		parent := keys[(i-1)/4]
		g.AddEdge(&graphs.Edge{Kind: "uses", Src: parent, Dst: keys[i]})
		if i%5 == 0 && i > 6 {
			g.AddEdge(&graphs.Edge{Kind: "paid", Src: keys[i], Dst: keys[i-6]})
		}
		if i%9 == 0 {
			g.AddEdge(&graphs.Edge{Kind: "transfer", Src: keys[i], Dst: keys[i-1]})
		}
	}
	return g
}

func TestEveryLineFitsTheBox(t *testing.T) {
	st := styles.New()
	for _, n := range []int{1, 3, 12, 60} {
		a := arrange(synthetic(n), "c:0")
		for _, w := range []int{1, 2, 7, 20, 33, 50, 80, 121, 160, 230} {
			for _, h := range []int{1, 2, 3, 4, 9, 22, 46} {
				for _, sel := range []string{"", "c:0", "n:5", fmt.Sprintf("n:%d", n-1)} {
					fr := a.draw(st, w, h, sel, view{})
					if len(fr.lines) != h {
						t.Fatalf("n=%d %dx%d: %d lines", n, w, h, len(fr.lines))
					}
					for i, l := range fr.lines {
						if cw := ansi.StringWidth(l); cw != w {
							t.Fatalf("n=%d %dx%d sel %s: line %d is %d cells: %q", n, w, h, sel, i, cw, ansi.Strip(l))
						}
					}
					if _, ok := a.level[sel]; ok && h >= 4 && w >= 20 {
						boxOf(t, fr, sel) // the selection is always drawn
					}
				}
			}
		}
	}
}

func TestTallColumnScrollsToTheSelection(t *testing.T) {
	a := arrange(synthetic(60), "c:0")
	last := a.cols[len(a.cols)-1]
	sel := last[len(last)-1]
	fr := a.draw(styles.New(), 120, 10, sel, view{})
	b := boxOf(t, fr, sel)
	if b.y < 1 || b.y >= 10 {
		t.Errorf("the selection is drawn on line %d", b.y)
	}
	plain := ansi.Strip(strings.Join(fr.lines, "\n"))
	if !strings.Contains(plain, "↑ ") || !strings.Contains(plain, " more") {
		t.Errorf("no count of the nodes scrolled off:\n%s", plain)
	}
}

func TestScrollWindow(t *testing.T) {
	for _, tc := range []struct {
		n, hc, off, sel int
		want            window
	}{
		{10, 5, 0, -1, window{scrolled: true, off: 0, shown: 4, down: true}},
		{10, 5, 0, 4, window{scrolled: true, off: 2, shown: 3, up: true, down: true}},
		{10, 5, 0, 9, window{scrolled: true, off: 6, shown: 4, up: true}},
		{10, 5, 9, -1, window{scrolled: true, off: 6, shown: 4, up: true}},
		{10, 5, 6, 1, window{scrolled: true, off: 1, shown: 3, up: true, down: true}},
		{10, 2, 0, 7, window{scrolled: true, off: 6, shown: 2}},
	} {
		if got := scrollWindow(tc.n, tc.hc, tc.off, tc.sel); got != tc.want {
			t.Errorf("scrollWindow(%d, %d, %d, %d) = %+v, want %+v", tc.n, tc.hc, tc.off, tc.sel, got, tc.want)
		}
	}
}

func TestHostileLabelsAreCleaned(t *testing.T) {
	g := fan()
	g.Node("contractor:b").Label = "Mallory \x1b[31mred\x07\nline"
	g.Node("contractor:b").Kind = "contr\x1b]0;pwn\x07actor"
	lines := Render(styles.New(), g, "account:x", 80, 8, "contractor:b")
	out := strings.Join(lines, "\n")
	if strings.Contains(out, "\x07") || strings.Contains(out, "\x1b[31mred") || strings.Contains(out, "\x1b]") {
		t.Errorf("control characters reached the terminal: %q", out)
	}
	if len(lines) != 8 || !strings.Contains(ansi.Strip(out), "Mallory") {
		t.Errorf("label lost or lines broken: %q", out)
	}
}

func TestTracksKeepStubsApart(t *testing.T) {
	// p (row 5) fans up to c1 (row 2); q (row 0) fans down to c2 (row 5).
	// On row 5 p's stub runs right to its trunk while c2's runs from its
	// own: p's trunk must lie left of q's, though q's starts higher.
	rows := map[string]int{"p": 5, "c1": 2, "q": 0, "c2": 5}
	a := &trunk{left: []string{"p"}, right: []string{"c1"}, top: 2, bot: 5}
	b := &trunk{left: []string{"q"}, right: []string{"c2"}, top: 0, bot: 5}
	if n := assignTracks([]*trunk{b, a}, rows, 10); n != 2 || a.x >= b.x {
		t.Errorf("%d tracks, p's at %d, q's at %d; want p's left of q's", n, a.x, b.x)
	}
	// Trunks spanning no common row share a track.
	c := &trunk{left: []string{"r"}, right: []string{"c3"}, top: 7, bot: 9}
	rows["r"], rows["c3"] = 7, 9
	if n := assignTracks([]*trunk{b, a, c}, rows, 10); n != 2 || c.x != 0 {
		t.Errorf("%d tracks, the lone trunk at %d", n, c.x)
	}
}
