package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"
)

// ListVersion is one imported publication of a designation list.
type ListVersion struct {
	ID         int64  `json:"id"`
	List       string `json:"list"`
	Source     string `json:"source"`
	Format     string `json:"format"`
	Published  string `json:"published,omitempty"`
	Entries    int    `json:"entries"`
	Added      int    `json:"added"`
	Removed    int    `json:"removed"`
	Changed    int    `json:"changed"`
	ImportedAt string `json:"imported_at"`
}

// ListChange is one entry's change in a version.
type ListChange struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	Change string   `json:"change"` // added | removed | changed
	Fields []string `json:"fields,omitempty"`
}

// EntryFields is an entry of a new version: its node key and a hash per field group.
type EntryFields struct {
	Key    string
	Fields map[string]string
}

// RecordListVersion compares a list's new publication with the previous version of the
// same list, records the version, what it holds and the delta, and marks entries that
// left the list delisted (and entries that came back listed again). ops, when not nil,
// are the changes a delta stream states itself (FtM ADD/MOD/DEL): they are recorded
// as given instead of comparing whole versions.
func (im *Import) RecordListVersion(ctx context.Context, list, format, published string, entries []EntryFields,
	ops map[string]string) (*ListVersion, error) {
	if err := im.flush(ctx); err != nil {
		return nil, err
	}
	fail := func(err error) (*ListVersion, error) { return nil, fmt.Errorf("list version %s: %w", list, err) }
	prev := map[string]map[string]string{}
	var prevID int64
	err := im.tx.QueryRowContext(ctx, `SELECT id FROM list_versions WHERE list = ? ORDER BY id DESC LIMIT 1`, list).Scan(&prevID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fail(err)
	}
	if prevID != 0 && ops == nil {
		rows, err := im.tx.QueryContext(ctx, `SELECT entry_key, fields FROM list_entries WHERE version_id = ?`, prevID)
		if err != nil {
			return fail(err)
		}
		for rows.Next() {
			var k, f string
			if err := rows.Scan(&k, &f); err != nil {
				rows.Close()
				return fail(err)
			}
			m := map[string]string{}
			json.Unmarshal([]byte(f), &m)
			prev[k] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fail(err)
		}
	}
	now := time.Now().UTC().Format(time.RFC3339)
	v := &ListVersion{List: list, Format: format, Published: published, Entries: len(entries), ImportedAt: now}
	type change struct {
		key, kind string
		fields    []string
	}
	var changes []change
	seen := map[string]bool{}
	if ops != nil {
		for k, op := range ops {
			changes = append(changes, change{key: k, kind: op})
		}
	} else {
		for _, e := range entries {
			seen[e.Key] = true
			old, ok := prev[e.Key]
			switch {
			case prevID == 0:
				// The first version of a list is its baseline, not a delta.
			case !ok:
				changes = append(changes, change{key: e.Key, kind: "added"})
			default:
				var diff []string
				for f, h := range e.Fields {
					if old[f] != h {
						diff = append(diff, f)
					}
				}
				for f := range old {
					if _, ok := e.Fields[f]; !ok {
						diff = append(diff, f)
					}
				}
				if len(diff) > 0 {
					sort.Strings(diff)
					changes = append(changes, change{key: e.Key, kind: "changed", fields: diff})
				}
			}
		}
		for k := range prev {
			if !seen[k] {
				changes = append(changes, change{key: k, kind: "removed"})
			}
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].key < changes[j].key })
	for _, c := range changes {
		switch c.kind {
		case "added":
			v.Added++
		case "removed":
			v.Removed++
		default:
			v.Changed++
		}
	}
	res, err := im.tx.ExecContext(ctx, `INSERT INTO list_versions(list, source_id, format, published, entries, added, removed, changed, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, list, im.sourceID, format, nullStr(published), v.Entries, v.Added, v.Removed, v.Changed, now)
	if err != nil {
		return fail(err)
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return fail(err)
	}
	ins := newBatch("INSERT OR REPLACE", "list_entries", "version_id", "entry_key", "fields")
	for _, e := range entries {
		b, _ := json.Marshal(e.Fields)
		ins.add(v.ID, e.Key, string(b))
		if ins.isFull() {
			if err := ins.flush(ctx, im.tx, im.w); err != nil {
				return fail(err)
			}
		}
	}
	if err := ins.flush(ctx, im.tx, im.w); err != nil {
		return fail(err)
	}
	if err := im.w.sync(); err != nil {
		return fail(err)
	}
	delisted := map[string]any{"delisted": true, "delisted_on": firstNonEmpty(published, now[:10])}
	relisted := map[string]any{"delisted": nil, "delisted_on": nil}
	for _, c := range changes {
		var fields any
		if len(c.fields) > 0 {
			b, _ := json.Marshal(c.fields)
			fields = string(b)
		}
		if _, err := im.tx.ExecContext(ctx, `INSERT OR REPLACE INTO list_changes(version_id, entry_key, change, fields) VALUES (?, ?, ?, ?)`,
			v.ID, c.key, c.kind, fields); err != nil {
			return fail(err)
		}
		patch := relisted
		if c.kind == "removed" {
			patch = delisted
		}
		b, _ := json.Marshal(patch)
		if _, err := im.tx.ExecContext(ctx, `UPDATE nodes SET attrs = json_patch(coalesce(attrs, '{}'), ?) WHERE key = ?`, string(b), c.key); err != nil {
			return fail(err)
		}
	}
	return v, nil
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ListVersions lists every imported list version, newest last.
func (s *Store) ListVersions(ctx context.Context) ([]ListVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.list, s.path, v.format, coalesce(v.published, ''), v.entries,
		v.added, v.removed, v.changed, v.imported_at FROM list_versions v JOIN sources s ON s.id = v.source_id ORDER BY v.id`)
	if err != nil {
		return nil, fmt.Errorf("list versions: %w", err)
	}
	defer rows.Close()
	out := []ListVersion{}
	for rows.Next() {
		var v ListVersion
		if err := rows.Scan(&v.ID, &v.List, &v.Source, &v.Format, &v.Published, &v.Entries, &v.Added, &v.Removed, &v.Changed, &v.ImportedAt); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListChanges lists the changes a version brought.
func (s *Store) ListChanges(ctx context.Context, versionID int64) ([]ListChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.entry_key, coalesce(n.label, ''), c.change, coalesce(c.fields, '[]')
		FROM list_changes c LEFT JOIN nodes n ON n.key = c.entry_key WHERE c.version_id = ? ORDER BY c.change, c.entry_key`, versionID)
	if err != nil {
		return nil, fmt.Errorf("list changes: %w", err)
	}
	defer rows.Close()
	out := []ListChange{}
	for rows.Next() {
		var c ListChange
		var fields string
		if err := rows.Scan(&c.Key, &c.Label, &c.Change, &fields); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(fields), &c.Fields)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Touched is a contractor, account or wallet within two hops of a list entry that a
// version added or changed: "what does this list update mean for my case".
type Touched struct {
	Key      string `json:"key"`
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	Via      string `json:"via"`   // the node between it and the entry ("" when directly linked)
	Entry    string `json:"entry"` // the added or changed entry
	Change   string `json:"change"`
	Payments int    `json:"payments"` // ledger rows into or out of it
	ID       int64  `json:"-"`
}

// touchKinds are the kinds a delta report names.
var touchKinds = map[string]bool{KindContractor: true, KindAccount: true, KindWallet: true, KindClient: true}

// TouchedByVersion finds the contractors, accounts and wallets within two hops of the
// entries a version added or changed. Names (alias_of) are not followed: a shared
// name is a name match for screening, not a link.
func (s *Store) TouchedByVersion(ctx context.Context, versionID int64, limit int) ([]Touched, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.key, c.change FROM list_changes c JOIN nodes n ON n.key = c.entry_key
		WHERE c.version_id = ? AND c.change IN ('added', 'changed')`, versionID)
	if err != nil {
		return nil, fmt.Errorf("touched: %w", err)
	}
	type origin struct{ entry, change, via string }
	from := map[int64]origin{} // frontier node → how it was reached
	var entryIDs []int64
	for rows.Next() {
		var id int64
		var o origin
		if err := rows.Scan(&id, &o.entry, &o.change); err != nil {
			rows.Close()
			return nil, err
		}
		from[id] = o
		entryIDs = append(entryIDs, id)
	}
	rows.Close()
	out := []Touched{}
	seen := map[int64]bool{}
	keys := map[int64]string{} // keys of the first hop, named as "via" on the second
	frontier := entryIDs
	for hop := 1; hop <= 2 && len(frontier) > 0; hop++ {
		next := map[int64]origin{}
		for start := 0; start < len(frontier); start += 500 {
			chunk := frontier[start:min(start+500, len(frontier))]
			args := make([]any, len(chunk))
			marks := make([]byte, 0, 2*len(chunk))
			for i, id := range chunk {
				args[i] = id
				if i > 0 {
					marks = append(marks, ',')
				}
				marks = append(marks, '?')
			}
			in := string(marks)
			q := `SELECT e.src, e.dst, n.kind, n.key, n.label FROM edges e CROSS JOIN nodes n ON n.id = e.dst
				WHERE e.src IN (` + in + `) AND e.kind <> 'alias_of'
				UNION ALL
				SELECT e.dst, e.src, n.kind, n.key, n.label FROM edges e CROSS JOIN nodes n ON n.id = e.src
				WHERE e.dst IN (` + in + `) AND e.kind <> 'alias_of'`
			nrows, err := s.db.QueryContext(ctx, q, append(args, args...)...)
			if err != nil {
				return nil, fmt.Errorf("touched: %w", err)
			}
			for nrows.Next() {
				var fromID, id int64
				var kind, key, label string
				if err := nrows.Scan(&fromID, &id, &kind, &key, &label); err != nil {
					nrows.Close()
					return nil, err
				}
				if seen[id] || from[id].entry != "" {
					continue
				}
				seen[id] = true
				o := from[fromID]
				if hop == 1 {
					keys[id] = key
				} else {
					o.via = keys[fromID]
				}
				next[id] = o
				if touchKinds[kind] {
					out = append(out, Touched{Key: key, Kind: kind, Label: label, Via: o.via, Entry: o.entry, Change: o.change, ID: id})
				}
			}
			nrows.Close()
		}
		frontier = frontier[:0]
		for id, o := range next {
			from[id] = o
			frontier = append(frontier, id)
		}
	}
	// A wallet or account the list itself publishes matters only where the case's own
	// records use it too: in the ledger or on a contractor's profile.
	kept := out[:0]
	for _, t := range out {
		s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM ledger WHERE payer_id = ?1) + (SELECT count(*) FROM ledger WHERE payee_id = ?1)
			+ (SELECT count(*) FROM ledger WHERE contractor_id = ?1)`, t.ID).Scan(&t.Payments)
		var onProfile bool
		s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM edges e CROSS JOIN nodes c ON c.id = e.src
			WHERE e.dst = ? AND c.kind = 'contractor')`, t.ID).Scan(&onProfile)
		if t.Kind == KindContractor || t.Payments > 0 || onProfile {
			kept = append(kept, t)
		}
	}
	out = kept
	if len(out) > limit {
		out = out[:limit]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}
