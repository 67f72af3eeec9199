package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Traversal queries. SQLite plans `JOIN edges e ON e.src = n.id` over a set of
// nodes badly (seconds on a million edges); `src IN (…)` with the ids bound as
// parameters uses the (src, kind, dst) and (dst, kind, src) indexes directly
// (about a millisecond). traverse_test.go pins these plans with EXPLAIN QUERY PLAN.

// inChunk is how many ids one IN (…) list binds: well under SQLite's limit on
// host parameters, large enough that a BFS level is a handful of queries.
const inChunk = 500

// EdgeRef is an edge as a traversal sees it.
type EdgeRef struct {
	ID       int64
	Kind     string
	Src, Dst int64
}

// Other is the end of e that is not id.
func (e EdgeRef) Other(id int64) int64 {
	if e.Src == id {
		return e.Dst
	}
	return e.Src
}

const (
	qOutEdges = `SELECT id, kind, src, dst FROM edges WHERE src IN (%s)`
	qInEdges  = `SELECT id, kind, src, dst FROM edges WHERE dst IN (%s)`
	qOutDeg   = `SELECT src, count(*) FROM edges WHERE src IN (%s) GROUP BY src`
	qInDeg    = `SELECT dst, count(*) FROM edges WHERE dst IN (%s) GROUP BY dst`
)

// Incident returns every edge touching one of ids, in either direction. An
// edge between two of ids comes once.
func (s *Store) Incident(ctx context.Context, ids []int64) ([]EdgeRef, error) {
	var out []EdgeRef
	seen := map[int64]bool{}
	for _, q := range []string{qOutEdges, qInEdges} {
		err := s.eachChunk(ctx, q, ids, func(rows *sql.Rows) error {
			var e EdgeRef
			if err := rows.Scan(&e.ID, &e.Kind, &e.Src, &e.Dst); err != nil {
				return err
			}
			if !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("incident edges: %w", err)
		}
	}
	return out, nil
}

// Degrees counts the edges of each of ids, both directions (ids without edges
// are absent from the map).
func (s *Store) Degrees(ctx context.Context, ids []int64) (map[int64]int, error) {
	deg := map[int64]int{}
	for _, q := range []string{qOutDeg, qInDeg} {
		err := s.eachChunk(ctx, q, ids, func(rows *sql.Rows) error {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			deg[id] += n
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("degrees: %w", err)
		}
	}
	return deg, nil
}

// EdgeKindCounts counts a node's edges by kind, both directions: the summary
// shown for a hub that is not expanded.
func (s *Store) EdgeKindCounts(ctx context.Context, id int64) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, count(*) FROM edges WHERE src = ?1 GROUP BY kind
		UNION ALL SELECT kind, count(*) FROM edges WHERE dst = ?1 GROUP BY kind`, id)
	if err != nil {
		return nil, fmt.Errorf("edge kinds: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[k] += n
	}
	return out, rows.Err()
}

// eachChunk runs q (with one %s for the placeholders) over ids in chunks.
func (s *Store) eachChunk(ctx context.Context, q string, ids []int64, fn func(*sql.Rows) error) error {
	for start := 0; start < len(ids); start += inChunk {
		part := ids[start:min(start+inChunk, len(ids))]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(q, placeholders(len(part))), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// EdgesAmong returns the edges whose two ends are both in ids.
func (s *Store) EdgesAmong(ctx context.Context, ids []int64) ([]EdgeRef, error) {
	in := make(map[int64]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	var out []EdgeRef
	err := s.eachChunk(ctx, qOutEdges, ids, func(rows *sql.Rows) error {
		var e EdgeRef
		if err := rows.Scan(&e.ID, &e.Kind, &e.Src, &e.Dst); err != nil {
			return err
		}
		if in[e.Dst] {
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("edges among: %w", err)
	}
	return out, nil
}

// EdgeAttrs returns the attributes of edges by id.
func (s *Store) EdgeAttrs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := s.eachChunk(ctx, `SELECT id, attrs FROM edges WHERE id IN (%s) AND attrs IS NOT NULL`, ids, func(rows *sql.Rows) error {
		var id int64
		var a string
		if err := rows.Scan(&id, &a); err != nil {
			return err
		}
		out[id] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("edge attributes: %w", err)
	}
	return out, nil
}

// NodeAssertions returns up to limit source rows per node (its own rows, by
// file and line) for each of ids.
func (s *Store) NodeAssertions(ctx context.Context, ids []int64, limit int) (map[int64][]Assertion, error) {
	return s.assertionsByID(ctx, `SELECT ns.node_id, s.path, ns.line, ns.field FROM node_sources ns
		JOIN sources s ON s.id = ns.source_id WHERE ns.node_id IN (%s) ORDER BY ns.node_id, s.id, ns.line`, ids, limit)
}

// EdgeAssertions returns up to limit source rows per edge for each of ids: the
// rows that asserted it. (A money flow's ledger rows are read per edge with
// EdgeLedgerRows.)
func (s *Store) EdgeAssertions(ctx context.Context, ids []int64, limit int) (map[int64][]Assertion, error) {
	return s.assertionsByID(ctx, `SELECT es.edge_id, s.path, es.line, es.field FROM edge_sources es
		JOIN sources s ON s.id = es.source_id WHERE es.edge_id IN (%s) ORDER BY es.edge_id, s.id, es.line`, ids, limit)
}

func (s *Store) assertionsByID(ctx context.Context, q string, ids []int64, limit int) (map[int64][]Assertion, error) {
	out := map[int64][]Assertion{}
	err := s.eachChunk(ctx, q, ids, func(rows *sql.Rows) error {
		var id int64
		var a Assertion
		if err := rows.Scan(&id, &a.Path, &a.Line, &a.Field); err != nil {
			return err
		}
		if len(out[id]) < limit {
			out[id] = append(out[id], a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("provenance: %w", err)
	}
	return out, nil
}

// EdgeLedgerRows returns up to limit ledger rows a money-flow edge aggregates
// (paid and transfer: payer → payee; payout_to: contractor → payee), and how
// many there are.
func (s *Store) EdgeLedgerRows(ctx context.Context, e EdgeRef, limit int) ([]Assertion, int, error) {
	col := ""
	switch e.Kind {
	case EdgePaid, EdgeTransfer:
		col = "payer_id"
	case EdgePayoutTo:
		col = "contractor_id"
	default:
		return nil, 0, nil
	}
	return s.assertions(ctx, `SELECT s.path, l.line, '' FROM ledger l JOIN sources s ON s.id = l.source_id
		WHERE l.`+col+` = ?1 AND l.payee_id = ?2`, limit, e.Src, e.Dst)
}

// AllNodeIDs lists every node id in id order.
func (s *Store) AllNodeIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM nodes ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("nodes: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AllEdges lists every edge in id order.
func (s *Store) AllEdges(ctx context.Context) ([]EdgeRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kind, src, dst FROM edges ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	defer rows.Close()
	var out []EdgeRef
	for rows.Next() {
		var e EdgeRef
		if err := rows.Scan(&e.ID, &e.Kind, &e.Src, &e.Dst); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
