package export

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/graphs"
)

// reversedFixture is caseFixture with nodes and edges added in the opposite
// order: the exports must not depend on it.
func reversedFixture() *graphs.Subgraph {
	src := caseFixture()
	sg := graphs.New(src.Title)
	sg.Notes = src.Notes
	for i := len(src.Nodes) - 1; i >= 0; i-- {
		sg.AddNode(src.Nodes[i])
	}
	for i := len(src.Edges) - 1; i >= 0; i-- {
		sg.AddEdge(src.Edges[i])
	}
	return sg
}

// exportBytes returns the bytes of every file Write produced, in order.
func exportBytes(t *testing.T, sg *graphs.Subgraph, format string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "x")
	files, err := Write(sg, format, out)
	if err != nil {
		t.Fatalf("Write %s: %v", format, err)
	}
	var all []byte
	for _, f := range files {
		all = append(all, readFile(t, f)...)
	}
	return all
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, format := range Formats {
		if format == "svg" || format == "png" {
			continue // Graphviz's own output; its input is the DOT checked here
		}
		t.Run(format, func(t *testing.T) {
			a := exportBytes(t, caseFixture(), format)
			b := exportBytes(t, caseFixture(), format)
			c := exportBytes(t, reversedFixture(), format)
			if !bytes.Equal(a, b) {
				t.Error("two exports of the same subgraph differ")
			}
			if !bytes.Equal(a, c) {
				t.Error("the export depends on the order nodes and edges were added")
			}
		})
	}
}

func TestWriteReturnsTheFilesWritten(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			if format == "svg" || format == "png" {
				needTool(t, "dot", "graphviz")
			}
			out := filepath.Join(t.TempDir(), "case")
			files, err := Write(caseFixture(), format, out)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{out}
			if format == "csv" || format == "neo4j" {
				want = []string{filepath.Join(out, NodesFile), filepath.Join(out, EdgesFile)}
			}
			if !slices.Equal(files, want) {
				t.Errorf("files %q, want %q", files, want)
			}
			for _, f := range files {
				if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
					t.Errorf("%s: %v (size %v)", f, err, fi)
				}
			}
			// Nothing else is left behind (no temporary files).
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 1 {
				t.Errorf("output directory holds %d entries, want 1", len(entries))
			}
		})
	}
}

func TestWriteDirectoryFormats(t *testing.T) {
	t.Run("an earlier export is replaced", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "out")
		if _, err := Write(caseFixture(), "csv", dir); err != nil {
			t.Fatal(err)
		}
		small := graphs.New("small")
		small.AddNode(&graphs.Node{Key: "email:a@b.c", Kind: "email", Label: "a@b.c"})
		if _, err := Write(small, "csv", dir); err != nil {
			t.Fatalf("re-export into the same directory: %v", err)
		}
		if recs := readCSV(t, filepath.Join(dir, NodesFile)); len(recs) != 2 {
			t.Errorf("%d records after re-export, want header and one node", len(recs))
		}
	})
	t.Run("a directory holding other files is refused", func(t *testing.T) {
		dir := t.TempDir()
		other := filepath.Join(dir, "evidence.xlsx")
		if err := os.WriteFile(other, []byte("keep"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Write(caseFixture(), "neo4j", dir)
		if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "evidence.xlsx") {
			t.Fatalf("Write into a used directory: %v, want ErrNotEmpty naming the file", err)
		}
		if _, err := os.Stat(filepath.Join(dir, NodesFile)); !os.IsNotExist(err) {
			t.Error("nodes.csv written into a refused directory")
		}
	})
}

func TestWriteRefusesBadInput(t *testing.T) {
	dangling := graphs.New("broken")
	dangling.AddNode(&graphs.Node{Key: "a", Kind: "email", Label: "a"})
	// Edges is an exported field: an edge to a node that is not there can be
	// appended by hand, and would make the GraphML and Mermaid unreadable.
	dangling.Edges = append(dangling.Edges, &graphs.Edge{Kind: "uses", Src: "a", Dst: "missing"})
	dup := graphs.New("dup")
	dup.Nodes = []*graphs.Node{{Key: "a"}, {Key: "a"}}
	for _, tc := range []struct {
		name   string
		sg     *graphs.Subgraph
		format string
		want   string
	}{
		{"an unknown format", caseFixture(), "xlsx", "unknown format"},
		{"no subgraph", nil, "dot", "no subgraph"},
		{"an edge to a node not in the subgraph", dangling, "graphml", "not a node of the subgraph"},
		{"a key twice", dup, "gexf", "appears twice"},
		{"a nil node", &graphs.Subgraph{Nodes: []*graphs.Node{nil}}, "ftm", "nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Write(tc.sg, tc.format, out)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write: %v, want an error saying %q", err, tc.want)
			}
			if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
				t.Error("a file was left behind by a failed export")
			}
		})
	}
	t.Run("an output path that is a directory", func(t *testing.T) {
		if _, err := Write(caseFixture(), "graphml", t.TempDir()); err == nil {
			t.Fatal("Write over a directory succeeded")
		}
	})
}

func TestEmptySubgraphExports(t *testing.T) {
	for _, format := range Formats {
		if format == "svg" || format == "png" {
			continue
		}
		t.Run(format, func(t *testing.T) {
			data := exportBytes(t, graphs.New(""), format)
			if len(data) == 0 && format != "ftm" { // no entities, no lines
				t.Error("empty export")
			}
			if format == "graphml" || format == "gexf" {
				if err := xml.Unmarshal(data, new(struct{})); err != nil {
					t.Errorf("empty %s is not well-formed: %v", format, err)
				}
			}
		})
	}
}
