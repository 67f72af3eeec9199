package lists

import "strings"

// closeFeature files one Feature of e by its FeatureType name.
func (st *advState) closeFeature(e *Entry) {
	f := st.feat
	st.feat = advFeature{part: -1}
	typ := st.ref["FeatureType"][f.typeID]
	v := f.detail
	if v == "" && f.detailRef != "" {
		v = st.ref["DetailReference"][f.detailRef]
	}
	switch {
	case typ == "Birthdate":
		if d := advDate(f.date); d != "" {
			e.DOBs = append(e.DOBs, d)
		}
	case v == "":
	case strings.HasPrefix(typ, "Digital Currency Address - "):
		if t := strings.TrimSpace(typ[len("Digital Currency Address - "):]); t != "" {
			e.Wallets = append(e.Wallets, Wallet{Ticker: t, Address: v})
		}
	case typ == "Place of Birth":
		e.POBs = append(e.POBs, v)
	case typ == "Email Address":
		e.Emails = append(e.Emails, v)
	case typ == "Website":
		e.Websites = append(e.Websites, v)
	case typ == "Phone Number":
		e.Phones = append(e.Phones, v)
	case typ == "Gender":
		if e.Gender == "" {
			e.Gender = v
		}
	case typ == "Title":
		if e.Title == "" {
			e.Title = v
		}
	case typ != "":
		e.Remarks = joinNonEmpty("; ", e.Remarks, typ+" "+v)
	}
}

// advDate writes a DatePeriod as the CSV does where it can: a single day as
// "YYYY-MM-DD", a whole year as "YYYY", anything else as "from to".
func advDate(p [2][3]string) string {
	iso := func(d [3]string) string {
		if d[0] == "" {
			return ""
		}
		m, day := d[1], d[2]
		if len(m) == 1 {
			m = "0" + m
		}
		if len(day) == 1 {
			day = "0" + day
		}
		return joinNonEmpty("-", d[0], m, day)
	}
	a, b := iso(p[0]), iso(p[1])
	switch {
	case a == b || b == "":
		return a
	case a == "":
		return b
	case p[0][0] == p[1][0] && strings.HasSuffix(a, "-01-01") && strings.HasSuffix(b, "-12-31"):
		return p[0][0]
	}
	return a + " to " + b
}

// advName joins typed name parts: "LAST, First Middle" when a Last Name part
// exists, else the parts in published order.
func (st *advState) advName(parts [][2]string) string {
	var last, rest []string
	for _, p := range parts {
		if p[1] == "" {
			continue
		}
		if st.ref["NamePartType"][st.groups[p[0]]] == "Last Name" {
			last = append(last, p[1])
		} else {
			rest = append(rest, p[1])
		}
	}
	return ofxName(strings.Join(last, " "), strings.Join(rest, " "))
}

// finish joins names, documents, relations and programs into entries.
func (st *advState) finish() *OFACResult {
	list := ofxListName(st.file)
	res := &OFACResult{List: list, Files: []string{st.file}, Entries: make([]Entry, 0, len(st.parties))}
	for i := range st.parties {
		p := &st.parties[i]
		e := &p.e
		e.List = list
		e.Type = advPartyType(st.ref["PartySubType"][p.subType], st.ref["PartyType"][st.partyType[p.subType]])
		for _, a := range p.aliases {
			name := st.advName(a.parts)
			if name == "" {
				continue
			}
			if a.primary && e.Name == "" {
				e.Name = name
				continue
			}
			q := "strong"
			if a.low {
				q = "weak"
			}
			e.Aliases = append(e.Aliases, Alias{Name: name, Type: ofxAliasType(st.ref["AliasType"][a.typeID]),
				Quality: q, Source: Position{st.file, a.line}})
		}
		e.Programs = st.programs[e.ID]
	}
	for _, d := range st.docs {
		i, ok := st.identity[d.identity]
		if !ok || d.number == "" {
			continue
		}
		doc := Document{Type: st.ref["IDRegDocType"][d.typeID], Number: d.number, Country: st.ref["Country"][d.country]}
		if doc.Type == "Unified Social Credit Code (USCC)" {
			doc.Type = "USCC"
		}
		st.parties[i].e.Documents = append(st.parties[i].e.Documents, doc)
	}
	for _, r := range st.rels {
		from, ok := st.byProfile[r[0]]
		to, ok2 := st.byProfile[r[1]]
		if !ok {
			continue
		}
		rel := Relation{Kind: advRelKind(st.ref["RelationType"][r[2]]), TargetID: r[1]}
		if ok2 {
			rel.Name = st.parties[to].e.Name
		} else {
			rel.TargetID = ""
		}
		st.parties[from].e.Relations = append(st.parties[from].e.Relations, rel)
	}
	for i := range st.parties {
		res.Entries = append(res.Entries, st.parties[i].e)
	}
	return res
}

func advPartyType(sub, party string) string {
	switch strings.ToLower(sub) {
	case "vessel":
		return "vessel"
	case "aircraft":
		return "aircraft"
	}
	switch strings.ToLower(party) {
	case "individual":
		return "person"
	case "transport":
		return "vessel"
	}
	return "organization"
}

// advRelKind turns "Owned or Controlled By" into "owned_or_controlled_by".
func advRelKind(s string) string {
	if s == "" {
		return "related_to"
	}
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_")
}
