// Package common is what every workbench screen shares: the Common value
// (size, styles, keys, database, logger), the Screen contract, the messages
// screens send the root, and the text helpers that keep data off the
// terminal's control channel.
package common

import (
	"context"
	"log"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/styles"
)

// Common is passed to every screen. Screens read the database only inside
// tea.Cmds (Query), never in Update or View.
type Common struct {
	Ctx    context.Context
	Store  *store.Store
	Styles *styles.Styles
	Keys   *KeyMap
	Log    *log.Logger // to the --debug file, or discarding
}

// Query runs fn off the event loop and delivers its result as a message.
func (c *Common) Query(fn func(ctx context.Context, st *store.Store) tea.Msg) tea.Cmd {
	return func() tea.Msg { return fn(c.Ctx, c.Store) }
}

// Screen is one workbench screen. The root owns layout: it tells a screen its
// size (the space between the header and the status line) with SetSize, and
// routes every message to the current screen.
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	// Title is the screen's crumb in the breadcrumb trail.
	Title() string
	// ShortHelp and FullHelp list the screen's own keys for the help line and
	// the ? overlay (the root adds the global ones).
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// Messages screens send the root.
type (
	// OpenMsg asks the root to open a node's entity screen (pushing history).
	OpenMsg struct{ Key string }
	// PushMsg asks the root to push a screen.
	PushMsg struct{ Screen Screen }
	// StatusMsg shows text in the status line.
	StatusMsg string
	// ErrMsg shows an error in the status line.
	ErrMsg struct{ Err error }
	// ActiveCaseMsg makes a case the active one: P, T and N act on it.
	ActiveCaseMsg struct{ Name string }
)

// Err makes an ErrMsg command.
func Err(err error) tea.Cmd { return func() tea.Msg { return ErrMsg{err} } }

// Open makes an OpenMsg command.
func Open(key string) tea.Cmd { return func() tea.Msg { return OpenMsg{key} } }
