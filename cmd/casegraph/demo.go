package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui"
)

func (a *app) demoCmd() *cobra.Command {
	var noTUI bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build a case database from the bundled synthetic sample and open it",
		Long: `demo writes the embedded sample (about 300 contractors and 3,000 payments, with
planted IT-worker networks) and the North Korea-related entries of the OFAC SDN
list next to a fresh case database — in a temporary
directory, or at --db — imports and screens it, ranks the risk, and opens the
workbench on it (on a terminal; otherwise, or with --no-tui, it prints the summary).`,
		Example: "  casegraph demo\n  casegraph demo --db demo.db && casegraph --db demo.db show contractor:FL-000001",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			dir, dbPath := "", a.dbFlag
			if dbPath == "" {
				tmp, err := os.MkdirTemp("", "casegraph-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				dir, dbPath = tmp, filepath.Join(tmp, "demo.db")
			} else {
				dir = filepath.Join(filepath.Dir(dbPath), "demo-data")
			}
			st, err := store.Open(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			out := cmd.OutOrStdout()
			loaded, err := demo.Load(ctx, st, dir)
			if err != nil {
				return err
			}
			for _, res := range loaded.Imports {
				printResult(out, res)
			}
			rep := loaded.Screen
			fmt.Fprintf(out, "screened %d names: %d name hits, %d identifier hits\n", rep.Subjects, len(rep.NameHits), len(rep.Identifiers))
			if a.interactive(cmd) && !noTUI {
				return ui.Run(ctx, st, ui.Options{DebugLog: a.debugLog, Open: a.openKey})
			}
			stats, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintln(out)
			printStats(out, stats)
			if a.dbFlag == "" {
				fmt.Fprintln(out, "\nthe demo database is temporary; keep one with: casegraph demo --db demo.db")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&noTUI, "no-tui", false, "print the summary instead of opening the workbench")
	return cmd
}
