package payments

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// layout is where the parts of the screen go, in body lines.
type layout struct {
	chartTop, chartRows int // the chart's caption line, and its bar lines (0: no chart)
	tableTop, rows      int // the first table row, and how many
	detailTop, detail   int // the selected payment's lines
}

// detailLines is the height of the selected payment's box.
const detailLines = 4

// layout splits the body: two header lines, the chart (caption, bars, axis)
// when there is room, the table's header and rows, the selected payment.
func (m *Model) layout() layout {
	h := m.height
	var l layout
	y := 2
	if h >= 16 && m.count > 0 {
		l.chartTop, l.chartRows = y, max(2, min(6, h/7))
		y += l.chartRows + 2
	}
	if h >= 12 {
		l.detail = detailLines
	}
	l.tableTop = y + 1
	l.rows = max(1, h-l.tableTop-l.detail)
	l.detailTop = l.tableTop + l.rows
	return l
}

// View draws the screen.
func (m *Model) View() string {
	st := m.c.Styles
	w, h := m.width, m.height
	switch {
	case !m.loaded:
		return common.Lines(st.Dim.Render(common.Fit("reading the payments of "+m.key+"…", w)), w, h)
	case m.err != nil:
		return common.Lines(st.Error.Render(common.Fit("payments of "+m.key+": "+m.err.Error(), w)), w, h)
	}
	lines := []string{m.titleLine()}
	if m.count == 0 {
		lines = append(lines, "",
			st.Dim.Render(common.Fit("No ledger row names "+m.key+" as payer, payee or contractor.", w)),
			st.Dim.Render(common.Fit("Its links (back: alt+←) show how it is tied to the case without money.", w)))
		return common.Lines(strings.Join(lines, "\n"), w, h)
	}
	l := m.layout()
	lines = append(lines, m.totalsLine())
	if l.chartRows > 0 {
		lines = append(lines, m.chartLines(l.chartRows)...)
	}
	lines = append(lines, m.tableHeader())
	lines = append(lines, m.list.View())
	if l.detail > 0 {
		lines = append(lines, m.detailLines()...)
	}
	return common.Lines(strings.Join(lines, "\n"), w, h)
}

func (m *Model) titleLine() string {
	st := m.c.Styles
	left := st.Title.Render("Payments of ") + st.Key.Render(common.Clean(m.key))
	if saysMore(m.key, m.node.Label) {
		left += "  " + common.Clean(m.node.Label)
	}
	right := st.Dim.Render(m.describe())
	return spread(left, right, m.width)
}

// spread puts left and right on one line of width cells, cutting left.
func spread(left, right string, width int) string {
	rw := lipgloss.Width(right)
	if rw+2 > width {
		return common.Pad(left, width)
	}
	return common.Pad(left, width-rw-2) + "  " + right
}

func (m *Model) totalsLine() string {
	st := m.c.Styles
	switch {
	case m.sumErr != nil:
		return st.Error.Render(common.Fit("totals: "+m.sumErr.Error(), m.width))
	case m.sum == nil:
		return st.Dim.Render("adding up the totals…")
	}
	var parts []string
	used := 0
	for i, t := range m.sum.Currencies {
		cur := common.Clean(t.Currency)
		p := st.Title.Render(cur)
		if t.In != 0 || t.Out == 0 {
			p += " in " + money(t.In, t.Currency)
		}
		if t.Out != 0 {
			p += " out " + money(t.Out, t.Currency)
		}
		p += st.Dim.Render(fmt.Sprintf(" (%d)", t.Count))
		if t.Overflow {
			p += st.Error.Render(" overflow")
		}
		more := ""
		if rest := len(m.sum.Currencies) - i - 1; rest > 0 {
			more = fmt.Sprintf("   +%d more", rest)
		}
		pw := lipgloss.Width(p) + 3
		if i > 0 && used+pw+len(more) > m.width {
			parts = append(parts, st.Dim.Render(fmt.Sprintf("+%d more", len(m.sum.Currencies)-i)))
			break
		}
		parts = append(parts, p)
		used += pw
	}
	return strings.Join(parts, "   ")
}

// money is an amount as written, with thousands separated.
func money(minor int64, cur string) string {
	s := ingest.FormatAmount(minor, cur)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

// chartLines are the chart's caption, bars and axis.
func (m *Model) chartLines(rows int) []string {
	st := m.c.Styles
	w := m.width
	out := make([]string, 0, rows+2)
	cd := m.chartData()
	blank := func(first string) []string {
		out = append(out, first)
		for len(out) < rows+2 {
			out = append(out, "")
		}
		return out
	}
	switch {
	case m.sumErr != nil:
		return blank("")
	case m.sum == nil:
		return blank(st.Dim.Render("the chart follows the totals…"))
	case cd.n == 0:
		return blank(st.Dim.Render("no dated payment to chart"))
	}
	per := cd.perBar(w)
	sums := cd.sums(w)
	sel := -1
	if m.focus == focusChart {
		sel = min(len(sums)-1, m.month/per)
	}
	span := func(bar int) string {
		a := cd.label(bar * per)
		if per == 1 {
			return a
		}
		return a + "…" + cd.label(min(cd.months-1, bar*per+per-1))
	}
	cur := common.Clean(cd.cur)
	var caption string
	if sel >= 0 {
		t := sums[sel]
		n := fmt.Sprintf("%d payments", t.Count)
		if t.Count == 1 {
			n = "1 payment"
		}
		caption = st.Title.Render(span(sel)) + fmt.Sprintf("  %s  in %s  out %s %s", n,
			money(t.In, cd.cur), money(t.Out, cd.cur), cur) + st.Dim.Render("  enter: list them")
	} else {
		peak, at := 0.0, 0
		for i, t := range sums {
			if v := volume(t); v > peak {
				peak, at = v, i
			}
		}
		unit := "month"
		if per > 1 {
			unit = fmt.Sprintf("%d months", per)
		}
		t := sums[at]
		caption = st.Title.Render(cur+" moved per "+unit) + st.Dim.Render(" (in + out)") +
			fmt.Sprintf("  peak %s in %s", money(addCap(abs(t.In), abs(t.Out)), cd.cur), span(at)) +
			st.Dim.Render("  · tab: pick a month")
	}
	out = append(out, caption)
	out = append(out, cd.draw(w, rows, sel, func(s string) string { return st.Selected.Render(s) })...)
	first, last := cd.label(0), cd.label(cd.months-1)
	chartW := cd.bars(w) * cd.colWidth(w)
	axis := st.Dim.Render(first)
	if last != first && chartW >= len(first)+len(last)+1 {
		axis = st.Dim.Render(first + strings.Repeat(" ", chartW-len(first)-len(last)) + last)
	}
	out = append(out, axis)
	return out
}

func abs(v int64) int64 {
	if v == math.MinInt64 {
		return math.MaxInt64
	}
	if v < 0 {
		return -v
	}
	return v
}

// columns are the table's column widths for a width: narrow tables show one
// party (the counterparty), wide ones both and the rest of the row.
type columns struct {
	wide                          bool
	date, typ, party, amount, cur int
	payee, benef, rail, ref, src  int
}

func columnsFor(w int) columns {
	c := columns{date: 10, typ: 8, amount: 13, cur: 4}
	if w < 140 {
		c.party = max(8, w-(c.date+c.typ+c.amount+c.cur+4))
		return c
	}
	c.wide = true
	c.amount, c.rail, c.benef, c.ref, c.src = 14, 9, 16, 14, 18
	rest := w - (c.date + c.typ + c.amount + c.cur + c.rail + c.benef + c.ref + c.src + 9)
	c.party = min(40, rest/2)
	c.payee = c.party
	c.src += rest - 2*c.party
	return c
}

func rcell(s string, w int) string {
	s = common.Fit(s, w)
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}

func (m *Model) tableHeader() string {
	st := m.c.Styles
	c := columnsFor(m.width)
	date, amount := "Date", "Amount"
	switch m.order {
	case store.DateDesc:
		date += " ↓"
	case store.DateAsc:
		date += " ↑"
	case store.AmountDesc:
		amount += " ↓"
	case store.AmountAsc:
		amount += " ↑"
	}
	cols := []string{common.Cell(date, c.date), common.Cell("Type", c.typ)}
	if c.wide {
		cols = append(cols, common.Cell("Payer", c.party), common.Cell("Payee", c.payee), common.Cell("Beneficiary", c.benef),
			rcell(amount, c.amount), common.Cell("Cur", c.cur), common.Cell("Rail", c.rail), common.Cell("Reference", c.ref), common.Cell("Source", c.src))
	} else {
		cols = append(cols, common.Cell("Counterparty  (→ paid to, ← paid by)", c.party), rcell(amount, c.amount), common.Cell("Cur", c.cur))
	}
	return st.Title.Render(strings.Join(cols, " "))
}

// drawRow draws payment i of the list (a placeholder while its window is read).
func (m *Model) drawRow(i, width int, selected bool) string {
	st := m.c.Styles
	p, ok := m.row(i)
	if !ok {
		if m.pageErr != nil {
			return st.Error.Render(common.Fit("could not read: "+m.pageErr.Error(), width))
		}
		return st.Dim.Render(common.Fit("reading…", width))
	}
	c := columnsFor(width)
	dim := func(s string) string { return st.Dim.Render(s) }
	if selected {
		dim = func(s string) string { return s } // one style across the reversed row
	}
	date := p.Date
	if date == "" {
		date = "no date"
	}
	cols := []string{common.Cell(date, c.date), common.Cell(p.Type, c.typ)}
	amount := rcell(money(p.AmountMinor, p.Currency), c.amount)
	if c.wide {
		cols = append(cols, m.partyCell(p.Payer, c.party, dim), m.partyCell(p.Payee, c.payee, dim),
			common.Cell(p.Beneficiary, c.benef), amount, common.Cell(p.Currency, c.cur), common.Cell(p.Rail, c.rail),
			common.Cell(p.Reference, c.ref), dim(common.Cell(sourceOf(p), c.src)))
	} else {
		role := m.counterparty(p)
		glyph := "→ "
		if role == "payer" {
			glyph = "← "
		}
		other := party(p, role)
		text := glyph + common.Clean(other.Key)
		if lipgloss.Width(text) > c.party {
			text = glyph + keyCell(other.Key, c.party-2)
		}
		if saysMore(other.Key, other.Label) {
			text += "  " + dim(common.Clean(other.Label))
		}
		if other.Key == "" {
			text = dim("(no other party)")
		}
		cols = append(cols, common.Pad(text, c.party), amount, common.Cell(p.Currency, c.cur))
	}
	line := common.Pad(strings.Join(cols, " "), width)
	if selected {
		return st.Selected.Render(line)
	}
	return line
}

func (m *Model) partyCell(pt store.Party, w int, dim func(string) string) string {
	switch pt.Key {
	case "":
		return common.Cell("", w)
	case m.key:
		return dim(common.Cell("(this node)", w))
	}
	return keyCell(pt.Key, w)
}

// keyCell fits a node key to w cells; an account's or a wallet's loses the
// middle of its number, as the end is what tells two apart.
func keyCell(k string, w int) string {
	k = common.Clean(k)
	numbered := strings.HasPrefix(k, store.KindAccount+":") || strings.HasPrefix(k, store.KindWallet+":")
	if lipgloss.Width(k) <= w || w < 12 || !numbered {
		return common.Cell(k, w)
	}
	head := min(w/2, strings.LastIndex(k, ":")+1)
	tail := w - head - 1
	return ansi.Truncate(k, head, "") + "…" + ansi.TruncateLeft(k, lipgloss.Width(k)-tail, "")
}

// saysMore tells whether a label adds to its key: not when it is the key's
// value written another way ("US 322271627 4948543803", "ACME Inc").
func saysMore(key, label string) bool {
	if label == "" {
		return false
	}
	return !strings.Contains(alnum(key), alnum(label))
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sourceOf is the row's file (base name) and line.
func sourceOf(p store.Payment) string {
	return fmt.Sprintf("%s:%d", filepath.Base(p.Source), p.Line)
}

// detailLines describe the selected payment in full; the party Enter opens
// is marked.
func (m *Model) detailLines() []string {
	st := m.c.Styles
	w := m.width
	p, ok := m.row(m.list.Cursor)
	if !ok {
		return []string{st.Dim.Render(common.Fit("── reading…", w)), "", "", ""}
	}
	head := []string{}
	for _, s := range []string{p.ExtID, p.Type, p.Date, money(p.AmountMinor, p.Currency) + " " + p.Currency, p.Rail} {
		if s != "" {
			head = append(head, common.Clean(s))
		}
	}
	if p.Reference != "" {
		head = append(head, "ref "+common.Clean(p.Reference))
	}
	first := st.Dim.Render("── ") + strings.Join(head, st.Dim.Render(" · "))
	target := m.targetRole()
	line := func(role, title string, pt store.Party, extra string) string {
		mark := "  "
		k := common.Clean(pt.Key)
		switch {
		case pt.Key == "":
			k = st.Dim.Render("—")
		case role == target:
			mark = "▸ "
			k = st.Selected.Render(k)
		default:
			k = st.Key.Render(k)
		}
		label := ""
		switch {
		case pt.Key == m.key:
			label = st.Dim.Render("  (this node)")
		case saysMore(pt.Key, pt.Label):
			label = "  " + common.Clean(pt.Label)
		}
		return mark + st.Dim.Render(title) + k + label + extra
	}
	benef := ""
	if p.Beneficiary != "" {
		benef = st.Dim.Render("  · beneficiary ") + common.Clean(p.Beneficiary)
	}
	src := st.Dim.Render("  · row ") + st.Source.Render(common.Clean(sourceOf(p)))
	return []string{
		common.Pad(first, w),
		common.Pad(line("payer", "from ", p.Payer, ""), w),
		common.Pad(line("payee", "to   ", p.Payee, benef), w),
		common.Pad(line("contractor", "for  ", p.Contractor, src), w),
	}
}
