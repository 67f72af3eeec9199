package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Address normalises a one-line postal address so that the ways people
// write the same place agree: diacritics dropped, upper case, punctuation
// to spaces, USPS-style abbreviations (STREET→ST, APARTMENT→APT, "#4B"→
// "APT 4B", NORTH→N, SAINT→ST, STRASSE→STR, ...), US state names in their
// own component to USPS codes, and a trailing country to its ISO alpha-2
// code. The Label is the trimmed original on one line.
//
// It does not geocode or reorder components: "1234 Oak St, Springfield"
// and "Springfield, 1234 Oak St" stay different keys.
func Address(raw string) (ID, error) {
	if len(raw) > maxInput {
		return ID{}, newError(KindAddress, raw, "too long")
	}
	toks := addressTokens(raw)
	if len(toks) == 0 {
		return ID{}, newError(KindAddress, raw, "no letters or digits")
	}
	toks = usStateCodes(toks)
	toks, country := countryCodes(toks)
	id := ID{
		Kind:  KindAddress,
		Key:   KindAddress + ":" + joinTokens(toks),
		Label: cleanLabel(lineBreaks.Replace(strings.TrimSpace(raw))),
	}
	if country != "" {
		id.Attrs = map[string]any{"country": country}
	}
	return id, nil
}

// lineBreaks keeps a multi-line address's components apart in its
// one-line label, without making the label longer than the input.
var lineBreaks = strings.NewReplacer("\r\n", ", ", "\n", ",", "\r", ",")

// addrToken is one word of an address. comp numbers the comma-separated
// component it came from, which decides where a country or state may be.
type addrToken struct {
	text string
	comp int
}

// addressTokens folds, splits and abbreviates an address.
func addressTokens(raw string) []addrToken {
	s := foldAddress(raw)
	var (
		toks     []addrToken
		comp     int
		start    = -1
		apos     bool // the current word holds apostrophes to delete
		initials bool // the last token is a run of dotted single letters
		glued    bool // the previous token ended with '.' and this one follows at once
		hyphened bool // the previous token ended with '-' and this one follows at once
	)
	emit := func(end int, dotted, hyphen bool) {
		if start < 0 {
			glued, hyphened = false, false
			return
		}
		w := s[start:end]
		if apos {
			w = strings.Map(dropApostrophe, w)
		}
		start, apos = -1, false
		if w == "" {
			return
		}
		// "U.S.A.", "P.O.", "N.W.": glue dotted single letters into one word
		// so that they agree with "USA", "PO", "NW".
		letter := len(w) == 1 && isUpperLetter(w[0])
		switch {
		case glued && initials && letter && len(toks) > 0:
			toks[len(toks)-1].text += w
		case hyphened && letter && len(toks) > 0 && endsWithDigit(toks[len(toks)-1].text):
			// "Apt 4-B" is unit 4B, not unit 4 and a letter.
			toks[len(toks)-1].text += w
			initials = false
		default:
			toks = append(toks, addrToken{text: w, comp: comp})
			initials = letter
		}
		glued, hyphened = dotted, hyphen
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
			if start < 0 {
				start = i
			}
		case isApostrophe(r):
			// Deleted, not split: "Mary's" must agree with "Marys".
			if start >= 0 {
				apos = true
			}
		case r == '.':
			emit(i, true, false)
		case r == '-':
			emit(i, false, true)
		case r == '#':
			emit(i, false, false)
			toks = append(toks, addrToken{text: "#", comp: comp})
			initials = false
		case r == ',' || r == ';' || r == '\n' || r == '|' || r == '\r':
			emit(i, false, false)
			comp++
		default:
			emit(i, false, false)
		}
	}
	emit(len(s), false, false)
	return abbreviate(toks)
}

func endsWithDigit(s string) bool {
	return s != "" && isDigit(s[len(s)-1])
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' || r == '´'
}

func dropApostrophe(r rune) rune {
	if isApostrophe(r) {
		return -1
	}
	return r
}

// foldAddress upper-cases and strips diacritics. Pure-ASCII input, the
// common case on a million-row import, skips the Unicode machinery.
func foldAddress(s string) string {
	if isASCII(s) {
		return upperASCII(s)
	}
	// NFKD splits "é" into "e" and a combining mark and folds compatibility
	// forms (full-width digits); dropping the marks and recomposing (NFC
	// puts Hangul syllables back together) leaves the base letters.
	d := norm.NFKD.String(strings.ToValidUTF8(s, " "))
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	s = letterFolds.Replace(norm.NFC.String(b.String()))
	return strings.ToUpper(s)
}

// letterFolds covers letters that NFKD does not decompose into a base
// letter and a mark.
var letterFolds = strings.NewReplacer(
	"ß", "SS", "ẞ", "SS", "Ø", "O", "ø", "O", "Ł", "L", "ł", "L",
	"Đ", "D", "đ", "D", "Æ", "AE", "æ", "AE", "Œ", "OE", "œ", "OE",
	"Þ", "TH", "þ", "TH", "ð", "D", "ı", "I",
)

// abbreviate applies the word-level rules: suffix and unit abbreviations,
// "#" as a unit, unit words glued to numbers ("APT4B"), and the spellings
// of PO BOX. Its output is a fixed point of itself, which keeps keys
// idempotent.
func abbreviate(toks []addrToken) []addrToken {
	out := make([]addrToken, 0, len(toks)+2)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := t.text
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k].text
			}
			return ""
		}
		switch {
		case w == "#":
			// "#4B" is a unit; after "APT" or "STE" the "#" adds nothing.
			if i+1 == len(toks) || (len(out) > 0 && unitWords[out[len(out)-1].text]) {
				continue
			}
			w = "APT"
		case w == "POBOX":
			out = append(out, addrToken{"PO", t.comp})
			w = "BOX"
		case w == "POST" && next(1) == "OFFICE" && next(2) == "BOX",
			w == "P" && next(1) == "O" && next(2) == "BOX":
			w = "PO"
			i++
		default:
			if a, ok := wordAbbrev[w]; ok {
				w = a
			} else if strings.HasSuffix(w, "STRASSE") {
				w = strings.TrimSuffix(w, "STRASSE") + "STR"
			} else if unit, rest, ok := splitUnit(w); ok {
				out = append(out, addrToken{unit, t.comp})
				w = rest
			}
		}
		t.text = w
		out = append(out, t)
	}
	return out
}

// splitUnit splits "APT4B" into "APT" and "4B" so it agrees with "APT 4B".
func splitUnit(w string) (unit, rest string, ok bool) {
	for _, u := range [...]string{"APT", "STE", "UNIT", "RM", "FL", "BLDG"} {
		if len(w) > len(u) && strings.HasPrefix(w, u) && isDigit(w[len(u)]) {
			return u, w[len(u):], true
		}
	}
	return "", "", false
}

var unitWords = map[string]bool{
	"APT": true, "STE": true, "UNIT": true, "RM": true, "FL": true, "BLDG": true,
	"NO": true, "DEPT": true, "OFC": true, "SPC": true, "LOT": true,
}

// wordAbbrev follows USPS Publication 28 for street suffixes, unit
// designators and directionals, plus the common non-US words.
var wordAbbrev = map[string]string{
	"STREET": "ST", "STR": "STR", "STRASSE": "STR", "SAINT": "ST",
	"AVENUE": "AVE", "AV": "AVE", "AVEN": "AVE", "AVENU": "AVE",
	"ROAD": "RD", "BOULEVARD": "BLVD", "BOUL": "BLVD", "BOULV": "BLVD",
	"DRIVE": "DR", "DRIV": "DR", "DRV": "DR", "LANE": "LN", "COURT": "CT",
	"PLACE": "PL", "SQUARE": "SQ", "TERRACE": "TER", "CIRCLE": "CIR",
	"HIGHWAY": "HWY", "PARKWAY": "PKWY", "EXPRESSWAY": "EXPY", "FREEWAY": "FWY",
	"TURNPIKE": "TPKE", "TRAIL": "TRL", "ALLEY": "ALY", "CRESCENT": "CRES",
	"CENTER": "CTR", "CENTRE": "CTR", "PLAZA": "PLZ", "HEIGHTS": "HTS",
	"MOUNT": "MT", "MOUNTAIN": "MTN", "FORT": "FT", "ROUTE": "RTE",
	"JUNCTION": "JCT", "BRIDGE": "BRG", "CAUSEWAY": "CSWY", "GARDENS": "GDNS",
	"GROVE": "GRV", "HARBOR": "HBR", "HARBOUR": "HBR", "VILLAGE": "VLG",
	"APARTMENT": "APT", "APPT": "APT", "SUITE": "STE", "FLOOR": "FL", "FLR": "FL",
	"ROOM": "RM", "BUILDING": "BLDG", "BLD": "BLDG", "BLDNG": "BLDG",
	"DEPARTMENT": "DEPT", "OFFICE": "OFC", "SPACE": "SPC", "NUMBER": "NO",
	"NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W", "NORTHEAST": "NE",
	"NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
	"ULITSA": "UL", "ULICA": "UL",
}

// usStateCodes replaces a US state name that fills a component after the
// first ("Springfield, Illinois 62704") with its USPS code. The first
// component is the street, where "Washington" is a street name.
func usStateCodes(toks []addrToken) []addrToken {
	if len(toks) == 0 || toks[len(toks)-1].comp == toks[0].comp {
		return toks
	}
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && toks[j].comp == toks[i].comp {
			j++
		}
		comp := toks[i:j]
		// A trailing ZIP (62704, 62704 1234) may share the component.
		name := comp
		for len(name) > 1 && isDigits(name[len(name)-1].text) {
			name = name[:len(name)-1]
		}
		if i > 0 && len(name) <= 3 {
			if code, ok := stateKeys[joinTokens(name)]; ok {
				out = append(out, addrToken{code, comp[0].comp})
				out = append(out, comp[len(name):]...)
				i = j
				continue
			}
		}
		out = append(out, comp...)
		i = j
	}
	return out
}

// countryCodes replaces a trailing country name with its alpha-2 code and
// returns the code. With commas, the last component (or the last two, for
// "KOREA, SOUTH") is the country; without, only names that are never also
// a US place are recognised at the end.
func countryCodes(toks []addrToken) ([]addrToken, string) {
	n := len(toks)
	lastComp := n - 1
	for lastComp > 0 && toks[lastComp-1].comp == toks[n-1].comp {
		lastComp--
	}
	if lastComp > 0 {
		prevComp := lastComp - 1
		for prevComp > 0 && toks[prevComp-1].comp == toks[lastComp-1].comp {
			prevComp--
		}
		if code, ok := addressCountryKeys[joinTokens(toks[prevComp:])]; ok {
			return replaceTail(toks, prevComp, code), code
		}
		if usPlaceCountries[joinTokens(toks[lastComp:])] {
			return toks, ""
		}
		if code, ok := countryFromTokens(toks[lastComp:]); ok {
			if lastComp == n-1 && toks[n-1].text == code && stateCodes[code] {
				// "Austin, TX" or "San Jose, CA": a state, or a country
				// written as its code; the key is the same either way,
				// but the attribute would be a guess.
				code = ""
			}
			return replaceTail(toks, lastComp, code), code
		}
	}
	if code, ok := addressCountryKeys[joinTokens(toks)]; ok {
		return replaceTail(toks, 0, code), code
	}
	for k := min(4, n); k >= 1; k-- {
		if code, ok := suffixKeys[joinTokens(toks[n-k:])]; ok {
			return replaceTail(toks, n-k, code), code
		}
	}
	return toks, ""
}

func replaceTail(toks []addrToken, from int, code string) []addrToken {
	if code == "" {
		return toks
	}
	comp := toks[from].comp
	return append(toks[:from], addrToken{code, comp})
}

func joinTokens(toks []addrToken) string {
	switch len(toks) {
	case 0:
		return ""
	case 1:
		return toks[0].text
	}
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// The name tables are written in plain English; these are the same tables
// keyed in the abbreviated token form addresses are compared in ("N KOREA",
// "ST LUCIA"). Built once, never written after.
var (
	countryKeys        = abbreviatedKeys(countryNames)
	addressCountryKeys = without(countryKeys, usPlaceCountries)
	suffixKeys         = abbreviatedKeys(countrySuffixes)
	stateKeys          = abbreviatedKeys(usStates)
	stateCodes         = valueSet(usStates)
)

func without(m map[string]string, drop map[string]bool) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if !drop[k] {
			out[k] = v
		}
	}
	return out
}

func valueSet(m map[string]string) map[string]bool {
	out := make(map[string]bool, len(m))
	for _, v := range m {
		out[v] = true
	}
	return out
}

func abbreviatedKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for name, code := range m {
		toks := make([]addrToken, 0, 4)
		for w := range strings.FieldsSeq(name) {
			toks = append(toks, addrToken{text: w})
		}
		out[joinTokens(abbreviate(toks))] = code
	}
	return out
}
