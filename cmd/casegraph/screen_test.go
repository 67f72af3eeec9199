package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/screening"
)

func TestScreenNameFindsTheDesignatedPersonAndRefusesNonsense(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "--db", db)
	var hits []screening.Hit
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "screen", "--name", "Sangman Kim", "--kind", "person", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Entry.Key != "ofac:43377" || hits[0].Explanation == "" {
		t.Fatalf("hits = %+v", hits)
	}
	for _, bad := range [][]string{{"--threshold", "1.5"}, {"--threshold", "0"}, {"--name", " "}, {"--name", "Kim", "--kind", "vessel"}} {
		if _, err := runCLI(t, append([]string{"--db", db, "screen"}, bad...)...); err == nil {
			t.Errorf("screen %v: no error", bad)
		}
	}
	out := mustRun(t, "--db", db, "screen", "--name", "Park Ji-hoon")
	if !strings.Contains(out, "no listed name scores") {
		t.Errorf("an ordinary name: %s", out)
	}
}

func TestImportScreensAfterwardsUnlessToldNot(t *testing.T) {
	dir := t.TempDir()
	files, err := demo.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "list", filepath.Dir(files["list/sdn.csv"]))
	var out importOutput
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "import", "contractors", "--no-screen", "--json", files["contractors.csv"])), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Imports) != 1 || out.Screen != nil {
		t.Fatalf("--no-screen: %+v", out)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "import", "payments", "--json", files["payments.csv"])), &out); err != nil {
		t.Fatal(err)
	}
	if out.Screen == nil || out.Screen.Subjects == 0 || out.Screen.NameHits == 0 || out.Screen.IdentifierHits == 0 {
		t.Fatalf("screen after import: %+v", out.Screen)
	}
	var rep screening.Report
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "screen", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.NameHits) != out.Screen.NameHits {
		t.Errorf("screen found %d name hits, the import's run %d", len(rep.NameHits), out.Screen.NameHits)
	}
	for _, h := range rep.NameHits {
		if h.Subject == nil || !strings.Contains(h.Source, ".csv:") {
			t.Errorf("hit without subject or source row: %+v", h)
		}
	}
}
