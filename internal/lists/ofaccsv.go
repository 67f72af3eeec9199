package lists

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// OFACResult is what ReadOFACCSV found in one OFAC legacy CSV set.
type OFACResult struct {
	List    string   // "ofac-sdn" or "ofac-cons"
	Entries []Entry  // in ent_num order
	Orphans []Orphan // add/alt/comment rows whose ent_num has no primary row
	Files   []string // the files read, as opened
}

// Orphan is an add.csv, alt.csv or comments row whose ent_num has no primary row.
// OFAC's files are published separately, so a mismatched set can leave such rows;
// they are kept so that nothing published is silently dropped.
type Orphan struct {
	File   string
	Line   int
	EntNum string
	Kind   string // address | alias | comment
	Text   string
}

// ofacSet names the four files of one OFAC legacy CSV publication.
type ofacSet struct {
	list, prim, add, alt, comments string
}

var ofacSets = [...]ofacSet{
	{"ofac-sdn", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"},
	{"ofac-cons", "cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"},
}

// ReadOFACCSV reads the OFAC legacy CSV set: dir is a folder holding sdn.csv (or
// cons_prim.csv) and optionally add.csv, alt.csv, sdn_comments.csv (cons_add.csv,
// cons_alt.csv, cons_comments.csv). sdn.csv alone works. The list name ("ofac-sdn"
// or "ofac-cons") follows from the file names.
func ReadOFACCSV(dir string) (*OFACResult, error) {
	var set *ofacSet
	for i := range ofacSets {
		if fileExists(filepath.Join(dir, ofacSets[i].prim)) {
			set = &ofacSets[i]
			break
		}
	}
	if set == nil {
		return nil, fmt.Errorf("ofac csv: %s holds neither sdn.csv nor cons_prim.csv", dir)
	}
	res := &OFACResult{List: set.list}

	primPath := filepath.Join(dir, set.prim)
	entries, err := readOFACPrim(primPath, set.list)
	if err != nil {
		return nil, err
	}
	res.Files = append(res.Files, primPath)
	res.Entries = entries

	byID := make(map[string]int, len(entries))
	for i := range entries {
		byID[entries[i].ID] = i
	}

	// Comments first: the overflow must be joined before remarks are parsed.
	parts := []struct {
		name   string
		fields int
		row    func(path string, line int, rec []string)
	}{
		{set.comments, 2, func(path string, line int, rec []string) {
			text := rec[1]
			if isNull(text) {
				return
			}
			if i, ok := byID[rec[0]]; ok {
				// OFAC cuts remarks at 1000 chars mid-token: join with no separator.
				entries[i].Remarks += text
				return
			}
			res.Orphans = append(res.Orphans, Orphan{path, line, rec[0], "comment", text})
		}},
		{set.add, 6, func(path string, line int, rec []string) {
			a := Address{
				Street:  clean(rec[2]),
				City:    clean(rec[3]), // "City, State/Province, Postal Code" as one field
				Country: clean(rec[4]),
				Remarks: clean(rec[5]),
				Source:  Position{path, line},
			}
			if i, ok := byID[rec[0]]; ok {
				entries[i].Addresses = append(entries[i].Addresses, a)
				return
			}
			res.Orphans = append(res.Orphans, Orphan{path, line, rec[0], "address", joinNonEmpty(", ", a.Street, a.City, a.Country, a.Remarks)})
		}},
		{set.alt, 5, func(path string, line int, rec []string) {
			al := Alias{Name: clean(rec[3]), Type: strings.ToLower(clean(rec[2])), Quality: "strong", Source: Position{path, line}}
			if i, ok := byID[rec[0]]; ok {
				entries[i].Aliases = append(entries[i].Aliases, al)
				return
			}
			res.Orphans = append(res.Orphans, Orphan{path, line, rec[0], "alias", al.Name})
		}},
	}
	for _, p := range parts {
		path := filepath.Join(dir, p.name)
		if !fileExists(path) {
			continue
		}
		err := readOFACFile(path, p.fields, func(line int, rec []string) error {
			rec[0] = clean(rec[0])
			p.row(path, line, rec)
			return nil
		})
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, path)
	}

	for i := range entries {
		ParseRemarks(entries[i].Remarks, &entries[i])
	}
	resolveLinks(entries)
	return res, nil
}

// readOFACPrim reads sdn.csv / cons_prim.csv into entries sorted by ent_num.
func readOFACPrim(path, list string) ([]Entry, error) {
	var entries []Entry
	var nums []int
	seen := make(map[string]int)
	sorted := true
	err := readOFACFile(path, 12, func(line int, rec []string) error {
		id := clean(rec[0])
		n, ok := parseEntNum(id)
		if !ok {
			return fmt.Errorf("%s:%d: ent_num %q is not a number", path, line, id)
		}
		if prev, dup := seen[id]; dup {
			return fmt.Errorf("%s:%d: ent_num %s already listed on line %d", path, line, id, prev)
		}
		seen[id] = line
		if len(nums) > 0 && n < nums[len(nums)-1] {
			sorted = false
		}
		nums = append(nums, n)
		e := Entry{
			List:     list,
			ID:       id,
			Type:     ofacType(rec[2]),
			Name:     clean(rec[1]),
			Programs: splitPrograms(rec[3]),
			Title:    clean(rec[4]),
			Remarks:  clean(rec[11]),
			Source:   Position{path, line},
		}
		v := Vessel{CallSign: clean(rec[5]), Type: clean(rec[6]), Tonnage: clean(rec[7]),
			GRT: clean(rec[8]), Flag: clean(rec[9]), Owner: clean(rec[10])}
		if v != (Vessel{}) || e.Type == "vessel" || e.Type == "aircraft" {
			e.Vessel = &v
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !sorted {
		idx := make([]int, len(entries))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return nums[idx[a]] < nums[idx[b]] })
		out := make([]Entry, len(entries))
		for i, j := range idx {
			out[i] = entries[j]
		}
		entries = out
	}
	return entries, nil
}

// parseEntNum accepts only canonical decimal ids (no sign, no leading zero), so
// that each ent_num has one spelling and add/alt rows join by string.
func parseEntNum(s string) (int, bool) {
	if s == "" || len(s) > 9 || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// readOFACFile calls row for every record of an OFAC CSV file with its physical line.
// The record slice is reused between calls; its strings are not.
func readOFACFile(path string, fields int, row func(line int, rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("ofac csv: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // the trailing Ctrl-Z line is a 1-field record
	r.ReuseRecord = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("%s:%d: %w", path, pe.Line, pe.Err)
			}
			return fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.Trim(rec[0], " \t\r\x1a") == "" {
			continue // DOS end-of-file marker (0x1A) line
		}
		if len(rec) != fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", path, line, len(rec), fields)
		}
		if err := row(line, rec); err != nil {
			return err
		}
	}
}

// clean trims a field and maps OFAC's whole-field null marker "-0- " to "".
// "-0-" inside a value (US FEIN CH-217-0-431-423-3) is data and stays.
func clean(s string) string {
	s = strings.Trim(s, " \t\r\n\x1a")
	if s == "-0-" {
		return ""
	}
	return s
}

func isNull(s string) bool { return clean(s) == "" }

func ofacType(s string) string {
	switch t := strings.ToLower(clean(s)); t {
	case "":
		return "organization" // OFAC leaves entities untyped
	case "individual":
		return "person"
	default:
		return t
	}
}

// splitPrograms splits "DPRK3] [DPRK4" (outer brackets missing) into tags.
func splitPrograms(s string) []string {
	s = strings.Trim(clean(s), "[]")
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "] [")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(strings.Trim(p, "[]")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// resolveLinks sets Relation.TargetID by exact case-insensitive name match against
// primary names, then aliases, of the same list. Remarks end with ".", which the
// parser strips, so a name ending in an abbreviation ("S.A. DE C.V.") is tried
// with its dot restored too.
func resolveLinks(entries []Entry) {
	var any bool
	for i := range entries {
		if len(entries[i].Relations) > 0 {
			any = true
			break
		}
	}
	if !any {
		return
	}
	names := make(map[string]string, len(entries)*2)
	for i := range entries {
		if k := strings.ToLower(entries[i].Name); k != "" {
			if _, ok := names[k]; !ok {
				names[k] = entries[i].ID
			}
		}
	}
	for i := range entries {
		for _, a := range entries[i].Aliases {
			if k := strings.ToLower(a.Name); k != "" {
				if _, ok := names[k]; !ok {
					names[k] = entries[i].ID
				}
			}
		}
	}
	for i := range entries {
		for j := range entries[i].Relations {
			r := &entries[i].Relations[j]
			k := strings.ToLower(r.Name)
			if id, ok := names[k]; ok {
				r.TargetID = id
			} else if id, ok := names[k+"."]; ok {
				r.TargetID = id
			}
		}
	}
}
