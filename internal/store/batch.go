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
	tail string // after the VALUES list, e.g. an ON CONFLICT clause
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
	sb.WriteString(b.tail)
	return sb.String()
}

// add queues one row; the caller flushes when full() says so.
func (b *batch) add(vals ...any) {
	b.args = append(b.args, vals...)
	b.rows++
}

func (b *batch) isFull() bool { return b.rows >= batchRows }

// flush hands the queued rows to the writer; the batch starts a fresh slice, since
// the writer owns the old one until it has run.
func (b *batch) flush(ctx context.Context, tx *sql.Tx, w *asyncWriter) error {
	if b.rows == 0 {
		return nil
	}
	j := writeJob{args: b.args}
	if b.rows == batchRows {
		if b.full == nil {
			var err error
			if b.full, err = tx.PrepareContext(ctx, b.sql(batchRows)); err != nil {
				return fmt.Errorf("prepare batch: %w", err)
			}
		}
		j.stmt = b.full
	} else {
		j.query = b.sql(b.rows)
	}
	b.args, b.rows = make([]any, 0, batchRows*b.cols), 0
	return w.submit(j)
}
