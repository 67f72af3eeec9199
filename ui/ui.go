// Package ui starts the workbench: it builds the shared Common value, the
// screens, and the Bubble Tea program on a case database.
package ui

import (
	"context"
	"io"
	"log"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/casesview"
	"github.com/casegraph/casegraph/ui/clusters"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/dashboard"
	"github.com/casegraph/casegraph/ui/entity"
	"github.com/casegraph/casegraph/ui/exportdlg"
	"github.com/casegraph/casegraph/ui/graphview"
	"github.com/casegraph/casegraph/ui/importdlg"
	"github.com/casegraph/casegraph/ui/paths"
	"github.com/casegraph/casegraph/ui/payments"
	"github.com/casegraph/casegraph/ui/risklist"
	"github.com/casegraph/casegraph/ui/search"
	"github.com/casegraph/casegraph/ui/styles"
)

// Options configure a workbench run.
type Options struct {
	// DebugLog, when not empty, is a file the workbench logs to (never the
	// terminal it draws on).
	DebugLog string
	// Open, when not empty, is a node key to open after the dashboard.
	Open string
}

// NewCommon builds the value every screen shares.
func NewCommon(ctx context.Context, st *store.Store, logger *log.Logger) *common.Common {
	if logger == nil {
		logger = log.New(io.Discard, "", 0)
	}
	return &common.Common{Ctx: ctx, Store: st, Styles: styles.New(), Keys: common.DefaultKeyMap(), Log: logger}
}

// Screens are the workbench's screens.
func Screens() app.Screens {
	return app.Screens{
		Dashboard: dashboard.New,
		Entity:    entity.New,
		Paths:     paths.New,
		Search:    search.New,
		Risk:      risklist.New,
		Clusters:  clusters.New,
		Graph:     graphview.New,
		Payments:  payments.New,
		Export:    exportdlg.New,
		Import:    importdlg.New,
		Cases:     casesview.New,
	}
}

// NewModel returns the root model, opening key after the dashboard when set.
func NewModel(c *common.Common, open string) *app.Model {
	s := Screens()
	m := app.New(c, s, nil)
	if open != "" {
		m.Open(open)
	}
	return m
}

// Run opens the workbench on st until the user quits.
func Run(ctx context.Context, st *store.Store, opt Options) error {
	logger := log.New(io.Discard, "", 0)
	if opt.DebugLog != "" {
		f, err := os.OpenFile(opt.DebugLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		logger = log.New(f, "casegraph ", log.LstdFlags|log.Lmicroseconds)
		logger.Printf("workbench on %s", st.Path())
	}
	c := NewCommon(ctx, st, logger)
	p := tea.NewProgram(NewModel(c, opt.Open), tea.WithContext(ctx))
	_, err := p.Run()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		return nil
	}
	return err
}
