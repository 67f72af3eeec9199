package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
)

// ErrNotFound reports a key with no node.
var ErrNotFound = errors.New("not found")

const sourceCols = `SELECT id, path, sha256, size, kind, format, rows_read, rows_stored, rows_rejected,
	coalesce(rejects_path, ''), imported_at FROM sources`

type rowScanner interface{ Scan(...any) error }

func scanSource(r rowScanner) (*Source, error) {
	var s Source
	err := r.Scan(&s.ID, &s.Path, &s.SHA256, &s.Size, &s.Kind, &s.Format, &s.RowsRead, &s.RowsStored,
		&s.RowsRejected, &s.RejectsPath, &s.ImportedAt)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// Sources lists every imported file, oldest first.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, sourceCols+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		out = append(out, *src)
	}
	return out, rows.Err()
}

// Stats summarises a case database.
type Stats struct {
	Path          string         `json:"path"`
	SizeBytes     int64          `json:"size_bytes"`
	SchemaVersion int            `json:"schema_version"`
	Nodes         int            `json:"nodes"`
	Edges         int            `json:"edges"`
	Payments      int            `json:"payments"`
	NodesByKind   map[string]int `json:"nodes_by_kind"`
	EdgesByKind   map[string]int `json:"edges_by_kind"`
	Sources       []Source       `json:"sources"`
}

// Stats counts nodes and edges by kind and lists the sources.
func (s *Store) Stats(ctx context.Context) (*Stats, error) {
	st := &Stats{Path: s.path, NodesByKind: map[string]int{}, EdgesByKind: map[string]int{}, Sources: []Source{}}
	for _, q := range []struct {
		sql string
		m   map[string]int
		tot *int
	}{
		{`SELECT kind, count(*) FROM nodes GROUP BY kind`, st.NodesByKind, &st.Nodes},
		{`SELECT kind, count(*) FROM edges GROUP BY kind`, st.EdgesByKind, &st.Edges},
	} {
		rows, err := s.db.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("stats: %w", err)
			}
			q.m[k] = n
			*q.tot += n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM ledger`).Scan(&st.Payments); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&st.SchemaVersion); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		return nil, err
	}
	if srcs != nil {
		st.Sources = srcs
	}
	for _, suffix := range []string{"", "-wal"} { // committed pages may still sit in the WAL
		if fi, err := os.Stat(s.path + suffix); err == nil {
			st.SizeBytes += fi.Size()
		}
	}
	return st, nil
}

func scanNode(r rowScanner) (Node, error) {
	var n Node
	var attrs sql.NullString
	if err := r.Scan(&n.ID, &n.Kind, &n.Key, &n.Label, &attrs); err != nil {
		return n, err
	}
	if attrs.Valid {
		if err := json.Unmarshal([]byte(attrs.String), &n.Attrs); err != nil {
			return n, fmt.Errorf("node %s attrs: %w", n.Key, err)
		}
	}
	return n, nil
}

// NodeByKey finds a node by its key ("email:kim@example.com").
func (s *Store) NodeByKey(ctx context.Context, key string) (Node, error) {
	n, err := scanNode(s.db.QueryRowContext(ctx, `SELECT id, kind, key, label, attrs FROM nodes WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("no node %q: %w", key, ErrNotFound)
	}
	return n, err
}

// NodeSources lists the source rows that asserted a node, up to limit, and how many
// there are in all: its own rows, the rows that linked something to it (an identifier
// is asserted by the row that links a contractor to it) and the ledger rows naming it.
func (s *Store) NodeSources(ctx context.Context, id int64, limit int) ([]Assertion, int, error) {
	return s.assertions(ctx, `
		SELECT s.path, ns.line, ns.field FROM node_sources ns JOIN sources s ON s.id = ns.source_id WHERE ns.node_id = ?1
		UNION
		SELECT s.path, es.line, es.field FROM edges e CROSS JOIN edge_sources es ON es.edge_id = e.id
		  JOIN sources s ON s.id = es.source_id WHERE e.dst = ?1
		UNION ALL
		SELECT s.path, l.line, 'payer' FROM ledger l JOIN sources s ON s.id = l.source_id WHERE l.payer_id = ?1
		UNION ALL
		SELECT s.path, l.line, 'payee' FROM ledger l JOIN sources s ON s.id = l.source_id WHERE l.payee_id = ?1
		UNION ALL
		SELECT s.path, l.line, 'contractor' FROM ledger l JOIN sources s ON s.id = l.source_id WHERE l.contractor_id = ?1`,
		limit, id)
}

// edgeSources lists the source rows behind an edge: the rows that asserted it and, for
// money flows, the ledger rows it aggregates.
func (s *Store) edgeSources(ctx context.Context, edgeID int64, kind string, src, dst int64, limit int) ([]Assertion, int, error) {
	q := `SELECT s.path, es.line, es.field FROM edge_sources es JOIN sources s ON s.id = es.source_id WHERE es.edge_id = ?1`
	if flowKinds[kind] {
		col := "payer_id"
		if kind == EdgePayoutTo {
			col = "contractor_id"
		}
		q += ` UNION ALL SELECT s.path, l.line, '' FROM ledger l JOIN sources s ON s.id = l.source_id
			WHERE l.` + col + ` = ?2 AND l.payee_id = ?3`
	}
	return s.assertions(ctx, q, limit, edgeID, src, dst)
}

func (s *Store) assertions(ctx context.Context, q string, limit int, args ...any) ([]Assertion, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+`)`, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("provenance: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT * FROM (`+q+`) ORDER BY 1, 2 LIMIT `+fmt.Sprint(limit), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("provenance: %w", err)
	}
	defer rows.Close()
	out := []Assertion{}
	for rows.Next() {
		var a Assertion
		if err := rows.Scan(&a.Path, &a.Line, &a.Field); err != nil {
			return nil, 0, fmt.Errorf("provenance: %w", err)
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// LinkPage is a node's links: up to a limit per direction, with totals by kind.
type LinkPage struct {
	Links  []Link         `json:"links"`
	Totals map[string]int `json:"totals"` // edges by kind, both directions
	Total  int            `json:"total"`
}

// Links lists the edges of a node with the node at the other end and the source rows
// behind each (up to srcLimit each). limit caps the links returned per direction so a
// hub does not flood the caller; Totals still counts them all.
func (s *Store) Links(ctx context.Context, id int64, limit, srcLimit int) (*LinkPage, error) {
	page := &LinkPage{Links: []Link{}, Totals: map[string]int{}}
	rows, err := s.db.QueryContext(ctx, `
		SELECT kind, count(*) FROM (SELECT kind FROM edges WHERE src = ?1 UNION ALL SELECT kind FROM edges WHERE dst = ?1)
		GROUP BY kind`, id)
	if err != nil {
		return nil, fmt.Errorf("links: %w", err)
	}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("links: %w", err)
		}
		page.Totals[k] = n
		page.Total += n
	}
	rows.Close()
	for _, dir := range []struct{ name, self, other string }{{"out", "src", "dst"}, {"in", "dst", "src"}} {
		q := `SELECT e.id, e.kind, e.src, e.dst, e.attrs, n.id, n.kind, n.key, n.label, n.attrs,
			(SELECT count(*) FROM edges x WHERE x.src = n.id) + (SELECT count(*) FROM edges x WHERE x.dst = n.id)
			FROM edges e CROSS JOIN nodes n ON n.id = e.` + dir.other + `
			WHERE e.` + dir.self + ` = ? ORDER BY e.kind, n.key LIMIT ?`
		rows, err := s.db.QueryContext(ctx, q, id, limit)
		if err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
		type pending struct {
			l        Link
			src, dst int64
		}
		var ps []pending
		for rows.Next() {
			var p pending
			var eattrs, nattrs sql.NullString
			if err := rows.Scan(&p.l.EdgeID, &p.l.Kind, &p.src, &p.dst, &eattrs, &p.l.Other.ID, &p.l.Other.Kind,
				&p.l.Other.Key, &p.l.Other.Label, &nattrs, &p.l.Degree); err != nil {
				rows.Close()
				return nil, fmt.Errorf("links: %w", err)
			}
			p.l.Direction = dir.name
			if eattrs.Valid {
				json.Unmarshal([]byte(eattrs.String), &p.l.Attrs)
			}
			if nattrs.Valid {
				json.Unmarshal([]byte(nattrs.String), &p.l.Other.Attrs)
			}
			ps = append(ps, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("links: %w", err)
		}
		for _, p := range ps {
			srcs, total, err := s.edgeSources(ctx, p.l.EdgeID, p.l.Kind, p.src, p.dst, srcLimit)
			if err != nil {
				return nil, err
			}
			p.l.Sources, p.l.MoreSources = srcs, total-len(srcs)
			page.Links = append(page.Links, p.l)
		}
	}
	return page, nil
}

// Hit is a search result.
type Hit struct {
	Node
	Rank float64 `json:"rank"`
}

// Search finds nodes whose label or identifier value matches every word of q (each
// word also as a prefix). A query that is exactly a node key finds that node first.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	hits := []Hit{}
	seen := map[int64]bool{}
	if strings.Contains(q, ":") {
		if n, err := s.NodeByKey(ctx, strings.TrimSpace(q)); err == nil {
			hits = append(hits, Hit{Node: n})
			seen[n.ID] = true
		}
	}
	match := FTSQuery(q)
	if match == "" {
		return hits, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.kind, n.key, n.label, n.attrs, f.rank
		FROM nodes_fts f JOIN nodes n ON n.id = f.rowid
		WHERE nodes_fts MATCH ? ORDER BY f.rank LIMIT ?`, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h Hit
		var attrs sql.NullString
		if err := rows.Scan(&h.ID, &h.Kind, &h.Key, &h.Label, &attrs, &h.Rank); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if seen[h.ID] {
			continue
		}
		if attrs.Valid {
			json.Unmarshal([]byte(attrs.String), &h.Attrs)
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// FTSQuery turns free text into an FTS5 query: each word becomes a quoted prefix
// term, so user input can never be read as FTS syntax.
func FTSQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + w + `"*`)
	}
	return b.String()
}

// KeysWithPrefix lists node keys starting with prefix, in order (for shell completion).
func (s *Store) KeysWithPrefix(ctx context.Context, prefix string, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM nodes WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`,
		prefix, prefix+"\U0010FFFF", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}
