package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/sanitize"
)

// Clean is the one sanitiser every data string passes before it is drawn: no
// control characters, no escape sequences (records are written by the people
// under investigation).
func Clean(s string) string { return sanitize.Text(s) }

// Fit cleans s and cuts it to width cells, with an ellipsis when cut.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(Clean(s), width, "…")
}

// Pad cuts or pads an already-styled line to exactly width cells.
func Pad(line string, width int) string {
	w := lipgloss.Width(line)
	switch {
	case w > width:
		return ansi.Truncate(line, width, "…")
	case w < width:
		return line + strings.Repeat(" ", width-w)
	}
	return line
}

// Lines fits text to height lines of width cells (padding with blank lines),
// so a screen never draws outside its box.
func Lines(text string, width, height int) string {
	ls := strings.Split(text, "\n")
	if len(ls) > height {
		ls = ls[:height]
	}
	for i := range ls {
		ls[i] = Pad(ls[i], width)
	}
	for len(ls) < height {
		ls = append(ls, strings.Repeat(" ", width))
	}
	return strings.Join(ls, "\n")
}
