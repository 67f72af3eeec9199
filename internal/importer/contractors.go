package importer

import (
	"context"
	"strings"

	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/normalize"
	"github.com/casegraph/casegraph/internal/store"
)

// Contractors imports a contractor profile export (CSV, TSV, JSON, JSON Lines).
func Contractors(ctx context.Context, st *store.Store, path string, opt Options) (Result, error) {
	opt = withMapping(opt)
	return run(ctx, st, path, "contractors", ingest.Contractors, opt, nil, func(im *store.Import, file string) rowHandler {
		return rowHandler{
			plan: func(rec *ingest.Record) (any, error) { return planContractor(file, rec, opt) },
			write: func(ctx context.Context, p any, rec *ingest.Record) error {
				return p.(*contractorPlan).write(ctx, im, rec.Line)
			},
		}
	})
}

// withMapping lets the mapping file's settings win over the command-line defaults.
func withMapping(opt Options) Options {
	if m := opt.Mapping; m != nil {
		if m.PhoneRegion != "" {
			opt.PhoneRegion = m.PhoneRegion
		}
		if m.DateOrder != ingest.Auto {
			opt.DateOrder = m.DateOrder
		}
		if m.Decimal != 0 {
			opt.Decimal = m.Decimal
		}
	}
	return opt
}

// link is one identifier of a contractor, the edge to it and the column it came from.
type link struct {
	id    normalize.ID
	edge  string
	field string
	attrs map[string]any
}

// contractorPlan is a fully validated contractor row, ready to write.
type contractorPlan struct {
	node  store.NodeSpec
	links []link
}

// edgeForRole says how a contractor relates to an identifier of each role.
var edgeForRole = map[ingest.Role]string{
	ingest.RoleEmail: store.EdgeUses, ingest.RolePhone: store.EdgeUses, ingest.RoleGitHub: store.EdgeUses,
	ingest.RoleLinkedIn: store.EdgeUses, ingest.RoleTelegram: store.EdgeUses, ingest.RoleHandle: store.EdgeUses,
	ingest.RoleWebsite: store.EdgeUses, ingest.RoleIP: store.EdgeUses, ingest.RoleDevice: store.EdgeUses,
	ingest.RolePhoto: store.EdgeUses, ingest.RoleAddress: store.EdgeLocatedAt,
	ingest.RolePayoutAccount: store.EdgePayoutTo, ingest.RoleIBAN: store.EdgePayoutTo, ingest.RoleWallet: store.EdgePayoutTo,
}

// platformForRole is the handle platform implied by a column's role.
var platformForRole = map[ingest.Role]string{
	ingest.RoleGitHub: "github", ingest.RoleLinkedIn: "linkedin", ingest.RoleTelegram: "telegram",
}

func planContractor(file string, rec *ingest.Record, opt Options) (*contractorPlan, error) {
	idCells := rec.Get(ingest.RoleID)
	if len(idCells) == 0 {
		return nil, &ingest.Error{File: file, Line: rec.Line, Field: columnOf(rec, ingest.RoleID), Reason: "missing contractor id"}
	}
	if len(idCells) > 1 {
		return nil, &ingest.Error{File: file, Line: rec.Line, Field: idCells[0].Column, Reason: "several contractor ids in one cell"}
	}
	cid := idCells[0].Value
	name := rec.First(ingest.RoleName)
	if name == "" {
		name = strings.TrimSpace(rec.First(ingest.RoleFirstName) + " " + rec.First(ingest.RoleLastName))
	}
	attrs := map[string]any{"id": cid, "placeholder": nil}
	if name != "" {
		attrs["name"] = name
	}
	country := rec.First(ingest.RoleCountry)
	region := opt.PhoneRegion
	if country != "" {
		attrs["country"] = country
		if cc, ok := normalize.CountryCode(country); ok {
			attrs["country_code"] = cc
			region = cc
		}
	}
	for _, r := range []ingest.Role{ingest.RoleJoined, ingest.RoleDOB} {
		if v := rec.First(r); v != "" {
			t, err := ingest.ParseDate(v, opt.DateOrder)
			if err != nil {
				return nil, badField(file, rec.Line, rec.Get(r)[0].Column, err)
			}
			attrs[string(r)] = t.Format("2006-01-02")
		}
	}
	if v := rec.First(ingest.RoleNationality); v != "" {
		attrs["nationality"] = v
	}
	if method := rec.First(ingest.RolePayoutMethod); method != "" {
		attrs["payout_method"] = method
	}
	extra := map[string]string{}
	for _, rc := range rec.Cells {
		if rc.Role == ingest.RoleExtra && rc.Value != "" {
			extra[rc.Column] = rc.Value
		}
	}
	if len(extra) > 0 {
		attrs["extra"] = extra
	}
	label := name
	if label == "" {
		label = cid
	}
	p := &contractorPlan{node: store.NodeSpec{Kind: store.KindContractor, Key: store.KindContractor + ":" + cid, Label: label, Attrs: attrs}}

	add := func(role ingest.Role, c ingest.Cell, id normalize.ID, err error, extra map[string]any) error {
		if err != nil {
			return badField(file, rec.Line, c.Column, err)
		}
		p.links = append(p.links, link{id: id, edge: edgeForRole[role], field: c.Column, attrs: extra})
		return nil
	}
	method := rec.First(ingest.RolePayoutMethod)
	for _, rc := range rec.Cells {
		if rc.Role == ingest.RoleExtra || edgeForRole[rc.Role] == "" {
			continue
		}
		for _, c := range splitCell(rc.Cell) {
			var id normalize.ID
			var err error
			var ea map[string]any
			switch rc.Role {
			case ingest.RoleEmail:
				id, err = normalize.Email(c.Value)
			case ingest.RolePhone:
				id, err = normalize.Phone(c.Value, region)
			case ingest.RoleGitHub, ingest.RoleLinkedIn, ingest.RoleTelegram, ingest.RoleHandle:
				id, err = normalize.Handle(c.Value, platformForRole[rc.Role])
			case ingest.RoleWebsite:
				id, err = normalize.URL(c.Value)
			case ingest.RoleIP:
				id, err = normalize.IP(c.Value)
			case ingest.RoleDevice:
				id, err = normalize.Device(c.Value)
			case ingest.RolePhoto:
				id, err = normalize.Photo(c.Value)
			case ingest.RoleAddress:
				id, err = normalize.Address(c.Value)
			case ingest.RoleIBAN:
				id, err = normalize.IBAN(c.Value)
				ea = map[string]any{"declared": true}
			case ingest.RoleWallet:
				id, err = normalize.Wallet(c.Value)
				ea = map[string]any{"declared": true}
			case ingest.RolePayoutAccount:
				id, err = normalize.Payout(method, c.Value, region)
				ea = map[string]any{"declared": true}
				if method != "" {
					ea["method"] = method
				}
			}
			if err := add(rc.Role, c, id, err, ea); err != nil {
				return nil, err
			}
		}
	}
	// A street with city / postal code / country columns is one address.
	if street := rec.Get(ingest.RoleStreet); len(street) > 0 {
		parts := []string{street[0].Value}
		for _, r := range []ingest.Role{ingest.RoleCity, ingest.RoleRegion, ingest.RolePostal, ingest.RoleCountry} {
			if v := rec.First(r); v != "" {
				parts = append(parts, v)
			}
		}
		id, err := normalize.Address(strings.Join(parts, ", "))
		if err := add(ingest.RoleAddress, street[0], id, err, nil); err != nil {
			return nil, err
		}
	}
	// Bank details split over routing and account-number columns.
	if acct := rec.Get(ingest.RoleAccountNumber); len(acct) > 0 {
		id, err := normalize.BankAccount(rec.First(ingest.RoleRouting), acct[0].Value, attrString(attrs, "country_code"))
		if err := add(ingest.RolePayoutAccount, acct[0], id, err, map[string]any{"declared": true}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *contractorPlan) write(ctx context.Context, im *store.Import, line int) error {
	cid, err := im.Node(ctx, p.node, store.Prov{Line: line})
	if err != nil {
		return err
	}
	for _, l := range p.links {
		if err := writeLink(ctx, im, cid, l, l.id, line); err != nil {
			return err
		}
		// Folded forms (plus-addressing, Gmail dots) are linked too, so exact and
		// folded matches both meet in two hops.
		for _, also := range l.id.Also {
			if err := writeLink(ctx, im, cid, l, also, line); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeLink(ctx context.Context, im *store.Import, from int64, l link, id normalize.ID, line int) error {
	prov := store.Prov{Line: line, Field: l.field}
	// The identifier's provenance is the edge's: the same row and column assert both.
	nid, err := im.Node(ctx, store.NodeSpec{Kind: id.Kind, Key: id.Key, Label: id.Label, Attrs: id.Attrs}, store.Prov{})
	if err != nil {
		return err
	}
	attrs := l.attrs
	if id.Key != l.id.Key {
		attrs = map[string]any{"folded_from": l.id.Key}
	}
	_, err = im.Edge(ctx, l.edge, from, nid, attrs, prov)
	return err
}

// splitCell splits a cell holding several ';'-separated identifiers.
func splitCell(c ingest.Cell) []ingest.Cell {
	if !strings.Contains(c.Value, ";") {
		if strings.TrimSpace(c.Value) == "" || normalize.Empty(c.Value) {
			return nil
		}
		return []ingest.Cell{c}
	}
	var out []ingest.Cell
	for _, v := range strings.Split(c.Value, ";") {
		if v = strings.TrimSpace(v); v != "" && !normalize.Empty(v) {
			out = append(out, ingest.Cell{Column: c.Column, Value: v})
		}
	}
	return out
}

// columnOf names the column of a role for an error, or the role itself when absent.
func columnOf(rec *ingest.Record, role ingest.Role) string {
	for _, rc := range rec.Cells {
		if rc.Role == role {
			return rc.Column
		}
	}
	return string(role)
}

func attrString(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
