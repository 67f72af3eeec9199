package lists

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// FtMRecord is one FollowTheMoney entity read from an OpenSanctions export or
// delta stream. Every entity yields a record, whatever its schema, so that
// Address, Sanction and link entities stay visible to the importer.
type FtMRecord struct {
	Op     string // "" for a plain export; ADD, MOD or DEL in a delta stream
	Entity Entry  // Type is "" for schemata that are not a designated party
	Schema string // FtM schema as published: Person, Company, Sanction, Ownership, ...
	Line   int    // line of the file the entity (or its enclosing entity) is on
}

// ftmMaxLine bounds one JSON line: targets.nested.json lines of heavily linked
// entities run to a few megabytes, and an adversarial file must not exhaust memory.
const ftmMaxLine = 64 << 20

// ftmMaxDepth bounds JSON nesting: nested entities are decoded recursively, and
// a hostile line of nested brackets must not exhaust the stack.
const ftmMaxDepth = 64

// ReadFtM streams FtM JSON lines (entities.ftm.json / targets.nested.json) or a
// delta stream ({"op": "ADD"|"MOD"|"DEL", "entity": {...}}), calling fn for each
// entity in file order; entities nested inside properties follow their parent.
//
// Cross-entity facts are attached before fn sees a party: Sanction programmes
// and listing dates, Ownership/Directorship/Family/... relations on their
// subject, Address entities referenced by addressEntity, CryptoWallet and
// Passport holders. That needs the whole file in memory; ReadFtMStream does not.
// An error from fn stops the read and is returned as is.
func ReadFtM(r io.Reader, file string, fn func(FtMRecord) error) error {
	var recs []FtMRecord
	var addrRefs [][]string
	err := ftmScan(r, file, func(rec *FtMRecord, refs []string) error {
		recs = append(recs, *rec)
		addrRefs = append(addrRefs, refs)
		return nil
	})
	if err != nil {
		return err
	}
	ftmLink(recs, addrRefs)
	for i := range recs {
		if err := fn(recs[i]); err != nil {
			return err
		}
	}
	return nil
}

// ReadFtMStream is ReadFtM without cross-entity attachment: memory stays bounded
// by one line, for full OpenSanctions exports of millions of entities. The link
// entities are still returned, so the importer can draw the edges itself.
func ReadFtMStream(r io.Reader, file string, fn func(FtMRecord) error) error {
	return ftmScan(r, file, func(rec *FtMRecord, _ []string) error { return fn(*rec) })
}

// ftmEmitFunc receives each mapped entity with the Address entity ids it references.
type ftmEmitFunc func(rec *FtMRecord, addrRefs []string) error

func ftmScan(r io.Reader, file string, fn ftmEmitFunc) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var buf []byte
	for line := 1; ; line++ {
		b, err := ftmReadLine(br, &buf)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s:%d: %w", file, line, err)
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(b)) > 0 {
			if perr := ftmParseLine(b, file, line, fn); perr != nil {
				return perr
			}
		}
		if err != nil {
			return nil
		}
	}
}

// ftmReadLine returns the next line without its newline, reusing *buf; io.EOF
// comes with the last (possibly empty) line.
func ftmReadLine(br *bufio.Reader, buf *[]byte) ([]byte, error) {
	*buf = (*buf)[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		*buf = append(*buf, chunk...)
		if len(*buf) > ftmMaxLine {
			return nil, fmt.Errorf("line longer than %d bytes", ftmMaxLine)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		b := bytes.TrimSuffix(*buf, []byte("\n"))
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read: %w", err)
		}
		return b, err
	}
}

// ftmEntity is the JSON shape of one FtM entity.
type ftmEntity struct {
	ID         string               `json:"id"`
	Caption    string               `json:"caption"`
	Schema     string               `json:"schema"`
	Properties map[string]ftmValues `json:"properties"`
	FirstSeen  string               `json:"first_seen"`
}

// ftmLine is a line of an export (the entity itself) or of a delta stream.
type ftmLine struct {
	ftmEntity
	Op     string     `json:"op"`
	Entity *ftmEntity `json:"entity"`
}

// ftmValue is one property value: a string, or an entity embedded in its place
// by targets.nested.json.
type ftmValue struct {
	s      string
	nested *ftmEntity
}

// ftmValues is a property's value array. A bare string is taken as a one-value
// array and null as none; numbers and booleans are kept as written.
type ftmValues []ftmValue

// UnmarshalJSON decodes a property array leniently: the spec says arrays of
// strings, but the nested export puts objects there and hostile files anything.
func (v *ftmValues) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	if b[0] != '[' {
		one, err := ftmDecodeValue(b)
		if err == nil && (one.s != "" || one.nested != nil) {
			*v = ftmValues{one}
		}
		return err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(b, &raws); err != nil {
		return err
	}
	out := make(ftmValues, 0, len(raws))
	for _, raw := range raws {
		one, err := ftmDecodeValue(raw)
		if err != nil {
			return err
		}
		if one.s != "" || one.nested != nil {
			out = append(out, one)
		}
	}
	*v = out
	return nil
}

func ftmDecodeValue(raw []byte) (ftmValue, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ftmValue{}, nil
	}
	switch raw[0] {
	case '"':
		// Most values have no escapes: skip a second decode of the string.
		if len(raw) >= 2 {
			if in := raw[1 : len(raw)-1]; bytes.IndexByte(in, '\\') < 0 && utf8.Valid(in) {
				return ftmValue{s: strings.TrimSpace(string(in))}, nil
			}
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return ftmValue{s: strings.TrimSpace(s)}, err
	case '{':
		var e ftmEntity
		if err := json.Unmarshal(raw, &e); err != nil {
			return ftmValue{}, err
		}
		if e.ID == "" {
			return ftmValue{}, errors.New("nested entity has no id")
		}
		return ftmValue{nested: &e}, nil
	case 'n', '[':
		return ftmValue{}, nil // null, or an array where a value belongs: nothing usable
	default:
		return ftmValue{s: string(raw)}, nil // number or boolean
	}
}

// ftmCheckDepth rejects lines nested deeper than ftmMaxDepth before decoding.
func ftmCheckDepth(b []byte) error {
	depth, inStr, esc := 0, false, false
	for _, c := range b {
		switch {
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
			if depth > ftmMaxDepth {
				return fmt.Errorf("JSON nested deeper than %d levels", ftmMaxDepth)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

func ftmParseLine(b []byte, file string, line int, fn ftmEmitFunc) error {
	if err := ftmCheckDepth(b); err != nil {
		return fmt.Errorf("%s:%d: %w", file, line, err)
	}
	if i := bytes.IndexFunc(b, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' }); i >= 0 && b[i] != '{' {
		return fmt.Errorf("%s:%d: not a JSON object", file, line)
	}
	var l ftmLine
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("%s:%d: invalid JSON: %w", file, line, err)
	}
	ent := &l.ftmEntity
	switch l.Op {
	case "":
		if l.Entity != nil {
			return fmt.Errorf("%s:%d: entity wrapper without op", file, line)
		}
	case "ADD", "MOD", "DEL":
		if l.Entity == nil {
			return fmt.Errorf("%s:%d: %s without entity", file, line, l.Op)
		}
		ent = l.Entity
	default:
		return fmt.Errorf("%s:%d: unknown delta op %q", file, line, l.Op)
	}
	if ent.ID == "" {
		return fmt.Errorf("%s:%d: entity has no id", file, line)
	}
	return ftmEmit(ent, "", l.Op, file, line, fn)
}

// ftmEmit maps ent and then, depth first, the entities nested in its properties.
// parentID names the entity ent was nested in, for the back-reference the
// nested export leaves out.
func ftmEmit(ent *ftmEntity, parentID, op, file string, line int, fn ftmEmitFunc) error {
	rec := FtMRecord{Op: op, Schema: ent.Schema, Line: line}
	ftmMap(ent, parentID, &rec.Entity, Position{File: file, Line: line})
	var refs []string
	for _, v := range ent.Properties["addressEntity"] {
		switch {
		case v.nested != nil:
			refs = append(refs, v.nested.ID)
		case v.s != "":
			refs = append(refs, v.s)
		}
	}
	if err := fn(&rec, refs); err != nil {
		return err
	}
	var props []string
	for prop, vals := range ent.Properties {
		for _, v := range vals {
			if v.nested != nil {
				props = append(props, prop)
				break
			}
		}
	}
	slices.Sort(props) // map order is random; output order must not be
	for _, prop := range props {
		for _, v := range ent.Properties[prop] {
			if v.nested != nil {
				if err := ftmEmit(v.nested, ent.ID, op, file, line, fn); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
