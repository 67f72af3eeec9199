package search

import (
	"context"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
)

// searchLimit caps the hits read per query: enough that a common surname
// ("kim": ~190 hits on the demo, most of them list aliases) still reaches the
// contractors, few enough that a one-letter prefix on a million-node case
// stays a page, not a table.
const searchLimit = 500

// kindOrder is the order groups are shown in: the people under review, then
// the designated entries, then what identifies them. Kinds not listed follow
// in alphabetical order.
var kindOrder = []string{
	store.KindContractor,
	store.KindPerson, store.KindOrganization, store.KindVessel, store.KindAircraft,
	store.KindClient,
	store.KindAccount, store.KindWallet, store.KindEmail, store.KindPhone, store.KindAddress,
	store.KindHandle, store.KindIP, store.KindDevice, store.KindDocument, store.KindDomain,
	store.KindURL, store.KindPhoto, store.KindName,
}

// item is one result: a node; when an entry was found only through one of
// the names a list gives it, that name; the designated entries whose names
// the node's resembles (a contractor named like a listed person).
type item struct {
	node    store.Node
	alias   string
	matches []store.NodeRef
}

func (it item) designated() bool { b, _ := it.node.Attrs["designated"].(bool); return b }
func (it item) delisted() bool   { b, _ := it.node.Attrs["delisted"].(bool); return b }

// group is the results of one node kind, best first.
type group struct {
	kind       string
	items      []item
	designated int // items on a designation list (and not delisted)
	matched    int // items named like a designated entry
	keyWidth   int // the widest key shown in the group, for alignment
}

// results is one query's answer, grouped by kind.
type results struct {
	query     string
	groups    []group
	count     int  // items over all groups
	truncated bool // the search hit searchLimit: there are more
}

// find runs a query: the full-text hits, with each hit on a listed name
// replaced by the entries listed under it (a name node is only a way to
// reach them), grouped by kind.
func find(ctx context.Context, st *store.Store, q string) (*results, error) {
	hits, err := st.Search(ctx, q, searchLimit)
	if err != nil {
		return nil, err
	}
	var nameIDs, otherIDs []int64
	for _, h := range hits {
		if h.Kind == store.KindName {
			nameIDs = append(nameIDs, h.ID)
		} else {
			otherIDs = append(otherIDs, h.ID)
		}
	}
	entries := map[int64][]store.ListName{}
	if len(nameIDs) > 0 {
		lns, err := st.ListNamesByID(ctx, nameIDs)
		if err != nil {
			return nil, err
		}
		for _, ln := range lns {
			entries[ln.NameID] = append(entries[ln.NameID], ln)
		}
	}
	matches, err := st.NameMatchesOf(ctx, otherIDs)
	if err != nil {
		return nil, err
	}
	return groupHits(q, hits, entries, matches, len(hits) >= searchLimit), nil
}

// groupHits groups hits by kind (pure: find's second half, tested alone).
func groupHits(q string, hits []store.Hit, entries map[int64][]store.ListName, matches map[int64][]store.NodeRef,
	truncated bool) *results {
	seen := map[int64]bool{}
	byKind := map[string][]item{}
	add := func(it item) {
		if seen[it.node.ID] {
			return
		}
		seen[it.node.ID] = true
		byKind[it.node.Kind] = append(byKind[it.node.Kind], it)
	}
	// Entries found directly come before the same entries found by an alias,
	// whatever the ranks: the alias is then noise.
	for _, h := range hits {
		if h.Kind != store.KindName {
			add(item{node: h.Node, matches: matches[h.ID]})
		}
	}
	for _, h := range hits {
		if h.Kind != store.KindName {
			continue
		}
		lns := entries[h.ID]
		if len(lns) == 0 {
			add(item{node: h.Node}) // a name no entry claims: still a result
			continue
		}
		for _, ln := range lns {
			ln.Decode()
			n := store.Node{ID: ln.Entry.ID, Kind: ln.Entry.Kind, Key: ln.Entry.Key, Label: ln.Entry.Label, Attrs: ln.Attrs}
			alias := ""
			if !strings.EqualFold(ln.Name, n.Label) {
				alias = ln.Name
			}
			add(item{node: n, alias: alias})
		}
	}
	r := &results{query: q, truncated: truncated}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b string) int {
		ia, ib := rankOf(a), rankOf(b)
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	for _, k := range kinds {
		g := group{kind: k, items: byKind[k]}
		for _, it := range g.items {
			if it.designated() && !it.delisted() {
				g.designated++
			}
			if len(it.matches) > 0 {
				g.matched++
			}
			if showsKey(it.node) {
				g.keyWidth = max(g.keyWidth, min(keyCap, ansi.StringWidth(common.Clean(it.node.Key))))
			}
		}
		r.groups = append(r.groups, g)
		r.count += len(g.items)
	}
	return r
}

// keyCap bounds the key column: a pathological key must not push the labels
// off the screen.
const keyCap = 24

func rankOf(kind string) int {
	if i := slices.Index(kindOrder, kind); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// showsKey says whether a result row shows the node's key before its label:
// for contractors and list entries the key is the identifier people quote
// (FL-000081, ofac:43377); for an identifier the key only repeats the label
// in normalised form.
func showsKey(n store.Node) bool {
	switch n.Kind {
	case store.KindContractor, store.KindPerson, store.KindOrganization, store.KindVessel, store.KindAircraft:
		return true
	}
	return n.Label == ""
}

// row is one line of the results list: a group heading (it < 0) or an item.
type row struct {
	group, it int
}

// rows flattens the groups into list rows.
func (r *results) rows() []row {
	if r == nil {
		return nil
	}
	var out []row
	for gi, g := range r.groups {
		out = append(out, row{group: gi, it: -1})
		for ii := range g.items {
			out = append(out, row{group: gi, it: ii})
		}
	}
	return out
}
