package export

import (
	"bytes"
	"encoding/xml"
	"os/exec"
	"strings"
	"testing"
)

// nxGraph is what testdata/readback.py prints.
type nxGraph struct {
	Directed   bool                      `json:"directed"`
	Multigraph bool                      `json:"multigraph"`
	Nodes      map[string]map[string]any `json:"nodes"`
	Edges      [][3]any                  `json:"edges"`
}

// readWithNetworkx runs testdata/readback.py; it skips the test when python3
// or networkx is missing (CI installs python3-networkx).
func readWithNetworkx(t *testing.T, format, path string) nxGraph {
	t.Helper()
	py := needTool(t, "python3", "python3")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, "testdata/readback.py", format, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
			t.Skipf("networkx missing: %s", strings.TrimSpace(stderr.String()))
		}
		t.Fatalf("networkx could not read the %s export: %v\n%s", format, err, stderr.String())
	}
	var g nxGraph
	mustJSON(t, stdout.Bytes(), &g)
	return g
}

// checkNetworkxNodes compares every node attribute networkx read with the
// value exported: typed fields as their types, text exactly as made visible.
func checkNetworkxNodes(t *testing.T, g nxGraph, byKey func(id string, attrs map[string]any) string) {
	t.Helper()
	sg := caseFixture()
	if _, err := nodeIndex(sg); err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != len(sg.Nodes) {
		t.Fatalf("networkx read %d nodes, want %d", len(g.Nodes), len(sg.Nodes))
	}
	seen := map[string]bool{}
	for id, attrs := range g.Nodes {
		key := byKey(id, attrs)
		n := sg.Node(key)
		if n == nil {
			t.Fatalf("networkx node %q (key %q) is not a fixture node", id, key)
		}
		seen[key] = true
		fn, err := flattenNode(n)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range nodeFields {
			want := fn.value(i)
			got, ok := attrs[f.name]
			if want == "" {
				if ok {
					t.Errorf("%s: %s = %v, want absent", key, f.name, got)
				}
				continue
			}
			if !ok {
				t.Errorf("%s: %s missing, want %q", key, f.name, want)
				continue
			}
			checkTyped(t, key+"."+f.name, f.typ, got, want)
		}
	}
	if len(seen) != len(sg.Nodes) {
		t.Errorf("networkx read %d distinct keys, want %d", len(seen), len(sg.Nodes))
	}
	// The hostile label is the acid test: spelled out, not derived.
	if got := g.Nodes[nodeID(g, kContractor, byKey)]["label"]; got != hostileShown {
		t.Errorf("hostile label read back as %q, want %q", got, hostileShown)
	}
}

func nodeID(g nxGraph, key string, byKey func(string, map[string]any) string) string {
	for id, attrs := range g.Nodes {
		if byKey(id, attrs) == key {
			return id
		}
	}
	return ""
}

// checkTyped compares a value decoded from JSON with the exported text.
func checkTyped(t *testing.T, what, typ string, got any, want string) {
	t.Helper()
	var ok bool
	switch typ {
	case tBool:
		b, isBool := got.(bool)
		ok = isBool && (b == (want == "true"))
	case tInt, tDouble:
		f, isNum := got.(float64)
		ok = isNum && formatFloat(f) == want
	default:
		ok = got == want
	}
	if !ok {
		t.Errorf("%s = %#v (%T), want %q (%s)", what, got, got, want, typ)
	}
}

// checkNetworkxEdges checks that every exported edge, parallel ones included,
// was read between the right nodes with its kind (in the attribute kindAttr),
// attributes and sources.
func checkNetworkxEdges(t *testing.T, g nxGraph, keyOf func(id string) string, kindAttr string) {
	t.Helper()
	sg := caseFixture()
	if _, err := nodeIndex(sg); err != nil {
		t.Fatal(err)
	}
	if !g.Directed {
		t.Error("networkx read an undirected graph")
	}
	if len(g.Edges) != len(sg.Edges) {
		t.Fatalf("networkx read %d edges, want %d (parallel edges lost?)", len(g.Edges), len(sg.Edges))
	}
	want := map[string]int{}
	for _, e := range sg.Edges {
		fe, err := flattenEdge(e)
		if err != nil {
			t.Fatal(err)
		}
		want[e.Src+"|"+fe.kind+"|"+e.Dst+"|"+fe.attrs+"|"+fe.value(4)]++
	}
	for _, e := range g.Edges {
		attrs, _ := e[2].(map[string]any)
		src, dst := keyOf(e[0].(string)), keyOf(e[1].(string))
		if attrs["src"] != src || attrs["dst"] != dst {
			t.Errorf("edge %s -> %s carries src %v dst %v", src, dst, attrs["src"], attrs["dst"])
		}
		s := func(k string) string { v, _ := attrs[k].(string); return v }
		id := src + "|" + s(kindAttr) + "|" + dst + "|" + s("attrs") + "|" + s("sources")
		if want[id] == 0 {
			t.Errorf("networkx edge %q was not exported", id)
		}
		want[id]--
	}
}

func TestGraphMLReadBackByNetworkx(t *testing.T) {
	path := exportFile(t, caseFixture(), "graphml", "case.graphml")
	g := readWithNetworkx(t, "graphml", path)
	byKey := func(_ string, attrs map[string]any) string { k, _ := attrs["key"].(string); return k }
	checkNetworkxNodes(t, g, byKey)
	checkNetworkxEdges(t, g, func(id string) string { return byKey(id, g.Nodes[id]) }, "kind")
}

func TestGEXFReadBackByNetworkx(t *testing.T) {
	path := exportFile(t, caseFixture(), "gexf", "case.gexf")
	g := readWithNetworkx(t, "gexf", path)
	byKey := func(id string, attrs map[string]any) string {
		if attrs["key"] != id {
			t.Errorf("gexf node id %q but key attribute %v", id, attrs["key"])
		}
		return id
	}
	checkNetworkxNodes(t, g, byKey)
	// networkx reads the edge label, not GEXF 1.3's edge kind; both are the kind.
	checkNetworkxEdges(t, g, func(id string) string { return id }, "label")
	var doc struct {
		Edges []struct {
			Label string `xml:"label,attr"`
			Kind  string `xml:"kind,attr"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal(readFile(t, path), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Edges) != len(caseFixture().Edges) {
		t.Fatalf("%d edges in the GEXF", len(doc.Edges))
	}
	for _, e := range doc.Edges {
		if e.Kind == "" || e.Kind != e.Label {
			t.Errorf("edge kind %q label %q: want both the edge kind", e.Kind, e.Label)
		}
	}
}

// TestXMLExportsAreWellFormed runs xmllint, and also validates against the
// RELAX NG schemas in testdata: those are casegraph's own, for the subset of
// GraphML and GEXF 1.3 it writes. The published schemas cannot be used
// offline: graphml.xsd redefines graphml-structure.xsd over the network
// (which imports xlink.xsd the same way), and the GEXF 1.3 XSD is incomplete
// (gexf.xsd uses types it defines nowhere; its RELAX NG grammar includes a
// viz.rng that is not published beside it).
func TestXMLExportsAreWellFormed(t *testing.T) {
	xmllint := needTool(t, "xmllint", "libxml2-utils")
	for _, tc := range []struct{ format, schema string }{
		{"graphml", "testdata/graphml-subset.rng"},
		{"gexf", "testdata/gexf-1.3-subset.rng"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			path := exportFile(t, caseFixture(), tc.format, "case."+tc.format)
			runTool(t, xmllint, "--noout", "--nonet", path)
			var stderr bytes.Buffer
			cmd := exec.Command(xmllint, "--noout", "--nonet", "--relaxng", tc.schema, path)
			cmd.Stderr = &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("xmllint --relaxng %s: %v\n%s", tc.schema, err, stderr.String())
			}
		})
	}
}

// TestXMLExportsParseInGo decodes both XML exports with encoding/xml, so the
// well-formedness check runs even where xmllint is missing.
func TestXMLExportsParseInGo(t *testing.T) {
	for _, format := range []string{"graphml", "gexf"} {
		t.Run(format, func(t *testing.T) {
			data := readFile(t, exportFile(t, caseFixture(), format, "case."+format))
			dec := xml.NewDecoder(bytes.NewReader(data))
			labels := 0
			for {
				tok, err := dec.Token()
				if err != nil {
					if err.Error() == "EOF" {
						break
					}
					t.Fatalf("%s export is not well-formed XML: %v", format, err)
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					for _, a := range tok.Attr {
						if a.Value == hostileShown {
							labels++
						}
					}
				case xml.CharData:
					if string(tok) == hostileShown {
						labels++
					}
				}
			}
			if labels == 0 {
				t.Errorf("%s: the hostile label does not read back as %q", format, hostileShown)
			}
		})
	}
}
