package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportWritesEverySubgraphKind(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	mustRun(t, "demo", "--db", db)
	mustRun(t, "--db", db, "clusters")
	type written struct {
		Nodes, Edges int
		Files        []string
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"ego", []string{"--from", "FL-000115", "--hops", "2", "--format", "graphml"}},
		{"path", []string{"--path", "FL-000052", "--path", "ofac:55065", "--format", "gexf"}},
		{"connect", []string{"--connect", "FL-000074,FL-000115,FL-000181", "--format", "cytoscape"}},
		{"cluster", []string{"--cluster", "cluster:FL-000074", "--format", "neo4j"}},
		{"all", []string{"--all", "--format", "csv"}},
	} {
		out := filepath.Join(dir, tc.name)
		var w written
		raw := mustRun(t, append([]string{"--db", db, "export", "-o", out, "--json"}, tc.args...)...)
		if err := json.Unmarshal([]byte(raw), &w); err != nil {
			t.Fatalf("%s: %v\n%s", tc.name, err, raw)
		}
		if w.Nodes == 0 || w.Edges == 0 || len(w.Files) == 0 {
			t.Errorf("%s: %+v", tc.name, w)
		}
		for _, f := range w.Files {
			b, err := os.ReadFile(f)
			if err != nil || len(b) == 0 {
				t.Errorf("%s: %s: %v", tc.name, f, err)
			}
			if strings.HasSuffix(f, "graphml") || strings.HasSuffix(f, "gexf") {
				if err := xml.Unmarshal(b, new(struct{})); err != nil {
					t.Errorf("%s: %s is not XML: %v", tc.name, f, err)
				}
			}
		}
	}
	for _, bad := range [][]string{
		{"--format", "graphml", "-o", filepath.Join(dir, "x")},                             // no subgraph
		{"--all", "--from", "FL-000115", "--format", "dot", "-o", filepath.Join(dir, "y")}, // two
		{"--all", "--format", "xlsx", "-o", filepath.Join(dir, "z")},                       // unknown format
		{"--path", "FL-000052", "--format", "dot", "-o", filepath.Join(dir, "w")},          // one end
	} {
		if _, err := runCLI(t, append([]string{"--db", db, "export"}, bad...)...); err == nil {
			t.Errorf("export %v: no error", bad)
		}
	}
}
