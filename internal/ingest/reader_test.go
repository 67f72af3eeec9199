package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readResult is everything a reader produced for one input, in order.
type readResult struct {
	recs []*Record
	errs []*Error
	rd   *Reader
}

func readAll(t *testing.T, data []byte, name string, schema Schema, m *Mapping) readResult {
	t.Helper()
	rd, err := NewReader(bytes.NewReader(data), name, schema, m)
	if err != nil {
		t.Fatalf("NewReader(%s): %v", name, err)
	}
	res := readResult{rd: rd}
	for i := 0; ; i++ {
		if i > 1000000 {
			t.Fatalf("%s: reader does not end", name)
		}
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var ie *Error
		if errors.As(err, &ie) {
			res.errs = append(res.errs, ie)
			if ie.Fatal {
				break
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: unexpected error type %T: %v", name, err, err)
		}
		res.recs = append(res.recs, rec)
	}
	return res
}

func readFile(t *testing.T, path string, schema Schema, m *Mapping) readResult {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, data, filepath.Base(path), schema, m)
}

func lines(recs []*Record) []int {
	out := make([]int, len(recs))
	for i, r := range recs {
		out[i] = r.Line
	}
	return out
}

func TestReaderDecodesUTF8WithBOMAndDetectsHeaders(t *testing.T) {
	res := readFile(t, "testdata/contractors-bom.csv", Contractors, nil)
	if len(res.errs) != 0 {
		t.Fatalf("errors: %v", res.errs)
	}
	if res.rd.Format() != "csv" {
		t.Errorf("format %q", res.rd.Format())
	}
	wantRoles := []Role{RoleID, RoleName, RoleEmail, RolePhone, RoleCountry}
	for i, c := range res.rd.Columns() {
		if c.Role != wantRoles[i] || c.Mapped {
			t.Errorf("column %d %q: role %q mapped=%v, want %q", i, c.Name, c.Role, c.Mapped, wantRoles[i])
		}
	}
	if got := res.rd.Columns()[0].Name; got != "Freelancer ID" {
		t.Errorf("first header %q: the BOM must not stick to it", got)
	}
	if !reflect.DeepEqual(lines(res.recs), []int{2, 3}) {
		t.Errorf("lines %v", lines(res.recs))
	}
	second := res.recs[1]
	if got := second.First(RoleName); got != "Müller, Anna" {
		t.Errorf("name %q", got)
	}
	emails := second.Get(RoleEmail)
	if len(emails) != 2 || emails[0].Value != "anna@example.de" || emails[1].Value != "a.mueller@example.de" ||
		emails[1].Column != "E-mail Address" {
		t.Errorf("emails %+v", emails)
	}
	if second.Raw != `FX-0002,"Müller, Anna",anna@example.de; a.mueller@example.de,+49 30 12345678,DE` {
		t.Errorf("raw %q", second.Raw)
	}
	if res.rd.Offset() != int64(len(mustRead(t, "testdata/contractors-bom.csv"))) {
		t.Errorf("offset %d at EOF", res.rd.Offset())
	}
}

func TestReaderDecodesUTF16LETSVFromExcel(t *testing.T) {
	res := readFile(t, "testdata/contractors-utf16le.tsv", Contractors, nil)
	if len(res.errs) != 0 {
		t.Fatalf("errors: %v", res.errs)
	}
	if res.rd.Format() != "tsv" {
		t.Errorf("format %q", res.rd.Format())
	}
	if len(res.recs) != 2 || !reflect.DeepEqual(lines(res.recs), []int{2, 3}) {
		t.Fatalf("records at lines %v", lines(res.recs))
	}
	r := res.recs[0]
	if r.First(RoleID) != "FX-0101" || r.First(RoleCity) != "서울" || r.First(RolePhone) != "010-2345-6789" {
		t.Errorf("record %+v", r.Cells)
	}
	if got := res.recs[1].First(RoleName); got != `Lee "Sunny" Seo-yeon` {
		t.Errorf("quoted name %q", got)
	}
}

func TestReaderDecodesUTF16WithoutBOM(t *testing.T) {
	text := "id\tname\r\nFX-1\tAnn\r\n"
	var le, be []byte
	for _, r := range text {
		le = append(le, byte(r), 0)
		be = append(be, 0, byte(r))
	}
	for name, data := range map[string][]byte{"le.tsv": le, "be.tsv": be} {
		res := readAll(t, data, name, Contractors, nil)
		if len(res.recs) != 1 || res.recs[0].First(RoleName) != "Ann" {
			t.Errorf("%s: records %+v errors %v", name, res.recs, res.errs)
		}
	}
}

func TestReaderReadsSemicolonCSVFromEuropeanExcel(t *testing.T) {
	res := readFile(t, "testdata/payments-semicolon.csv", Payments, nil)
	if len(res.errs) != 0 || len(res.recs) != 2 {
		t.Fatalf("records %d errors %v", len(res.recs), res.errs)
	}
	r := res.recs[0]
	checks := map[Role]string{
		RolePaymentID: "P-1", RoleDate: "05.03.2024", RoleContractor: "FX-0001", RolePayer: "Northwind GmbH",
		RolePayeeAccount: "DE89 3704 0044 0532 0130 00", RoleAmount: "1.250,00", RoleCurrency: "EUR",
		RoleReference: "Rechnung 12",
	}
	for role, want := range checks {
		if got := r.First(role); got != want {
			t.Errorf("%s = %q, want %q", role, got, want)
		}
	}
	minor, cur, err := res.recs[1].Amount(',')
	if err != nil || minor != 9950 || cur != "EUR" {
		t.Errorf("Amount = %d %q %v", minor, cur, err)
	}
	// A reference is prose: its ';' is not a list separator.
	if got := res.recs[1].Get(RoleReference); len(got) != 1 || got[0].Value != "Teil 1; Teil 2" {
		t.Errorf("reference %+v", got)
	}
	if !strings.Contains(res.recs[1].Raw, `;"Teil 1; Teil 2"`) {
		t.Errorf("raw must re-quote fields holding the delimiter: %q", res.recs[1].Raw)
	}
}

func TestReaderKeepsLineNumbersAcrossQuotedNewlines(t *testing.T) {
	res := readFile(t, "testdata/quoted-newlines.csv", Contractors, nil)
	if len(res.errs) != 0 {
		t.Fatalf("errors: %v", res.errs)
	}
	if want := []int{2, 5, 6, 10}; !reflect.DeepEqual(lines(res.recs), want) {
		t.Fatalf("lines %v, want %v", lines(res.recs), want)
	}
	if got := res.recs[0].First(RoleAddress); got != "1 Main St\nApt 4\nSpringfield" {
		t.Errorf("address %q", got)
	}
	if got := res.recs[2].First(RoleName); got != "Cho\r\nKim" && got != "Cho\nKim" {
		t.Errorf("name %q", got)
	}
}

func TestReaderReportsRaggedRowsAndContinues(t *testing.T) {
	res := readFile(t, "testdata/ragged.csv", Contractors, nil)
	if want := []int{2, 5}; !reflect.DeepEqual(lines(res.recs), want) {
		t.Errorf("good records at %v, want %v", lines(res.recs), want)
	}
	if len(res.errs) != 2 {
		t.Fatalf("errors %v", res.errs)
	}
	if got := res.errs[0].Error(); got != "ragged.csv:3: 2 fields, but the header has 3" {
		t.Errorf("error %q", got)
	}
	if res.errs[0].Raw != "FX-2,Bob" || res.errs[0].Fatal {
		t.Errorf("raw %q fatal %v", res.errs[0].Raw, res.errs[0].Fatal)
	}
	if res.errs[1].Line != 4 {
		t.Errorf("second error at line %d", res.errs[1].Line)
	}
}

func TestReaderReportsInvalidUTF8WithLineAndField(t *testing.T) {
	res := readFile(t, "testdata/invalid-utf8.csv", Contractors, nil)
	if len(res.recs) != 2 || len(res.errs) != 1 {
		t.Fatalf("records %d errors %v", len(res.recs), res.errs)
	}
	want := `invalid-utf8.csv:3: field "name": invalid UTF-8 (is the file in another encoding?)`
	if got := res.errs[0].Error(); got != want {
		t.Errorf("error %q, want %q", got, want)
	}
}

func TestReaderIgnoresCtrlZTrailerAndBlankRows(t *testing.T) {
	res := readFile(t, "testdata/ctrlz.csv", Contractors, nil)
	if len(res.errs) != 0 || len(res.recs) != 2 {
		t.Fatalf("records %d errors %v", len(res.recs), res.errs)
	}
	res = readAll(t, []byte("id,name,email\nFX-1,Ann,a@x.io\n,,\n  \n\nFX-2,Bob,b@x.io\n,,\n"), "blank.csv", Contractors, nil)
	if len(res.errs) != 0 || !reflect.DeepEqual(lines(res.recs), []int{2, 6}) {
		t.Fatalf("records at %v errors %v", lines(res.recs), res.errs)
	}
}

func TestReaderReportsQuoteErrorsAndResumes(t *testing.T) {
	data := "id,name\nFX-1,Ann\nFX-2,Bo\"b\nFX-3,\"Cho\" x\nFX-4,Dee\n"
	res := readAll(t, []byte(data), "q.csv", Contractors, nil)
	if !reflect.DeepEqual(lines(res.recs), []int{2, 5}) || len(res.errs) != 2 {
		t.Fatalf("records at %v errors %v", lines(res.recs), res.errs)
	}
	if res.errs[0].Line != 3 || !strings.Contains(res.errs[0].Reason, "bare \"") {
		t.Errorf("error %v", res.errs[0])
	}
	lazy := readAll(t, []byte("id,name\nFX-1,Ann\nFX-2,Bo\"b\nFX-3,Cho\n"), "q.csv", Contractors, &Mapping{LazyQuotes: true})
	if len(lazy.recs) != 3 || lazy.recs[1].First(RoleName) != `Bo"b` {
		t.Errorf("lazy quotes: records %d errors %v", len(lazy.recs), lazy.errs)
	}
}

func TestReaderUnterminatedQuoteIsOneRejectNotAHang(t *testing.T) {
	res := readAll(t, []byte("id,name\nFX-1,Ann\nFX-2,\"Bob\nFX-3,Cho\n"), "u.csv", Contractors, nil)
	if len(res.recs) != 1 || len(res.errs) != 1 || res.errs[0].Line != 3 {
		t.Fatalf("records %d errors %v", len(res.recs), res.errs)
	}
}

func TestReaderRequiresAnIDOrAmountColumn(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		schema Schema
		want   string
	}{
		{"c.csv", "Nombre,Correo\nAna,ana@x.es\n", Contractors,
			`c.csv:1: no contractor ID column among the headers found ("Nombre", "Correo"); write a mapping file such as {"columns": {"<header>": "id"}}`},
		{"p.csv", "\n\nid,date\nP-1,2024-01-01\n", Payments, `p.csv:3: no amount column among the headers found ("id", "date")`},
		{"p.jsonl", "\n{\"id\": \"P-1\", \"date\": \"2024-01-01\"}\n", Payments, `p.jsonl:2: no amount column`},
		{"e.csv", "", Contractors, "e.csv: empty file"},
		{"e2.csv", "\r\n \r\n", Contractors, "e2.csv: empty file"},
	}
	for _, tt := range tests {
		_, err := NewReader(strings.NewReader(tt.data), tt.name, tt.schema, nil)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want prefix %q", tt.name, err, tt.want)
		}
	}
}

func TestReaderAppliesMappingOverAutoDetection(t *testing.T) {
	m, err := ParseMapping([]byte(`{
		// Spanish export
		"columns": {"Código": "id", "Correo electrónico": "email", "Tel. (WhatsApp)": "phone",
		            "Email": "extra", "Notas": "ignore", "NO SUCH COLUMN": "city"},
		"delimiter": ";"
	}`), "es.json")
	if err != nil {
		t.Fatal(err)
	}
	data := "Código;Correo electrónico;tel (whatsapp);Email;Notas;Teléfono\nFX-1;ana@x.es;+34 600 000 000;old@x.es;secret;x\n"
	res := readAll(t, []byte(data), "es.csv", Contractors, m)
	if len(res.recs) != 1 {
		t.Fatalf("errors %v", res.errs)
	}
	r := res.recs[0]
	if r.First(RoleID) != "FX-1" || r.First(RoleEmail) != "ana@x.es" || r.First(RolePhone) != "+34 600 000 000" {
		t.Errorf("cells %+v", r.Cells)
	}
	for _, c := range r.Cells {
		if c.Column == "Notas" {
			t.Errorf("ignored column kept: %+v", c)
		}
	}
	if got := r.Get(RoleExtra); len(got) != 2 || got[0].Column != "Email" || got[1].Column != "Teléfono" {
		t.Errorf("extras %+v", got)
	}
	cols := res.rd.Columns()
	if !cols[2].Mapped || cols[2].Role != RolePhone {
		t.Errorf("folded mapping match: %+v", cols[2])
	}
	if got := res.rd.UnmatchedMappings(); !reflect.DeepEqual(got, []string{"NO SUCH COLUMN"}) {
		t.Errorf("unmatched %v", got)
	}
}

func TestReaderRejectsMappingRolesOfTheOtherSchema(t *testing.T) {
	m := &Mapping{Path: "m.json", Columns: map[string]Role{"Amount": RoleAmount}}
	_, err := NewReader(strings.NewReader("id,Amount\n"), "c.csv", Contractors, m)
	if err == nil || !strings.Contains(err.Error(), `mapping m.json: column "Amount": "amount" is not a role of contractors files`) {
		t.Fatalf("error %v", err)
	}
}

func TestReaderFormatOverrideAndSniffing(t *testing.T) {
	tests := []struct {
		data       string
		m          *Mapping
		wantFormat string
		wantName   string
	}{
		{"id,name\nFX-1,Ann\n", nil, "csv", "Ann"},
		{"id\tname\nFX-1\tAnn, Jr\n", nil, "tsv", "Ann, Jr"},
		{"id|name\nFX-1|Ann\n", nil, "csv", "Ann"},
		{"id;name\nFX-1;Ann, Jr\n", nil, "csv", "Ann, Jr"},
		{"\"id;x\",name\nFX-1,Ann\n", &Mapping{Columns: map[string]Role{"id;x": RoleID}}, "csv", "Ann"},
		{"id;name\nFX-1;Ann\n", &Mapping{Format: "tsv", Delimiter: ';'}, "csv", "Ann"},
		{"id,name\nFX-1,Ann\n", &Mapping{Format: "tsv"}, "tsv", ""},
	}
	for _, tt := range tests {
		rd, err := NewReader(strings.NewReader(tt.data), "f", Contractors, tt.m)
		if tt.wantName == "" {
			if err == nil {
				t.Errorf("%q: want an error (no ID column when split on tabs)", tt.data)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.data, err)
			continue
		}
		rec, err := rd.Next()
		if err != nil || rd.Format() != tt.wantFormat || rec.First(RoleName) != tt.wantName {
			t.Errorf("%q: format %q rec %+v err %v", tt.data, rd.Format(), rec, err)
		}
	}
}

func TestReaderNamesBlankAndDuplicateHeaders(t *testing.T) {
	res := readAll(t, []byte(",id,email,email\n0,FX-1,a@x.io,b@x.io\n"), "d.csv", Contractors, nil)
	cols := res.rd.Columns()
	if len(cols) != 4 || cols[0].Name != "column 1" || cols[0].Role != RoleExtra || cols[3].Role != RoleEmail {
		t.Fatalf("columns %+v", cols)
	}
	if got := res.recs[0].Get(RoleEmail); len(got) != 2 {
		t.Errorf("emails %+v", got)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReaderRawIsTheRecordTextAcrossALargeFile(t *testing.T) {
	data := paymentsCSV(20000) // several times the read buffer
	res := readAll(t, data, "big.csv", Payments, nil)
	if len(res.errs) != 0 || len(res.recs) != 20000 {
		t.Fatalf("records %d errors %v", len(res.recs), res.errs)
	}
	want := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")[1:]
	for i, rec := range res.recs {
		if rec.Raw != want[i] || rec.Line != i+2 {
			t.Fatalf("record %d at line %d raw %q, want %q", i, rec.Line, rec.Raw, want[i])
		}
	}
	if res.rd.Offset() != int64(len(data)) {
		t.Errorf("offset %d, want %d", res.rd.Offset(), len(data))
	}
}
