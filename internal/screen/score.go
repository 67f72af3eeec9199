package screen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Ways a Part was matched.
const (
	ViaExact   = "exact"
	ViaVariant = "variant"
	ViaJW      = "jaro-winkler"
	ViaJoined  = "joined"
)

// Scores below this are noise between unrelated tokens (min/man is 0.80,
// seo/song 0.75); such tokens count as unmatched rather than half-matched.
const minPairScore = 0.8

// A rule-folded spelling (Kyong/Gyeong) is very likely the same syllable but,
// unlike a listed surname variant, can also collide by accident.
const ruleVariantScore = 0.98

// Match is the explained result of comparing a query name with a target name.
type Match struct {
	Score       float64  // 0..1
	Parts       []Part   // token pairings, best first
	Unmatched   []string // tokens of either side left unpaired, prefixed "query:" or "target:"
	Explanation string   // one line a person can read
}

// Part is one pairing of query token(s) with target token(s). Joined given
// names show as "sang+man".
type Part struct {
	Query, Target string
	Score         float64
	Via           string // ViaExact, ViaVariant, ViaJW or ViaJoined
}

type candidate struct {
	part   Part
	qi, ti [2]int // token indexes consumed; second is -1 when unused
	weight int    // runes covered on both sides
}

// Score compares two normalised names in the spirit of OFAC's Sanctions List
// Search and moov-io/watchman: every query token is paired with at most one
// target token, best pairs first (greedy), ignoring order so "KIM, Sang Man"
// meets "Sang Man Kim"; listed romanisation variants count as exact; two
// adjacent tokens may pair with one joined token (Sang Man / Sangman). The
// score is the pairs' similarity weighted by the characters they cover, over
// all characters of both names, so unmatched tokens on either side pull it
// down in proportion to their length and a bare surname never scores high
// against a full name.
func Score(q, t Name) Match {
	if len(q.Tokens) == 0 || len(t.Tokens) == 0 {
		return Match{Explanation: "0.00: one of the names is empty after normalisation"}
	}
	qc, tc := canonOf(q), canonOf(t)
	cands := make([]candidate, 0, len(q.Tokens)*len(t.Tokens)+4)
	for i, a := range q.Tokens {
		for j, b := range t.Tokens {
			if p, ok := pair(a, b, qc[i], tc[j]); ok {
				cands = append(cands, candidate{p, [2]int{i, -1}, [2]int{j, -1}, runeLen(a) + runeLen(b)})
			}
		}
	}
	cands = joinedCandidates(cands, q.Tokens, t.Tokens, tc, false)
	cands = joinedCandidates(cands, t.Tokens, q.Tokens, qc, true)
	slices.SortStableFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(y.part.Score, x.part.Score); c != 0 {
			return c
		}
		return cmp.Compare(y.weight, x.weight)
	})

	qUsed := make([]bool, len(q.Tokens))
	tUsed := make([]bool, len(t.Tokens))
	var m Match
	var got float64
	for _, c := range cands {
		if used(qUsed, c.qi) || used(tUsed, c.ti) {
			continue
		}
		mark(qUsed, c.qi)
		mark(tUsed, c.ti)
		m.Parts = append(m.Parts, c.part)
		got += c.part.Score * float64(c.weight)
	}
	total := 0
	for i, tok := range q.Tokens {
		total += runeLen(tok)
		if !qUsed[i] {
			m.Unmatched = append(m.Unmatched, "query:"+tok)
		}
	}
	for j, tok := range t.Tokens {
		total += runeLen(tok)
		if !tUsed[j] {
			m.Unmatched = append(m.Unmatched, "target:"+tok)
		}
	}
	m.Score = min(1, max(0, got/float64(total)))
	m.Explanation = explain(m, got, total)
	return m
}

// pair scores two single tokens; ok is false below minPairScore.
func pair(a, b, ca, cb string) (Part, bool) {
	p := Part{Query: a, Target: b}
	switch {
	case a == b:
		p.Score, p.Via = 1, ViaExact
	case ca == cb:
		p.Via = ViaVariant
		p.Score = ruleVariantScore
		if isDictVariant(a, b) {
			p.Score = 1
		}
	default:
		p.Score, p.Via = jaroWinkler(a, b), ViaJW
	}
	return p, p.Score >= minPairScore
}

// joinedCandidates pairs each two adjacent tokens of side x, concatenated,
// with each single token of side y. swap says x is the target side.
func joinedCandidates(cands []candidate, x, y, yc []string, swap bool) []candidate {
	for i := 0; i+1 < len(x); i++ {
		joined := x[i] + x[i+1]
		jl := runeLen(joined)
		var jc string
		for j, b := range y {
			bl := runeLen(b)
			if bl < jl-2 || bl > jl+2 {
				continue // too different in length to be the same name
			}
			if jc == "" {
				jc = canonical(joined)
			}
			p, ok := pair(joined, b, jc, yc[j])
			if !ok {
				continue
			}
			p.Via = ViaJoined
			p.Query = x[i] + "+" + x[i+1]
			xi, yi := [2]int{i, i + 1}, [2]int{j, -1}
			if swap {
				p.Query, p.Target = b, p.Query
				xi, yi = yi, xi
			}
			cands = append(cands, candidate{p, xi, yi, jl + bl})
		}
	}
	return cands
}

func canonOf(n Name) []string {
	if len(n.canon) == len(n.Tokens) {
		return n.canon
	}
	return canonAll(n.Tokens)
}

func used(u []bool, idx [2]int) bool {
	return u[idx[0]] || idx[1] >= 0 && u[idx[1]]
}

func mark(u []bool, idx [2]int) {
	u[idx[0]] = true
	if idx[1] >= 0 {
		u[idx[1]] = true
	}
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func explain(m Match, got float64, total int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.2f = %.1f of %d characters matched", m.Score, got, total)
	for i, p := range m.Parts {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s~%s %s %.2f", p.Query, p.Target, p.Via, p.Score)
	}
	if len(m.Parts) == 0 {
		b.WriteString(": no token pairs")
	}
	if len(m.Unmatched) > 0 {
		fmt.Fprintf(&b, "; unmatched %s", strings.Join(m.Unmatched, " "))
	}
	return b.String()
}
