package export

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gvGraph is the part of Graphviz's -Tjson0 output the tests read: every
// object with its attributes as Graphviz stored them.
type gvGraph struct {
	Label   string           `json:"label"`
	Objects []map[string]any `json:"objects"`
	Edges   []map[string]any `json:"edges"`
}

// unescString undoes the escaping of DOT's escString values (labels and the
// attributes casegraph writes): \\ is a backslash, \" a quote, \n a line break.
func unescString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '\\', '"':
				b.WriteByte(s[i+1])
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestDOTReadBackByGraphviz(t *testing.T) {
	dot := needTool(t, "dot", "graphviz")
	sg := caseFixture()
	path := exportFile(t, sg, "dot", "case.dot")
	// Graphviz parses and lays out the file without a warning ...
	if svg := runTool(t, dot, "-Tsvg", path); !bytes.Contains(svg, []byte("<svg")) {
		t.Fatal("dot -Tsvg wrote no SVG")
	}
	// ... and gives back every node and edge with its attributes.
	var g gvGraph
	mustJSON(t, runTool(t, dot, "-Tjson0", path), &g)
	if unescString(g.Label) != sg.Title {
		t.Errorf("graph label %q, want %q", unescString(g.Label), sg.Title)
	}
	want := fixtureNodes(sg)
	if len(g.Objects) != len(want) {
		t.Fatalf("graphviz read %d nodes, want %d", len(g.Objects), len(want))
	}
	for _, o := range g.Objects {
		str := func(k string) string { s, _ := o[k].(string); return unescString(s) }
		w, ok := want[str("key")]
		if !ok || str("name") != w.key {
			t.Errorf("graphviz node %q has key %q: not a fixture node", str("name"), str("key"))
			continue
		}
		if str("label_text") != w.label || str("kind") != w.kind || str("designated") != boolText(w.designated) {
			t.Errorf("%s read back as label %q kind %q designated %q, want %q %q %v",
				w.key, str("label_text"), str("kind"), str("designated"), w.label, w.kind, w.designated)
		}
		if !strings.HasPrefix(str("label"), w.label+"\n("+w.kind+")") {
			t.Errorf("%s drawn label %q does not start with the label and kind", w.key, str("label"))
		}
		if w.designated != (str("shape") == "doubleoctagon" && str("color") == "red") {
			t.Errorf("%s: designated %v but drawn shape %q colour %q", w.key, w.designated, str("shape"), str("color"))
		}
		delete(want, w.key)
	}
	if len(g.Edges) != len(sg.Edges) {
		t.Errorf("graphviz read %d edges, want %d", len(g.Edges), len(sg.Edges))
	}
	kinds := map[string]int{}
	for _, e := range sg.Edges {
		kinds[e.Kind]++
	}
	for _, e := range g.Edges {
		k, _ := e["kind"].(string)
		if l, _ := e["label"].(string); l != k {
			t.Errorf("edge label %q, want its kind %q", l, k)
		}
		kinds[k]--
	}
	for k, n := range kinds {
		if n != 0 {
			t.Errorf("edge kind %s: %d more exported than read", k, n)
		}
	}
	// The hub's hidden neighbours are summarised on its drawn label.
	if dotSrc := string(readFile(t, path)); !strings.Contains(dotSrc, `+1200 hidden: paid 2, uses 1198`) {
		t.Error("hub summary missing from the drawn label")
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestRenderSVGAndPNG(t *testing.T) {
	needTool(t, "dot", "graphviz")
	for _, tc := range []struct {
		format string
		magic  []byte
	}{
		{"svg", []byte("<svg")},
		{"png", []byte("\x89PNG\r\n\x1a\n")},
	} {
		t.Run(tc.format, func(t *testing.T) {
			path := exportFile(t, caseFixture(), tc.format, "case."+tc.format)
			data := readFile(t, path)
			if len(data) < 100 {
				t.Fatalf("%s export is %d bytes", tc.format, len(data))
			}
			head := data
			if tc.format == "svg" {
				head = data[:min(len(data), 400)]
				if !bytes.Contains(head, tc.magic) {
					t.Errorf("svg export does not open an <svg> element: %q", head)
				}
				return
			}
			if !bytes.HasPrefix(head, tc.magic) {
				t.Errorf("png export starts %q, want the PNG signature", head[:8])
			}
		})
	}
}

func TestRenderWithoutGraphvizSaysWhatToDo(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // a PATH with no dot on it
	out := filepath.Join(t.TempDir(), "case.svg")
	_, err := Write(caseFixture(), "svg", out)
	if !errors.Is(err, ErrNoGraphviz) {
		t.Fatalf("Write svg without dot: %v, want ErrNoGraphviz", err)
	}
	for _, hint := range []string{"apt-get install graphviz", "--format dot"} {
		if !strings.Contains(err.Error(), hint) {
			t.Errorf("error %q does not say %q", err, hint)
		}
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Error("a file was written although rendering failed")
	}
}

func TestDOTQuoteEscapes(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"quotes are escaped", `say "hi"`, `"say \"hi\""`},
		{"a backslash is doubled so \\N is not the node name", `C:\Nodes\`, `"C:\\Nodes\\"`},
		{"a line break is \\n", "a\nb", `"a\nb"`},
		{"CRLF is one line break", "a\r\nb", `"a\nb"`},
		{"ESC becomes visible text", "\x1b[31mred", `"\\x1b[31mred"`},
		{"Korean is kept", koreanLabel, `"` + koreanLabel + `"`},
		{"HTML-like brackets stay text in a quoted string", "<b>&", `"<b>&"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dotString(tc.in); got != tc.want {
				t.Errorf("dotString(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestRenderStopsWhenCancelled(t *testing.T) {
	needTool(t, "dot", "graphviz")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "case.png")
	if _, err := WriteContext(ctx, caseFixture(), "png", out); err == nil {
		t.Fatal("render with a cancelled context succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a file was left behind by a cancelled render")
	}
}
