package cases

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/screening"
	"github.com/casegraph/casegraph/internal/store"
)

func demoStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Load(ctx, st, dir); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestACaseKeepsPinsTagsNotesStatusAndATimeline(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	if _, err := New(ctx, st, "Pittsburgh farm"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(ctx, st, "Pittsburgh farm"); err == nil {
		t.Error("a second case of the same name")
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(Pin(ctx, st, "Pittsburgh farm", "contractor:FL-000115", "contractor:FL-000279"))
	must(Pin(ctx, st, "Pittsburgh farm", "contractor:FL-000115")) // again: no-op
	must(Tag(ctx, st, "Pittsburgh farm", "contractor:FL-000279", "confirmed"))
	must(Tag(ctx, st, "Pittsburgh farm", "ofac:55064", "needs-review")) // pins it too
	must(Note(ctx, st, "Pittsburgh farm", "", "Shared ACH account across three profiles."))
	must(Note(ctx, st, "Pittsburgh farm", "contractor:FL-000279", "Name matches KIM Ung Sun; photo reused."))
	must(SetStatus(ctx, st, "Pittsburgh farm", store.CaseEscalated))
	d, err := Show(ctx, st, "Pittsburgh farm")
	if err != nil {
		t.Fatal(err)
	}
	if d.Case.Status != store.CaseEscalated || len(d.Pins) != 3 || len(d.Notes) != 2 {
		t.Fatalf("case %+v, %d pins, %d notes", d.Case, len(d.Pins), len(d.Notes))
	}
	tags := map[string]string{}
	for _, p := range d.Pins {
		tags[p.Node.Key] = strings.Join(p.Tags, ",")
	}
	if tags["contractor:FL-000279"] != "confirmed" || tags["ofac:55064"] != "needs-review" {
		t.Errorf("tags %v", tags)
	}
	var actions []string
	for _, e := range d.Timeline {
		actions = append(actions, e.Action)
	}
	want := "case-new case-pin case-pin case-tag case-pin? case-tag case-note case-note case-status"
	got := strings.Join(actions, " ")
	if !strings.HasPrefix(got, "case-new case-pin case-pin case-tag") || !strings.HasSuffix(got, "case-note case-note case-status") {
		t.Errorf("timeline %q, want like %q", got, want)
	}
	for _, bad := range []func() error{
		func() error { return Tag(ctx, st, "Pittsburgh farm", "contractor:FL-000115", "two words") },
		func() error { return Note(ctx, st, "Pittsburgh farm", "", "  ") },
		func() error { return SetStatus(ctx, st, "Pittsburgh farm", "archived") },
		func() error { return Pin(ctx, st, "nope", "contractor:FL-000115") },
		func() error { return Pin(ctx, st, "Pittsburgh farm", "contractor:NOPE") },
	} {
		if bad() == nil {
			t.Error("accepted a bad change")
		}
	}
	if _, brk, err := st.VerifyAudit(ctx); err != nil || brk != nil {
		t.Errorf("audit chain: %+v %v", brk, err)
	}
}

func TestANewerListVersionFlagsTheCasesItTouches(t *testing.T) {
	older, newer := "../../../shared/data/ofac-csv/2024-07-02/sdn.csv", "../../../shared/data/ofac-csv/current-merged"
	if _, err := os.Stat(newer); err != nil {
		t.Skipf("published OFAC files not present at %s (they live outside the repository)", newer)
	}
	ctx := context.Background()
	dir := t.TempDir()
	files, err := demo.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, step := range []struct {
		fn   func(context.Context, *store.Store, string, importer.Options) (importer.Result, error)
		path string
	}{{importer.Contractors, files["contractors.csv"]}, {importer.Payments, files["payments.csv"]}, {importer.Lists, older}} {
		if _, err := step.fn(ctx, st, step.path, importer.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := New(ctx, st, "N2"); err != nil {
		t.Fatal(err)
	}
	if _, err := New(ctx, st, "quiet"); err != nil {
		t.Fatal(err)
	}
	// Network N2's consolidation account forwards to ANDREYEV's wallet (listed
	// in the newer version) and pays YANBIAN SILVERSTAR (changed in it).
	if err := Pin(ctx, st, "N2", "account:raw:6222024653715302024"); err != nil {
		t.Fatal(err)
	}
	if err := Pin(ctx, st, "quiet", "contractor:FL-000001"); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Lists(ctx, st, newer, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := screening.Run(ctx, st, screening.Options{}); err != nil {
		t.Fatal(err)
	}
	list, err := List(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Summary{}
	for _, s := range list {
		byName[s.Name] = s
	}
	// The account sits two hops from ANDREYEV (added) and one from YANBIAN
	// SILVERSTAR (changed, matched by its beneficiary name): either flags it.
	found := false
	for _, f := range byName["N2"].Flags {
		found = found || f.Node == "account:raw:6222024653715302024" && (f.Change == "added" || f.Change == "changed")
	}
	if !found {
		t.Errorf("N2 not flagged: %+v", byName["N2"].Flags)
	}
	if len(byName["quiet"].Flags) != 0 {
		t.Errorf("an untouched case flagged: %+v", byName["quiet"].Flags)
	}
	if err := Reviewed(ctx, st, "N2"); err != nil {
		t.Fatal(err)
	}
	d, _ := Show(ctx, st, "N2")
	if len(d.Flags) != 0 {
		t.Errorf("flags after review: %+v", d.Flags)
	}
}
