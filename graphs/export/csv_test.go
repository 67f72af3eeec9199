package export

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readCSV reads a whole CSV file (multi-line fields included) as records.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	recs, err := r.ReadAll() // also checks every row has the header's width
	if err != nil {
		t.Fatalf("%s is not valid CSV: %v", path, err)
	}
	return recs
}

// byColumn turns records into one map per row, keyed by header name.
func byColumn(recs [][]string) []map[string]string {
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func TestCSVReadBack(t *testing.T) {
	sg := caseFixture()
	dir := exportFile(t, sg, "csv", "case-csv")
	nodes := readCSV(t, filepath.Join(dir, NodesFile))
	wantHeader := []string{"key", "kind", "label", "designated", "list", "programs", "sources", "degree", "betweenness", "component", "hidden", "attrs"}
	if !slices.Equal(nodes[0], wantHeader) {
		t.Errorf("nodes header %q, want %q", nodes[0], wantHeader)
	}
	want := fixtureNodes(sg)
	rows := byColumn(nodes)
	if len(rows) != len(want) {
		t.Fatalf("%d node rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		w, ok := want[r["key"]]
		if !ok {
			t.Fatalf("row key %q is not a fixture key", r["key"])
		}
		// Labels starting = + - @ ("@kimsm", the client's formula) are defused.
		if r["label"] != defuseFormula(w.label) || r["kind"] != w.kind || r["designated"] != boolText(w.designated) {
			t.Errorf("%s read back as %v", w.key, r)
		}
	}
	get := func(key string) map[string]string {
		for _, r := range rows {
			if r["key"] == key {
				return r
			}
		}
		t.Fatalf("no row for %s", key)
		return nil
	}
	if got := get(kContractor)["label"]; got != hostileShown {
		t.Errorf("hostile label read back as %q, want %q", got, hostileShown)
	}
	// A formula from a record is defused: the spreadsheet shows it as text.
	if got := get(kClient)["label"]; got != "'"+formulaLabel {
		t.Errorf("formula label written as %q, want it behind an apostrophe", got)
	}
	if p := get(kPerson); p["programs"] != "DPRK3; DPRK-NKSPEA" || p["list"] != "OFAC SDN" || p["betweenness"] != "2" {
		t.Errorf("designated row %v", p)
	}
	if h := get(kIP)["hidden"]; h != "1200 hidden: paid 2, uses 1198" {
		t.Errorf("hub summary %q", h)
	}

	edges := readCSV(t, filepath.Join(dir, EdgesFile))
	if !slices.Equal(edges[0], []string{"src", "kind", "dst", "attrs", "sources"}) {
		t.Errorf("edges header %q", edges[0])
	}
	if len(edges)-1 != len(sg.Edges) {
		t.Errorf("%d edge rows, want %d", len(edges)-1, len(sg.Edges))
	}
	for _, r := range byColumn(edges) {
		if _, ok := want[r["src"]]; !ok {
			t.Errorf("edge from unknown node %q", r["src"])
		}
		if _, ok := want[r["dst"]]; !ok {
			t.Errorf("edge to unknown node %q", r["dst"])
		}
	}
}

func TestDefuseFormula(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+49 30 1234", "'+49 30 1234"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"Kim", "Kim"},
		{"a=b", "a=b"},
		{"", ""},
		{koreanLabel, koreanLabel},
	} {
		if got := defuseFormula(tc.in); got != tc.want {
			t.Errorf("defuseFormula(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNeo4jImportFiles(t *testing.T) {
	sg := caseFixture()
	dir := exportFile(t, sg, "neo4j", "case-neo4j")
	nodes := readCSV(t, filepath.Join(dir, NodesFile))
	edges := readCSV(t, filepath.Join(dir, EdgesFile))

	// Header rules of neo4j-admin database import: name:type, one :ID, a
	// :LABEL column; relationships with :START_ID, :END_ID and :TYPE.
	types := map[string]bool{"": true, "int": true, "long": true, "float": true, "double": true, "boolean": true,
		"byte": true, "short": true, "char": true, "string": true, "ID": true, "LABEL": true,
		"START_ID": true, "END_ID": true, "TYPE": true, "string[]": true}
	count := func(header []string, typ string) int {
		n := 0
		for _, h := range header {
			name, t, _ := strings.Cut(h, ":")
			_ = name
			if t == typ {
				n++
			}
		}
		return n
	}
	for _, header := range [][]string{nodes[0], edges[0]} {
		for _, h := range header {
			name, typ, _ := strings.Cut(h, ":")
			if !types[typ] || strings.ContainsAny(name, " ,;\"") {
				t.Errorf("header field %q is not name:type", h)
			}
		}
	}
	if count(nodes[0], "ID") != 1 || count(nodes[0], "LABEL") != 1 {
		t.Errorf("nodes header %q needs one :ID and one :LABEL", nodes[0])
	}
	for _, typ := range []string{"START_ID", "END_ID", "TYPE"} {
		if count(edges[0], typ) != 1 {
			t.Errorf("edges header %q needs one :%s", edges[0], typ)
		}
	}
	wantNodes := "key:ID,label,kind,designated:boolean,list,programs:string[],sources:string[],degree:int,betweenness:double,component:int,:LABEL"
	if got := strings.Join(nodes[0], ","); !strings.HasPrefix(got, wantNodes) {
		t.Errorf("nodes header %s, want it to start %s", got, wantNodes)
	}
	if got := strings.Join(edges[0], ","); got != ":START_ID,:END_ID,:TYPE,attrs,sources:string[]" {
		t.Errorf("edges header %s", got)
	}

	ids := map[string]bool{}
	for _, r := range byColumn(nodes) {
		if ids[r["key:ID"]] {
			t.Errorf("duplicate :ID %q", r["key:ID"])
		}
		ids[r["key:ID"]] = true
		if r["designated:boolean"] != "true" && r["designated:boolean"] != "false" {
			t.Errorf("boolean %q", r["designated:boolean"])
		}
		for _, l := range strings.Split(r[":LABEL"], ";") {
			if l == "" || !isASCIIAlnum(rune(l[0])) || strings.ContainsAny(l, " _-:") {
				t.Errorf("label %q of %s is not CamelCase", l, r["key:ID"])
			}
		}
		switch r["key:ID"] {
		case kPerson:
			if r[":LABEL"] != "Person;Designated" || r["programs:string[]"] != "DPRK3;DPRK-NKSPEA" {
				t.Errorf("designated person: labels %q programs %q", r[":LABEL"], r["programs:string[]"])
			}
		case kContractor:
			if r["label"] != hostileShown || r[":LABEL"] != "Contractor" {
				t.Errorf("contractor label %q labels %q", r["label"], r[":LABEL"])
			}
			// The array delimiter inside a value would split it: it is replaced.
			if srcs := strings.Split(r["sources:string[]"], ";"); len(srcs) != 2 || srcs[1] != "contractors；2024.csv:9" {
				t.Errorf("sources array %q", r["sources:string[]"])
			}
		case kClient:
			if r["label"] != formulaLabel {
				t.Errorf("neo4j keeps the value as stored; got %q", r["label"])
			}
		}
	}
	for _, r := range byColumn(edges) {
		if !ids[r[":START_ID"]] || !ids[r[":END_ID"]] {
			t.Errorf("relationship %v refers to a missing node", r)
		}
		if r[":TYPE"] != strings.ToUpper(r[":TYPE"]) || strings.ContainsAny(r[":TYPE"], " -:") {
			t.Errorf("type %q is not UPPER_SNAKE", r[":TYPE"])
		}
	}
	if !slices.ContainsFunc(byColumn(edges), func(r map[string]string) bool { return r[":TYPE"] == "PAYOUT_TO" }) {
		t.Error("no PAYOUT_TO relationship")
	}
}

func TestNeo4jNames(t *testing.T) {
	for _, tc := range []struct{ kind, label, typ string }{
		{"contractor", "Contractor", "CONTRACTOR"},
		{"payout_to", "PayoutTo", "PAYOUT_TO"},
		{"located_at", "LocatedAt", "LOCATED_AT"},
		{"ip", "Ip", "IP"},
		{"", "Node", "LINKED"},
		{"ü", "Node", "LINKED"},
		{"3d", "Node3d", "3D"},
	} {
		if got := neo4jLabel(tc.kind); got != tc.label {
			t.Errorf("neo4jLabel(%q) = %q, want %q", tc.kind, got, tc.label)
		}
		if got := neo4jType(tc.kind); got != tc.typ {
			t.Errorf("neo4jType(%q) = %q, want %q", tc.kind, got, tc.typ)
		}
	}
}
