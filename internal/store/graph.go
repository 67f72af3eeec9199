package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"
)

// Graph is the whole case graph as compact arrays, for algorithms that visit every
// node (risk ranking, clusters): a few bytes per node and per edge, no Go value per
// node. Nodes are numbered 0..N-1 in id order. The adjacency is undirected — a shared
// identifier links two contractors whichever way their edges point — and each
// half-edge remembers its edge's kind and direction.
type Graph struct {
	IDs       []int64  // node id by index, ascending
	Kind      []uint8  // node kind by index, into NodeKinds
	Flags     []uint8  // NodeDesignated | NodePlaceholder | NodeDelisted
	NodeKinds []string // interned node kinds
	EdgeKinds []string // interned edge kinds
	EdgeKind  []uint8  // edge kind by edge index, into EdgeKinds
	// Off and Adj are the adjacency: node i's half-edges are Adj[Off[i]:Off[i+1]],
	// in edge id order.
	Off []int32
	Adj []HalfEdge
	// Matches holds the attributes of name_match edges by edge index: the only edge
	// attributes a traversal weighs.
	Matches map[int32]GraphMatch

	dense []int32 // node index by id when ids are dense enough, else nil (binary search)
}

// HalfEdge is one edge seen from one of its ends.
type HalfEdge struct {
	To   int32 // the node index at the other end
	edge int32 // the edge index, bit-inverted when this end is the edge's destination
}

// Edge is the edge's index (into Graph.EdgeKind).
func (h HalfEdge) Edge() int32 {
	if h.edge < 0 {
		return ^h.edge
	}
	return h.edge
}

// Out reports whether this end is the edge's source.
func (h HalfEdge) Out() bool { return h.edge >= 0 }

// GraphMatch is what a name_match edge says about its match.
type GraphMatch struct {
	Score    float64 // final score, 0..1
	Strength string  // "strong" or "possible" (a name alone, nothing corroborating)
}

// Node flags, from the node's attributes.
const (
	NodeDesignated  uint8 = 1 << iota // $.designated: an entry of a designation list
	NodePlaceholder                   // $.placeholder: an entry known only as a link target
	NodeDelisted                      // $.delisted: removed by a later list version
)

// graphNameMatch is the edge kind the screening step writes from a subject to the
// designated entry its name matches.
const graphNameMatch = "name_match"

// Len is the number of nodes.
func (g *Graph) Len() int { return len(g.IDs) }

// Neighbors are node i's half-edges.
func (g *Graph) Neighbors(i int32) []HalfEdge { return g.Adj[g.Off[i]:g.Off[i+1]] }

// NodeKind is node i's kind.
func (g *Graph) NodeKind(i int32) string { return g.NodeKinds[g.Kind[i]] }

// KindIndex is the interned index of a node kind, or -1 when no node has it.
func (g *Graph) KindIndex(kind string) int { return indexOf(g.NodeKinds, kind) }

// EdgeKindIndex is the interned index of an edge kind, or -1 when no edge has it.
func (g *Graph) EdgeKindIndex(kind string) int { return indexOf(g.EdgeKinds, kind) }

// Index finds the node index of a node id.
func (g *Graph) Index(id int64) (int32, bool) {
	if g.dense != nil {
		if id < 0 || id >= int64(len(g.dense)) || g.dense[id] < 0 {
			return 0, false
		}
		return g.dense[id], true
	}
	i := sort.Search(len(g.IDs), func(i int) bool { return g.IDs[i] >= id })
	if i < len(g.IDs) && g.IDs[i] == id {
		return int32(i), true
	}
	return 0, false
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// LoadGraph reads every node and edge into a Graph, streaming the rows. Rows carry
// integers only — kinds are numbered by SQL — so no row costs a string.
func (s *Store) LoadGraph(ctx context.Context) (*Graph, error) {
	g := &Graph{Matches: map[int32]GraphMatch{}}
	err := s.withSmallCache(ctx, func(conn *sql.Conn) error {
		// One read transaction, so nodes and edges are one snapshot even while an
		// import commits. (database/sql's BeginTx would take the write lock: the
		// store opens transactions IMMEDIATE.)
		if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `ROLLBACK`)
		if err := loadGraphNodes(ctx, conn, g); err != nil {
			return fmt.Errorf("nodes: %w", err)
		}
		if err := loadGraphEdges(ctx, conn, g); err != nil {
			return fmt.Errorf("edges: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load graph: %w", err)
	}
	return g, nil
}

// withSmallCache runs fn on a connection of its own whose page cache is cut to 4 MiB
// for the while: a whole-table scan reads each page once, and a bulk write spills
// to the WAL anyway, so the usual 64 MiB would only hold memory.
func (s *Store) withSmallCache(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cache int64
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -4096`); err != nil {
		return err
	}
	// PRAGMA takes no bound parameters; the value is SQLite's own, read above.
	defer conn.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	return fn(conn)
}

// graphKinds reads the distinct values of a kind column, in order.
func graphKinds(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var kinds []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		kinds = append(kinds, k)
	}
	if len(kinds) > 254 {
		return nil, fmt.Errorf("%d kinds: at most 254 are supported", len(kinds))
	}
	return kinds, rows.Err()
}

// kindCase is a CASE expression numbering the kinds: "CASE kind WHEN ?1 THEN 0 ... END",
// with the kinds as its arguments.
func kindCase(kinds []string) (string, []any) {
	if len(kinds) == 0 {
		return "255", nil // an empty table: no row will ask
	}
	var b strings.Builder
	args := make([]any, len(kinds))
	b.WriteString("CASE kind")
	for i, k := range kinds {
		fmt.Fprintf(&b, " WHEN ?%d THEN %d", i+1, i)
		args[i] = k
	}
	b.WriteString(" ELSE 255 END")
	return b.String(), args
}

func loadGraphNodes(ctx context.Context, conn *sql.Conn, g *Graph) error {
	var err error
	if g.NodeKinds, err = graphKinds(ctx, conn, `SELECT DISTINCT kind FROM nodes ORDER BY kind`); err != nil {
		return err
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM nodes`).Scan(&n); err != nil {
		return err
	}
	g.IDs, g.Kind = make([]int64, 0, n), make([]uint8, 0, n)
	expr, args := kindCase(g.NodeKinds)
	rows, err := conn.QueryContext(ctx, `SELECT id, `+expr+` FROM nodes ORDER BY id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var k uint8
		if err := rows.Scan(&id, &k); err != nil {
			return err
		}
		g.IDs, g.Kind = append(g.IDs, id), append(g.Kind, k)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	// Importers assign ids in sequence, so a table by id is small and saves a binary
	// search per edge end; ids left sparse by hand-written rows fall back to the search.
	if len(g.IDs) > 0 && g.IDs[len(g.IDs)-1] < int64(4*len(g.IDs)+1024) {
		g.dense = make([]int32, g.IDs[len(g.IDs)-1]+1)
		for i := range g.dense {
			g.dense[i] = -1
		}
		for i, id := range g.IDs {
			g.dense[id] = int32(i)
		}
	}
	// Flags: only nodes whose attributes mention one are parsed (instr is cheap; JSON
	// parsing every contractor's attributes is not).
	g.Flags = make([]uint8, len(g.IDs))
	rows, err = conn.QueryContext(ctx, `SELECT id,
		  (coalesce(json_extract(attrs, '$.designated'), 0) = 1) |
		  ((coalesce(json_extract(attrs, '$.placeholder'), 0) = 1) << 1) |
		  ((coalesce(json_extract(attrs, '$.delisted'), 0) = 1) << 2)
		FROM nodes WHERE attrs IS NOT NULL AND (instr(attrs, ?) > 0 OR instr(attrs, ?) > 0 OR instr(attrs, ?) > 0)`,
		`"designated"`, `"placeholder"`, `"delisted"`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var f uint8
		if err := rows.Scan(&id, &f); err != nil {
			return err
		}
		if i, ok := g.Index(id); ok {
			g.Flags[i] = f
		}
	}
	return rows.Err()
}

func loadGraphEdges(ctx context.Context, conn *sql.Conn, g *Graph) error {
	var err error
	if g.EdgeKinds, err = graphKinds(ctx, conn, `SELECT DISTINCT kind FROM edges ORDER BY kind`); err != nil {
		return err
	}
	// name_match edges are few: their attributes are read first, by endpoints.
	type pair struct{ src, dst int64 }
	matches := map[pair]GraphMatch{}
	rows, err := conn.QueryContext(ctx, `SELECT src, dst, coalesce(json_extract(attrs, '$.score'), 0),
		coalesce(json_extract(attrs, '$.strength'), '') FROM edges WHERE kind = ?`, graphNameMatch)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p pair
		var m GraphMatch
		if err := rows.Scan(&p.src, &p.dst, &m.Score, &m.Strength); err != nil {
			rows.Close()
			return err
		}
		matches[p] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	match := indexOf(g.EdgeKinds, graphNameMatch)

	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM edges`).Scan(&n); err != nil {
		return err
	}
	src, dst := make([]int32, 0, n), make([]int32, 0, n)
	g.EdgeKind = make([]uint8, 0, n)
	expr, args := kindCase(g.EdgeKinds)
	rows, err = conn.QueryContext(ctx, `SELECT src, dst, `+expr+` FROM edges ORDER BY id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		var k uint8
		if err := rows.Scan(&a, &b, &k); err != nil {
			return err
		}
		ia, ok1 := g.Index(a)
		ib, ok2 := g.Index(b)
		if !ok1 || !ok2 || int(k) >= len(g.EdgeKinds) {
			return fmt.Errorf("edge %d -> %d: a node or kind missing from the snapshot", a, b)
		}
		if int(k) == match {
			g.Matches[int32(len(src))] = matches[pair{a, b}]
		}
		src, dst, g.EdgeKind = append(src, ia), append(dst, ib), append(g.EdgeKind, k)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	g.Off = make([]int32, len(g.IDs)+1)
	for e := range src {
		g.Off[src[e]+1]++
		g.Off[dst[e]+1]++
	}
	for i := 1; i < len(g.Off); i++ {
		g.Off[i] += g.Off[i-1]
	}
	g.Adj = make([]HalfEdge, 2*len(src))
	fill := append([]int32(nil), g.Off[:len(g.IDs)]...)
	for e := range src {
		a, b := src[e], dst[e]
		g.Adj[fill[a]] = HalfEdge{To: b, edge: int32(e)}
		fill[a]++
		g.Adj[fill[b]] = HalfEdge{To: a, edge: ^int32(e)}
		fill[b]++
	}
	return nil
}

// NodesByID returns the nodes with these ids in the same order (a zero Node for an id
// with none), reading them in chunks on a small page cache (ids scattered over the
// table would otherwise fill the usual one); attributes are decoded only when
// withAttrs is set.
func (s *Store) NodesByID(ctx context.Context, ids []int64, withAttrs bool) ([]Node, error) {
	out := make([]Node, len(ids))
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ids[order[a]] < ids[order[b]] })
	attrs := "NULL"
	if withAttrs {
		attrs = "attrs"
	}
	const chunk = 500
	err := s.withSmallCache(ctx, func(conn *sql.Conn) error {
		for start := 0; start < len(order); start += chunk {
			part := order[start:min(start+chunk, len(order))]
			args := make([]any, len(part))
			for i, o := range part {
				args[i] = ids[o]
			}
			rows, err := conn.QueryContext(ctx, `SELECT id, kind, key, label, `+attrs+` FROM nodes WHERE id IN (?`+
				strings.Repeat(",?", len(part)-1)+`) ORDER BY id`, args...)
			if err != nil {
				return err
			}
			j := 0
			for rows.Next() {
				n, err := scanNode(rows)
				if err != nil {
					rows.Close()
					return err
				}
				for ; j < len(part) && ids[part[j]] <= n.ID; j++ { // the same id may be asked twice
					if ids[part[j]] == n.ID {
						out[part[j]] = n
					}
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("nodes by id: %w", err)
	}
	return out, nil
}

// PathStep is one node of a risk path, with the edge that leads to it from the step
// before (none on the first step).
type PathStep struct {
	Key   string `json:"key"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	Edge  string `json:"edge,omitempty"` // the kind of the edge between the previous step and this one
	Dir   string `json:"dir,omitempty"`  // "out": the previous step is that edge's source; "in": this step is
}

// RiskScore is one contractor's place in the risk ranking.
type RiskScore struct {
	NodeID  int64      `json:"-"`
	Rank    int        `json:"-"`
	Key     string     `json:"key"`
	Label   string     `json:"label"`
	Score   float64    `json:"score"`   // 0..1: the best path's product of weights; 0 without a path
	Hops    int        `json:"hops"`    // edges on that path
	Cluster string     `json:"cluster"` // the cluster id, "" when in none
	Path    []PathStep `json:"path"`    // from the contractor to the designated entry; empty without a path
	Reason  string     `json:"reason"`
}

// ClusterMember is a contractor in a cluster.
type ClusterMember struct {
	NodeID int64   `json:"-"`
	Key    string  `json:"key"`
	Label  string  `json:"label"`
	Score  float64 `json:"score"`
}

// ClusterBinding is an identifier that two or more members of a cluster share.
type ClusterBinding struct {
	Key     string   `json:"key"`
	Kind    string   `json:"kind"`
	Label   string   `json:"label"`
	Members []string `json:"members"` // contractor keys
}

// Cluster is a group of contractors joined by shared strong identifiers.
type Cluster struct {
	ID      string           `json:"id"`
	Size    int              `json:"size"`
	Score   float64          `json:"score"` // the best member's score
	Members []ClusterMember  `json:"members"`
	Binding []ClusterBinding `json:"binding"`
	// Link is the best-scoring member's ranking entry: the cluster's path to a
	// designated entry. Nil when no member has one.
	Link *RiskScore `json:"link"`
}

// RiskHub is a strong identifier left out of clusters because too many contractors
// share it: a hub, not a farm.
type RiskHub struct {
	Key         string `json:"key"`
	Kind        string `json:"kind"`
	Label       string `json:"label"`
	Contractors int    `json:"contractors"`
}

// RiskRun is one computation of the risk ranking and clusters.
type RiskRun struct {
	ComputedAt  string              `json:"computed_at"`
	Options     json.RawMessage     `json:"options"`
	Contractors int                 `json:"contractors"`
	Linked      int                 `json:"linked"`
	Hubs        []RiskHub           `json:"hubs"`
	Scores      iter.Seq[RiskScore] `json:"-"` // every contractor, in rank order
	Clusters    []Cluster           `json:"-"`
}

// SaveRisk replaces the stored ranking and clusters with run's, in one transaction.
func (s *Store) SaveRisk(ctx context.Context, run *RiskRun) error {
	if run.ComputedAt == "" {
		run.ComputedAt = time.Now().UTC().Format(time.RFC3339)
	}
	hubs, err := json.Marshal(nonNil(run.Hubs))
	if err != nil {
		return fmt.Errorf("save risk: %w", err)
	}
	opts := string(run.Options)
	if opts == "" {
		opts = "{}"
	}
	err = s.withSmallCache(ctx, func(conn *sql.Conn) error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := saveRisk(ctx, tx, run, opts, string(hubs)); err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return fmt.Errorf("save risk: %w", err)
	}
	return nil
}

func saveRisk(ctx context.Context, tx *sql.Tx, run *RiskRun, opts, hubs string) error {
	for _, q := range []string{`DELETE FROM cluster_members`, `DELETE FROM risk_scores`, `DELETE FROM clusters`, `DELETE FROM risk_run`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO risk_run(id, computed_at, options, contractors, linked, hubs)
		VALUES (1, ?, ?, ?, ?, ?)`, run.ComputedAt, opts, run.Contractors, run.Linked, hubs); err != nil {
		return err
	}
	insCluster, err := tx.PrepareContext(ctx, `INSERT INTO clusters(id, size, score, link_node, binding, computed_at)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	insMember, err := tx.PrepareContext(ctx, `INSERT INTO cluster_members(cluster_id, node_id) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	for _, c := range run.Clusters {
		binding, err := json.Marshal(nonNil(c.Binding))
		if err != nil {
			return fmt.Errorf("cluster %s: %w", c.ID, err)
		}
		var link any
		if c.Link != nil {
			link = c.Link.NodeID
		}
		if _, err := insCluster.ExecContext(ctx, c.ID, c.Size, c.Score, link, string(binding), run.ComputedAt); err != nil {
			return fmt.Errorf("cluster %s: %w", c.ID, err)
		}
		for _, m := range c.Members {
			if _, err := insMember.ExecContext(ctx, c.ID, m.NodeID); err != nil {
				return fmt.Errorf("cluster %s member %s: %w", c.ID, m.Key, err)
			}
		}
	}
	// Scores go in multi-row INSERTs: a hundred thousand single-row statements cost
	// more in statement overhead (and garbage) than in SQLite's own work.
	b := newBatch("INSERT", "risk_scores", "rank", "node_id", "score", "hops", "cluster", "path", "reason", "computed_at")
	full, err := tx.PrepareContext(ctx, b.sql(batchRows))
	if err != nil {
		return err
	}
	flush := func() error {
		var err error
		if b.rows == batchRows {
			_, err = full.ExecContext(ctx, b.args...)
		} else if b.rows > 0 {
			_, err = tx.ExecContext(ctx, b.sql(b.rows), b.args...)
		}
		clear(b.args)
		b.args, b.rows = b.args[:0], 0
		return err
	}
	i := 0
	for r := range run.Scores {
		var path any
		if len(r.Path) > 0 {
			p, err := json.Marshal(r.Path)
			if err != nil {
				return fmt.Errorf("%s: %w", r.Key, err)
			}
			path = string(p)
		}
		i++
		b.add(i, r.NodeID, r.Score, r.Hops, nullStr(r.Cluster), path, r.Reason, run.ComputedAt)
		if b.isFull() {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// LastRiskRun describes the stored run (without its scores and clusters), or nil
// when risk was never computed.
func (s *Store) LastRiskRun(ctx context.Context) (*RiskRun, error) {
	var run RiskRun
	var opts, hubs string
	err := s.db.QueryRowContext(ctx, `SELECT computed_at, options, contractors, linked, hubs FROM risk_run WHERE id = 1`).
		Scan(&run.ComputedAt, &opts, &run.Contractors, &run.Linked, &hubs)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("last risk run: %w", err)
	}
	run.Options = json.RawMessage(opts)
	if err := json.Unmarshal([]byte(hubs), &run.Hubs); err != nil {
		return nil, fmt.Errorf("last risk run: hubs: %w", err)
	}
	return &run, nil
}

const riskScoreCols = `SELECT r.node_id, r.rank, n.key, n.label, r.score, r.hops, coalesce(r.cluster, ''),
	coalesce(r.path, '[]'), r.reason FROM risk_scores r JOIN nodes n ON n.id = r.node_id`

func scanRiskScore(r rowScanner) (RiskScore, error) {
	var rs RiskScore
	var path string
	if err := r.Scan(&rs.NodeID, &rs.Rank, &rs.Key, &rs.Label, &rs.Score, &rs.Hops, &rs.Cluster, &path, &rs.Reason); err != nil {
		return rs, err
	}
	if err := json.Unmarshal([]byte(path), &rs.Path); err != nil {
		return rs, fmt.Errorf("%s path: %w", rs.Key, err)
	}
	rs.Path = nonNil(rs.Path)
	return rs, nil
}

// TopRisk reads the stored ranking's first n contractors (every one when n <= 0).
func (s *Store) TopRisk(ctx context.Context, n int) ([]RiskScore, error) {
	if n <= 0 {
		n = -1 // no limit
	}
	rows, err := s.db.QueryContext(ctx, riskScoreCols+` ORDER BY r.rank LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("top risk: %w", err)
	}
	defer rows.Close()
	out := []RiskScore{}
	for rows.Next() {
		rs, err := scanRiskScore(rows)
		if err != nil {
			return nil, fmt.Errorf("top risk: %w", err)
		}
		out = append(out, rs)
	}
	return out, rows.Err()
}

// Clusters reads the stored clusters, the most exposed first, with their members,
// binding identifiers and designated link.
func (s *Store) Clusters(ctx context.Context) ([]Cluster, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, size, score, coalesce(link_node, 0), binding FROM clusters
		ORDER BY score DESC, size DESC, id`)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	out := []Cluster{}
	var links []int64
	for rows.Next() {
		var c Cluster
		var link int64
		var binding string
		if err := rows.Scan(&c.ID, &c.Size, &c.Score, &link, &binding); err != nil {
			rows.Close()
			return nil, fmt.Errorf("clusters: %w", err)
		}
		if err := json.Unmarshal([]byte(binding), &c.Binding); err != nil {
			rows.Close()
			return nil, fmt.Errorf("clusters: %s binding: %w", c.ID, err)
		}
		out, links = append(out, c), append(links, link)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	for i := range out {
		c := &out[i]
		if err := s.clusterMembers(ctx, c); err != nil {
			return nil, err
		}
		if links[i] == 0 {
			continue
		}
		rs, err := scanRiskScore(s.db.QueryRowContext(ctx, riskScoreCols+` WHERE r.node_id = ?`, links[i]))
		if err != nil {
			return nil, fmt.Errorf("clusters: %s link: %w", c.ID, err)
		}
		c.Link = &rs
	}
	return out, nil
}

func (s *Store) clusterMembers(ctx context.Context, c *Cluster) error {
	rows, err := s.db.QueryContext(ctx, `SELECT n.id, n.key, n.label, coalesce(r.score, 0)
		FROM cluster_members m JOIN nodes n ON n.id = m.node_id LEFT JOIN risk_scores r ON r.node_id = m.node_id
		WHERE m.cluster_id = ? ORDER BY n.key`, c.ID)
	if err != nil {
		return fmt.Errorf("clusters: %s members: %w", c.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m ClusterMember
		if err := rows.Scan(&m.NodeID, &m.Key, &m.Label, &m.Score); err != nil {
			return fmt.Errorf("clusters: %s members: %w", c.ID, err)
		}
		c.Members = append(c.Members, m)
	}
	return rows.Err()
}
