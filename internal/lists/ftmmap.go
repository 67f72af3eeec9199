package lists

import (
	"strings"
)

// ftmTypes maps the FtM schemata that are designated parties to entry types.
var ftmTypes = map[string]string{
	"Person":       "person",
	"Organization": "organization",
	"Company":      "organization",
	"LegalEntity":  "organization",
	"PublicBody":   "organization",
	"Vessel":       "vessel",
	"Airplane":     "aircraft",
}

// ftmDocProps maps identifier properties to the document types the other readers use.
var ftmDocProps = [...]struct{ prop, typ string }{
	{"passportNumber", "Passport"},
	{"idNumber", "National ID No."},
	{"taxNumber", "Tax ID No."},
	{"registrationNumber", "Registration Number"},
	{"innCode", "INN"},
	{"ogrnCode", "OGRN"},
	{"leiCode", "LEI"},
	{"swiftBic", "SWIFT/BIC"},
	{"imoNumber", "IMO"},
}

// ftmLinkSchema names a link schema's two ends and the relation kind set on its subject.
type ftmLinkSchema struct{ subj, obj, kind string }

var ftmLinks = map[string]ftmLinkSchema{
	"Ownership":      {"owner", "asset", "owner_of"},
	"Directorship":   {"director", "organization", "director_of"},
	"Family":         {"person", "relative", "family_of"},
	"Associate":      {"person", "associate", "associate_of"},
	"UnknownLink":    {"subject", "object", "linked_to"},
	"Membership":     {"member", "organization", "member_of"},
	"Employment":     {"employee", "employer", "employee_of"},
	"Representation": {"agent", "client", "agent_of"},
	"Succession":     {"predecessor", "successor", "predecessor_of"},
}

// ftmStrings returns a property's string values; nested entities count as their id.
func ftmStrings(e *ftmEntity, prop string) []string {
	vals := e.Properties[prop]
	if len(vals) == 0 {
		return nil
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		if v.nested != nil {
			out = append(out, v.nested.ID)
		} else if v.s != "" {
			out = append(out, v.s)
		}
	}
	return out
}

func ftmFirst(e *ftmEntity, prop string) string {
	for _, v := range e.Properties[prop] {
		if v.s != "" {
			return v.s
		}
	}
	return ""
}

// ftmAppendNew appends the values not already in dst.
func ftmAppendNew(dst []string, vals ...string) []string {
	for _, v := range vals {
		if v != "" && !ftmContains(dst, v) {
			dst = append(dst, v)
		}
	}
	return dst
}

func ftmContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ftmDate keeps the date part of an ISO date or timestamp, "" for anything else.
func ftmDate(s string) string {
	if len(s) < 4 || s[0] < '0' || s[0] > '9' {
		return ""
	}
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	return s
}

// ftmEarliest returns the earliest ISO date among cur and vals (ISO dates sort as strings).
func ftmEarliest(cur string, vals ...string) string {
	for _, v := range vals {
		if d := ftmDate(v); d != "" && (cur == "" || d < cur) {
			cur = d
		}
	}
	return cur
}

// ftmMap fills e from ent. parentID is the entity ent was nested in, if any: the
// nested export drops the back-reference from a nested link to its parent.
func ftmMap(ent *ftmEntity, parentID string, e *Entry, pos Position) {
	e.List, e.ID, e.Type, e.Source = "os", ent.ID, ftmTypes[ent.Schema], pos
	names := ftmStrings(ent, "name")
	if len(names) > 0 {
		e.Name, names = names[0], names[1:]
	} else {
		e.Name = strings.TrimSpace(ent.Caption)
	}
	addAlias := func(n, typ, quality string) {
		if n == "" || n == e.Name {
			return
		}
		for _, a := range e.Aliases {
			if a.Name == n {
				return
			}
		}
		e.Aliases = append(e.Aliases, Alias{Name: n, Type: typ, Quality: quality, Source: pos})
	}
	for _, n := range names {
		addAlias(n, "aka", "strong")
	}
	for _, n := range ftmStrings(ent, "alias") {
		addAlias(n, "aka", "strong")
	}
	for _, n := range ftmStrings(ent, "weakAlias") {
		addAlias(n, "aka", "weak")
	}
	for _, n := range ftmStrings(ent, "previousName") {
		addAlias(n, "fka", "strong")
	}

	e.DOBs = ftmStrings(ent, "birthDate")
	e.POBs = ftmStrings(ent, "birthPlace")
	e.Nationalities = ftmAppendNew(ftmStrings(ent, "nationality"), ftmStrings(ent, "country")...)
	e.Citizenships = ftmStrings(ent, "citizenship")
	e.Gender = ftmFirst(ent, "gender")
	e.Emails = ftmStrings(ent, "email")
	e.Phones = ftmStrings(ent, "phone")
	e.Websites = ftmStrings(ent, "website")
	e.Title = strings.Join(ftmStrings(ent, "position"), "; ")
	e.Remarks = strings.Join(ftmAppendNew(ftmStrings(ent, "notes"), ftmStrings(ent, "summary")...), "; ")
	for _, a := range ftmStrings(ent, "address") {
		e.Addresses = append(e.Addresses, Address{Street: a, Source: pos})
	}
	for _, d := range ftmDocProps {
		if d.prop == "imoNumber" && ent.Schema == "Vessel" {
			continue // kept in Vessel.IMO
		}
		for _, n := range ftmStrings(ent, d.prop) {
			doc := Document{Type: d.typ, Number: n}
			if !ftmHasDoc(e.Documents, doc) {
				e.Documents = append(e.Documents, doc)
			}
		}
	}
	e.Programs = ftmAppendNew(nil, ftmStrings(ent, "topics")...)
	e.Programs = ftmAppendNew(e.Programs, ftmStrings(ent, "program")...)
	e.Programs = ftmAppendNew(e.Programs, ftmStrings(ent, "programId")...)
	e.ListedOn = ftmEarliest("", ftmStrings(ent, "createdAt")...)
	e.ListedOn = ftmEarliest(e.ListedOn, ftmStrings(ent, "listingDate")...)
	if e.ListedOn == "" {
		e.ListedOn = ftmDate(ent.FirstSeen)
	}

	switch ent.Schema {
	case "Vessel", "Airplane":
		e.Vessel = &Vessel{
			CallSign: ftmFirst(ent, "callSign"),
			Type:     ftmFirst(ent, "type"),
			Tonnage:  ftmFirst(ent, "tonnage"),
			GRT:      ftmFirst(ent, "grossRegisteredTonnage"),
			Flag:     ftmFirst(ent, "flag"),
			IMO:      ftmFirst(ent, "imoNumber"),
		}
		if ent.Schema == "Airplane" && e.Vessel.Type == "" {
			e.Vessel.Type = ftmFirst(ent, "model")
		}
	case "Sanction":
		e.ListedOn = ftmEarliest("", ftmStrings(ent, "listingDate")...)
		if e.ListedOn == "" {
			e.ListedOn = ftmEarliest("", ftmStrings(ent, "startDate")...)
		}
		e.Remarks = strings.Join(ftmAppendNew(ftmStrings(ent, "authority"), ftmStrings(ent, "reason")...), "; ")
		e.Relations = ftmEnds(ent, "entity", "sanction_of", parentID)
	case "Address":
		e.Addresses = []Address{ftmAddress(ent, pos)}
	case "CryptoWallet":
		if key := ftmFirst(ent, "publicKey"); key != "" {
			e.Wallets = []Wallet{{Ticker: strings.ToUpper(ftmFirst(ent, "currency")), Address: key}}
		}
		e.Relations = ftmEnds(ent, "holder", "holder", parentID)
	case "Passport", "Identification":
		num := ftmFirst(ent, "number")
		if num == "" {
			num = ftmFirst(ent, "passportNumber")
		}
		if num != "" {
			typ := ftmFirst(ent, "type")
			if typ == "" {
				typ = ent.Schema
			}
			e.Documents = []Document{{Type: typ, Number: num, Country: ftmFirst(ent, "country"),
				Issued: ftmFirst(ent, "startDate"), Expires: ftmFirst(ent, "endDate")}}
		}
		e.Relations = ftmEnds(ent, "holder", "holder", parentID)
	default:
		if l, ok := ftmLinks[ent.Schema]; ok {
			e.Title = strings.Join(ftmAppendNew(ftmStrings(ent, "role"), ftmStrings(ent, "relationship")...), "; ")
			subj, obj := ftmStrings(ent, l.subj), ftmStrings(ent, l.obj)
			// A link nested in its subject or object lacks that end.
			if parentID != "" && len(subj) == 0 {
				subj = []string{parentID}
			} else if parentID != "" && len(obj) == 0 {
				obj = []string{parentID}
			}
			for _, id := range subj {
				e.Relations = append(e.Relations, Relation{Kind: l.subj, TargetID: id})
			}
			for _, id := range obj {
				e.Relations = append(e.Relations, Relation{Kind: l.obj, TargetID: id})
			}
		}
	}
}

// ftmEnds returns the relations of kind to the entities in prop, or to the
// parent when the nested export dropped the back-reference.
func ftmEnds(ent *ftmEntity, prop, kind, parentID string) []Relation {
	ids := ftmStrings(ent, prop)
	if len(ids) == 0 && parentID != "" {
		ids = []string{parentID}
	}
	var out []Relation
	for _, id := range ids {
		out = append(out, Relation{Kind: kind, TargetID: id})
	}
	return out
}

func ftmAddress(ent *ftmEntity, pos Position) Address {
	a := Address{
		Street:  ftmFirst(ent, "full"),
		City:    ftmFirst(ent, "city"),
		Region:  ftmFirst(ent, "region"),
		Postal:  ftmFirst(ent, "postalCode"),
		Country: ftmFirst(ent, "country"),
		Remarks: strings.Join(ftmStrings(ent, "remarks"), "; "),
		Source:  pos,
	}
	if a.Street == "" {
		a.Street = strings.Join(ftmAppendNew(ftmStrings(ent, "street"), ftmStrings(ent, "street2")...), ", ")
	}
	if a.Street == "" {
		a.Street = strings.TrimSpace(ent.Caption)
	}
	return a
}

func ftmHasDoc(docs []Document, d Document) bool {
	for _, x := range docs {
		if x.Type == d.Type && x.Number == d.Number {
			return true
		}
	}
	return false
}
