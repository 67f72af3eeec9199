package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// advAlias is one Alias of a profile before its name parts are typed.
type advAlias struct {
	typeID  string
	primary bool
	low     bool
	parts   [][2]string // NamePartGroupID, value
	line    int
}

// advParty is one DistinctParty while the file is read.
type advParty struct {
	e       Entry
	subType string
	aliases []advAlias
}

// advDoc is one IDRegDocument, joined to its party through IdentityID.
type advDoc struct {
	typeID, identity, country, number string
}

// advFeature is the open Feature of a profile.
type advFeature struct {
	typeID, detail, detailRef string
	date                      [2][3]string // Start/From and End/To as Year, Month, Day
	part                      int          // 0 Start/From, 1 End/To, -1 elsewhere
}

// advState holds what ReadOFACAdvanced collects before it joins the pieces.
type advState struct {
	file      string
	ref       map[string]map[string]string // table element name -> ID -> value
	partyType map[string]string            // PartySubType ID -> PartyTypeID
	groups    map[string]string            // NamePartGroup ID -> NamePartTypeID
	identity  map[string]int               // Identity ID -> party index
	byProfile map[string]int               // Profile ID -> party index
	parties   []advParty
	docs      []advDoc
	rels      [][3]string // From-ProfileID, To-ProfileID, RelationTypeID
	programs  map[string][]string
	alias     *advAlias
	feat      advFeature
	doc       advDoc
	entryProf string // ProfileID of the open SanctionsEntry
	refID     string // ID of the open reference value
}

// ReadOFACAdvanced reads OFAC's Advanced Sanctions List Standard XML
// (SDN_ADVANCED.XML, cons_advanced.xml: root Sanctions). It resolves the
// reference tables, joins every DistinctParty's aliases, features, ID
// documents, relationships and sanctions programs, and returns one Entry per
// DistinctParty with ID = the profile ID (the CSV's ent_num). The list is
// "ofac-cons" when file's base name contains "cons", else "ofac-sdn".
//
// Limits: Location-based features (addresses, nationality, citizenship) are
// not resolved yet.
func ReadOFACAdvanced(r io.Reader, file string) (*OFACResult, error) {
	d := xml.NewDecoder(r)
	st := &advState{
		file: file, ref: map[string]map[string]string{}, partyType: map[string]string{},
		groups: map[string]string{}, identity: map[string]int{}, byProfile: map[string]int{},
		programs: map[string][]string{},
	}
	var stack []string
	var text []byte
	rootSeen := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlErr(d, file, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if rootSeen || t.Name.Local != "Sanctions" {
					return nil, ofxErrf(d, file, "root element <%s>, want <Sanctions>", t.Name.Local)
				}
				rootSeen = true
			}
			if len(stack) >= ofxMaxDepth {
				return nil, ofxErrf(d, file, "elements nested deeper than %d", ofxMaxDepth)
			}
			stack = append(stack, t.Name.Local)
			text = text[:0]
			if err := st.start(d, stack, t.Attr); err != nil {
				return nil, err
			}
		case xml.CharData:
			if len(text) < 1<<20 {
				text = append(text, t...)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, ofxErrf(d, file, "unexpected </%s>", t.Name.Local)
			}
			st.end(stack, strings.TrimSpace(string(text)))
			stack = stack[:len(stack)-1]
			text = text[:0]
		}
	}
	if !rootSeen {
		return nil, fmt.Errorf("%s:1: no <Sanctions> element", file)
	}
	return st.finish(), nil
}

func advAttr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

func (st *advState) start(d *xml.Decoder, stack []string, attrs []xml.Attr) error {
	n := len(stack)
	name := stack[n-1]
	if n < 2 {
		return nil
	}
	switch stack[1] {
	case "ReferenceValueSets":
		if n == 4 {
			st.refID = advAttr(attrs, "ID")
			if name == "PartySubType" {
				st.partyType[st.refID] = advAttr(attrs, "PartyTypeID")
			}
		}
	case "DistinctParties":
		switch {
		case n == 4 && name == "Profile":
			id := advAttr(attrs, "ID")
			if _, ok := parseEntNum(id); !ok {
				return ofxErrf(d, st.file, "Profile ID %q is not a number", id)
			}
			if _, dup := st.byProfile[id]; dup {
				return ofxErrf(d, st.file, "Profile ID %s listed twice", id)
			}
			line, _ := d.InputPos()
			st.byProfile[id] = len(st.parties)
			st.parties = append(st.parties, advParty{e: Entry{ID: id, Source: Position{st.file, line}},
				subType: advAttr(attrs, "PartySubTypeID")})
		case len(st.parties) == 0 || n < 5 || stack[3] != "Profile":
		case n == 5 && name == "Identity":
			st.identity[advAttr(attrs, "ID")] = len(st.parties) - 1
		case n == 6 && name == "Alias":
			line, _ := d.InputPos()
			p := &st.parties[len(st.parties)-1]
			p.aliases = append(p.aliases, advAlias{typeID: advAttr(attrs, "AliasTypeID"),
				primary: advAttr(attrs, "Primary") == "true", low: advAttr(attrs, "LowQuality") == "true", line: line})
			st.alias = &p.aliases[len(p.aliases)-1]
		case name == "NamePartValue" && st.alias != nil && n == 9:
			st.alias.parts = append(st.alias.parts, [2]string{advAttr(attrs, "NamePartGroupID"), ""})
		case name == "NamePartGroup":
			st.groups[advAttr(attrs, "ID")] = advAttr(attrs, "NamePartTypeID")
		case n == 5 && name == "Feature":
			st.feat = advFeature{typeID: advAttr(attrs, "FeatureTypeID"), part: -1}
		case name == "VersionDetail":
			st.feat.detailRef = advAttr(attrs, "DetailReferenceID")
		case name == "From" && stack[n-2] == "Start":
			st.feat.part = 0
		case name == "To" && stack[n-2] == "End":
			st.feat.part = 1
		case name == "From" || name == "To":
			st.feat.part = -1
		}
	case "IDRegDocuments":
		if n == 3 && name == "IDRegDocument" {
			st.doc = advDoc{typeID: advAttr(attrs, "IDRegDocTypeID"), identity: advAttr(attrs, "IdentityID"),
				country: advAttr(attrs, "IssuedBy-CountryID")}
		}
	case "ProfileRelationships":
		if n == 3 && name == "ProfileRelationship" {
			st.rels = append(st.rels, [3]string{advAttr(attrs, "From-ProfileID"), advAttr(attrs, "To-ProfileID"), advAttr(attrs, "RelationTypeID")})
		}
	case "SanctionsEntries":
		if n == 3 && name == "SanctionsEntry" {
			st.entryProf = advAttr(attrs, "ProfileID")
		}
	}
	return nil
}

func (st *advState) end(stack []string, v string) {
	n := len(stack)
	name := stack[n-1]
	if n < 2 {
		return
	}
	switch stack[1] {
	case "ReferenceValueSets":
		if n == 4 {
			m := st.ref[name]
			if m == nil {
				m = map[string]string{}
				st.ref[name] = m
			}
			m[st.refID] = v
		}
	case "DistinctParties":
		if len(st.parties) == 0 || n < 5 || stack[3] != "Profile" {
			return
		}
		p := &st.parties[len(st.parties)-1]
		switch {
		case n == 6 && name == "Alias":
			st.alias = nil
		case name == "NamePartValue" && st.alias != nil && len(st.alias.parts) > 0:
			st.alias.parts[len(st.alias.parts)-1][1] = v
		case name == "VersionDetail" && v != "":
			st.feat.detail = v
		case (name == "Year" || name == "Month" || name == "Day") && st.feat.part >= 0:
			st.feat.date[st.feat.part][strings.Index("YMD", name[:1])] = v
		case n == 5 && name == "Feature":
			st.closeFeature(&p.e)
		}
	case "IDRegDocuments":
		switch {
		case n == 4 && name == "IDRegistrationNo":
			st.doc.number = v
		case n == 3 && name == "IDRegDocument":
			st.docs = append(st.docs, st.doc)
		}
	case "SanctionsEntries":
		if n == 5 && name == "Comment" && stack[3] == "SanctionsMeasure" && v != "" {
			for _, have := range st.programs[st.entryProf] {
				if have == v {
					return
				}
			}
			st.programs[st.entryProf] = append(st.programs[st.entryProf], v)
		}
	}
}
