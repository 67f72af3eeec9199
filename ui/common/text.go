package common

import (
	"fmt"
	"sort"
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

// ValueText renders an attribute value (string, list, object) as one line of text.
func ValueText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		parts := make([]string, 0, len(v))
		for _, x := range v {
			parts = append(parts, ValueText(x))
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+": "+ValueText(v[k]))
		}
		return strings.Join(parts, ", ")
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// Str is v when it is a string, else "".
func Str(v any) string {
	s, _ := v.(string)
	return s
}

// Strs reads a JSON array of strings (other values are skipped).
func Strs(v any) []string {
	var out []string
	if xs, ok := v.([]any); ok {
		for _, x := range xs {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// Wrap breaks already-cleaned text into at most n lines of at most width
// cells, marking a cut with an ellipsis.
func Wrap(text string, width, n int) []string {
	if width <= 0 || n <= 0 {
		return nil
	}
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && ansi.StringWidth(line)+1+ansi.StringWidth(w) > width {
			out = append(out, Fit(line, width))
			line = ""
			if len(out) == n {
				out[n-1] = Fit(out[n-1]+" …", width)
				return out
			}
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, Fit(line, width))
	}
	return out
}

// Cell cleans s and fits it to exactly width cells: a table cell.
func Cell(s string, width int) string { return Pad(Fit(s, width), width) }

// Indent puts prefix before every line of text.
func Indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(text, "\n", "\n"+prefix)
}
