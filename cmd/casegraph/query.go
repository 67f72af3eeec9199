package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/sanitize"
	"github.com/casegraph/casegraph/internal/store"
)

// open opens the case database the flags and environment name, creating it for
// imports; reading commands refuse to conjure an empty database out of a typo.
func (a *app) open(ctx context.Context, create bool) (*store.Store, error) {
	path := store.ResolvePath(a.dbFlag)
	if !create {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no case database at %s: import files into it first, or point --db or $%s at one", path, store.EnvDB)
		}
	}
	return store.Open(ctx, path)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// s is the sanitiser every data string goes through before the terminal sees it.
func s(v string) string { return sanitize.Text(v) }

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count nodes and edges by kind and list the imported sources",
		Example: "  casegraph stats\n  casegraph --db case.db stats --json",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.runStats(cmd, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func (a *app) runStats(cmd *cobra.Command, asJSON bool) error {
	st, err := a.open(cmd.Context(), false)
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Stats(cmd.Context())
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if asJSON {
		return printJSON(out, stats)
	}
	printStats(out, stats)
	return nil
}

func printStats(out io.Writer, st *store.Stats) {
	fmt.Fprintf(out, "case database %s (%.1f MiB, schema %d)\n", s(st.Path), float64(st.SizeBytes)/(1<<20), st.SchemaVersion)
	fmt.Fprintf(out, "%d nodes, %d edges, %d payments\n\n", st.Nodes, st.Edges, st.Payments)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE KIND\tCOUNT\t\tEDGE KIND\tCOUNT")
	nk, ek := sortedKeys(st.NodesByKind), sortedKeys(st.EdgesByKind)
	for i := 0; i < max(len(nk), len(ek)); i++ {
		var l, r string
		if i < len(nk) {
			l = fmt.Sprintf("%s\t%d", s(nk[i]), st.NodesByKind[nk[i]])
		} else {
			l = "\t"
		}
		if i < len(ek) {
			r = fmt.Sprintf("%s\t%d", s(ek[i]), st.EdgesByKind[ek[i]])
		}
		fmt.Fprintf(tw, "%s\t\t%s\n", l, r)
	}
	tw.Flush()
	if len(st.Sources) == 0 {
		fmt.Fprintln(out, "\nno sources imported yet: casegraph import contractors FILE")
		return
	}
	fmt.Fprintln(out)
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tFORMAT\tREAD\tSTORED\tREJECTED\tIMPORTED\tSHA-256")
	for _, src := range st.Sources {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s…\n", s(filepath.Base(src.Path)), s(src.Kind), s(src.Format),
			src.RowsRead, src.RowsStored, src.RowsRejected, src.ImportedAt, src.SHA256[:12])
	}
	tw.Flush()
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (a *app) searchCmd() *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over labels and identifier values",
		Long: `Search every node's label and identifier value. Each word must match (as a prefix);
punctuation separates words, so an email, IBAN or wallet can be pasted as is.
A query that is exactly a node key (kind:value) finds that node first.`,
		Example: "  casegraph search kim\n  casegraph search 'kim.sm@example.com' --json\n  casegraph search 'oak st 4b'",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := st.Search(cmd.Context(), strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return printJSON(out, hits)
			}
			if len(hits) == 0 {
				fmt.Fprintln(out, "no matches")
				return nil
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "KIND\tKEY\tLABEL")
			for _, h := range hits {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", s(h.Kind), s(h.Key), s(h.Label))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&limit, "limit", 50, "most results to show")
	return cmd
}
