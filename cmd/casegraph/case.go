package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/cases"
	"github.com/casegraph/casegraph/internal/store"
)

func (a *app) caseCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case",
		Short: "Keep investigations: pin entities, tag them, write notes, track status",
		Long: `A case is an investigation in the case database: a name, a status (open, escalated,
closed), pinned entities, tags on them (confirmed, cleared, needs-review, or your own
word), notes on the case or an entity, and a timeline — its entries in the audit log.
A newer list version whose added or changed entries touch a pinned entity (the entry
itself, or a node within two hops) flags the case until "case reviewed".`,
		Example: "  casegraph case new \"Pittsburgh farm\"\n  casegraph case pin \"Pittsburgh farm\" FL-000115 FL-000279\n" +
			"  casegraph case tag \"Pittsburgh farm\" FL-000279 confirmed\n  casegraph case note \"Pittsburgh farm\" --on FL-000279 \"photo reused\"\n" +
			"  casegraph case list",
	}
	withStore := func(run func(cmd *cobra.Command, args []string, st storeHandle) error) func(*cobra.Command, []string) error {
		return func(cmd *cobra.Command, args []string) error {
			st, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			defer st.Close()
			return run(cmd, args, storeHandle{st})
		}
	}
	var asJSON bool
	newCmd := &cobra.Command{Use: "new NAME", Short: "Start a case", Args: cobra.ExactArgs(1),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			c, err := cases.New(cmd.Context(), h.Store, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "case %q opened\n", s(c.Name))
			return nil
		})}
	listCmd := &cobra.Command{Use: "list", Short: "List the cases, with the ones a list update touched flagged", Args: cobra.NoArgs,
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			cs, err := cases.List(cmd.Context(), h.Store)
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), cs)
			}
			printCases(cmd.OutOrStdout(), cs)
			return nil
		})}
	listCmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	showCmd := &cobra.Command{Use: "show NAME", Short: "Show a case: pins and tags, notes, flags, timeline", Args: cobra.ExactArgs(1),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			d, err := cases.Show(cmd.Context(), h.Store, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(cmd.OutOrStdout(), d)
			}
			printCase(cmd.OutOrStdout(), d)
			return nil
		})}
	showCmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	pinCmd := &cobra.Command{Use: "pin NAME KEY...", Short: "Pin entities (keys or contractor ids) to a case", Args: cobra.MinimumNArgs(2),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			var keys []string
			for _, k := range args[1:] {
				n, err := resolveKey(cmd.Context(), h.Store, k)
				if err != nil {
					return err
				}
				keys = append(keys, n.Key)
			}
			return cases.Pin(cmd.Context(), h.Store, args[0], keys...)
		})}
	tagCmd := &cobra.Command{Use: "tag NAME KEY TAG", Short: "Tag an entity in a case: confirmed, cleared, needs-review or your own word", Args: cobra.ExactArgs(3),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			n, err := resolveKey(cmd.Context(), h.Store, args[1])
			if err != nil {
				return err
			}
			return cases.Tag(cmd.Context(), h.Store, args[0], n.Key, args[2])
		})}
	var on string
	noteCmd := &cobra.Command{Use: "note NAME TEXT", Short: "Write a note on a case (or, with --on, on one of its entities)", Args: cobra.ExactArgs(2),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			key := ""
			if on != "" {
				n, err := resolveKey(cmd.Context(), h.Store, on)
				if err != nil {
					return err
				}
				key = n.Key
			}
			return cases.Note(cmd.Context(), h.Store, args[0], key, args[1])
		})}
	noteCmd.Flags().StringVar(&on, "on", "", "the entity the note is about")
	statusCmd := &cobra.Command{Use: "status NAME open|escalated|closed", Short: "Set a case's status", Args: cobra.ExactArgs(2),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			return cases.SetStatus(cmd.Context(), h.Store, args[0], args[1])
		})}
	closeCmd := &cobra.Command{Use: "close NAME", Short: "Close a case", Args: cobra.ExactArgs(1),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			return cases.SetStatus(cmd.Context(), h.Store, args[0], "closed")
		})}
	reviewedCmd := &cobra.Command{Use: "reviewed NAME", Short: "Clear a case's list-update flags: every version so far is seen", Args: cobra.ExactArgs(1),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			return cases.Reviewed(cmd.Context(), h.Store, args[0])
		})}
	var format, outPath string
	exportCmd := &cobra.Command{Use: "export NAME --format html|md -o FILE",
		Short: "Write the case report: one self-contained file (summary, entities, paths with their source rows, notes, timeline, lists, the graph)",
		Args:  cobra.ExactArgs(1),
		RunE: withStore(func(cmd *cobra.Command, args []string, h storeHandle) error {
			if format != "html" && format != "md" {
				return fmt.Errorf("--format %q: want html or md", format)
			}
			if outPath == "" {
				return fmt.Errorf("-o FILE is required")
			}
			ctx := cmd.Context()
			r, err := cases.BuildReport(ctx, h.Store, args[0])
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if format == "html" {
				err = cases.WriteHTML(&buf, r)
			} else {
				err = cases.WriteMarkdown(&buf, r)
			}
			if err != nil {
				return err
			}
			if err := os.WriteFile(outPath, buf.Bytes(), 0o644); err != nil {
				return err
			}
			if err := audit.Record(ctx, h.Store, audit.Export, "case:"+args[0], map[string]any{"format": format, "file": outPath,
				"pins": len(r.Detail.Pins), "paths": len(r.Paths)}); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "case report %s written (%s, %d pinned entities, %d paths, graph by %s)\n",
				s(outPath), format, len(r.Detail.Pins), len(r.Paths), r.SVGBy)
			return nil
		})}
	exportCmd.Flags().StringVar(&format, "format", "html", "html or md")
	exportCmd.Flags().StringVarP(&outPath, "output", "o", "", "the report file")
	cmd.AddCommand(newCmd, listCmd, showCmd, pinCmd, tagCmd, noteCmd, statusCmd, closeCmd, reviewedCmd, exportCmd)
	return cmd
}

func printCases(out io.Writer, cs []cases.Summary) {
	if len(cs) == 0 {
		fmt.Fprintln(out, "no cases yet: casegraph case new NAME")
		return
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tSTATUS\tPINS\tNOTES\tUPDATED\tLIST UPDATES")
	for _, c := range cs {
		flag := ""
		if len(c.Flags) > 0 {
			f := c.Flags[0]
			flag = fmt.Sprintf("REVIEW: %s %s touches %s", f.Entry, f.Change, f.Node)
			if len(c.Flags) > 1 {
				flag += fmt.Sprintf(" (+%d)", len(c.Flags)-1)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", s(c.Name), c.Status, c.Pins, c.Notes, c.UpdatedAt, s(flag))
	}
	tw.Flush()
}

func printCase(out io.Writer, d *cases.Detail) {
	c := d.Case
	fmt.Fprintf(out, "case %s  %s  (opened %s, updated %s)\n", s(c.Name), strings.ToUpper(c.Status), c.CreatedAt, c.UpdatedAt)
	for _, f := range d.Flags {
		fmt.Fprintf(out, "REVIEW: list %s version %d: %s %s touches %s\n", s(f.List), f.Version, s(f.Entry), f.Change, s(f.Node))
	}
	fmt.Fprintf(out, "\npinned (%d)\n", len(d.Pins))
	for _, p := range d.Pins {
		tags := ""
		if len(p.Tags) > 0 {
			tags = "  [" + s(strings.Join(p.Tags, ", ")) + "]"
		}
		fmt.Fprintf(out, "  %s  %s%s\n", s(p.Node.Key), s(p.Node.Label), tags)
	}
	fmt.Fprintf(out, "\nnotes (%d)\n", len(d.Notes))
	for _, n := range d.Notes {
		on := ""
		if n.Node != "" {
			on = " on " + s(n.Node)
		}
		fmt.Fprintf(out, "  %s %s%s: %s\n", n.At, s(n.OSUser), on, s(n.Text))
	}
	fmt.Fprintf(out, "\ntimeline (%d, from the audit log)\n", len(d.Timeline))
	for _, e := range d.Timeline {
		fmt.Fprintf(out, "  #%d %s %s %s %s\n", e.ID, e.At[:min(19, len(e.At))], s(e.OSUser), s(e.Action), s(string(e.Detail)))
	}
}

// storeHandle carries the open store into a case subcommand.
type storeHandle struct{ *store.Store }
