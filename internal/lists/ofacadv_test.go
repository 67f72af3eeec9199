package lists

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const advRealFile = "cons_advanced_2020-03-17.xml"

func TestOFACAdvancedRealFileJoinsEveryParty(t *testing.T) {
	path := filepath.Join(ofacData(t, "ofac-xml"), advRealFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadOFACAdvanced(bytes.NewReader(raw), path)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Count(raw, []byte("<DistinctParty ")) // independent of the decoder
	if len(res.Entries) != want || want != 375 || res.List != "ofac-cons" {
		t.Fatalf("entries %d, <DistinctParty> %d, list %q; want 375", len(res.Entries), want, res.List)
	}
	var akas, rels, docs int
	for _, e := range res.Entries {
		if e.Name == "" || len(e.Programs) == 0 || e.Type == "" {
			t.Errorf("incomplete entry %+v", e)
		}
		akas += len(e.Aliases)
		rels += len(e.Relations)
		docs += len(e.Documents)
	}
	// 1,290 <Alias> less one primary name per party; 276 relationships; 573 ID documents.
	if akas != 1290-375 || rels != 276 || docs != 573 {
		t.Errorf("aliases %d relations %d documents %d", akas, rels, docs)
	}
	byID := map[string]Entry{}
	for _, e := range res.Entries {
		byID[e.ID] = e
	}
	h := byID["9639"]
	if h.Name != "HANIYA, Ismail Abdul Salah" || h.Type != "person" || !reflect.DeepEqual(h.Programs, []string{"NS-PLC"}) ||
		!reflect.DeepEqual(h.DOBs, []string{"1962"}) || !reflect.DeepEqual(h.POBs, []string{"Shati"}) || h.Source.Line != 13830 {
		t.Errorf("9639: %+v", h)
	}
	var names []string
	for _, a := range h.Aliases {
		if a.Type != "aka" || a.Quality != "strong" {
			t.Errorf("alias %+v", a)
		}
		names = append(names, a.Name)
	}
	if !reflect.DeepEqual(names, []string{"HANIYA, Ismail", "HANIYYA, Ismaeel"}) {
		t.Errorf("aliases %v", names)
	}
	s := byID["18269"]
	wantRel := []Relation{{Kind: "owned_or_controlled_by", Name: "Open Joint-Stock Company Rosneft Oil Company", TargetID: "17022"}}
	if s.Name != "OJSC SAMOTLORNEFTEGAZ" || !reflect.DeepEqual(s.Relations, wantRel) || !reflect.DeepEqual(s.Emails, []string{"NVSNGinfo@rosneft.ru"}) {
		t.Errorf("18269: %+v", s)
	}
	tnk := byID["28603"]
	if len(tnk.Documents) != 2 || tnk.Documents[0] != (Document{Type: "V.A.T. Number", Number: "CHE-267.936.404", Country: "Switzerland"}) ||
		!reflect.DeepEqual(tnk.Programs, []string{"UKRAINE-EO13662", "VENEZUELA-EO13850"}) {
		t.Errorf("28603: %+v", tnk)
	}
}

const advSmall = `<Sanctions xmlns="http://www.un.org/sanctions/1.0">
<ReferenceValueSets>
<AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
<FeatureTypeValues><FeatureType ID="345">Digital Currency Address - XBT</FeatureType><FeatureType ID="8">Birthdate</FeatureType></FeatureTypeValues>
<NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType></NamePartTypeValues>
<PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
<PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
</ReferenceValueSets>
<DistinctParties><DistinctParty FixedRef="1">
<Profile ID="1" PartySubTypeID="4"><Identity ID="9">
<Alias AliasTypeID="1403" Primary="true"><DocumentedName><DocumentedNamePart><NamePartValue NamePartGroupID="2">Sang Man</NamePartValue></DocumentedNamePart><DocumentedNamePart><NamePartValue NamePartGroupID="1">KIM</NamePartValue></DocumentedNamePart></DocumentedName></Alias>
<Alias AliasTypeID="1400" Primary="false" LowQuality="true"><DocumentedName><DocumentedNamePart><NamePartValue NamePartGroupID="3">KIMMY</NamePartValue></DocumentedNamePart></DocumentedName></Alias>
<NamePartGroups><MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520"/></MasterNamePartGroup><MasterNamePartGroup><NamePartGroup ID="2" NamePartTypeID="1521"/></MasterNamePartGroup></NamePartGroups>
</Identity>
<Feature FeatureTypeID="345"><FeatureVersion><VersionDetail DetailTypeID="1432">1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T</VersionDetail></FeatureVersion></Feature>
<Feature FeatureTypeID="8"><FeatureVersion><DatePeriod><Start><From><Year>1965</Year><Month>4</Month><Day>25</Day></From></Start><End><To><Year>1965</Year><Month>4</Month><Day>25</Day></To></End></DatePeriod></FeatureVersion></Feature>
</Profile></DistinctParty></DistinctParties>
</Sanctions>`

func TestOFACAdvancedFixtureNamesWalletsDates(t *testing.T) {
	res, err := ReadOFACAdvanced(strings.NewReader(advSmall), "sdn_advanced.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := Entry{List: "ofac-sdn", ID: "1", Type: "person", Name: "KIM, Sang Man",
		Aliases: []Alias{{Name: "KIMMY", Type: "aka", Quality: "weak", Source: Position{"sdn_advanced.xml", 12}}},
		DOBs:    []string{"1965-04-25"}, Wallets: []Wallet{{Ticker: "XBT", Address: "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T"}},
		Source: Position{"sdn_advanced.xml", 10}}
	if len(res.Entries) != 1 || !reflect.DeepEqual(res.Entries[0], want) {
		t.Errorf("got %+v\nwant %+v", res.Entries, want)
	}
}

func TestOFACAdvancedRejectsBadInputWithFileAndLine(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"empty", "", "a.xml:1: no <Sanctions>"},
		{"wrong root", "<sdnList/>", "a.xml:1: root element <sdnList>"},
		{"bad profile", "<Sanctions>\n<DistinctParties><DistinctParty><Profile ID=\"x\"/>", `a.xml:2: Profile ID "x"`},
		{"duplicate profile", "<Sanctions><DistinctParties>\n<DistinctParty><Profile ID=\"1\"/></DistinctParty>\n<DistinctParty><Profile ID=\"1\"/>", "a.xml:3: Profile ID 1 listed twice"},
		{"truncated", "<Sanctions>\n<DistinctParties>", "a.xml:2: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadOFACAdvanced(strings.NewReader(c.doc), "a.xml")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func FuzzReadOFACAdvanced(f *testing.F) {
	f.Add([]byte(advSmall))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ReadOFACAdvanced(bytes.NewReader(b), "fuzz.xml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.xml:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		again, err := ReadOFACAdvanced(bytes.NewReader(b), "fuzz.xml")
		if err != nil || !reflect.DeepEqual(res, again) {
			t.Fatalf("not deterministic: %v", err)
		}
		for _, e := range res.Entries {
			if e.ID == "" || e.Type == "" {
				t.Fatalf("ill-formed entry %+v", e)
			}
		}
	})
}

func BenchmarkReadOFACAdvanced(b *testing.B) {
	path := filepath.Join(ofacData(b, "ofac-xml"), advRealFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadOFACAdvanced(bytes.NewReader(raw), path); err != nil {
			b.Fatal(err)
		}
	}
}
