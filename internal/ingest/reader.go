package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

const (
	bufSize = 64 << 10
	// maxColumns bounds the columns a JSON file may introduce: keys are
	// chosen by the file's author, and Columns() must not grow without end.
	maxColumns = 4096
)

// Reader streams the records of one contractor or payment file.
type Reader struct {
	name   string
	schema Schema
	format string
	count  *countingReader
	src    source
	lookup *columnLookup

	cols     []ColumnInfo
	colIndex map[string]int // JSON key → index in cols

	primed    bool
	primedRec *Record
	primedErr error
	checked   bool  // the required role has been looked for
	fatal     error // sticky: once set, Next returns it

	cellSlab  []RoleCell
	recSlab   []Record
	slabCells int // size of the next cell slab
	slabRecs  int // size of the next record slab
}

// source is one file format's record producer.
type source interface {
	next() (*Record, error)
}

// NewReader starts reading src, a file called name (used in messages), as
// the given schema. m may be nil. It decodes the text (UTF-8 with or without
// BOM; UTF-16 with a BOM, or without one when the NULs of an ASCII header
// give it away), detects the format unless m says it, reads the header (or
// the first JSON object) and checks that the column the schema cannot do
// without is there. Problems with the file are returned as a fatal *Error;
// a mapping that does not fit the schema as a plain error.
func NewReader(src io.Reader, name string, schema Schema, m *Mapping) (*Reader, error) {
	if schema != Contractors && schema != Payments {
		return nil, fmt.Errorf("ingest %s: unknown schema %d", name, int(schema))
	}
	if m != nil {
		keys := make([]string, 0, len(m.Columns))
		for k := range m.Columns {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if role := m.Columns[k]; !schema.allows(role) {
				return nil, fmt.Errorf("mapping %s: column %q: %q is not a role of %s files", m.Path, k, role, schema)
			}
		}
	}
	r := &Reader{name: name, schema: schema, lookup: newColumnLookup(m), count: &countingReader{r: src}}
	text, err := decodeText(bufio.NewReaderSize(r.count, bufSize))
	if err != nil {
		return nil, r.fatalErr(0, "cannot read: "+err.Error(), err)
	}
	format := ""
	if m != nil {
		format = m.Format
	}
	first, err := firstNonSpace(text)
	if err != nil && err != io.EOF {
		return nil, r.fatalErr(0, "cannot read: "+err.Error(), err)
	}
	if format == "" || format == "json" || format == "jsonl" {
		switch {
		case first == '[':
			format = "json"
		case first == '{':
			format = "jsonl"
		case format == "json" || format == "jsonl":
			return nil, r.fatalErr(1, "mapping says JSON but the file does not start with [ or {", nil)
		}
	}
	if format == "json" || format == "jsonl" {
		r.format = format
		r.src = newJSONSource(r, text, format == "json")
		r.prime()
		if r.primedRec != nil {
			if err := r.checkRequired(r.primedRec.Line); err != nil {
				return nil, err
			}
		}
		if e, ok := r.primedErr.(*Error); ok && e.Fatal {
			return nil, e
		}
		return r, nil
	}
	var delim rune
	lazy := false
	if m != nil {
		delim, lazy = m.Delimiter, m.LazyQuotes
		if delim == 0 && format == "tsv" {
			delim = '\t'
		}
	}
	if delim == 0 {
		peek, _ := text.Peek(bufSize)
		delim = sniffDelimiter(peek)
	}
	r.format = "csv"
	if delim == '\t' {
		r.format = "tsv"
	}
	cs, err := newCSVSource(r, text, delim, lazy)
	if err != nil {
		return nil, err
	}
	r.src = cs
	return r, nil
}

// Next returns the next record, io.EOF at the end, or an *Error. A
// non-fatal *Error concerns one skipped record: call Next again.
func (r *Reader) Next() (*Record, error) {
	if r.fatal != nil {
		return nil, r.fatal
	}
	var rec *Record
	var err error
	if r.primed {
		r.primed = false
		rec, err = r.primedRec, r.primedErr
		r.primedRec, r.primedErr = nil, nil
	} else {
		rec, err = r.src.next()
	}
	if err != nil {
		if e, ok := err.(*Error); ok {
			if e.Fatal {
				r.fatal = e
			}
			return nil, e
		}
		if err == io.EOF {
			return nil, io.EOF
		}
		r.fatal = r.fatalErr(0, "cannot read: "+err.Error(), err)
		return nil, r.fatal
	}
	if !r.checked {
		if err := r.checkRequired(rec.Line); err != nil {
			r.fatal = err
			return nil, err
		}
	}
	return rec, nil
}

// Format returns "csv", "tsv", "json" (an array of objects) or "jsonl".
// A CSV whose delimiter is not a comma (";", "|") is still "csv".
func (r *Reader) Format() string { return r.format }

// Columns returns each column and the role it was given. For JSON the list
// grows as new keys appear; it is complete for the records read so far.
func (r *Reader) Columns() []ColumnInfo { return append([]ColumnInfo(nil), r.cols...) }

// UnmatchedMappings lists the mapping's column names that matched no column
// seen so far: usually a typo in the mapping file.
func (r *Reader) UnmatchedMappings() []string { return r.lookup.unused() }

// Offset returns how many bytes of the input have been consumed. It runs
// ahead of the last record by up to the read buffer (64 KiB) and reaches
// the input's size at io.EOF: good for a progress bar.
func (r *Reader) Offset() int64 { return r.count.n }

func (r *Reader) prime() {
	r.primedRec, r.primedErr = r.src.next()
	r.primed = true
}

// checkRequired fails when no column carries the role the schema needs,
// listing what was found so the user can write a mapping.
func (r *Reader) checkRequired(line int) error {
	r.checked = true
	role, what := r.schema.required()
	for _, c := range r.cols {
		if c.Role == role {
			return nil
		}
	}
	var names []string
	for i, c := range r.cols {
		if i == 40 {
			names = append(names, fmt.Sprintf("and %d more", len(r.cols)-i))
			break
		}
		names = append(names, fmt.Sprintf("%q", c.Name))
	}
	found := strings.Join(names, ", ")
	if found == "" {
		found = "none"
	}
	return r.fatalErr(line, fmt.Sprintf(
		"no %s column among the headers found (%s); write a mapping file such as {\"columns\": {\"<header>\": %q}} and pass it with --mapping FILE",
		what, found, string(role)), nil)
}

// column registers a JSON key on first sight and returns its role. Past
// maxColumns keys are still resolved but no longer listed.
func (r *Reader) column(name string) Role {
	if i, ok := r.colIndex[name]; ok {
		return r.cols[i].Role
	}
	role, mapped := r.resolve(name)
	if len(r.cols) >= maxColumns {
		return role
	}
	if r.colIndex == nil {
		r.colIndex = map[string]int{}
	}
	r.colIndex[name] = len(r.cols)
	r.cols = append(r.cols, ColumnInfo{Index: len(r.cols), Name: name, Role: role, Mapped: mapped})
	return role
}

// resolve gives a header its role: the mapping's if it names it, else the
// detected one.
func (r *Reader) resolve(name string) (role Role, mapped bool) {
	if role, ok := r.lookup.role(name); ok {
		return role, true
	}
	return detectRole(r.schema, name), false
}

// newRecord hands out a Record and room for n cells from slabs, so that a
// million-row import costs a handful of allocations per thousand rows
// instead of two per row. Capacities are clipped: appending to one record's
// cells can never overwrite another's.
func (r *Reader) newRecord(line, n int) *Record {
	if len(r.recSlab) == 0 {
		// Slabs start small (a ten-line file should not cost 200 KiB) and
		// grow with the file.
		r.slabRecs = min(max(2*r.slabRecs, 16), 1024)
		r.recSlab = make([]Record, r.slabRecs)
	}
	rec := &r.recSlab[0]
	r.recSlab = r.recSlab[1:]
	if cap(r.cellSlab)-len(r.cellSlab) < n {
		r.slabCells = min(max(2*r.slabCells, 256), 16384)
		r.cellSlab = make([]RoleCell, 0, max(n, r.slabCells))
	}
	l := len(r.cellSlab)
	rec.Line = line
	rec.Cells = r.cellSlab[l : l : l+n]
	r.cellSlab = r.cellSlab[:l+n]
	return rec
}

// maxErrorRaw bounds Error.Raw: an unterminated quote can swallow the rest
// of a file into one rejected "record".
const maxErrorRaw = 64 << 10

func (r *Reader) recordErr(line int, field, reason, raw string) *Error {
	if len(raw) > maxErrorRaw {
		raw = raw[:maxErrorRaw]
	}
	return &Error{File: r.name, Line: line, Field: field, Reason: reason, Raw: raw}
}

func (r *Reader) fatalErr(line int, reason string, err error) *Error {
	return &Error{File: r.name, Line: line, Reason: reason, Err: err, Fatal: true}
}

// decodeText strips a UTF-8 byte order mark, or converts UTF-16 (marked by
// a BOM, or recognisable from the NULs of an ASCII header) to UTF-8.
func decodeText(br *bufio.Reader) (*bufio.Reader, error) {
	head, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, err
	}
	var (
		order unicode.Endianness
		bom   unicode.BOMPolicy
	)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		order, bom = unicode.LittleEndian, unicode.ExpectBOM
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		order, bom = unicode.BigEndian, unicode.ExpectBOM
	case len(head) == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		order, bom = unicode.LittleEndian, unicode.IgnoreBOM
	case len(head) == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		order, bom = unicode.BigEndian, unicode.IgnoreBOM
	default:
		return br, nil
	}
	dec := unicode.UTF16(order, bom).NewDecoder()
	return bufio.NewReaderSize(transform.NewReader(br, dec), bufSize), nil
}

// firstNonSpace peeks at the first byte that is not white space, without
// consuming anything.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for n := 64; ; n *= 2 {
		head, err := br.Peek(min(n, bufSize))
		for _, c := range head {
			if !isSpace(c) {
				return c, nil
			}
		}
		if err != nil || n >= bufSize {
			return 0, err
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// sniffDelimiter picks the delimiter that occurs most often, outside
// quotes, in the first non-blank line. Ties go to tab, then comma, then
// semicolon, then pipe; a line with none of them is a one-column CSV.
func sniffDelimiter(head []byte) rune {
	for len(head) > 0 && isSpace(head[0]) {
		head = head[1:]
	}
	cands := [...]byte{'\t', ',', ';', '|'}
	var counts [len(cands)]int
	inQuote := false
scan:
	for _, c := range head {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\n':
			break scan
		default:
			for i, d := range cands {
				if c == d {
					counts[i]++
				}
			}
		}
	}
	best := 1 // comma
	for i := range cands {
		if counts[i] > counts[best] {
			best = i
		}
	}
	if counts[0] > 0 && counts[0] >= counts[best] {
		best = 0
	}
	return rune(cands[best])
}

// countingReader counts the bytes read from the file, for Offset.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

var errEmptyAmount = errors.New("empty amount")
