package graphview

import (
	"slices"
	"strings"

	"github.com/casegraph/casegraph/ui/common"
)

// trunk is one vertical line in a gap between two columns: the fan-out of a
// node to its neighbours in the next column, or a link between two nodes of
// the same column.
type trunk struct {
	left     []string // nodes of the left column with a stub to the trunk
	right    []string // nodes of the right column the trunk reaches
	top, bot int      // rows spanned, clamped to -1..canvas
	x        int      // track index within the gap
}

// gap is the space right of a level: its trunks and how it is drawn. From
// its left edge x0: a blank, a dash, the tracks, the stubs into the next
// column (arrowheads and kind tags), a blank.
type gap struct {
	trunks []*trunk
	tracks int
	tag    int // the longest edge-kind tag of its stubs into the next column
	x0     int
	width  int
	tags   bool
}

func onCanvas(y, hc int) bool { return y >= 0 && y < hc }

// fanTrunks are the trunks from level d to level d+1: one per node of d with
// neighbours in d+1, when any end of it is on the canvas.
func (a *arrangement) fanTrunks(d int, rows map[string]int, hc int) []*trunk {
	var out []*trunk
	for _, p := range a.cols[d] {
		kids := a.neighboursIn(p, d+1)
		if len(kids) == 0 {
			continue
		}
		t := &trunk{left: []string{p}, right: kids, top: rows[p], bot: rows[p]}
		seen := onCanvas(rows[p], hc)
		for _, c := range kids {
			t.top, t.bot = min(t.top, rows[c]), max(t.bot, rows[c])
			seen = seen || onCanvas(rows[c], hc)
		}
		if seen {
			out = append(out, t)
		}
	}
	return out
}

// loopTrunks are the links between two nodes of level d, drawn right of it.
func (a *arrangement) loopTrunks(d int, rows map[string]int, hc int) []*trunk {
	var out []*trunk
	for _, p := range a.cols[d] {
		for _, q := range a.neighboursIn(p, d) {
			if a.index[q] < a.index[p] || !onCanvas(rows[p], hc) && !onCanvas(rows[q], hc) {
				continue
			}
			out = append(out, &trunk{left: []string{p, q}, top: min(rows[p], rows[q]), bot: max(rows[p], rows[q])})
		}
	}
	return out
}

// assignTracks gives each trunk a track so that no two trunks spanning a
// common row share one, and — so that a stub never runs into another node's
// line — on every row the trunks reached from the left lie left of those
// reaching right (when these constraints form a cycle, one is dropped). It
// returns the number of tracks.
func assignTracks(ts []*trunk, rows map[string]int, hc int) int {
	if len(ts) == 0 {
		return 0
	}
	type sides struct{ l, r []int }
	byRow := map[int]*sides{}
	at := func(y int) *sides {
		if byRow[y] == nil {
			byRow[y] = &sides{}
		}
		return byRow[y]
	}
	for i, t := range ts {
		for _, k := range t.left {
			if y := rows[k]; onCanvas(y, hc) {
				at(y).l = append(at(y).l, i)
			}
		}
		for _, k := range t.right {
			if y := rows[k]; onCanvas(y, hc) {
				at(y).r = append(at(y).r, i)
			}
		}
	}
	preds := make([]map[int]bool, len(ts))
	succs := make([]map[int]bool, len(ts))
	for i := range ts {
		preds[i], succs[i] = map[int]bool{}, map[int]bool{}
	}
	for _, s := range byRow {
		for _, l := range s.l {
			for _, r := range s.r {
				if l != r {
					preds[r][l] = true
					succs[l][r] = true
				}
			}
		}
	}
	done := make([]bool, len(ts))
	waiting := make([]int, len(ts))
	for i := range ts {
		waiting[i] = len(preds[i])
	}
	// Same-level links first (they stay short and hug their column), then
	// from the top down; a cycle of constraints is broken at the first trunk.
	less := func(i, j int) bool {
		li, lj := len(ts[i].right) == 0, len(ts[j].right) == 0
		if li != lj {
			return li
		}
		if ts[i].top != ts[j].top {
			return ts[i].top < ts[j].top
		}
		return i < j
	}
	tracks := 0
	for range ts {
		pick := -1
		for i := range ts {
			switch {
			case done[i]:
			case pick < 0:
				pick = i
			case (waiting[i] == 0) != (waiting[pick] == 0):
				if waiting[i] == 0 {
					pick = i
				}
			case less(i, pick):
				pick = i
			}
		}
		t := ts[pick]
		x := 0
		for p := range preds[pick] {
			if done[p] {
				x = max(x, ts[p].x+1)
			}
		}
		for clash := true; clash; {
			clash = false
			for i, o := range ts {
				if done[i] && o.x == x && !(o.bot < t.top || t.bot < o.top) {
					clash = true
					x++
					break
				}
			}
		}
		t.x = x
		done[pick] = true
		tracks = max(tracks, x+1)
		for s := range succs[pick] {
			waiting[s]--
		}
	}
	return tracks
}

// drawGap draws the trunks of the gap right of drawn column j: to the next
// column when inner, else the right margin (same-level links only).
func (d *drawing) drawGap(g *gap, j int, inner bool) {
	if len(g.trunks) == 0 {
		return
	}
	a, cv, rows, sel := d.a, d.cv, d.rows, d.sel
	lvl := d.cols[j].level
	end := 0
	if inner {
		end = d.cols[j+1].x - 2
	}
	for _, t := range g.trunks {
		x := g.x0 + 2 + t.x
		if len(t.right) == 0 { // a same-level link
			p, q := t.left[0], t.left[1]
			cv.path(d.stubStart(p), rows[p], x, rows[q], d.stubStart(q), sel == p || sel == q)
			continue
		}
		p := t.left[0]
		for _, c := range t.right {
			cv.path(d.stubStart(p), rows[p], x, rows[c], end, sel == p || sel == c)
		}
	}
	if !inner {
		return
	}
	// Arrowheads at the node an edge points to (→ at the box on the right,
	// ← at the trunk for an edge into the left column), and the edge kinds
	// written on the stubs when there is room.
	start := g.x0 + 2 + g.tracks
	n := end - start + 1
	for _, c := range a.cols[lvl+1] {
		y := rows[c]
		ps := a.neighboursIn(c, lvl)
		if !onCanvas(y, cv.h) || len(ps) == 0 {
			continue
		}
		hl := sel == c || slices.Contains(ps, sel)
		right, left := false, false
		for _, p := range ps {
			l := a.adj[p][c]
			right, left = right || l.out, left || l.in
		}
		if right {
			cv.put(end, y, '→', hl)
		}
		if left {
			cv.put(start, y, '←', hl)
		}
		if tag := a.tag(c, lvl); g.tags && tag != "" && n >= len([]rune(tag))+3 {
			x := end - 1 - len([]rune(tag))
			for _, r := range tag {
				cv.put(x, y, r, hl)
				x++
			}
		}
	}
}

// tag is the edge kinds between node c and its neighbours in level d.
func (a *arrangement) tag(c string, d int) string {
	var kinds []string
	for _, p := range a.nbrs[c] {
		if a.level[p] != d {
			continue
		}
		for _, k := range a.adj[p][c].kinds {
			if !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	slices.Sort(kinds)
	t := common.Clean(strings.Join(kinds, ","))
	if len([]rune(t)) > maxTag && len(kinds) > 0 {
		t = common.Fit(kinds[0], maxTag-1) + "+"
	}
	return t
}
