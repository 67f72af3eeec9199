package common

import "charm.land/bubbles/v2/key"

// KeyMap is every key the workbench answers, built by DefaultKeyMap. Screens
// use the shared navigation bindings so arrows and vim keys work everywhere.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Left, Right, Tab, ShiftTab              key.Binding
	Enter, Back, Forward                    key.Binding
	Search, Help, Palette, Quit             key.Binding
	Dashboard, Risk, Clusters               key.Binding
	Paths, Graph, Payments, Export, Import  key.Binding
	Mark, Sort                              key.Binding
	Cases, Pin, Tag, Note                   key.Binding
}

// DefaultKeyMap returns the workbench's keys.
func DefaultKeyMap() *KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Up:        b("↑/k", "up", "up", "k"),
		Down:      b("↓/j", "down", "down", "j"),
		PageUp:    b("pgup", "page up", "pgup", "ctrl+u"),
		PageDown:  b("pgdn", "page down", "pgdown", "ctrl+d"),
		Top:       b("g/home", "top", "home", "g"),
		Bottom:    b("G/end", "bottom", "end", "G"),
		Left:      b("←/h", "left", "left", "h"),
		Right:     b("→/l", "right", "right", "l"),
		Tab:       b("tab", "next pane", "tab"),
		ShiftTab:  b("shift+tab", "previous pane", "shift+tab"),
		Enter:     b("enter", "open / follow", "enter"),
		Back:      b("bksp/alt+←", "back", "backspace", "alt+left"),
		Forward:   b("alt+→", "forward", "alt+right"),
		Search:    b("/", "search", "/"),
		Help:      b("?", "help", "?"),
		Palette:   b(":", "commands", ":"),
		Quit:      b("q", "quit", "q", "ctrl+c"),
		Dashboard: b("D", "dashboard", "D"),
		Risk:      b("R", "risk ranking", "R"),
		Clusters:  b("C", "clusters", "C"),
		Paths:     b("p", "paths to designated", "p"),
		Graph:     b("v", "graph of this node", "v"),
		Payments:  b("$", "payments", "$"),
		Export:    b("x", "export", "x"),
		Import:    b("I", "import a file", "I"),
		Mark:      b("m", "mark for a path", "m"),
		Sort:      b("s", "sort", "s"),
		Cases:     b("K", "cases", "K"),
		Pin:       b("P", "pin to the active case", "P"),
		Tag:       b("T", "tag in the active case", "T"),
		Note:      b("N", "note in the active case", "N"),
	}
}

// Nav lists the navigation keys for help screens.
func (k *KeyMap) Nav() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}
