package lists

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/transform"
)

// genCol is one column of the file as the mapping reads it.
type genCol struct {
	header string
	field  string
}

// ReadGenericCSV reads one spreadsheet list with the mapping m. file names the input
// in errors and in Entry.Source. The first row is the header; every header must be
// mapped (to "ignore" if unwanted) and every mapped header must be present, so that
// a column added or renamed by the publisher is noticed rather than silently dropped.
func ReadGenericCSV(r io.Reader, file string, m *GenericMapping) ([]Entry, error) {
	if m == nil {
		return nil, fmt.Errorf("%s: generic csv: no mapping", file)
	}
	if err := genValidate(m); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	delim, _ := genDelimiter(m.Delimiter)
	split := m.Split
	if split == "" {
		split = ";"
	}

	in, err := genDecoder(r, m.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	cr := csv.NewReader(in)
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // checked here, to report both counts
	cr.LazyQuotes = true    // spreadsheet exports put bare quotes in unquoted cells
	cr.ReuseRecord = true

	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s:1: mapping %s: no header row", file, m.List)
	}
	if err != nil {
		return nil, genCSVErr(file, err)
	}
	cols, err := genHeader(head, file, m)
	if err != nil {
		return nil, err
	}

	var entries []Entry
	seen := make(map[string]int)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, genCSVErr(file, err)
		}
		line, _ := cr.FieldPos(0)
		if genBlank(rec) {
			continue // trailing empty spreadsheet rows
		}
		if len(rec) != len(cols) {
			return nil, fmt.Errorf("%s:%d: %d fields, header has %d", file, line, len(rec), len(cols))
		}
		e, err := genRow(rec, cols, file, line, split, m)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[e.ID]; dup {
			return nil, fmt.Errorf("%s:%d: id: %q already listed on line %d", file, line, e.ID, prev)
		}
		seen[e.ID] = line
		entries = append(entries, e)
	}
	return entries, nil
}

// genDecoder strips a UTF-8 BOM and converts legacy encodings to UTF-8.
func genDecoder(r io.Reader, enc string) (io.Reader, error) {
	switch strings.ToLower(enc) {
	case "shift_jis", "shift-jis", "sjis":
		return transform.NewReader(r, japanese.ShiftJIS.NewDecoder()), nil
	case "euc-kr", "euckr":
		return transform.NewReader(r, korean.EUCKR.NewDecoder()), nil
	}
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	return br, nil
}

// genCSVErr turns an encoding/csv error into file:line form.
func genCSVErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %w", file, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// genHeader matches the header row against the mapping.
func genHeader(head []string, file string, m *GenericMapping) ([]genCol, error) {
	cols := make([]genCol, len(head))
	found := make(map[string]bool, len(head))
	for i, h := range head {
		h = strings.TrimSpace(h)
		if !utf8.ValidString(h) {
			return nil, fmt.Errorf("%s:1: mapping %s: header %d is not valid UTF-8 (set \"encoding\")", file, m.List, i+1)
		}
		cols[i].header = h
		if h == "" {
			cols[i].field = "ignore" // Excel's trailing empty columns
			continue
		}
		f, ok := m.Columns[h]
		if !ok {
			return nil, fmt.Errorf("%s:1: mapping %s: header %q is not mapped (map it, or to \"ignore\")", file, m.List, h)
		}
		cols[i].field = f
		found[h] = true
	}
	var missing []string
	for h := range m.Columns {
		if !found[h] {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing) // the same file gives the same error
		return nil, fmt.Errorf("%s:1: mapping %s: mapped header %q is missing from the file", file, m.List, missing[0])
	}
	return cols, nil
}

// genBlank reports whether every cell of a row is empty.
func genBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
