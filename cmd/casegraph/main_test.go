package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/store"
)

// runCLI runs casegraph with args in-process and returns stdout and the error.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("casegraph %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

type truth struct {
	Networks []struct {
		ID      string `json:"id"`
		Members []string
		Shared  []struct {
			Kind    string
			Members []string
		}
	}
}

func TestDemoLinksContractorsWhoShareAnIdentifierWithFileAndLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "--db", db)

	var stats store.Stats
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "stats", "--json")), &stats); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, src := range stats.Sources {
		kinds[src.Kind]++
	}
	if stats.NodesByKind["contractor"] != 300 || stats.Payments != 3000 || kinds["contractors"] != 1 || kinds["payments"] != 1 || kinds["list"] == 0 {
		t.Fatalf("stats = %+v", stats)
	}
	for _, src := range stats.Sources {
		if src.RowsRead != src.RowsStored+src.RowsRejected {
			t.Errorf("source %s: counts do not add up", src.Path)
		}
	}

	raw, err := os.ReadFile(filepath.Join(filepath.Dir(db), "demo-data", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tr truth
	if err := json.Unmarshal(raw, &tr); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, n := range tr.Networks {
		for _, sh := range n.Shared {
			if len(sh.Members) < 2 {
				continue
			}
			a, b := showLinks(t, db, sh.Members[0]), showLinks(t, db, sh.Members[1])
			common := 0
			for k := range a {
				if _, ok := b[k]; ok {
					common++
				}
			}
			if common == 0 {
				t.Errorf("network %s: %s and %s share a %s in truth.json but no node in the graph", n.ID, sh.Members[0], sh.Members[1], sh.Kind)
			}
			checked++
		}
	}
	if checked < 5 {
		t.Errorf("checked only %d shared identifiers", checked)
	}
}

// showLinks runs `show contractor:ID --json` and returns linked keys, failing when
// any link lacks its file:line.
func showLinks(t *testing.T, db, id string) map[string]bool {
	t.Helper()
	var res showResult
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "show", "contractor:"+id, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, l := range res.Links {
		if len(l.Sources) == 0 || l.Sources[0].Line < 2 || !strings.HasSuffix(l.Sources[0].Path, ".csv") {
			t.Errorf("%s → %s: no file:line behind the link: %+v", id, l.Other.Key, l.Sources)
		}
		out[l.Other.Key] = true
	}
	return out
}

func TestAutoDetectedAndMappedExportsImport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "case.db")
	out := mustRun(t, "--db", db, "import", "contractors", "../../samples/formats/contractors-export.tsv")
	if !strings.Contains(out, "0 rejected") {
		t.Errorf("auto-detected import: %s", out)
	}
	_, err := runCLI(t, "--db", db, "import", "contractors", "../../samples/formats/contractors-odd.csv")
	if err == nil || !strings.Contains(err.Error(), "--mapping") {
		t.Errorf("odd headers without a mapping: err = %v, want a hint to use --mapping", err)
	}
	out = mustRun(t, "--db", db, "import", "contractors", "--mapping", "../../samples/formats/contractors-odd.mapping.json",
		"../../samples/formats/contractors-odd.csv")
	if !strings.Contains(out, "6 rows read, 6 stored, 0 rejected") {
		t.Errorf("mapped import: %s", out)
	}
	out = mustRun(t, "--db", db, "search", "Fernández")
	if !strings.Contains(out, "contractor:FX-20001") {
		t.Errorf("search after mapped import:\n%s", out)
	}
	out = mustRun(t, "--db", db, "import", "contractors", "../../samples/formats/contractors-export.tsv")
	if !strings.Contains(out, "already imported") {
		t.Errorf("re-import: %s", out)
	}
}

func TestBrokenFileGivesFileLineAndLeavesDatabaseUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "contractors", "../../internal/importer/testdata/contractors.csv")
	before := mustRun(t, "--db", db, "stats", "--json")
	_, err := runCLI(t, "--db", db, "import", "contractors", "../../internal/importer/testdata/broken.csv")
	if err == nil || !strings.HasPrefix(err.Error(), `../../internal/importer/testdata/broken.csv:3: field "E-mail Address":`) {
		t.Fatalf("err = %v", err)
	}
	if after := mustRun(t, "--db", db, "stats", "--json"); after != before {
		t.Errorf("database changed by a failed import:\nbefore %s\nafter %s", before, after)
	}
	rej := filepath.Join(dir, "rejects.csv")
	out := mustRun(t, "--db", db, "import", "contractors", "--skip-bad-rows", "--rejects", rej, "../../internal/importer/testdata/broken.csv")
	if !strings.Contains(out, "3 rows read, 2 stored, 1 rejected") || !strings.Contains(out, rej) {
		t.Errorf("skip-bad-rows output: %s", out)
	}
}

func TestOutputIsSanitised(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "evil.csv")
	os.WriteFile(csv, []byte("id,name,email\nFX-1,\"Kim\x1b[2J\x1b]0;pwned\x07 Evil\",kim@example.com\n"), 0o644)
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "contractors", csv)
	for _, args := range [][]string{{"show", "contractor:FX-1"}, {"search", "kim"}, {"show", "email:kim@example.com"}} {
		out := mustRun(t, append([]string{"--db", db}, args...)...)
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("%v printed a control character: %q", args, out)
		}
	}
	// JSON keeps the exact bytes, escaped by the encoder.
	out := mustRun(t, "--db", db, "show", "contractor:FX-1", "--json")
	if strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, `\u001b[2J`) {
		t.Errorf("JSON output: %s", out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if out := mustRun(t, "--version"); !strings.HasPrefix(out, "casegraph version ") {
		t.Errorf("--version: %q", out)
	}
	for _, args := range [][]string{{"--help"}, {"import", "contractors", "--help"}, {"show", "--help"}} {
		if out := mustRun(t, args...); !strings.Contains(out, "Usage:") {
			t.Errorf("%v: %q", args, out)
		}
	}
}

func TestShowListsADesignatedEntryWithEverySource(t *testing.T) {
	sdn := "../../../shared/data/ofac-csv/2023-12-29"
	if _, err := os.Stat(sdn); err != nil {
		t.Skipf("published OFAC files not present at %s (they live outside the repository)", sdn)
	}
	db := filepath.Join(t.TempDir(), "case.db")
	out := mustRun(t, "--db", db, "import", "list", sdn)
	if !strings.Contains(out, "13824 rows read, 13824 stored, 0 rejected") { // 13,821 entries + 3 orphan rows
		t.Errorf("import: %s", out)
	}
	var res showResult
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "show", "ofac:24977", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Node.Label != "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD." || res.Node.Kind != "organization" {
		t.Fatalf("node = %+v", res.Node)
	}
	files := map[string]int{}
	for _, l := range res.Links {
		if len(l.Sources) == 0 {
			t.Errorf("%s %s has no source", l.Kind, l.Other.Key)
			continue
		}
		files[filepath.Base(l.Sources[0].Path)]++
	}
	// Aliases come from alt.csv, addresses from add.csv, the USCC from sdn.csv's remarks.
	if res.LinkTotals["alias_of"] != 8 || res.LinkTotals["located_at"] != 3 || files["alt.csv"] != 7 || files["add.csv"] != 3 {
		t.Errorf("link totals %v, sources by file %v", res.LinkTotals, files)
	}
	if _, err := runCLI(t, "--db", db, "import", "list", "--format", "un-xml", sdn+"/sdn.csv"); err == nil {
		t.Error("--format un-xml read a CSV file without complaint")
	}
}

func TestListsDiffNamesTheCaseNodesANewVersionTouches(t *testing.T) {
	older, newer := "../../../shared/data/ofac-csv/2024-07-02/sdn.csv", "../../../shared/data/ofac-csv/current-merged"
	if _, err := os.Stat(newer); err != nil {
		t.Skipf("published OFAC files not present at %s (they live outside the repository)", newer)
	}
	// The demo's contractors and payments without its list extract, so the two
	// published versions are the list's first and second.
	dir := t.TempDir()
	files, err := demo.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "contractors", "--no-screen", files["contractors.csv"])
	mustRun(t, "--db", db, "import", "payments", "--no-screen", files["payments.csv"])
	mustRun(t, "--db", db, "import", "list", "--no-screen", older)
	mustRun(t, "--db", db, "import", "list", newer)
	var d listsDiff
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "lists", "diff", "--json")), &d); err != nil {
		t.Fatal(err)
	}
	// current-merged adds 39 DPRK-related entries to the 2024-07-02 list.
	if d.Version.Added != 39 || d.Version.Removed != 0 {
		t.Errorf("version = %+v", d.Version)
	}
	// ANDREYEV (55065) is new; the demo's planted network forwards money to his
	// wallet. KIM Ung Sun (55064) is new too, and a planted profile carries his name.
	wallet, named := false, false
	for _, tc := range d.Touched {
		wallet = wallet || tc.Entry == "ofac:55065" && tc.Key == "wallet:btc:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T" && tc.Payments > 0
		named = named || tc.Entry == "ofac:55064" && tc.Key == "contractor:FL-000279" && tc.Change == "added"
	}
	if !wallet || !named {
		t.Errorf("wallet of ofac:55065 touched %v, FL-000279 named like ofac:55064 touched %v: %+v", wallet, named, d.Touched)
	}
	var vs []store.ListVersion
	json.Unmarshal([]byte(mustRun(t, "--db", db, "lists", "--json")), &vs)
	if len(vs) != 2 || vs[0].Entries != 15443 || vs[1].Entries != 15482 {
		t.Errorf("lists = %+v", vs)
	}
}
