package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Case statuses.
const (
	CaseOpen      = "open"
	CaseEscalated = "escalated"
	CaseClosed    = "closed"
)

// Case is an investigation.
type Case struct {
	ID          int64  `json:"-"`
	Name        string `json:"name"`
	Status      string `json:"status"`
	CreatedAt   string `json:"created_at"`
	UpdatedAt   string `json:"updated_at"`
	SeenVersion int64  `json:"seen_version"`
	Pins        int    `json:"pins"`
	Notes       int    `json:"notes"`
}

// CasePin is a pinned entity with its tags.
type CasePin struct {
	Node     NodeRef  `json:"node"`
	PinnedAt string   `json:"pinned_at"`
	Tags     []string `json:"tags,omitempty"`
}

// CaseNote is a note on a case or one of its entities.
type CaseNote struct {
	ID     int64  `json:"id"`
	Node   string `json:"node,omitempty"` // the entity's key, "" for the case
	Text   string `json:"text"`
	OSUser string `json:"os_user"`
	At     string `json:"at"`
}

// ErrNoCase reports a case name that does not exist.
var ErrNoCase = errors.New("no such case")

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// NewCase creates a case; the newest list version is taken as seen.
func (s *Store) NewCase(ctx context.Context, name string) (*Case, error) {
	t := now()
	_, err := s.db.ExecContext(ctx, `INSERT INTO cases(name, created_at, updated_at, seen_version)
		VALUES (?, ?, ?, (SELECT coalesce(max(id), 0) FROM list_versions))`, name, t, t)
	if err != nil {
		return nil, fmt.Errorf("new case %q: %w", name, err)
	}
	return s.CaseByName(ctx, name)
}

const caseCols = `SELECT c.id, c.name, c.status, c.created_at, c.updated_at, c.seen_version,
	(SELECT count(*) FROM case_pins p WHERE p.case_id = c.id), (SELECT count(*) FROM case_notes n WHERE n.case_id = c.id)
	FROM cases c`

func scanCase(r rowScanner) (*Case, error) {
	var c Case
	if err := r.Scan(&c.ID, &c.Name, &c.Status, &c.CreatedAt, &c.UpdatedAt, &c.SeenVersion, &c.Pins, &c.Notes); err != nil {
		return nil, err
	}
	return &c, nil
}

// CaseByName finds a case.
func (s *Store) CaseByName(ctx context.Context, name string) (*Case, error) {
	c, err := scanCase(s.db.QueryRowContext(ctx, caseCols+` WHERE c.name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("case %q: %w", name, ErrNoCase)
	}
	return c, err
}

// Cases lists every case, newest first.
func (s *Store) Cases(ctx context.Context) ([]Case, error) {
	rows, err := s.db.QueryContext(ctx, caseCols+` ORDER BY c.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	out := []Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("cases: %w", err)
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

func (s *Store) touchCase(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cases SET updated_at = ? WHERE id = ?`, now(), id)
	return err
}

// PinToCase pins a node; pinning it again is a no-op (added false).
func (s *Store) PinToCase(ctx context.Context, c *Case, nodeID int64) (added bool, err error) {
	res, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO case_pins(case_id, node_id, pinned_at) VALUES (?, ?, ?)`, c.ID, nodeID, now())
	if err != nil {
		return false, fmt.Errorf("pin: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, s.touchCase(ctx, c.ID)
}

// TagInCase tags a node within a case (pinning it if it was not).
func (s *Store) TagInCase(ctx context.Context, c *Case, nodeID int64, tag string) error {
	if _, err := s.PinToCase(ctx, c, nodeID); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `INSERT OR IGNORE INTO case_tags(case_id, node_id, tag, at) VALUES (?, ?, ?, ?)`,
		c.ID, nodeID, tag, now()); err != nil {
		return fmt.Errorf("tag: %w", err)
	}
	return nil
}

// NoteInCase adds a note on the case (nodeID 0) or an entity.
func (s *Store) NoteInCase(ctx context.Context, c *Case, nodeID int64, text, user string) error {
	var node any
	if nodeID != 0 {
		node = nodeID
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO case_notes(case_id, node_id, text, os_user, at) VALUES (?, ?, ?, ?, ?)`,
		c.ID, node, text, user, now()); err != nil {
		return fmt.Errorf("note: %w", err)
	}
	return s.touchCase(ctx, c.ID)
}

// SetCaseStatus changes a case's status.
func (s *Store) SetCaseStatus(ctx context.Context, c *Case, status string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE cases SET status = ?, updated_at = ? WHERE id = ?`, status, now(), c.ID); err != nil {
		return fmt.Errorf("status: %w", err)
	}
	return nil
}

// MarkCaseReviewed records that the analyst has seen every list version so far.
func (s *Store) MarkCaseReviewed(ctx context.Context, c *Case) error {
	_, err := s.db.ExecContext(ctx, `UPDATE cases SET seen_version = (SELECT coalesce(max(id), 0) FROM list_versions),
		updated_at = ? WHERE id = ?`, now(), c.ID)
	return err
}

// CasePins lists a case's pinned entities with their tags.
func (s *Store) CasePins(ctx context.Context, c *Case) ([]CasePin, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.key, n.kind, n.label, p.pinned_at,
		coalesce((SELECT group_concat(t.tag, ',') FROM case_tags t WHERE t.case_id = p.case_id AND t.node_id = p.node_id), '')
		FROM case_pins p JOIN nodes n ON n.id = p.node_id WHERE p.case_id = ? ORDER BY p.pinned_at, n.key`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("pins: %w", err)
	}
	defer rows.Close()
	out := []CasePin{}
	for rows.Next() {
		var p CasePin
		var tags string
		if err := rows.Scan(&p.Node.ID, &p.Node.Key, &p.Node.Kind, &p.Node.Label, &p.PinnedAt, &tags); err != nil {
			return nil, fmt.Errorf("pins: %w", err)
		}
		if tags != "" {
			p.Tags = splitComma(tags)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// CaseNotes lists a case's notes, oldest first.
func (s *Store) CaseNotes(ctx context.Context, c *Case) ([]CaseNote, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT cn.id, coalesce(n.key, ''), cn.text, cn.os_user, cn.at
		FROM case_notes cn LEFT JOIN nodes n ON n.id = cn.node_id WHERE cn.case_id = ? ORDER BY cn.id`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	defer rows.Close()
	out := []CaseNote{}
	for rows.Next() {
		var n CaseNote
		if err := rows.Scan(&n.ID, &n.Node, &n.Text, &n.OSUser, &n.At); err != nil {
			return nil, fmt.Errorf("notes: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// AuditFor lists the audit entries whose target is target, oldest first.
func (s *Store) AuditFor(ctx context.Context, target string) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, os_user, action, target, detail, prev_hash, hash
		FROM audit WHERE target = ? ORDER BY id`, target)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var detail string
		if err := rows.Scan(&e.ID, &e.At, &e.OSUser, &e.Action, &e.Target, &detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.Detail = []byte(detail)
		out = append(out, e)
	}
	return out, rows.Err()
}
