// Command casegraph is the investigator's workbench: it loads contractor records,
// payment ledgers and designation lists into one SQLite case graph and answers
// "how is this contractor connected, and says which record?".
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/casegraph/casegraph/ui"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise it is
// read from the module build info.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		var quiet silentError
		if !errors.As(err, &quiet) {
			fmt.Fprintln(os.Stderr, "casegraph:", err)
		}
		os.Exit(1)
	}
}

// interactive reports whether the workbench can run: output to a terminal.
func (a *app) interactive(cmd *cobra.Command) bool {
	f, ok := cmd.OutOrStdout().(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && term.IsTerminal(int(os.Stdin.Fd()))
}

// silentError is an error already reported to the user.
type silentError struct{ error }

// app holds what every command shares: the database flag and output streams.
type app struct {
	dbFlag     string
	cpuProfile string
	debugLog   string
	openKey    string
}

func newRoot() *cobra.Command {
	a := &app{}
	root := &cobra.Command{
		Use:   "casegraph",
		Short: "A terminal workbench for investigating contractor identities, payments and sanctions links",
		Long: `casegraph loads contractor records, payment ledgers and sanctions designation lists
into one local SQLite graph and shows how a freelancer's identities, payout accounts
and wallets connect — through which records.

With no command, casegraph opens the workbench (a terminal UI) on the database;
when its output is not a terminal it prints the database summary instead.

The case database is --db PATH, else $CASEGRAPH_DB, else ./casegraph.db.`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !a.interactive(cmd) {
				// Not a terminal (a pipe, a script): the summary instead of the workbench.
				return a.runStats(cmd, false)
			}
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return fmt.Errorf("%w\n(casegraph demo opens the workbench on the bundled sample)", err)
			}
			defer st.Close()
			return ui.Run(cmd.Context(), st, ui.Options{DebugLog: a.debugLog, Open: a.openKey})
		},
	}
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "", "case database file (default $CASEGRAPH_DB or ./casegraph.db)")
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for developers)")
	root.PersistentFlags().StringVar(&a.debugLog, "debug", "", "workbench: append a debug log to this file")
	root.PersistentFlags().StringVar(&a.openKey, "open", "", "workbench: open this node after the dashboard")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if a.cpuProfile == "" {
			return nil
		}
		f, err := os.Create(a.cpuProfile)
		if err != nil {
			return err
		}
		return pprof.StartCPUProfile(f)
	}
	root.PersistentPostRun = func(cmd *cobra.Command, args []string) {
		if a.cpuProfile != "" {
			pprof.StopCPUProfile()
		}
	}
	root.AddCommand(a.importCmd(), a.statsCmd(), a.searchCmd(), a.showCmd(), a.listsCmd(), a.demoCmd(), a.screenCmd(), a.riskCmd(), a.clustersCmd(), a.pathCmd(), a.exportCmd(), a.auditCmd(), a.caseCmd())
	return root
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return v
	}
	return "dev"
}
