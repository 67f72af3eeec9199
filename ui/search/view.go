package search

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/casegraph/casegraph/ui/common"
)

// statusWidth is the room kept right of the input for the result count.
const statusWidth = 26

// View draws the input line, then the results and the preview.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := []string{m.inputLine()}
	listLines := strings.Split(m.resultsView(), "\n")
	prevLines := m.previewView()
	if m.wide {
		lines = append(lines, m.paneTitle(m.resultsTitle(), m.listW, !m.typing)+
			m.c.Styles.Dim.Render("┬")+m.paneTitle("Preview", m.prevW, false))
		bar := m.c.Styles.Dim.Render("│")
		for y := 0; y < m.listH; y++ {
			lines = append(lines, common.Pad(listLines[y], m.listW)+bar+common.Pad(at(prevLines, y), m.prevW))
		}
	} else {
		lines = append(lines, m.paneTitle(m.resultsTitle(), m.width, !m.typing))
		lines = append(lines, listLines...)
		lines = append(lines, m.paneTitle("Preview", m.width, false))
		for y := 0; y < m.prevH; y++ {
			lines = append(lines, at(prevLines, y))
		}
	}
	return common.Lines(strings.Join(lines, "\n"), m.width, m.height)
}

func at(ls []string, i int) string {
	if i < len(ls) {
		return ls[i]
	}
	return ""
}

// inputLine is the query input with the state of the search on its right.
func (m *Model) inputLine() string {
	st := m.c.Styles
	var status string
	switch {
	case m.err != nil:
		status = st.Error.Render(common.Fit("search failed: "+m.err.Error(), statusWidth))
	case m.pending:
		status = st.Dim.Render("searching…")
	case m.res == nil:
	case m.res.count == 0:
		status = st.Dim.Render("no match")
	default:
		status = st.Dim.Render(fmt.Sprintf("%d results in %d kinds", m.res.count, len(m.res.groups)))
	}
	in := common.Pad(m.input.View(), max(0, m.width-statusWidth-1))
	return in + " " + common.Pad(status, statusWidth)
}

func (m *Model) resultsTitle() string {
	if m.res == nil || m.res.count == 0 {
		return "Results"
	}
	t := "Results"
	d, nm := m.marked()
	if d > 0 {
		t += fmt.Sprintf(" · ◆ %d designated", d)
	}
	if nm > 0 {
		t += fmt.Sprintf(" · ≈ %d named like a designated entry", nm)
	}
	if m.res.truncated {
		t += fmt.Sprintf(" · best %d hits: type more to narrow", searchLimit)
	}
	return t
}

// marked counts the designated results and those named like a designated entry.
func (m *Model) marked() (designated, matched int) {
	for _, g := range m.res.groups {
		designated += g.designated
		matched += g.matched
	}
	return designated, matched
}

// paneTitle is a rule across a pane with its title; the focused pane's is bold.
func (m *Model) paneTitle(title string, width int, focused bool) string {
	st := m.c.Styles
	rule, style := "─", st.Dim
	if focused {
		rule, style = "━", st.Key.Bold(true)
	}
	t := common.Fit(title, max(0, width-4))
	line := rule + rule + " " + t + " "
	return style.Render(line + strings.Repeat(rule, max(0, width-lipgloss.Width(line))))
}

// resultsView is the results list, or what to type when there is none.
func (m *Model) resultsView() string {
	st := m.c.Styles
	var text []string
	switch {
	case m.err != nil:
		text = common.Wrap(common.Clean(m.err.Error()), m.listW-2, m.listH)
		for i := range text {
			text[i] = st.Error.Render(text[i])
		}
	case m.res == nil && m.pending:
		text = []string{st.Dim.Render("searching…")}
	case m.res == nil:
		text = m.hint()
	case m.res.count == 0:
		text = []string{st.Dim.Render(common.Fit(fmt.Sprintf("No node matches %q.", m.res.query), m.listW))}
		text = append(text, m.hint()[1:]...)
	default:
		return m.list.View()
	}
	return common.Lines(strings.Join(text, "\n"), m.listW, m.listH)
}

// hint explains the search on an empty screen.
func (m *Model) hint() []string {
	st := m.c.Styles
	w := m.listW
	var out []string
	for _, p := range []string{
		"Type to search every node: contractors, clients, list entries and the names they are listed under, e-mails, phones, addresses, accounts, wallets, handles.",
		"Every word must match, whole or as the beginning of a word; a full key (contractor:FL-000081, ofac:43377) finds that node.",
		"↑/↓ move through the results while typing, Enter opens the selected node, Esc or Tab moves to the results (j/k, g/G, pgup/pgdn).",
	} {
		out = append(out, "")
		for _, l := range common.Wrap(p, w, 4) {
			out = append(out, st.Dim.Render(l))
		}
	}
	return out
}

// previewView is the preview pane's lines.
func (m *Model) previewView() []string {
	it, ok := m.selected()
	if !ok {
		return nil
	}
	return m.previewLines(it, m.previews[it.node.ID], m.prevW, !m.wide)
}

// drawRow draws results row i: a group heading or an item.
func (m *Model) drawRow(i, width int, selected bool) string {
	st := m.c.Styles
	r := m.rows[i]
	g := m.res.groups[r.group]
	if r.it < 0 {
		line := st.Title.Render(common.Clean(g.kind)) + st.Dim.Render(fmt.Sprintf("  %d", len(g.items)))
		if g.designated > 0 {
			line += "  " + st.Designated.Render(fmt.Sprintf("◆ %d designated", g.designated))
		}
		if g.matched > 0 {
			line += "  " + st.Risk.Render(fmt.Sprintf("≈ %d named like a listed entry", g.matched))
		}
		return common.Pad(line, width)
	}
	it := g.items[r.it]
	n := it.node
	// A selected row is drawn plain then reversed whole: styles inside it
	// would end the reverse video at their first reset.
	style := func(s lipgloss.Style, text string) string {
		if selected {
			return text
		}
		return s.Render(text)
	}
	var b strings.Builder
	if selected {
		b.WriteString("▸") // the cursor, visible without colour too
	} else {
		b.WriteString(" ")
	}
	switch {
	case it.designated() && !it.delisted():
		b.WriteString(style(st.Designated, "◆ "))
	case it.designated():
		b.WriteString(style(st.Dim, "◇ "))
	case len(it.matches) > 0:
		b.WriteString(style(st.Risk, "≈ "))
	default:
		b.WriteString("  ")
	}
	if showsKey(n) {
		k := common.Fit(n.Key, keyCap)
		b.WriteString(style(st.Key, k) + strings.Repeat(" ", max(0, g.keyWidth-lipgloss.Width(k))) + "  ")
	}
	b.WriteString(common.Clean(n.Label))
	var notes []string
	if it.designated() {
		if ps := common.Strs(n.Attrs["programs"]); len(ps) > 0 {
			notes = append(notes, strings.Join(ps, " "))
		}
		if it.delisted() {
			notes = append(notes, "delisted")
		}
	}
	if it.alias != "" {
		notes = append(notes, "aka "+it.alias)
	}
	if len(notes) > 0 {
		b.WriteString(style(st.Dim, "  "+common.Clean(strings.Join(notes, " · "))))
	}
	if len(it.matches) > 0 {
		e := it.matches[0]
		note := "  ≈ " + e.Key + " " + e.Label
		if more := len(it.matches) - 1; more > 0 {
			note += fmt.Sprintf(" +%d", more)
		}
		b.WriteString(style(st.Risk, common.Clean(note)))
	}
	line := common.Pad(b.String(), width)
	if selected {
		return st.Selected.Render(line)
	}
	return line
}
