package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func auditStore(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	for i, a := range []string{"import", "screen", "export", "case-note"} {
		if _, err := st.AppendAudit(ctx, "analyst", a, "target-"+a, map[string]any{"n": i}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestAuditChainVerifies(t *testing.T) {
	st := auditStore(t)
	n, brk, err := st.VerifyAudit(context.Background())
	if err != nil || brk != nil || n != 4 {
		t.Fatalf("verify: %d entries, break %+v, %v", n, brk, err)
	}
	log, _ := st.AuditLog(context.Background(), 2)
	if len(log) != 2 || log[0].ID != 3 || log[1].PrevHash != log[0].Hash {
		t.Errorf("last two entries: %+v", log)
	}
}

func TestAuditRefusesUpdateAndDelete(t *testing.T) {
	st := auditStore(t)
	for _, q := range []string{`UPDATE audit SET target = 'x' WHERE id = 2`, `DELETE FROM audit WHERE id = 2`} {
		if _, err := st.DB().Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestAuditVerifyNamesTheEditedEntry(t *testing.T) {
	tests := []struct {
		name   string
		tamper []string
		id     int64
		says   string
	}{
		{"a field edited", []string{`UPDATE audit SET target = 'other.csv' WHERE id = 2`}, 2, "edited"},
		{"edited and rehashed", []string{`UPDATE audit SET target = 'other.csv', hash = 'f00' WHERE id = 2`}, 2, "edited"},
		{"an entry deleted", []string{`DELETE FROM audit WHERE id = 3`}, 3, "deleted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := auditStore(t)
			db := st.DB()
			for _, q := range append([]string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`}, tt.tamper...) {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			_, brk, err := st.VerifyAudit(context.Background())
			if err != nil || brk == nil || brk.ID != tt.id || !strings.Contains(brk.Reason, tt.says) {
				t.Errorf("break %+v (%v), want entry %d (%s)", brk, err, tt.id, tt.says)
			}
		})
	}
}

func TestAuditVerifyCatchesARewrittenHash(t *testing.T) {
	// The forger recomputes entry 2's hash for its new fields: entry 3 still
	// names the old one.
	st := auditStore(t)
	db := st.DB()
	db.Exec(`DROP TRIGGER audit_no_update`)
	log, _ := st.AuditLog(context.Background(), 0)
	e := log[1]
	e.Target = "forged.csv"
	e.Hash = auditHash(e)
	if _, err := db.Exec(`UPDATE audit SET target = ?, hash = ? WHERE id = 2`, e.Target, e.Hash); err != nil {
		t.Fatal(err)
	}
	_, brk, _ := st.VerifyAudit(context.Background())
	if brk == nil || brk.ID != 2 || !strings.Contains(brk.Reason, "replaced") {
		t.Errorf("break %+v, want entry 2 replaced", brk)
	}
}
