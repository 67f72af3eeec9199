package graphview

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
)

// label is a node's box text in pieces, cleaned, with their widths: the
// designation marker, "[kind] ", the label, and the count of links the
// graph leaves out (a hub's neighbours, "+35 uses").
type label struct {
	marker, kind, text, more string
	wm, wk, wt, wmore        int
	short                    string // the count alone ("+35"), for narrow columns
}

func (l label) width() int { return l.wm + l.wk + l.wt + l.wmore }

func newLabel(a *arrangement, key string) label {
	n := a.nodes[key]
	var l label
	if n.Designated {
		l.marker = "◆ "
	}
	l.kind = "[" + common.Clean(n.Kind) + "] "
	text := n.Label
	if text == "" {
		text = key
		if i := strings.IndexByte(key, ':'); i >= 0 {
			text = key[i+1:]
		}
	}
	l.text = common.Clean(text)
	total := 0
	for k, c := range n.Hidden {
		total += c
		l.more = fmt.Sprintf(" +%d %s", c, common.Clean(k)) // when it is the only kind
	}
	if len(n.Hidden) > 1 {
		l.more = fmt.Sprintf(" +%d links", total)
	}
	if total > 0 {
		l.short = fmt.Sprintf(" +%d", total)
	}
	l.wm, l.wk, l.wt, l.wmore = lipgloss.Width(l.marker), lipgloss.Width(l.kind), lipgloss.Width(l.text), lipgloss.Width(l.more)
	return l
}

// fit cuts a label to w cells: the text first, then the hidden-link count
// to the number alone, then without it, and when even the kind does not
// fit, the whole.
func (l label) fit(w int) label {
	if l.width() <= w {
		return l
	}
	fixed := l.wm + l.wk
	if w-fixed-l.wmore < 6 {
		l.more, l.wmore = l.short, len(l.short)
	}
	if w-fixed-l.wmore < 6 {
		l.more, l.wmore = "", 0
	}
	if room := w - fixed - l.wmore; room >= 1 {
		l.text = common.Fit(l.text, room)
		l.wt = lipgloss.Width(l.text)
		return l
	}
	all := common.Fit(l.marker+l.kind+l.text, w)
	return label{text: all, wt: lipgloss.Width(all)}
}

// styled draws a label fitted to w cells: the selection reversed, designated
// entries in their style and with their marker (so they show without
// colour), the centre's name in bold, the hidden-link count dimmed.
func (a *arrangement) styled(st *styles.Styles, key string, w int, selected bool) (string, int) {
	l := a.labels[key].fit(w)
	n := a.nodes[key]
	plain := l.marker + l.kind + l.text + l.more
	switch {
	case selected && n.Designated:
		return st.Selected.Inherit(st.Designated).Render(plain), l.width()
	case selected:
		return st.Selected.Render(plain), l.width()
	}
	more := l.more
	if more != "" {
		more = st.Dim.Render(more)
	}
	var out string
	switch {
	case n.Designated:
		out = st.Designated.Render(l.marker+l.kind+l.text) + more
	case l.kind == "":
		out = l.text + more
	case key == a.center:
		out = st.Kind.Render(l.kind) + st.Title.Render(l.text) + more
	default:
		out = st.Kind.Render(l.kind) + l.text + more
	}
	return out, l.width()
}

// headings names each drawn column by its distance and node count, with ◂
// and ▸ when levels are left out on either side.
func (a *arrangement) headings(k ink, cols []column, w int) string {
	nl := len(a.cols)
	var b strings.Builder
	x := 0
	for j, c := range cols {
		n := len(a.cols[c.level])
		var t string
		switch {
		case c.level == 0:
			t = "centre"
		case a.unlinked && c.level == nl-1:
			t = fmt.Sprintf("not linked · %d", n)
		case c.level == 1:
			t = fmt.Sprintf("1 hop · %d", n)
		default:
			t = fmt.Sprintf("%d hops · %d", c.level, n)
		}
		if j == 0 && c.level > 0 {
			t = "◂ " + t
		}
		if j == len(cols)-1 && c.level < nl-1 {
			t += " ▸"
		}
		b.WriteString(strings.Repeat(" ", max(c.x-x, 0)))
		t = common.Fit(t, c.w)
		b.WriteString(k.dim.Render(t))
		x = c.x + lipgloss.Width(t)
	}
	return common.Pad(b.String(), w)
}
