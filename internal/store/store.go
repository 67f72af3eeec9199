// Package store is the SQLite case database: schema, migrations, bulk writes and queries.
//
// One file holds one case. Nodes carry a stable key "kind:normalized-value"; edges are
// directed and unique per (src, kind, dst); every node and edge records the source
// rows (file and line) that asserted it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver (cgo)
)

// EnvDB names the environment variable that selects the case database.
const EnvDB = "CASEGRAPH_DB"

// DefaultFile is the case database used when neither --db nor $CASEGRAPH_DB is set.
const DefaultFile = "casegraph.db"

// ResolvePath picks the case database: the flag, else $CASEGRAPH_DB, else casegraph.db
// in the working directory.
func ResolvePath(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env
	}
	return DefaultFile
}

// Store is an open case database.
type Store struct {
	db   *sql.DB
	path string
}

// Open opens (creating if needed) the case database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open case database: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open case database %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	q.Set("_cache_size", "-65536") // 64 MiB page cache
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open case database %s: %w", path, err)
	}
	s := &Store{db: db, path: abs}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open case database %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open case database %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// DB exposes the handle for packages that run their own read queries (graphs, risk).
func (s *Store) DB() *sql.DB { return s.db }
