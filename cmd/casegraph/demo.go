package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/samples"
)

func (a *app) demoCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Build a case database from the bundled synthetic sample and open it",
		Long: `demo writes the embedded sample (about 300 contractors and 3,000 payments, with
planted IT-worker networks) next to a fresh case database — in a temporary
directory, or at --db — imports it, and shows it.`,
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
			files, err := writeDemo(dir)
			if err != nil {
				return err
			}
			st, err := store.Open(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			out := cmd.OutOrStdout()
			for _, step := range []struct {
				file string
				fn   func() (importer.Result, error)
			}{
				{files["contractors.csv"], func() (importer.Result, error) {
					return importer.Contractors(ctx, st, files["contractors.csv"], importer.Options{})
				}},
				{files["payments.csv"], func() (importer.Result, error) {
					return importer.Payments(ctx, st, files["payments.csv"], importer.Options{})
				}},
			} {
				res, err := step.fn()
				if err != nil {
					return fmt.Errorf("demo import: %w", err)
				}
				printResult(out, res)
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
}

// writeDemo copies the embedded sample files into dir.
func writeDemo(dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{}
	err := fs.WalkDir(samples.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := samples.Demo.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, d.Name())
		files[d.Name()] = dst
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("demo data: %w", err)
	}
	return files, nil
}
