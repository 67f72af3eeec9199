package clusters

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// wideAt is the width from which the detail stands right of the list.
const wideAt = 120

// listTop is the body line of the list's first row (under the header and the
// column heads).
const listTop = 2

func (m *Model) wide() bool { return m.width >= wideAt }

// layout sizes the panes: side by side when wide; else the list (no taller
// than it needs, at most two fifths) above a rule and the detail.
func (m *Model) layout() {
	w, h := m.width, m.height
	if m.wide() {
		lw := min(w*2/5, 72)
		m.list.Width, m.list.Height = lw-1, max(1, h-listTop) // a blank column before the bar
		m.detail.Width, m.detail.Height = w-lw-2, max(1, h-1)
	} else {
		body := max(2, h-listTop-1)
		lh := max(1, min(max(1, m.stats.Clusters), max(3, body*2/5)))
		m.list.Width, m.list.Height = w, lh
		m.detail.Width, m.detail.Height = w, max(1, body-lh)
	}
	m.list.Move(0)
	m.detail.Move(0)
}

func (m *Model) detailTop() int {
	if m.wide() {
		return 1
	}
	return listTop + m.list.Height + 1
}

func (m *Model) inDetail(x, y int) bool {
	if m.wide() {
		return x > m.list.Width+2 && y >= 1
	}
	return y >= m.detailTop()
}

// click selects the cluster or the detail row at body cell (x, y).
func (m *Model) click(x, y int) {
	if m.inDetail(x, y) {
		old := m.detail.Cursor
		if m.detail.Click(y-m.detailTop()) && !m.detail.Skip(m.detail.Cursor) {
			m.focus = paneDetail
		} else {
			m.detail.Cursor = old
		}
		return
	}
	if y >= listTop && m.list.Click(y-listTop) {
		m.focus = paneList
	}
}

// View draws the screen.
func (m *Model) View() string {
	w, h := m.width, m.height
	st := m.c.Styles
	switch {
	case !m.loaded:
		return common.Lines(st.Dim.Render("reading the clusters…"), w, h)
	case m.run == nil:
		return common.Lines(m.emptyView(), w, h)
	}
	var b strings.Builder
	b.WriteString(m.header() + "\n")
	list := m.heads() + "\n" + m.list.View()
	if m.stats.Clusters == 0 {
		list = common.Lines(m.heads()+"\n"+st.Dim.Render(common.Fit("  no two contractors share a strong identifier (hubs aside)", m.list.Width)),
			m.list.Width, m.list.Height+1)
	}
	if m.wide() {
		left := strings.Split(list, "\n")
		right := strings.Split(m.detail.View(), "\n")
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
		b.WriteString(m.detail.View())
	}
	return common.Lines(b.String(), w, h)
}

// header sums the clusters up on the left; the position, the work under way
// or the last error on the right.
func (m *Model) header() string {
	st := m.c.Styles
	var right string
	switch {
	case m.computing:
		right = st.Risk.Render("computing…")
	case m.err != nil:
		right = st.Error.Render(common.Fit(m.err.Error(), max(10, m.width/2)))
	case m.stats.Clusters > 0:
		right = st.Dim.Render(fmt.Sprintf("%d/%d", m.list.Cursor+1, m.stats.Clusters))
	}
	room := m.width - ansi.StringWidth(right) - 2
	s, hubs := m.stats, len(m.run.Hubs)
	var left string
	for _, f := range []string{
		fmt.Sprintf("  %d clusters of %d contractors · %d linked to a designated entry · %d hub identifiers left out",
			s.Clusters, s.Contractors, s.Linked, hubs),
		fmt.Sprintf("  %d clusters of %d contractors · %d linked · %d hubs left out", s.Clusters, s.Contractors, s.Linked, hubs),
		fmt.Sprintf("  %d clusters · %d linked", s.Clusters, s.Linked),
	} {
		left = st.Title.Render("Clusters") + st.Dim.Render(f)
		if ansi.StringWidth(left) <= room {
			break
		}
	}
	if room < 0 {
		return common.Pad(right, m.width)
	}
	return common.Pad(left, room) + "  " + right
}

// emptyView offers to compute the clusters when no run is stored.
func (m *Model) emptyView() string {
	st := m.c.Styles
	w := max(10, min(76, m.width-2))
	var b strings.Builder
	b.WriteString(st.Title.Render("Clusters") + "\n\n")
	if m.err != nil {
		b.WriteString("  Could not read the clusters.\n\n")
	} else {
		b.WriteString("  No clusters are stored: the risk ranking was never computed.\n\n")
	}
	b.WriteString(common.Indent(st.Dim.Render(ansi.Wrap("Clusters are contractors joined, one to the next, by payout accounts, wallets, "+
		"devices, photos, phones, addresses, emails or documents they share; identifiers that many profiles share "+
		"(coworking IPs, big clients) are hubs and join no one.", w, "")), "  ") + "\n\n")
	switch {
	case m.computing:
		b.WriteString("  " + st.Risk.Render("computing the ranking and the clusters…"))
	case m.err != nil:
		b.WriteString("  " + st.Error.Render(common.Fit(m.err.Error(), w)) + "\n\n")
		b.WriteString("  " + st.HelpKey.Render("r") + " to try again")
	default:
		b.WriteString("  " + st.HelpKey.Render("r") + " to compute them now " + st.Dim.Render("(casegraph risk does the same from a shell)"))
	}
	return b.String()
}

// Column widths of the list.
const (
	idW    = 12
	sizeW  = 4
	scoreW = 5
)

func (m *Model) heads() string {
	line := fmt.Sprintf("  %-*s %*s  %*s  %s", idW, "CLUSTER", sizeW, "SIZE", scoreW, "BEST", "DESIGNATED LINK")
	return m.c.Styles.Dim.Render(common.Pad(line, m.list.Width))
}

// short drops a key's kind prefix ("cluster:FL-000038" → "FL-000038").
func short(k, kind string) string { return strings.TrimPrefix(k, kind+":") }

// entry is the designated entry a link's path ends at.
func entry(link *store.RiskScore) (store.PathStep, bool) {
	if link == nil || len(link.Path) == 0 {
		return store.PathStep{}, false
	}
	return link.Path[len(link.Path)-1], true
}

func (m *Model) drawCluster(i, width int, selected bool) string {
	st := m.c.Styles
	c, ok := m.item(i)
	gutter := "  "
	if selected {
		gutter = "▸ "
	}
	if !ok {
		return st.Dim.Render(gutter + "…")
	}
	id := common.Cell(short(c.ID, "cluster"), idW)
	size, score := fmt.Sprintf("%*d", sizeW, c.Size), fmt.Sprintf("%*.3f", scoreW, c.Score)
	fixed := 2 + idW + 1 + sizeW + 2 + scoreW + 2
	link, linked := "no designated link", false
	if e, ok := entry(c.Link); ok {
		link, linked = "◆ "+common.Clean(e.Key)+"  "+common.Clean(e.Label), true
	}
	link = common.Fit(link, max(1, width-fixed))
	if selected && m.focus == paneList {
		return st.Selected.Render(common.Pad(gutter+id+" "+size+"  "+score+"  "+link, width))
	}
	ls := st.Dim.Render(link)
	if linked {
		ls = st.Designated.Render(link)
	}
	return gutter + st.Key.Render(id) + " " + size + "  " + st.Risk.Render(score) + "  " + ls
}

// build lays out a cluster: its members, the identifiers they share, and its
// link to a designated entry.
func (m *Model) build(c *store.Cluster, width int) []drow {
	st := m.c.Styles
	var rows []drow
	text := func(styled, plain string) { rows = append(rows, drow{text: styled, plain: plain}) }
	gap := func() {
		if m.wide() {
			text("", "")
		}
	}
	id := common.Clean(c.ID)
	meta := fmt.Sprintf("  %d profiles · best score %.3f", c.Size, c.Score)
	text(st.Key.Render(id)+st.Dim.Render(meta), id+meta)
	gap()

	text(st.Title.Render(fmt.Sprintf("Members (%d)", len(c.Members))), "")
	kw := 0
	for _, mb := range c.Members {
		kw = max(kw, ansi.StringWidth(common.Clean(mb.Key)))
	}
	kw = min(kw, max(12, width/2))
	for _, mb := range c.Members {
		score := fmt.Sprintf("%.3f", mb.Score)
		k, l := common.Cell(mb.Key, kw), common.Clean(mb.Label)
		rows = append(rows, drow{text: st.Risk.Render(score) + "  " + st.Key.Render(k) + "  " + l,
			plain: score + "  " + k + "  " + l, key: mb.Key})
	}
	gap()

	text(st.Title.Render(fmt.Sprintf("Shared identifiers (%d)", len(c.Binding)))+st.Dim.Render("  identifier · kind · the members sharing it"), "")
	for _, bd := range c.Binding {
		rows = append(rows, m.binding(bd, width)...)
	}
	gap()

	link := c.Link
	if link == nil {
		text(st.Title.Render("Designated link")+st.Dim.Render("  none: no member has a path to a designated entry"), "")
		return rows
	}
	via := fmt.Sprintf("  through %s · score %.3f · %d hops", common.Clean(short(link.Key, store.KindContractor)), link.Score, link.Hops)
	text(st.Title.Render("Designated link")+st.Dim.Render(via), "")
	for _, l := range strings.Split(ansi.Wrap(common.Clean(link.Reason), max(10, width-4), ""), "\n") {
		text("  "+l, "  "+l)
	}
	if e, ok := entry(link); ok {
		k, kind, l := common.Clean(e.Key), common.Clean(e.Kind), common.Clean(e.Label)
		rows = append(rows, drow{text: st.Designated.Render("◆ "+k) + st.Dim.Render("  "+kind) + "  " + l,
			plain: "◆ " + k + "  " + kind + "  " + l, key: e.Key})
	}
	return rows
}

// binding is a shared identifier's row (key, kind, the members sharing it),
// the members on a row of their own when the whole does not fit.
func (m *Model) binding(bd store.ClusterBinding, width int) []drow {
	st := m.c.Styles
	ids := make([]string, len(bd.Members))
	for i, k := range bd.Members {
		ids[i] = common.Clean(short(k, store.KindContractor))
	}
	k, kind, who := common.Clean(bd.Key), common.Clean(bd.Kind), strings.Join(ids, ", ")
	head := drow{text: st.Key.Render(k) + st.Dim.Render("  "+kind), plain: k + "  " + kind, key: bd.Key}
	shared := who
	if ansi.StringWidth(head.plain)+2+ansi.StringWidth(shared) <= width-2 {
		head.text += "  " + shared
		head.plain += "  " + shared
		return []drow{head}
	}
	pad := strings.Repeat(" ", 4)
	return []drow{head, {text: pad + shared, plain: pad + shared, key: bd.Key, cont: true}}
}

func (m *Model) drawDetail(i, width int, selected bool) string {
	r := m.rows[i]
	if r.key == "" || r.cont {
		return r.text
	}
	if selected && m.focus == paneDetail {
		return m.c.Styles.Selected.Render(common.Pad("▸ "+r.plain, width))
	}
	return "  " + r.text
}
