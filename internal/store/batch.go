package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// batchRows is how many rows one multi-row INSERT carries. A million single-row
// statements cost more in statement overhead than in SQLite's own work.
const batchRows = 128

// batch accumulates rows for one table and writes them with multi-row INSERTs.
type batch struct {
	head string // "INSERT INTO t(a, b) VALUES "
	cols int
	rows int
	args []any
	full *sql.Stmt // prepared for exactly batchRows rows
}

func newBatch(verb, table string, cols ...string) *batch {
	return &batch{
		head: verb + " INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES ",
		cols: len(cols),
		args: make([]any, 0, batchRows*len(cols)),
	}
}

func (b *batch) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.cols), ", ") + ")"
	var sb strings.Builder
	sb.WriteString(b.head)
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(one)
	}
	return sb.String()
}

// add queues one row; the caller flushes when full() says so.
func (b *batch) add(vals ...any) {
	b.args = append(b.args, vals...)
	b.rows++
}

func (b *batch) isFull() bool { return b.rows >= batchRows }

func (b *batch) flush(ctx context.Context, tx *sql.Tx) error {
	if b.rows == 0 {
		return nil
	}
	var err error
	if b.rows == batchRows {
		if b.full == nil {
			if b.full, err = tx.PrepareContext(ctx, b.sql(batchRows)); err != nil {
				return fmt.Errorf("prepare batch: %w", err)
			}
		}
		_, err = b.full.ExecContext(ctx, b.args...)
	} else {
		_, err = tx.ExecContext(ctx, b.sql(b.rows), b.args...)
	}
	if err != nil {
		return fmt.Errorf("%s…: %w", strings.TrimSpace(b.head[:min(len(b.head), 40)]), err)
	}
	clear(b.args)
	b.args, b.rows = b.args[:0], 0
	return nil
}
