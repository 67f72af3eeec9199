package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
)

func TestCytoscapeReadBack(t *testing.T) {
	sg := caseFixture()
	var doc struct {
		Data     map[string]any `json:"data"`
		Elements struct {
			Nodes []struct {
				Data    map[string]any `json:"data"`
				Classes string         `json:"classes"`
			} `json:"nodes"`
			Edges []struct {
				Data map[string]any `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	mustJSON(t, readFile(t, exportFile(t, sg, "cytoscape", "case.cyjs")), &doc)
	if doc.Data["name"] != sg.Title {
		t.Errorf("graph name %v, want %q", doc.Data["name"], sg.Title)
	}
	want := fixtureNodes(sg)
	if len(doc.Elements.Nodes) != len(want) || len(doc.Elements.Edges) != len(sg.Edges) {
		t.Fatalf("read %d nodes %d edges, want %d %d", len(doc.Elements.Nodes), len(doc.Elements.Edges), len(want), len(sg.Edges))
	}
	ids := map[string]bool{}
	for _, n := range doc.Elements.Nodes {
		d := n.Data
		id, _ := d["id"].(string)
		w, ok := want[id]
		if !ok {
			t.Fatalf("node id %q is not a fixture key", id)
		}
		ids[id] = true
		if d["key"] != w.key || d["label"] != w.label || d["kind"] != w.kind || d["designated"] != w.designated || d["degree"] != float64(w.degree) {
			t.Errorf("%s read back as %v", id, d)
		}
		if strings.Contains(n.Classes, "designated") != w.designated {
			t.Errorf("%s: classes %q, designated %v", id, n.Classes, w.designated)
		}
	}
	contractor := findData(doc.Elements.Nodes, kContractor)
	if contractor["label"] != hostileShown {
		t.Errorf("hostile label read back as %q", contractor["label"])
	}
	// Attributes stay nested, with their strings made visible too.
	extra := contractor["attrs"].(map[string]any)["extra"].(map[string]any)
	if extra["note"] != `\x1b]0;pwned\x07` {
		t.Errorf("nested attribute read back as %q", extra["note"])
	}
	if srcs := contractor["sources"].([]any); len(srcs) != 2 || srcs[0] != "contractors.csv:2:name" {
		t.Errorf("sources %v", srcs)
	}
	hub := findData(doc.Elements.Nodes, kIP)
	if h := hub["hidden"].(map[string]any); h["uses"] != 1198.0 || h["paid"] != 2.0 {
		t.Errorf("hidden counts %v", h)
	}
	person := findData(doc.Elements.Nodes, kPerson)
	if person["list"] != "OFAC SDN" || !slices.Equal(person["programs"].([]any), []any{"DPRK3", "DPRK-NKSPEA"}) {
		t.Errorf("designation read back as %v %v", person["list"], person["programs"])
	}
	edgeIDs := map[string]bool{}
	for _, e := range doc.Elements.Edges {
		d := e.Data
		id, _ := d["id"].(string)
		if id == "" || edgeIDs[id] || ids[id] {
			t.Errorf("edge id %q is empty or not unique", id)
		}
		edgeIDs[id] = true
		if !ids[d["source"].(string)] || !ids[d["target"].(string)] {
			t.Errorf("edge %s joins %v -> %v, not nodes", id, d["source"], d["target"])
		}
		if d["kind"] == nil || d["sources"] == nil {
			t.Errorf("edge %s lacks kind or sources: %v", id, d)
		}
	}
}

func findData(nodes []struct {
	Data    map[string]any `json:"data"`
	Classes string         `json:"classes"`
}, key string) map[string]any {
	for _, n := range nodes {
		if n.Data["key"] == key {
			return n.Data
		}
	}
	return nil
}

// ftmSchemata are the FollowTheMoney schemata the export may write, each with
// the properties it may set: names checked against the followthemoney schema
// YAML (Thing, LegalEntity, Person, Organization, BankAccount, Asset,
// CryptoWallet, Value, Address, UserAccount, Vessel, Airplane, Interval,
// Interest, Identification, Sanction, Ownership, UnknownLink, Payment).
var ftmSchemata = func() map[string][]string {
	thing := []string{"name", "alias", "notes", "country", "address", "addressEntity", "topics", "program"}
	legal := append(slices.Clone(thing), "email", "phone", "website")
	interval := []string{"startDate", "endDate", "summary", "description", "recordId"}
	return map[string][]string{
		"Person":         append(slices.Clone(legal), "nationality"),
		"Organization":   legal,
		"LegalEntity":    legal,
		"Vessel":         thing,
		"Airplane":       thing,
		"BankAccount":    append(slices.Clone(thing), "iban", "accountNumber"),
		"CryptoWallet":   append(slices.Clone(thing), "publicKey", "currencySymbol", "holder"),
		"Address":        append(slices.Clone(thing), "full"),
		"UserAccount":    append(slices.Clone(thing), "username", "service", "owner"),
		"Identification": append(slices.Clone(interval), "holder", "number", "type", "country"),
		"Sanction":       append(slices.Clone(interval), "entity", "authority", "program"),
		"Ownership":      append(slices.Clone(interval), "owner", "asset", "role"),
		"UnknownLink":    append(slices.Clone(interval), "subject", "object", "role"),
		"Payment": append(slices.Clone(interval), "payer", "beneficiary", "payerAccount", "beneficiaryAccount",
			"amount", "currency"),
	}
}()

func TestFtMReadBack(t *testing.T) {
	sg := caseFixture()
	data := readFile(t, exportFile(t, sg, "ftm", "case.ftm.json"))
	byID := map[string]ftmEntity{}
	var order []ftmEntity
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	idPattern := regexp.MustCompile(`^cg-[0-9a-f]{16}$`)
	for sc.Scan() {
		// Every line is one object with an id, a schema and a map of arrays of strings.
		var raw map[string]json.RawMessage
		mustJSON(t, sc.Bytes(), &raw)
		if len(raw) != 3 || raw["id"] == nil || raw["schema"] == nil || raw["properties"] == nil {
			t.Fatalf("line is not {id, schema, properties}: %s", sc.Bytes())
		}
		var e ftmEntity
		mustJSON(t, sc.Bytes(), &e)
		if !idPattern.MatchString(e.ID) || byID[e.ID].ID != "" {
			t.Errorf("id %q is not a fresh cg-<16 hex> id", e.ID)
		}
		allowed, ok := ftmSchemata[e.Schema]
		if !ok {
			t.Errorf("%s: schema %q is not one the export may write", e.ID, e.Schema)
		}
		for prop, vals := range e.Properties {
			if !slices.Contains(allowed, prop) {
				t.Errorf("%s %s: property %q is not a property of the schema", e.ID, e.Schema, prop)
			}
			if len(vals) == 0 || slices.Contains(vals, "") {
				t.Errorf("%s %s: empty values %q", e.ID, prop, vals)
			}
		}
		byID[e.ID] = e
		order = append(order, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// References point at entities of the file.
	for _, e := range order {
		for _, prop := range ftmRefProps {
			for _, ref := range e.Properties[prop] {
				if byID[ref].ID == "" {
					t.Errorf("%s %s.%s = %s: no such entity", e.Schema, e.ID, prop, ref)
				}
			}
		}
	}

	get := func(key string) ftmEntity {
		e, ok := byID[ftmID(key)]
		if !ok {
			t.Fatalf("no entity for %s", key)
		}
		return e
	}
	contractor, person := get(kContractor), get(kPerson)
	for _, tc := range []struct {
		what     string
		e        ftmEntity
		schema   string
		prop     string
		contains string
	}{
		{"contractor is a Person named by the hostile label", contractor, "Person", "name", hostileShown},
		{"the shared email is a property of the contractor", contractor, "Person", "email", "kim.sm@example.com"},
		{"and of the designated person", person, "Person", "email", "kim.sm@example.com"},
		{"an IP has no FtM property and is a note", contractor, "Person", "notes", "ip 203.0.113.7"},
		{"the address is linked as an entity", contractor, "Person", "addressEntity", ftmID(kAddress)},
		{"the casegraph key is kept in the notes", contractor, "Person", "notes", "casegraph " + kContractor},
		{"the designated person is a sanctioned Person", person, "Person", "topics", "sanction"},
		{"with its programmes", person, "Person", "program", "DPRK-NKSPEA"},
		{"and its alias", person, "Person", "alias", "Kim Sang Man"},
		{"the Cyrillic name survives", get(kPerson2), "Person", "name", cyrillicLabel},
		{"a valid IBAN is an iban", get(kAccount), "BankAccount", "iban", "DE89370400440532013000"},
		{"another number an accountNumber", get(kAccount2), "BankAccount", "accountNumber", "40817810099910004312"},
		{"the wallet's holder is the contractor", get(kWallet), "CryptoWallet", "holder", contractor.ID},
		{"the handle's owner is the contractor", get(kHandle), "UserAccount", "owner", contractor.ID},
		{"the passport's holder is the designated person", get(kDocument), "Identification", "holder", person.ID},
		{"the client is a legal entity", get(kClient), "LegalEntity", "name", formulaLabel},
		{"a hub identifier's hidden neighbours are noted on its user", contractor, "Person", "notes", "ip 203.0.113.7: 1200 hidden: paid 2, uses 1198"},
	} {
		t.Run(tc.what, func(t *testing.T) {
			if tc.e.Schema != tc.schema {
				t.Errorf("schema %q, want %q", tc.e.Schema, tc.schema)
			}
			found := false
			for _, v := range tc.e.Properties[tc.prop] {
				if strings.Contains(v, tc.contains) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s = %q, want a value containing %q", tc.prop, tc.e.Properties[tc.prop], tc.contains)
			}
		})
	}
	// Identifier nodes are properties, not entities.
	for _, k := range []string{kEmail, kIP, kName} {
		if _, ok := byID[ftmID(k)]; ok {
			t.Errorf("identifier %s became an entity", k)
		}
	}
	// The client's payment into the contractor's account: one Payment per
	// currency, amounts in major units, the account holder as beneficiary.
	payments := map[string]ftmEntity{}
	for _, e := range order {
		if e.Schema == "Payment" {
			payments[e.Properties["currency"][0]] = e
		}
	}
	for cur, amount := range map[string]string{"USD": "1250.00", "EUR": "1000.50"} {
		p, ok := payments[cur]
		if !ok {
			t.Errorf("no %s payment", cur)
			continue
		}
		if p.Properties["amount"][0] != amount || p.Properties["payer"][0] != ftmID(kClient) ||
			p.Properties["beneficiary"][0] != contractor.ID || p.Properties["beneficiaryAccount"][0] != ftmID(kAccount) ||
			p.Properties["startDate"][0] != "2025-01-31" || len(p.Properties["recordId"]) != 3 {
			t.Errorf("%s payment %v", cur, p.Properties)
		}
	}
	sanctions := 0
	for _, e := range order {
		if e.Schema == "Sanction" {
			sanctions++
			if e.Properties["entity"][0] == person.ID && e.Properties["authority"][0] != "OFAC SDN" {
				t.Errorf("sanction authority %v", e.Properties["authority"])
			}
		}
	}
	if sanctions != 2 {
		t.Errorf("%d Sanction entities, want one per designated node (2)", sanctions)
	}
}

func TestFtMIDsAreStable(t *testing.T) {
	if got := ftmID(kContractor); got != ftmID(kContractor) || len(got) != 19 {
		t.Fatalf("ftmID = %q", got)
	}
	if ftmID(kContractor) == ftmID(kPerson) {
		t.Error("two keys share an id")
	}
	// Parts are joined unambiguously.
	if ftmID("a", "bc") == ftmID("ab", "c") {
		t.Error("ftmID(a, bc) == ftmID(ab, c)")
	}
}

// ftmOf maps a subgraph and returns its entities by schema.
func ftmOf(t *testing.T, sg *graphs.Subgraph) map[string][]*ftmEntity {
	t.Helper()
	if _, err := nodeIndex(sg); err != nil {
		t.Fatal(err)
	}
	ents, err := ftmEntities(sg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*ftmEntity{}
	for _, e := range ents {
		out[e.Schema] = append(out[e.Schema], e)
	}
	return out
}

func TestFtMFallbacks(t *testing.T) {
	t.Run("a transfer to an account nobody in the subgraph holds is an UnknownLink with its amounts", func(t *testing.T) {
		bySchema := ftmOf(t, caseFixture())
		var found bool
		for _, l := range bySchema["UnknownLink"] {
			if l.Properties["role"][0] == "transfer" {
				found = true
				if l.Properties["summary"][0] != "1 payment: EUR 900.00" || l.Properties["subject"][0] != ftmID(kAccount) {
					t.Errorf("transfer link %v", l.Properties)
				}
			}
		}
		if !found {
			t.Error("no UnknownLink for the transfer")
		}
	})
	t.Run("a document without its holder is left out, with its links", func(t *testing.T) {
		sg := graphs.New("")
		sg.AddNode(&graphs.Node{Key: kDocument, Kind: store.KindDocument, Label: "Passport PD836410025"})
		sg.AddNode(&graphs.Node{Key: kAddress, Kind: store.KindAddress, Label: "Potonggang"})
		sg.AddEdge(&graphs.Edge{Kind: "linked_to", Src: kDocument, Dst: kAddress})
		bySchema := ftmOf(t, sg)
		if len(bySchema["Identification"]) != 0 || len(bySchema["UnknownLink"]) != 0 || len(bySchema["Address"]) != 1 {
			t.Errorf("entities %v", bySchema)
		}
	})
	t.Run("an identifier with no user in the subgraph has nothing to attach to", func(t *testing.T) {
		sg := graphs.New("")
		sg.AddNode(&graphs.Node{Key: kEmail, Kind: store.KindEmail, Label: "kim.sm@example.com"})
		if bySchema := ftmOf(t, sg); len(bySchema) != 0 {
			t.Errorf("entities %v", bySchema)
		}
	})
}
