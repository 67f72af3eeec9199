package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/store"
)

// listsDiff is `casegraph lists diff --json`.
type listsDiff struct {
	Version store.ListVersion  `json:"version"`
	Changes []store.ListChange `json:"changes"`
	Touched []store.Touched    `json:"touched"`
}

func (a *app) listsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "lists",
		Short:   "Show the designation lists loaded and their versions",
		Example: "  casegraph lists\n  casegraph lists diff --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			vs, err := st.ListVersions(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return printJSON(out, vs)
			}
			if len(vs) == 0 {
				fmt.Fprintln(out, "no lists loaded: casegraph import list PATH")
				return nil
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "VERSION\tLIST\tFORMAT\tPUBLISHED\tENTRIES\tADDED\tREMOVED\tCHANGED\tIMPORTED\tSOURCE")
			for _, v := range vs {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", v.ID, s(v.List), s(v.Format), s(v.Published),
					v.Entries, v.Added, v.Removed, v.Changed, v.ImportedAt, s(v.Source))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.AddCommand(a.listsDiffCmd())
	return cmd
}

func (a *app) listsDiffCmd() *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Show the latest list delta and the contractors, accounts and wallets it now touches",
		Long: `diff shows what the most recently imported list version added, removed and changed,
and the contractors, accounts and wallets within two hops of an added or changed entry,
with the node in between and how many payments touch each.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			vs, err := st.ListVersions(ctx)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if len(vs) == 0 {
				return fmt.Errorf("no lists loaded: casegraph import list PATH")
			}
			d := listsDiff{Version: vs[len(vs)-1]}
			if d.Changes, err = st.ListChanges(ctx, d.Version.ID); err != nil {
				return err
			}
			if d.Touched, err = st.TouchedByVersion(ctx, d.Version.ID, limit); err != nil {
				return err
			}
			if asJSON {
				return printJSON(out, d)
			}
			v := d.Version
			fmt.Fprintf(out, "%s version %d (%s): %d added, %d removed, %d changed\n", s(v.List), v.ID, s(v.Source), v.Added, v.Removed, v.Changed)
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, c := range d.Changes {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%v\n", c.Change, s(c.Key), s(c.Label), c.Fields)
			}
			tw.Flush()
			if len(d.Touched) == 0 {
				fmt.Fprintln(out, "\nno contractor, account or wallet within two hops of an added or changed entry")
				return nil
			}
			fmt.Fprintf(out, "\nnow within two hops of an added or changed entry:\n")
			tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			for _, t := range d.Touched {
				fmt.Fprintf(tw, "  %s\t%s\tvia %s\t→ %s (%s)\t%d payments\n", s(t.Key), s(t.Label), s(t.Via), s(t.Entry), s(t.Change), t.Payments)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&limit, "limit", 500, "most touched nodes to list")
	return cmd
}
