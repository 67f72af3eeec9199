package lists

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// UNResult is what ReadUNXML returns for one UN consolidated list file.
type UNResult struct {
	DateGenerated string  // the dateGenerated attribute as published, e.g. "2026-02-27T00:00:09.554Z"
	Entries       []Entry // List "un", ID = REFERENCE_NUMBER ("KPi.001"), Type person|organization
}

// unMaxDepth bounds element nesting inside one record: the real schema nests
// three levels, and hostile input must not grow the stack without limit.
const unMaxDepth = 32

// ReadUNXML reads the UN Security Council consolidated list XML
// (CONSOLIDATED_LIST with INDIVIDUALS and ENTITIES). It streams the file one
// INDIVIDUAL or ENTITY at a time; file names the input in errors and in the
// Source of every entry, alias and address.
func ReadUNXML(r io.Reader, file string) (*UNResult, error) {
	d := xml.NewDecoder(r)
	res := &UNResult{}
	depth := 0
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
			line, _ := d.InputPos()
			if depth == 0 {
				if rootSeen {
					return nil, fmt.Errorf("%s:%d: second root element <%s>", file, line, t.Name.Local)
				}
				if t.Name.Local != "CONSOLIDATED_LIST" {
					return nil, fmt.Errorf("%s:%d: root element is <%s>, not <CONSOLIDATED_LIST>: not a UN consolidated list", file, line, t.Name.Local)
				}
				rootSeen = true
				for _, a := range t.Attr {
					if a.Name.Local == "dateGenerated" {
						res.DateGenerated = strings.TrimSpace(a.Value)
					}
				}
			} else if t.Name.Local == "INDIVIDUAL" || t.Name.Local == "ENTITY" {
				rec, err := readUNRecord(d, t, line, file)
				if err != nil {
					return nil, err
				}
				e, err := unEntry(rec, file)
				if err != nil {
					return nil, err
				}
				res.Entries = append(res.Entries, e)
				continue // readUNRecord consumed the end tag
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if !rootSeen {
		line, _ := d.InputPos()
		return nil, fmt.Errorf("%s:%d: no <CONSOLIDATED_LIST> element: not a UN consolidated list", file, line)
	}
	return res, nil
}

// unNode is one element of a record. Element order varies between records
// and files, so each record becomes a tiny tree that is then read by name,
// keeping every element's line for provenance.
type unNode struct {
	name string
	text []byte
	line int
	kids []*unNode
}

// str is the element's text without surrounding whitespace, which the UN
// file carries in many values ("Numéro de passeport ").
func (n *unNode) str() string {
	return string(bytes.TrimSpace(n.text))
}

// get returns the text of the first child called name, or "".
func (n *unNode) get(name string) string {
	for _, k := range n.kids {
		if k.name == name {
			return k.str()
		}
	}
	return ""
}

// values returns the non-empty VALUE children (TITLE/VALUE, NATIONALITY/VALUE ...).
func (n *unNode) values(dst []string) []string {
	for _, k := range n.kids {
		if k.name == "VALUE" {
			if s := k.str(); s != "" {
				dst = append(dst, s)
			}
		}
	}
	return dst
}

// readUNRecord reads the rest of one INDIVIDUAL or ENTITY element into a tree.
func readUNRecord(d *xml.Decoder, start xml.StartElement, line int, file string) (*unNode, error) {
	root := &unNode{name: start.Name.Local, line: line}
	stack := []*unNode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			l, _ := d.InputPos()
			return nil, fmt.Errorf("%s:%d: unexpected end of file inside <%s> started on line %d", file, l, root.name, line)
		}
		if err != nil {
			return nil, xmlErr(d, file, err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			l, _ := d.InputPos()
			if len(stack) >= unMaxDepth {
				return nil, fmt.Errorf("%s:%d: elements nested deeper than %d inside <%s>", file, l, unMaxDepth, root.name)
			}
			n := &unNode{name: t.Name.Local, line: l}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.CharData:
			// Indentation between child elements is not content; skipping it
			// saves copying it into every container element.
			if len(top.text) == 0 && len(bytes.TrimSpace(t)) == 0 {
				continue
			}
			top.text = append(top.text, t...)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		}
	}
}

// unEntry maps one record tree onto the shared Entry model.
func unEntry(rec *unNode, file string) (Entry, error) {
	e := Entry{List: "un", Type: "organization", Source: Position{File: file, Line: rec.line}}
	if rec.name == "INDIVIDUAL" {
		e.Type = "person"
	}
	var names [4]string
	var titles []string
	for _, k := range rec.kids {
		switch k.name {
		case "FIRST_NAME":
			names[0] = k.str()
		case "SECOND_NAME":
			names[1] = k.str()
		case "THIRD_NAME":
			names[2] = k.str()
		case "FOURTH_NAME":
			names[3] = k.str()
		case "REFERENCE_NUMBER":
			e.ID = k.str()
		case "UN_LIST_TYPE":
			if s := k.str(); s != "" {
				e.Programs = append(e.Programs, s)
			}
		case "LISTED_ON":
			e.ListedOn = unISODate(k.str())
		case "COMMENTS1":
			e.Remarks = k.str()
		case "GENDER":
			e.Gender = k.str()
		case "TITLE", "DESIGNATION":
			titles = k.values(titles)
		case "NATIONALITY":
			e.Nationalities = k.values(e.Nationalities)
		case "NAME_ORIGINAL_SCRIPT":
			if s := k.str(); s != "" {
				e.Aliases = append(e.Aliases, Alias{Name: s, Type: "aka", Quality: "original_script",
					Source: Position{File: file, Line: k.line}})
			}
		case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS":
			if a, ok := unAlias(k, file); ok {
				e.Aliases = append(e.Aliases, a)
			}
		case "INDIVIDUAL_DATE_OF_BIRTH":
			if s := unDOB(k); s != "" {
				e.DOBs = append(e.DOBs, s)
			}
		case "INDIVIDUAL_PLACE_OF_BIRTH":
			if s := joinNonEmpty(", ", k.get("STREET"), k.get("CITY"), k.get("STATE_PROVINCE"), k.get("COUNTRY"), k.get("NOTE")); s != "" {
				e.POBs = append(e.POBs, s)
			}
		case "INDIVIDUAL_DOCUMENT":
			if doc, ok := unDocument(k); ok {
				e.Documents = append(e.Documents, doc)
			}
		case "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS":
			a := Address{Street: k.get("STREET"), City: k.get("CITY"), Region: k.get("STATE_PROVINCE"),
				Postal: k.get("ZIP_CODE"), Country: k.get("COUNTRY"), Remarks: k.get("NOTE"),
				Source: Position{File: file, Line: k.line}}
			if a.Street+a.City+a.Region+a.Postal+a.Country+a.Remarks != "" {
				e.Addresses = append(e.Addresses, a)
			}
		}
	}
	if e.ID == "" {
		return Entry{}, fmt.Errorf("%s:%d: <%s> has no REFERENCE_NUMBER", file, rec.line, rec.name)
	}
	e.Name = joinNonEmpty(" ", names[:]...)
	e.Title = strings.Join(titles, "; ")
	return e, nil
}

// unAlias reads INDIVIDUAL_ALIAS / ENTITY_ALIAS. Individuals grade aliases
// Good or Low; entities put a.k.a. / f.k.a. in the same QUALITY element.
// The files hold many empty placeholder aliases, which are dropped.
func unAlias(n *unNode, file string) (Alias, bool) {
	name := n.get("ALIAS_NAME")
	if name == "" {
		return Alias{}, false
	}
	a := Alias{Name: name, Type: "aka", Source: Position{File: file, Line: n.line}}
	switch q := n.get("QUALITY"); strings.ToLower(q) {
	case "good":
		a.Quality = "good"
	case "low":
		a.Quality = "low"
	case "f.k.a.", "fka":
		a.Type = "fka"
	case "n.k.a.", "nka":
		a.Type = "nka"
	}
	return a, true
}

// unDOB renders one INDIVIDUAL_DATE_OF_BIRTH: the exact DATE, a YEAR, a
// FROM_YEAR-TO_YEAR range, or else the NOTE, which some records use alone
// ("Nov. 1973").
func unDOB(n *unNode) string {
	if s := n.get("DATE"); s != "" {
		return s
	}
	if s := n.get("YEAR"); s != "" {
		return s
	}
	from, to := n.get("FROM_YEAR"), n.get("TO_YEAR")
	switch {
	case from != "" && to != "":
		return from + "-" + to
	case from != "":
		return from
	case to != "":
		return to
	}
	return n.get("NOTE")
}

// unDocument reads INDIVIDUAL_DOCUMENT. TYPE_OF_DOCUMENT2 and CITY_OF_ISSUE
// have no field of their own, so they go into Note ahead of the NOTE text.
func unDocument(n *unNode) (Document, bool) {
	d := Document{
		Type:    n.get("TYPE_OF_DOCUMENT"),
		Number:  n.get("NUMBER"),
		Country: n.get("ISSUING_COUNTRY"),
		Issued:  n.get("DATE_OF_ISSUE"),
	}
	if d.Country == "" {
		d.Country = n.get("COUNTRY_OF_ISSUE")
	}
	city := n.get("CITY_OF_ISSUE")
	if city != "" {
		city = "issued in " + city
	}
	d.Note = joinNonEmpty("; ", n.get("TYPE_OF_DOCUMENT2"), city, n.get("NOTE"))
	if d.Type == "" && d.Number == "" && d.Note == "" {
		return Document{}, false
	}
	return d, true
}

// unISODate returns the YYYY-MM-DD part of a LISTED_ON value; some carry a
// zone suffix ("2015-04-07-04:00"). Values that are not ISO dates give "".
func unISODate(s string) string {
	if len(s) < 10 {
		return ""
	}
	for i := 0; i < 10; i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return ""
			}
		} else if c < '0' || c > '9' {
			return ""
		}
	}
	return s[:10]
}
