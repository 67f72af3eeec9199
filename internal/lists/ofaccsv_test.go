package lists

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// ofacData returns a folder of the shared real OFAC files, or skips the test.
func ofacData(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data %s absent (needs ../shared/data next to the repo): %v", dir, err)
	}
	return dir
}

// countDataLines counts lines starting with a digit: one per record, since OFAC
// records hold no embedded newlines. Independent of the csv reader under test.
func countDataLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if b := sc.Bytes(); len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
			n++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkRowsKept asserts that every add/alt row is in an entry or among the orphans.
func checkRowsKept(t *testing.T, res *OFACResult, addPath, altPath string) {
	t.Helper()
	var addrs, aliases, orphAddr, orphAlias int
	for i := range res.Entries {
		addrs += len(res.Entries[i].Addresses)
		for _, a := range res.Entries[i].Aliases {
			if a.Quality != "weak" {
				aliases++
			}
		}
	}
	for _, o := range res.Orphans {
		switch o.Kind {
		case "address":
			orphAddr++
		case "alias":
			orphAlias++
		}
	}
	if want := countDataLines(t, addPath); addrs+orphAddr != want {
		t.Errorf("addresses %d + orphans %d != %d rows in %s", addrs, orphAddr, want, addPath)
	}
	if want := countDataLines(t, altPath); aliases+orphAlias != want {
		t.Errorf("aliases %d + orphans %d != %d rows in %s", aliases, orphAlias, want, altPath)
	}
}

func findEntry(t *testing.T, res *OFACResult, id string) *Entry {
	t.Helper()
	for i := range res.Entries {
		if res.Entries[i].ID == id {
			return &res.Entries[i]
		}
	}
	t.Fatalf("entry %s not found", id)
	return nil
}

func checkSorted(t *testing.T, res *OFACResult) {
	t.Helper()
	for i := 1; i < len(res.Entries); i++ {
		a, b := res.Entries[i-1].ID, res.Entries[i].ID
		if len(a) > len(b) || (len(a) == len(b) && a >= b) {
			t.Fatalf("entries out of ent_num order: %s before %s", a, b)
		}
	}
}

func TestReadOFACCSVFullSDN2023(t *testing.T) {
	dir := ofacData(t, "ofac-csv/2023-12-29")
	res, err := ReadOFACCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.List != "ofac-sdn" || len(res.Entries) != 13821 || len(res.Files) != 4 {
		t.Fatalf("list %q, %d entries, %d files; want ofac-sdn, 13821, 4", res.List, len(res.Entries), len(res.Files))
	}
	checkSorted(t, res)
	checkRowsKept(t, res, filepath.Join(dir, "add.csv"), filepath.Join(dir, "alt.csv"))

	types := map[string]int{}
	for i := range res.Entries {
		types[res.Entries[i].Type]++
	}
	if want := map[string]int{"person": 6646, "organization": 6033, "vessel": 764, "aircraft": 378}; !reflect.DeepEqual(types, want) {
		t.Errorf("types %v, want %v", types, want)
	}

	// 12300 has an overflow row but no sdn.csv row in this copy.
	var orphanComment bool
	for _, o := range res.Orphans {
		if o.Kind == "comment" && o.EntNum == "12300" && o.Line == 1 && strings.HasPrefix(o.Text, "Z S.A.S.; Linked To:") {
			orphanComment = true
		}
	}
	if !orphanComment {
		t.Errorf("comment orphan 12300 missing: %+v", res.Orphans)
	}

	// 28263's remarks break inside a weak a.k.a. and continue in sdn_comments.csv.
	tian := findEntry(t, res, "28263")
	if !strings.HasSuffix(tian.Remarks, "a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.") {
		t.Errorf("28263 overflow not joined: ...%s", tian.Remarks[len(tian.Remarks)-80:])
	}
	var weak []string
	for _, a := range tian.Aliases {
		if a.Quality == "weak" {
			weak = append(weak, a.Name)
		}
	}
	if !reflect.DeepEqual(weak, []string{"tianyinyin0404", "snowsjohn"}) {
		t.Errorf("28263 weak aliases %q", weak)
	}
	if want := []Relation{{Kind: "linked_to", Name: "LAZARUS GROUP", TargetID: "27307"}}; !reflect.DeepEqual(tian.Relations, want) {
		t.Errorf("28263 relations %+v, want %+v", tian.Relations, want)
	}
	if len(tian.Wallets) != 8 {
		t.Errorf("28263 wallets %d, want 8", len(tian.Wallets))
	}

	laz := findEntry(t, res, "27307")
	if len(laz.Wallets) != 8 {
		t.Errorf("LAZARUS wallets %d, want 8: %+v", len(laz.Wallets), laz.Wallets)
	}
	for _, w := range laz.Wallets {
		if w.Ticker != "ETH" || !strings.HasPrefix(w.Address, "0x") || len(w.Address) != 42 {
			t.Errorf("LAZARUS wallet %+v not an ETH address", w)
		}
	}
	if laz.Wallets[0].Address != "0x098B716B8Aaf21512996dC57EB0615e2383E2f96" {
		t.Errorf("LAZARUS first wallet %+v", laz.Wallets[0])
	}
	var lazWeak int
	for _, a := range laz.Aliases {
		if a.Quality == "weak" {
			lazWeak++
		}
	}
	if lazWeak != 11 || laz.Aliases[len(laz.Aliases)-1].Name != "APPLEWORM" {
		t.Errorf("LAZARUS weak aliases %d (want 11), last %+v", lazWeak, laz.Aliases[len(laz.Aliases)-1])
	}
}

func TestReadOFACCSVYanbianSilverstar(t *testing.T) {
	dir := ofacData(t, "ofac-csv/2023-12-29")
	res, err := ReadOFACCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	e := findEntry(t, res, "24977")
	sdn, add, alt := filepath.Join(dir, "sdn.csv"), filepath.Join(dir, "add.csv"), filepath.Join(dir, "alt.csv")
	if e.Name != "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD." || e.Type != "organization" ||
		!reflect.DeepEqual(e.Programs, []string{"DPRK3", "DPRK4"}) || e.Title != "" || e.Vessel != nil ||
		e.Source != (Position{sdn, 5835}) {
		t.Errorf("24977 header: %+v", e)
	}
	wantAliases := []Alias{
		{"YANBIAN SILVERSTAR", "aka", "strong", Position{alt, 9284}},
		{"YANBIAN SILVER STAR", "aka", "strong", Position{alt, 9285}},
		{"SILVER STAR INTERNET TECHNOLOGY CORPORATION", "aka", "strong", Position{alt, 9286}},
		{"CHINA SILVER STAR INTERNET TECHNOLOGY COMPANY", "aka", "strong", Position{alt, 9287}},
		{"UNSONG INTERNET TECHNOLOGY CORPORATION", "aka", "strong", Position{alt, 9288}},
		{"YANJI SILVER STAR NETWORK TECHNOLOGY CO. LTD.", "aka", "strong", Position{alt, 9289}},
		{"SILVER STAR CHINA", "aka", "strong", Position{alt, 9290}},
	}
	if !reflect.DeepEqual(e.Aliases, wantAliases) {
		t.Errorf("24977 aliases\n got %+v\nwant %+v", e.Aliases, wantAliases)
	}
	wantAddrs := []Address{
		{Street: "20998B-26 Changbaishan East Road", City: "Yanji, Jilin", Country: "China", Source: Position{add, 9280}},
		{Street: "No. 213-214,  Building 2, Science and Technology Industrial Park, Yanji Development Zone", Country: "China", Source: Position{add, 9281}},
		{Street: "Chang Bai Shan Dong Lu, 20998B-26Hao", City: "Yanji, Jilin 133000", Country: "China", Source: Position{add, 9282}},
	}
	if !reflect.DeepEqual(e.Addresses, wantAddrs) {
		t.Errorf("24977 addresses\n got %+v\nwant %+v", e.Addresses, wantAddrs)
	}
	if want := []Document{{Type: "USCC", Number: "91222401MA0Y31E659", Country: "China"}}; !reflect.DeepEqual(e.Documents, want) {
		t.Errorf("24977 documents %+v", e.Documents)
	}
}

func TestReadOFACCSVCurrentMergedLazarus(t *testing.T) {
	dir := ofacData(t, "ofac-csv/current-merged")
	res, err := ReadOFACCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 15482 {
		t.Errorf("%d entries, want 15482", len(res.Entries))
	}
	checkRowsKept(t, res, filepath.Join(dir, "add.csv"), filepath.Join(dir, "alt.csv"))
	laz := findEntry(t, res, "27307")
	tickers := map[string]int{}
	for _, w := range laz.Wallets {
		tickers[w.Ticker]++
	}
	if len(laz.Wallets) != 8 || tickers["ETH"] != 8 {
		t.Errorf("LAZARUS wallets %v", tickers)
	}
}

func TestReadOFACCSVConsolidated(t *testing.T) {
	dir := ofacData(t, "ofac-consolidated-csv/2025-12-19")
	res, err := ReadOFACCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.List != "ofac-cons" || len(res.Entries) != 442 || len(res.Files) != 4 {
		t.Fatalf("list %q, %d entries, %d files; want ofac-cons, 442, 4", res.List, len(res.Entries), len(res.Files))
	}
	checkSorted(t, res)
	checkRowsKept(t, res, filepath.Join(dir, "cons_add.csv"), filepath.Join(dir, "cons_alt.csv"))
	for i := range res.Entries {
		if res.Entries[i].List != "ofac-cons" || len(res.Entries[i].Programs) == 0 {
			t.Fatalf("entry %+v", res.Entries[i])
		}
	}
}

func TestReadOFACCSVOtherRealSets(t *testing.T) {
	for _, tc := range []struct {
		sub     string
		entries int
	}{
		{"ofac-csv/tiny-sample", 17},
		{"ofac-csv/2019-01-15", 7379}, // LF endings, no Ctrl-Z line
		{"ofac-csv/2021-07-07", 8976},
		{"ofac-csv/2024-07-02", 15443}, // sdn.csv alone
	} {
		t.Run(tc.sub, func(t *testing.T) {
			dir := ofacData(t, tc.sub)
			res, err := ReadOFACCSV(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Entries) != tc.entries {
				t.Errorf("%d entries, want %d", len(res.Entries), tc.entries)
			}
			checkSorted(t, res)
			if add := filepath.Join(dir, "add.csv"); fileExists(add) {
				checkRowsKept(t, res, add, filepath.Join(dir, "alt.csv"))
			}
		})
	}
}

func TestReadOFACCSVMalformedNamesFileAndLine(t *testing.T) {
	dir := ofacData(t, "ofac-csv/invalid-malformed")
	_, err := ReadOFACCSV(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "sdn.csv")+":7380:") {
		t.Fatalf("error %v, want one naming sdn.csv:7380", err)
	}
}

func TestReadOFACCSVFixture(t *testing.T) {
	dir := filepath.Join("testdata", "ofaccsv_basic")
	res, err := ReadOFACCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	sdn := filepath.Join(dir, "sdn.csv")
	if ids := []string{res.Entries[0].ID, res.Entries[1].ID, res.Entries[2].ID}; len(res.Entries) != 3 || !reflect.DeepEqual(ids, []string{"10", "20", "30"}) {
		t.Fatalf("entries not sorted by ent_num: %+v", res.Entries)
	}
	kim, ship, acme := &res.Entries[0], &res.Entries[1], &res.Entries[2]
	if kim.Type != "person" || kim.Source != (Position{sdn, 2}) || kim.Title != "" {
		t.Errorf("kim %+v", kim)
	}
	if want := []Document{{Type: "Passport", Number: "12345", Country: "Korea, North", Issued: "02 Feb 2020", Expires: "02 Feb 2025"}}; !reflect.DeepEqual(kim.Documents, want) {
		t.Errorf("kim documents %+v", kim.Documents)
	}
	// The remarks' final "." is stripped, so "C.V." is matched with its dot restored.
	if len(kim.Relations) != 1 || kim.Relations[0].TargetID != "30" {
		t.Errorf("kim relations %+v", kim.Relations)
	}
	if want := (&Vessel{CallSign: "HMXX7", Type: "General Cargo", Tonnage: "2,489", GRT: "1,500", Flag: "Korea, North", Owner: "KOREA SHIPPING CO.", IMO: "9187629"}); ship.Type != "vessel" || !reflect.DeepEqual(ship.Vessel, want) {
		t.Errorf("ship %+v vessel %+v", ship, ship.Vessel)
	}
	if !reflect.DeepEqual(ship.Programs, []string{"DPRK", "DPRK2"}) {
		t.Errorf("ship programs %q", ship.Programs)
	}
	if acme.Type != "organization" || acme.Documents[0] != (Document{Type: "US FEIN", Number: "CH-217-0-431-423-3"}) {
		t.Errorf("acme %+v", acme)
	}
	if want := []Wallet{{"XBT", "1AAA"}, {"ETH", "0xABC"}}; !reflect.DeepEqual(acme.Wallets, want) {
		t.Errorf("acme wallets %+v (overflow split inside a wallet)", acme.Wallets)
	}
	if len(acme.Aliases) != 1 || acme.Aliases[0] != (Alias{"ACME", "aka", "weak", Position{sdn, 3}}) {
		t.Errorf("acme aliases %+v", acme.Aliases)
	}
	if want := []Address{{Country: "Mexico", Source: Position{filepath.Join(dir, "add.csv"), 2}}}; !reflect.DeepEqual(acme.Addresses, want) {
		t.Errorf("acme addresses %+v", acme.Addresses)
	}
	wantOrphans := []Orphan{
		{filepath.Join(dir, "sdn_comments.csv"), 2, "97", "comment", "lost overflow"},
		{filepath.Join(dir, "add.csv"), 3, "99", "address", "Nowhere Rd"},
		{filepath.Join(dir, "alt.csv"), 3, "98", "alias", "GHOST"},
	}
	if !reflect.DeepEqual(res.Orphans, wantOrphans) {
		t.Errorf("orphans\n got %+v\nwant %+v", res.Orphans, wantOrphans)
	}
}

func TestReadOFACCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name, sdn, want string
	}{
		{"wrong field count", "1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n2,\"B\"\r\n", "sdn.csv:2: 2 fields, want 12"},
		{"non-numeric ent_num", "x1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "sdn.csv:1: ent_num"},
		{"duplicate ent_num", "1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\n1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "sdn.csv:3: ent_num 1 already listed on line 1"},
		{"ent_num with leading zero", "00,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", "sdn.csv:1: ent_num \"00\" is not a number"},
		{"bare quote", "1,\"A\"x,-0- \n", "sdn.csv:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "sdn.csv"), []byte(tc.sdn), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := ReadOFACCSV(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := ReadOFACCSV(t.TempDir()); err == nil {
		t.Error("empty folder read without error")
	}
}

func FuzzReadOFACCSV(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "ofaccsv_basic", "sdn.csv")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("1,\"A\",-0- ,\"X] [Y\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'B'; Linked To: A.\"\r\n\x1a"))
	f.Add([]byte("||||\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "sdn.csv"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := ReadOFACCSV(dir)
		if err != nil {
			if !strings.Contains(err.Error(), "sdn.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkSorted(t, res)
		for i := range res.Entries {
			e := &res.Entries[i]
			if e.List != "ofac-sdn" || e.ID == "" || e.Type == "" || e.Source.Line < 1 {
				t.Fatalf("malformed entry %+v", e)
			}
			for _, r := range e.Relations {
				if r.TargetID != "" && r.TargetID != findEntry(t, res, r.TargetID).ID {
					t.Fatalf("relation to unknown id %+v", r)
				}
			}
		}
	})
}

func BenchmarkReadOFACCSV(b *testing.B) {
	dir := ofacData(b, "ofac-csv/2023-12-29")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadOFACCSV(dir); err != nil {
			b.Fatal(err)
		}
	}
}
