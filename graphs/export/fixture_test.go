package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
)

// Labels written by the people under investigation: markup, quotes, a line
// break, a terminal colour escape, and Korean and Cyrillic script.
const (
	hostileLabel = `He said "hi" <b>&` + "\nsecond line \x1b[31mred\x1b[0m"
	// hostileShown is hostileLabel as every export must read back: the escape
	// bytes become the visible text \x1b, everything else is kept.
	hostileShown  = `He said "hi" <b>&` + "\nsecond line " + `\x1b[31mred\x1b[0m`
	koreanLabel   = "김상만"
	cyrillicLabel = "Андреев"
	formulaLabel  = `=HYPERLINK("http://evil.example/x","click")`
)

// Keys of the fixture's nodes.
const (
	kContractor = "contractor:FL-000417"
	kEmail      = "email:kim.sm@example.com"
	kIP         = "ip:203.0.113.7"
	kHandle     = "handle:telegram:kimsm"
	kAddress    = "address:potonggang pyongyang kp"
	kAccount    = "account:iban:DE89370400440532013000"
	kAccount2   = "account:raw:40817810099910004312"
	kWallet     = "wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7"
	kClient     = "client:acme-ventures"
	kPerson     = "person:ofac-sdn:36123"
	kPerson2    = "person:un:KPi.077"
	kName       = "name:kim sang man"
	kDocument   = "document:PD836410025"
)

// caseFixture is a small case: a contractor with an email, an IP (a hub with
// hidden neighbours), a handle, an address, a bank account and a wallet; a
// client paying the account in two currencies; a transfer; a designated
// person sharing the contractor's email, with an alias, a passport and a
// linked designated person.
func caseFixture() *graphs.Subgraph {
	sg := graphs.New(`Case 7: "Kim" <ring> & co`)
	sg.Notes = []string{"hub " + kIP + ": 1200 neighbours summarised"}
	src := func(path string, line int, field string) []store.Assertion {
		return []store.Assertion{{Path: path, Line: line, Field: field}}
	}
	nodes := []*graphs.Node{
		{Key: kContractor, Kind: store.KindContractor, Label: hostileLabel,
			Attrs:   map[string]any{"country_code": "KP", "name": hostileLabel, "extra": map[string]any{"note": "\x1b]0;pwned\x07"}},
			Sources: []store.Assertion{{Path: "contractors.csv", Line: 2, Field: "name"}, {Path: "contractors;2024.csv", Line: 9}},
			Degree:  7, Betweenness: 0.4166666666666667, Component: 1},
		{Key: kEmail, Kind: store.KindEmail, Label: "kim.sm@example.com", Degree: 2, Component: 1},
		{Key: kIP, Kind: store.KindIP, Label: "203.0.113.7", Hidden: map[string]int{"uses": 1198, "paid": 2}, Degree: 1201, Component: 1},
		{Key: kHandle, Kind: store.KindHandle, Label: "@kimsm", Attrs: map[string]any{"platform": "telegram"}, Degree: 1, Component: 1},
		{Key: kAddress, Kind: store.KindAddress, Label: "Potonggang, Pyongyang", Attrs: map[string]any{"country": "KP"}, Degree: 1, Component: 1},
		{Key: kAccount, Kind: store.KindAccount, Label: "DE89 3704 0044 0532 0130 00",
			Attrs: map[string]any{"iban_valid": true, "country": "DE"}, Degree: 4, Betweenness: 1.5, Component: 1},
		{Key: kAccount2, Kind: store.KindAccount, Label: "40817810099910004312", Degree: 1, Component: 1},
		{Key: kWallet, Kind: store.KindWallet, Label: "0x52908400098527886E0F7030069857D2E4169EE7", Attrs: map[string]any{"chain": "eth"}, Degree: 1, Component: 1},
		{Key: kClient, Kind: store.KindClient, Label: formulaLabel, Sources: src("ledger.csv", 4, "payer"), Degree: 1, Component: 1},
		{Key: kPerson, Kind: store.KindPerson, Label: koreanLabel, Designated: true, List: "OFAC SDN",
			Programs: []string{"DPRK3", "DPRK-NKSPEA"}, Sources: src("sdn.xml", 88123, ""), Degree: 4, Betweenness: 2, Component: 1},
		{Key: kPerson2, Kind: store.KindPerson, Label: cyrillicLabel, Designated: true, List: "UN SC", Programs: []string{"DPRK"}, Degree: 1, Component: 1},
		{Key: kName, Kind: store.KindName, Label: "Kim Sang Man", Degree: 1, Component: 1},
		{Key: kDocument, Kind: store.KindDocument, Label: "Passport PD836410025", Attrs: map[string]any{"type": "Passport", "country": "KP"}, Degree: 1, Component: 1},
	}
	for _, n := range nodes {
		sg.AddNode(n)
	}
	flow := func(count float64, totals map[string]any, first, last string) map[string]any {
		return map[string]any{"count": count, "totals": totals, "first": first, "last": last}
	}
	edges := []*graphs.Edge{
		{Kind: store.EdgeUses, Src: kContractor, Dst: kEmail, Sources: src("contractors.csv", 2, "email")},
		{Kind: store.EdgeUses, Src: kContractor, Dst: kIP, Sources: src("contractors.csv", 2, "last_ip")},
		{Kind: store.EdgeUses, Src: kContractor, Dst: kHandle, Sources: src("contractors.csv", 2, "telegram")},
		{Kind: store.EdgeLocatedAt, Src: kContractor, Dst: kAddress, Sources: src("contractors.csv", 2, "address")},
		{Kind: store.EdgePayoutTo, Src: kContractor, Dst: kAccount, Attrs: flow(2, map[string]any{"USD": 250000.0}, "2025-01-31", "2025-02-28"),
			Sources: []store.Assertion{{Path: "ledger.csv", Line: 4}, {Path: "ledger.csv", Line: 7}}},
		// A second edge between the same two nodes: readers must keep both.
		{Kind: store.EdgeHolds, Src: kContractor, Dst: kAccount, Sources: src("contractors.csv", 2, "iban")},
		{Kind: store.EdgePayoutTo, Src: kContractor, Dst: kWallet, Sources: src("contractors.csv", 2, "wallet")},
		{Kind: store.EdgePaid, Src: kClient, Dst: kAccount, Attrs: flow(3, map[string]any{"USD": 125000.0, "EUR": 100050.0}, "2025-01-31", "2025-03-14"),
			Sources: []store.Assertion{{Path: "ledger.csv", Line: 4}, {Path: "ledger.csv", Line: 7}, {Path: "ledger.csv", Line: 9}}},
		{Kind: store.EdgeTransfer, Src: kAccount, Dst: kAccount2, Attrs: flow(1, map[string]any{"EUR": 90000.0}, "2025-03-15", "2025-03-15"),
			Sources: src("ledger.csv", 12, "")},
		{Kind: store.EdgeUses, Src: kPerson, Dst: kEmail, Sources: src("sdn.xml", 88140, "email")},
		{Kind: store.EdgeAliasOf, Src: kPerson, Dst: kName, Attrs: map[string]any{"type": "aka", "quality": "strong"}, Sources: src("sdn.xml", 88130, "")},
		{Kind: store.EdgeUses, Src: kPerson, Dst: kDocument, Sources: src("sdn.xml", 88150, "document")},
		{Kind: store.EdgeLinkedTo, Src: kPerson, Dst: kPerson2, Attrs: map[string]any{"relation": "associate", "name": cyrillicLabel}, Sources: src("sdn.xml", 88160, "")},
	}
	for _, e := range edges {
		if !sg.AddEdge(e) {
			panic("fixture edge not added: " + e.Src + " " + e.Kind + " " + e.Dst)
		}
	}
	return sg
}

// exportFile writes sg in format into a temporary directory and returns the
// path of the file (or directory) written.
func exportFile(t *testing.T, sg *graphs.Subgraph, format, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	files, err := Write(sg, format, out)
	if err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	if len(files) == 0 {
		t.Fatalf("Write %s: no files", format)
	}
	return out
}

// needTool skips the test when a program a real reader needs is missing; CI
// installs all of them, so there the test runs.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not on PATH (apt-get install %s): reader check skipped", name, pkg)
	}
	return p
}

// runTool runs a program and returns its standard output; a failure or any
// diagnostic on standard error fails the test.
func runTool(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Fatalf("%s %v wrote to stderr:\n%s", name, args, stderr.String())
	}
	return stdout.Bytes()
}

// wantNode is what every export must say about a fixture node, as text.
type wantNode struct {
	key, kind, label string
	designated       bool
	degree           int
}

func fixtureNodes(sg *graphs.Subgraph) map[string]wantNode {
	out := map[string]wantNode{}
	for _, n := range sg.Nodes {
		out[n.Key] = wantNode{key: n.Key, kind: n.Kind, label: visible(n.Label), designated: n.Designated, degree: n.Degree}
	}
	return out
}

func mustJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, data)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
