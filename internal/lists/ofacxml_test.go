package lists

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const ofxRealFile = "consolidated_sdnList-schema_2025-03-28.xml"

func ofxRead(t testing.TB, path string) *OFACXMLResult {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ReadOFACXML(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestOFACXMLRealFileCountsEveryEntry(t *testing.T) {
	path := filepath.Join(ofacData(t, "ofac-xml"), ofxRealFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Count(raw, []byte("<sdnEntry>")) // independent of the decoder
	res := ofxRead(t, path)
	if len(res.Entries) != want || want != 443 {
		t.Fatalf("entries = %d, <sdnEntry> count = %d, want both 443", len(res.Entries), want)
	}
	if res.RecordCount != want {
		t.Errorf("Record_Count = %d, want %d", res.RecordCount, want)
	}
	if res.PublishDate != "03/28/2025" || res.List != "ofac-cons" {
		t.Errorf("PublishDate %q List %q", res.PublishDate, res.List)
	}
	var akas, weak, addrs, persons int
	for _, e := range res.Entries {
		if e.ID == "" || e.Name == "" || len(e.Programs) == 0 {
			t.Errorf("line %d: incomplete entry %+v", e.Source.Line, e)
		}
		if e.Type == "person" {
			persons++
		}
		akas += len(e.Aliases)
		addrs += len(e.Addresses)
		for _, a := range e.Aliases {
			if a.Quality == "weak" {
				weak++
			}
		}
		for _, d := range e.Documents {
			if ofxIsFact(d.Type) || d.Type == "Email Address" || d.Type == "Website" || d.Type == "Gender" {
				t.Errorf("%s: %q filed as a document", e.ID, d.Type)
			}
		}
	}
	// 1,136 <aka> elements (70 weak), 520 <address>; remarks add no a.k.a. facts in this file.
	if akas != 1136 || weak != 70 || persons != 80 || addrs != 520 {
		t.Errorf("aliases %d (weak %d), persons %d, addresses %d; want 1136 (70), 80, 520", akas, weak, persons, addrs)
	}
}

func TestOFACXMLRealEntryFieldByField(t *testing.T) {
	path := filepath.Join(ofacData(t, "ofac-xml"), ofxRealFile)
	res := ofxRead(t, path)
	var e *Entry
	for i := range res.Entries {
		if res.Entries[i].ID == "17022" {
			e = &res.Entries[i]
		}
	}
	if e == nil {
		t.Fatal("entry 17022 (ROSNEFT) missing")
	}
	if e.Name != "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY" || e.Type != "organization" || e.List != "ofac-cons" {
		t.Errorf("name/type/list: %q %q %q", e.Name, e.Type, e.List)
	}
	if !reflect.DeepEqual(e.Programs, []string{"UKRAINE-EO13662"}) {
		t.Errorf("programs %v", e.Programs)
	}
	wantDocs := []Document{
		{Type: "Registration ID", Number: "1027700043502", Country: "Russia"},
		{Type: "Government Gazette Number", Number: "00044428", Country: "Russia"},
		{Type: "Tax ID No.", Number: "7706107510", Country: "Russia"},
	}
	if !reflect.DeepEqual(e.Documents, wantDocs) {
		t.Errorf("documents\n got %+v\nwant %+v", e.Documents, wantDocs)
	}
	if !reflect.DeepEqual(e.Websites, []string{"www.rosneft.com", "www.rosneft.ru"}) ||
		!reflect.DeepEqual(e.Emails, []string{"postman@rosneft.ru"}) {
		t.Errorf("websites %v emails %v", e.Websites, e.Emails)
	}
	var names []string
	for _, a := range e.Aliases {
		if a.Type != "aka" || a.Quality != "strong" || a.Source.File != path || a.Source.Line <= e.Source.Line {
			t.Errorf("alias %+v", a)
		}
		names = append(names, a.Name)
	}
	if want := []string{"OJSC ROSNEFT OIL COMPANY", "ROSNEFT OIL COMPANY", "OAO ROSNEFT OIL COMPANY", "OIL COMPANY ROSNEFT", "ROSNEFT"}; !reflect.DeepEqual(names, want) {
		t.Errorf("aliases %v", names)
	}
	wantAddr := Address{Street: "26/1 Sofiyskaya Embankment", City: "Moscow", Postal: "115035", Country: "Russia"}
	if len(e.Addresses) != 1 {
		t.Fatalf("addresses %+v", e.Addresses)
	}
	got := e.Addresses[0]
	got.Source = Position{}
	if got != wantAddr {
		t.Errorf("address %+v", got)
	}
	for _, frag := range []string{
		"For more information on directives",
		"; Executive Order 13662 Directive Determination - Subject to Directive 2",
		"; Secondary sanctions risk: Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209",
	} {
		if !strings.Contains(e.Remarks, frag) {
			t.Errorf("remarks lack %q: %q", frag, e.Remarks)
		}
	}
	if e.Source.Line != 3511 {
		t.Errorf("source line %d, want 3511", e.Source.Line)
	}
}

func TestOFACXMLFixtureFillsEveryField(t *testing.T) {
	path := filepath.Join("testdata", "ofacxml_small.xml")
	res := ofxRead(t, path)
	if res.List != "ofac-sdn" || res.PublishDate != "10/24/2025" || res.RecordCount != 3 || len(res.Entries) != 3 {
		t.Fatalf("header: %q %q %d, %d entries", res.List, res.PublishDate, res.RecordCount, len(res.Entries))
	}
	at := func(line int) Position { return Position{path, line} }
	want := Entry{
		List: "ofac-sdn", ID: "55065", Type: "person", Name: "ANDREYEV, Vitaliy Sergeyevich",
		Aliases: []Alias{
			{Name: "ANDREEV, Vitali", Type: "aka", Quality: "strong", Source: at(43)},
			{Name: "VITYA", Type: "fka", Quality: "weak", Source: at(50)},
		},
		Programs:      []string{"DPRK3", "CYBER2"},
		Remarks:       "(Linked To: KOREA SOBAEKSU TRADING COMPANY); Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
		DOBs:          []string{"25 Nov 1983"},
		POBs:          []string{"Vladivostok, Russia"},
		Nationalities: []string{"Russia"},
		Citizenships:  []string{"Russia"},
		Gender:        "Male",
		Addresses: []Address{{Street: "ul. Lenina 1, kv. 2", City: "Vladivostok", Region: "Primorsky Krai",
			Postal: "690000", Country: "Russia", Source: at(58)}},
		Documents: []Document{{Type: "Passport", Number: "754110065", Country: "Russia", Issued: "13 Feb 2024", Expires: "13 Feb 2029"}},
		Wallets:   []Wallet{{Ticker: "XBT", Address: "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T"}},
		Relations: []Relation{{Kind: "linked_to", Name: "KOREA SOBAEKSU TRADING COMPANY", TargetID: "55066"}},
		Source:    at(7),
	}
	if !reflect.DeepEqual(res.Entries[0], want) {
		t.Errorf("entry 0\n got %+v\nwant %+v", res.Entries[0], want)
	}
	org := res.Entries[1]
	if org.Type != "organization" || !reflect.DeepEqual(org.Emails, []string{"sobaeksu@star-co.net.kp"}) ||
		!reflect.DeepEqual(org.Websites, []string{"www.sobaeksu.kp"}) ||
		!reflect.DeepEqual(org.Documents, []Document{{Type: "Registration ID", Number: "1026303117642", Country: "Korea, North"}}) {
		t.Errorf("organization %+v", org)
	}
	ship := res.Entries[2]
	wantV := Vessel{CallSign: "HMXD", Type: "Crude Oil Tanker", Tonnage: "2,000", GRT: "3,000", Flag: "Korea, North",
		Owner: "Korea Chonmasan Shipping Co", IMO: "8660313"}
	if ship.Type != "vessel" || ship.Vessel == nil || *ship.Vessel != wantV {
		t.Errorf("vessel %+v %+v", ship, ship.Vessel)
	}
}

func TestOFACXMLMatchesLocalNamesInAnyNamespace(t *testing.T) {
	for _, ns := range []string{"", ` xmlns="http://tempuri.org/sdnList.xsd"`,
		` xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"`, ` xmlns:o="x"`} {
		prefix := ""
		if strings.Contains(ns, "xmlns:o") {
			prefix = "o:"
		}
		doc := strings.NewReplacer("</", "</"+prefix, "<", "<"+prefix).Replace(
			`<sdnList><sdnEntry><uid>7</uid><lastName>ACME</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>`)
		doc = strings.Replace(doc, "sdnList>", "sdnList"+ns+">", 1)
		res, err := ReadOFACXML(strings.NewReader(doc), "sdn.xml")
		if err != nil {
			t.Fatalf("%s: %v", ns, err)
		}
		if len(res.Entries) != 1 || res.Entries[0].Name != "ACME" || res.RecordCount != -1 {
			t.Errorf("%s: %+v", ns, res)
		}
	}
}

func TestOFACXMLRejectsBadInputWithFileAndLine(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"empty", "", "x.xml:1: no <sdnList>"},
		{"wrong root", "<CONSOLIDATED_LIST/>", "x.xml:1: root element <CONSOLIDATED_LIST>"},
		{"truncated", "<sdnList>\n<sdnEntry>\n<uid>1</uid>", "x.xml:3: "},
		{"bad uid", "<sdnList>\n<sdnEntry><uid>1a</uid><lastName>X</lastName></sdnEntry></sdnList>", `x.xml:2: sdnEntry uid "1a"`},
		{"duplicate uid", "<sdnList>\n<sdnEntry><uid>1</uid><lastName>X</lastName></sdnEntry>\n<sdnEntry><uid>1</uid><lastName>Y</lastName></sdnEntry></sdnList>",
			"x.xml:3: sdnEntry uid 1 already listed on line 2"},
		{"no name", "<sdnList>\n<sdnEntry><uid>1</uid>\n</sdnEntry></sdnList>", "x.xml:3: sdnEntry 1 has no name"},
		{"bad count", "<sdnList><publshInformation>\n<Record_Count>many</Record_Count></publshInformation></sdnList>", `x.xml:2: Record_Count "many"`},
		{"deep", "<sdnList>" + strings.Repeat("<a>", 40), "nested deeper than 32"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadOFACXML(strings.NewReader(c.doc), "x.xml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func FuzzReadOFACXML(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "ofacxml_small.xml")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName><idList><id><idType>Digital Currency Address - </idType></id></idList></sdnEntry></sdnList>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ReadOFACXML(bytes.NewReader(b), "fuzz.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.xml:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		again, err := ReadOFACXML(bytes.NewReader(b), "fuzz.xml")
		if err != nil || !reflect.DeepEqual(res, again) {
			t.Fatalf("not deterministic: %v", err)
		}
		seen := map[string]bool{}
		for _, e := range res.Entries {
			if e.Name == "" || seen[e.ID] || e.Type == "" {
				t.Fatalf("ill-formed entry %+v", e)
			}
			seen[e.ID] = true
			for _, w := range e.Wallets {
				if w.Ticker == "" || w.Address == "" {
					t.Fatalf("empty wallet %+v", w)
				}
			}
		}
	})
}

func BenchmarkReadOFACXML(b *testing.B) {
	path := filepath.Join(ofacData(b, "ofac-xml"), ofxRealFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadOFACXML(bytes.NewReader(raw), path); err != nil {
			b.Fatal(err)
		}
	}
}
