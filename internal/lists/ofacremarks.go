package lists

import "strings"

// ParseRemarks extracts the structured facts OFAC writes inside the Remarks field
// ("DOB 25 Nov 1983; POB Pyongyang, North Korea; nationality Korea, North; ...") and
// appends them to e: DOBs, POBs, nationalities, citizenships, gender, documents,
// emails, websites, phones, digital currency wallets, weak a.k.a.'s and Linked To
// relations (TargetID unresolved). Facts it does not know stay in e.Remarks only;
// e.Remarks itself is not changed.
func ParseRemarks(remarks string, e *Entry) {
	s := strings.TrimSpace(remarks)
	if s == "-0-" {
		return
	}
	// Only the whole value ends with "."; inner facts keep their abbreviation dots.
	s = strings.TrimSuffix(s, ".")
	for s != "" {
		fact, rest, _ := strings.Cut(s, "; ")
		s = rest
		parseRemarkFact(strings.TrimSpace(fact), e)
	}
}

// docTypes are document labels OFAC writes before a number, besides "... No.".
var docTypes = [...]string{
	"Passport",
	"Unified Social Credit Code (USCC)",
	"Registration Number",
	"Registration ID",
	"Identification Number",
	"Company Number",
	"Business Registration Number",
	"Business Registration Document #",
	"Government Gazette Number",
	"Public Registration Number",
	"Commercial Registry Number",
	"D-U-N-S Number",
	"NIT #",
	"RFC",
	"CURP",
	"SSN",
	"SWIFT/BIC",
	"Personal ID Card",
	"Residency Number",
	"Legal Entity Number",
	"UK Company Number",
	"US FEIN",
}

func parseRemarkFact(f string, e *Entry) {
	f, _ = strings.CutPrefix(f, "alt. ")
	if f == "" {
		return
	}
	if v, ok := cutLabel(f, "DOB "); ok {
		e.DOBs = append(e.DOBs, v)
		return
	}
	if v, ok := cutLabel(f, "POB "); ok {
		e.POBs = append(e.POBs, v)
		return
	}
	if v, ok := cutLabel(f, "nationality "); ok {
		e.Nationalities = append(e.Nationalities, v)
		return
	}
	if v, ok := cutLabel(f, "citizen "); ok {
		e.Citizenships = append(e.Citizenships, v)
		return
	}
	if v, ok := cutLabel(f, "Gender "); ok {
		if e.Gender == "" {
			e.Gender = v
		}
		return
	}
	if v, ok := cutLabel(f, "Digital Currency Address - "); ok {
		ticker, addr, _ := strings.Cut(v, " ")
		if addr = strings.TrimSpace(addr); ticker != "" && addr != "" {
			e.Wallets = append(e.Wallets, Wallet{Ticker: ticker, Address: addr})
		}
		return
	}
	for _, p := range [...]string{"Email Address ", "Email:", "Email "} {
		if v, ok := cutLabel(f, p); ok {
			e.Emails = append(e.Emails, v)
			return
		}
	}
	if v, ok := cutLabel(f, "Website "); ok {
		e.Websites = append(e.Websites, v)
		return
	}
	for _, p := range [...]string{"Phone No. ", "Phone Number ", "Phone ", "Telephone No. ", "Telephone Number ", "Telephone "} {
		if v, ok := cutLabel(f, p); ok {
			e.Phones = append(e.Phones, v)
			return
		}
	}
	for _, p := range [...]struct{ label, typ string }{{"a.k.a. ", "aka"}, {"f.k.a. ", "fka"}, {"n.k.a. ", "nka"}} {
		if v, ok := cutLabel(f, p.label); ok {
			v = strings.TrimPrefix(v, "'")
			v = strings.TrimSpace(strings.TrimSuffix(v, "'"))
			if v != "" {
				e.Aliases = append(e.Aliases, Alias{Name: v, Type: p.typ, Quality: "weak", Source: e.Source})
			}
			return
		}
	}
	if v, ok := cutLabel(f, "Linked To: "); ok {
		e.Relations = append(e.Relations, Relation{Kind: "linked_to", Name: v})
		return
	}
	if v, ok := cutLabel(f, "Vessel Registration Identification IMO "); ok {
		if e.Vessel == nil {
			e.Vessel = &Vessel{}
		}
		if e.Vessel.IMO == "" {
			e.Vessel.IMO = v
		}
		return
	}
	for _, t := range docTypes {
		if v, ok := cutLabel(f, t+" "); ok {
			if d, ok := parseDocument(t, v); ok {
				if t == "Unified Social Credit Code (USCC)" {
					d.Type = "USCC"
				}
				e.Documents = append(e.Documents, d)
			}
			return
		}
	}
	// Any other "<label> No. <number>" is an identity or registration document
	// ("National ID No.", "Tax ID No.", "Cedula No.", "Kenyan ID No." ...).
	if i := strings.Index(f, " No. "); i > 0 && i <= 60 {
		label := f[:i+4]
		if strings.HasPrefix(label, "Fax") {
			return
		}
		if d, ok := parseDocument(label, f[i+5:]); ok && hasDigit(d.Number) {
			e.Documents = append(e.Documents, d)
		}
	}
}

// cutLabel returns the trimmed value after label when f starts with it.
func cutLabel(f, label string) (string, bool) {
	if !strings.HasPrefix(f, label) {
		return "", false
	}
	v := strings.TrimSpace(f[len(label):])
	return v, v != ""
}

// parseDocument splits "N (Country) issued D expires D" and its partial forms.
func parseDocument(typ, s string) (Document, bool) {
	d := Document{Type: typ}
	if i := strings.LastIndex(s, " expires "); i >= 0 {
		d.Expires = strings.TrimSpace(s[i+len(" expires "):])
		s = s[:i]
	}
	if i := strings.LastIndex(s, " issued "); i >= 0 {
		d.Issued = strings.TrimSpace(s[i+len(" issued "):])
		s = s[:i]
	}
	if i := strings.Index(s, " ("); i >= 0 {
		rest := s[i+2:]
		s = s[:i]
		if j := strings.IndexByte(rest, ')'); j >= 0 {
			d.Country = strings.TrimSpace(rest[:j])
			d.Note = strings.TrimSpace(rest[j+1:])
		} else {
			d.Note = strings.TrimSpace("(" + rest)
		}
	}
	d.Number = strings.TrimSpace(s)
	return d, d.Number != ""
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}
