package cases

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"
)

// WriteHTML writes the report as one self-contained HTML file: no scripts,
// no fonts or images from elsewhere; it prints on paper as it reads on screen.
func WriteHTML(w io.Writer, r *Report) error {
	return htmlReport.Execute(w, map[string]any{"R": r, "D": r.Detail, "SVG": template.HTML(r.SVG),
		"Written": time.Now().UTC().Format(time.RFC3339)})
}

var htmlReport = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Case {{.D.Case.Name}} — casegraph</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#555}.status{font-weight:bold;text-transform:uppercase}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
code{font-size:12px;background:#f4f4f4;padding:0 .2rem}.designated{color:#b00;font-weight:bold}
.flag{background:#fff3cd;border:1px solid #e0b400;padding:.5rem;margin:.5rem 0}
figure{margin:1rem 0;border:1px solid #ddd;padding:.5rem;overflow:auto}figure svg{max-width:100%;height:auto}
@media print{body{margin:0}figure{break-inside:avoid}h2{break-after:avoid}}
</style></head><body>
<h1>Case: {{.D.Case.Name}}</h1>
<p class="meta">Status <span class="status">{{.D.Case.Status}}</span> · opened {{.D.Case.CreatedAt}} · updated {{.D.Case.UpdatedAt}} ·
{{len .D.Pins}} pinned entities · {{len .D.Notes}} notes · report written {{.Written}}</p>
{{range .D.Flags}}<p class="flag">List update to review: {{.List}} version {{.Version}} — <code>{{.Entry}}</code> {{.Change}}, touching <code>{{.Node}}</code>{{if .Via}} via <code>{{.Via}}</code>{{end}}.</p>{{end}}

<h2>Link graph</h2>
{{if .SVG}}<figure>{{.SVG}}<figcaption>The pinned entities and what joins them ({{len .R.Graph.Nodes}} nodes, {{len .R.Graph.Edges}} edges), drawn by {{.R.SVGBy}}. Designated entries in red.</figcaption></figure>{{else}}<p>Nothing pinned to draw.</p>{{end}}

<h2>Pinned entities</h2>
<table><tr><th>Entity</th><th>Tags</th><th>Designation</th><th>Identifiers and links (first rows)</th></tr>
{{range .R.Entities}}<tr><td><code>{{.Node.Key}}</code><br>{{.Node.Label}}</td><td>{{range .Pin.Tags}}{{.}} {{end}}</td>
<td>{{if .Designation}}<span class="designated">{{.Designation}}</span>{{end}}</td>
<td>{{range .Identifiers}}<code>{{.}}</code><br>{{end}}</td></tr>{{end}}</table>

<h2>Paths to designated entities</h2>
{{range .R.Paths}}<h3><code>{{.From}}</code> → <code class="designated">{{.To}}</code></h3>
<table><tr><th>From</th><th>Edge</th><th>To</th><th>Source rows (file:line, SHA-256 of the file)</th></tr>
{{range .Hops}}<tr><td><code>{{.From}}</code></td><td>{{.Edge}}</td><td><code>{{.To}}</code></td><td>{{range .Rows}}{{.}}<br>{{end}}</td></tr>{{end}}</table>
{{else}}<p>No pinned contractor has a path to a designated entry.</p>{{end}}

<h2>Notes</h2>
{{range .D.Notes}}<p><b>{{.At}}</b> {{.OSUser}}{{if .Node}} on <code>{{.Node}}</code>{{end}}: {{.Text}}</p>{{else}}<p>No notes.</p>{{end}}

<h2>Timeline</h2>
<table><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>What</th><th>Detail</th></tr>
{{range .D.Timeline}}<tr><td>{{.ID}}</td><td>{{.At}}</td><td>{{.OSUser}}</td><td>{{.Action}}</td><td><code>{{printf "%s" .Detail}}</code></td></tr>{{end}}</table>

<h2>Designation lists used</h2>
<table><tr><th>List</th><th>Version</th><th>Published</th><th>Entries</th><th>Source</th></tr>
{{range .R.Lists}}<tr><td>{{.List}}</td><td>{{.ID}}</td><td>{{.Published}}</td><td>{{.Entries}}</td><td><code>{{.Source}}</code></td></tr>{{end}}</table>
<p class="meta">Audit log: {{.R.AuditN}} entries, chain {{if .R.AuditOK}}intact{{else}}BROKEN — run casegraph audit verify{{end}} when this report was written.</p>
</body></html>
`))

// WriteMarkdown writes the report as Markdown, with the graph as inline SVG.
func WriteMarkdown(w io.Writer, r *Report) error {
	d := r.Detail
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("# Case: %s\n\nStatus **%s** · opened %s · updated %s · %d pinned entities · %d notes\n\n",
		md(d.Case.Name), d.Case.Status, d.Case.CreatedAt, d.Case.UpdatedAt, len(d.Pins), len(d.Notes))
	for _, f := range d.Flags {
		p("> **List update to review:** %s version %d — `%s` %s, touching `%s`\n\n", md(f.List), f.Version, code(f.Entry), f.Change, code(f.Node))
	}
	p("## Link graph\n\n")
	if r.SVG != "" {
		p("%s\n\n*Drawn by %s. Designated entries in red.*\n\n", r.SVG, r.SVGBy)
	}
	p("## Pinned entities\n\n| Entity | Tags | Designation | Identifiers |\n|---|---|---|---|\n")
	for _, e := range r.Entities {
		var ids []string
		for _, id := range e.Identifiers {
			ids = append(ids, "`"+code(id)+"`")
		}
		p("| `%s` %s | %s | %s | %s |\n", code(e.Node.Key), md(e.Node.Label), md(strings.Join(e.Pin.Tags, ", ")), md(e.Designation), strings.Join(ids, "<br>"))
	}
	p("\n## Paths to designated entities\n\n")
	for _, rp := range r.Paths {
		p("### `%s` → `%s`\n\n| From | Edge | To | Source rows |\n|---|---|---|---|\n", code(rp.From), code(rp.To))
		for _, h := range rp.Hops {
			p("| `%s` | %s | `%s` | %s |\n", code(h.From), h.Edge, code(h.To), md(strings.Join(h.Rows, "; ")))
		}
		p("\n")
	}
	p("## Notes\n\n")
	for _, n := range d.Notes {
		on := ""
		if n.Node != "" {
			on = " on `" + code(n.Node) + "`"
		}
		p("- **%s** %s%s: %s\n", n.At, md(n.OSUser), on, md(n.Text))
	}
	p("\n## Timeline\n\n| # | When (UTC) | Who | What | Detail |\n|---|---|---|---|---|\n")
	for _, e := range d.Timeline {
		p("| %d | %s | %s | %s | `%s` |\n", e.ID, e.At, md(e.OSUser), e.Action, code(string(e.Detail)))
	}
	p("\n## Designation lists used\n\n| List | Version | Published | Entries | Source |\n|---|---|---|---|---|\n")
	for _, v := range r.Lists {
		p("| %s | %d | %s | %d | `%s` |\n", md(v.List), v.ID, v.Published, v.Entries, code(v.Source))
	}
	status := "intact"
	if !r.AuditOK {
		status = "BROKEN — run casegraph audit verify"
	}
	p("\nAudit log: %d entries, chain %s when this report was written.\n", r.AuditN, status)
	return nil
}

// md escapes text for Markdown (and the HTML a renderer allows in it).
func md(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;",
		"[", "\\[", "]", "\\]", "\n", " ", "\r", " ")
	return r.Replace(clean(s))
}

// code keeps text safe inside a `code span`.
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", "\\|", "\n", " ", "\r", " ").Replace(clean(s))
}

// clean drops control characters (escape sequences included) from data.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}
