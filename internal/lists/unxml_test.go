package lists

import (
	"bytes"
	"encoding/xml"
	"os"
	"reflect"
	"strings"
	"testing"
)

const unDataDir = "../../../shared/data/un-xml/"

// unReadReal loads one real UN file, skipping when the shared data is absent.
func unReadReal(tb testing.TB, name string) ([]byte, *UNResult) {
	tb.Helper()
	data, err := os.ReadFile(unDataDir + name)
	if err != nil {
		tb.Skipf("real UN list %s not available (%v); shared/data is not part of a plain clone", name, err)
	}
	res, err := ReadUNXML(bytes.NewReader(data), name)
	if err != nil {
		tb.Fatalf("ReadUNXML(%s): %v", name, err)
	}
	return data, res
}

// unCountElements counts INDIVIDUAL and ENTITY start elements with a plain
// token pass, independently of the reader's record logic.
func unCountElements(t *testing.T, data []byte) (individuals, entities int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if s, ok := tok.(xml.StartElement); ok {
			switch s.Name.Local {
			case "INDIVIDUAL":
				individuals++
			case "ENTITY":
				entities++
			}
		}
	}
	return individuals, entities
}

func unFind(t *testing.T, res *UNResult, id string) Entry {
	t.Helper()
	for _, e := range res.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("entry %s not found", id)
	return Entry{}
}

func TestReadUNXMLRealFilesImportEveryRecord(t *testing.T) {
	tests := []struct {
		file                  string
		date                  string
		individuals, entities int
		dprk                  int
	}{
		{"UN_consolidated_2025-04-19.xml", "2025-04-19T23:00:04.625Z", 684, 193, 155},
		{"UN_consolidated_2026-02-27.xml", "2026-02-27T00:00:09.554Z", 730, 273, 155},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, res := unReadReal(t, tc.file)
			if res.DateGenerated != tc.date {
				t.Errorf("DateGenerated = %q, want %q", res.DateGenerated, tc.date)
			}
			// Two independent counts: raw text and a token pass.
			textInd := strings.Count(string(data), "<INDIVIDUAL>") + strings.Count(string(data), "<INDIVIDUAL ")
			textEnt := strings.Count(string(data), "<ENTITY>") + strings.Count(string(data), "<ENTITY ")
			tokInd, tokEnt := unCountElements(t, data)
			if textInd != tc.individuals || tokInd != tc.individuals || textEnt != tc.entities || tokEnt != tc.entities {
				t.Fatalf("element counts text %d/%d, tokens %d/%d, want %d/%d",
					textInd, textEnt, tokInd, tokEnt, tc.individuals, tc.entities)
			}
			var persons, orgs, dprk, kp int
			seen := map[string]bool{}
			for _, e := range res.Entries {
				switch e.Type {
				case "person":
					persons++
				case "organization":
					orgs++
				default:
					t.Errorf("%s: type %q", e.ID, e.Type)
				}
				if len(e.Programs) == 1 && e.Programs[0] == "DPRK" {
					dprk++
				}
				if strings.HasPrefix(e.ID, "KP") {
					kp++
				}
				if seen[e.ID] {
					t.Errorf("duplicate ID %s", e.ID)
				}
				seen[e.ID] = true
				if e.List != "un" || e.Name == "" || e.Source.File != tc.file || e.Source.Line < 3 {
					t.Errorf("entry %s malformed: list %q name %q source %+v", e.ID, e.List, e.Name, e.Source)
				}
				if len(e.ListedOn) != 10 {
					t.Errorf("%s: ListedOn %q not ISO", e.ID, e.ListedOn)
				}
			}
			if persons != tc.individuals || orgs != tc.entities {
				t.Errorf("entries persons/orgs = %d/%d, want %d/%d", persons, orgs, tc.individuals, tc.entities)
			}
			if dprk != tc.dprk || kp != tc.dprk {
				t.Errorf("DPRK records = %d (KP ids %d), want %d", dprk, kp, tc.dprk)
			}
		})
	}
}

func TestReadUNXMLDPRKIndividualFieldByField(t *testing.T) {
	const file = "UN_consolidated_2026-02-27.xml"
	_, res := unReadReal(t, file)
	pos := func(line int) Position { return Position{File: file, Line: line} }
	remark := "Senior official and head of the satellite control center of Korean\nCommittee for Space Technology"
	want := Entry{
		List: "un", ID: "KPi.006", Type: "person", Name: "PAEK CHANG-HO",
		Aliases: []Alias{
			{Name: "Pak Chang-Ho", Type: "aka", Quality: "good", Source: pos(9094)},
			{Name: "Paek Ch'ang-Ho", Type: "aka", Quality: "good", Source: pos(9098)},
		},
		Programs:      []string{"DPRK"},
		ListedOn:      "2013-01-22",
		Title:         remark,
		Remarks:       remark + ".",
		DOBs:          []string{"1964-06-18"},
		POBs:          []string{"Kaesong, Democratic People's Republic of Korea"},
		Nationalities: []string{"Democratic People's Republic of Korea"},
		Documents: []Document{
			{Type: "Numéro de passeport", Number: "381420754", Issued: "2011-12-07"},
			{Type: "Número de pasaporte", Number: "381420754", Issued: "2011-12-07"},
			{Type: "Passport", Number: "381420754", Issued: "2011-12-07", Note: "Expires on 7 Dec. 2016"},
		},
		Source: pos(9071),
	}
	if got := unFind(t, res, "KPi.006"); !reflect.DeepEqual(got, want) {
		t.Errorf("KPi.006:\n got %+v\nwant %+v", got, want)
	}

	// KPi.066: a BETWEEN date of birth, a country-only address, a curly
	// apostrophe in the alias, gender only in the comments.
	got := unFind(t, res, "KPi.066")
	if got.Name != "KIM JONG SIK" || !reflect.DeepEqual(got.DOBs, []string{"1967-1969"}) || got.Gender != "" {
		t.Errorf("KPi.066 name/DOB/gender: %q %q %q", got.Name, got.DOBs, got.Gender)
	}
	wantAddr := []Address{{Country: "Democratic People's Republic of Korea", Source: pos(11787)}}
	if !reflect.DeepEqual(got.Addresses, wantAddr) {
		t.Errorf("KPi.066 addresses = %+v", got.Addresses)
	}
	wantAlias := []Alias{{Name: "Kim Cho’ng-sik", Type: "aka", Quality: "good", Source: pos(11783)}}
	if !reflect.DeepEqual(got.Aliases, wantAlias) {
		t.Errorf("KPi.066 aliases = %+v", got.Aliases)
	}
	if len(got.Documents) != 0 || len(got.POBs) != 0 {
		t.Errorf("KPi.066 empty placeholder elements kept: %+v %q", got.Documents, got.POBs)
	}
}

func TestReadUNXMLDPRKEntityFieldByField(t *testing.T) {
	const file = "UN_consolidated_2026-02-27.xml"
	_, res := unReadReal(t, file)
	pos := func(line int) Position { return Position{File: file, Line: line} }
	want := Entry{
		List: "un", ID: "KPe.001", Type: "organization", Name: "KOREA MINING DEVELOPMENT TRADING CORPORATION",
		Aliases: []Alias{
			{Name: "CHANGGWANG SINYONG CORPORATION", Type: "aka", Source: pos(45035)},
			{Name: "EXTERNAL TECHNOLOGY GENERAL CORPORATION", Type: "aka", Source: pos(45039)},
			{Name: "DPRKN MINING DEVELOPMENT TRADING COOPERATION", Type: "aka", Source: pos(45043)},
			{Name: `"KOMID"`, Type: "aka", Source: pos(45047)},
		},
		Programs: []string{"DPRK"},
		ListedOn: "2009-04-24",
		Remarks:  "Primary arms dealer and main exporter of goods and equipment related to\nballistic missiles and conventional weapons.",
		Addresses: []Address{{Street: "Central District", City: "Pyongyang",
			Country: "Democratic People's Republic of Korea", Source: pos(45051)}},
		Source: pos(45023),
	}
	if got := unFind(t, res, "KPe.001"); !reflect.DeepEqual(got, want) {
		t.Errorf("KPe.001:\n got %+v\nwant %+v", got, want)
	}
	fka := unFind(t, res, "KPe.002").Aliases[1]
	if fka.Name != "LYONGAKSAN GENERAL TRADING CORPORATION" || fka.Type != "fka" {
		t.Errorf("KPe.002 second alias = %+v, want the f.k.a.", fka)
	}
}

// The 2025 copy uses single-quoted attributes; the same records must come out.
func TestReadUNXMLSingleQuotedFileMatchesFields(t *testing.T) {
	_, res := unReadReal(t, "UN_consolidated_2025-04-19.xml")
	if !strings.HasPrefix(res.DateGenerated, "2025-04-19") {
		t.Errorf("DateGenerated = %q", res.DateGenerated)
	}
	e := unFind(t, res, "KPi.006")
	if e.Name != "PAEK CHANG-HO" || len(e.Documents) != 3 || e.Documents[2].Note != "Expires on 7 Dec. 2016" {
		t.Errorf("KPi.006 in 2025 file: %+v", e)
	}
	if e := unFind(t, res, "KPe.001"); len(e.Aliases) != 4 || e.Aliases[3].Name != `"KOMID"` {
		t.Errorf("KPe.001 in 2025 file aliases: %+v", e.Aliases)
	}
}

func TestReadUNXMLOwnFixtureEveryField(t *testing.T) {
	const file = "unxml_small.xml"
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadUNXML(bytes.NewReader(data), file)
	if err != nil {
		t.Fatal(err)
	}
	pos := func(line int) Position { return Position{File: file, Line: line} }
	want := &UNResult{
		DateGenerated: "2025-01-02T03:04:05.678Z",
		Entries: []Entry{{
			List: "un", ID: "KPi.900", Type: "person", Name: "HONG GIL DONG",
			Aliases: []Alias{
				{Name: "홍길동", Type: "aka", Quality: "original_script", Source: pos(13)},
				{Name: "Hong Kil-tong", Type: "aka", Quality: "good", Source: pos(27)},
				{Name: `"Gildong"`, Type: "aka", Quality: "low", Source: pos(31)},
			},
			Programs:      []string{"DPRK"},
			ListedOn:      "2015-04-07",
			Title:         "Dr.; IT worker; Team lead",
			Remarks:       "Works for R & D\nbureau.",
			DOBs:          []string{"1965-04-25", "1970", "1960-1965", "Nov. 1973"},
			POBs:          []string{"Kaesong, Democratic People's Republic of Korea"},
			Nationalities: []string{"Democratic People's Republic of Korea", "China"},
			Gender:        "Male",
			Addresses: []Address{{Street: "Kwangbok Street", City: "Pyongyang", Region: "Mangyongdae",
				Postal: "0000", Country: "Democratic People's Republic of Korea", Remarks: "as of 2024", Source: pos(39)}},
			Documents: []Document{
				{Type: "Passport", Number: "654110043", Country: "Democratic People's Republic of Korea",
					Issued: "2019-01-02", Note: "Diplomatic passport; issued in Pyongyang; Expires on 2 Jan. 2024"},
				{Type: "National Identification Number", Number: "12-34", Country: "China"},
			},
			Source: pos(4),
		}, {
			List: "un", ID: "KPe.900", Type: "organization", Name: "CHOSON EXPO JOINT VENTURE",
			Aliases: []Alias{
				{Name: `"CHOSUN EXPO"`, Type: "aka", Source: pos(102)},
				{Name: "KOREA EXPO", Type: "fka", Source: pos(106)},
				{Name: "조선엑스포", Type: "aka", Quality: "original_script", Source: pos(114)},
			},
			Programs:  []string{"DPRK"},
			ListedOn:  "2023-12-01",
			Remarks:   "Front company.",
			Addresses: []Address{{City: "Shenyang", Country: "China", Source: pos(110)}},
			Source:    pos(96),
		}},
	}
	if !reflect.DeepEqual(res, want) {
		for i := range want.Entries {
			if i < len(res.Entries) && !reflect.DeepEqual(res.Entries[i], want.Entries[i]) {
				t.Errorf("entry %d:\n got %+v\nwant %+v", i, res.Entries[i], want.Entries[i])
			}
		}
		t.Fatalf("result differs: got %d entries, date %q", len(res.Entries), res.DateGenerated)
	}
}

func TestReadUNXMLMalformedNamesFileAndLine(t *testing.T) {
	tests := []struct {
		name, in, wantPrefix, wantText string
	}{
		{"empty input", "", "bad.xml:1:", "no <CONSOLIDATED_LIST>"},
		{"wrong root", "<?xml version='1.0'?>\n<sdnList/>", "bad.xml:2:", "not a UN consolidated list"},
		{"mismatched tag", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>A</SECOND_NAME>\n", "bad.xml:4:", "invalid XML"},
		{"truncated record", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n", "bad.xml:5:", "invalid XML"},
		{"truncated root", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n", "bad.xml:3:", "invalid XML"},
		{"bad entity", "<CONSOLIDATED_LIST>\n\n<ENTITIES><ENTITY><FIRST_NAME>A &bogus; B</FIRST_NAME>", "bad.xml:3:", "invalid XML"},
		{"no reference number", "<CONSOLIDATED_LIST>\n<ENTITIES>\n  <ENTITY><FIRST_NAME>X</FIRST_NAME></ENTITY>\n</ENTITIES></CONSOLIDATED_LIST>", "bad.xml:3:", "no REFERENCE_NUMBER"},
		{"second root", "<CONSOLIDATED_LIST/>\n<CONSOLIDATED_LIST/>", "bad.xml:2:", "second root"},
		{"too deep", "<CONSOLIDATED_LIST>\n<ENTITY>" + strings.Repeat("<A>", unMaxDepth+1), "bad.xml:2:", "nested deeper"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadUNXML(strings.NewReader(tc.in), "bad.xml")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tc.wantPrefix) || !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q, want prefix %q and text %q", err, tc.wantPrefix, tc.wantText)
			}
		})
	}
}

func FuzzReadUNXML(f *testing.F) {
	if data, err := os.ReadFile("testdata/unxml_small.xml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`<CONSOLIDATED_LIST dateGenerated='x'><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>a</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH><FROM_YEAR>1</FROM_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Add([]byte(`<CONSOLIDATED_LIST><ENTITY><REFERENCE_NUMBER>b</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>c</ALIAS_NAME></ENTITY_ALIAS></ENTITY></CONSOLIDATED_LIST>`))
	f.Add([]byte("<CONSOLIDATED_LIST>\n<INDIVIDUAL><LISTED_ON>2015-04-07-04:00</LISTED_ON>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadUNXML(bytes.NewReader(data), "f.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.xml:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		for _, e := range res.Entries {
			if e.List != "un" || e.ID == "" || (e.Type != "person" && e.Type != "organization") ||
				e.Source.File != "f.xml" || e.Source.Line < 1 {
				t.Fatalf("malformed entry %+v", e)
			}
			if e.ListedOn != "" && len(e.ListedOn) != 10 {
				t.Fatalf("ListedOn %q not ISO", e.ListedOn)
			}
			for _, a := range e.Aliases {
				if a.Name == "" || a.Name != strings.TrimSpace(a.Name) {
					t.Fatalf("alias name %q not trimmed", a.Name)
				}
			}
		}
		again, err := ReadUNXML(bytes.NewReader(data), "f.xml")
		if err != nil || !reflect.DeepEqual(res, again) {
			t.Fatalf("second read differs: %v", err)
		}
	})
}

func BenchmarkReadUNXML(b *testing.B) {
	data, _ := unReadReal(b, "UN_consolidated_2026-02-27.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadUNXML(bytes.NewReader(data), "un.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
