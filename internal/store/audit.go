package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       string          `json:"at"`
	OSUser   string          `json:"os_user"`
	Action   string          `json:"action"`
	Target   string          `json:"target"`
	Detail   json.RawMessage `json:"detail"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// auditHash is the SHA-256 of an entry's fields and its predecessor's hash,
// each length-prefixed so no two field lists hash alike.
func auditHash(e AuditEntry) string {
	h := sha256.New()
	for _, f := range []string{strconv.FormatInt(e.ID, 10), e.At, e.OSUser, e.Action, e.Target, string(e.Detail), e.PrevHash} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AppendAudit appends an entry, chained to the last one, in a transaction of
// its own (the write lock makes the chain a line even with two writers).
func (s *Store) AppendAudit(ctx context.Context, user, action, target string, detail any) (AuditEntry, error) {
	d, err := json.Marshal(detail)
	if err != nil {
		return AuditEntry{}, fmt.Errorf("audit: %w", err)
	}
	if detail == nil {
		d = []byte("{}")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return AuditEntry{}, fmt.Errorf("audit: %w", err)
	}
	defer tx.Rollback()
	e := AuditEntry{At: time.Now().UTC().Format(time.RFC3339Nano), OSUser: user, Action: action, Target: target, Detail: d}
	err = tx.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&e.ID, &e.PrevHash)
	if err != nil && err != sql.ErrNoRows {
		return AuditEntry{}, fmt.Errorf("audit: %w", err)
	}
	e.ID++
	e.Hash = auditHash(e)
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(id, at, os_user, action, target, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, e.At, e.OSUser, e.Action, e.Target, string(e.Detail), e.PrevHash, e.Hash); err != nil {
		return AuditEntry{}, fmt.Errorf("audit: %w", err)
	}
	return e, tx.Commit()
}

// AuditLog lists the log, oldest first; limit 0 means all, otherwise the last limit entries.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	q := `SELECT id, at, os_user, action, target, detail, prev_hash, hash FROM audit ORDER BY id`
	args := []any{}
	if limit > 0 {
		q = `SELECT * FROM (SELECT id, at, os_user, action, target, detail, prev_hash, hash FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id`
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.OSUser, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		e.Detail = json.RawMessage(detail)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditBreak is the first place the audit chain does not hold.
type AuditBreak struct {
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
}

// VerifyAudit recomputes every entry's hash and checks each links to the one
// before; it returns the number of entries and the first break, or nil.
// (Removing the newest entries leaves a shorter, consistent chain: compare the
// count with one noted elsewhere — a case report records it.)
func (s *Store) VerifyAudit(ctx context.Context) (int, *AuditBreak, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, os_user, action, target, detail, prev_hash, hash FROM audit ORDER BY id`)
	if err != nil {
		return 0, nil, fmt.Errorf("audit verify: %w", err)
	}
	defer rows.Close()
	n := 0
	prev := AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.OSUser, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash); err != nil {
			return n, nil, fmt.Errorf("audit verify: %w", err)
		}
		e.Detail = json.RawMessage(detail)
		n++
		switch {
		case e.ID != prev.ID+1:
			return n, &AuditBreak{prev.ID + 1, fmt.Sprintf("entries %d to %d were deleted (entry %d follows entry %d)",
				prev.ID+1, e.ID-1, e.ID, prev.ID)}, nil
		case auditHash(e) != e.Hash:
			return n, &AuditBreak{e.ID, fmt.Sprintf("entry %d was edited after it was written: its hash no longer matches its fields", e.ID)}, nil
		case e.PrevHash != prev.Hash:
			// The entry before was rewritten with a hash to match its new
			// fields, but this one still names the old hash.
			return n, &AuditBreak{prev.ID, fmt.Sprintf("entry %d was replaced after it was written: entry %d names another hash for it",
				prev.ID, e.ID)}, nil
		}
		prev = e
	}
	return n, nil, rows.Err()
}
