package importdlg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/sanitize"
	"github.com/casegraph/casegraph/internal/screening"
	"github.com/casegraph/casegraph/internal/store"
)

// kinds are what a file can hold, with the importer that reads it.
var kinds = []struct {
	name, about string
	fn          func(context.Context, *store.Store, string, importer.Options) (importer.Result, error)
}{
	{"contractors", "contractor profiles: CSV, TSV, a JSON array or JSON Lines", importer.Contractors},
	{"payments", "payment ledgers: payouts and account-to-account transfers", importer.Payments},
	{"list", "a designation list: an OFAC CSV set (folder or sdn.csv), OFAC or UN XML, FtM JSON", importer.Lists},
}

// request is one import, as the dialog stood when Enter was pressed.
type request struct {
	run     int
	path    string
	kind    int
	skipBad bool
	screen  bool
}

// progressMsg is how far the import has read (or, with phase "screening",
// that the import is done and screening runs).
type progressMsg struct {
	run         int
	done, total int64
	phase       string
}

// importedMsg is the outcome of an import and the screening after it.
type importedMsg struct {
	run      int
	res      importer.Result
	err      error
	screened *summary // nil when screening did not run or had no lists
	rowError bool     // err is a bad row: skipping bad rows would get past it
}

// summary is a screening run, as the command line reports it.
type summary struct {
	subjects, targets, nameHits, strong, identifierHits int
}

// runImport imports the file and screens the database as casegraph import
// does. Progress goes to ch (the latest value only: the import never waits
// for the screen), which is closed when the import is done.
func runImport(ctx context.Context, st *store.Store, r request, ch chan progressMsg) (msg importedMsg) {
	defer close(ch)
	msg.run = r.run
	send := func(p progressMsg) {
		p.run = r.run
		select { // drop a value the screen has not taken yet: the newest wins
		case <-ch:
		default:
		}
		select {
		case ch <- p:
		default:
		}
	}
	path, err := expandHome(r.path)
	if err != nil {
		msg.err = err
		return msg
	}
	opt := importer.Options{SkipBadRows: r.skipBad, Progress: func(done, total int64) {
		send(progressMsg{done: done, total: total})
	}}
	msg.res, msg.err = kinds[r.kind].fn(ctx, st, path, opt)
	if errors.Is(msg.err, context.Canceled) {
		msg.err = fmt.Errorf("interrupted: %s was not imported (the database is as it was)", sanitize.Text(path))
	}
	if msg.err != nil {
		var ie *ingest.Error
		msg.rowError = !r.skipBad && errors.As(msg.err, &ie) && !ie.Fatal
		return msg
	}
	if err := audit.Imported(ctx, st, msg.res, kinds[r.kind].name == "list"); err != nil {
		msg.err = fmt.Errorf("imported, but the audit log could not be written: %w", err)
		return msg
	}
	if !r.screen || msg.res.AlreadyImported {
		return msg
	}
	send(progressMsg{phase: "screening"})
	rep, err := screening.Run(ctx, st, screening.Options{})
	if err != nil {
		msg.err = fmt.Errorf("imported, but screening failed (run casegraph screen): %w", err)
		return msg
	}
	if rep.Targets > 0 {
		audit.Record(ctx, st, audit.Screen, "after import", map[string]any{"subjects": rep.Subjects,
			"name_hits": len(rep.NameHits), "identifier_hits": len(rep.Identifiers)})
	}
	if rep.Targets > 0 && rep.Subjects > 0 {
		s := &summary{subjects: rep.Subjects, targets: rep.Targets, nameHits: len(rep.NameHits), identifierHits: len(rep.Identifiers)}
		for _, h := range rep.NameHits {
			if h.Strength == screening.Strong {
				s.strong++
			}
		}
		msg.screened = s
	}
	return msg
}

// listen waits for the next progress value; the dialog asks again after
// each, until the channel closes.
func listen(ch chan progressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}

// resultLines are the command line's lines for an import (casegraph import
// prints the same).
func resultLines(r importer.Result) []string {
	name := sanitize.Text(r.File)
	if r.AlreadyImported {
		sha := r.SHA256
		if len(sha) > 12 {
			sha = sha[:12]
		}
		return []string{fmt.Sprintf("%s: already imported (sha256 %s…), nothing to do", name, sha)}
	}
	rate := ""
	if r.Seconds > 0 {
		rate = fmt.Sprintf(", %.0f rows/s", float64(r.Read)/r.Seconds)
	}
	out := []string{fmt.Sprintf("%s: %d rows read, %d stored, %d rejected (%s %s, %.2fs%s)",
		name, r.Read, r.Stored, r.Rejected, r.Format, r.Kind, r.Seconds, rate)}
	if r.RejectsPath != "" {
		out = append(out, "  rejected rows and reasons: "+sanitize.Text(r.RejectsPath))
	}
	if r.Orphans > 0 {
		out = append(out, fmt.Sprintf("  %d address or alias rows name an entry missing from the main file: kept on placeholder nodes (attribute orphan_rows)", r.Orphans))
	}
	return out
}

// line is the screening summary, as casegraph import prints it.
func (s *summary) line() string {
	return fmt.Sprintf("screened %d names against %d listed names: %d name hits (%d strong), %d identifier hits — casegraph screen shows them",
		s.subjects, s.targets, s.nameHits, s.strong, s.identifierHits)
}

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		return filepath.Join(home, p[1:]), nil
	}
	return p, nil
}
