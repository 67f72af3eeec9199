package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadMappingReadsEveryOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	body := "\ufeff" + `{
	  "columns": {"Correo electrónico": "email", "Tel. (WhatsApp)": "PHONE", "Notes": "ignore"},
	  "format": "csv",            // optional
	  "delimiter": ";",           /* optional */
	  "phone_region": "kr",
	  "date_order": "dmy",
	  "decimal": ",",
	  "lazy_quotes": true
	}`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := LoadMapping(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.Columns["Correo electrónico"] != RoleEmail || m.Columns["Tel. (WhatsApp)"] != RolePhone || m.Columns["Notes"] != RoleIgnore {
		t.Errorf("columns %v", m.Columns)
	}
	if m.Format != "csv" || m.Delimiter != ';' || m.PhoneRegion != "KR" || m.DateOrder != DMY || m.Decimal != ',' || !m.LazyQuotes || m.Path != path {
		t.Errorf("mapping %+v", m)
	}
}

func TestParseMappingRejectsMistakesNamingFileAndKey(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{"columns": {"Correo": "emial"}}`, `mapping m.json: column "Correo": unknown role "emial"`},
		{`{"colums": {}}`, `mapping m.json: json: unknown field "colums"`},
		{`{"format": "xlsx"}`, `format "xlsx"`},
		{`{"delimiter": ";;"}`, `delimiter ";;"`},
		{`{"delimiter": "\""}`, `delimiter`},
		{`{"phone_region": "Korea"}`, `phone_region "Korea"`},
		{`{"date_order": "dym"}`, `date_order "dym"`},
		{`{"decimal": "'"}`, `decimal "'"`},
		{`{"columns": {"a": "id"}} {}`, "unexpected data"},
		{`{"columns": {"a": "id"`, "mapping m.json: unexpected EOF"},
		{"\xff", "not UTF-8"},
	}
	for _, tt := range tests {
		_, err := ParseMapping([]byte(tt.json), "m.json")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseMapping(%s) error %v, want %q", tt.json, err, tt.want)
		}
	}
}

func TestParseMappingAcceptsTabAndNDJSONSpellings(t *testing.T) {
	m, err := ParseMapping([]byte(`{"delimiter": "tab", "format": "ndjson", "columns": {"x": "extra"}}`), "m")
	if err != nil || m.Delimiter != '\t' || m.Format != "jsonl" || m.Columns["x"] != RoleExtra {
		t.Fatalf("%+v %v", m, err)
	}
	m, err = ParseMapping([]byte(`{"format": "tsv", "columns": {"a // b": "id"}}`), "m")
	if err != nil || m.Delimiter != '\t' || m.Columns["a // b"] != RoleID {
		t.Fatalf("comments inside strings must survive: %+v %v", m, err)
	}
}
