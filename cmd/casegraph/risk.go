package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/store"
)

// width is what the human output of risk and clusters fits in.
const width = 80

func (a *app) riskCmd() *cobra.Command {
	var asJSON bool
	var top int
	var opts risk.Options
	cmd := &cobra.Command{
		Use:   "risk",
		Short: "Rank contractors by their closest path to a designated entry, with the reason",
		Long: `risk recomputes, for every contractor, the best path to any designated list
entry and prints the most exposed first. A path's score is the product of what
each step carries: a shared account or wallet carries everything, an address or
IP much less, and an identifier many profiles share (a coworking IP, a VPN exit,
a big client) is a hub and carries less again; money edges carry 0.9, a name
match its score (halved when "possible": a name only), a delisted entry half.
Paths weaker than 0.01 are not followed. Ties rank by fewer hops, then larger
cluster, then contractor id.

The ranking and the clusters are stored in the case database (tables
risk_scores, clusters; view risk_ranking), replacing the last run. Contractors
without a path (score 0) are stored too, last, but not printed.

--json prints an array of {key, label, score, hops, cluster, path, reason}.
path runs from the contractor to the entry as an array of {key, kind, label,
edge, dir}: edge is the kind of the edge between the previous step and this
one; dir is "out" when the previous step is that edge's source, "in" when this
step is; the first step has neither. cluster is "" for a contractor in none.`,
		Example: "  casegraph risk\n  casegraph risk --top 5 --json\n  casegraph risk --top 0 --max-hops 4",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			opts.Keep = top
			if top <= 0 {
				opts.Keep = -1 // every one
			}
			res, err := risk.Compute(ctx, st, opts)
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, st, audit.Risk, "", map[string]any{"contractors": res.Contractors,
				"linked": res.Linked, "clusters": len(res.Clusters), "max_hops": opts.MaxHops}); err != nil {
				return err
			}
			items := []store.RiskScore{}
			for _, r := range res.Scores {
				if r.Score <= 0 || (top > 0 && len(items) == top) {
					break
				}
				items = append(items, r)
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return printJSON(out, items)
			}
			printRisk(out, res, items)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&top, "top", 20, "most contractors to print (0: every one with a path)")
	cmd.Flags().IntVar(&opts.MaxHops, "max-hops", risk.DefaultMaxHops, "longest path to follow, in edges")
	return cmd
}

func printRisk(out io.Writer, res *risk.Result, items []store.RiskScore) {
	printHanging(out, fmt.Sprintf("%d contractors, %d linked to %d designated entries within %d hops; %d clusters",
		res.Contractors, res.Linked, res.Designated, res.Options.MaxHops, len(res.Clusters)), 0, 0)
	if len(items) == 0 {
		if res.Designated == 0 {
			fmt.Fprintln(out, "no designated entries loaded: casegraph import list PATH")
		} else {
			fmt.Fprintln(out, "no contractor has a path to a designated entry")
		}
		if len(res.Clusters) > 0 {
			fmt.Fprintln(out, "contractors sharing identifiers: casegraph clusters")
		}
		return
	}
	rankW := len(fmt.Sprint(items[len(items)-1].Rank))
	clW := len("CLUSTER")
	for _, r := range items {
		clW = max(clW, utf8.RuneCountInString(s(r.Cluster)))
	}
	// rank, score, hops and cluster columns, two spaces between each
	who := max(20, width-rankW-2-5-2-4-2-2-clW)
	fmt.Fprintf(out, "\n%*s  SCORE  HOPS  %-*s  %s\n", rankW, "#", who, "CONTRACTOR", "CLUSTER")
	indent := rankW + 2
	for _, r := range items {
		name := fit(s(strings.TrimPrefix(r.Key, "contractor:"))+"  "+s(r.Label), who)
		cl := s(r.Cluster)
		if cl == "" {
			cl = "-"
		}
		fmt.Fprintf(out, "%*d  %.3f  %4d  %s  %s\n", rankW, r.Rank, r.Score, r.Hops, pad(name, who), cl)
		printHanging(out, s(r.Reason), indent, indent)
	}
	if rest := res.Linked - len(items); rest > 0 {
		fmt.Fprintf(out, "\n… %d more with a path (raise --top, or 0 for all)\n", rest)
	}
	if none := res.Contractors - res.Linked; none > 0 {
		fmt.Fprintf(out, "%d contractors have no path (score 0; stored, not printed)\n", none)
	}
}

// clustersOutput is `casegraph clusters --json`.
type clustersOutput struct {
	Clusters []store.Cluster `json:"clusters"`
	Hubs     []store.RiskHub `json:"hubs"`
}

func (a *app) clustersCmd() *cobra.Command {
	var asJSON bool
	var opts risk.Options
	cmd := &cobra.Command{
		Use:   "clusters",
		Short: "Show groups of contractors that share accounts, wallets, devices, photos, phones, addresses, emails or documents",
		Long: `clusters recomputes the risk ranking and prints the clusters: contractors
joined, directly or through one another, by a shared account, wallet, device,
photo, phone, address, email or document. An identifier more than --hub-cap
contractors share is a hub (an office, a payment processor's collection
account), not a farm: it joins no one and is listed at the end. A cluster is
named after its smallest contractor id, so the name is stable across runs; its
link is the best member's path to a designated entry.

--json prints {"clusters": [{id, size, score, members, binding, link}],
"hubs": [...]}: binding lists each shared identifier with the members that
share it; link is the best member's ranking entry (as in risk --json) or null.`,
		Example: "  casegraph clusters\n  casegraph clusters --json\n  casegraph clusters --hub-cap 20",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := risk.Compute(ctx, st, opts)
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, st, audit.Risk, "", map[string]any{"contractors": res.Contractors,
				"linked": res.Linked, "clusters": len(res.Clusters), "max_hops": opts.MaxHops}); err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return printJSON(out, clustersOutput{Clusters: nonNilSlice(res.Clusters), Hubs: nonNilSlice(res.Hubs)})
			}
			printClusters(out, res)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().IntVar(&opts.HubCap, "hub-cap", risk.DefaultHubCap, "identifiers shared by more contractors join no cluster")
	cmd.Flags().IntVar(&opts.MaxHops, "max-hops", risk.DefaultMaxHops, "longest path to a designated entry to follow, in edges")
	return cmd
}

func printClusters(out io.Writer, res *risk.Result) {
	members := 0
	for _, c := range res.Clusters {
		members += c.Size
	}
	printHanging(out, fmt.Sprintf("%d clusters of %d contractors, joined by identifiers that at most %d profiles share",
		len(res.Clusters), members, res.Options.HubCap), 0, 0)
	for _, c := range res.Clusters {
		head := fmt.Sprintf("%s  %d profiles", s(c.ID), c.Size)
		if c.Link != nil {
			head += fmt.Sprintf("  score %.3f", c.Score)
		} else {
			head += "  no designated link"
		}
		fmt.Fprintf(out, "\n%s\n", head)
		idW := 0
		for _, m := range c.Members {
			idW = max(idW, utf8.RuneCountInString(s(strings.TrimPrefix(m.Key, "contractor:"))))
		}
		for _, m := range c.Members {
			score := "    -"
			if m.Score > 0 {
				score = fmt.Sprintf("%.3f", m.Score)
			}
			line := "  " + pad(s(strings.TrimPrefix(m.Key, "contractor:")), idW) + "  " + score + "  " + s(m.Label)
			fmt.Fprintln(out, fit(line, width))
		}
		fmt.Fprintln(out, "  shared:")
		for _, b := range c.Binding {
			ids := make([]string, len(b.Members))
			for i, k := range b.Members {
				ids[i] = s(strings.TrimPrefix(k, "contractor:"))
			}
			printHanging(out, s(b.Key)+"  ("+strings.Join(ids, ", ")+")", 4, 6)
		}
		if c.Link != nil {
			printHanging(out, "link: "+s(strings.TrimPrefix(c.Link.Key, "contractor:"))+" "+s(c.Link.Reason), 2, 4)
		}
	}
	if len(res.Hubs) == 0 {
		return
	}
	fmt.Fprintln(out)
	printHanging(out, fmt.Sprintf("hubs, not farms (shared by more than %d profiles; they join no cluster):", res.Options.HubCap), 0, 0)
	const shown = 10
	for i, h := range res.Hubs {
		if i == shown {
			fmt.Fprintf(out, "  … %d more (casegraph clusters --json)\n", len(res.Hubs)-shown)
			break
		}
		fmt.Fprintf(out, "  %s  %d profiles\n", fit(s(h.Key), width-16), h.Contractors)
	}
}

func nonNilSlice[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// fit cuts text to n runes, marking the cut with "…".
func fit(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)
	return string(r[:n-1]) + "…"
}

// pad fills text with spaces to n runes.
func pad(text string, n int) string {
	if k := utf8.RuneCountInString(text); k < n {
		return text + strings.Repeat(" ", n-k)
	}
	return text
}

// printHanging prints text wrapped to width, its first line indented by first
// spaces and the rest by rest.
func printHanging(out io.Writer, text string, first, rest int) {
	n := first
	for _, line := range wrap(text, width-max(first, rest)) {
		fmt.Fprintf(out, "%s%s\n", strings.Repeat(" ", n), line)
		n = rest
	}
}

// wrap breaks text into lines of at most n runes at spaces; a word longer than a
// line (a wallet address) gets a line of its own.
func wrap(text string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
