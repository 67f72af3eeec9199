package lists

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// GenericMapping says how to read one spreadsheet list whose headers are not known in
// advance (Japan MOF, South Korea MOFA/FSC ...). It is a JSON file in which // and
// /* */ comments are allowed; see samples/lists/README.md.
type GenericMapping struct {
	// List is the list name for Entry.List, e.g. "jp-mof", "kr-mofa" (required).
	List string `json:"list"`
	// Columns maps a header as written to a field: id, name, alias, type, program,
	// listed_on, dob, pob, nationality, address, passport, document, wallet, email,
	// phone, website, remarks, title, ignore. Every header of the file must be mapped.
	Columns map[string]string `json:"columns"`
	// Encoding is "", "utf-8", "shift_jis" or "euc-kr"; "" means UTF-8.
	Encoding string `json:"encoding"`
	// Delimiter is "", ",", ";" or "\t"; "" means ",".
	Delimiter string `json:"delimiter"`
	// Split separates several values in one cell; "" means ";".
	Split string `json:"split"`
	// TypeMap maps a cell of the type column to person|organization|vessel|aircraft.
	TypeMap map[string]string `json:"type_map"`
	// DefaultType is the type of every entry when there is no type column (or the cell is empty).
	DefaultType string `json:"default_type"`
}

// genFields lists the field names a mapping may use.
var genFields = map[string]bool{
	"id": true, "name": true, "alias": true, "type": true, "program": true, "listed_on": true,
	"dob": true, "pob": true, "nationality": true, "address": true, "passport": true,
	"document": true, "wallet": true, "email": true, "phone": true, "website": true,
	"remarks": true, "title": true, "ignore": true,
}

// genTypes lists the entry types of the model.
var genTypes = map[string]bool{"person": true, "organization": true, "vessel": true, "aircraft": true}

// LoadGenericMapping reads and checks a mapping file.
func LoadGenericMapping(path string) (*GenericMapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("generic mapping: %w", err)
	}
	m, err := genParseMapping(data)
	if err != nil {
		return nil, fmt.Errorf("generic mapping %s: %w", path, err)
	}
	return m, nil
}

// genParseMapping decodes a commented JSON mapping and validates it.
func genParseMapping(data []byte) (*GenericMapping, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	clean, err := genStripComments(data)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(clean))
	dec.DisallowUnknownFields() // a misspelt key would otherwise be silently ignored
	var m GenericMapping
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("decode: trailing data after the mapping object")
	}
	if err := genValidate(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// genValidate checks a mapping before any row is read, so a bad mapping fails once
// with its own name rather than on every file.
func genValidate(m *GenericMapping) error {
	name := m.List
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("mapping: \"list\" is required")
	}
	var ids, names int
	for h, f := range m.Columns {
		if !genFields[f] {
			return fmt.Errorf("mapping %s: header %q maps to unknown field %q", name, h, f)
		}
		switch f {
		case "id":
			ids++
		case "name":
			names++
		}
	}
	if names == 0 {
		return fmt.Errorf("mapping %s: no column maps to \"name\"", name)
	}
	if ids > 1 {
		return fmt.Errorf("mapping %s: %d columns map to \"id\", at most one may", name, ids)
	}
	switch strings.ToLower(m.Encoding) {
	case "", "utf-8", "utf8", "shift_jis", "shift-jis", "sjis", "euc-kr", "euckr":
	default:
		return fmt.Errorf("mapping %s: unknown encoding %q (utf-8, shift_jis, euc-kr)", name, m.Encoding)
	}
	if _, err := genDelimiter(m.Delimiter); err != nil {
		return fmt.Errorf("mapping %s: %w", name, err)
	}
	for k, v := range m.TypeMap {
		if !genTypes[v] {
			return fmt.Errorf("mapping %s: type_map %q -> %q: not person|organization|vessel|aircraft", name, k, v)
		}
	}
	if m.DefaultType != "" && !genTypes[m.DefaultType] {
		return fmt.Errorf("mapping %s: default_type %q: not person|organization|vessel|aircraft", name, m.DefaultType)
	}
	return nil
}

// genDelimiter turns the mapping's delimiter into the rune encoding/csv wants.
func genDelimiter(s string) (rune, error) {
	switch s {
	case "", ",":
		return ',', nil
	case ";":
		return ';', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case "|":
		return '|', nil
	}
	return 0, fmt.Errorf("unsupported delimiter %q (\",\", \";\", \"\\t\", \"|\")", s)
}

// genStripComments blanks // and /* */ comments outside JSON strings. Comments are
// replaced by spaces (newlines kept) so decoder offsets still point at the right line.
func genStripComments(in []byte) ([]byte, error) {
	out := make([]byte, len(in))
	copy(out, in)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			if end < 0 {
				return nil, fmt.Errorf("unterminated /* comment")
			}
			stop := i + 2 + end + 2
			for ; i < stop; i++ {
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
			i--
		}
	}
	if !utf8.Valid(out) {
		return nil, fmt.Errorf("mapping is not valid UTF-8")
	}
	return out, nil
}
