package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/screening"
)

func (a *app) screenCmd() *cobra.Command {
	var (
		asJSON    bool
		threshold float64
		name      string
		kind      string
		limit     int
	)
	cmd := &cobra.Command{
		Use:   "screen",
		Short: "Screen names against the designation lists (fuzzy names, exact identifiers)",
		Long: `screen compares every person and organisation name in the case database —
contractors, clients (payers) and the beneficiary names on payee accounts — with
every name and alias of every designated entry in the loaded lists, and writes a
name_match edge for each name scoring at least --threshold. A run replaces the
last run's name_match edges. It also lists identifiers (wallets, accounts, emails,
phones, document numbers) that a list publishes and the case data uses: those are
exact and certain.

A name score pairs tokens regardless of order (KIM, Sang Man = Sang-man Kim),
knows Korean romanisation variants (Pak/Park, Ri/Lee, Kyong/Gyeong, Chol/Chul),
joined given names (Sangman) and company suffixes, and penalises unmatched tokens
on either side. A birth date or country that agrees with the entry raises it
(strength "strong"); a birth year that disagrees lowers it ("contradicted"); the
name alone is "possible". Every hit explains its score.

--name screens one name without touching the database.`,
		Example: "  casegraph screen\n  casegraph screen --threshold 0.92 --json\n  casegraph screen --name \"Kim Sang-man\"",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if threshold <= 0 || threshold > 1 {
				return fmt.Errorf("--threshold %g: want a score above 0 and at most 1", threshold)
			}
			if cmd.Flags().Changed("name") && strings.TrimSpace(name) == "" {
				return fmt.Errorf("--name is empty: give the name to screen")
			}
			st, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			defer st.Close()
			out := cmd.OutOrStdout()
			if cmd.Flags().Changed("name") {
				switch kind {
				case "", "person", "organization":
				default:
					return fmt.Errorf("--kind %q: want person, organization or empty", kind)
				}
				hits, err := screening.Name(ctx, st, name, kind, threshold)
				if err != nil {
					return err
				}
				if asJSON {
					if hits == nil {
						hits = []screening.Hit{}
					}
					return printJSON(out, hits)
				}
				printNameHits(out, hits, limit, false)
				if len(hits) == 0 {
					fmt.Fprintf(out, "no listed name scores %.2f or more against %q\n", thresholdOr(threshold), s(name))
				}
				return nil
			}
			rep, err := screening.Run(ctx, st, screening.Options{Threshold: threshold})
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, st, audit.Screen, "", summarise(rep)); err != nil {
				return err
			}
			if asJSON {
				return printJSON(out, rep)
			}
			printReport(out, rep, limit)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	cmd.Flags().Float64Var(&threshold, "threshold", screening.DefaultThreshold, "lowest name score reported (0–1)")
	cmd.Flags().StringVar(&name, "name", "", "screen this one name instead of the database")
	cmd.Flags().StringVar(&kind, "kind", "", "with --name: person or organization (default: either)")
	cmd.Flags().IntVar(&limit, "limit", 50, "hits shown (0: all; --json shows all)")
	return cmd
}

func thresholdOr(t float64) float64 {
	if t <= 0 {
		return screening.DefaultThreshold
	}
	return t
}

func printReport(out io.Writer, rep *screening.Report, limit int) {
	fmt.Fprintf(out, "screened %d names (%d distinct) against %d listed names in %.2fs: %d name hits, %d identifier hits\n",
		rep.Subjects, rep.Distinct, rep.Targets, rep.Seconds, len(rep.NameHits), len(rep.Identifiers))
	if rep.Targets == 0 {
		fmt.Fprintln(out, "no designation list is loaded: casegraph import list FILE")
		return
	}
	if len(rep.Identifiers) > 0 {
		fmt.Fprintln(out, "\nIDENTIFIERS PUBLISHED BY A LIST AND USED IN THE CASE DATA (exact)")
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for i, h := range rep.Identifiers {
			if limit > 0 && i == limit {
				fmt.Fprintf(tw, "… %d more (--limit 0 or --json)\n", len(rep.Identifiers)-limit)
				break
			}
			fmt.Fprintf(tw, "%s\t%s %s\t%s %s\t%s\n", s(h.Identifier.Key), s(h.Subject.Key), h.Edge,
				s(h.Entry.Key), s(h.Entry.Label), where(h.File, h.Line))
		}
		tw.Flush()
	}
	if len(rep.NameHits) > 0 {
		fmt.Fprintln(out, "\nNAME HITS")
		printNameHits(out, rep.NameHits, limit, true)
	}
}

func where(file string, line int) string {
	if file == "" {
		return ""
	}
	return fmt.Sprintf("%s:%d", s(file), line)
}

func printNameHits(out io.Writer, hits []screening.Hit, limit int, subjects bool) {
	for i, h := range hits {
		if limit > 0 && i == limit {
			fmt.Fprintf(out, "… %d more (--limit 0 or --json)\n", len(hits)-limit)
			break
		}
		who := s(h.Name)
		if subjects && h.Subject != nil {
			who = s(h.Subject.Key) + " " + who
		}
		entry := fmt.Sprintf("%s %s", s(h.Entry.Key), s(h.Matched))
		if h.Matched != h.Entry.Label {
			entry += fmt.Sprintf(" (%s of %s)", s(h.AliasType), s(h.Entry.Label))
		}
		if len(h.Entry.Programs) > 0 {
			entry += " [" + s(strings.Join(h.Entry.Programs, ", ")) + "]"
		}
		if h.Entry.Delisted {
			entry += " DELISTED"
		}
		fmt.Fprintf(out, "%.2f %-12s %s\n     ~ %s\n     %s\n", h.Score, h.Strength, who, entry, s(h.Explanation))
		if h.Source != "" {
			fmt.Fprintf(out, "     from %s\n", s(h.Source))
		}
	}
}
