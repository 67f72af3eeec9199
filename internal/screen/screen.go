// Package screen matches names against designation-list names and explains every score.
//
// It is pure: no database, no I/O. Callers normalise each name once with
// Normalize, block candidates with Keys, and score survivors with Score.
package screen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kinds of name understood by Normalize; any other value is treated as unknown.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
)

// Bounds on adversarial input: scoring is quadratic in tokens and in token
// length, so a hostile record must not be able to stall a million-row screen.
const (
	maxTokens   = 32
	maxTokenLen = 64 // runes
)

// Name is a normalised name ready for matching.
type Name struct {
	Raw    string
	Tokens []string
	Kind   string // KindPerson, KindOrganization or "" (unknown)

	canon []string   // canonical romanisation per token, computed once by Normalize
	syl   [][]string // Korean syllables per token (nil: not Korean syllables), computed by Index.Add
}

var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"prof": true, "sir": true, "madam": true, "mme": true, "mister": true,
	"jr": true, "sr": true, "iii": true,
}

// genericWords are words of company names that many unrelated companies
// share; Score weighs them half in names that are not persons'. Exported
// through IsGeneric for callers that judge how distinctive a match is.
var genericWords = map[string]bool{
	"korea": true, "korean": true, "china": true, "chinese": true, "trading": true, "trade": true, "technology": true,
	"technologies": true, "network": true, "international": true, "information": true,
	"cooperation": true, "group": true, "general": true, "bank": true, "industry": true, "industrial": true,
	"industries": true, "development": true, "import": true, "export": true, "investment": true, "shipping": true,
	"commercial": true, "service": true, "services": true, "holding": true, "holdings": true, "global": true,
	"software": true, "consulting": true, "national": true, "united": true, "joint": true, "venture": true,
	"solutions": true, "digital": true, "enterprise": true, "enterprises": true, "and": true, "of": true, "the": true,
	"manufacturing": true, "logistics": true, "electronics": true, "energy": true, "systems": true,
}

// IsGeneric reports a word many company names share ("trading", "technology").
func IsGeneric(word string) bool { return genericWords[word] }

// abbreviations expand in names that are not persons', so "Tech" meets
// "Technology" and "IT" meets "Information Technology".
var abbreviations = map[string][]string{
	"tech": {"technology"}, "techn": {"technology"}, "intl": {"international"}, "int'l": {"international"},
	"it": {"information", "technology"}, "mfg": {"manufacturing"}, "trdg": {"trading"}, "dev": {"development"},
	"inds": {"industries"}, "ind": {"industrial"}, "svc": {"service"}, "svcs": {"services"}, "natl": {"national"},
	"grp": {"group"}, "hldgs": {"holdings"}, "elec": {"electronics"},
}

// "trading" is deliberately absent: in DPRK front-company names it is a
// distinguishing word, not legal boilerplate.
var companySuffixes = map[string]bool{
	"co": true, "ltd": true, "corp": true, "corporation": true, "llc": true,
	"inc": true, "incorporated": true, "company": true, "limited": true,
	"plc": true, "llp": true, "gmbh": true, "jsc": true, "ojsc": true,
	"pjsc": true, "ooo": true, "zao": true, "oao": true, "pte": true,
	"pty": true, "bv": true, "nv": true, "srl": true, "sarl": true,
}

// isApostrophe reports runes that McCune-Reischauer and careless typists use
// inside a syllable (Kyo'ng, U'ng); they join rather than separate.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u00b4', '\u02bc', '\u02bb', '\u2032':
		return true
	}
	return false
}

// Normalize turns a raw list or profile name into comparable tokens:
// compatibility-decomposed, diacritics and apostrophes removed, lower case,
// split on everything that is not a letter or digit. Honorifics are dropped
// for persons, a trailing run of company suffixes for organisations, and
// both for unknown kinds — but never so that no token remains.
// "LAST, First" needs no reordering because Score pairs tokens without
// regard to order.
func Normalize(raw, kind string) Name {
	n := Name{Raw: raw, Kind: strings.ToLower(strings.TrimSpace(kind))}
	s := raw
	if !isASCII(s) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, " ")
		}
		// Apostrophes go before NFKD, which would turn U+00B4 into a space.
		s = norm.NFKD.String(strings.Map(func(r rune) rune {
			if isApostrophe(r) {
				return -1
			}
			return r
		}, s))
	}
	n.Tokens = tokenize(s)
	if n.Kind != KindOrganization {
		n.Tokens = dropHonorifics(n.Tokens)
	}
	if n.Kind == KindOrganization || n.Kind != KindPerson && looksLikeCompany(n.Tokens) {
		// Only company names expand abbreviations: Dev Patel is a person.
		n.Tokens = expand(n.Tokens)
	}
	if n.Kind != KindPerson {
		n.Tokens = dropTrailingSuffixes(n.Tokens)
	}
	n.canon = canonAll(n.Tokens)
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func tokenize(s string) []string {
	var toks []string
	var b strings.Builder
	runes := 0
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
		runes = 0
	}
	for _, r := range s {
		if len(toks) >= maxTokens {
			break
		}
		switch {
		case isApostrophe(r) || unicode.Is(unicode.M, r):
			// joins: Kyo'ng → kyong, and combining marks are the diacritics.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if runes < maxTokenLen {
				b.WriteRune(unicode.ToLower(r))
				runes++
			}
		default:
			flush()
		}
	}
	if len(toks) < maxTokens {
		flush()
	}
	return toks
}

func dropHonorifics(toks []string) []string {
	kept := toks[:0:0]
	for _, t := range toks {
		if !honorifics[t] {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		return toks
	}
	return kept
}

// looksLikeCompany reports a name with a company suffix or a generic company word.
func looksLikeCompany(toks []string) bool {
	for _, t := range toks {
		if companySuffixes[t] || genericWords[t] {
			return true
		}
	}
	return false
}

func expand(toks []string) []string {
	var out []string
	for i, t := range toks {
		if x, ok := abbreviations[t]; ok {
			if out == nil {
				out = append(make([]string, 0, len(toks)+2), toks[:i]...)
			}
			out = append(out, x...)
		} else if out != nil {
			out = append(out, t)
		}
	}
	if out == nil || len(out) > maxTokens {
		return toks
	}
	return out
}

func dropTrailingSuffixes(toks []string) []string {
	end := len(toks)
	for end > 0 && companySuffixes[toks[end-1]] {
		end--
	}
	if end == 0 {
		return toks
	}
	return toks[:end]
}

func syllablesAll(toks []string) [][]string {
	s := make([][]string, len(toks))
	for i, t := range toks {
		s[i] = koreanSyllables(t)
	}
	return s
}

func canonAll(toks []string) []string {
	c := make([]string, len(toks))
	for i, t := range toks {
		c[i] = canonical(t)
	}
	return c
}
