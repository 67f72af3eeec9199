package importer

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

// rejects writes rejected rows, with their line and reason, to a CSV file that is
// created on the first rejection (a clean import leaves no empty file behind).
type rejects struct {
	path string
	f    *os.File
	w    *csv.Writer
}

func newRejects(path string) *rejects { return &rejects{path: path} }

func (r *rejects) write(line int, field, reason, raw string) error {
	if r.w == nil {
		f, err := os.Create(r.path)
		if err != nil {
			return fmt.Errorf("rejects file: %w", err)
		}
		r.f, r.w = f, csv.NewWriter(f)
		if err := r.w.Write([]string{"line", "field", "reason", "record"}); err != nil {
			return fmt.Errorf("rejects file %s: %w", r.path, err)
		}
	}
	if err := r.w.Write([]string{strconv.Itoa(line), field, reason, raw}); err != nil {
		return fmt.Errorf("rejects file %s: %w", r.path, err)
	}
	return nil
}

func (r *rejects) close() error {
	if r.w == nil {
		return nil
	}
	r.w.Flush()
	err := r.w.Error()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	r.w = nil
	if err != nil {
		return fmt.Errorf("rejects file %s: %w", r.path, err)
	}
	return nil
}

// discard removes a rejects file left by an import that failed: the database did not
// change, so neither should the record of what it rejected.
func (r *rejects) discard() {
	if r.w != nil {
		r.f.Close()
		os.Remove(r.path)
		r.w = nil
	}
}
