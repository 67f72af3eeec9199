package ingest

import "strings"

// Cell is one value from the file together with the column it came from.
type Cell struct {
	Column string // the header as written in the file (for error messages)
	Value  string // trimmed of surrounding space, otherwise exactly as in the file
	// Number is set when the value was a JSON number: its '.' is a decimal
	// point whatever the mapping's "decimal" says (see Record.Amount).
	Number bool
}

// RoleCell is a cell tagged with the role of its column.
type RoleCell struct {
	Role Role
	Cell
}

// Record is one contractor or one payment as read from a file.
type Record struct {
	// Line is the 1-based line where the record starts (for JSON, the line
	// of the object's "{").
	Line int
	// Cells are in column order; a JSON array value gives one cell per
	// element. Ignored columns are absent; empty cells are present.
	Cells []RoleCell
	// Raw is the record as it appeared, for a rejects file: the row's text
	// without its line terminator (quoted line breaks included), or the JSON
	// object's bytes. UTF-16 input is given as UTF-8.
	Raw string
}

// Get returns every value of a role. A cell holding several identifiers
// separated by ';' yields one Cell per identifier, trimmed, empties dropped.
// Free-text roles (names, address parts, payer, beneficiary, reference,
// extras) are not split: a ';' there is punctuation.
func (r *Record) Get(role Role) []Cell {
	var out []Cell
	for i := range r.Cells {
		rc := &r.Cells[i]
		if rc.Role != role {
			continue
		}
		if role.freeText() || strings.IndexByte(rc.Value, ';') < 0 {
			if rc.Value != "" {
				out = append(out, rc.Cell)
			}
			continue
		}
		for rest := rc.Value; rest != ""; {
			var part string
			part, rest, _ = strings.Cut(rest, ";")
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, Cell{Column: rc.Column, Value: part, Number: rc.Number})
			}
		}
	}
	return out
}

// First returns the first non-empty value of a role (split like Get), or "".
func (r *Record) First(role Role) string {
	c, _ := r.FirstCell(role)
	return c.Value
}

// FirstCell is First with the column the value came from; ok is false when
// the record has no non-empty value for the role.
func (r *Record) FirstCell(role Role) (c Cell, ok bool) {
	for i := range r.Cells {
		rc := &r.Cells[i]
		if rc.Role != role || rc.Value == "" {
			continue
		}
		if role.freeText() || strings.IndexByte(rc.Value, ';') < 0 {
			return rc.Cell, true
		}
		for rest := rc.Value; rest != ""; {
			var part string
			part, rest, _ = strings.Cut(rest, ";")
			if part = strings.TrimSpace(part); part != "" {
				return Cell{Column: rc.Column, Value: part, Number: rc.Number}, true
			}
		}
	}
	return Cell{}, false
}

// Amount parses the record's amount in the currency of its currency cell
// (or the one written in the amount itself) and returns it in minor units
// with the currency code ("" when neither says). decimal is the mapping's
// decimal separator (0 when unknown); JSON numbers always use '.'.
func (r *Record) Amount(decimal rune) (minor int64, currency string, err error) {
	c, ok := r.FirstCell(RoleAmount)
	if !ok {
		return 0, "", errEmptyAmount
	}
	if c.Number {
		decimal = '.'
	}
	return ParseMoney(c.Value, r.First(RoleCurrency), decimal)
}
