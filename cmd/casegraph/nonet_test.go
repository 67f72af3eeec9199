package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMainFlowsRunWithoutANetwork runs the built binary in a network namespace
// with no interfaces (unshare -n): demo import, screening, risk, a path,
// exports, a case and its report, and the audit check must all succeed —
// casegraph never needs a socket.
func TestMainFlowsRunWithoutANetwork(t *testing.T) {
	if err := exec.Command("unshare", "-n", "true").Run(); err != nil {
		t.Skipf("unshare -n is not available here (%v): it needs root or user namespaces; CI runs as root", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "casegraph")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	for _, args := range [][]string{
		{"demo", "--no-tui"},
		{"screen", "--name", "Kim Sang-man"},
		{"screen"},
		{"risk", "--top", "3"},
		{"path", "FL-000052", "ofac:55065"},
		{"export", "--from", "FL-000115", "--format", "graphml", "-o", filepath.Join(dir, "x.graphml")},
		{"export", "--from", "FL-000115", "--format", "svg", "-o", filepath.Join(dir, "x.svg")},
		{"case", "new", "N1"},
		{"case", "pin", "N1", "FL-000115", "FL-000279"},
		{"case", "note", "N1", "written offline"},
		{"case", "export", "N1", "--format", "html", "-o", filepath.Join(dir, "n1.html")},
		{"case", "export", "N1", "--format", "md", "-o", filepath.Join(dir, "n1.md")},
		{"audit", "verify"},
	} {
		if args[0] == "export" && strings.HasSuffix(args[len(args)-1], ".svg") {
			if _, err := exec.LookPath("dot"); err != nil {
				continue
			}
		}
		full := append([]string{"-n", bin, "--db", db}, args...)
		out, err := exec.Command("unshare", full...).CombinedOutput()
		if err != nil {
			t.Fatalf("unshare -n casegraph %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	// The namespace really had no network: nothing but loopback, and that down.
	out, _ := exec.Command("unshare", "-n", "cat", "/proc/net/dev").Output()
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if name, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && name != "lo" {
			t.Errorf("the namespace has interface %q", name)
		}
	}
}
