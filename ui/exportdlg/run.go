package exportdlg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/store"
)

// The bounds of what an export takes in: the command line's defaults.
const (
	maxNodes  = 300 // an ego network stops adding nodes here
	hubDegree = 100 // a node with more links is shown, not expanded
	maxHops   = 6   // the longest path searched
	maxPaths  = 20  // shortest paths exported at most
)

// request is one export, as the dialog's fields stood when Enter was pressed.
type request struct {
	run    int
	key    string
	to     string // "" for the ego network
	hops   int
	format string
	out    string
}

// exportedMsg is the outcome of an export.
type exportedMsg struct {
	run    int
	title  string
	nodes  int
	edges  int
	format string
	files  []string
	notes  []string
	err    error
}

// completedMsg lists the node keys starting with what was typed in the target field.
type completedMsg struct {
	typed string
	keys  []string
	more  bool // more keys start with it than are listed
	err   error
}

// maxCandidates is how many keys a completion lists.
const maxCandidates = 20

// errCancelled is shown when Esc stops an export.
var errCancelled = errors.New("export cancelled: nothing was written")

// runExport builds the subgraph, measures it and writes it: the same steps,
// bounds and messages as casegraph export --from / --path.
func runExport(ctx context.Context, st *store.Store, r request) (res exportedMsg) {
	res = exportedMsg{run: r.run, format: r.format}
	defer func() {
		if res.err != nil && ctx.Err() != nil {
			res.err = errCancelled
		}
	}()
	out, err := expandHome(r.out)
	if err != nil {
		res.err = err
		return res
	}
	opt := graphs.Options{MaxNodes: maxNodes, HubDegree: hubDegree}
	var g *graphs.Subgraph
	if r.to != "" {
		to, err := resolve(ctx, st, r.to)
		if err != nil {
			res.err = err
			return res
		}
		p, err := graphs.ShortestPaths(ctx, st, r.key, to, maxHops, maxPaths, opt)
		if err != nil {
			res.err = err
			return res
		}
		if len(p.Paths) == 0 {
			res.err = fmt.Errorf("no path from %s to %s within %d hops: nothing to export", r.key, to, maxHops)
			return res
		}
		g = p.Graph
		g.Notes = append(g.Notes, p.Notes...)
	} else if g, err = graphs.Ego(ctx, st, r.key, r.hops, opt); err != nil {
		res.err = err
		return res
	}
	if err := graphs.Measure(g); err != nil {
		res.err = err
		return res
	}
	files, err := export.WriteContext(ctx, g, r.format, out)
	if err != nil {
		res.err = err
		return res
	}
	res.title, res.nodes, res.edges, res.files, res.notes = g.Title, len(g.Nodes), len(g.Edges), files, g.Notes
	if err := audit.Record(ctx, st, audit.Export, strings.Join(files, ", "), map[string]any{"title": g.Title,
		"format": r.format, "nodes": len(g.Nodes), "edges": len(g.Edges)}); err != nil {
		res.err = fmt.Errorf("written, but the audit log could not be written: %w", err)
	}
	return res
}

// resolve finds the node a typed key names; a bare id is most often a
// contractor's (FL-000123), as on the command line.
func resolve(ctx context.Context, st *store.Store, arg string) (string, error) {
	n, err := st.NodeByKey(ctx, arg)
	if err != nil && !strings.Contains(arg, ":") {
		if c, cerr := st.NodeByKey(ctx, store.KindContractor+":"+arg); cerr == nil {
			n, err = c, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w (keys are kind:value, such as ofac:55065 or contractor:FL-000115)", arg, err)
	}
	return n.Key, nil
}

// complete lists the keys starting with typed (a bare id is tried as a
// contractor's when nothing else starts with it).
func complete(ctx context.Context, st *store.Store, typed string) completedMsg {
	keys, err := st.KeysWithPrefix(ctx, typed, maxCandidates+1)
	if err == nil && len(keys) == 0 && !strings.Contains(typed, ":") {
		keys, err = st.KeysWithPrefix(ctx, store.KindContractor+":"+typed, maxCandidates+1)
	}
	msg := completedMsg{typed: typed, keys: keys, err: err}
	if len(keys) > maxCandidates {
		msg.keys, msg.more = keys[:maxCandidates], true
	}
	return msg
}

// commonPrefix is the longest prefix every key shares.
func commonPrefix(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	p := keys[0]
	for _, k := range keys[1:] {
		for !strings.HasPrefix(k, p) {
			p = p[:len(p)-1]
		}
	}
	return strings.ToValidUTF8(p, "")
}

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(p string) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("output %s: %w", p, err)
		}
		return filepath.Join(home, p[1:]), nil
	}
	return p, nil
}

// extensions are the default file endings by format; csv and neo4j write a
// directory.
var extensions = map[string]string{
	"dot": ".dot", "graphml": ".graphml", "gexf": ".gexf", "cytoscape": ".cyjs", "ftm": ".ftm.json",
	"mermaid": ".mmd", "svg": ".svg", "png": ".png", "csv": "-csv", "neo4j": "-neo4j",
}

// descriptions say what each format is for (as casegraph export --help does).
var descriptions = map[string]string{
	"dot":       "Graphviz DOT",
	"graphml":   "GraphML: yEd, Gephi, networkx",
	"gexf":      "GEXF 1.3: Gephi",
	"cytoscape": "Cytoscape.js JSON",
	"csv":       "a directory holding nodes.csv and edges.csv",
	"neo4j":     "a directory for neo4j-admin database import",
	"ftm":       "FollowTheMoney JSON lines: Aleph",
	"mermaid":   "a Mermaid flowchart",
	"svg":       "a drawing by Graphviz dot (when installed)",
	"png":       "a picture by Graphviz dot (when installed)",
}

// defaultOut names the output after the node (and the path's other end):
// ./contractor_FL-000115.graphml, a directory for csv and neo4j.
func defaultOut(key, to, format string) string {
	name := fileName(key)
	if to != "" {
		name += "_to_" + fileName(to)
	}
	return "./" + name + extensions[format]
}

// fileName keeps the letters, digits, dots, dashes and underscores of a key
// (which came from records) and turns the rest into underscores.
func fileName(key string) string {
	var b strings.Builder
	for _, r := range key {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == '.' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if len(s) > 80 {
		s = s[:80]
	}
	if s == "" {
		s = "export"
	}
	return s
}
