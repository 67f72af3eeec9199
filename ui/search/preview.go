package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// previewLinks caps the links read per direction for the preview: the
// totals by kind still count them all.
const previewLinks = 5

// preview is what the preview pane reads beyond the node the search found.
type preview struct {
	links *store.LinkPage
	risk  *store.RiskScore
	err   error
}

// readPreview reads a node's links (a few, with totals by kind, without their
// provenance: the entity screen has it) and, for a contractor, its place in
// the risk ranking.
func readPreview(ctx context.Context, st *store.Store, id int64, kind string) (*preview, error) {
	p := &preview{}
	var err error
	if p.links, err = st.LinkSample(ctx, id, previewLinks); err != nil {
		return nil, err
	}
	if kind == store.KindContractor {
		if p.risk, err = st.RiskOf(ctx, id); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// skipAttrs are attributes the preview shows elsewhere or not at all.
var skipAttrs = map[string]bool{"designated": true, "list": true, "id": true, "programs": true, "remarks": true,
	"delisted": true, "delisted_on": true, "placeholder": true}

// previewLines draws the selected item: what the search already read at
// once, the links and the risk when they arrive. compact (the preview below
// the results, on a narrow terminal) folds the attributes into a paragraph
// and drops the blank lines.
func (m *Model) previewLines(it item, p *preview, width int, compact bool) []string {
	st := m.c.Styles
	n := it.node
	var out []string
	add := func(s string) { out = append(out, s) }
	gap := func() {
		if !compact {
			add("")
		}
	}
	texts := 3 // lines of remarks and of risk reasons
	if compact {
		texts = 2
	}
	add(st.Key.Render(common.Fit(n.Key, width-len(n.Kind)-2)) + "  " + st.Kind.Render(common.Clean(n.Kind)))
	if n.Label != "" {
		for _, l := range common.Wrap(common.Clean(n.Label), width, texts-1) {
			add(st.Title.Render(l))
		}
	}
	if it.alias != "" {
		add(st.Dim.Render(common.Fit("found as the listed name "+it.alias, width)))
	}
	for i, e := range it.matches {
		if i == texts {
			add(st.Dim.Render(fmt.Sprintf("  … %d more", len(it.matches)-i)))
			break
		}
		add(st.Risk.Render(common.Fit("≈ named like ◆ "+e.Key+" "+e.Label, width)))
	}
	if it.designated() {
		line := "◆ DESIGNATED " + common.Str(n.Attrs["list"]) + " " + common.Str(n.Attrs["id"])
		if ps := common.Strs(n.Attrs["programs"]); len(ps) > 0 {
			line += " · programmes " + strings.Join(ps, ", ")
		}
		if it.delisted() {
			line += " · delisted " + common.Str(n.Attrs["delisted_on"])
		}
		add(st.Designated.Render(common.Fit(line, width)))
		for _, l := range common.Wrap(common.Clean(common.Str(n.Attrs["remarks"])), width, texts) {
			add(st.Dim.Render(l))
		}
	}
	switch {
	case p == nil:
		add(st.Dim.Render("reading links…"))
	case p.err != nil:
		add(st.Error.Render(common.Fit(p.err.Error(), width)))
	case p.risk != nil:
		r := p.risk
		if r.Score > 0 {
			line := fmt.Sprintf("risk %.2f", r.Score) + fmt.Sprintf(" · rank %d · %d hops", r.Rank, r.Hops)
			if r.Cluster != "" {
				line += " · " + r.Cluster
			}
			add(st.Risk.Render(common.Fit(line, width)))
			out = append(out, common.Wrap(common.Clean(r.Reason), width, texts)...)
		} else {
			add(st.Dim.Render("no path to a designated entry within 6 hops"))
		}
	}
	if compact {
		out = append(out, common.Wrap(attrText(n), width, 2)...)
	} else if attrs := attrLines(n, width); len(attrs) > 0 {
		gap()
		out = append(out, attrs...)
	}
	if p != nil && p.links != nil {
		gap()
		out = append(out, m.linkLines(p.links, width, compact)...)
	}
	return out
}

// linkLines are the link totals by kind, then the first links.
func (m *Model) linkLines(lp *store.LinkPage, width int, compact bool) []string {
	st := m.c.Styles
	if lp.Total == 0 {
		return []string{st.Dim.Render("no links")}
	}
	kinds := make([]string, 0, len(lp.Totals))
	for k := range lp.Totals {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, 0, len(kinds))
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", common.Clean(k), lp.Totals[k]))
	}
	var out []string
	summary := 3
	if compact {
		summary = 1
	}
	for i, l := range common.Wrap(fmt.Sprintf("Links %d: %s", lp.Total, strings.Join(parts, " · ")), width, summary) {
		if i == 0 {
			l = st.Title.Render("Links") + strings.TrimPrefix(l, "Links")
		}
		out = append(out, l)
	}
	for _, l := range lp.Links {
		arrow := "→"
		if l.Direction == "in" {
			arrow = "←"
		}
		other := st.Key.Render(common.Clean(l.Other.Key))
		if des, _ := l.Other.Attrs["designated"].(bool); des {
			other = st.Designated.Render("◆ " + common.Clean(l.Other.Key))
		}
		label := ""
		if l.Other.Label != "" && !strings.HasSuffix(strings.ToLower(l.Other.Key), strings.ToLower(l.Other.Label)) {
			label = "  " + common.Clean(l.Other.Label)
		}
		out = append(out, common.Pad(fmt.Sprintf("%s %s %s%s", arrow, st.Dim.Render(common.Clean(l.Kind)), other, label), width))
	}
	if shown := len(lp.Links); shown < lp.Total {
		out = append(out, st.Dim.Render(fmt.Sprintf("… %d more: enter opens the full record", lp.Total-shown)))
	}
	return out
}

// attrs are the attributes worth reading, in a stable order: not those shown
// elsewhere, nor a value that only repeats the label.
func attrs(n store.Node) [][2]string {
	keys := make([]string, 0, len(n.Attrs))
	for k := range n.Attrs {
		if !skipAttrs[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([][2]string, 0, len(keys))
	for _, k := range keys {
		v := common.Clean(common.ValueText(n.Attrs[k]))
		if v == "" || strings.EqualFold(v, n.Label) {
			continue
		}
		out = append(out, [2]string{common.Clean(k), v})
	}
	return out
}

// attrLines are the attributes one a line.
func attrLines(n store.Node, width int) []string {
	var out []string
	for _, a := range attrs(n) {
		out = append(out, common.Fit(fmt.Sprintf("%-14s %s", a[0], a[1]), width))
	}
	return out
}

// attrText is the attributes as one paragraph.
func attrText(n store.Node) string {
	var parts []string
	for _, a := range attrs(n) {
		parts = append(parts, a[0]+" "+a[1])
	}
	return strings.Join(parts, " · ")
}
