package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode/utf8"
)

// Mapping tells the reader how to read a file that auto-detection gets
// wrong. It is a small JSON file (// and /* */ comments allowed):
//
//	{
//	  "columns": {"Correo electrónico": "email", "Tel. (WhatsApp)": "phone", "Notes": "ignore"},
//	  "format": "csv",        // optional: csv | tsv | json | jsonl (default: detected)
//	  "delimiter": ";",       // optional: one character, or "tab" (default: sniffed)
//	  "phone_region": "KR",   // optional: default region for national phone numbers
//	  "date_order": "dmy",    // optional: dmy | mdy | ymd (default: auto, ambiguous dates rejected)
//	  "decimal": ",",         // optional: "." or "," (default: ambiguous amounts rejected)
//	  "lazy_quotes": true     // optional: accept stray " inside CSV fields
//	}
//
// "columns" maps a header, as written in the file, to a role name (see the
// Role constants), "ignore" to drop the column or "extra" to keep it as an
// attribute. A header is matched exactly first, then after the same
// folding auto-detection uses (case, spaces and punctuation ignored).
// Mapped columns override auto-detection; the rest are still detected.
type Mapping struct {
	Path        string          // where the mapping was loaded from, for messages
	Columns     map[string]Role // header as written → role
	Format      string          // "", "csv", "tsv", "json" or "jsonl"
	Delimiter   rune            // 0: sniff from the header line
	PhoneRegion string          // ISO 3166 alpha-2, upper case; read by the importer
	DateOrder   DateOrder
	Decimal     rune // 0, '.' or ','
	LazyQuotes  bool
}

type mappingFile struct {
	Columns     map[string]string `json:"columns"`
	Format      string            `json:"format"`
	Delimiter   string            `json:"delimiter"`
	PhoneRegion string            `json:"phone_region"`
	DateOrder   string            `json:"date_order"`
	Decimal     string            `json:"decimal"`
	LazyQuotes  bool              `json:"lazy_quotes"`
}

// LoadMapping reads and checks a mapping file.
func LoadMapping(path string) (*Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return ParseMapping(data, path)
}

// ParseMapping checks a mapping given as JSON; name is used in messages.
func ParseMapping(data []byte, name string) (*Mapping, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("mapping %s: %s", name, fmt.Sprintf(format, args...))
	}
	if !utf8.Valid(data) {
		return nil, fail("not UTF-8 text")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(stripJSONComments(data)))
	dec.DisallowUnknownFields()
	var f mappingFile
	if err := dec.Decode(&f); err != nil {
		return nil, fail("%v", err)
	}
	if dec.More() {
		return nil, fail("unexpected data after the JSON object")
	}
	m := &Mapping{Path: name, Columns: make(map[string]Role, len(f.Columns))}
	keys := make([]string, 0, len(f.Columns))
	for k := range f.Columns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := strings.ToLower(strings.TrimSpace(f.Columns[k]))
		if !knownRole(v) {
			return nil, fail("column %q: unknown role %q (known: %s, ignore, extra)", k, f.Columns[k], roleList())
		}
		m.Columns[strings.TrimSpace(k)] = Role(v)
	}
	switch v := strings.ToLower(strings.TrimSpace(f.Format)); v {
	case "", "csv", "tsv", "json", "jsonl":
		m.Format = v
	case "ndjson":
		m.Format = "jsonl"
	default:
		return nil, fail("format %q: want csv, tsv, json or jsonl", f.Format)
	}
	switch d := f.Delimiter; {
	case d == "":
		if m.Format == "tsv" {
			m.Delimiter = '\t'
		}
	case strings.EqualFold(d, "tab") || d == `\t`:
		m.Delimiter = '\t'
	case utf8.RuneCountInString(d) == 1 && validDelimiter([]rune(d)[0]):
		m.Delimiter = []rune(d)[0]
	default:
		return nil, fail("delimiter %q: want one character other than a quote or line break", d)
	}
	if r := strings.TrimSpace(f.PhoneRegion); r != "" {
		if len(r) != 2 || !isASCIILetters(r) {
			return nil, fail("phone_region %q: want a two-letter country code such as \"KR\"", r)
		}
		m.PhoneRegion = strings.ToUpper(r)
	}
	order, err := ParseDateOrder(f.DateOrder)
	if err != nil {
		return nil, fail("%v", err)
	}
	m.DateOrder = order
	switch f.Decimal {
	case "":
	case ".", ",":
		m.Decimal = rune(f.Decimal[0])
	default:
		return nil, fail("decimal %q: want \".\" or \",\"", f.Decimal)
	}
	m.LazyQuotes = f.LazyQuotes
	return m, nil
}

func validDelimiter(r rune) bool {
	return r != '"' && r != '\r' && r != '\n' && r != utf8.RuneError && r != 0 && r != '\uFEFF'
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func roleList() string {
	var names []string
	for _, r := range contractorRoles {
		names = append(names, string(r))
	}
	for _, r := range paymentRoles {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// stripJSONComments blanks out // and /* */ comments outside strings, so a
// mapping can carry notes (the documented example does). Blanking instead of
// deleting keeps JSON error offsets meaningful.
func stripJSONComments(data []byte) []byte {
	out := append([]byte(nil), data...)
	inString, escaped := false, false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			out[i], out[i+1] = ' ', ' '
			for i += 2; i < len(out); i++ {
				if out[i] == '*' && i+1 < len(out) && out[i+1] == '/' {
					out[i], out[i+1] = ' ', ' '
					i++
					break
				}
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
		}
	}
	return out
}

// columnLookup resolves headers against a mapping: exact match first, then
// folded.
type columnLookup struct {
	exact  map[string]Role
	folded map[string]Role
	used   map[string]bool
}

func newColumnLookup(m *Mapping) *columnLookup {
	l := &columnLookup{exact: map[string]Role{}, folded: map[string]Role{}, used: map[string]bool{}}
	if m == nil {
		return l
	}
	keys := make([]string, 0, len(m.Columns))
	for k := range m.Columns {
		keys = append(keys, k)
	}
	sort.Strings(keys) // so that folded collisions resolve the same way every run
	for _, k := range keys {
		l.exact[k] = m.Columns[k]
		if n := normalizeHeader(k); l.folded[n] == "" {
			l.folded[n] = m.Columns[k]
		}
	}
	return l
}

func (l *columnLookup) role(header string) (Role, bool) {
	if r, ok := l.exact[header]; ok {
		l.used[normalizeHeader(header)] = true
		return r, true
	}
	n := normalizeHeader(header)
	if r, ok := l.folded[n]; ok && n != "" {
		l.used[n] = true
		return r, true
	}
	return "", false
}

// unused lists mapping keys that matched no column, sorted.
func (l *columnLookup) unused() []string {
	var out []string
	for k := range l.exact {
		if !l.used[normalizeHeader(k)] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
