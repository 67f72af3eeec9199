package lists

import (
	"strings"
	"testing"
)

// genTestMapping is a small mapping for hand-written fixtures.
func genTestMapping() *GenericMapping {
	return &GenericMapping{
		List:    "test",
		Columns: map[string]string{"No": "id", "Name": "name", "Kind": "type", "Listed": "listed_on", "DOB": "dob", "Note": "ignore"},
		TypeMap: map[string]string{"Individual": "person", "Entity": "organization"},
	}
}

func TestReadGenericCSVErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, csv string
		mod       func(*GenericMapping)
		want      string
	}{
		{"unknown field in mapping", "No,Name,Kind,Listed,DOB,Note\n", func(m *GenericMapping) { m.Columns["Name"] = "nmae" },
			`f.csv: mapping test: header "Name" maps to unknown field "nmae"`},
		{"file header not in mapping", "No,Name,Kind,Listed,DOB,Note,Extra\n", nil,
			`f.csv:1: mapping test: header "Extra" is not mapped`},
		{"mapped column missing from file", "No,Kind,Listed,DOB,Note\n1,Entity,,,\n", nil,
			`f.csv:1: mapping test: mapped header "Name" is missing from the file`},
		{"no name column in mapping", "No\n", func(m *GenericMapping) { m.Columns = map[string]string{"No": "id"} },
			`mapping test: no column maps to "name"`},
		{"ragged row", "No,Name,Kind,Listed,DOB,Note\n1,A,Entity,,,\n2,B,Entity\n", nil,
			"f.csv:3: 3 fields, header has 6"},
		{"ragged row after multi-line cell", "No,Name,Kind,Listed,DOB,Note\n1,\"A\nB\",Entity,,,\n2,B\n", nil,
			"f.csv:4: 2 fields, header has 6"},
		{"empty name", "No,Name,Kind,Listed,DOB,Note\n1,A,Entity,,,\n2, ,Entity,,,\n", nil,
			"f.csv:3: name: empty"},
		{"empty id", "No,Name,Kind,Listed,DOB,Note\n－,A,Entity,,,\n", nil,
			"f.csv:2: id: empty"},
		{"duplicate id", "No,Name,Kind,Listed,DOB,Note\n7,A,Entity,,,\n7,B,Entity,,,\n", nil,
			`f.csv:3: id: "7" already listed on line 2`},
		{"type not in type_map", "No,Name,Kind,Listed,DOB,Note\n1,A,Ship?,,,\n", nil,
			`f.csv:2: Kind: type "Ship?" is not in the mapping's type_map`},
		{"no header", "", nil, "f.csv:1: mapping test: no header row"},
		{"bad quote", "No,Name,Kind,Listed,DOB,Note\n1,\"A,Entity,,,\n", nil, "f.csv:2:"},
		{"shift_jis file read as utf-8", "\x94\xd4\x8d\x86,Name\n", nil, "not valid UTF-8 (set \"encoding\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := genTestMapping()
			if tt.mod != nil {
				tt.mod(m)
			}
			_, err := ReadGenericCSV(strings.NewReader(tt.csv), "f.csv", m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadGenericCSVRowsWithoutIDColumnGetLineIDs(t *testing.T) {
	m := &GenericMapping{List: "x", Columns: map[string]string{"名称": "name"}, DefaultType: "organization"}
	in := "\uFEFF名称\r\nA社\r\n\r\n,\r\n\"B\r\n社\"\r\nC社\r\n"
	got, err := ReadGenericCSV(strings.NewReader(in), "x.csv", m)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id, name string
		line     int
	}{{"line-2", "A社", 2}, {"line-5", "B\n社", 5}, {"line-7", "C社", 7}}
	if len(got) != len(want) {
		t.Fatalf("got %d entries: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Name != w.name || got[i].Source.Line != w.line || got[i].Type != "organization" {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], w)
		}
	}
}

func TestReadGenericCSVMappingVariants(t *testing.T) {
	m := &GenericMapping{
		List:      "kr-fsc",
		Columns:   map[string]string{"성명": "name", "영문명": "name", "법인등록번호": "document", "지갑": "wallet", "직위": "title", "메모": "remarks", "메모2": "remarks", "지정일": "listed_on"},
		Delimiter: "\t",
		Split:     "/",
	}
	in := "성명\t영문명\t법인등록번호\t지갑\t직위\t메모\t메모2\t지정일\n" +
		"조선A\tCHOSON A\t110111-1234567 (KR)/99\tUSDT:TXyz/0xabc\t사장\tfirst\tsecond\t2024년 3월 5일\n"
	got, err := ReadGenericCSV(strings.NewReader(in), "t.tsv", m)
	if err != nil {
		t.Fatal(err)
	}
	e := got[0]
	if e.Name != "조선A" || len(e.Aliases) != 1 || e.Aliases[0].Name != "CHOSON A" {
		t.Errorf("second name column should be an alias: %+v", e)
	}
	if len(e.Documents) != 2 || e.Documents[0] != (Document{Type: "법인등록번호", Number: "110111-1234567", Country: "KR"}) || e.Documents[1].Number != "99" {
		t.Errorf("documents = %+v", e.Documents)
	}
	if len(e.Wallets) != 2 || e.Wallets[0] != (Wallet{"USDT", "TXyz"}) || e.Wallets[1] != (Wallet{"", "0xabc"}) {
		t.Errorf("wallets = %+v", e.Wallets)
	}
	if e.Title != "사장" || e.Remarks != "first; second" || e.ListedOn != "2024-03-05" || e.ID != "line-2" || e.Type != "" {
		t.Errorf("entry = %+v", e)
	}
}

func TestGenDateNormalisesOnlyExactDates(t *testing.T) {
	for in, want := range map[string]string{
		"1965-04-25": "1965-04-25", "1965/4/25": "1965-04-25", "1965.04.25": "1965-04-25",
		"1965. 4. 25.": "1965-04-25", "1965年4月25日": "1965-04-25", "1965년 4월 25일": "1965-04-25",
		"1965年": "1965年", "1965-02-30": "1965-02-30", "2024-02-29": "2024-02-29", "2023-02-29": "2023-02-29",
		"25 Apr 1965": "25 Apr 1965", "circa 1970": "circa 1970", "平成28年12月2日": "平成28年12月2日",
		"19650425": "19650425", "1965-04-25-01": "1965-04-25-01", "": "",
	} {
		if got := genDate(in); got != want {
			t.Errorf("genDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenParseMappingCommentsAndStrictness(t *testing.T) {
	good := "\uFEFF// c\n{\"list\": \"a//b\", /* x \n y */ \"columns\": {\"N/*\": \"name\"}, \"delimiter\": \"\\t\"}\n"
	m, err := genParseMapping([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if m.List != "a//b" || m.Columns["N/*"] != "name" || m.Delimiter != "\t" {
		t.Errorf("mapping = %+v", m)
	}
	for name, bad := range map[string]string{
		"unknown key":        `{"list":"a","columns":{"N":"name"},"colums":{}}`,
		"no list":            `{"columns":{"N":"name"}}`,
		"bad encoding":       `{"list":"a","columns":{"N":"name"},"encoding":"latin1"}`,
		"bad delimiter":      `{"list":"a","columns":{"N":"name"},"delimiter":"::"}`,
		"bad type_map":       `{"list":"a","columns":{"N":"name"},"type_map":{"x":"human"}}`,
		"two id columns":     `{"list":"a","columns":{"N":"name","A":"id","B":"id"}}`,
		"unterminated":       `{"list":"a" /* `,
		"trailing data":      `{"list":"a","columns":{"N":"name"}} {}`,
		"bad default_type":   `{"list":"a","columns":{"N":"name"},"default_type":"ship"}`,
		"unknown field name": `{"list":"a","columns":{"N":"name","X":"dateofbirth"}}`,
	} {
		if _, err := genParseMapping([]byte(bad)); err == nil {
			t.Errorf("%s: accepted %s", name, bad)
		}
	}
}

func FuzzReadGenericCSV(f *testing.F) {
	f.Add([]byte("No,Name,Kind,Listed,DOB,Note\n1,A,Entity,2020/1/2,1965年4月25日,x\n"))
	f.Add([]byte("\uFEFFNo,Name,Kind,Listed,DOB,Note\r\n\"1\",\"A\"\"B\",Individual,,,\r\n"))
	f.Add([]byte("No,Name\n1,\"unterminated\n"))
	f.Add([]byte{0xff, 0xfe, ',', '\n'})
	f.Fuzz(func(t *testing.T, data []byte) {
		m := genTestMapping()
		got, err := ReadGenericCSV(strings.NewReader(string(data)), "fz.csv", m)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		ids := make(map[string]bool)
		for _, e := range got {
			if e.List != "test" || e.ID == "" || e.Name == "" || e.Source.File != "fz.csv" || e.Source.Line < 2 {
				t.Fatalf("malformed entry %+v", e)
			}
			if e.Type != "" && !genTypes[e.Type] {
				t.Fatalf("type %q", e.Type)
			}
			if ids[e.ID] {
				t.Fatalf("duplicate id %q", e.ID)
			}
			ids[e.ID] = true
		}
		again, err := ReadGenericCSV(strings.NewReader(string(data)), "fz.csv", m)
		if err != nil || len(again) != len(got) {
			t.Fatalf("second read differs: %v", err)
		}
	})
}
