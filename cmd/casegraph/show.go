package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/store"
)

// showResult is `casegraph show --json`: the node, the rows that asserted it, and
// every link with the file:line behind it.
type showResult struct {
	Node         store.Node        `json:"node"`
	Sources      []store.Assertion `json:"sources"`
	MoreSources  int               `json:"more_sources,omitempty"`
	Links        []store.Link      `json:"links"`
	LinkTotals   map[string]int    `json:"link_totals"`
	LinksTotal   int               `json:"links_total"`
	LinksOmitted int               `json:"links_omitted,omitempty"`
}

func (a *app) showCmd() *cobra.Command {
	var asJSON bool
	var limit, srcLimit int
	cmd := &cobra.Command{
		Use:   "show KEY",
		Short: "Show a node, its attributes, its links and the source file:line behind each",
		Example: "  casegraph show contractor:FL-000123\n  casegraph show email:kim.sm@example.com --json\n" +
			"  casegraph show 'account:iban:DE89370400440532013000'",
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			return a.completeKeys(cmd, args, prefix)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			n, err := resolveKey(ctx, st, args[0])
			if err != nil {
				return err
			}
			res := showResult{Node: n}
			var total int
			if res.Sources, total, err = st.NodeSources(ctx, n.ID, srcLimit); err != nil {
				return err
			}
			res.MoreSources = total - len(res.Sources)
			page, err := st.Links(ctx, n.ID, limit, srcLimit)
			if err != nil {
				return err
			}
			res.Links, res.LinkTotals, res.LinksTotal = page.Links, page.Totals, page.Total
			res.LinksOmitted = page.Total - len(page.Links)
			if asJSON {
				return printJSON(cmd.OutOrStdout(), res)
			}
			printShow(cmd.OutOrStdout(), res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&limit, "limit", 200, "most links to list in each direction (hubs have thousands)")
	cmd.Flags().IntVar(&srcLimit, "sources", 10, "most source rows to list per fact")
	return cmd
}

// resolveKey finds the node a user named: by key, or by a bare contractor id.
func resolveKey(ctx context.Context, st *store.Store, arg string) (store.Node, error) {
	n, err := st.NodeByKey(ctx, arg)
	if err != nil && !strings.Contains(arg, ":") {
		// A bare id is most often a contractor's: FL-000123.
		if c, cerr := st.NodeByKey(ctx, store.KindContractor+":"+arg); cerr == nil {
			n, err = c, nil
		}
	}
	if err != nil {
		_, value, _ := strings.Cut(arg, ":")
		if value == "" {
			value = arg
		}
		return n, fmt.Errorf("%s: %w (keys are kind:value; try: casegraph search %q)", s(arg), err, s(value))
	}
	return n, nil
}

func printShow(out io.Writer, r showResult) {
	n := r.Node
	fmt.Fprintf(out, "%s  %s\n", s(n.Key), s(n.Label))
	fmt.Fprintf(out, "kind: %s\n", s(n.Kind))
	keys := make([]string, 0, len(n.Attrs))
	for k := range n.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(out, "%s: %s\n", s(k), s(attrText(n.Attrs[k])))
	}
	fmt.Fprintf(out, "asserted by: %s\n", assertionsText(r.Sources, r.MoreSources))
	if r.LinksTotal == 0 {
		fmt.Fprintln(out, "\nno links")
		return
	}
	kinds := sortedKeys(r.LinkTotals)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", s(k), r.LinkTotals[k])
	}
	fmt.Fprintf(out, "\nlinks: %d (%s)\n", r.LinksTotal, strings.Join(parts, ", "))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, l := range r.Links {
		arrow := "→"
		if l.Direction == "in" {
			arrow = "←"
		}
		detail := ""
		if v, ok := l.Attrs["count"]; ok {
			detail = fmt.Sprintf(" [%v payments %s %v..%v]", v, totalsText(l.Attrs["totals"]), l.Attrs["first"], l.Attrs["last"])
		}
		if v, ok := l.Attrs["folded_from"]; ok {
			detail += fmt.Sprintf(" [folded from %v]", v)
		}
		if l.Degree > 1 {
			detail += fmt.Sprintf(" (%d links)", l.Degree)
		}
		fmt.Fprintf(tw, "  %s %s\t%s\t%s%s\t%s\n", s(l.Kind), arrow, s(l.Other.Key), s(l.Other.Label), s(detail),
			assertionsText(l.Sources, l.MoreSources))
	}
	tw.Flush()
	if r.LinksOmitted > 0 {
		fmt.Fprintf(out, "  … %d more links (raise --limit)\n", r.LinksOmitted)
	}
}

// assertionsText renders provenance as "file:line (field)", grouped by file.
func assertionsText(as []store.Assertion, more int) string {
	if len(as) == 0 {
		return "-"
	}
	parts := make([]string, 0, len(as))
	for _, a := range as {
		p := fmt.Sprintf("%s:%d", filepath.Base(a.Path), a.Line)
		if a.Field != "" {
			p += " (" + a.Field + ")"
		}
		parts = append(parts, s(p))
	}
	txt := strings.Join(parts, ", ")
	if more > 0 {
		txt += fmt.Sprintf(" and %d more", more)
	}
	return txt
}

// totalsText renders {"USD": 125000} minor units as "USD 1250.00".
func totalsText(v any) string {
	m, _ := v.(map[string]any)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		f, _ := m[k].(float64)
		parts = append(parts, fmt.Sprintf("%s %s", k, ingest.FormatAmount(int64(f), k)))
	}
	return strings.Join(parts, " + ")
}

func attrText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

func (a *app) completeKeys(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st, err := a.open(cmd.Context(), false)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	defer st.Close()
	keys, err := st.KeysWithPrefix(cmd.Context(), prefix, 100)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return keys, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
