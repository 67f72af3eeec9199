// Package importer turns contractor exports and payment ledgers into the case graph:
// it reads records (ingest), normalises every identifier (normalize) and writes nodes,
// edges, ledger rows and provenance (store) in one transaction per file.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/lists"
	"github.com/casegraph/casegraph/internal/store"
)

// Options steer an import.
type Options struct {
	// SkipBadRows imports the good rows and writes every rejected row, with its reason,
	// to the rejects file. Without it the first bad row fails the whole file.
	SkipBadRows bool
	// RejectsPath is where rejected rows go; "" means "<file>.rejects.csv" in the working directory.
	RejectsPath string
	// Mapping maps odd column names to roles (and carries format, region, date order, decimal).
	Mapping *ingest.Mapping
	// ListMapping reads a designation list published as a spreadsheet (Lists only).
	ListMapping *lists.GenericMapping
	// ListFormat forces a list reader (one of ListFormats) instead of detecting it.
	ListFormat string
	// PhoneRegion is the default region (ISO 3166 alpha-2) for national phone numbers
	// when a row has no usable country. The mapping's phone_region wins over it.
	PhoneRegion string
	// DateOrder and Decimal settle ambiguous dates and amounts; the mapping's win over them.
	DateOrder ingest.DateOrder
	Decimal   rune
	// Progress, when set, is called now and then with bytes read and the file size.
	Progress func(done, total int64)
	// BulkBytes overrides the file size above which the import runs in bulk mode
	// (0: 4 MiB; -1: always). Tests use it to run the bulk path on small files.
	BulkBytes int64
}

// Result reports one file's import. Read always equals Stored + Rejected.
type Result struct {
	File            string `json:"file"`
	Kind            string `json:"kind"`
	Format          string `json:"format,omitempty"`
	SHA256          string `json:"sha256"`
	Size            int64  `json:"size"`
	Read            int    `json:"rows_read"`
	Stored          int    `json:"rows_stored"`
	Rejected        int    `json:"rows_rejected"`
	RejectsPath     string `json:"rejects_path,omitempty"`
	AlreadyImported bool   `json:"already_imported,omitempty"`
	// Orphans counts list rows (addresses, aliases) whose entry is missing from the
	// list's main file: kept on placeholder nodes and reported.
	Orphans int     `json:"orphan_rows,omitempty"`
	Seconds float64 `json:"seconds"`
}

// defaultBulkBytes is the file size above which an import runs in bulk mode (see
// store.SourceInfo.Bulk): large enough that small imports keep every check.
const defaultBulkBytes = 4 << 20

// rowHandler turns records into graph facts in two steps. plan validates and
// normalises a record without touching the database — it runs ahead, in a goroutine
// of its own, so normalising one row overlaps writing the last. write stores a plan;
// it runs in record order. A *ingest.Error from either rejects the row; any other
// error aborts the import.
type rowHandler struct {
	plan  func(rec *ingest.Record) (any, error)
	write func(ctx context.Context, plan any, rec *ingest.Record) error
}

// item is one record as read and planned ahead of the writer.
type item struct {
	rec     *ingest.Record
	plan    any
	planErr error
	readErr error
}

// readAhead reads and plans records in a goroutine, sending them in order, in chunks
// (one channel operation per chunk, not per row). It stops at the end of the input,
// at an error the reader cannot step past, or when stop is called.
func readAhead(ctx context.Context, rd *ingest.Reader, plan func(*ingest.Record) (any, error)) (<-chan []item, func()) {
	const chunkRows = 256
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan []item, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		chunk := make([]item, 0, chunkRows)
		send := func() bool {
			select {
			case out <- chunk:
				chunk = make([]item, 0, chunkRows)
				return true
			case <-ctx.Done():
				return false
			}
		}
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				chunk = append(chunk, item{readErr: err})
				var ie *ingest.Error
				if !errors.As(err, &ie) || ie.Fatal {
					break
				}
			} else {
				it := item{rec: rec}
				it.plan, it.planErr = plan(rec)
				chunk = append(chunk, it)
			}
			if len(chunk) == chunkRows && !send() {
				return
			}
		}
		if len(chunk) > 0 {
			send()
		}
	}()
	return out, func() { cancel(); <-done }
}

// hashFile returns the SHA-256 and size of a file.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err // names the path already
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// run is the shared skeleton of every import: hash, skip if known, stream records
// through newRow's function inside one transaction, reject or fail bad rows, commit.
// A large file first preloads the ids of existing nodes of the kinds it resolves.
func run(ctx context.Context, st *store.Store, path, kind string, schema ingest.Schema, opt Options,
	preload []string, newRow func(im *store.Import, file string) rowHandler) (Result, error) {
	start := time.Now()
	res := Result{File: path, Kind: kind}
	abs, known, err := identify(ctx, st, path, &res)
	if err != nil || known {
		return res, err
	}
	f, err := os.Open(path)
	if err != nil {
		return res, err
	}
	defer f.Close()
	cr := &countingReader{r: f, total: res.Size, progress: opt.Progress}
	rd, err := ingest.NewReader(cr, path, schema, opt.Mapping)
	if err != nil {
		return res, err
	}
	res.Format = rd.Format()
	bulk := opt.bulk(res.Size)
	im, err := st.BeginImport(ctx, store.SourceInfo{Path: abs, SHA256: res.SHA256, Size: res.Size, Kind: kind,
		Format: res.Format, Bulk: bulk, DeferLedgerIndexes: bulk && schema == ingest.Payments})
	if errors.Is(err, store.ErrAlreadyImported) {
		res.AlreadyImported = true
		return res, nil
	}
	if err != nil {
		return res, err
	}
	defer im.Rollback()
	if bulk {
		if err := im.Preload(ctx, preload...); err != nil {
			return res, err
		}
	}

	var rej *rejects
	if opt.SkipBadRows {
		rej = newRejects(rejectsPath(opt.RejectsPath, path))
		defer rej.discard()
	}
	h := newRow(im, path)
	var c store.Counts
	lastBad := -1
	items, stop := readAhead(ctx, rd, h.plan)
	defer stop()
	for chunk := range items {
		for _, it := range chunk {
			if err := ctx.Err(); err != nil {
				return res, err
			}
			if it.readErr != nil {
				var ie *ingest.Error
				// A malformed record the reader has stepped past is a bad row like any other;
				// a fatal one (the rest cannot be read) ends the import, and the guard stops
				// a reader that keeps failing at the same place.
				if opt.SkipBadRows && errors.As(it.readErr, &ie) && !ie.Fatal && ie.Line > lastBad {
					lastBad = ie.Line
					c.Read++
					c.Rejected++
					if werr := rej.write(ie.Line, ie.Field, ie.Reason, ie.Raw); werr != nil {
						return res, werr
					}
					continue
				}
				return res, it.readErr
			}
			c.Read++
			err := it.planErr
			if err == nil {
				err = h.write(ctx, it.plan, it.rec)
			}
			if err != nil {
				var ie *ingest.Error
				if !errors.As(err, &ie) || !opt.SkipBadRows {
					return res, err
				}
				c.Rejected++
				if werr := rej.write(ie.Line, ie.Field, ie.Reason, it.rec.Raw); werr != nil {
					return res, werr
				}
				continue
			}
			c.Stored++
		}
	}
	if rej != nil && c.Rejected > 0 {
		if err := rej.close(); err != nil {
			return res, err
		}
		res.RejectsPath = rej.path
	}
	if err := im.Finish(ctx, c, res.RejectsPath); err != nil {
		return res, err
	}
	res.Read, res.Stored, res.Rejected = c.Read, c.Stored, c.Rejected
	res.Seconds = time.Since(start).Seconds()
	if opt.Progress != nil {
		opt.Progress(res.Size, res.Size)
	}
	return res, nil
}

// identify hashes the file that identifies an import and says whether those bytes are
// already recorded (res then reports the no-op). It runs before any parsing, so a
// re-import costs one read of the file.
func identify(ctx context.Context, st *store.Store, path string, res *Result) (abs string, known bool, err error) {
	if abs, err = filepath.Abs(path); err != nil {
		return "", false, err
	}
	if res.SHA256, res.Size, err = hashFile(path); err != nil {
		return "", false, err
	}
	prev, err := st.SourceBySHA(ctx, res.SHA256)
	if err != nil {
		return "", false, err
	}
	if prev != nil {
		res.AlreadyImported, res.Format = true, prev.Format
		return abs, true, nil
	}
	return abs, false, nil
}

// bulk says whether a file of this size is imported in bulk mode.
func (o Options) bulk(size int64) bool {
	limit := o.BulkBytes
	if limit == 0 {
		limit = defaultBulkBytes
	}
	return size > limit
}

func rejectsPath(opt, input string) string {
	if opt != "" {
		return opt
	}
	return filepath.Base(input) + ".rejects.csv"
}

// countingReader reports progress as the reader consumes the file.
type countingReader struct {
	r        io.Reader
	n, total int64
	last     time.Time
	progress func(done, total int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil {
		if now := time.Now(); now.Sub(c.last) > 100*time.Millisecond {
			c.last = now
			c.progress(c.n, c.total)
		}
	}
	return n, err
}

// badField is a located row error for one field.
func badField(file string, line int, field string, err error) *ingest.Error {
	return &ingest.Error{File: file, Line: line, Field: field, Reason: reason(err), Err: err}
}

func reason(err error) string {
	var ie *ingest.Error
	if errors.As(err, &ie) && ie.Reason != "" {
		return ie.Reason
	}
	return err.Error()
}
