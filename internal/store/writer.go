package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"time"
)

// SourceInfo describes a file about to be imported.
type SourceInfo struct {
	Path   string
	SHA256 string
	Size   int64
	Kind   string // contractors | payments | list
	Format string // csv | tsv | json | jsonl | ...
	// Bulk is for large files: the import's connection skips foreign-key checks
	// (every id it writes comes from this transaction), gets a larger page cache and
	// sorts in memory when it rebuilds indexes (a temp file on disk is much slower).
	// Readers see none of it until commit, as always.
	Bulk bool
	// DeferLedgerIndexes rebuilds the ledger indexes once at the end instead of
	// updating them on every inserted payment.
	DeferLedgerIndexes bool
}

// NodeSpec is a node as an importer asserts it.
type NodeSpec struct {
	Kind  string
	Key   string
	Label string
	Attrs map[string]any
	// IfAbsent creates the node when missing but never changes an existing one
	// (a ledger's placeholder for a contractor must not touch the real profile).
	IfAbsent bool
	// Relabel replaces an existing node's label with this one (a list entry whose
	// name changed in a newer publication); otherwise only placeholders are relabeled.
	Relabel bool
}

// Prov names the row (and column) of a source that asserts a fact: the import's own
// file unless Source names another one added with AddSource.
type Prov struct {
	Line   int
	Field  string
	Source int64
}

// LedgerRow is one payment as imported. Amounts are minor units of Currency.
type LedgerRow struct {
	Line         int
	ExtID        string
	Date         string
	Type         string
	ContractorID int64 // 0 when none
	PayerID      int64
	PayeeID      int64
	Beneficiary  string
	AmountMinor  int64
	Currency     string
	Rail         string
	Reference    string
	Extra        map[string]string
}

// Counts are an import's row tallies; Read always equals Stored + Rejected.
type Counts struct {
	Read, Stored, Rejected int
}

// edgeKey identifies an edge in the import's caches; kind is an index into the
// import's interned kinds, which keeps a million-edge cache small.
type edgeKey struct {
	src, dst int64
	kind     uint16
}

// keyHash is a 128-bit hash of a node key: the node cache holds hashes, not the
// keys themselves (a million keys would cost ~100 MB). A collision among even a
// billion keys has a probability below 1e-20.
type keyHash [2]uint64

// Import is one file's import: a single transaction holding the write lock, ids
// assigned here (no other writer can take them), rows queued into multi-row INSERTs,
// and the caches that keep a million-row file from re-reading what it just wrote.
type Import struct {
	conn     *sql.Conn
	tx       *sql.Tx
	bulk     bool
	indexes  []string // ledger index DDL to re-create at Finish (bulk mode)
	sourceID int64
	maxNode  int64 // highest node id before this import: newer ones are ours
	maxEdge  int64
	nextNode int64
	nextEdge int64

	getNode, patchNode, getEdge, patchEdge *sql.Stmt

	insNode, insEdge, insNodeSrc, insEdgeSrc, insLedger, insPayeeName *batch
	w                                                                 *asyncWriter
	payeeNames                                                        map[payeeName]bool

	seeds      [2]maphash.Seed
	kinds      []string // interned edge kinds, indexed by edgeKey.kind
	nodes      map[keyHash]int64
	relabeled  map[int64]bool
	preloaded  map[string]bool
	edges      map[edgeKey]int64
	flows      map[edgeKey]flow
	flowMore   map[flowCurrency]int64
	currencies []string
	currencyID map[string]uint32
	done       bool
}

// payeeName is a (payee, beneficiary name) pair already queued for payee_names.
type payeeName struct {
	payee int64
	name  keyHash
}

// ErrAlreadyImported reports a file whose SHA-256 is already recorded.
var ErrAlreadyImported = errors.New("already imported")

// SourceBySHA returns the recorded source with this content hash, or nil.
func (s *Store) SourceBySHA(ctx context.Context, sha string) (*Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, sourceCols+` WHERE sha256 = ?`, sha))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return src, err
}

// BeginImport opens the transaction for one file and records it as a source.
// Nothing is visible to readers until Finish commits.
func (s *Store) BeginImport(ctx context.Context, info SourceInfo) (*Import, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin import: %w", err)
	}
	if info.Bulk {
		// Pragmas apply outside a transaction and to this connection only; release()
		// restores them before the connection goes back to the pool.
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY`); err != nil {
			conn.Close()
			return nil, fmt.Errorf("begin import: %w", err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("begin import: %w", err)
	}
	im := &Import{
		conn:       conn,
		bulk:       info.Bulk,
		tx:         tx,
		seeds:      [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		nodes:      make(map[keyHash]int64),
		relabeled:  make(map[int64]bool),
		preloaded:  make(map[string]bool),
		edges:      make(map[edgeKey]int64),
		flows:      make(map[edgeKey]flow),
		flowMore:   make(map[flowCurrency]int64),
		currencyID: make(map[string]uint32),
		insNode:    newBatch("INSERT", "nodes", "id", "kind", "key", "label", "attrs"),
		insEdge:    newBatch("INSERT", "edges", "id", "kind", "src", "dst", "attrs"),
		insNodeSrc: newBatch("INSERT OR IGNORE", "node_sources", "node_id", "source_id", "line", "field"),
		insEdgeSrc: newBatch("INSERT OR IGNORE", "edge_sources", "edge_id", "source_id", "line", "field"),
		insLedger: newBatch("INSERT", "ledger", "source_id", "line", "ext_id", "date", "type", "contractor_id",
			"payer_id", "payee_id", "beneficiary", "amount_minor", "currency", "rail", "reference", "extra"),
		insPayeeName: newBatch("INSERT OR IGNORE", "payee_names", "payee_id", "name", "source_id", "line"),
		payeeNames:   make(map[payeeName]bool),
	}
	im.w = newAsyncWriter(ctx, tx)
	fail := func(err error) (*Import, error) {
		im.Rollback()
		return nil, fmt.Errorf("begin import: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO sources(path, sha256, size, kind, format, imported_at)
		VALUES (?, ?, ?, ?, ?, ?)`, info.Path, info.SHA256, info.Size, info.Kind, info.Format,
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: sources.sha256") {
			im.Rollback()
			return nil, ErrAlreadyImported
		}
		return fail(err)
	}
	if im.sourceID, err = res.LastInsertId(); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil { // resets at commit
		return fail(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM nodes), (SELECT coalesce(max(id), 0) FROM edges)`).
		Scan(&im.maxNode, &im.maxEdge); err != nil {
		return fail(err)
	}
	im.nextNode, im.nextEdge = im.maxNode, im.maxEdge
	if info.DeferLedgerIndexes {
		if err := im.dropLedgerIndexes(ctx); err != nil {
			return fail(err)
		}
	}
	prep := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&im.getNode, `SELECT id, label FROM nodes WHERE key = ?`},
		{&im.patchNode, `UPDATE nodes SET label = coalesce(?, label), kind = coalesce(?, kind),
			attrs = CASE WHEN ? IS NULL THEN attrs ELSE json_patch(coalesce(attrs, '{}'), ?) END WHERE id = ?`},
		{&im.getEdge, `SELECT id FROM edges WHERE src = ? AND kind = ? AND dst = ?`},
		{&im.patchEdge, `UPDATE edges SET attrs = json_patch(coalesce(attrs, '{}'), ?) WHERE id = ?`},
	}
	for _, p := range prep {
		if *p.dst, err = tx.PrepareContext(ctx, p.sql); err != nil {
			return fail(err)
		}
	}
	return im, nil
}

// SourceID is the id of the source row this import writes.
func (im *Import) SourceID() int64 { return im.sourceID }

func (im *Import) source(p Prov) int64 {
	if p.Source != 0 {
		return p.Source
	}
	return im.sourceID
}

// AddSource records another file read by this import (a list published as several
// files) and returns its id for Prov.Source. A file whose bytes are already recorded —
// an alt.csv unchanged since the last version — reuses that source: same bytes, same lines.
func (im *Import) AddSource(ctx context.Context, info SourceInfo) (int64, error) {
	var id int64
	err := im.tx.QueryRowContext(ctx, `SELECT id FROM sources WHERE sha256 = ?`, info.SHA256).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("add source %s: %w", info.Path, err)
	}
	res, err := im.tx.ExecContext(ctx, `INSERT INTO sources(path, sha256, size, kind, format, imported_at)
		VALUES (?, ?, ?, ?, ?, ?)`, info.Path, info.SHA256, info.Size, info.Kind, info.Format,
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, fmt.Errorf("add source %s: %w", info.Path, err)
	}
	return res.LastInsertId()
}

// Node upserts a node and records the row that asserted it, returning its id.
// An existing node keeps its label unless that label was only a placeholder (the key's
// value); attributes are merged (JSON merge patch: a null value removes a key).
func (im *Import) Node(ctx context.Context, n NodeSpec, p Prov) (int64, error) {
	h := im.hash(n.Key)
	id, seen := im.nodes[h]
	if !seen {
		var err error
		if id, err = im.lookupOrInsert(ctx, n); err != nil {
			return 0, err
		}
		im.nodes[h] = id
	}
	if p.Line > 0 {
		im.insNodeSrc.add(id, im.source(p), p.Line, p.Field)
	}
	return id, im.maybeFlush(ctx)
}

func (im *Import) lookupOrInsert(ctx context.Context, n NodeSpec) (int64, error) {
	label := n.Label
	if label == "" {
		label = keyValue(n.Key)
	}
	var id int64
	var old string
	err := sql.ErrNoRows
	// An empty database has nothing to find; a preloaded kind is all in the cache.
	if im.maxNode > 0 && !im.preloaded[n.Kind] {
		err = im.getNode.QueryRowContext(ctx, n.Key).Scan(&id, &old)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// null in a merge patch means "remove": a new node simply does not have the key.
		fresh, err := encodeAttrs(withoutNulls(n.Attrs))
		if err != nil {
			return 0, fmt.Errorf("node %s: %w", n.Key, err)
		}
		im.nextNode++
		im.insNode.add(im.nextNode, n.Kind, n.Key, label, fresh)
		return im.nextNode, nil
	case err != nil:
		return 0, fmt.Errorf("node %s: %w", n.Key, err)
	}
	if n.IfAbsent {
		return id, nil
	}
	attrs, err := encodeAttrs(n.Attrs)
	if err != nil {
		return 0, fmt.Errorf("node %s: %w", n.Key, err)
	}
	// A placeholder (its label is only the key's value) takes the real label and kind.
	var newLabel, newKind any
	if (old == keyValue(n.Key) || n.Relabel) && label != old {
		newLabel = label
		if n.Kind != "" {
			newKind = n.Kind
		}
		im.relabeled[id] = true
	}
	if newLabel != nil || attrs != nil {
		if _, err := im.patchNode.ExecContext(ctx, newLabel, newKind, attrs, attrs, id); err != nil {
			return 0, fmt.Errorf("node %s: %w", n.Key, err)
		}
	}
	return id, nil
}

// Edge upserts a directed edge and records the row that asserted it.
func (im *Import) Edge(ctx context.Context, kind string, src, dst int64, attrs map[string]any, p Prov) (int64, error) {
	k := im.edgeKey(src, kind, dst)
	id, seen := im.edges[k]
	if !seen {
		a, err := encodeAttrs(attrs)
		if err != nil {
			return 0, fmt.Errorf("edge %s: %w", kind, err)
		}
		if id, err = im.existingEdge(ctx, k); err != nil {
			return 0, err
		}
		switch {
		case id == 0:
			im.nextEdge++
			id = im.nextEdge
			im.insEdge.add(id, kind, src, dst, a)
		case a != nil:
			if _, err := im.patchEdge.ExecContext(ctx, a, id); err != nil {
				return 0, fmt.Errorf("edge %s %d->%d: %w", kind, src, dst, err)
			}
		}
		im.edges[k] = id
	}
	if p.Line > 0 {
		im.insEdgeSrc.add(id, im.source(p), p.Line, p.Field)
	}
	return id, im.maybeFlush(ctx)
}

func (im *Import) hash(key string) keyHash {
	return keyHash{maphash.String(im.seeds[0], key), maphash.String(im.seeds[1], key)}
}

func (im *Import) edgeKey(src int64, kind string, dst int64) edgeKey {
	for i, k := range im.kinds {
		if k == kind {
			return edgeKey{src: src, dst: dst, kind: uint16(i)}
		}
	}
	// Edge kinds are the importers' constants, never data: a handful per import.
	im.kinds = append(im.kinds, kind)
	return edgeKey{src: src, dst: dst, kind: uint16(len(im.kinds) - 1)}
}

// existingEdge finds an edge written before this import (0 if none). An edge with an
// endpoint created by this import cannot be older than it, so most need no query.
func (im *Import) existingEdge(ctx context.Context, k edgeKey) (int64, error) {
	if k.src > im.maxNode || k.dst > im.maxNode || im.maxEdge == 0 {
		return 0, nil
	}
	var id int64
	switch err := im.getEdge.QueryRowContext(ctx, k.src, im.kinds[k.kind], k.dst).Scan(&id); {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("edge %s %d->%d: %w", im.kinds[k.kind], k.src, k.dst, err)
	}
	return id, nil
}

// maybeFlush writes the queues that are full. Foreign keys are checked at commit
// (defer_foreign_keys), so a child row may reach the table before its parent.
func (im *Import) maybeFlush(ctx context.Context) error {
	for _, b := range []*batch{im.insNode, im.insEdge, im.insNodeSrc, im.insEdgeSrc, im.insLedger, im.insPayeeName} {
		if b.isFull() {
			if err := b.flush(ctx, im.tx, im.w); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush writes every queue and waits until the writer has run them all.
func (im *Import) flush(ctx context.Context) error {
	for _, b := range []*batch{im.insNode, im.insEdge, im.insNodeSrc, im.insEdgeSrc, im.insLedger, im.insPayeeName} {
		if err := b.flush(ctx, im.tx, im.w); err != nil {
			return err
		}
	}
	return im.w.sync()
}

// Ledger stores one payment row.
func (im *Import) Ledger(ctx context.Context, r LedgerRow) error {
	var extra any
	if len(r.Extra) > 0 {
		b, err := json.Marshal(r.Extra)
		if err != nil {
			return err
		}
		extra = string(b)
	}
	im.insLedger.add(im.sourceID, r.Line, nullStr(r.ExtID), nullStr(r.Date), r.Type,
		nullID(r.ContractorID), nullID(r.PayerID), nullID(r.PayeeID), nullStr(r.Beneficiary),
		r.AmountMinor, r.Currency, nullStr(r.Rail), nullStr(r.Reference), extra)
	if r.PayeeID != 0 && r.Beneficiary != "" {
		k := payeeName{r.PayeeID, im.hash(r.Beneficiary)}
		if !im.payeeNames[k] {
			im.payeeNames[k] = true
			im.insPayeeName.add(r.PayeeID, r.Beneficiary, im.sourceID, r.Line)
		}
	}
	return im.maybeFlush(ctx)
}

// Rollback abandons the import; the database is as it was before BeginImport.
func (im *Import) Rollback() {
	if !im.done {
		im.done = true
		im.w.stop()
		im.tx.Rollback()
		im.release()
	}
}

// release restores the connection's pragmas and returns it to the pool.
func (im *Import) release() {
	if im.bulk {
		im.conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA temp_store = DEFAULT`)
	}
	im.conn.Close()
}

// dropLedgerIndexes drops the ledger's indexes, remembering their DDL for Finish.
// Building an index once from sorted data is several times faster than updating it
// on every one of a million inserts.
func (im *Import) dropLedgerIndexes(ctx context.Context) error {
	rows, err := im.tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'ledger' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return err
		}
		names = append(names, name)
		im.indexes = append(im.indexes, ddl)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, n := range names {
		if _, err := im.tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(n, `"`, `""`)+`"`); err != nil {
			return err
		}
	}
	return nil
}

// Finish writes the money flows and search index, records the counts and commits.
func (im *Import) Finish(ctx context.Context, c Counts, rejectsPath string) error {
	if c.Read != c.Stored+c.Rejected {
		im.Rollback()
		return fmt.Errorf("finish import: %d read != %d stored + %d rejected", c.Read, c.Stored, c.Rejected)
	}
	if err := im.flush(ctx); err != nil {
		im.Rollback()
		return err
	}
	if err := im.writeFlows(ctx); err != nil {
		im.Rollback()
		return err
	}
	if err := im.index(ctx); err != nil {
		im.Rollback()
		return err
	}
	for _, ddl := range im.indexes {
		if _, err := im.tx.ExecContext(ctx, ddl); err != nil {
			im.Rollback()
			return fmt.Errorf("rebuild ledger index: %w", err)
		}
	}
	if _, err := im.tx.ExecContext(ctx, `UPDATE sources SET rows_read = ?, rows_stored = ?, rows_rejected = ?,
		rejects_path = ? WHERE id = ?`, c.Read, c.Stored, c.Rejected, nullStr(rejectsPath), im.sourceID); err != nil {
		im.Rollback()
		return fmt.Errorf("finish import: %w", err)
	}
	im.done = true
	if err := im.w.stop(); err != nil {
		im.tx.Rollback()
		im.release()
		return err
	}
	err := im.tx.Commit()
	im.release()
	if err != nil {
		return fmt.Errorf("commit import: %w", err)
	}
	return nil
}

// index adds this import's new and relabeled nodes to the full-text index.
func (im *Import) index(ctx context.Context) error {
	for id := range im.relabeled {
		if id > im.maxNode {
			continue
		}
		if _, err := im.tx.ExecContext(ctx, `DELETE FROM nodes_fts WHERE rowid = ?`, id); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		if _, err := im.tx.ExecContext(ctx, `INSERT INTO nodes_fts(rowid, label, value)
			SELECT id, label, substr(key, instr(key, ':') + 1) FROM nodes WHERE id = ?`, id); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if _, err := im.tx.ExecContext(ctx, `INSERT INTO nodes_fts(rowid, label, value)
		SELECT id, label, substr(key, instr(key, ':') + 1) FROM nodes WHERE id > ?`, im.maxNode); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

func encodeAttrs(m map[string]any) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func withoutNulls(m map[string]any) map[string]any {
	for _, v := range m {
		if v == nil {
			out := make(map[string]any, len(m))
			for k, v := range m {
				if v != nil {
					out[k] = v
				}
			}
			return out
		}
	}
	return m
}

// keyValue is the part of a node key after "kind:".
func keyValue(key string) string {
	if _, v, ok := strings.Cut(key, ":"); ok {
		return v
	}
	return key
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Preload reads the ids of every existing node of the given kinds into the import's
// cache, so that a large file resolves its keys in memory instead of with one query
// each. Preloaded nodes count as already seen: the import does not re-patch their
// attributes or labels. A worthwhile trade only for files that touch many nodes.
func (im *Import) Preload(ctx context.Context, kinds ...string) error {
	if im.maxNode == 0 {
		return nil
	}
	for _, kind := range kinds {
		rows, err := im.tx.QueryContext(ctx, `SELECT id, key FROM nodes WHERE kind = ?`, kind)
		if err != nil {
			return fmt.Errorf("preload %s: %w", kind, err)
		}
		for rows.Next() {
			var id int64
			var key sql.RawBytes
			if err := rows.Scan(&id, &key); err != nil {
				rows.Close()
				return fmt.Errorf("preload %s: %w", kind, err)
			}
			im.nodes[im.hash(string(key))] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("preload %s: %w", kind, err)
		}
		im.preloaded[kind] = true
	}
	return nil
}
