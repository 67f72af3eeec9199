package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource reads delimited text (CSV, TSV, semicolon or pipe separated)
// per RFC 4180: quoted fields may hold delimiters, quotes and line breaks.
type csvSource struct {
	r     *Reader
	cr    *csv.Reader
	tee   *teeBuffer
	delim rune
	end   int64 // input offset where the last row read ends
	// roles and names are r.cols flattened for the per-row loop.
	roles []Role
	names []string
}

func newCSVSource(r *Reader, text *bufio.Reader, delim rune, lazy bool) (*csvSource, error) {
	tee := &teeBuffer{r: text}
	cr := csv.NewReader(tee)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // ragged rows are reported by us, with the line
	cr.ReuseRecord = true
	cr.LazyQuotes = lazy
	s := &csvSource{r: r, cr: cr, tee: tee, delim: delim}

	var header []string
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			return nil, r.fatalErr(0, "empty file: no header line", nil)
		}
		if err != nil {
			return nil, s.readErr(err, true)
		}
		s.rawRow()
		if !blankRecord(fields) {
			header = fields
			break
		}
	}
	line, _ := cr.FieldPos(0)
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, r.fatalErr(line, fmt.Sprintf("header of column %d is not valid UTF-8 (is the file in another encoding?)", i+1), nil)
		}
		h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		if h == "" {
			h = fmt.Sprintf("column %d", i+1)
		}
		role, mapped := r.resolve(h)
		r.cols = append(r.cols, ColumnInfo{Index: i, Name: h, Role: role, Mapped: mapped})
		s.roles = append(s.roles, role)
		s.names = append(s.names, h)
	}
	if err := r.checkRequired(line); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *csvSource) next() (*Record, error) {
	for {
		fields, err := s.cr.Read()
		if err != nil {
			return nil, s.readErr(err, false)
		}
		raw := s.rawRow()
		line, _ := s.cr.FieldPos(0)
		if blankRecord(fields) {
			continue
		}
		if len(fields) != len(s.roles) {
			return nil, s.r.recordErr(line, "", fmt.Sprintf("%d fields, but the header has %d", len(fields), len(s.roles)), string(raw))
		}
		if !utf8.Valid(raw) {
			for i, f := range fields {
				if !utf8.ValidString(f) {
					fl, _ := s.cr.FieldPos(i)
					return nil, s.r.recordErr(fl, s.names[i], "invalid UTF-8 (is the file in another encoding?)", string(raw))
				}
			}
		}
		rec := s.r.newRecord(line, len(fields))
		for i, f := range fields {
			if s.roles[i] == RoleIgnore {
				continue
			}
			rec.Cells = append(rec.Cells, RoleCell{Role: s.roles[i], Cell: Cell{Column: s.names[i], Value: strings.TrimSpace(f)}})
		}
		rec.Raw = string(raw)
		return rec, nil
	}
}

// rawRow returns the input bytes of the row just read, without the blank
// lines csv.Reader skipped before it and without its line terminator. The
// slice is valid until the next read.
func (s *csvSource) rawRow() []byte {
	start := s.end
	s.end = s.cr.InputOffset()
	s.tee.release(start)
	raw := s.tee.slice(start, s.end)
	for len(raw) > 0 && (raw[0] == '\r' || raw[0] == '\n') {
		raw = raw[1:]
	}
	raw = bytes.TrimSuffix(raw, []byte{'\n'})
	return bytes.TrimSuffix(raw, []byte{'\r'})
}

// readErr turns an encoding/csv error into an *Error. Syntax errors concern
// one record (csv.Reader resumes after it); anything else ends the file.
func (s *csvSource) readErr(err error, header bool) error {
	if err == io.EOF {
		return io.EOF
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		reason := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			reason += ` (set "lazy_quotes" in a mapping file to accept stray quotes)`
		}
		if pe.Line != pe.StartLine {
			reason = fmt.Sprintf("%s at line %d, column %d", reason, pe.Line, pe.Column)
		} else if pe.Column > 0 {
			reason = fmt.Sprintf("%s at column %d", reason, pe.Column)
		}
		e := s.r.recordErr(pe.StartLine, "", reason, string(s.rawRow()))
		e.Err = err
		e.Fatal = header
		return e
	}
	return s.r.fatalErr(0, "cannot read: "+err.Error(), err)
}

// blankRecord reports a row with nothing in it: a blank or whitespace-only
// line, a row of empty cells (",,,," as spreadsheets write them), or the
// Ctrl-Z end-of-file mark old DOS tools append.
func blankRecord(fields []string) bool {
	for _, f := range fields {
		if f == "" {
			continue
		}
		if strings.TrimFunc(f, func(r rune) bool { return r == 0x1A || r == ' ' || r == '\t' || r == '\r' }) != "" {
			return false
		}
	}
	return true
}

// teeBuffer keeps the bytes csv.Reader has read but whose rows have not
// been handed out yet, so that each record's Raw is its exact text rather
// than a re-encoding (and costs one copy, not a quoting pass per field).
type teeBuffer struct {
	r    io.Reader
	buf  []byte
	base int64 // input offset of buf[0]
}

func (t *teeBuffer) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

func (t *teeBuffer) slice(from, to int64) []byte {
	lo, hi := from-t.base, to-t.base
	if lo < 0 || hi > int64(len(t.buf)) || lo > hi {
		return nil // cannot happen while csv.Reader's offsets are consistent
	}
	return t.buf[lo:hi]
}

// release forgets the bytes before offset, compacting only once they are
// the larger part of the buffer, so that the copying stays linear.
func (t *teeBuffer) release(offset int64) {
	k := offset - t.base
	if k < 64<<10 || k < int64(len(t.buf))/2 {
		return
	}
	n := copy(t.buf, t.buf[k:])
	t.buf = t.buf[:n]
	t.base = offset
}
