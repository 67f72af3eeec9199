package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func addFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
}

// drain reads a whole input and checks the invariants every reader result
// must hold, whatever the bytes: it ends, lines are positive and never go
// back, cells are trimmed UTF-8, fatal errors are sticky.
func drain(t *testing.T, rd *Reader, limit int, check func(*Record)) {
	t.Helper()
	last := 0
	for i := 0; ; i++ {
		if i > limit {
			t.Fatalf("reader did not end after %d calls", i)
		}
		rec, err := rd.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if ie.Line < 0 || (ie.Line > 0 && ie.Line < last && !ie.Fatal) {
				t.Fatalf("error line %d after line %d: %v", ie.Line, last, ie)
			}
			if ie.Fatal {
				if _, again := rd.Next(); again != err {
					t.Fatalf("fatal error not sticky: %v then %v", err, again)
				}
				return
			}
			last = max(last, ie.Line)
			continue
		}
		if rec.Line < 1 || rec.Line < last {
			t.Fatalf("record line %d after line %d", rec.Line, last)
		}
		last = rec.Line
		for _, c := range rec.Cells {
			if !utf8.ValidString(c.Value) || c.Value != strings.TrimSpace(c.Value) || c.Role == RoleIgnore || c.Role == "" {
				t.Fatalf("bad cell %+v", c)
			}
		}
		check(rec)
	}
}

func FuzzReaderCSV(f *testing.F) {
	addFixtures(f, "*.csv", "*.tsv")
	f.Add([]byte("id,name\n\"FX-1\",\"a\"\"b\"\nFX-2,\"x\ny\"\n"))
	f.Add([]byte("id;name;amount\r\nFX-1;Ann;1.250,00\r\n\x1a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lazy := range []bool{false, true} {
			rd, err := NewReader(bytes.NewReader(data), "fuzz.csv", Contractors, &Mapping{Format: "csv", LazyQuotes: lazy})
			if err != nil {
				var ie *Error
				if !errors.As(err, &ie) || !ie.Fatal {
					t.Fatalf("NewReader error %T %v", err, err)
				}
				continue
			}
			drain(t, rd, len(data)+2, func(rec *Record) {
				// Raw re-reads to the same cells (re-encoding is faithful).
				cr := csv.NewReader(strings.NewReader(rec.Raw))
				cr.FieldsPerRecord = -1
				cr.LazyQuotes = lazy
				cr.Comma = rd.src.(*csvSource).delim
				fields, err := cr.Read()
				if err != nil {
					t.Fatalf("raw %q does not re-read: %v", rec.Raw, err)
				}
				cols := rd.Columns()
				if len(fields) != len(cols) {
					t.Fatalf("raw %q has %d fields, header %d", rec.Raw, len(fields), len(cols))
				}
				k := 0
				for i, f := range fields {
					if cols[i].Role == RoleIgnore {
						continue
					}
					if rec.Cells[k].Value != strings.TrimSpace(f) {
						t.Fatalf("raw %q field %d = %q, cell %q", rec.Raw, i, f, rec.Cells[k].Value)
					}
					k++
				}
			})
		}
	})
}

func FuzzReaderJSON(f *testing.F) {
	addFixtures(f, "*.json", "*.jsonl")
	f.Add([]byte(`[{"id":"FX-1","a":{"b":[1,"x",null,{"c":true}]}}]`))
	f.Add([]byte("{\"id\":\"FX-1\"}\n\n{\"id\":\"FX-2\",\n\"x\":\"\\u00e9\"}\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data), "fuzz.json", Contractors, &Mapping{Format: "json"})
		if err != nil {
			return
		}
		drain(t, rd, len(data)+2, func(rec *Record) {
			if !json.Valid([]byte(rec.Raw)) {
				t.Fatalf("raw is not JSON: %q", rec.Raw)
			}
			// Decoding the raw object again gives the same cells.
			again := &Reader{name: "raw", schema: Contractors, lookup: newColumnLookup(nil)}
			src := newJSONSource(again, bufio.NewReader(strings.NewReader(rec.Raw)), false)
			rec2, err := src.next()
			if err != nil {
				t.Fatalf("raw %q does not re-read: %v", rec.Raw, err)
			}
			if len(rec2.Cells) != len(rec.Cells) {
				t.Fatalf("raw %q: %d cells then %d", rec.Raw, len(rec.Cells), len(rec2.Cells))
			}
			for i := range rec.Cells {
				if rec.Cells[i].Cell != rec2.Cells[i].Cell {
					t.Fatalf("raw %q: cell %+v then %+v", rec.Raw, rec.Cells[i], rec2.Cells[i])
				}
			}
		})
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1,250.00", "1.250,00", "1 250,00", "1'250.00", "-12.5", "(12.50)", "USD 1,250.00",
		"$1,250.00", "€1.250,00", "1250", "12,50", "0.00012345", "1,25,000", "12.50-", ".5"} {
		f.Add(s, "USD", byte(0))
		f.Add(s, "BTC", byte('.'))
		f.Add(s, "", byte(','))
	}
	f.Fuzz(func(t *testing.T, s, currency string, d byte) {
		decimal := rune(0)
		switch d % 3 {
		case 1:
			decimal = '.'
		case 2:
			decimal = ','
		}
		v, code, err := ParseMoney(s, currency, decimal)
		if err != nil {
			return
		}
		out := FormatAmount(v, code)
		back, code2, err := ParseMoney(out, code, '.')
		if err != nil || back != v || code2 != code {
			t.Fatalf("%q (%q) → %d %q → %q → %d %q %v", s, currency, v, code, out, back, code2, err)
		}
		if decimal == 0 {
			// The decimal hint only settles ambiguity: it never changes an
			// amount that was readable without it.
			for _, hint := range []rune{'.', ','} {
				if v2, _, err := ParseMoney(s, currency, hint); err != nil || v2 != v {
					t.Fatalf("%q: %d without hint, %d %v with %q", s, v, v2, err, hint)
				}
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05", "2024-03-05T10:04:00Z", "2024-03-05 10:04:00", "2024/03/05", "20240305",
		"05.03.2024", "5 Mar 2024", "05-Mar-2024", "Mar 5, 2024", "March 5, 2024", "03/05/2024", "5/3/24",
		"2024-03-05T10:04:00.5-07:30", "3/5/2024 12:15 AM"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, o uint8) {
		order := DateOrder(o % 4)
		got, err := ParseDate(s, order)
		if err != nil {
			return
		}
		if got.Year() < 1 || got.Year() > 9999 {
			t.Fatalf("%q → year %d", s, got.Year())
		}
		text := got.Format(time.RFC3339Nano)
		back, err := ParseDate(text, Auto)
		if err != nil || !back.Equal(got) {
			t.Fatalf("%q → %v → %q → %v %v", s, got, text, back, err)
		}
	})
}

// FuzzParseMapping: a mapping file never panics the parser, and a mapping it accepts
// names only known roles.
func FuzzParseMapping(f *testing.F) {
	f.Add([]byte(`{"columns": {"Correo": "email", "Notas": "ignore"}, "delimiter": ";", "date_order": "dmy", "decimal": ","}`))
	f.Add([]byte(`{"columns": {"x": "nonsense"}}`))
	f.Add([]byte(`// comment
{"format": "tsv", /* c */ "phone_region": "kr"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMapping(data, "fuzz.json")
		if err != nil {
			return
		}
		known := map[Role]bool{RoleIgnore: true, RoleExtra: true}
		for _, s := range []Schema{Contractors, Payments} {
			for _, r := range s.Roles() {
				known[r] = true
			}
		}
		for col, r := range m.Columns {
			if !known[r] {
				t.Fatalf("accepted unknown role %q for column %q", r, col)
			}
		}
	})
}
