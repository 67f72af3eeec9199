package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/graphs"
)

// pathOutput is path --json.
type pathOutput struct {
	From     string        `json:"from"`
	To       string        `json:"to"`
	Hops     int           `json:"hops"`
	Paths    []graphs.Path `json:"paths"`
	Explored int           `json:"explored"`
	Notes    []string      `json:"notes,omitempty"`
}

func (a *app) pathCmd() *cobra.Command {
	var (
		asJSON  bool
		maxHops int
		limit   int
	)
	cmd := &cobra.Command{
		Use:   "path FROM TO",
		Short: "Show the shortest paths between two nodes, with the source row of every hop",
		Long: `path finds every shortest path (up to --limit) between two nodes, at most
--max-hops edges long, by a breadth-first search from both ends over the
database's indexes. Each hop shows the edge, its direction and the rows that
assert it (file:line, and for money flows the ledger rows). A node with more
than 500 links (a payment processor, a VPN exit) is not passed through: every two
of its neighbours would be two hops apart. FROM and TO are keys or bare
contractor ids.`,
		Example: "  casegraph path FL-000279 ofac:43377\n  casegraph path contractor:FL-000115 contractor:FL-000181 --json",
		Args:    cobra.ExactArgs(2),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			return a.completeKeys(cmd, nil, prefix)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if maxHops < 1 || maxHops > 12 {
				return fmt.Errorf("--max-hops %d: want 1 to 12", maxHops)
			}
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			from, err := resolveKey(ctx, st, args[0])
			if err != nil {
				return err
			}
			to, err := resolveKey(ctx, st, args[1])
			if err != nil {
				return err
			}
			res, err := graphs.ShortestPaths(ctx, st, from.Key, to.Key, maxHops, limit, graphs.Options{})
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				paths := res.Paths
				if paths == nil {
					paths = []graphs.Path{}
				}
				return printJSON(out, pathOutput{From: res.From, To: res.To, Hops: res.Hops, Paths: paths, Explored: res.Explored, Notes: res.Notes})
			}
			printPaths(out, res, maxHops)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&maxHops, "max-hops", 6, "longest path to look for, in edges")
	cmd.Flags().IntVar(&limit, "limit", 10, "most shortest paths to list")
	return cmd
}

func printPaths(out io.Writer, res *graphs.Paths, maxHops int) {
	if len(res.Paths) == 0 {
		fmt.Fprintf(out, "no path from %s to %s within %d hops (%d nodes explored)\n", s(res.From), s(res.To), maxHops, res.Explored)
		for _, n := range res.Notes {
			fmt.Fprintf(out, "note: %s\n", s(n))
		}
		return
	}
	plural := "s"
	if len(res.Paths) == 1 {
		plural = ""
	}
	fmt.Fprintf(out, "%d shortest path%s of %d hops from %s to %s (%d nodes explored)\n", len(res.Paths), plural, res.Hops,
		s(res.From), s(res.To), res.Explored)
	for _, n := range res.Notes {
		fmt.Fprintf(out, "note: %s\n", s(n))
	}
	for i, p := range res.Paths {
		fmt.Fprintf(out, "\npath %d\n", i+1)
		for j, n := range p.Nodes {
			fmt.Fprintf(out, "  %s\n", nodeLine(n))
			if j == len(p.Edges) {
				break
			}
			e := p.Edges[j]
			arrow := "─" + e.Kind + "→"
			if e.Src != n.Key {
				arrow = "←" + e.Kind + "─"
			}
			fmt.Fprintf(out, "    %s %s\n", s(arrow), hopSources(e))
		}
	}
}

func nodeLine(n *graphs.Node) string {
	line := s(n.Key)
	if n.Label != "" && !strings.HasSuffix(n.Key, ":"+n.Label) {
		line += "  " + s(n.Label)
	}
	if n.Designated {
		line += fmt.Sprintf("  [designated: %s %s]", s(n.List), s(strings.Join(n.Programs, ", ")))
	}
	return line
}

// hopSources names the rows behind an edge, and for a money flow its totals.
func hopSources(e *graphs.Edge) string {
	var parts []string
	for _, a := range e.Sources {
		p := fmt.Sprintf("%s:%d", baseName(a.Path), a.Line)
		if a.Field != "" {
			p += " (" + a.Field + ")"
		}
		parts = append(parts, s(p))
	}
	text := strings.Join(parts, ", ")
	if c, ok := e.Attrs["count"].(float64); ok && c > 0 {
		text += fmt.Sprintf("  [%d payments %s]", int(c), totalsText(e.Attrs["totals"]))
	}
	if sc, ok := e.Attrs["score"].(float64); ok && e.Kind == "name_match" {
		text += fmt.Sprintf("  [name match %.2f %s: %s]", sc, s(fmt.Sprint(e.Attrs["strength"])), s(fmt.Sprint(e.Attrs["explanation"])))
	}
	if text == "" {
		return "(no source row)"
	}
	return text
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
