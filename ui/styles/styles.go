// Package styles holds every style the workbench draws with, built once by New
// with semantic names. Colours are ANSI basics that read on dark and light
// terminals; with NO_COLOR set (or a terminal without colour) Bubble Tea's
// renderer drops them and emphasis stays through bold, reverse and underline.
package styles

import (
	"charm.land/lipgloss/v2"
)

// Styles are the workbench's styles by meaning, not by look.
type Styles struct {
	App        lipgloss.Style
	Header     lipgloss.Style // the breadcrumb line
	Crumb      lipgloss.Style
	CrumbSep   lipgloss.Style
	Title      lipgloss.Style // a pane's title
	Pane       lipgloss.Style // a bordered pane
	PaneFocus  lipgloss.Style // the focused pane
	Selected   lipgloss.Style // the selected row
	Dim        lipgloss.Style // secondary text: counts, sources
	Key        lipgloss.Style // node keys
	Kind       lipgloss.Style // node and edge kinds
	Designated lipgloss.Style // designated entries: the thing to notice
	Risk       lipgloss.Style // risk scores
	Source     lipgloss.Style // file:line provenance
	Status     lipgloss.Style // the status line
	Error      lipgloss.Style
	HelpKey    lipgloss.Style
	HelpDesc   lipgloss.Style
	Overlay    lipgloss.Style // help and palette boxes
}

// New builds the styles.
func New() *Styles {
	red := lipgloss.Color("1")
	cyan := lipgloss.Color("6")
	yellow := lipgloss.Color("3")
	gray := lipgloss.Color("8")
	return &Styles{
		App:        lipgloss.NewStyle(),
		Header:     lipgloss.NewStyle().Bold(true),
		Crumb:      lipgloss.NewStyle().Underline(true),
		CrumbSep:   lipgloss.NewStyle().Foreground(gray),
		Title:      lipgloss.NewStyle().Bold(true),
		Pane:       lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(gray),
		PaneFocus:  lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(cyan),
		Selected:   lipgloss.NewStyle().Reverse(true),
		Dim:        lipgloss.NewStyle().Foreground(gray),
		Key:        lipgloss.NewStyle().Foreground(cyan),
		Kind:       lipgloss.NewStyle().Italic(true),
		Designated: lipgloss.NewStyle().Foreground(red).Bold(true),
		Risk:       lipgloss.NewStyle().Foreground(yellow).Bold(true),
		Source:     lipgloss.NewStyle().Foreground(gray),
		Status:     lipgloss.NewStyle().Reverse(true),
		Error:      lipgloss.NewStyle().Foreground(red).Bold(true),
		HelpKey:    lipgloss.NewStyle().Bold(true),
		HelpDesc:   lipgloss.NewStyle().Foreground(gray),
		Overlay:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1),
	}
}
