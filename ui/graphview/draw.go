package graphview

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
)

// Column and tag sizes, in cells.
const (
	minCol  = 14 // the narrowest column worth drawing: fewer levels are shown instead
	prefCol = 26 // columns get this wide before edges get their kind written on them
	maxCol  = 48 // a column never grows wider (photo hashes are 64 characters)
	maxTag  = 12 // the longest edge-kind tag written on a line
	maxPad  = 10 // the most spare width a gap takes when labels are short
)

// Render draws g centred on center in w×h cells with the node sel selected:
// a line of column headings, then the graph — the centre in the left column,
// each further column one hop further out, lines drawn with box-drawing
// characters between the boxes. Every line is exactly w cells wide.
func Render(st *styles.Styles, g *graphs.Subgraph, center string, w, h int, sel string) []string {
	return arrange(g, center).draw(st, w, h, sel, view{}).lines
}

// view is what a drawing keeps from one frame to the next so the picture
// does not jump: the leftmost level shown and each tall column's scroll.
type view struct {
	first  int
	scroll []int
}

// box is where a node (or a "+N more" line, standing for the node it
// selects) is drawn: cells x0 ≤ x < x1 of line y.
type box struct {
	key    string
	x0, x1 int
	y      int
}

// frame is one drawing.
type frame struct {
	lines []string
	boxes []box
	// vrow is each node's row in its column, scrolled (rows outside the
	// canvas are scrolled off); moving between columns goes to the nearest.
	vrow map[string]int
	view view
}

// column is one drawn level.
type column struct {
	level int
	x, w  int
	win   window
}

// window is the part of a tall column that is drawn: nodes off..off+shown-1,
// under a "more above" line when up and over a "more below" line when down.
type window struct {
	scrolled bool
	off      int
	shown    int
	up, down bool
}

// drawing is the state of one draw.
type drawing struct {
	a       *arrangement
	st      *styles.Styles
	w, hc   int // width, and canvas rows (below the headings)
	sel     string
	selL    int
	fr      frame
	rows    map[string]int // canvas rows, clamped to -1..hc (scrolled off)
	wins    []window
	scroll  []int
	nat     []int // the width each level's labels would like
	gaps    []*gap
	margins []*gap
	cols    []column
	cv      *canvas
}

// draw lays the arrangement out in w×h cells (the heading line included).
func (a *arrangement) draw(st *styles.Styles, w, h int, sel string, v view) frame {
	if w <= 0 || h <= 0 || len(a.cols) == 0 {
		return frame{vrow: map[string]int{}}
	}
	d := &drawing{a: a, st: st, w: w, hc: h - 1, sel: sel, selL: -1,
		fr: frame{vrow: map[string]int{}}, rows: map[string]int{}}
	if l, ok := a.level[sel]; ok {
		d.selL = l
	}
	d.place(v.scroll)
	d.measure()
	first, k := d.levels(v.first)
	d.fr.view = view{first: first, scroll: d.scroll}
	d.layout(first, k)
	d.cv = newCanvas(w, d.hc)
	for j := range d.cols {
		if j < len(d.cols)-1 {
			d.drawGap(d.gaps[d.cols[j].level], j, true)
		} else {
			d.drawGap(d.margins[d.cols[j].level], j, false)
		}
	}
	d.paint()
	return d.fr
}

// place gives every node a row: the first ring spread over the height, each
// further ring near its neighbours in the ring before, the centre level by
// its ring; a column taller than the canvas scrolls.
func (d *drawing) place(scroll []int) {
	a, hc := d.a, d.hc
	nl := len(a.cols)
	d.wins = make([]window, nl)
	d.scroll = make([]int, nl)
	copy(d.scroll, scroll)
	meanOf := func(k string, lvl int) (float64, bool) {
		sum, n := 0.0, 0
		for _, x := range a.nbrs[k] {
			if a.level[x] == lvl {
				sum += float64(min(max(d.rows[x], 0), hc-1))
				n++
			}
		}
		return sum / float64(max(n, 1)), n > 0
	}
	for lvl := 1; lvl < nl; lvl++ {
		d.placeLevel(lvl, func(k string) (float64, bool) {
			if lvl == 1 {
				return 0, false
			}
			return meanOf(k, lvl-1)
		})
	}
	d.placeLevel(0, func(k string) (float64, bool) {
		if nl == 1 {
			return 0, true
		}
		return meanOf(k, 1)
	})
}

func (d *drawing) placeLevel(lvl int, ideal func(k string) (float64, bool)) {
	col, hc := d.a.cols[lvl], d.hc
	n := len(col)
	if n > hc {
		sel := -1
		if lvl == d.selL {
			sel = d.a.index[d.sel]
		}
		wn := scrollWindow(n, hc, d.scroll[lvl], sel)
		d.wins[lvl], d.scroll[lvl] = wn, wn.off
		top := 0
		if wn.up {
			top = 1
		}
		for j, k := range col {
			d.fr.vrow[k] = top + j - wn.off
			switch {
			case j < wn.off:
				d.rows[k] = -1
			case j >= wn.off+wn.shown:
				d.rows[k] = hc
			default:
				d.rows[k] = d.fr.vrow[k]
			}
		}
		return
	}
	d.scroll[lvl] = 0
	want := make([]float64, n)
	for j, k := range col {
		if y, ok := ideal(k); ok {
			want[j] = y
		} else {
			want[j] = float64(2*j+1)*float64(hc)/float64(2*n) - 0.5 // spread evenly
		}
	}
	for j, y := range placeColumn(hc, want) {
		d.rows[col[j]], d.fr.vrow[col[j]] = y, y
	}
}

// measure finds the width each level would like and lays the trunks out:
// gaps[l] is drawn right of level l when level l+1 is drawn too, margins[l]
// when level l is the last drawn (same-level links only).
func (d *drawing) measure() {
	a, nl := d.a, len(d.a.cols)
	d.nat = make([]int, nl)
	d.gaps = make([]*gap, nl)
	d.margins = make([]*gap, nl)
	for lvl, col := range a.cols {
		for _, k := range col {
			d.nat[lvl] = max(d.nat[lvl], a.labels[k].width())
		}
		d.nat[lvl] = min(max(d.nat[lvl], 4), maxCol)
		m := &gap{trunks: a.loopTrunks(lvl, d.rows, d.hc)}
		m.tracks = assignTracks(m.trunks, d.rows, d.hc)
		d.margins[lvl] = m
		if lvl+1 < nl {
			g := &gap{trunks: append(a.loopTrunks(lvl, d.rows, d.hc), a.fanTrunks(lvl, d.rows, d.hc)...)}
			g.tracks = assignTracks(g.trunks, d.rows, d.hc)
			for _, k := range a.cols[lvl+1] {
				if onCanvas(d.rows[k], d.hc) {
					g.tag = max(g.tag, len([]rune(a.tag(k, lvl))))
				}
			}
			g.tag = min(g.tag, maxTag)
			d.gaps[lvl] = g
		}
	}
}

// bare is the narrowest a gap right of level l can be: its tracks and "─→".
func (d *drawing) bare(l int) int { return 5 + d.gaps[l].tracks }

func (d *drawing) margin(l int) int {
	if d.margins[l].tracks == 0 {
		return 0
	}
	return 2 + d.margins[l].tracks
}

// fits reports whether k levels from first fit the width at their narrowest.
func (d *drawing) fits(first, k int) bool {
	need := d.margin(first + k - 1)
	for j := range k {
		need += min(d.nat[first+j], minCol)
		if j < k-1 {
			need += d.bare(first + j)
		}
	}
	return need <= d.w
}

// count is how many levels from first fit.
func (d *drawing) count(first int) int {
	k := 1
	for first+k < len(d.a.cols) && d.fits(first, k+1) {
		k++
	}
	return k
}

// levels picks the levels drawn: as many as fit, from the one drawn first
// last time, moved just enough to keep the selection's level in view.
func (d *drawing) levels(first int) (int, int) {
	first = min(max(first, 0), len(d.a.cols)-1)
	if d.selL >= 0 && d.selL < first {
		first = d.selL
	}
	for d.selL >= first+d.count(first) {
		first++
	}
	for first > 0 && first-1+d.count(first-1) >= first+d.count(first) {
		first--
	}
	return first, d.count(first)
}

// layout sizes and places the k columns from level first: gaps as narrow as
// their tracks allow, the columns sharing the rest, edge-kind tags on the
// lines when the columns can spare the room, spare width spread over gaps.
func (d *drawing) layout(first, k int) {
	rem := d.w - d.margin(first+k-1)
	var want, withTags int
	for j := range k {
		want += min(d.nat[first+j], prefCol)
		if j < k-1 {
			rem -= d.bare(first + j)
			if t := d.gaps[first+j].tag; t > 0 {
				withTags += t + 1
			}
		}
	}
	tags := withTags > 0 && rem-withTags >= want
	if tags {
		rem -= withTags
	}
	widths := waterfill(d.nat[first:first+k], max(rem, 0))
	spare := rem
	for _, cw := range widths {
		spare -= cw
	}
	pad := 0
	if k > 1 && spare > 0 {
		pad = min(spare/(k-1), maxPad)
	}
	d.cols = make([]column, k)
	x := 0
	for j := range k {
		l := first + j
		d.cols[j] = column{level: l, x: x, w: widths[j], win: d.wins[l]}
		x += widths[j]
		if j == k-1 {
			d.margins[l].x0 = x
			break
		}
		g := d.gaps[l]
		g.x0, g.width = x, d.bare(l)+pad
		if tags && g.tag > 0 {
			g.tags = true
			g.width += g.tag + 1
		}
		x += g.width
	}
}

// column returns the drawn column of level l.
func (d *drawing) column(l int) column {
	return d.cols[l-d.cols[0].level]
}

// stubStart is where the line from a node's box starts: a blank after it.
func (d *drawing) stubStart(key string) int {
	c := d.column(d.a.level[key])
	return c.x + d.a.labels[key].fit(c.w).width() + 1
}

// paint writes the headings, then each canvas row with the boxes over it.
func (d *drawing) paint() {
	a, hc, w := d.a, d.hc, d.w
	k := newInk(d.st)
	d.fr.lines = append(d.fr.lines, a.headings(k, d.cols, w))
	type span struct {
		x0, x1 int
		text   string
	}
	spans := make([][]span, max(hc, 0))
	add := func(y, x, cw int, key, text string) {
		spans[y] = append(spans[y], span{x, x + cw, text})
		d.fr.boxes = append(d.fr.boxes, box{key, x, x + max(cw, 1), y + 1})
	}
	for _, c := range d.cols {
		col := a.cols[c.level]
		if c.win.up {
			t := common.Fit(fmt.Sprintf("↑ %d more", c.win.off), c.w)
			add(0, c.x, len([]rune(t)), col[c.win.off-1], k.dim.Render(t))
		}
		if c.win.down {
			t := common.Fit(fmt.Sprintf("↓ %d more", len(col)-c.win.off-c.win.shown), c.w)
			add(hc-1, c.x, len([]rune(t)), col[c.win.off+c.win.shown], k.dim.Render(t))
		}
		for _, key := range col {
			if y := d.rows[key]; onCanvas(y, hc) {
				t, tw := a.styled(d.st, key, c.w, key == d.sel)
				add(y, c.x, tw, key, t)
			}
		}
	}
	for y := range spans {
		slices.SortFunc(spans[y], func(p, q span) int { return p.x0 - q.x0 })
		var b strings.Builder
		x := 0
		for _, s := range spans[y] {
			if s.x0 < x {
				continue
			}
			k.row(&b, d.cv, y, x, s.x0)
			b.WriteString(s.text)
			x = s.x1
		}
		k.row(&b, d.cv, y, x, w)
		d.fr.lines = append(d.fr.lines, common.Pad(b.String(), w))
	}
}

// placeColumn gives each of len(want) nodes a row as near its wanted row as
// their order and the hc rows allow.
func placeColumn(hc int, want []float64) []int {
	n := len(want)
	rows := make([]int, n)
	for j, y := range want {
		r := int(math.Round(y))
		if j > 0 {
			r = max(r, rows[j-1]+1)
		}
		rows[j] = max(r, 0)
	}
	for j := n - 1; j >= 0; j-- {
		lim := hc - (n - j)
		if j < n-1 {
			lim = min(lim, rows[j+1]-1)
		}
		rows[j] = min(rows[j], lim)
	}
	return rows
}

// scrollWindow picks the nodes of a column of n drawn in hc rows, starting
// near off and keeping node sel (when ≥ 0) in view.
func scrollWindow(n, hc, off, sel int) window {
	fit := func(off int) window {
		wn := window{scrolled: true, off: off, shown: hc}
		if hc < 3 {
			wn.shown = max(hc, 1)
			return wn
		}
		if off > 0 {
			wn.up = true
			wn.shown--
		}
		if off+wn.shown < n {
			wn.down = true
			wn.shown--
		}
		return wn
	}
	off = min(max(off, 0), n-1)
	for off > 0 && off-1+fit(off-1).shown >= n {
		off--
	}
	if sel >= 0 {
		if sel < off {
			off = sel
		}
		for sel >= off+fit(off).shown {
			off++
		}
	}
	return fit(off)
}

// waterfill shares total cells among columns that would like nat cells:
// every column gets min(nat, c) for the largest c that fits.
func waterfill(nat []int, total int) []int {
	out := make([]int, len(nat))
	sum := 0
	for _, n := range nat {
		sum += n
	}
	if sum <= total {
		copy(out, nat)
		return out
	}
	c := 0
	for {
		s := 0
		for _, n := range nat {
			s += min(n, c+1)
		}
		if s > total {
			break
		}
		c++
	}
	for j, n := range nat {
		out[j] = min(n, c)
	}
	return out
}
