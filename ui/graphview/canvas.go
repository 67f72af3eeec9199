package graphview

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/casegraph/casegraph/ui/styles"
)

// cell is one canvas cell: the directions lines leave it by, or a character
// written over them. A cell where no edge turns but a horizontal and a
// vertical line meet is a crossing: it is drawn as the vertical line passing
// (or as the horizontal one when only that is the selection's), so ┼ and the
// other junctions always mean the lines are joined.
type cell struct {
	bits     uint8
	r        rune
	turn     bool
	hlH, hlV bool
}

const (
	north uint8 = 1 << iota
	east
	south
	west
)

var glyphs = map[uint8]rune{
	north: '│', south: '│', north | south: '│', east: '─', west: '─', east | west: '─',
	east | south: '┌', west | south: '┐', north | east: '└', north | west: '┘',
	north | south | east: '├', north | south | west: '┤', east | west | south: '┬', east | west | north: '┴',
	north | south | east | west: '┼',
}

// glyph is the character a cell shows and whether it is the selection's.
func (c *cell) glyph() (rune, bool) {
	hl := c.hlH || c.hlV
	switch {
	case c.r != 0:
		return c.r, hl
	case c.bits == 0:
		return ' ', false
	case !c.turn && c.bits&(east|west) != 0 && c.bits&(north|south) != 0:
		if c.hlH && !c.hlV {
			return '─', true
		}
		return '│', c.hlV
	}
	return glyphs[c.bits], hl
}

// canvas is the grid the lines are drawn on; writes outside it are dropped,
// so a line to a node scrolled off runs to the edge.
type canvas struct {
	w, h  int
	cells []cell
}

func newCanvas(w, h int) *canvas {
	w, h = max(w, 0), max(h, 0)
	return &canvas{w: w, h: h, cells: make([]cell, w*h)}
}

func (c *canvas) at(x, y int) *cell {
	if x < 0 || y < 0 || x >= c.w || y >= c.h {
		return nil
	}
	return &c.cells[y*c.w+x]
}

func (c *canvas) hline(y, x0, x1 int, hl bool) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	for x := x0; x <= x1; x++ {
		if p := c.at(x, y); p != nil {
			if x > x0 {
				p.bits |= west
			}
			if x < x1 {
				p.bits |= east
			}
			p.hlH = p.hlH || hl
		}
	}
}

func (c *canvas) vline(x, y0, y1 int, hl bool) {
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	for y := max(y0, 0); y <= min(y1, c.h-1); y++ {
		if p := c.at(x, y); p != nil {
			if y > y0 {
				p.bits |= north
			}
			if y < y1 {
				p.bits |= south
			}
			p.hlV = p.hlV || hl
		}
	}
}

// path draws an edge from (x0, y0) along row y0 to column xt, up or down it
// to row y1, then along row y1 to x1; its two bends are junctions.
func (c *canvas) path(x0, y0, xt, y1, x1 int, hl bool) {
	c.hline(y0, x0, xt, hl)
	c.vline(xt, y0, y1, hl)
	c.hline(y1, xt, x1, hl)
	if y0 != y1 {
		for _, y := range []int{y0, y1} {
			if p := c.at(xt, y); p != nil {
				p.turn = true
			}
		}
	}
}

// put writes a character (an arrowhead, a letter of a tag) over a line.
func (c *canvas) put(x, y int, r rune, hl bool) {
	if p := c.at(x, y); p != nil {
		p.r = r
		p.hlH = p.hlH || hl
	}
}

// ink is how the canvas is drawn: lines dim, the selection's lines bright
// and bold (so they stand out without colour too).
type ink struct {
	dim, line, hl lipgloss.Style
}

func newInk(st *styles.Styles) ink {
	return ink{dim: st.Dim, line: st.Dim, hl: st.Key.Bold(true)}
}

// row writes cells x0 ≤ x < x1 of canvas row y to b, in runs of one style.
func (k ink) row(b *strings.Builder, cv *canvas, y, x0, x1 int) {
	var run strings.Builder
	runHL := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		s := run.String()
		switch {
		case strings.TrimSpace(s) == "":
			b.WriteString(s)
		case runHL:
			b.WriteString(k.hl.Render(s))
		default:
			b.WriteString(k.line.Render(s))
		}
		run.Reset()
	}
	for x := x0; x < x1 && x < cv.w; x++ {
		r, hl := ' ', false
		if c := cv.at(x, y); c != nil {
			r, hl = c.glyph()
		}
		if r == ' ' {
			hl = runHL // spaces join any run
		}
		if hl != runHL {
			flush()
			runHL = hl
		}
		run.WriteRune(r)
	}
	flush()
}
