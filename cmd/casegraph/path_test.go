package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestPathShowsThePlantedRouteWithEverySourceRow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, "demo", "--db", db)
	// Network N2's money reaches ANDREYEV's published wallet (truth.json).
	var out pathOutput
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "path", "FL-000052", "ofac:55065", "--json")), &out); err != nil {
		t.Fatal(err)
	}
	if out.Hops == 0 || len(out.Paths) == 0 {
		t.Fatalf("no path: %+v", out)
	}
	wallet := false
	for _, p := range out.Paths {
		for _, n := range p.Nodes {
			wallet = wallet || n.Key == "wallet:btc:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T"
		}
		for i, e := range p.Edges {
			if len(e.Sources) == 0 || e.Sources[0].Line == 0 {
				t.Errorf("hop %d (%s %s→%s) without a source row", i+1, e.Kind, e.Src, e.Dst)
			}
		}
	}
	if !wallet {
		t.Errorf("no path through the published wallet: %+v", out.Paths)
	}
	text := mustRun(t, "--db", db, "path", "FL-000052", "ofac:55065")
	for _, want := range []string{"contractor:FL-000052", "wallet:btc:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T", "sdn.csv:", "payments.csv:", "designated"} {
		if !strings.Contains(text, want) {
			t.Errorf("path output lacks %q:\n%s", want, text)
		}
	}
	if _, err := runCLI(t, "--db", db, "path", "FL-000052", "nosuch:key"); err == nil {
		t.Error("unknown key accepted")
	}
	if _, err := runCLI(t, "--db", db, "path", "FL-000052", "ofac:55065", "--max-hops", "0"); err == nil {
		t.Error("--max-hops 0 accepted")
	}
}
