// Package cases keeps investigations: a case has a name, a status (open,
// escalated, closed), pinned entities, tags on them, notes on the case or an
// entity, and a timeline — its entries in the hash-chained audit log. A newer
// list version that touches a case's entities flags the case for review.
package cases

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/store"
)

// Tags the workbench offers; any other short word is the analyst's own.
var Tags = []string{"confirmed", "cleared", "needs-review"}

// Detail is everything a case holds.
type Detail struct {
	Case     store.Case         `json:"case"`
	Pins     []store.CasePin    `json:"pins"`
	Notes    []store.CaseNote   `json:"notes"`
	Timeline []store.AuditEntry `json:"timeline"`
	Flags    []Flag             `json:"flags,omitempty"`
}

// Flag is a list change since the analyst last reviewed the case that touches
// one of its entities.
type Flag struct {
	Version int64  `json:"version"`
	List    string `json:"list"`
	Entry   string `json:"entry"`  // the added or changed entry
	Change  string `json:"change"` // added | changed
	Node    string `json:"node"`   // the pinned entity it touches (the entry itself, or one within two hops)
	Via     string `json:"via,omitempty"`
}

func target(name string) string { return "case:" + name }

func validName(name string) error {
	if strings.TrimSpace(name) == "" || len(name) > 80 {
		return fmt.Errorf("a case name is 1 to 80 characters")
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fmt.Errorf("a case name has no control characters")
		}
	}
	return nil
}

// New creates a case.
func New(ctx context.Context, st *store.Store, name string) (*store.Case, error) {
	if err := validName(name); err != nil {
		return nil, err
	}
	c, err := st.NewCase(ctx, name)
	if err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, st, "case-new", target(name), nil)
}

func open(ctx context.Context, st *store.Store, name string) (*store.Case, error) {
	return st.CaseByName(ctx, name)
}

func node(ctx context.Context, st *store.Store, key string) (store.Node, error) {
	n, err := st.NodeByKey(ctx, key)
	if err != nil {
		return n, fmt.Errorf("%s: %w", key, err)
	}
	return n, nil
}

// Pin pins entities to a case.
func Pin(ctx context.Context, st *store.Store, name string, keys ...string) error {
	c, err := open(ctx, st, name)
	if err != nil {
		return err
	}
	for _, k := range keys {
		n, err := node(ctx, st, k)
		if err != nil {
			return err
		}
		added, err := st.PinToCase(ctx, c, n.ID)
		if err != nil {
			return err
		}
		if added {
			if err := audit.Record(ctx, st, "case-pin", target(name), map[string]string{"node": n.Key}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Tag tags an entity in a case (pinning it).
func Tag(ctx context.Context, st *store.Store, name, key, tag string) error {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == "" || len(tag) > 40 || strings.ContainsFunc(tag, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == ',' }) {
		return fmt.Errorf("tag %q: one word of up to 40 characters (e.g. %s)", tag, strings.Join(Tags, ", "))
	}
	c, err := open(ctx, st, name)
	if err != nil {
		return err
	}
	n, err := node(ctx, st, key)
	if err != nil {
		return err
	}
	if err := st.TagInCase(ctx, c, n.ID, tag); err != nil {
		return err
	}
	return audit.Record(ctx, st, "case-tag", target(name), map[string]string{"node": n.Key, "tag": tag})
}

// Note adds a note on the case (key "") or on an entity.
func Note(ctx context.Context, st *store.Store, name, key, text string) error {
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("the note is empty")
	}
	c, err := open(ctx, st, name)
	if err != nil {
		return err
	}
	var id int64
	if key != "" {
		n, err := node(ctx, st, key)
		if err != nil {
			return err
		}
		id = n.ID
	}
	if err := st.NoteInCase(ctx, c, id, text, audit.User()); err != nil {
		return err
	}
	return audit.Record(ctx, st, "case-note", target(name), map[string]string{"node": key, "text": text})
}

// SetStatus opens, escalates or closes a case.
func SetStatus(ctx context.Context, st *store.Store, name, status string) error {
	switch status {
	case store.CaseOpen, store.CaseEscalated, store.CaseClosed:
	default:
		return fmt.Errorf("status %q: want open, escalated or closed", status)
	}
	c, err := open(ctx, st, name)
	if err != nil {
		return err
	}
	if c.Status == status {
		return nil
	}
	if err := st.SetCaseStatus(ctx, c, status); err != nil {
		return err
	}
	return audit.Record(ctx, st, "case-status", target(name), map[string]string{"from": c.Status, "to": status})
}

// Reviewed marks every list version so far as seen in the case: its flags clear.
func Reviewed(ctx context.Context, st *store.Store, name string) error {
	c, err := open(ctx, st, name)
	if err != nil {
		return err
	}
	if err := st.MarkCaseReviewed(ctx, c); err != nil {
		return err
	}
	return audit.Record(ctx, st, "case-reviewed", target(name), nil)
}

// Show reads a whole case.
func Show(ctx context.Context, st *store.Store, name string) (*Detail, error) {
	c, err := open(ctx, st, name)
	if err != nil {
		return nil, err
	}
	d := &Detail{Case: *c}
	if d.Pins, err = st.CasePins(ctx, c); err != nil {
		return nil, err
	}
	if d.Notes, err = st.CaseNotes(ctx, c); err != nil {
		return nil, err
	}
	if d.Timeline, err = st.AuditFor(ctx, target(name)); err != nil {
		return nil, err
	}
	ds, err := newDeltas(ctx, st)
	if err != nil {
		return nil, err
	}
	d.Flags, err = flags(ctx, st, c, d.Pins, ds)
	return d, err
}

// Summary is a case in the list, with its review flags.
type Summary struct {
	store.Case
	Flags []Flag `json:"flags,omitempty"`
}

// List lists the cases, each with its flags.
func List(ctx context.Context, st *store.Store) ([]Summary, error) {
	cs, err := st.Cases(ctx)
	if err != nil {
		return nil, err
	}
	ds, err := newDeltas(ctx, st)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(cs))
	for i := range cs {
		pins, err := st.CasePins(ctx, &cs[i])
		if err != nil {
			return nil, err
		}
		fl, err := flags(ctx, st, &cs[i], pins, ds)
		if err != nil {
			return nil, err
		}
		out = append(out, Summary{Case: cs[i], Flags: fl})
	}
	return out, nil
}

// deltas reads what each list version changed once, however many cases ask.
type deltas struct {
	versions []store.ListVersion
	changes  map[int64][]store.ListChange
	touched  map[int64][]store.Touched
}

func newDeltas(ctx context.Context, st *store.Store) (*deltas, error) {
	vs, err := st.ListVersions(ctx)
	if err != nil {
		return nil, err
	}
	return &deltas{versions: vs, changes: map[int64][]store.ListChange{}, touched: map[int64][]store.Touched{}}, nil
}

func (d *deltas) of(ctx context.Context, st *store.Store, id int64) ([]store.ListChange, []store.Touched, error) {
	if ch, ok := d.changes[id]; ok {
		return ch, d.touched[id], nil
	}
	ch, err := st.ListChanges(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	t, err := st.TouchedByVersion(ctx, id, 10000)
	if err != nil {
		return nil, nil, err
	}
	d.changes[id], d.touched[id] = ch, t
	return ch, t, nil
}

// flags finds list versions newer than the case's last review whose added or
// changed entries are pinned in it, or within two hops of a pinned entity.
func flags(ctx context.Context, st *store.Store, c *store.Case, pins []store.CasePin, d *deltas) ([]Flag, error) {
	if len(pins) == 0 {
		return nil, nil
	}
	pinned := map[string]bool{}
	for _, p := range pins {
		pinned[p.Node.Key] = true
	}
	var out []Flag
	for _, v := range d.versions {
		if v.ID <= c.SeenVersion || v.Added+v.Changed == 0 {
			continue
		}
		changes, touched, err := d.of(ctx, st, v.ID)
		if err != nil {
			return nil, err
		}
		for _, ch := range changes {
			if pinned[ch.Key] && ch.Change != "removed" {
				out = append(out, Flag{Version: v.ID, List: v.List, Entry: ch.Key, Change: ch.Change, Node: ch.Key})
			}
		}
		for _, t := range touched {
			if pinned[t.Key] {
				out = append(out, Flag{Version: v.ID, List: v.List, Entry: t.Entry, Change: t.Change, Node: t.Key, Via: t.Via})
			}
		}
	}
	return out, nil
}
