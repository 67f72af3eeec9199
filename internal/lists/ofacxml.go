package lists

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// OFACXMLResult is what ReadOFACXML found in one SDN.XML (sdnList schema) file.
type OFACXMLResult struct {
	OFACResult
	PublishDate string // publshInformation/Publish_Date as published ("03/28/2025", US order)
	RecordCount int    // publshInformation/Record_Count; -1 when the file does not state it
}

// ofxMaxDepth bounds element nesting: the real schema nests five levels, and
// hostile input must not grow the name stack without limit.
const ofxMaxDepth = 32

// ofxState is the reader's position inside one sdnEntry.
type ofxState struct {
	file  string
	res   *OFACXMLResult
	seen  map[string]int // uid -> line
	e     *Entry         // the open sdnEntry, nil outside one
	first string         // firstName of the open sdnEntry
	last  string         // lastName of the open sdnEntry
	facts []string       // pseudo-ID facts ("Secondary sanctions risk: ...") for Remarks

	aka                  Alias
	akaFirst, akaLast    string
	addr                 Address
	street               [3]string
	doc                  Document
	idType, idNum, idCty string
}

// ReadOFACXML reads OFAC's SDN.XML schema (root sdnList, in either the old
// tempuri.org or the current sanctionslistservice namespace; only local names
// are matched). It streams one sdnEntry at a time. file names the input in
// errors and in every Source; its base name also picks the list: a name
// containing "cons" is "ofac-cons", anything else "ofac-sdn".
//
// Facts that SDN.XML publishes as pseudo-IDs but that are no identity
// documents (sanctions-risk notes, directive dates, CMIC fields ...) are
// appended to Remarks as "type value" facts, where the legacy CSV keeps them.
func ReadOFACXML(r io.Reader, file string) (*OFACXMLResult, error) {
	d := xml.NewDecoder(r)
	st := &ofxState{
		file: file,
		res:  &OFACXMLResult{OFACResult: OFACResult{List: ofxListName(file), Files: []string{file}}, RecordCount: -1},
		seen: make(map[string]int),
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
			name := t.Name.Local
			if len(stack) == 0 {
				if rootSeen || name != "sdnList" {
					return nil, ofxErrf(d, file, "root element <%s>, want <sdnList>", name)
				}
				rootSeen = true
			}
			if len(stack) >= ofxMaxDepth {
				return nil, ofxErrf(d, file, "elements nested deeper than %d", ofxMaxDepth)
			}
			stack = append(stack, name)
			text = text[:0]
			if err := st.start(d, stack); err != nil {
				return nil, err
			}
		case xml.CharData:
			if len(text) < 1<<20 { // a published value is short; cap hostile text
				text = append(text, t...)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, ofxErrf(d, file, "unexpected </%s>", t.Name.Local)
			}
			if err := st.end(d, stack, strings.TrimSpace(string(text))); err != nil {
				return nil, err
			}
			stack = stack[:len(stack)-1]
			text = text[:0]
		}
	}
	if !rootSeen {
		return nil, fmt.Errorf("%s:1: no <sdnList> element", file)
	}
	resolveLinks(st.res.Entries)
	return st.res, nil
}

// start opens the records whose fields arrive as child elements.
func (st *ofxState) start(d *xml.Decoder, stack []string) error {
	name := stack[len(stack)-1]
	switch {
	case len(stack) == 2 && name == "sdnEntry":
		line, _ := d.InputPos()
		st.res.Entries = append(st.res.Entries, Entry{List: st.res.List, Source: Position{st.file, line}})
		st.e = &st.res.Entries[len(st.res.Entries)-1]
		st.first, st.last, st.facts = "", "", nil
	case st.e == nil || len(stack) != 4:
	case name == "aka":
		line, _ := d.InputPos()
		st.aka = Alias{Source: Position{st.file, line}}
		st.akaFirst, st.akaLast = "", ""
	case name == "address":
		line, _ := d.InputPos()
		st.addr = Address{Source: Position{st.file, line}}
		st.street = [3]string{}
	case name == "id":
		st.doc = Document{}
		st.idType, st.idNum, st.idCty = "", "", ""
	}
	if st.e != nil && len(stack) == 3 && name == "vesselInfo" && st.e.Vessel == nil {
		st.e.Vessel = &Vessel{}
	}
	return nil
}

// end stores a leaf value, or closes a record, by the element's place in the tree.
func (st *ofxState) end(d *xml.Decoder, stack []string, v string) error {
	n := len(stack)
	name := stack[n-1]
	if n == 3 && stack[1] == "publshInformation" {
		switch name {
		case "Publish_Date":
			st.res.PublishDate = v
		case "Record_Count":
			c, err := strconv.Atoi(v)
			if err != nil || c < 0 {
				return ofxErrf(d, st.file, "Record_Count %q is not a count", v)
			}
			st.res.RecordCount = c
		}
		return nil
	}
	e := st.e
	if e == nil || n < 2 || stack[1] != "sdnEntry" {
		return nil
	}
	switch n {
	case 2:
		return st.closeEntry(d)
	case 3:
		switch name {
		case "uid":
			e.ID = v
		case "firstName":
			st.first = v
		case "lastName":
			st.last = v
		case "title":
			e.Title = v
		case "sdnType":
			if e.Type = ofacType(v); e.Type == "entity" {
				e.Type = "organization"
			}
		case "remarks":
			e.Remarks = v
		}
		return nil
	}
	parent := stack[n-2]
	switch n {
	case 4:
		switch {
		case parent == "programList" && name == "program" && v != "":
			e.Programs = append(e.Programs, v)
		case parent == "akaList" && name == "aka":
			st.aka.Name = ofxName(st.akaLast, st.akaFirst)
			if st.aka.Name != "" {
				e.Aliases = append(e.Aliases, st.aka)
			}
		case parent == "addressList" && name == "address":
			st.addr.Street = joinNonEmpty(", ", st.street[0], st.street[1], st.street[2])
			if st.addr != (Address{Source: st.addr.Source}) {
				e.Addresses = append(e.Addresses, st.addr)
			}
		case parent == "idList" && name == "id":
			st.closeID()
		case parent == "vesselInfo" && e.Vessel != nil:
			switch name {
			case "callSign":
				e.Vessel.CallSign = v
			case "vesselType":
				e.Vessel.Type = v
			case "vesselFlag":
				e.Vessel.Flag = v
			case "vesselOwner":
				e.Vessel.Owner = v
			case "tonnage":
				e.Vessel.Tonnage = v
			case "grossRegisteredTonnage":
				e.Vessel.GRT = v
			}
		}
	case 5:
		if v == "" {
			return nil
		}
		switch parent + "/" + name {
		case "aka/type":
			st.aka.Type = ofxAliasType(v)
		case "aka/category":
			st.aka.Quality = strings.ToLower(v)
		case "aka/lastName":
			st.akaLast = v
		case "aka/firstName":
			st.akaFirst = v
		case "address/address1":
			st.street[0] = v
		case "address/address2":
			st.street[1] = v
		case "address/address3":
			st.street[2] = v
		case "address/city":
			st.addr.City = v
		case "address/stateOrProvince":
			st.addr.Region = v
		case "address/postalCode":
			st.addr.Postal = v
		case "address/country":
			st.addr.Country = v
		case "id/idType":
			st.idType = v
		case "id/idNumber":
			st.idNum = v
		case "id/idCountry":
			st.idCty = v
		case "id/issueDate":
			st.doc.Issued = v
		case "id/expirationDate":
			st.doc.Expires = v
		case "nationality/country":
			e.Nationalities = append(e.Nationalities, v)
		case "citizenship/country":
			e.Citizenships = append(e.Citizenships, v)
		case "dateOfBirthItem/dateOfBirth":
			e.DOBs = append(e.DOBs, v)
		case "placeOfBirthItem/placeOfBirth":
			e.POBs = append(e.POBs, v)
		}
	}
	return nil
}

// closeEntry checks and finishes the open sdnEntry.
func (st *ofxState) closeEntry(d *xml.Decoder) error {
	e := st.e
	st.e = nil
	if _, ok := parseEntNum(e.ID); !ok {
		return fmt.Errorf("%s:%d: sdnEntry uid %q is not a number", st.file, e.Source.Line, e.ID)
	}
	if prev, dup := st.seen[e.ID]; dup {
		return fmt.Errorf("%s:%d: sdnEntry uid %s already listed on line %d", st.file, e.Source.Line, e.ID, prev)
	}
	st.seen[e.ID] = e.Source.Line
	if e.Type == "" {
		e.Type = "organization"
	}
	e.Name = ofxName(st.last, st.first)
	if e.Name == "" {
		line, _ := d.InputPos()
		return fmt.Errorf("%s:%d: sdnEntry %s has no name", st.file, line, e.ID)
	}
	ofxParseRemarks(e) // before the pseudo-ID facts join the published remarks
	if len(st.facts) > 0 {
		e.Remarks = joinNonEmpty("; ", append([]string{strings.TrimSuffix(e.Remarks, ".")}, st.facts...)...)
	}
	return nil
}

// closeID files one <id> by its idType: wallets, emails, websites, gender and
// the IMO number have their own fields; remark-like facts go to Remarks.
func (st *ofxState) closeID() {
	e, typ, num := st.e, st.idType, st.idNum
	if typ == "" && num == "" {
		return
	}
	switch {
	case strings.HasPrefix(typ, "Digital Currency Address - "):
		if t := strings.TrimSpace(typ[len("Digital Currency Address - "):]); t != "" && num != "" {
			e.Wallets = append(e.Wallets, Wallet{Ticker: t, Address: num})
		}
	case typ == "Email Address":
		e.Emails = append(e.Emails, num)
	case typ == "Website":
		e.Websites = append(e.Websites, num)
	case typ == "Phone Number" || typ == "Phone No.":
		e.Phones = append(e.Phones, num)
	case typ == "Gender":
		if e.Gender == "" {
			e.Gender = num
		}
	case typ == "Vessel Registration Identification":
		if e.Vessel == nil {
			e.Vessel = &Vessel{}
		}
		if e.Vessel.IMO == "" {
			e.Vessel.IMO = strings.TrimSpace(strings.TrimPrefix(num, "IMO"))
		}
	case ofxIsFact(typ):
		st.facts = append(st.facts, joinNonEmpty(" ", typ, num, ofxParen(st.idCty)))
	default:
		st.doc.Type, st.doc.Number, st.doc.Country = typ, num, st.idCty
		if st.idCty == "" && strings.HasSuffix(num, ")") {
			// Older rows carry the country inside the number: "1026303117642 (Russia)".
			if d, ok := parseDocument(typ, num); ok {
				st.doc.Number, st.doc.Country, st.doc.Note = d.Number, d.Country, d.Note
			}
		}
		if typ == "Unified Social Credit Code (USCC)" {
			st.doc.Type = "USCC" // as ParseRemarks names it for the CSV
		}
		e.Documents = append(e.Documents, st.doc)
	}
}

// ofxIsFact tells the idTypes that carry a sanctions note or a date rather
// than an identity or registration number.
func ofxIsFact(typ string) bool {
	switch typ {
	case "Target Type", "Issuer Name", "Equity Ticker", "Nationality of Registration",
		"Organization Type", "Organization Established Date", "Additional Sanctions Information -":
		return true
	}
	return strings.HasSuffix(typ, ":") || strings.HasSuffix(typ, " -") ||
		strings.Contains(typ, "Directive") || strings.Contains(typ, " Date") ||
		strings.HasPrefix(typ, "Executive Order") || strings.HasPrefix(typ, "Secondary sanctions")
}

func ofxParen(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// ofxParseRemarks runs ParseRemarks over what is left in an SDN.XML remarks
// element; OFAC sometimes wraps it whole in parentheses ("(Linked To: HAMAS)").
func ofxParseRemarks(e *Entry) {
	s := strings.TrimSpace(e.Remarks)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = s[1 : len(s)-1]
	}
	if s != "" {
		ParseRemarks(s, e)
	}
}

// ofxName writes "LAST, First" as the CSV does; entities have only lastName.
func ofxName(last, first string) string {
	switch {
	case last == "":
		return first
	case first == "":
		return last
	}
	return last + ", " + first
}

func ofxAliasType(s string) string {
	switch strings.ToLower(s) {
	case "a.k.a.", "aka":
		return "aka"
	case "f.k.a.", "fka":
		return "fka"
	case "n.k.a.", "nka":
		return "nka"
	}
	return strings.ToLower(s)
}

func ofxListName(file string) string {
	if strings.Contains(strings.ToLower(filepath.Base(file)), "cons") {
		return "ofac-cons"
	}
	return "ofac-sdn"
}

func ofxErrf(d *xml.Decoder, file, format string, args ...any) error {
	line, _ := d.InputPos()
	return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
}
