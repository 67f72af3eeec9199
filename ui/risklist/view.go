package risklist

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// wideAt is the width from which the detail stands right of the ranking
// rather than below it.
const wideAt = 120

func (m *Model) wide() bool { return m.width >= wideAt }

// Rows of the body above the ranking's rows: the header and the column heads.
const listTop = 2

// layout sizes the two panes: side by side when wide (the detail from the
// line under the header), else the ranking above a rule and the detail.
func (m *Model) layout() {
	w, h := m.width, m.height
	if m.wide() {
		lw := min(w/2, 100)
		m.list.Width, m.list.Height = lw-1, max(1, h-listTop) // a blank column before the bar
		m.steps.Width, m.steps.Height = w-lw-2, max(1, h-1)
	} else {
		body := max(2, h-listTop-1)
		dh := body * 11 / 20
		m.list.Width, m.list.Height = w, max(1, body-dh)
		m.steps.Width, m.steps.Height = w, max(1, dh)
	}
	m.list.Move(0)
	m.steps.Move(0)
}

// detailTop is the body line the detail's first row is drawn on.
func (m *Model) detailTop() int {
	if m.wide() {
		return 1
	}
	return listTop + m.list.Height + 1
}

// click selects the ranking row or the path step at body cell (x, y).
func (m *Model) click(x, y int) {
	if m.inSteps(x, y) {
		old := m.steps.Cursor
		if m.steps.Click(y-m.detailTop()) && !m.steps.Skip(m.steps.Cursor) {
			m.focus = paneSteps
		} else {
			m.steps.Cursor = old
		}
		return
	}
	if y >= listTop && m.list.Click(y-listTop) {
		m.focus = paneList
	}
}

// inSteps reports whether body cell (x, y) is in the detail pane.
func (m *Model) inSteps(x, y int) bool {
	if m.wide() {
		return x > m.list.Width+2 && y >= 1
	}
	return y >= m.detailTop()
}

// View draws the screen.
func (m *Model) View() string {
	w, h := m.width, m.height
	st := m.c.Styles
	switch {
	case !m.loaded:
		return common.Lines(st.Dim.Render("reading the risk ranking…"), w, h)
	case m.run == nil:
		return common.Lines(m.emptyView(), w, h)
	}
	var b strings.Builder
	b.WriteString(m.header() + "\n")
	list := m.heads() + "\n" + m.list.View()
	if m.total == 0 {
		list = common.Lines(m.heads()+"\n"+st.Dim.Render(common.Fit("  no contractors to rank: import contractors (I), then press r", m.list.Width)),
			m.list.Width, m.list.Height+1)
	}
	if m.wide() {
		left := strings.Split(list, "\n")
		right := strings.Split(m.steps.View(), "\n")
		bar := st.Dim.Render("│") + " "
		for i := range max(len(left), len(right)) {
			if i > 0 {
				b.WriteByte('\n')
			}
			l, r := "", ""
			if i < len(left) {
				l = left[i]
			}
			if i < len(right) {
				r = right[i]
			}
			b.WriteString(common.Pad(l, m.list.Width+1) + bar + r)
		}
	} else {
		b.WriteString(list + "\n")
		b.WriteString(st.Dim.Render(strings.Repeat("─", w)) + "\n")
		b.WriteString(m.steps.View())
	}
	return common.Lines(b.String(), w, h)
}

// header is the run's summary on the left, the position (or the work under
// way, or the last error) on the right.
func (m *Model) header() string {
	st := m.c.Styles
	r := m.run
	var right string
	switch {
	case m.computing:
		right = st.Risk.Render("computing…")
	case m.err != nil:
		right = st.Error.Render(common.Fit(m.err.Error(), max(10, m.width/2)))
	case m.total > 0:
		right = st.Dim.Render(fmt.Sprintf("%d/%d", m.list.Cursor+1, m.total))
	}
	// The longest summary that fits.
	room := m.width - ansi.StringWidth(right) - 2
	var left string
	at := common.Clean(r.ComputedAt)
	for _, f := range []string{
		fmt.Sprintf("  %d contractors · %d linked to a designated entry · computed %s", r.Contractors, r.Linked, at),
		fmt.Sprintf("  %d contractors · %d linked · %s", r.Contractors, r.Linked, at),
		fmt.Sprintf("  %d contractors · %d linked", r.Contractors, r.Linked),
	} {
		left = st.Title.Render("Risk ranking") + st.Dim.Render(f)
		if ansi.StringWidth(left) <= room {
			break
		}
	}
	return spread(left, right, m.width)
}

// spread puts left and right on one line of width cells, cutting left.
func spread(left, right string, width int) string {
	rw := ansi.StringWidth(right)
	if rw == 0 {
		return common.Pad(left, width)
	}
	if rw+2 > width {
		return common.Pad(right, width)
	}
	return common.Pad(left, width-rw-2) + "  " + right
}

// emptyView offers to compute the ranking when none is stored.
func (m *Model) emptyView() string {
	st := m.c.Styles
	w := max(10, min(76, m.width-2))
	var b strings.Builder
	b.WriteString(st.Title.Render("Risk ranking") + "\n\n")
	if m.err != nil {
		b.WriteString("  Could not read the risk ranking.\n\n")
	} else {
		b.WriteString("  No risk ranking is stored yet.\n\n")
	}
	b.WriteString(common.Indent(st.Dim.Render(ansi.Wrap("The ranking scores every contractor by its strongest path to a designated list entry "+
		"(a shared payout account, wallet or device, transfers, a name match) and groups contractors that share "+
		"strong identifiers into clusters.", w, "")), "  ") + "\n\n")
	switch {
	case m.computing:
		b.WriteString("  " + st.Risk.Render("computing the ranking…"))
	case m.err != nil:
		b.WriteString("  " + st.Error.Render(common.Fit(m.err.Error(), w)) + "\n\n")
		b.WriteString("  " + st.HelpKey.Render("r") + " to try again")
	default:
		b.WriteString("  " + st.HelpKey.Render("r") + " to compute it now " + st.Dim.Render("(casegraph risk does the same from a shell)"))
	}
	return b.String()
}

// Column widths of the ranking.
const (
	scoreW   = 5
	hopsW    = 4
	idW      = 10
	clusterW = 10
)

func (m *Model) rankW() int { return max(3, len(strconv.Itoa(m.total))) }

// nameW is what the name column gets of width; the cluster column is dropped
// on very narrow screens.
func (m *Model) nameW(width int) (int, bool) {
	fixed := 2 + m.rankW() + 2 + scoreW + 1 + hopsW + 2 + idW + 1
	if width-fixed-1-clusterW >= 16 {
		return width - fixed - 1 - clusterW, true
	}
	return max(1, width-fixed), false
}

func (m *Model) heads() string {
	nw, cl := m.nameW(m.list.Width)
	line := fmt.Sprintf("  %*s  %*s %*s  %-*s %-*s", m.rankW(), "#", scoreW, "SCORE", hopsW, "HOPS", idW, "CONTRACTOR", nw, "NAME")
	if cl {
		line += " CLUSTER"
	}
	return m.c.Styles.Dim.Render(common.Pad(line, m.list.Width))
}

// short drops a key's kind prefix ("contractor:FL-000038" → "FL-000038").
func short(k, kind string) string { return strings.TrimPrefix(k, kind+":") }

func (m *Model) drawItem(i, width int, selected bool) string {
	st := m.c.Styles
	it, ok := m.item(i)
	gutter := "  "
	if selected {
		gutter = "▸ "
	}
	if !ok {
		return st.Dim.Render(fmt.Sprintf("%s%*d  …", gutter, m.rankW(), i+1))
	}
	nw, cl := m.nameW(width)
	score, hops := fmt.Sprintf("%*.3f", scoreW, it.Score), fmt.Sprintf("%*d", hopsW, it.Hops)
	if it.Score <= 0 {
		score, hops = fmt.Sprintf("%*s", scoreW, "–"), fmt.Sprintf("%*s", hopsW, "–")
	}
	rank := fmt.Sprintf("%*d", m.rankW(), it.Rank)
	id, name := common.Cell(short(it.Key, store.KindContractor), idW), common.Cell(it.Label, nw)
	cluster := ""
	if cl {
		cluster = " " + common.Fit(short(it.Cluster, "cluster"), clusterW)
	}
	if selected && m.focus == paneList {
		return st.Selected.Render(common.Pad(gutter+rank+"  "+score+" "+hops+"  "+id+" "+name+cluster, width))
	}
	sc := st.Risk.Render(score)
	if it.Score <= 0 {
		sc = st.Dim.Render(score)
	}
	return gutter + st.Dim.Render(rank) + "  " + sc + " " + hops + "  " + st.Key.Render(id) + " " + name + st.Dim.Render(cluster)
}

// detail lays out the selected contractor: who, why, and the path.
func (m *Model) detail(it store.RiskScore, width int) []drow {
	st := m.c.Styles
	var rows []drow
	text := func(styled, plain string) { rows = append(rows, drow{text: styled, plain: plain}) }
	id, label := common.Clean(short(it.Key, store.KindContractor)), common.Clean(it.Label)
	meta := fmt.Sprintf("  rank %d · score %.3f · %d hops", it.Rank, it.Score, it.Hops)
	if it.Score <= 0 {
		meta = fmt.Sprintf("  rank %d · no path", it.Rank)
	}
	if it.Cluster != "" {
		meta += " · " + common.Clean(it.Cluster)
	}
	if m.wide() {
		meta = strings.TrimPrefix(meta, "  ")
		text(st.Key.Render(id)+"  "+st.Title.Render(label), id+"  "+label)
		text(st.Dim.Render(meta), meta)
		text("", "")
		text(st.Title.Render("Why it ranks here"), "Why it ranks here")
	} else {
		text(st.Key.Render(id)+"  "+st.Title.Render(label)+st.Dim.Render(meta), id+"  "+label+meta)
	}
	for _, l := range strings.Split(ansi.Wrap(common.Clean(it.Reason), max(10, width-4), ""), "\n") {
		text("  "+l, "  "+l)
	}
	if len(it.Path) == 0 {
		return rows
	}
	if m.wide() {
		text("", "")
	}
	head := fmt.Sprintf("Path · %d hops", len(it.Path)-1)
	rows = append(rows, drow{text: st.Title.Render(head), plain: head, head: true})
	for j, s := range it.Path {
		rows = append(rows, m.step(s, j, j == len(it.Path)-1, width)...)
	}
	return rows
}

// step is a path step's row: the edge that leads to it from the step above,
// then its key, kind and label — the label on a row of its own when wide and
// the whole does not fit.
func (m *Model) step(s store.PathStep, j int, last bool, width int) []drow {
	st := m.c.Styles
	var styled, plain strings.Builder
	add := func(style func(...string) string, text string) {
		styled.WriteString(style(text))
		plain.WriteString(text)
	}
	plainStyle := func(s ...string) string { return strings.Join(s, "") }
	if s.Edge != "" {
		arrow := "─" + common.Clean(s.Edge) + "→ "
		if s.Dir == "in" {
			arrow = "←" + common.Clean(s.Edge) + "─ "
		}
		add(st.Kind.Render, arrow)
	}
	k := common.Clean(s.Key)
	if last {
		add(st.Designated.Render, "◆ "+k)
	} else {
		add(st.Key.Render, k)
	}
	add(st.Dim.Render, "  "+common.Clean(s.Kind))
	l := common.Clean(s.Label)
	if l == "" || strings.HasSuffix(k, l) {
		return []drow{{text: styled.String(), plain: plain.String(), key: s.Key, step: j}}
	}
	if !m.wide() || ansi.StringWidth(plain.String())+2+ansi.StringWidth(l) <= width-2 {
		add(plainStyle, "  "+l)
		return []drow{{text: styled.String(), plain: plain.String(), key: s.Key, step: j}}
	}
	// Under the key: past the gutter, the edge and the mark.
	pad := strings.Repeat(" ", 2+ansi.StringWidth(plain.String())-ansi.StringWidth(k+"  "+common.Clean(s.Kind)))
	return []drow{{text: styled.String(), plain: plain.String(), key: s.Key, step: j},
		{text: pad + l, plain: pad + l, key: s.Key, cont: true, step: j}}
}

func (m *Model) drawStep(i, width int, selected bool) string {
	st := m.c.Styles
	r := m.rows[i]
	if r.head {
		hint := "  tab, then enter opens a step"
		if m.focus == paneSteps {
			hint = "  enter opens the step · tab back to the ranking"
		}
		return r.text + st.Dim.Render(hint)
	}
	if r.key == "" || r.cont {
		return r.text
	}
	if selected && m.focus == paneSteps {
		return st.Selected.Render(common.Pad("▸ "+r.plain, width))
	}
	return "  " + r.text
}
