package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// mermaidDecode undoes mermaidText the way Mermaid's renderer does: entity
// codes become characters, <br> a line break.
func mermaidDecode(s string) string {
	s = strings.ReplaceAll(s, "<br>", "\n")
	return reMermaidEntity.ReplaceAllStringFunc(s, func(m string) string {
		name := m[1 : len(m)-1]
		switch name {
		case "quot":
			return `"`
		case "amp":
			return "&"
		case "lt":
			return "<"
		case "gt":
			return ">"
		}
		n, err := strconv.Atoi(name)
		if err != nil {
			return m
		}
		return string(rune(n))
	})
}

var (
	reMermaidEntity  = regexp.MustCompile(`#(\w+);`)
	reMermaidNode    = regexp.MustCompile(`^  (n[0-9]+)\["([^"]*)"\](:::designated)?$`)
	reMermaidEdge    = regexp.MustCompile(`^  (n[0-9]+) -->\|"([^"]*)"\| (n[0-9]+)$`)
	reMermaidComment = regexp.MustCompile(`^  %% (casegraph|[ne][0-9]+) (\{.*\})$`)
)

// TestMermaidStructure checks the flowchart line by line: safe ids, every
// label quoted with nothing inside that ends the string or starts markup,
// a directive or an entity of its own, and the labels decoding back to the
// node's label and kind.
func TestMermaidStructure(t *testing.T) {
	sg := caseFixture()
	data := readFile(t, exportFile(t, sg, "mermaid", "case.mmd"))
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != "flowchart LR" {
		t.Fatalf("first line %q", lines[0])
	}
	want := fixtureNodes(sg)
	ids := map[string]string{} // mermaid id -> key
	var lastNode string
	edges, designated := 0, 0
	for _, line := range lines[1:] {
		if strings.ContainsAny(line, "\r\x1b") {
			t.Errorf("raw control character in %q", line)
		}
		switch {
		case strings.HasPrefix(line, "  classDef designated "):
		case reMermaidNode.MatchString(line):
			m := reMermaidNode.FindStringSubmatch(line)
			label := m[2]
			if strings.ContainsAny(strings.ReplaceAll(label, "<br>", ""), "<>&%`") {
				t.Errorf("unescaped markup in %q", label)
			}
			lastNode = m[1]
			if m[3] != "" {
				designated++
			}
			ids[m[1]] = mermaidDecode(label)
		case reMermaidComment.MatchString(line):
			m := reMermaidComment.FindStringSubmatch(line)
			if strings.Contains(m[2], "%") {
				t.Errorf("%% in a comment could open a directive: %q", line)
			}
			var meta map[string]any
			mustJSON(t, []byte(m[2]), &meta)
			if m[1] == "casegraph" || m[1][0] == 'e' {
				continue
			}
			if m[1] != lastNode {
				t.Errorf("comment for %s follows node %s", m[1], lastNode)
			}
			key, _ := meta["key"].(string)
			w, ok := want[key]
			if !ok {
				t.Fatalf("comment key %q is not a fixture key", key)
			}
			if meta["label"] != w.label || meta["kind"] != w.kind || meta["designated"] != boolText(w.designated) {
				t.Errorf("%s comment %v", key, meta)
			}
			if drawn := ids[m[1]]; !strings.HasPrefix(drawn, w.label+"\n("+w.kind+")") {
				t.Errorf("%s drawn as %q, want the label %q and kind", key, drawn, w.label)
			}
			ids[m[1]] = key
		case reMermaidEdge.MatchString(line):
			m := reMermaidEdge.FindStringSubmatch(line)
			if _, ok := ids[m[1]]; !ok {
				t.Errorf("edge from undeclared %s", m[1])
			}
			if _, ok := ids[m[3]]; !ok {
				t.Errorf("edge to undeclared %s", m[3])
			}
			edges++
		default:
			t.Errorf("unexpected line %q", line)
		}
	}
	if len(ids) != len(want) || edges != len(sg.Edges) || designated != 2 {
		t.Errorf("%d nodes %d edges %d designated, want %d %d 2", len(ids), edges, designated, len(want), len(sg.Edges))
	}
}

func TestMermaidTextEscapes(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"quotes are #quot;", `say "hi"`, "say #quot;hi#quot;"},
		{"markup is entity codes", "<b>&", "#lt;b#gt;#amp;"},
		{"a hash would start an entity", "#quot;", "#35;quot;"},
		{"percent could open a directive", "%%{init: {}}%%", "#37;#37;{init: {}}#37;#37;"},
		{"a backtick would start Markdown", "`x`", "#96;x#96;"},
		{"a line break is <br>", "a\nb\r\nc", "a<br>b<br>c"},
		{"ESC is visible text", "\x1b[31m", `\x1b[31m`},
		{"Korean and Cyrillic stay as written", koreanLabel + " " + cyrillicLabel, koreanLabel + " " + cyrillicLabel},
		{"symbols are numeric codes", "¶ß°", "#182;ß#176;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mermaidString(tc.in)
			if got != tc.want {
				t.Errorf("mermaidString(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if dec := mermaidDecode(got); dec != strings.ReplaceAll(visible(tc.in), "\r\n", "\n") {
				t.Errorf("decodes to %q", dec)
			}
		})
	}
}

// TestMermaidReadBackByMermaid parses the export with Mermaid's own parser
// when it is installed: MERMAID_MODULES names a directory holding
// node_modules/mermaid and node_modules/jsdom (npm install --prefix DIR
// mermaid jsdom). CI does not install them, so there it is skipped and
// TestMermaidStructure stands in.
func TestMermaidReadBackByMermaid(t *testing.T) {
	dir := os.Getenv("MERMAID_MODULES")
	if dir == "" {
		t.Skip("MERMAID_MODULES not set: Mermaid parser check skipped (npm install --prefix DIR mermaid jsdom)")
	}
	node := needTool(t, "node", "nodejs")
	sg := caseFixture()
	path := exportFile(t, sg, "mermaid", "case.mmd")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, "testdata/mermaid-parse.mjs", path)
	cmd.Env = append(os.Environ(), "MERMAID_MODULES="+dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
			t.Skip(strings.TrimSpace(stderr.String()))
		}
		t.Fatalf("Mermaid could not parse the export: %v\n%s", err, stderr.String())
	}
	var got struct {
		Type  string `json:"type"`
		Nodes map[string]struct {
			Text    string   `json:"text"`
			Classes []string `json:"classes"`
		} `json:"nodes"`
		Edges []struct{ Start, End, Text string } `json:"edges"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Nodes) != len(sg.Nodes) || len(got.Edges) != len(sg.Edges) {
		t.Fatalf("Mermaid read %d nodes %d edges, want %d %d", len(got.Nodes), len(got.Edges), len(sg.Nodes), len(sg.Edges))
	}
	for i, n := range sg.Nodes { // sorted by the export
		m := got.Nodes["n"+strconv.Itoa(i)]
		want := visible(n.Label) + "\n(" + n.Kind + ")"
		if !strings.HasPrefix(m.Text, want) {
			t.Errorf("%s read by Mermaid as %q, want %q", n.Key, m.Text, want)
		}
		isDesignated := len(m.Classes) == 1 && m.Classes[0] == "designated"
		if isDesignated != n.Designated {
			t.Errorf("%s classes %v, designated %v", n.Key, m.Classes, n.Designated)
		}
	}
	for i, e := range got.Edges {
		if e.Text != sg.Edges[i].Kind {
			t.Errorf("edge %d text %q, want %q", i, e.Text, sg.Edges[i].Kind)
		}
	}
}
