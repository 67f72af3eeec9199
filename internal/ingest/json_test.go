package ingest

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestJSONArrayStreamsObjectsWithTheLineOfTheirBrace(t *testing.T) {
	res := readFile(t, "testdata/contractors.json", Contractors, nil)
	if res.rd.Format() != "json" {
		t.Errorf("format %q", res.rd.Format())
	}
	if want := []int{2, 12, 15}; !reflect.DeepEqual(lines(res.recs), want) {
		t.Errorf("lines %v, want %v", lines(res.recs), want)
	}
	if len(res.errs) != 1 || res.errs[0].Line != 14 || res.errs[0].Fatal ||
		!strings.HasPrefix(res.errs[0].Error(), "contractors.json:14: invalid JSON: ") {
		t.Fatalf("errors %v", res.errs)
	}
	if !strings.Contains(res.errs[0].Raw, `"phone": tru}`) {
		t.Errorf("reject raw %q", res.errs[0].Raw)
	}
	r := res.recs[0]
	checks := map[Role]string{
		RoleID: "FX-0201", RoleStreet: "1234 Oak St Apt 4B", RoleCity: "Springfield", RoleCountry: "US",
		RoleGitHub: "https://github.com/jo-kh",
	}
	for role, want := range checks {
		if got := r.First(role); got != want {
			t.Errorf("%s = %q, want %q", role, got, want)
		}
	}
	if got := r.Get(RoleEmail); len(got) != 2 || got[1].Value != "kh.jo@example.net" || got[1].Column != "emails" {
		t.Errorf("array of emails: %+v", got)
	}
	extras := map[string]Cell{}
	for _, c := range r.Get(RoleExtra) {
		extras[c.Column] = c
	}
	if c := extras["rating"]; c.Value != "4.5" || !c.Number {
		t.Errorf("number cell %+v", c)
	}
	if c := extras["verified"]; c.Value != "true" {
		t.Errorf("bool cell %+v", c)
	}
	if !strings.HasPrefix(r.Raw, "{\n    \"contractor_id\"") || !strings.HasSuffix(r.Raw, "}") {
		t.Errorf("raw %q", r.Raw)
	}
	if got := res.recs[1].First(RoleName); got != "Ann Lee" {
		t.Errorf("string values are trimmed: %q", got)
	}
	if got := res.recs[1].First(RoleExtra); got != `{"x":1}` {
		t.Errorf("deeper nesting kept as JSON text: %q", got)
	}
}

func TestJSONLinesSkipsBlankLinesAndResumesAfterBrokenLines(t *testing.T) {
	res := readFile(t, "testdata/payments.jsonl", Payments, nil)
	if res.rd.Format() != "jsonl" {
		t.Errorf("format %q", res.rd.Format())
	}
	if want := []int{1, 3, 5, 8}; !reflect.DeepEqual(lines(res.recs), want) {
		t.Errorf("lines %v, want %v", lines(res.recs), want)
	}
	var got []string
	for _, e := range res.errs {
		got = append(got, e.Error())
	}
	want := []string{
		"payments.jsonl:4: unterminated JSON object (a new object starts on line 5)",
		"payments.jsonl:6: expected a JSON object",
		"payments.jsonl:7: unterminated string (a line break inside a JSON string)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors\n%q\nwant\n%q", got, want)
	}
	// A JSON number's '.' is a decimal point even when the mapping says ','.
	minor, cur, err := res.recs[1].Amount(',')
	if err != nil || minor != 125050 || cur != "EUR" {
		t.Errorf("JSON number amount: %d %q %v", minor, cur, err)
	}
	for i, want := range []int64{125000, 125050, 125000, 800} {
		if minor, _, err := res.recs[i].Amount(0); err != nil || minor != want {
			t.Errorf("record %d amount %d, %v; want %d", i, minor, err, want)
		}
	}
}

func TestJSONStructuralErrorsAreFatal(t *testing.T) {
	tests := []struct {
		name, data string
		good       int
		want       string
	}{
		{"trunc.json", "[\n{\"id\":\"FX-1\"},\n{\"id\":\"FX-2\"", 1, "trunc.json:3: unterminated JSON object (unexpected end of file)"},
		{"open.json", "[\n{\"id\":\"FX-1\"},\n", 1, "open.json:3: unexpected end of file: the JSON array is not closed with ]"},
		{"scalar.json", "[{\"id\":\"FX-1\"},\n 42]", 1, `scalar.json:2: array element is not an object (found '4')`},
		{"after.json", "[{\"id\":\"FX-1\"}] {\"id\":\"FX-2\"}", 1, "after.json:1: unexpected data after the end of the JSON array"},
		{"comma.json", "[{\"id\":\"FX-1\"} {\"id\":\"FX-2\"}]", 1, "comma.json:1: expected , or ] after an object, found '{'"},
		{"nl.json", "[{\"id\":\"FX-1\"},\n{\"id\":\"FX-2\", \"name\":\"a\nb\"}]", 1, "nl.json:2: unterminated string"},
	}
	for _, tt := range tests {
		res := readAll(t, []byte(tt.data), tt.name, Contractors, nil)
		if len(res.recs) != tt.good {
			t.Errorf("%s: %d records, want %d", tt.name, len(res.recs), tt.good)
		}
		if len(res.errs) == 0 {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		last := res.errs[len(res.errs)-1]
		if !last.Fatal || !strings.HasPrefix(last.Error(), tt.want) {
			t.Errorf("%s: last error %q fatal=%v, want %q", tt.name, last, last.Fatal, tt.want)
		}
		// Fatal errors are sticky.
		if _, err := res.rd.Next(); err != last {
			t.Errorf("%s: Next after a fatal error returned %v", tt.name, err)
		}
	}
}

func TestJSONToleratesTrailingCommaCtrlZAndCRLF(t *testing.T) {
	res := readAll(t, []byte("[\r\n{\"id\":\"FX-1\"},\r\n{\"id\":\"FX-2\"},\r\n]\r\n\x1a"), "ok.json", Contractors, nil)
	if len(res.errs) != 0 || !reflect.DeepEqual(lines(res.recs), []int{2, 3}) {
		t.Fatalf("records at %v errors %v", lines(res.recs), res.errs)
	}
	res = readAll(t, []byte("[]"), "empty.json", Contractors, nil)
	if len(res.errs) != 0 || len(res.recs) != 0 {
		t.Fatalf("empty array: %v", res.errs)
	}
}

func TestJSONReportsInvalidUTF8WithTheField(t *testing.T) {
	data := "{\"id\":\"FX-1\",\"name\":\"Ann\"}\n{\"id\":\"FX-2\",\n \"name\":\"B\xffb\"}\n{\"id\":\"FX-3\",\"n\xffme\":\"x\"}\n{\"id\":\"FX-4\"}\n"
	res := readAll(t, []byte(data), "u.jsonl", Contractors, nil)
	if !reflect.DeepEqual(lines(res.recs), []int{1, 5}) || len(res.errs) != 2 {
		t.Fatalf("records at %v errors %v", lines(res.recs), res.errs)
	}
	if got := res.errs[0].Error(); got != `u.jsonl:3: field "name": invalid UTF-8 (is the file in another encoding?)` {
		t.Errorf("value error %q", got)
	}
	if got := res.errs[1].Error(); got != `u.jsonl:4: invalid UTF-8 in a key (is the file in another encoding?)` {
		t.Errorf("key error %q", got)
	}
}

func TestJSONPrettyPrintedStreamIsRead(t *testing.T) {
	data := "{\n  \"id\": \"FX-1\",\n  \"address\": {\n    \"city\": \"Oslo\"\n  }\n}\n{\n  \"id\": \"FX-2\"\n}\n"
	res := readAll(t, []byte(data), "jq.json", Contractors, nil)
	if len(res.errs) != 0 || !reflect.DeepEqual(lines(res.recs), []int{1, 7}) {
		t.Fatalf("records at %v errors %v", lines(res.recs), res.errs)
	}
	if res.recs[0].First(RoleCity) != "Oslo" {
		t.Errorf("cells %+v", res.recs[0].Cells)
	}
}

func TestJSONMappingIgnoresAWholeNestedObject(t *testing.T) {
	m := &Mapping{Columns: map[string]Role{"address": RoleIgnore, "meta.ref": RoleID}}
	data := `{"meta": {"ref": "FX-9"}, "address": {"city": "Oslo"}, "tags": []}`
	res := readAll(t, []byte(data), "m.jsonl", Contractors, m)
	if len(res.recs) != 1 {
		t.Fatalf("errors %v", res.errs)
	}
	r := res.recs[0]
	if r.First(RoleID) != "FX-9" || r.First(RoleCity) != "" {
		t.Errorf("cells %+v", r.Cells)
	}
	var names []string
	for _, c := range res.rd.Columns() {
		names = append(names, c.Name)
	}
	if !reflect.DeepEqual(names, []string{"meta.ref", "tags"}) {
		t.Errorf("columns %v", names)
	}
}

func TestJSONMappedParentKeepsTheObjectAsOneValue(t *testing.T) {
	m := &Mapping{Columns: map[string]Role{"address": RoleAddress}}
	res := readAll(t, []byte(`{"id": "FX-1", "address": {"street": "1 Main St", "city": "Oslo"}}`), "m.jsonl", Contractors, m)
	if len(res.recs) != 1 || res.recs[0].First(RoleAddress) != `{"street":"1 Main St","city":"Oslo"}` || res.recs[0].First(RoleCity) != "" {
		t.Fatalf("records %+v errors %v", res.recs, res.errs)
	}
}

func TestJSONInUTF16IsDecoded(t *testing.T) {
	text := "[\n{\"id\": \"FX-1\", \"name\": \"Ким\"}\n]"
	data := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		data = append(data, byte(u), byte(u>>8))
	}
	res := readAll(t, data, "u16.json", Contractors, nil)
	if len(res.recs) != 1 || res.recs[0].Line != 2 || res.recs[0].First(RoleName) != "Ким" {
		t.Fatalf("records %+v errors %v", res.recs, res.errs)
	}
}

func TestJSONObjectSizeIsBounded(t *testing.T) {
	data := "{\"id\": \"FX-0\"}\n" + `{"id": "FX-1", "x": [` + strings.Repeat(`"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",`, maxRecordBytes/50+10)
	res := readAll(t, []byte(data), "big.jsonl", Contractors, nil)
	if len(res.errs) != 1 || !res.errs[0].Fatal || !strings.Contains(res.errs[0].Reason, "larger than") {
		t.Fatalf("errors %v", res.errs)
	}
}
