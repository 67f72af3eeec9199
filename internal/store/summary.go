package store

import (
	"context"
	"fmt"
)

// Summary is the dashboard's view of a database: counts that cost an index
// walk each (no GROUP BY over edges, which on a million edges takes a second).
type Summary struct {
	Path        string   `json:"path"`
	Contractors int      `json:"contractors"`
	Payments    int      `json:"payments"`
	Nodes       int      `json:"nodes"`
	Edges       int      `json:"edges"`
	Designated  int      `json:"designated"`
	NameMatches int      `json:"name_matches"`
	Sources     []Source `json:"sources"` // newest first, at most 5
	SourceCount int      `json:"source_count"`
}

// Summary counts what the dashboard shows.
func (s *Store) Summary(ctx context.Context) (*Summary, error) {
	sum := &Summary{Path: s.path}
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM nodes WHERE kind = 'contractor'),
		(SELECT count(*) FROM ledger),
		(SELECT count(*) FROM nodes),
		(SELECT count(*) FROM edges),
		(SELECT count(*) FROM nodes WHERE kind IN (`+entryKindsSQL+`)),
		(SELECT count(*) FROM nodes en CROSS JOIN edges e ON e.dst = en.id AND e.kind = 'name_match'
		   WHERE en.kind IN (`+entryKindsSQL+`)),
		(SELECT count(*) FROM sources)`).Scan(&sum.Contractors, &sum.Payments, &sum.Nodes, &sum.Edges,
		&sum.Designated, &sum.NameMatches, &sum.SourceCount)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, sourceCols+` ORDER BY id DESC LIMIT 5`)
	if err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("summary: %w", err)
		}
		sum.Sources = append(sum.Sources, *src)
	}
	return sum, rows.Err()
}

// RiskOf returns a contractor's place in the last risk ranking, or nil when it
// has none (no run yet, or not a contractor).
func (s *Store) RiskOf(ctx context.Context, nodeID int64) (*RiskScore, error) {
	rows, err := s.db.QueryContext(ctx, riskScoreCols+` WHERE r.node_id = ?`, nodeID)
	if err != nil {
		return nil, fmt.Errorf("risk of node %d: %w", nodeID, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	rs, err := scanRiskScore(rows)
	if err != nil {
		return nil, fmt.Errorf("risk of node %d: %w", nodeID, err)
	}
	return &rs, nil
}
