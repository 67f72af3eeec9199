package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (a *app) auditCmd() *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "List the audit log: every import, list delta, screening, risk run and export, with time and OS user",
		Long: `audit lists the case database's audit log. Each entry stores the SHA-256 of the one
before it, so an edited or deleted entry is detectable (casegraph audit verify), and the
database refuses to change or delete entries.`,
		Example: "  casegraph audit\n  casegraph audit --limit 0 --json\n  casegraph audit verify",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			log, err := st.AuditLog(cmd.Context(), limit)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return printJSON(out, log)
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "#\tAT (UTC)\tUSER\tACTION\tTARGET\tDETAIL")
			for _, e := range log {
				at := e.At
				if len(at) > 19 {
					at = at[:19]
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", e.ID, at, s(e.OSUser), s(e.Action), s(e.Target), s(truncate(string(e.Detail), 60)))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&limit, "limit", 50, "the last N entries (0: all)")

	verify := &cobra.Command{
		Use:   "verify",
		Short: "Check the audit log's hash chain and name the first broken entry",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			n, brk, err := st.VerifyAudit(cmd.Context())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				if err := printJSON(out, map[string]any{"entries": n, "ok": brk == nil, "break": brk}); err != nil {
					return err
				}
			} else if brk == nil {
				fmt.Fprintf(out, "audit log intact: %d entries, each chained to the one before\n", n)
			}
			if brk != nil {
				if !asJSON {
					fmt.Fprintf(out, "audit log BROKEN at entry %d: %s\n", brk.ID, s(brk.Reason))
				}
				return silentError{fmt.Errorf("audit log broken at entry %d", brk.ID)}
			}
			return nil
		},
	}
	verify.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.AddCommand(verify)
	return cmd
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
