package risk

import (
	"fmt"
	"strings"

	"github.com/casegraph/casegraph/internal/store"
)

// step is one node of a path with the edge that leads to it from the step before.
type step struct {
	node int32
	edge int32 // edge index; -1 on the first step
	out  bool  // the step before is the edge's source
}

// pathOf follows contractor c's predecessors to its designated entry.
func (m *model) pathOf(p *paths, c int32) []step {
	path := []step{{node: c, edge: -1}}
	for v := c; p.prev[v] >= 0; v = p.prev[v] {
		h := p.via[v] // the half-edge at prev[v] that leads to v
		path = append(path, step{node: p.prev[v], edge: h.Edge(), out: !h.Out()})
	}
	return path
}

// describer writes a path as one line a person reads: what the contractor shares,
// where the money goes, which entry it reaches, and every hub or weak match on the way.
type describer struct {
	m    *model
	node func(int32) *store.Node
}

// verbs says each edge from the step before's side: [previous step is the source,
// this step is]. A leading "is " marks a passive verb ("which is paid by").
var verbs = map[string][2]string{
	"uses":       {"uses", "is used by"},
	"located_at": {"is located at", "is the address of"},
	"payout_to":  {"is paid out to", "receives the payouts of"},
	"paid":       {"pays", "is paid by"},
	"transfer":   {"transfers to", "receives transfers from"},
	"holds":      {"holds", "is held by"},
	"linked_to":  {"is linked to", "is linked from"},
	nameMatch:    {"name-matches", "is name-matched by"},
}

func (d *describer) edgeKind(e int32) string { return d.m.g.EdgeKinds[d.m.g.EdgeKind[e]] }

func (d *describer) reason(path []step) string {
	var parts []string
	k := len(path) - 1
	for i := 0; i < k; {
		cur, next := path[i], path[i+1]
		if i+1 == k {
			parts = d.ending(parts, i, cur, next)
			break
		}
		// contractor → identifier ← contractor: a shared identifier.
		if i+2 <= k && d.m.isContractor(cur.node) && d.m.isContractor(path[i+2].node) && next.out && !path[i+2].out {
			what := d.np(path, i+1)
			if d.edgeKind(next.edge) == "payout_to" && d.edgeKind(path[i+2].edge) == "payout_to" {
				what = "payout account " + what
			}
			parts = append(parts, d.lead(i, cur, "shares "+what+" with "+d.np(path, i+2)))
			i += 2
			continue
		}
		if j := d.moneyRun(path, i); j > i+1 {
			more := "1 more account"
			if j-i-1 > 1 {
				more = fmt.Sprintf("%d more accounts", j-i-1)
			}
			parts = append(parts, d.lead(i, cur, "moves money through "+more+" to "+d.np(path, j)))
			i = j
			continue
		}
		parts = append(parts, d.lead(i, cur, d.verb(next)+" "+d.np(path, i+1)))
		i++
	}
	return strings.Join(parts, ", ")
}

// moneyRun finds the end of a run of money moving forward from path[i] through
// accounts that are not hubs, before the entry; i when there is none.
func (d *describer) moneyRun(path []step, i int) int {
	m := d.m
	if !m.money[m.g.Kind[path[i].node]] {
		return i
	}
	j := i
	for j+1 < len(path)-1 {
		s := path[j+1]
		if !s.out || !m.moneyEdge[m.g.EdgeKind[s.edge]] || !m.money[m.g.Kind[s.node]] {
			break
		}
		if j > i && hub(int(m.n[path[j].node])) < 1 {
			break // a hub on the way is worth its own clause
		}
		j++
	}
	return j
}

func (d *describer) verb(s step) string {
	k := d.edgeKind(s.edge)
	v, ok := verbs[k]
	if !ok {
		if s.out {
			return k + " →"
		}
		return k + " ←"
	}
	if s.out {
		return v[0]
	}
	return v[1]
}

// lead starts a clause about path step i: the contractor itself needs no subject;
// any later step is "who" or "which".
func (d *describer) lead(i int, cur step, clause string) string {
	if i == 0 {
		return strings.TrimPrefix(clause, "is ")
	}
	if strings.HasPrefix(clause, "whose ") {
		return clause
	}
	if d.m.isContractor(cur.node) {
		return "who " + clause
	}
	return "which " + clause
}

// ending describes the last edge, into the designated entry.
func (d *describer) ending(parts []string, i int, cur, last step) []string {
	entry := d.entry(last.node)
	switch k := d.edgeKind(last.edge); {
	case k == nameMatch && last.out:
		mt := d.m.g.Matches[last.edge]
		how := fmt.Sprintf("%s match %.2f", mt.Strength, mt.Score)
		if mt.Strength == "possible" {
			how += ", halved: name only"
		}
		subject := "whose name matches "
		switch {
		case i == 0:
			subject = "name matches "
		case d.node(cur.node).Kind == "account":
			subject = "whose beneficiary name matches "
		}
		return append(parts, d.lead(i, cur, subject+entry+" ("+how+")"))
	case (k == "uses" || k == "located_at" || k == "holds") && !last.out && i > 0:
		held := " listed for "
		if kind := d.node(cur.node).Kind; kind == "wallet" || kind == "account" {
			held = " held by "
		}
		parts[len(parts)-1] += held + entry
		return parts
	}
	return append(parts, d.lead(i, cur, d.verb(last)+" "+entry))
}

// entry names a designated entry: "KIM, Sang Man [ofac:43377, DPRK3]".
func (d *describer) entry(i int32) string {
	n := d.node(i)
	tags := []string{n.Key}
	if ps, ok := n.Attrs["programs"].([]any); ok {
		for _, p := range ps {
			tags = append(tags, fmt.Sprint(p))
		}
	}
	if d.m.g.Flags[i]&store.NodeDelisted != 0 {
		on, _ := n.Attrs["delisted_on"].(string)
		tags = append(tags, strings.TrimSpace("delisted on "+on)+", ×0.5")
	}
	return n.Label + " [" + strings.Join(tags, ", ") + "]"
}

// np names the intermediate node path[j], with how many share it, its hub factor,
// and whether it is only a common payer of its neighbours.
func (d *describer) np(path []step, j int) string {
	i := path[j].node
	n := d.node(i)
	if d.m.isContractor(i) {
		return strings.TrimPrefix(n.Key, "contractor:")
	}
	var notes []string
	cc, f := d.m.cc[i], hub(int(d.m.n[i]))
	subject := j+1 < len(path) && path[j+1].out && d.edgeKind(path[j+1].edge) == nameMatch
	if subject {
		f = hub(int(cc)) // the matched party itself: only the profiles sharing it count (see through)
	} else if b := d.m.base[d.m.g.Kind[i]]; b <= weakKind {
		notes = append(notes, fmt.Sprintf("%s %s, ×%.2f", article(n.Kind), n.Kind, b))
	}
	switch {
	case f < 1 && cc == 0:
		notes = append(notes, fmt.Sprintf("%d counterparties: hub, ×%.2f", d.m.n[i], f))
	case f < 1:
		notes = append(notes, fmt.Sprintf("shared by %d profiles: hub, ×%.2f", cc, f))
	case cc >= 2:
		notes = append(notes, fmt.Sprintf("%d profiles", cc))
	}
	if j+1 < len(path) && !path[j].out && path[j+1].out && d.m.pays[d.m.g.EdgeKind[path[j].edge]] &&
		d.m.pays[d.m.g.EdgeKind[path[j+1].edge]] && d.m.base[d.m.g.Kind[i]] > commonPayerBase {
		notes = append(notes, fmt.Sprintf("a common payer, ×%.2f", commonPayerBase))
	}
	s := shortKey(n.Key, n.Kind)
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// weakKind is the base weight at or below which a reason names a node's kind as
// the cause of a weak step (an IP, a URL, a client).
const weakKind = 0.5

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// shortKey abbreviates the long hashes of wallets, photos and devices:
// "wallet:eth:0x97b1…". The path carries the full key.
func shortKey(key, kind string) string {
	switch kind {
	case "wallet", "photo", "device":
		cut := strings.LastIndexByte(key, ':') + 1
		if len(key)-cut > 16 {
			return key[:cut+6] + "…"
		}
	}
	return key
}
