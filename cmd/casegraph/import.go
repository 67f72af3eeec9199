package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/lists"
	"github.com/casegraph/casegraph/internal/sanitize"
	"github.com/casegraph/casegraph/internal/screening"
	"github.com/casegraph/casegraph/internal/store"
)

// importHeapLimit is the Go heap's soft limit during imports.
const importHeapLimit = 200 << 20

// importFlags are shared by every import subcommand.
type importFlags struct {
	skipBad     bool
	rejects     string
	mapping     string
	phoneRegion string
	dateOrder   string
	decimal     string
	format      string
	json        bool
	noScreen    bool
}

func (a *app) importCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import contractor exports, payment ledgers or designation lists into the case database",
		Long: `Import files into the case database. Each file is one transaction: it is stored
whole, or — with --skip-bad-rows — every bad row is written with its reason to a
rejects file. Re-importing a file whose SHA-256 is already recorded does nothing.

After importing, the whole database is screened against the loaded designation
lists (as casegraph screen does; it replaces the last run's name matches) unless
--no-screen is given.`,
	}
	for _, k := range []struct {
		use, short, example string
		fn                  func(context.Context, *store.Store, string, importer.Options) (importer.Result, error)
	}{
		{"contractors FILE...", "Import contractor profiles (CSV, TSV, JSON array, JSON Lines)",
			"  casegraph import contractors export.csv\n  casegraph import contractors --mapping odd.mapping.json odd.csv",
			importer.Contractors},
		{"payments FILE...", "Import payment ledgers: payouts and account-to-account transfers",
			"  casegraph import payments ledger.csv\n  casegraph import payments --skip-bad-rows --date-order dmy ledger.csv",
			importer.Payments},
		{"list PATH...", "Import a designation list: an OFAC legacy CSV set (folder or sdn.csv) or the UN consolidated XML",
			"  casegraph import list ~/lists/ofac-2025-12/\n  casegraph import list ~/lists/consolidated.xml\n" +
				"  casegraph import list --mapping samples/lists/jp-mof-sample.mapping.json samples/lists/jp-mof-sample.csv",
			importer.Lists},
	} {
		f := &importFlags{}
		fn, use := k.fn, k.use
		sub := &cobra.Command{
			Use:     k.use,
			Short:   k.short,
			Example: k.example,
			Args:    cobra.MinimumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return a.runImport(cmd, f, args, fn, strings.HasPrefix(use, "list"))
			},
		}
		fl := sub.Flags()
		fl.BoolVar(&f.skipBad, "skip-bad-rows", false, "import good rows; write rejected rows with their reason to a rejects file")
		fl.StringVar(&f.rejects, "rejects", "", "rejects file (default FILE.rejects.csv in the working directory; one input file only)")
		fl.StringVar(&f.mapping, "mapping", "", "JSON mapping file: columns auto-detection does not know (lists: how to read a spreadsheet list)")
		fl.StringVar(&f.phoneRegion, "phone-region", "", "default region (ISO 3166 alpha-2, e.g. US, KR) for national phone numbers")
		fl.StringVar(&f.dateOrder, "date-order", "", "order of ambiguous numeric dates: dmy, mdy or ymd")
		fl.StringVar(&f.decimal, "decimal", "", "decimal separator of amounts when ambiguous: . or ,")
		fl.BoolVar(&f.json, "json", false, "print results as JSON")
		fl.BoolVar(&f.noScreen, "no-screen", false, "do not screen the database against the loaded lists afterwards")
		if strings.HasPrefix(use, "list") {
			fl.StringVar(&f.format, "format", "", "force the list reader: "+strings.Join(importer.ListFormats, ", "))
		}
		sub.MarkFlagFilename("mapping", "json")
		cmd.AddCommand(sub)
	}
	return cmd
}

func (f *importFlags) options(list bool) (importer.Options, error) {
	opt := importer.Options{SkipBadRows: f.skipBad, RejectsPath: f.rejects, PhoneRegion: strings.ToUpper(f.phoneRegion),
		ListFormat: f.format}
	if f.mapping != "" && list {
		m, err := lists.LoadGenericMapping(f.mapping)
		if err != nil {
			return opt, err
		}
		opt.ListMapping = m
	} else if f.mapping != "" {
		m, err := ingest.LoadMapping(f.mapping)
		if err != nil {
			return opt, err
		}
		opt.Mapping = m
	}
	if f.dateOrder != "" {
		o, err := ingest.ParseDateOrder(f.dateOrder)
		if err != nil {
			return opt, fmt.Errorf("--date-order: %w", err)
		}
		opt.DateOrder = o
	}
	if f.decimal != "" {
		if f.decimal != "." && f.decimal != "," {
			return opt, fmt.Errorf("--decimal: want . or , not %q", f.decimal)
		}
		opt.Decimal, _ = utf8.DecodeRuneInString(f.decimal)
	}
	return opt, nil
}

func (a *app) runImport(cmd *cobra.Command, f *importFlags, files []string,
	fn func(context.Context, *store.Store, string, importer.Options) (importer.Result, error), list bool) error {
	opt, err := f.options(list)
	if err != nil {
		return err
	}
	// A soft heap limit keeps a million-row import's caches from doubling the
	// process's footprint between collections (the target is 300 MB in all,
	// SQLite's page cache included).
	debug.SetMemoryLimit(importHeapLimit)
	if f.rejects != "" && len(files) > 1 {
		return fmt.Errorf("--rejects names one file; with %d inputs leave it out", len(files))
	}
	st, err := a.open(cmd.Context(), true)
	if err != nil {
		return err
	}
	defer st.Close()
	out := cmd.OutOrStdout()
	var results []importer.Result
	for _, path := range files {
		bar := newProgress(os.Stderr, path)
		opt.Progress = bar.update
		res, err := fn(cmd.Context(), st, path, opt)
		bar.done()
		if errors.Is(err, context.Canceled) {
			err = fmt.Errorf("interrupted: %s was not imported (the database is as it was)", sanitize.Text(path))
		}
		if err != nil {
			if f.json {
				printJSON(out, importOutput{Imports: results})
			}
			return err
		}
		results = append(results, res)
		if !f.json {
			printResult(out, res)
		}
		if err := audit.Imported(cmd.Context(), st, res, list); err != nil {
			return err
		}
	}
	var summary *screenSummary
	if !f.noScreen && changed(results) {
		rep, err := screening.Run(cmd.Context(), st, screening.Options{})
		if err != nil {
			return fmt.Errorf("imported, but screening failed (run casegraph screen): %w", err)
		}
		if rep.Targets > 0 {
			summary = summarise(rep)
			if err := audit.Record(cmd.Context(), st, audit.Screen, "after import", summary); err != nil {
				return err
			}
			if !f.json && summary.Subjects > 0 {
				fmt.Fprintf(out, "screened %d names against %d listed names: %d name hits (%d strong), %d identifier hits — casegraph screen shows them\n",
					summary.Subjects, summary.Targets, summary.NameHits, summary.Strong, summary.IdentifierHits)
			}
		}
	}
	if f.json {
		return printJSON(out, importOutput{Imports: results, Screen: summary})
	}
	return nil
}

// importOutput is import --json: what each file did, and the screening run that followed.
type importOutput struct {
	Imports []importer.Result `json:"imports"`
	Screen  *screenSummary    `json:"screen,omitempty"`
}

type screenSummary struct {
	Subjects       int     `json:"subjects"`
	Targets        int     `json:"targets"`
	NameHits       int     `json:"name_hits"`
	Strong         int     `json:"strong"`
	IdentifierHits int     `json:"identifier_hits"`
	Seconds        float64 `json:"seconds"`
}

func summarise(rep *screening.Report) *screenSummary {
	sum := &screenSummary{Subjects: rep.Subjects, Targets: rep.Targets, NameHits: len(rep.NameHits),
		IdentifierHits: len(rep.Identifiers), Seconds: rep.Seconds}
	for _, h := range rep.NameHits {
		if h.Strength == screening.Strong {
			sum.Strong++
		}
	}
	return sum
}

// changed reports whether any file was actually imported (not skipped as already known).
func changed(results []importer.Result) bool {
	for _, r := range results {
		if !r.AlreadyImported {
			return true
		}
	}
	return false
}

func printResult(w interface{ Write([]byte) (int, error) }, r importer.Result) {
	name := sanitize.Text(r.File)
	if r.AlreadyImported {
		fmt.Fprintf(w, "%s: already imported (sha256 %s…), nothing to do\n", name, r.SHA256[:12])
		return
	}
	rate := ""
	if r.Seconds > 0 {
		rate = fmt.Sprintf(", %.0f rows/s", float64(r.Read)/r.Seconds)
	}
	fmt.Fprintf(w, "%s: %d rows read, %d stored, %d rejected (%s %s, %.2fs%s)\n",
		name, r.Read, r.Stored, r.Rejected, r.Format, r.Kind, r.Seconds, rate)
	if r.RejectsPath != "" {
		fmt.Fprintf(w, "  rejected rows and reasons: %s\n", sanitize.Text(r.RejectsPath))
	}
	if r.Orphans > 0 {
		fmt.Fprintf(w, "  %d address or alias rows name an entry missing from the main file: kept on placeholder nodes (attribute orphan_rows)\n", r.Orphans)
	}
}
