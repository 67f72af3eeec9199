package lists

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const ftmFixtures = "../../../shared/data/opensanctions-ftm/yente-fixtures"

func ftmFixture(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(ftmFixtures, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real FtM fixture %s absent (expected beside the repo in shared/data): %v", p, err)
	}
	return p
}

func ftmReadAll(t testing.TB, path string) []FtMRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []FtMRecord
	if err := ReadFtM(f, path, func(r FtMRecord) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return recs
}

// ftmCountSchemas counts entities per schema independently of the reader:
// generic decoding into maps, nested entities included.
func ftmCountSchemas(t *testing.T, path string) (map[string]int, map[string]int, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	schemas, ops, lines := map[string]int{}, map[string]int{}, 0
	var walk func(m map[string]any)
	walk = func(m map[string]any) {
		s, _ := m["schema"].(string)
		schemas[s]++
		props, _ := m["properties"].(map[string]any)
		for _, v := range props {
			arr, _ := v.([]any)
			for _, x := range arr {
				if n, ok := x.(map[string]any); ok {
					walk(n)
				}
			}
		}
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lines++
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if op, ok := m["op"].(string); ok {
			ops[op]++
			m, _ = m["entity"].(map[string]any)
		}
		walk(m)
	}
	return schemas, ops, lines
}

func TestReadFtMCountsMatchIndependentCount(t *testing.T) {
	files := []string{"t1/entities.ftm.json", "zala/entities.ftm.json",
		"t2/20240527134702-zbn/entities.delta.json", "t2/20240527194702-wnk/entities.delta.json",
		"t2/20240528014702-pfh/entities.delta.json", "t2/20240528074703-npf/entities.delta.json",
		"t2/20240528134729-3iv/entities.delta.json"}
	for _, rel := range files {
		t.Run(rel, func(t *testing.T) {
			p := ftmFixture(t, rel)
			wantSchemas, wantOps, lines := ftmCountSchemas(t, p)
			recs := ftmReadAll(t, p)
			gotSchemas, gotOps, gotLines := map[string]int{}, map[string]int{}, map[int]bool{}
			for _, r := range recs {
				gotSchemas[r.Schema]++
				if r.Op != "" {
					gotOps[r.Op]++
				}
				gotLines[r.Line] = true
				if r.Entity.List != "os" || r.Entity.ID == "" || r.Entity.Source.File != p {
					t.Errorf("malformed record %+v", r)
				}
			}
			if !reflect.DeepEqual(gotSchemas, wantSchemas) || len(gotLines) != lines {
				t.Errorf("schemas %v on %d lines, want %v on %d", gotSchemas, len(gotLines), wantSchemas, lines)
			}
			if len(wantOps) > 0 && !reflect.DeepEqual(gotOps, wantOps) {
				t.Errorf("ops %v, want %v", gotOps, wantOps)
			}
		})
	}
}

func TestReadFtMDeltaOps(t *testing.T) {
	ops := map[string]int{}
	for _, v := range []string{"20240527134702-zbn", "20240527194702-wnk", "20240528014702-pfh", "20240528074703-npf", "20240528134729-3iv"} {
		for _, r := range ftmReadAll(t, ftmFixture(t, "t2/"+v+"/entities.delta.json")) {
			ops[r.Op]++
			if r.Op == "DEL" && (r.Entity.ID != "NK-500Poltergeist" || r.Entity.Type != "") {
				t.Errorf("DEL record %+v", r)
			}
		}
	}
	if want := map[string]int{"ADD": 4, "MOD": 1, "DEL": 1}; !reflect.DeepEqual(ops, want) {
		t.Errorf("ops %v, want %v", ops, want)
	}
}

func ftmFind(t *testing.T, recs []FtMRecord, id string) *Entry {
	t.Helper()
	for i := range recs {
		if recs[i].Entity.ID == id {
			return &recs[i].Entity
		}
	}
	t.Fatalf("no entity %s", id)
	return nil
}

func TestReadFtMPersonFieldByField(t *testing.T) {
	p := ftmFixture(t, "zala/entities.ftm.json")
	e := ftmFind(t, ftmReadAll(t, p), "NK-2Tbri3s6GgNtAwsSXh4qpL")
	if e.Type != "person" || e.Name != "OSETROVA, Maria Aleksandrovna" || e.Gender != "female" {
		t.Errorf("type/name/gender %q %q %q", e.Type, e.Name, e.Gender)
	}
	if !reflect.DeepEqual(e.DOBs, []string{"1988-01-07"}) || !reflect.DeepEqual(e.POBs, []string{"Russia", "Izhevsk"}) ||
		!reflect.DeepEqual(e.Nationalities, []string{"ru"}) || !reflect.DeepEqual(e.Citizenships, []string{"ru"}) {
		t.Errorf("dob/pob/nat/cit %v %v %v %v", e.DOBs, e.POBs, e.Nationalities, e.Citizenships)
	}
	kinds := map[string]int{}
	for _, a := range e.Aliases {
		kinds[a.Type+"/"+a.Quality]++
	}
	if kinds["aka/strong"] != 11+2 || kinds["fka/strong"] != 2 { // 11 other names + 2 aliases
		t.Errorf("alias kinds %v in %+v", kinds, e.Aliases)
	}
	for _, want := range []Document{{Type: "INN", Number: "183116181362"}, {Type: "National ID No.", Number: "183116181362"}, {Type: "Tax ID No.", Number: "183116181362"}} {
		if !ftmHasDoc(e.Documents, want) {
			t.Errorf("missing document %+v in %+v", want, e.Documents)
		}
	}
	for _, want := range []string{"sanction", "US-RUSHAR", "GB-RUS"} {
		if !ftmContains(e.Programs, want) {
			t.Errorf("missing program %q in %v", want, e.Programs)
		}
	}
	if len(e.Addresses) == 0 || !strings.HasPrefix(e.Addresses[0].Street, "IZHEVSK") || e.ListedOn == "" {
		t.Errorf("addresses %+v listed %q", e.Addresses, e.ListedOn)
	}
	fam := false
	for _, r := range e.Relations {
		fam = fam || (r.Kind == "family_of" && r.TargetID == "NK-aU5ybkbRFJucf8YMwsJvDw")
	}
	if !fam {
		t.Errorf("family relation missing: %+v", e.Relations)
	}
}

func TestReadFtMCompanyFieldByField(t *testing.T) {
	recs := ftmReadAll(t, ftmFixture(t, "zala/entities.ftm.json"))
	e := ftmFind(t, recs, "NK-56Edov9bas9puzaChH5pBy")
	want := []Document{{Type: "INN", Number: "1835045074"}, {Type: "INN", Number: "1831006638"},
		{Type: "OGRN", Number: "1021801671462"}, {Type: "OGRN", Number: "1021801149754"}}
	if e.Type != "organization" || e.Name != `ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "ИЖТЕЛЕКОМ"` || len(e.Aliases) != 0 {
		t.Errorf("type/name/aliases %q %q %v", e.Type, e.Name, e.Aliases)
	}
	if !reflect.DeepEqual(e.Documents, want) || len(e.Addresses) != 2 || e.ListedOn != "2025-12-30" {
		t.Errorf("docs %+v addrs %+v listed %q", e.Documents, e.Addresses, e.ListedOn)
	}
	// The sanctioned company NK-abdz… gets its Sanction programmes and owners.
	s := ftmFind(t, recs, "NK-abdzbEBkqyT29GyREbiURZ")
	if !ftmContains(s.Programs, "EU-UKR") || !ftmContains(s.Programs, "UKR") {
		t.Errorf("sanction programmes not attached: %v", s.Programs)
	}
	o := ftmFind(t, recs, "NK-nR5AXM9AVPq4pQaSPSaVam")
	if !ftmHasRelation(o.Relations, Relation{Kind: "owner_of", Name: s.Name, TargetID: s.ID}) {
		t.Errorf("ownership not attached to owner: %+v", o.Relations)
	}
}

func TestReadFtMT1Organization(t *testing.T) {
	// Its addressEntity is not in the file: no address is invented.
	e := ftmFind(t, ftmReadAll(t, ftmFixture(t, "t1/entities.ftm.json")), "NK-2GdmHtZTeNXjNVrBGEXZNj")
	if e.Type != "organization" || len(e.Addresses) != 0 || e.ListedOn != "2022-06-03" || len(e.Aliases) != 11 ||
		!reflect.DeepEqual(e.Documents, []Document{{Type: "Registration Number", Number: "808000714"}}) {
		t.Errorf("entry %+v", e)
	}
}

func TestReadFtMAddressEntityMergedIntoSameText(t *testing.T) {
	e := ftmFind(t, ftmReadAll(t, ftmFixture(t, "zala/entities.ftm.json")), "NK-aU5ybkbRFJucf8YMwsJvDw")
	if len(e.Addresses) != 2 || e.Addresses[0].Street != "272 Pushkinskaya Street, Apt 41, Izhevsk, 426008" || e.Addresses[0].City == "" {
		t.Errorf("addresses %+v", e.Addresses)
	}
}

func TestReadFtMNestedEntitiesEmittedAndAttached(t *testing.T) {
	recs := ftmReadAll(t, filepath.Join("testdata", "ftm_nested.json"))
	var order []string
	for _, r := range recs {
		order = append(order, r.Schema)
	}
	if want := []string{"Person", "Address", "CryptoWallet", "Ownership", "Company", "Sanction", "Vessel"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	p := &recs[0].Entity
	if !ftmContains(p.Programs, "DPRK3") || p.ListedOn != "2016-03-02" ||
		!reflect.DeepEqual(p.Wallets, []Wallet{{Ticker: "ETH", Address: "0xabc"}}) ||
		!reflect.DeepEqual(p.Relations, []Relation{{Kind: "owner_of", Name: "Korea Tech", TargetID: "NK-c1"}}) ||
		len(p.Addresses) != 1 || p.Addresses[0].Street != "Pyongyang" ||
		!reflect.DeepEqual(p.Aliases[1], Alias{Name: "Iron", Type: "aka", Quality: "weak", Source: p.Source}) {
		t.Errorf("person %+v", p)
	}
	v := recs[6].Entity
	if v.Type != "vessel" || v.Vessel == nil || v.Vessel.IMO != "IMO 1234567" || v.Vessel.CallSign != "HMXY" || v.Source.Line != 2 {
		t.Errorf("vessel %+v", v)
	}
}

func TestReadFtMErrorsNameFileAndLine(t *testing.T) {
	good := `{"id":"a","schema":"Person","properties":{"name":["A"]}}` + "\n"
	cases := []struct{ name, in, want string }{
		{"truncated JSON", good + `{"id":"b","schema":`, "x.json:2:"},
		{"not an object", good + good + `["a"]`, "x.json:3: not a JSON object"},
		{"no id", `{"schema":"Person"}`, "x.json:1: entity has no id"},
		{"unknown op", `{"op":"UPSERT","entity":{"id":"a"}}`, "x.json:1: unknown delta op"},
		{"op without entity", `{"op":"ADD"}`, "x.json:1: ADD without entity"},
		{"too deep", `{"id":"a","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, "x.json:1: JSON nested deeper"},
		{"nested without id", `{"id":"a","properties":{"p":[{"schema":"Person"}]}}`, "x.json:1:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ReadFtM(strings.NewReader(c.in), "x.json", func(FtMRecord) error { return nil })
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want %q", err, c.want)
			}
		})
	}
}

func TestReadFtMLenientValues(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"id":"a","schema":"Person","properties":{"name":"Solo","alias":[null,"",42,"B"],"birthDate":null}}` + "\r\n\n"
	var recs []FtMRecord
	if err := ReadFtM(strings.NewReader(in), "x", func(r FtMRecord) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Entity.Name != "Solo" || len(recs[0].Entity.Aliases) != 2 {
		t.Errorf("records %+v", recs)
	}
}

func FuzzReadFtM(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "ftm_nested.json")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"op":"DEL","entity":{"id":"x"}}` + "\n" + `{"id":"s","schema":"Sanction","properties":{"entity":["x"]}}`))
	f.Add([]byte(`{"id":"o","schema":"Ownership","properties":{"owner":["o"],"asset":["o"]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func() ([]FtMRecord, error) {
			var recs []FtMRecord
			err := ReadFtM(bytes.NewReader(data), "f.json", func(r FtMRecord) error { recs = append(recs, r); return nil })
			return recs, err
		}
		recs, err := read()
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.json:") {
				t.Fatalf("error does not name file:line: %v", err)
			}
			return
		}
		for _, r := range recs {
			if r.Entity.ID == "" || r.Entity.List != "os" || r.Line < 1 || r.Entity.Source.Line != r.Line {
				t.Fatalf("malformed record %+v", r)
			}
			switch r.Op {
			case "", "ADD", "MOD", "DEL":
			default:
				t.Fatalf("op %q", r.Op)
			}
		}
		again, _ := read()
		if !reflect.DeepEqual(recs, again) {
			t.Fatal("two reads differ")
		}
	})
}

func BenchmarkReadFtM(b *testing.B) {
	data, err := os.ReadFile(ftmFixture(b, "zala/entities.ftm.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ReadFtM(bytes.NewReader(data), "zala", func(FtMRecord) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
