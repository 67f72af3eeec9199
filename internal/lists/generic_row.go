package lists

import (
	"fmt"
	"strconv"
	"strings"
)

// genRow builds one entry from a data row whose width matches the header.
func genRow(rec []string, cols []genCol, file string, line int, split string, m *GenericMapping) (Entry, error) {
	pos := Position{File: file, Line: line}
	e := Entry{List: m.List, Source: pos}
	hasID := false
	for i, c := range cols {
		if c.field == "ignore" {
			continue
		}
		cell := genClean(rec[i])
		if c.field == "id" {
			hasID = true
		}
		if cell == "" {
			continue
		}
		switch c.field {
		case "id":
			e.ID = cell
		case "name":
			// Lists often give the name in two scripts (氏名, 英語表記): the first is the
			// name, the others are kept as aliases.
			if e.Name == "" {
				e.Name = cell
			} else {
				e.Aliases = append(e.Aliases, Alias{Name: cell, Type: "aka", Quality: "strong", Source: pos})
			}
		case "type":
			if e.Type != "" {
				continue
			}
			t, ok := genType(cell, m)
			if !ok {
				return e, fmt.Errorf("%s:%d: %s: type %q is not in the mapping's type_map", file, line, c.header, cell)
			}
			e.Type = t
		case "listed_on":
			if e.ListedOn == "" {
				e.ListedOn = genDate(cell)
			}
		case "title":
			e.Title = genJoin(e.Title, cell)
		case "remarks":
			e.Remarks = genJoin(e.Remarks, cell)
		default:
			genMulti(&e, c, cell, split, pos)
		}
	}
	if !hasID {
		e.ID = "line-" + strconv.Itoa(line)
	} else if e.ID == "" {
		return e, fmt.Errorf("%s:%d: id: empty", file, line)
	}
	if e.Name == "" {
		return e, fmt.Errorf("%s:%d: name: empty", file, line)
	}
	if e.Type == "" {
		e.Type = m.DefaultType
	}
	return e, nil
}

// genMulti adds the values of a cell that may hold several, split on split.
func genMulti(e *Entry, c genCol, cell, split string, pos Position) {
	for v := range strings.SplitSeq(cell, split) {
		v = genClean(v)
		if v == "" {
			continue
		}
		switch c.field {
		case "alias":
			e.Aliases = append(e.Aliases, Alias{Name: v, Type: "aka", Quality: "strong", Source: pos})
		case "program":
			e.Programs = append(e.Programs, v)
		case "dob":
			e.DOBs = append(e.DOBs, genDate(v))
		case "pob":
			e.POBs = append(e.POBs, v)
		case "nationality":
			e.Nationalities = append(e.Nationalities, v)
		case "address":
			e.Addresses = append(e.Addresses, Address{Street: v, Source: pos})
		case "passport":
			d := genDoc("Passport", v)
			e.Documents = append(e.Documents, d)
		case "document":
			// The header says what the number is ("法人番号", "사업자등록번호").
			e.Documents = append(e.Documents, genDoc(c.header, v))
		case "wallet":
			e.Wallets = append(e.Wallets, genWallet(v))
		case "email":
			e.Emails = append(e.Emails, v)
		case "phone":
			e.Phones = append(e.Phones, v)
		case "website":
			e.Websites = append(e.Websites, v)
		}
	}
}

// genClean trims blanks (including the ideographic space) and treats the dashes
// spreadsheets use for "nothing" as empty.
func genClean(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	switch s {
	case "-", "－", "―", "—", "ー", "‐":
		return ""
	}
	return s
}

// genJoin appends a value to a free-text field.
func genJoin(cur, v string) string {
	if cur == "" {
		return v
	}
	return cur + "; " + v
}

// genType maps a type cell: the type_map first (exact, then case-insensitive),
// then the model's own words.
func genType(cell string, m *GenericMapping) (string, bool) {
	if t, ok := m.TypeMap[cell]; ok {
		return t, true
	}
	for k, t := range m.TypeMap {
		if strings.EqualFold(k, cell) {
			return t, true
		}
	}
	low := strings.ToLower(cell)
	if genTypes[low] {
		return low, true
	}
	return "", false
}

// genDoc reads "number (country)" as the lists write it.
func genDoc(typ, v string) Document {
	d := Document{Type: typ, Number: v}
	if strings.HasSuffix(v, ")") {
		if i := strings.LastIndex(v, "("); i > 0 {
			num := strings.TrimSpace(v[:i])
			if num != "" {
				d.Number = num
				d.Country = strings.TrimSpace(v[i+1 : len(v)-1])
			}
		}
	}
	return d
}

// genWallet reads "XBT 1abc..." or "XBT:1abc..."; a bare address has no ticker.
func genWallet(v string) Wallet {
	if i := strings.IndexAny(v, " :"); i > 0 {
		if addr := strings.TrimSpace(v[i+1:]); addr != "" && !strings.ContainsAny(addr, " ") {
			return Wallet{Ticker: strings.ToUpper(v[:i]), Address: addr}
		}
	}
	return Wallet{Address: v}
}

// genDate returns ISO yyyy-mm-dd for an exact Gregorian date written as
// 1965-04-25, 1965/4/25, 1965.04.25, 1965. 4. 25., 1965年4月25日 or 1965년 4월 25일; anything else
// (partial dates, era years, "circa") is kept as written.
func genDate(s string) string {
	var n [3]int
	k, digits := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if k == 3 || digits == 4 {
				return s
			}
			n[k] = n[k]*10 + int(c-'0')
			digits++
			i++
			continue
		case c == '-' || c == '/' || c == '.' || c == ' ':
			i++
		case genDateUnit(s[i:]):
			i += len("年") // all six unit characters are three bytes in UTF-8
		default:
			return s
		}
		if digits > 0 {
			k++
			digits = 0
		}
	}
	if digits > 0 {
		k++
	}
	y, mo, d := n[0], n[1], n[2]
	if k != 3 || y < 1000 || mo < 1 || mo > 12 || d < 1 || d > genDaysIn(y, mo) {
		return s
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// genDateUnit reports whether s starts with a Japanese or Korean date unit.
func genDateUnit(s string) bool {
	for _, u := range [...]string{"年", "月", "日", "년", "월", "일"} {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

// genDaysIn is the number of days of month mo in year y.
func genDaysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
