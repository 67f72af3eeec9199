// Package form draws the workbench's dialogs: labelled fields, option rows,
// buttons, wrapped result lines — what the export and import dialogs share.
package form

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/styles"
)

// LabelWidth is the column the dialog's values start at: "  ▸ Format  ".
const LabelWidth = 12

// Label draws a field's label column, marked when the field has the focus.
func Label(st *styles.Styles, text string, focused bool) string {
	if focused {
		return "  " + st.Key.Render("▸") + " " + st.Title.Render(common.Pad(text, LabelWidth-4))
	}
	return "    " + common.Pad(text, LabelWidth-4)
}

// NewInput is a one-line text field whose cursor does not blink: a blinking
// cursor would keep a timer running for as long as the dialog is open.
func NewInput(placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	s := textinput.DefaultDarkStyles()
	s.Cursor.Blink = false
	s.Focused.Placeholder = lipgloss.NewStyle().Foreground(lipgloss.Color("8"))
	s.Blurred.Placeholder = s.Focused.Placeholder
	s.Blurred.Text = lipgloss.NewStyle()
	in.SetStyles(s)
	return in
}

// choices lays out a row of options in width cells: every option when they
// fit, else a window around the chosen one with ‹ › saying more are beside
// it. It returns the first and last option shown and whether it is windowed.
func choices(opts []string, chosen, width int) (first, last int, windowed bool) {
	w := func(i int) int { return ansi.StringWidth(opts[i]) + 2 }
	total := 0
	for i := range opts {
		total += w(i)
	}
	if total <= width || len(opts) == 0 {
		return 0, len(opts) - 1, false
	}
	first, last = chosen, chosen
	used := w(chosen) + 2 // the two arrows
	for grew := true; grew; {
		grew = false
		if last+1 < len(opts) && used+w(last+1) <= width {
			last++
			used += w(last)
			grew = true
		}
		if first > 0 && used+w(first-1) <= width {
			first--
			used += w(first)
			grew = true
		}
	}
	return first, last, true
}

// Selector draws a row of options: the chosen one in brackets (and reversed
// when the row has the focus), the others plain.
func Selector(st *styles.Styles, opts []string, chosen, width int, focused bool) string {
	first, last, windowed := choices(opts, chosen, width)
	var b strings.Builder
	if windowed {
		if first > 0 {
			b.WriteString(st.Dim.Render("‹"))
		} else {
			b.WriteByte(' ')
		}
	}
	for i := first; i <= last && i >= 0; i++ {
		switch {
		case i == chosen && focused:
			b.WriteString(st.Selected.Render("[" + opts[i] + "]"))
		case i == chosen:
			b.WriteString(st.Title.Render("[" + opts[i] + "]"))
		default:
			b.WriteString(" " + opts[i] + " ")
		}
	}
	if windowed && last < len(opts)-1 {
		b.WriteString(st.Dim.Render("›"))
	}
	return b.String()
}

// OptionAt is the option drawn at cell x of a selector row, or -1.
func OptionAt(opts []string, chosen, width, x int) int {
	first, last, windowed := choices(opts, chosen, width)
	if windowed {
		x--
	}
	for i := first; i <= last && i >= 0; i++ {
		w := ansi.StringWidth(opts[i]) + 2
		if x >= 0 && x < w {
			return i
		}
		x -= w
	}
	return -1
}

// Wrap cleans text and wraps it to width cells at spaces (never inside a
// quoted value at a hyphen), cutting only words longer than a line.
func Wrap(text string, width int) []string {
	width = max(10, width)
	var lines []string
	line := ""
	for _, word := range strings.Fields(common.Clean(text)) {
		for ansi.StringWidth(word) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head := ansi.Truncate(word, width, "")
			lines, word = append(lines, head), word[len(head):]
		}
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// Back leaves the dialog the way the root's back key does (the root has no
// message for it): alt+← is back even while a field takes typed text.
func Back() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyLeft, Mod: tea.ModAlt} }

// Button draws a dialog's action button, reversed when it has the focus.
func Button(st *styles.Styles, text string, focused bool) string {
	if focused {
		return Label(st, "", true) + st.Selected.Render(text)
	}
	return Label(st, "", false) + st.Title.Render(text)
}

// Lines collects wrapped lines below a form, w cells wide.
type Lines struct {
	W   int
	Out []string
}

// Add wraps text indent cells in, continuation lines under the first line's
// text (past a leading ✓ or ✗), each drawn with style.
func (l *Lines) Add(style func(...string) string, text string, indent int) {
	hang := 0
	if strings.HasPrefix(text, "✓ ") || strings.HasPrefix(text, "✗ ") {
		hang = 2
	}
	for i, line := range Wrap(text, l.W-indent-hang) {
		pad := 2 + indent
		if i > 0 {
			pad += hang
		}
		l.Out = append(l.Out, strings.Repeat(" ", pad)+style(line))
	}
}
