package cases

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os/exec"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/store"
)

// Report is everything a case report shows, gathered from the database.
type Report struct {
	Detail   *Detail
	Entities []ReportEntity
	Paths    []ReportPath
	Lists    []store.ListVersion
	Graph    *graphs.Subgraph
	SVG      string // the graph picture, inline
	SVGBy    string // "Graphviz" or "casegraph's own layout"
	AuditN   int    // audit entries when the report was written
	AuditOK  bool
}

// ReportEntity is a pinned entity with its identifiers and designation.
type ReportEntity struct {
	Pin         store.CasePin
	Node        store.Node
	Designation string   // list, id, programmes; "" when not designated
	Identifiers []string // "kind key (file:line)"
}

// ReportPath is a pinned contractor's path to a designated entry, each hop
// with the rows (file, SHA-256, line) behind it.
type ReportPath struct {
	From, To string
	Hops     []ReportHop
}

// ReportHop is one edge of a path.
type ReportHop struct {
	From, Edge, To string
	Rows           []string // "file:line (sha256 …)"
}

// BuildReport gathers a case's report.
func BuildReport(ctx context.Context, st *store.Store, name string) (*Report, error) {
	d, err := Show(ctx, st, name)
	if err != nil {
		return nil, err
	}
	r := &Report{Detail: d}
	sources, err := st.Sources(ctx)
	if err != nil {
		return nil, err
	}
	sha := map[string]string{}
	for _, s := range sources {
		sha[s.Path] = s.SHA256
	}
	row := func(a store.Assertion) string {
		s := fmt.Sprintf("%s:%d", base(a.Path), a.Line)
		if a.Field != "" {
			s += " (" + a.Field + ")"
		}
		if h := sha[a.Path]; h != "" {
			s += " sha256 " + h[:16] + "…"
		}
		return s
	}
	var keys []string
	for _, p := range d.Pins {
		n, err := st.NodeByKey(ctx, p.Node.Key)
		if err != nil {
			return nil, err
		}
		e := ReportEntity{Pin: p, Node: n}
		if des, _ := n.Attrs["designated"].(bool); des {
			e.Designation = fmt.Sprintf("%v %v %v", n.Attrs["list"], n.Attrs["id"], n.Attrs["programs"])
		}
		page, err := st.Links(ctx, n.ID, 12, 1)
		if err != nil {
			return nil, err
		}
		for _, l := range page.Links {
			id := l.Kind + " " + l.Other.Key
			if len(l.Sources) > 0 {
				id += " (" + row(l.Sources[0]) + ")"
			}
			e.Identifiers = append(e.Identifiers, id)
		}
		r.Entities = append(r.Entities, e)
		keys = append(keys, n.Key)
		// A pinned contractor's path to the entry its risk ranking ends at.
		if n.Kind != store.KindContractor {
			continue
		}
		rs, err := st.RiskOf(ctx, n.ID)
		if err != nil || rs == nil || len(rs.Path) == 0 {
			continue
		}
		to := rs.Path[len(rs.Path)-1].Key
		res, err := graphs.ShortestPaths(ctx, st, n.Key, to, 6, 1, graphs.Options{Sources: 3})
		if err != nil || len(res.Paths) == 0 {
			continue
		}
		p := res.Paths[0]
		rp := ReportPath{From: n.Key, To: to}
		for i, e := range p.Edges {
			h := ReportHop{From: p.Nodes[i].Key, Edge: e.Kind, To: p.Nodes[i+1].Key}
			for _, a := range e.Sources {
				h.Rows = append(h.Rows, row(a))
			}
			rp.Hops = append(rp.Hops, h)
		}
		r.Paths = append(r.Paths, rp)
		keys = append(keys, to)
	}
	if r.Lists, err = st.ListVersions(ctx); err != nil {
		return nil, err
	}
	if len(keys) >= 2 {
		if r.Graph, err = graphs.Connecting(ctx, st, dedupe(keys), 6, 2, graphs.Options{Sources: 1}); err != nil {
			return nil, err
		}
	} else if len(keys) == 1 {
		if r.Graph, err = graphs.Ego(ctx, st, keys[0], 1, graphs.Options{MaxNodes: 40, Sources: 1}); err != nil {
			return nil, err
		}
	}
	if r.Graph != nil {
		r.SVG, r.SVGBy = picture(ctx, r.Graph)
	}
	n, brk, err := st.VerifyAudit(ctx)
	if err != nil {
		return nil, err
	}
	r.AuditN, r.AuditOK = n, brk == nil
	return r, nil
}

func dedupe(ks []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, k := range ks {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func base(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// picture draws the case graph as SVG: with Graphviz when installed (the
// escaped DOT export), otherwise with a circle layout of our own.
func picture(ctx context.Context, g *graphs.Subgraph) (svg, by string) {
	if path, err := exec.LookPath("dot"); err == nil {
		var dot bytes.Buffer
		if err := export.WriteDOT(&dot, g); err == nil {
			cmd := exec.CommandContext(ctx, path, "-Tsvg")
			cmd.Stdin = &dot
			if out, err := cmd.Output(); err == nil {
				s := string(out)
				if i := strings.Index(s, "<svg"); i >= 0 {
					return s[i:], "Graphviz"
				}
			}
		}
	}
	return ownSVG(g), "casegraph's own layout (Graphviz is not installed)"
}

// ownSVG lays the nodes on a circle, designated entries in red.
func ownSVG(g *graphs.Subgraph) string {
	const size, radius = 640.0, 250.0
	pos := map[string][2]float64{}
	for i, n := range g.Nodes {
		a := 2 * math.Pi * float64(i) / float64(max(1, len(g.Nodes)))
		pos[n.Key] = [2]float64{size/2 + radius*math.Cos(a), size/2 + radius*math.Sin(a)}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`, size, size, size, size)
	for _, e := range g.Edges {
		p, q := pos[e.Src], pos[e.Dst]
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#888"/>`, p[0], p[1], q[0], q[1])
	}
	for _, n := range g.Nodes {
		p := pos[n.Key]
		fill := "#4a7"
		if n.Designated {
			fill = "#d22"
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="7" fill="%s"/><text x="%.1f" y="%.1f" font-size="10">%s</text>`,
			p[0], p[1], fill, p[0]+9, p[1]+3, xmlText(n.Label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func xmlText(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
