package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// The workbench's risk and cluster screens read the stored run a page at a
// time: a ranking of a hundred thousand contractors (each row a JSON path) is
// never read whole to draw twenty lines of it.

// RiskCount is how many contractors the stored ranking holds (0 when risk was
// never computed). Rank is the table's rowid, so this is one b-tree descent.
func (s *Store) RiskCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(rank), 0) FROM risk_scores`).Scan(&n); err != nil {
		return 0, fmt.Errorf("risk count: %w", err)
	}
	return n, nil
}

// RiskRange reads at most n entries of the stored ranking from rank from
// (the first is rank 1), in rank order.
func (s *Store) RiskRange(ctx context.Context, from, n int) ([]RiskScore, error) {
	if n <= 0 {
		return []RiskScore{}, nil
	}
	rows, err := s.db.QueryContext(ctx, riskScoreCols+` WHERE r.rank >= ? ORDER BY r.rank LIMIT ?`, max(1, from), n)
	if err != nil {
		return nil, fmt.Errorf("risk range %d+%d: %w", from, n, err)
	}
	defer rows.Close()
	out := make([]RiskScore, 0, n)
	for rows.Next() {
		rs, err := scanRiskScore(rows)
		if err != nil {
			return nil, fmt.Errorf("risk range %d+%d: %w", from, n, err)
		}
		out = append(out, rs)
	}
	return out, rows.Err()
}

// ClusterStats counts the stored clusters.
type ClusterStats struct {
	Clusters    int // clusters stored
	Contractors int // contractors in them
	Linked      int // clusters with a member linked to a designated entry
}

// ClusterStats counts the stored clusters, their members and the linked ones.
func (s *Store) ClusterStats(ctx context.Context) (ClusterStats, error) {
	var cs ClusterStats
	err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0), count(link_node) FROM clusters`).
		Scan(&cs.Clusters, &cs.Contractors, &cs.Linked)
	if err != nil {
		return cs, fmt.Errorf("cluster stats: %w", err)
	}
	return cs, nil
}

// ClusterRange reads at most n clusters from the offset-th (0-based), in the
// order Clusters gives (the most exposed first), each with its Link but
// without members or binding identifiers: ClusterByID reads those.
func (s *Store) ClusterRange(ctx context.Context, offset, n int) ([]Cluster, error) {
	if n <= 0 {
		return []Cluster{}, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, size, score, coalesce(link_node, 0) FROM clusters
		ORDER BY score DESC, size DESC, id LIMIT ? OFFSET ?`, n, max(0, offset))
	if err != nil {
		return nil, fmt.Errorf("cluster range %d+%d: %w", offset, n, err)
	}
	out := make([]Cluster, 0, n)
	var links []any
	at := map[int64][]int{} // link node → the clusters it links (one, unless the run is odd)
	for rows.Next() {
		var c Cluster
		var link int64
		if err := rows.Scan(&c.ID, &c.Size, &c.Score, &link); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cluster range: %w", err)
		}
		if link != 0 {
			if _, ok := at[link]; !ok {
				links = append(links, link)
			}
			at[link] = append(at[link], len(out))
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cluster range: %w", err)
	}
	if len(links) == 0 {
		return out, nil
	}
	rows, err = s.db.QueryContext(ctx, riskScoreCols+` WHERE r.node_id IN (?`+strings.Repeat(",?", len(links)-1)+`)`, links...)
	if err != nil {
		return nil, fmt.Errorf("cluster range links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		rs, err := scanRiskScore(rows)
		if err != nil {
			return nil, fmt.Errorf("cluster range links: %w", err)
		}
		for _, i := range at[rs.NodeID] {
			link := rs
			out[i].Link = &link
		}
	}
	return out, rows.Err()
}

// ClusterByID reads one stored cluster whole: members, binding identifiers and
// link. It returns nil when no cluster has that id.
func (s *Store) ClusterByID(ctx context.Context, id string) (*Cluster, error) {
	var c Cluster
	var link int64
	var binding string
	err := s.db.QueryRowContext(ctx, `SELECT id, size, score, coalesce(link_node, 0), binding FROM clusters WHERE id = ?`, id).
		Scan(&c.ID, &c.Size, &c.Score, &link, &binding)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cluster %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(binding), &c.Binding); err != nil {
		return nil, fmt.Errorf("cluster %s binding: %w", id, err)
	}
	if err := s.clusterMembers(ctx, &c); err != nil {
		return nil, err
	}
	if link != 0 {
		rs, err := scanRiskScore(s.db.QueryRowContext(ctx, riskScoreCols+` WHERE r.node_id = ?`, link))
		if err != nil {
			return nil, fmt.Errorf("cluster %s link: %w", id, err)
		}
		c.Link = &rs
	}
	return &c, nil
}
