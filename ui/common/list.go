package common

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// List is a virtualised cursor over Len rows: it draws only the rows that fit
// (Row is called for those alone), so a list of a million payments costs what
// a list of ten does.
type List struct {
	Len    int
	Cursor int
	Offset int
	Height int
	Width  int
	// Row draws row i, already cleaned and at most width cells wide.
	Row func(i, width int, selected bool) string
	// Skip, when set, marks rows the cursor passes over (headings, text).
	Skip func(i int) bool
}

// Update moves the cursor for navigation keys and the mouse wheel; it reports
// whether the message was a move.
func (l *List) Update(msg tea.Msg, k *KeyMap) bool {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			l.Move(-1)
		case key.Matches(msg, k.Down):
			l.Move(1)
		case key.Matches(msg, k.PageUp):
			l.Move(-max(1, l.Height-1))
		case key.Matches(msg, k.PageDown):
			l.Move(max(1, l.Height-1))
		case key.Matches(msg, k.Top):
			l.Move(-l.Len)
		case key.Matches(msg, k.Bottom):
			l.Move(l.Len)
		default:
			return false
		}
		return true
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.Move(-3)
		case tea.MouseWheelDown:
			l.Move(3)
		default:
			return false
		}
		return true
	}
	return false
}

// Move moves the cursor by d rows, keeping it visible and off rows Skip
// marks (it goes on in the direction of the move, else back).
func (l *List) Move(d int) {
	l.Cursor = max(0, min(l.Len-1, l.Cursor+d))
	if l.Skip != nil && l.Len > 0 && l.Skip(l.Cursor) {
		dir := 1
		if d < 0 {
			dir = -1
		}
		if !l.seek(dir) {
			l.seek(-dir)
		}
	}
	l.follow()
}

// seek moves the cursor to the next row in direction dir that Skip allows.
func (l *List) seek(dir int) bool {
	for i := l.Cursor; i >= 0 && i < l.Len; i += dir {
		if !l.Skip(i) {
			l.Cursor = i
			return true
		}
	}
	return false
}

// Click selects the row drawn at line y of the list (0 = first visible row);
// it reports whether a row is there.
func (l *List) Click(y int) bool {
	i := l.Offset + y
	if y < 0 || i >= l.Len {
		return false
	}
	l.Cursor = i
	return true
}

func (l *List) follow() {
	if l.Cursor < l.Offset {
		l.Offset = l.Cursor
	}
	if l.Height > 0 && l.Cursor >= l.Offset+l.Height {
		l.Offset = l.Cursor - l.Height + 1
	}
	l.Offset = max(0, l.Offset)
}

// View draws the visible rows, padded to Height lines of Width cells.
func (l *List) View() string {
	l.follow()
	var b strings.Builder
	for y := 0; y < l.Height; y++ {
		if y > 0 {
			b.WriteByte('\n')
		}
		i := l.Offset + y
		if i < l.Len && l.Row != nil {
			b.WriteString(Pad(l.Row(i, l.Width, i == l.Cursor), l.Width))
		} else {
			b.WriteString(strings.Repeat(" ", l.Width))
		}
	}
	return b.String()
}
