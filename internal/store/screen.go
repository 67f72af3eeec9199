package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// EdgeNameMatch links a screened subject (contractor, client, payee account) to a
// designated entry whose listed name it resembles; attrs carry the score and why.
const EdgeNameMatch = "name_match"

// entryKindsSQL lists the node kinds of designation-list entries, for IN (...).
const entryKindsSQL = `'person','organization','vessel','aircraft'`

// NodeRef names a node for output: enough to find it again and to show it.
type NodeRef struct {
	ID    int64  `json:"-"`
	Key   string `json:"key"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// ListName is one name a designation list gives an entry, with the entry.
type ListName struct {
	NameID    int64
	Name      string // as written
	AliasType string // primary | aka | fka | ...
	Quality   string // strong | weak | good | low | ""
	Entry     NodeRef
	Attrs     map[string]any // the entry's attributes (list, id, programs, dob, nationality ...): see Decode
	RawAttrs  string         // the attributes as stored, decoded by Decode
}

// Decode fills Attrs from RawAttrs once. Screening indexes every listed name
// but needs the attributes only of the few that match.
func (ln *ListName) Decode() {
	if ln.Attrs == nil && ln.RawAttrs != "" {
		json.Unmarshal([]byte(ln.RawAttrs), &ln.Attrs)
	}
}

const listNameCols = `SELECT n.id, n.label, coalesce(json_extract(e.attrs, '$.type'), ''),
	coalesce(json_extract(e.attrs, '$.quality'), ''), en.id, en.key, en.kind, en.label, en.attrs
	FROM nodes n CROSS JOIN edges e ON e.dst = n.id AND e.kind = 'alias_of'
	JOIN nodes en ON en.id = e.src AND en.kind IN (` + entryKindsSQL + `)
	WHERE n.kind = 'name'`

func scanListName(r rowScanner) (ListName, error) {
	var ln ListName
	var attrs sql.NullString
	if err := r.Scan(&ln.NameID, &ln.Name, &ln.AliasType, &ln.Quality, &ln.Entry.ID, &ln.Entry.Key,
		&ln.Entry.Kind, &ln.Entry.Label, &attrs); err != nil {
		return ln, err
	}
	ln.RawAttrs = attrs.String
	return ln, nil
}

// ListNames calls fn for every name of every designated entry (an entry listed
// under several names is seen once per name; a name shared by entries once per entry).
func (s *Store) ListNames(ctx context.Context, fn func(ListName) error) error {
	rows, err := s.db.QueryContext(ctx, listNameCols+` ORDER BY n.id, en.id`)
	if err != nil {
		return fmt.Errorf("list names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		ln, err := scanListName(rows)
		if err != nil {
			return fmt.Errorf("list names: %w", err)
		}
		if err := fn(ln); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ListNamesByID returns the entries listed under the given name nodes.
func (s *Store) ListNamesByID(ctx context.Context, ids []int64) ([]ListName, error) {
	var out []ListName
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, listNameCols+` AND n.id IN (`+placeholders(n)+`) ORDER BY n.id, en.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("list names: %w", err)
		}
		for rows.Next() {
			ln, err := scanListName(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("list names: %w", err)
			}
			out = append(out, ln)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// CountListNames counts the names designation lists give their entries.
func (s *Store) CountListNames(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM nodes WHERE kind = 'name'`).Scan(&n)
	return n, err
}

// HasSubjects reports whether the database holds any name to screen.
func (s *Store) HasSubjects(ctx context.Context) (bool, error) {
	var has bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM nodes WHERE kind IN ('contractor', 'client'))
		OR EXISTS (SELECT 1 FROM payee_names)`).Scan(&has)
	return has, err
}

// nameNodesState is what name_keys must have been built from to be current.
func (s *Store) nameNodesState(ctx context.Context) (count, maxID int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0) FROM nodes WHERE kind = 'name'`).Scan(&count, &maxID)
	return count, maxID, err
}

// NameKeysCurrent reports whether name_keys was built from the list names now stored.
func (s *Store) NameKeysCurrent(ctx context.Context) (bool, error) {
	count, maxID, err := s.nameNodesState(ctx)
	if err != nil {
		return false, fmt.Errorf("name keys: %w", err)
	}
	var c, m int64
	err = s.db.QueryRowContext(ctx, `SELECT names, max_name FROM screen_state WHERE id = 1`).Scan(&c, &m)
	if err == sql.ErrNoRows {
		return count == 0, nil
	}
	if err != nil {
		return false, fmt.Errorf("name keys: %w", err)
	}
	return c == count && m == maxID, nil
}

// ReplaceNameKeys rewrites the blocking keys of every list name node: keysOf
// returns the keys of a name given its label and the kind of its first entry.
func (s *Store) ReplaceNameKeys(ctx context.Context, keysOf func(label, kind string) []string) error {
	count, maxID, err := s.nameNodesState(ctx)
	if err != nil {
		return fmt.Errorf("name keys: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM name_keys`); err != nil {
		return fmt.Errorf("name keys: %w", err)
	}
	// Multi-row INSERTs: one statement per keysPerInsert rows.
	const keysPerInsert = 300
	ins, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO name_keys(key, name_id, nkeys) VALUES `+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?),", keysPerInsert), ","))
	if err != nil {
		return err
	}
	defer ins.Close()
	args := make([]any, 0, 3*keysPerInsert)
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		var err error
		if len(args) == cap(args) {
			_, err = ins.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO name_keys(key, name_id, nkeys) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(args)/3), ","), args...)
		}
		args = args[:0]
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT n.id, n.label,
		(SELECT en.kind FROM edges e JOIN nodes en ON en.id = e.src WHERE e.dst = n.id AND e.kind = 'alias_of' LIMIT 1)
		FROM nodes n WHERE n.kind = 'name'`)
	if err != nil {
		return fmt.Errorf("name keys: %w", err)
	}
	type named struct {
		id          int64
		label, kind string
	}
	var all []named
	for rows.Next() {
		var n named
		var kind sql.NullString
		if err := rows.Scan(&n.id, &n.label, &kind); err != nil {
			rows.Close()
			return err
		}
		n.kind = kind.String
		all = append(all, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	type keyRow struct {
		key       string
		id, nkeys int64
	}
	var keyRows []keyRow
	for _, n := range all {
		keys := keysOf(n.label, n.kind)
		for _, k := range keys {
			keyRows = append(keyRows, keyRow{k, n.id, int64(len(keys))})
		}
	}
	// In primary-key order, each insert appends to the b-tree instead of
	// landing on a random page: three times faster.
	slices.SortFunc(keyRows, func(a, b keyRow) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for _, r := range keyRows {
		args = append(args, r.key, r.id, r.nkeys)
		if len(args) == cap(args) {
			if err := flush(); err != nil {
				return fmt.Errorf("name keys: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("name keys: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO screen_state(id, names, max_name, keys_built) VALUES (1, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET names = excluded.names, max_name = excluded.max_name, keys_built = excluded.keys_built`,
		count, maxID, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("name keys: %w", err)
	}
	return tx.Commit()
}

// NameCandidates returns the list name nodes sharing at least two of keys — or
// one, when the query or the name has a single key — with how many they share.
func (s *Store) NameCandidates(ctx context.Context, keys []string) ([]int64, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	need := 2
	if len(keys) == 1 {
		need = 1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name_id FROM name_keys WHERE key IN (`+placeholders(len(keys))+`)
		GROUP BY name_id HAVING count(*) >= min(?, max(nkeys))`, append(args, need)...)
	if err != nil {
		return nil, fmt.Errorf("name candidates: %w", err)
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

// Subject is a name in the case data to screen: a contractor, a client or the
// beneficiary name on a payee account.
type Subject struct {
	Node   NodeRef
	Name   string
	Kind   string         // person | "" (unknown: a client or beneficiary may be either)
	Attrs  map[string]any // contractor attributes (dob, country_code, nationality)
	Source int64          // the source and line that gave the name, 0 when unknown
	Line   int
	Field  string
}

// ScreenSubjects calls fn for every name to screen: contractors, clients (payers)
// and each distinct beneficiary name written on a payee account in the ledger.
func (s *Store) ScreenSubjects(ctx context.Context, fn func(Subject) error) error {
	queries := []struct {
		sql, kind, field string
	}{
		{`SELECT n.id, n.key, n.kind, n.label, json_extract(n.attrs, '$.name'), json_extract(n.attrs, '$.dob'),
			  json_extract(n.attrs, '$.country'), json_extract(n.attrs, '$.country_code'), json_extract(n.attrs, '$.nationality'),
			  coalesce((SELECT source_id FROM node_sources x WHERE x.node_id = n.id ORDER BY line LIMIT 1), 0),
			  coalesce((SELECT line FROM node_sources x WHERE x.node_id = n.id ORDER BY line LIMIT 1), 0)
			FROM nodes n WHERE n.kind = 'contractor' AND json_extract(n.attrs, '$.name') IS NOT NULL
			ORDER BY n.id`, "person", "name"},
		// A client's name comes from a ledger's payer column: the row that
		// made it hold its account, else its first payment.
		{`SELECT n.id, n.key, n.kind, n.label, NULL, NULL, NULL, NULL, NULL,
			coalesce((SELECT es.source_id FROM edges e JOIN edge_sources es ON es.edge_id = e.id
			            WHERE e.src = n.id AND e.kind = 'holds' ORDER BY es.source_id, es.line LIMIT 1),
			         (SELECT source_id FROM ledger WHERE payer_id = n.id ORDER BY date LIMIT 1), 0),
			coalesce((SELECT es.line FROM edges e JOIN edge_sources es ON es.edge_id = e.id
			            WHERE e.src = n.id AND e.kind = 'holds' ORDER BY es.source_id, es.line LIMIT 1),
			         (SELECT line FROM ledger WHERE payer_id = n.id ORDER BY date LIMIT 1), 0)
			FROM nodes n WHERE n.kind = 'client' ORDER BY n.id`, "", "payer"},
		{`SELECT n.id, n.key, n.kind, p.name, NULL, NULL, NULL, NULL, NULL, p.source_id, p.line
			FROM payee_names p JOIN nodes n ON n.id = p.payee_id ORDER BY p.payee_id, p.name`, "", "beneficiary_name"},
	}
	for _, q := range queries {
		if err := s.eachSubject(ctx, q.sql, q.kind, q.field, fn); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) eachSubject(ctx context.Context, q, kind, field string, fn func(Subject) error) error {
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("screen subjects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		sub := Subject{Kind: kind, Field: field}
		var name, dob, country, cc, nat sql.NullString
		if err := rows.Scan(&sub.Node.ID, &sub.Node.Key, &sub.Node.Kind, &sub.Name, &name, &dob, &country, &cc, &nat,
			&sub.Source, &sub.Line); err != nil {
			return fmt.Errorf("screen subjects: %w", err)
		}
		if sub.Node.Kind != KindAccount {
			sub.Node.Label = sub.Name
		}
		if name.Valid {
			sub.Name = name.String
		}
		for _, a := range []struct {
			k string
			v sql.NullString
		}{{"dob", dob}, {"country", country}, {"country_code", cc}, {"nationality", nat}} {
			if a.v.Valid && a.v.String != "" {
				if sub.Attrs == nil {
					sub.Attrs = map[string]any{}
				}
				sub.Attrs[a.k] = a.v.String
			}
		}
		if err := fn(sub); err != nil {
			return err
		}
	}
	return rows.Err()
}

// IdentifierHit is an identifier (wallet, account, email, phone, document ...) that a
// designated entry publishes and that the case data also uses: an exact, certain link.
type IdentifierHit struct {
	Identifier NodeRef `json:"identifier"`
	Entry      NodeRef `json:"entry"`
	Subject    NodeRef `json:"subject"`
	Edge       string  `json:"edge"` // how the subject touches the identifier
	File       string  `json:"file,omitempty"`
	Line       int     `json:"line,omitempty"`
}

// IdentifierHits lists every identifier shared by a designated entry and a node
// that is not a list entry, with the first source row of the non-list side.
func (s *Store) IdentifierHits(ctx context.Context) ([]IdentifierHit, error) {
	rows, err := s.db.QueryContext(ctx, `
		WITH ids AS (
		  SELECT DISTINCT e1.dst AS id, en.id AS entry
		  FROM nodes en CROSS JOIN edges e1 ON e1.src = en.id AND e1.kind IN ('uses', 'located_at')
		  WHERE en.kind IN (`+entryKindsSQL+`) AND json_extract(en.attrs, '$.designated') = 1),
		touch AS (
		  SELECT ids.id, ids.entry, e2.id AS edge, e2.kind, e2.src AS other FROM ids CROSS JOIN edges e2 ON e2.dst = ids.id
		  UNION ALL
		  SELECT ids.id, ids.entry, e3.id, e3.kind, e3.dst FROM ids CROSS JOIN edges e3 ON e3.src = ids.id)
		SELECT i.id, i.key, i.kind, i.label, en.id, en.key, en.kind, en.label, o.id, o.key, o.kind, o.label, t.kind,
		  coalesce((SELECT s.path FROM edge_sources es JOIN sources s ON s.id = es.source_id WHERE es.edge_id = t.edge ORDER BY es.line LIMIT 1), ''),
		  coalesce((SELECT es.line FROM edge_sources es WHERE es.edge_id = t.edge ORDER BY es.line LIMIT 1), 0)
		FROM touch t JOIN nodes i ON i.id = t.id JOIN nodes en ON en.id = t.entry JOIN nodes o ON o.id = t.other
		WHERE o.kind NOT IN (`+entryKindsSQL+`)
		ORDER BY en.key, i.key, o.key`)
	if err != nil {
		return nil, fmt.Errorf("identifier hits: %w", err)
	}
	defer rows.Close()
	var out []IdentifierHit
	for rows.Next() {
		var h IdentifierHit
		if err := rows.Scan(&h.Identifier.ID, &h.Identifier.Key, &h.Identifier.Kind, &h.Identifier.Label,
			&h.Entry.ID, &h.Entry.Key, &h.Entry.Kind, &h.Entry.Label,
			&h.Subject.ID, &h.Subject.Key, &h.Subject.Kind, &h.Subject.Label, &h.Edge, &h.File, &h.Line); err != nil {
			return nil, fmt.Errorf("identifier hits: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// NameMatch is a name_match edge to write.
type NameMatch struct {
	Subject, Entry int64
	Attrs          map[string]any
	Source         int64 // provenance: the row that gave the subject's name (0: none)
	Line           int
	Field          string
}

// ScreenRun records one screening of the whole database.
type ScreenRun struct {
	StartedAt time.Time
	Seconds   float64
	Threshold float64
	Subjects  int
	Targets   int
	NameHits  int
	IDHits    int
}

// ReplaceNameMatches deletes the last run's name_match edges and writes these,
// with the run's record, in one transaction.
func (s *Store) ReplaceNameMatches(ctx context.Context, run ScreenRun, matches []NameMatch) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The entry side is indexed (edges_dst); kind alone is not.
	old := `SELECT e.id FROM nodes en CROSS JOIN edges e ON e.dst = en.id AND e.kind = 'name_match'
		WHERE en.kind IN (` + entryKindsSQL + `)`
	if _, err := tx.ExecContext(ctx, `DELETE FROM edge_sources WHERE edge_id IN (`+old+`)`); err != nil {
		return fmt.Errorf("replace name matches: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM edges WHERE id IN (`+old+`)`); err != nil {
		return fmt.Errorf("replace name matches: %w", err)
	}
	insEdge, err := tx.PrepareContext(ctx, `INSERT INTO edges(kind, src, dst, attrs) VALUES ('name_match', ?, ?, ?)
		ON CONFLICT(src, kind, dst) DO NOTHING RETURNING id`)
	if err != nil {
		return err
	}
	defer insEdge.Close()
	insSrc, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO edge_sources(edge_id, source_id, line, field) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insSrc.Close()
	for _, m := range matches {
		b, err := json.Marshal(m.Attrs)
		if err != nil {
			return fmt.Errorf("replace name matches: %w", err)
		}
		var id int64
		err = insEdge.QueryRowContext(ctx, m.Subject, m.Entry, string(b)).Scan(&id)
		if err == sql.ErrNoRows {
			continue // the same subject and entry matched twice (two names): the first, best, stays
		}
		if err != nil {
			return fmt.Errorf("replace name matches: %w", err)
		}
		if m.Source != 0 {
			if _, err := insSrc.ExecContext(ctx, id, m.Source, m.Line, m.Field); err != nil {
				return fmt.Errorf("replace name matches: %w", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO screen_runs(started_at, seconds, threshold, subjects, targets, name_hits, id_hits)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, run.StartedAt.UTC().Format(time.RFC3339), run.Seconds, run.Threshold,
		run.Subjects, run.Targets, run.NameHits, run.IDHits); err != nil {
		return fmt.Errorf("replace name matches: %w", err)
	}
	return tx.Commit()
}

// SourcePath returns the path of a source by id ("" when unknown).
func (s *Store) SourcePath(ctx context.Context, id int64) string {
	var p string
	s.db.QueryRowContext(ctx, `SELECT path FROM sources WHERE id = ?`, id).Scan(&p)
	return p
}
