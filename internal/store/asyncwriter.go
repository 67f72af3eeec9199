package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// asyncWriter runs queued INSERTs on the import's transaction in a goroutine of its
// own, so SQLite's work on one batch overlaps Go's parsing and normalising of the
// next. database/sql serialises the connection between it and the import's own
// queries; the import only reads rows written before it began, or waits (sync) first.
type asyncWriter struct {
	jobs chan writeJob
	done chan struct{}
	mu   sync.Mutex
	err  error
}

type writeJob struct {
	stmt    *sql.Stmt // a prepared full batch, or nil to run query
	query   string
	args    []any
	barrier chan struct{} // closed when the writer reaches this job
}

func newAsyncWriter(ctx context.Context, tx *sql.Tx) *asyncWriter {
	w := &asyncWriter{jobs: make(chan writeJob, 8), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for j := range w.jobs {
			if j.barrier != nil {
				close(j.barrier)
				continue
			}
			if w.failed() != nil {
				continue // drain: the import is failing anyway
			}
			var err error
			if j.stmt != nil {
				_, err = j.stmt.ExecContext(ctx, j.args...)
			} else {
				_, err = tx.ExecContext(ctx, j.query, j.args...)
			}
			if err != nil {
				w.mu.Lock()
				w.err = fmt.Errorf("write batch: %w", err)
				w.mu.Unlock()
			}
		}
	}()
	return w
}

func (w *asyncWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// submit queues a job, or reports an earlier job's failure.
func (w *asyncWriter) submit(j writeJob) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.jobs <- j
	return nil
}

// sync waits until every job queued so far has run and returns the first error.
func (w *asyncWriter) sync() error {
	b := make(chan struct{})
	w.jobs <- writeJob{barrier: b}
	<-b
	return w.failed()
}

// stop ends the goroutine after the queued jobs; the writer is unusable after.
func (w *asyncWriter) stop() error {
	close(w.jobs)
	<-w.done
	return w.failed()
}
