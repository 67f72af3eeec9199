package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// maxRecordBytes bounds one JSON object: a contractor or a payment is a few
// hundred bytes, and a file that never closes its first brace must not be
// read into memory whole.
const maxRecordBytes = 8 << 20

type jsonState int

const (
	stStart jsonState = iota // array: before "["
	stFirst                  // after "[": an object or "]"
	stNext                   // after an object: "," or "]"
	stElem                   // after ",": an object (or "]": a trailing comma is forgiven)
	stEnd                    // after "]": only white space
)

// jsonSource streams objects out of a JSON array or a JSON Lines file
// without holding more than one object in memory. It finds each object's
// extent itself (tracking strings and nesting) so that it can count lines
// exactly and, in JSON Lines, resume after a broken line; encoding/json then
// decodes the object.
//
// In JSON Lines mode an object may span lines (pretty-printed `jq` output),
// but a "{" in the first column of a line while an object is still open
// means the previous line was truncated: it is reported and reading resumes
// at the new object.
type jsonSource struct {
	r     *Reader
	br    *bufio.Reader
	array bool
	state jsonState
	line  int // line of the next unread byte
	buf   []byte
}

func newJSONSource(r *Reader, br *bufio.Reader, array bool) *jsonSource {
	return &jsonSource{r: r, br: br, array: array, line: 1}
}

func (s *jsonSource) next() (*Record, error) {
	for {
		c, err := s.skipSpace()
		if err == io.EOF {
			if !s.array || s.state == stEnd {
				return nil, io.EOF
			}
			if s.state == stStart {
				return nil, s.r.fatalErr(s.line, "expected a JSON array", nil)
			}
			return nil, s.r.fatalErr(s.line, "unexpected end of file: the JSON array is not closed with ]", nil)
		}
		if err != nil {
			return nil, s.r.fatalErr(s.line, "cannot read: "+err.Error(), err)
		}
		if !s.array {
			if c != '{' {
				line := s.line
				raw := s.skipLine()
				return nil, s.r.recordErr(line, "", "expected a JSON object", raw)
			}
			return s.object()
		}
		switch s.state {
		case stStart:
			if c != '[' {
				return nil, s.r.fatalErr(s.line, fmt.Sprintf("expected a JSON array, found %q", c), nil)
			}
			s.consume(1)
			s.state = stFirst
		case stFirst, stElem:
			if c == ']' {
				s.consume(1)
				s.state = stEnd
				continue
			}
			if c != '{' {
				return nil, s.r.fatalErr(s.line, fmt.Sprintf("array element is not an object (found %q)", c), nil)
			}
			s.state = stNext
			return s.object()
		case stNext:
			switch c {
			case ',':
				s.state = stElem
			case ']':
				s.state = stEnd
			default:
				return nil, s.r.fatalErr(s.line, fmt.Sprintf("expected , or ] after an object, found %q", c), nil)
			}
			s.consume(1)
		case stEnd:
			return nil, s.r.fatalErr(s.line, "unexpected data after the end of the JSON array", nil)
		}
	}
}

// chunk returns the buffered input, filling the buffer if it is empty.
func (s *jsonSource) chunk() ([]byte, error) {
	if s.br.Buffered() == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return nil, err
		}
	}
	b, _ := s.br.Peek(s.br.Buffered())
	return b, nil
}

func (s *jsonSource) consume(n int) { _, _ = s.br.Discard(n) }

// skipSpace consumes white space (and a DOS Ctrl-Z end mark), counting
// lines, and returns the next byte without consuming it.
func (s *jsonSource) skipSpace() (byte, error) {
	for {
		b, err := s.chunk()
		if err != nil {
			return 0, err
		}
		for i, c := range b {
			switch c {
			case '\n':
				s.line++
			case ' ', '\t', '\r', 0x1A:
			default:
				s.consume(i)
				return c, nil
			}
		}
		s.consume(len(b))
	}
}

// skipLine consumes the rest of the current line (bounded) and returns it.
func (s *jsonSource) skipLine() string {
	var kept []byte
	for {
		b, err := s.chunk()
		if err != nil {
			return string(kept)
		}
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			kept = appendBounded(kept, b[:i])
			s.consume(i + 1)
			s.line++
			return string(kept)
		}
		kept = appendBounded(kept, b)
		s.consume(len(b))
	}
}

func appendBounded(dst, src []byte) []byte {
	if room := 4096 - len(dst); room < len(src) {
		src = src[:max(room, 0)]
	}
	return append(dst, src...)
}

// object reads one object, starting at its "{", and decodes it.
func (s *jsonSource) object() (*Record, error) {
	start := s.line
	s.buf = s.buf[:0]
	depth, inStr, esc, lineStart := 0, false, false, false
	for {
		b, err := s.chunk()
		if err != nil {
			if err != io.EOF {
				return nil, s.r.fatalErr(s.line, "cannot read: "+err.Error(), err)
			}
			const reason = "unterminated JSON object (unexpected end of file)"
			if s.array {
				return nil, s.r.fatalErr(start, reason, nil)
			}
			return nil, s.r.recordErr(start, "", reason, string(s.buf))
		}
		for i, c := range b {
			if inStr {
				switch {
				case esc:
					esc = false
				case c == '\\':
					esc = true
				case c == '"':
					inStr = false
				case c == '\n':
					s.take(b, i+1)
					s.line++
					const reason = "unterminated string (a line break inside a JSON string)"
					if s.array {
						return nil, s.r.fatalErr(start, reason, nil)
					}
					return nil, s.r.recordErr(start, "", reason, string(s.buf))
				}
				continue
			}
			if lineStart && c == '{' && !s.array {
				s.take(b, i)
				return nil, s.r.recordErr(start, "", fmt.Sprintf("unterminated JSON object (a new object starts on line %d)", s.line), string(s.buf))
			}
			lineStart = false
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.take(b, i+1)
					return s.decode(start)
				}
			case '\n':
				s.line++
				lineStart = true
			}
		}
		s.take(b, len(b))
		if len(s.buf) > maxRecordBytes {
			return nil, s.r.fatalErr(start, fmt.Sprintf("JSON object larger than %d MiB", maxRecordBytes>>20), nil)
		}
	}
}

func (s *jsonSource) take(b []byte, n int) {
	s.buf = append(s.buf, b[:n]...)
	s.consume(n)
}

// decode turns the object in s.buf into a record.
func (s *jsonSource) decode(start int) (*Record, error) {
	raw := s.buf
	rawStr := string(raw)
	valid := utf8.Valid(raw)
	lineAt := func(off int64) int {
		if off < 0 || off > int64(len(raw)) {
			return start
		}
		return start + bytes.Count(raw[:off], []byte{'\n'})
	}
	syntax := func(err error) error {
		line := start
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = lineAt(se.Offset)
		}
		e := s.r.recordErr(line, "", "invalid JSON: "+strings.TrimPrefix(err.Error(), "json: "), rawStr)
		e.Err = err
		return e
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil {
		return nil, syntax(err)
	}
	cells := make([]RoleCell, 0, 16)
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key, _ := t.(string)
		key = strings.TrimSpace(key)
		off := dec.InputOffset()
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, syntax(err)
		}
		if !valid && !utf8.Valid(v) {
			return nil, s.r.recordErr(lineAt(off), key, "invalid UTF-8 (is the file in another encoding?)", rawStr)
		}
		if err := s.add(&cells, key, v, true); err != nil {
			return nil, syntax(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntax(err)
	}
	if !valid {
		return nil, s.r.recordErr(start, "", "invalid UTF-8 in a key (is the file in another encoding?)", rawStr)
	}
	rec := s.r.newRecord(start, 0)
	rec.Cells = cells
	rec.Raw = rawStr
	return rec, nil
}

// add appends the cells of one value. Scalars become one cell; arrays one
// cell per element; objects at the top level are flattened one level into
// "parent.child" keys; anything nested deeper is kept as compact JSON text.
func (s *jsonSource) add(cells *[]RoleCell, key string, v []byte, top bool) error {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return nil
	}
	switch v[0] {
	case '"':
		var str string
		if err := json.Unmarshal(v, &str); err != nil {
			return err
		}
		s.cell(cells, key, strings.TrimSpace(str), false)
	case '{':
		if !top {
			return s.compact(cells, key, v)
		}
		if role, ok := s.r.lookup.role(key); ok {
			if role == RoleIgnore {
				return nil // ignoring "address" ignores "address.city" too
			}
			return s.compact(cells, key, v) // the mapping wants the object as one value
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.UseNumber()
		if _, err := dec.Token(); err != nil {
			return err
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return err
			}
			child, _ := t.(string)
			var cv json.RawMessage
			if err := dec.Decode(&cv); err != nil {
				return err
			}
			if err := s.add(cells, key+"."+strings.TrimSpace(child), cv, false); err != nil {
				return err
			}
		}
	case '[':
		var elems []json.RawMessage
		if err := json.Unmarshal(v, &elems); err != nil {
			return err
		}
		if len(elems) == 0 {
			s.r.column(key) // still a column the file has
		}
		for _, e := range elems {
			e = bytes.TrimSpace(e)
			if len(e) > 0 && (e[0] == '{' || e[0] == '[') {
				if err := s.compact(cells, key, e); err != nil {
					return err
				}
				continue
			}
			if err := s.add(cells, key, e, false); err != nil {
				return err
			}
		}
	case 'n':
		s.cell(cells, key, "", false)
	case 't', 'f':
		s.cell(cells, key, string(v), false)
	default:
		s.cell(cells, key, string(v), true)
	}
	return nil
}

func (s *jsonSource) compact(cells *[]RoleCell, key string, v []byte) error {
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		return err
	}
	s.cell(cells, key, b.String(), false)
	return nil
}

func (s *jsonSource) cell(cells *[]RoleCell, key, value string, number bool) {
	role := s.r.column(key)
	if role == RoleIgnore {
		return
	}
	*cells = append(*cells, RoleCell{Role: role, Cell: Cell{Column: key, Value: value, Number: number}})
}
