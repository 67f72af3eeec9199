package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/cases"
)

func TestCaseCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "--db", db)
	mustRun(t, "--db", db, "case", "new", "Pittsburgh farm")
	mustRun(t, "--db", db, "case", "pin", "Pittsburgh farm", "FL-000115", "FL-000279")
	mustRun(t, "--db", db, "case", "tag", "Pittsburgh farm", "FL-000279", "confirmed")
	mustRun(t, "--db", db, "case", "note", "Pittsburgh farm", "--on", "FL-000279", "photo \x1b[31mreused")
	mustRun(t, "--db", db, "case", "close", "Pittsburgh farm")
	var d cases.Detail
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "case", "show", "Pittsburgh farm", "--json")), &d); err != nil {
		t.Fatal(err)
	}
	if d.Case.Status != "closed" || len(d.Pins) != 2 || len(d.Notes) != 1 || len(d.Timeline) != 6 {
		t.Errorf("case %+v pins %d notes %d timeline %d", d.Case, len(d.Pins), len(d.Notes), len(d.Timeline))
	}
	text := mustRun(t, "--db", db, "case", "show", "Pittsburgh farm")
	if strings.Contains(text, "\x1b[31m") || !strings.Contains(text, "[confirmed]") {
		t.Errorf("case show:\n%q", text)
	}
	if _, err := runCLI(t, "--db", db, "case", "tag", "Pittsburgh farm", "FL-000279", "two words"); err == nil {
		t.Error("a tag of two words accepted")
	}
	if _, err := runCLI(t, "--db", db, "case", "pin", "no such case", "FL-000115"); err == nil {
		t.Error("pinned to a case that does not exist")
	}
	if out := mustRun(t, "--db", db, "audit", "verify"); !strings.Contains(out, "intact") {
		t.Errorf("audit after case work: %s", out)
	}
}
