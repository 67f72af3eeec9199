package main

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/casegraph/casegraph/internal/demo"
	"github.com/casegraph/casegraph/internal/store"
)

func TestAuditRecordsWhatWasDoneAndVerifyNamesAnEditedEntry(t *testing.T) {
	dir := t.TempDir()
	files, err := demo.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "case.db")
	mustRun(t, "--db", db, "import", "contractors", files["contractors.csv"])
	mustRun(t, "--db", db, "import", "payments", files["payments.csv"])
	mustRun(t, "--db", db, "import", "list", filepath.Dir(files["list/sdn.csv"]))
	mustRun(t, "--db", db, "risk", "--top", "1")
	mustRun(t, "--db", db, "export", "--from", "FL-000115", "--format", "dot", "-o", filepath.Join(dir, "x.dot"))
	var log []store.AuditEntry
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "audit", "--limit", "0", "--json")), &log); err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range log {
		actions[e.Action]++
		if e.OSUser == "" || e.At == "" || e.Hash == "" {
			t.Errorf("incomplete entry %+v", e)
		}
	}
	if actions["import"] != 3 || actions["list-delta"] != 1 || actions["screen"] == 0 || actions["risk"] != 1 || actions["export"] != 1 {
		t.Errorf("actions recorded: %v", actions)
	}
	if out := mustRun(t, "--db", db, "audit", "verify"); !strings.Contains(out, "intact") {
		t.Errorf("verify: %s", out)
	}

	// Tamper the way someone with the file and the sqlite3 shell would.
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET target = 'innocent.csv' WHERE id = 2`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	out, err := runCLI(t, "--db", db, "audit", "verify")
	if err == nil || !strings.Contains(out, "entry 2") {
		t.Errorf("verify after tampering: %v\n%s", err, out)
	}
}
