package screening

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/casegraph/casegraph/internal/normalize"
	"github.com/casegraph/casegraph/internal/screen"
	"github.com/casegraph/casegraph/internal/store"
)

// Effects of corroborating facts on a name score. A matching birth date is the
// strongest independent fact a profile carries; a birth year off by more than a
// year says another person of the same name. A shared country is weak (DPRK
// workers claim other countries; many people share one), so it adds little and
// its absence takes nothing away.
const (
	effectSameDOB      = 0.08
	effectSameBirthYr  = 0.04
	effectNearBirthYr  = 0.02
	effectOtherBirthYr = -0.20
	effectSameCountry  = 0.04
	effectWeakAlias    = -0.03
)

// distinctiveMin is the name score from which a company name with two
// distinctive words, or one long one (Sobaeksu, Geumpungri), counts as strong
// without other facts: unlike a personal name it is chosen to be unique.
const distinctiveMin = 0.95

// distinctiveWords lists the matched words of a company name that are neither
// generic nor short.
func distinctiveWords(m screen.Match) []string {
	var out []string
	for _, p := range m.Parts {
		t := strings.ReplaceAll(p.Target, "+", "")
		if len([]rune(t)) >= 4 && !screen.IsGeneric(t) && p.Score >= 0.9 {
			out = append(out, t)
		}
	}
	return out
}

var yearRE = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)

// makeHit turns a scored pair into a hit: the entry as shown, and the name
// score adjusted by what the subject's attributes and the entry agree on.
func makeHit(name string, subject map[string]any, m screen.Match, ln store.ListName) Hit {
	h := Hit{Name: name, Entry: entryOf(ln), Matched: ln.Name, AliasType: ln.AliasType,
		NameScore: m.Score, Score: m.Score, Strength: Possible}
	var ev []Evidence
	switch strings.ToLower(ln.Quality) {
	case "weak", "low":
		ev = append(ev, Evidence{"alias", effectWeakAlias, "the list gives this name as a " + strings.ToLower(ln.Quality) + " alias"})
	}
	if e, ok := dobEvidence(str(subject["dob"]), strs(ln.Attrs["dob"])); ok {
		ev = append(ev, e)
	}
	if e, ok := countryEvidence(subject, ln.Attrs); ok {
		ev = append(ev, e)
	}
	if ln.Entry.Kind == store.KindOrganization && m.Score >= distinctiveMin {
		if words := distinctiveWords(m); len(words) >= 2 || len(words) == 1 && len([]rune(words[0])) >= 6 {
			ev = append(ev, Evidence{"name", 0, "a company name this specific stands on its own: " + strings.Join(words, ", ")})
		}
	}
	parts := []string{"name " + m.Explanation}
	for _, e := range ev {
		h.Score += e.Effect
		switch {
		case e.Field == "alias":
		case e.Field == "name" && h.Strength == Possible:
			h.Strength = Strong
		case e.Effect < 0:
			h.Strength = Contradicted
		case h.Strength != Contradicted:
			h.Strength = Strong
		}
		parts = append(parts, fmt.Sprintf("%s %+.2f (%s)", e.Field, e.Effect, e.Detail))
	}
	h.Score = min(1, max(0, h.Score))
	h.Corroboration = ev
	h.Explanation = strings.Join(parts, "; ")
	return h
}

func entryOf(ln store.ListName) Entry {
	e := Entry{NodeRef: ln.Entry, List: str(ln.Attrs["list"]), ListID: str(ln.Attrs["id"]), Programs: strs(ln.Attrs["programs"])}
	e.Delisted, _ = ln.Attrs["delisted"].(bool)
	return e
}

// dobEvidence compares a subject's birth date (YYYY-MM-DD) with the dates a
// list writes ("25 Apr 1965", "1965", "circa 1970", "1960 to 1962").
func dobEvidence(dob string, listed []string) (Evidence, bool) {
	if dob == "" || len(listed) == 0 {
		return Evidence{}, false
	}
	born, err := time.Parse("2006-01-02", dob)
	if err != nil {
		return Evidence{}, false
	}
	var years []int
	for _, l := range listed {
		if t, ok := parseListDate(l); ok && t.Equal(born) {
			return Evidence{"dob", effectSameDOB, "born " + dob + ", as listed"}, true
		}
		for _, y := range yearRE.FindAllString(l, -1) {
			n, _ := strconv.Atoi(y)
			years = append(years, n)
		}
	}
	if len(years) == 0 {
		return Evidence{}, false
	}
	best := 1 << 30
	for _, y := range years {
		best = min(best, abs(y-born.Year()))
	}
	listedAs := strings.Join(listed, "; ")
	switch {
	case best == 0:
		return Evidence{"dob", effectSameBirthYr, fmt.Sprintf("born %d, listed %s", born.Year(), listedAs)}, true
	case best == 1:
		return Evidence{"dob", effectNearBirthYr, fmt.Sprintf("born %d, listed %s", born.Year(), listedAs)}, true
	default:
		return Evidence{"dob", effectOtherBirthYr, fmt.Sprintf("born %d, but listed %s", born.Year(), listedAs)}, true
	}
}

func parseListDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02 Jan 2006", "2 Jan 2006", "02 January 2006", "January 2, 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// countryEvidence reports a country the subject claims (country, nationality)
// that the entry's nationality, citizenship or address countries also name.
func countryEvidence(subject, entry map[string]any) (Evidence, bool) {
	mine := map[string]bool{}
	for _, v := range []string{str(subject["country_code"]), str(subject["country"]), str(subject["nationality"])} {
		if cc, ok := normalize.CountryCode(v); ok {
			mine[cc] = true
		}
	}
	if len(mine) == 0 {
		return Evidence{}, false
	}
	for _, field := range []string{"nationality", "citizenship", "address_countries"} {
		for _, v := range strs(entry[field]) {
			if cc, ok := normalize.CountryCode(v); ok && mine[cc] {
				return Evidence{"country", effectSameCountry, fmt.Sprintf("%s %s on both", field, cc)}, true
			}
		}
	}
	return Evidence{}, false
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strs reads a JSON string or array of strings.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		if v != "" {
			return []string{v}
		}
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
