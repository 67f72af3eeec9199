package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// qNameMatchesOf reads the name_match edges leaving a set of nodes with the
// entries they reach: the edges by the (src, kind, dst) index, each entry by
// its primary key.
const qNameMatchesOf = `SELECT e.src, n.id, n.key, n.kind, n.label FROM edges e CROSS JOIN nodes n ON n.id = e.dst
	WHERE e.kind = 'name_match' AND e.src IN (%s)
	ORDER BY e.src, coalesce(json_extract(e.attrs, '$.score'), 0) DESC, n.key`

// NameMatchesOf returns, for each of ids whose name resembles a designated
// entry's (a contractor, client or payee account screened against the lists),
// the entries it matches, best match first. The search screen marks those
// results: "Sang-man KIM" is a contractor, but one named like ofac:43377.
func (s *Store) NameMatchesOf(ctx context.Context, ids []int64) (map[int64][]NodeRef, error) {
	out := map[int64][]NodeRef{}
	err := s.eachChunk(ctx, qNameMatchesOf, ids, func(rows *sql.Rows) error {
		var src int64
		var n NodeRef
		if err := rows.Scan(&src, &n.ID, &n.Key, &n.Kind, &n.Label); err != nil {
			return err
		}
		out[src] = append(out[src], n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("name matches: %w", err)
	}
	return out, nil
}

// LinkSample is a lighter Links for a preview: the node's link totals by kind
// and its first links in each direction (up to limit, by kind then key), with
// the node at the other end but without the source rows or the degrees
// (provenance of a money flow counts ledger rows: a big payer's preview would
// wait on hundreds of thousands of them).
func (s *Store) LinkSample(ctx context.Context, id int64, limit int) (*LinkPage, error) {
	totals, err := s.EdgeKindCounts(ctx, id)
	if err != nil {
		return nil, err
	}
	page := &LinkPage{Links: []Link{}, Totals: totals}
	for _, n := range totals {
		page.Total += n
	}
	for _, dir := range []struct{ name, self, other string }{{"out", "src", "dst"}, {"in", "dst", "src"}} {
		rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.kind, e.attrs, n.id, n.kind, n.key, n.label, n.attrs
			FROM edges e CROSS JOIN nodes n ON n.id = e.`+dir.other+`
			WHERE e.`+dir.self+` = ? ORDER BY e.kind, n.key LIMIT ?`, id, limit)
		if err != nil {
			return nil, fmt.Errorf("link sample: %w", err)
		}
		for rows.Next() {
			l := Link{Direction: dir.name, Sources: []Assertion{}}
			var eattrs, nattrs sql.NullString
			if err := rows.Scan(&l.EdgeID, &l.Kind, &eattrs, &l.Other.ID, &l.Other.Kind, &l.Other.Key, &l.Other.Label, &nattrs); err != nil {
				rows.Close()
				return nil, fmt.Errorf("link sample: %w", err)
			}
			if eattrs.Valid {
				json.Unmarshal([]byte(eattrs.String), &l.Attrs)
			}
			if nattrs.Valid {
				json.Unmarshal([]byte(nattrs.String), &l.Other.Attrs)
			}
			page.Links = append(page.Links, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("link sample: %w", err)
		}
	}
	return page, nil
}
