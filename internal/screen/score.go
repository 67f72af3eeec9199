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

// Scores below this are noise between unrelated words: Sangwoo/Sangman is
// 0.83, Baekho/Bank 0.80, Taejin/Taesong 0.84 — another name, not a typo.
// Such tokens count as unmatched rather than half-matched.
const minPairScore = 0.86

// minSyllableJW: two spellings of the same Korean syllables (Sobaegsu and
// Sobaeksu, Cheolsoo and Chulsu) stay above this Jaro-Winkler score, so pairs
// below it skip the syllable comparison.
const minSyllableJW = 0.7

// Short tokens are syllables, and one letter makes another syllable
// (min/man, hyun/hun, ji/jin), so two tokens of at most shortTokenLen runes
// pair only when equal, listed or rule variants, or the same letters with two
// neighbours swapped (a typing slip), which scores transposedScore.
const (
	shortTokenLen   = 4
	transposedScore = 0.9
)

// Weights of tokens in the character count. Words many company names share
// ("Korea", "Trading", "Technology") count half, so neither their presence
// nor their absence decides a match; an unmatched token counts at least
// minUnmatchedWeight characters, so dropping a syllable ("Yoo Jin-u" for
// "Yoo Jin") costs more than its one letter; an unmatched Russian patronymic
// counts a quarter, because profiles rarely carry one.
const (
	genericWeight      = 0.5
	minUnmatchedWeight = 3
	patronymicWeight   = 0.25
)

// orderPenalty is taken off the score for each pair of matched tokens in
// another relative order than the target's, beyond moving the surname from
// front to back: Korean given-name syllables keep their order, so Ri Un-song
// is not RI Song Un.
const orderPenalty = 0.15

// A rule-folded spelling (Kyong/Gyeong) is very likely the same syllable but,
// unlike a listed surname variant, can also collide by accident.
const ruleVariantScore = 0.98

// Match is the explained result of comparing a query name with a target name.
type Match struct {
	Score     float64  // 0..1
	Parts     []Part   // token pairings, best first
	Unmatched []string // tokens of either side left unpaired, prefixed "query:" or "target:"
	// OrderPenalty was taken off for matched tokens in another order.
	OrderPenalty float64
	// Initials pairs one-letter tokens with the words they abbreviate; they
	// count neither for nor against the score.
	Initials    []string
	Explanation string // one line a person can read
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
	qi, ti [2]int  // token indexes consumed; second is -1 when unused
	weight float64 // weighted characters covered on both sides
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
	m, got, total := score(q, t, true)
	switch {
	case total > 0:
		m.Explanation = explain(m, got, total)
	case m.Explanation == "":
		m.Explanation = "0.00: only initials paired (" + strings.Join(m.Initials, " ") + ")"
	}
	return m
}

// score is Score without the explanation, which costs more than the score
// itself; got and total are the matched and all weighted characters (total 0:
// an empty name).
//
// detail false skips what only an explanation needs (parts, unmatched tokens):
// most scored pairs are rejected, and those strings would be garbage.
func score(q, t Name, detail bool) (m Match, got, total float64) {
	if len(q.Tokens) == 0 || len(t.Tokens) == 0 {
		return Match{Explanation: "0.00: one of the names is empty after normalisation"}, 0, 0
	}
	qc, tc := canonOf(q), canonOf(t)
	var qwBuf, twBuf [maxTokens]float64
	qw, tw := weights(q, qwBuf[:0]), weights(t, twBuf[:0])
	var qs, ts lazySyl
	qs.init(q)
	ts.init(t)
	// A one-token name of a few letters (Kia, GIA) has nothing else to
	// confirm it: only an exact or listed spelling counts.
	strict := len(q.Tokens) == 1 && runeLen(q.Tokens[0]) <= shortTokenLen ||
		len(t.Tokens) == 1 && runeLen(t.Tokens[0]) <= shortTokenLen
	// Korean syllables are compared as syllables between two Korean personal
	// names and between company names (Paeksol is not Paekho).
	korean := isKorean(q) && isKorean(t) || t.Kind == KindOrganization && q.Kind != KindPerson

	var candBuf [48]candidate
	cands := candBuf[:0]
	for i, a := range q.Tokens {
		for j, b := range t.Tokens {
			p, ok := pairK(a, b, qc[i], tc[j], korean, &qs, i, &ts, j)
			if ok && strict && p.Score < 1 {
				ok = false
			}
			if ok {
				cands = append(cands, candidate{p, [2]int{i, -1}, [2]int{j, -1}, qw[i] + tw[j]})
			}
		}
	}
	if !strict {
		cands = joinedCandidates(cands, q.Tokens, t.Tokens, tc, qw, tw, korean, false)
		cands = joinedCandidates(cands, t.Tokens, q.Tokens, qc, tw, qw, korean, true)
	}
	slices.SortStableFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(y.part.Score, x.part.Score); c != 0 {
			return c
		}
		return cmp.Compare(y.weight, x.weight)
	})

	var qUsedBuf, tUsedBuf [maxTokens]bool
	qUsed, tUsed := qUsedBuf[:len(q.Tokens)], tUsedBuf[:len(t.Tokens)]
	var chosenBuf [maxTokens]candidate
	chosen := chosenBuf[:0]
	for _, c := range cands {
		if used(qUsed, c.qi) || used(tUsed, c.ti) {
			continue
		}
		mark(qUsed, c.qi)
		mark(tUsed, c.ti)
		if detail {
			m.Parts = append(m.Parts, c.part)
		}
		chosen = append(chosen, c)
		got += c.part.Score * c.weight
		total += c.weight
	}
	m.Initials = matchInitials(q.Tokens, t.Tokens, qUsed, tUsed)
	for i, tok := range q.Tokens {
		if !qUsed[i] {
			if detail {
				m.Unmatched = append(m.Unmatched, "query:"+tok)
			}
			total += unmatchedWeight(tok, qw[i])
		}
	}
	for j, tok := range t.Tokens {
		if !tUsed[j] {
			if detail {
				m.Unmatched = append(m.Unmatched, "target:"+tok)
			}
			total += unmatchedWeight(tok, tw[j])
		}
	}
	if total == 0 {
		// Only initials paired (J. against Jo): nothing to go on.
		return m, 0, 0
	}
	m.Score = got / total
	if inv := orderInversions(chosen); inv > 0 {
		m.OrderPenalty = float64(inv) * orderPenalty
		m.Score -= m.OrderPenalty
	}
	m.Score = min(1, max(0, m.Score))
	return m, got, total
}

// weights appends each token's weight in characters to w.
func weights(n Name, w []float64) []float64 {
	for _, t := range n.Tokens {
		x := float64(runeLen(t))
		if n.Kind != KindPerson && genericWords[t] {
			x *= genericWeight
		}
		w = append(w, x)
	}
	return w
}

func unmatchedWeight(tok string, w float64) float64 {
	switch {
	case isPatronymic(tok):
		return w * patronymicWeight
	case w < float64(runeLen(tok)):
		return w // a generic word: its lower weight stands
	}
	return max(w, minUnmatchedWeight)
}

// matchInitials pairs each unmatched one-letter token with an unmatched token
// of the other side that it abbreviates (S. for Sergeyevich), marks both as
// used so they neither count for nor against the score, and lists them.
func matchInitials(q, t []string, qUsed, tUsed []bool) []string {
	var out []string
	try := func(a []string, aUsed []bool, b []string, bUsed []bool, swap bool) {
		for i, tok := range a {
			if aUsed[i] || len(tok) != 1 {
				continue
			}
			for j, other := range b {
				if !bUsed[j] && len(other) > 1 && other[0] == tok[0] {
					aUsed[i], bUsed[j] = true, true
					if swap {
						out = append(out, other+"~"+tok)
					} else {
						out = append(out, tok+"~"+other)
					}
					break
				}
			}
		}
	}
	try(q, qUsed, t, tUsed, false)
	try(t, tUsed, q, qUsed, true)
	return out
}

func isPatronymic(tok string) bool {
	for _, suf := range []string{"ovich", "evich", "ovna", "evna", "ichna"} {
		if len(tok) > len(suf)+2 && strings.HasSuffix(tok, suf) {
			return true
		}
	}
	return false
}

// orderInversions counts pairs of matched tokens whose order differs between
// the names, taking the best rotation of the query's order so that moving one
// block from the front to the back (the surname: Sang-man KIM / KIM, Sang
// Man) costs nothing.
func orderInversions(chosen []candidate) int {
	if len(chosen) < 3 {
		return 0
	}
	type pos struct{ q, t int }
	ps := make([]pos, len(chosen))
	for i, c := range chosen {
		ps[i] = pos{c.qi[0], c.ti[0]}
	}
	slices.SortFunc(ps, func(a, b pos) int { return cmp.Compare(a.q, b.q) })
	best := -1
	for r := range ps {
		inv := 0
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				if ps[(r+i)%len(ps)].t > ps[(r+j)%len(ps)].t {
					inv++
				}
			}
		}
		if best < 0 || inv < best {
			best = inv
		}
	}
	return best
}

// pair scores two single tokens; ok is false below minPairScore.
func pair(a, b, ca, cb string) (Part, bool) { return pairK(a, b, ca, cb, false, nil, 0, nil, 0) }

// pairK is pair; korean says both names are Korean, so tokens made of
// romanised syllables pair only as spellings of the same syllables.
// sa and sb, when not nil, hold the names whose tokens ia and ib a and b are,
// with their Korean syllables; otherwise those are computed here when needed.
func pairK(a, b, ca, cb string, korean bool, sa *lazySyl, ia int, sb *lazySyl, ib int) (Part, bool) {
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
		la, lb := runeLen(a), runeLen(b)
		if d := max(la, lb) - min(la, lb); d > 1 && d*3 > max(la, lb) {
			// A token that is a third longer is another word (Sang/Sangman),
			// however generous Jaro-Winkler is to a shared prefix.
			return p, false
		}
		jw := jaroWinkler(a, b)
		if jw < minSyllableJW {
			return p, false // too far apart to be spellings of the same syllables
		}
		if korean {
			var ya, yb []string
			if sa != nil {
				ya, yb = sa.at(ia), sb.at(ib)
			} else {
				ya, yb = koreanSyllables(a), koreanSyllables(b)
			}
			if ya != nil && yb != nil {
				// Both are Korean syllables: the same syllables spelled
				// another way, a typing slip, or another name.
				switch {
				case sameSyllables(ya, yb):
					p.Score, p.Via = ruleVariantScore, ViaVariant
					return p, true
				case slip(a, b):
					p.Score, p.Via = transposedScore, ViaJW
					return p, true
				}
				return p, false
			}
		}
		if la <= shortTokenLen && lb <= shortTokenLen {
			if slip(a, b) {
				p.Score, p.Via = transposedScore, ViaJW
				return p, true
			}
			return p, false
		}
		p.Score, p.Via = jw, ViaJW
	}
	return p, p.Score >= minPairScore
}

// slip reports a typing slip between two different strings: two neighbouring
// letters swapped (Mna/Man) or one letter doubled (Mann/Man).
func slip(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch len(a) - len(b) {
	case 0:
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case 1:
		return i > 0 && a[i] == a[i-1] && a[i+1:] == b[i:]
	}
	return false
}

// joinedCandidates pairs each two adjacent tokens of side x, concatenated,
// with each single token of side y. swap says x is the target side.
func joinedCandidates(cands []candidate, x, y, yc []string, xw, yw []float64, korean, swap bool) []candidate {
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
			p, ok := pairJoined(x[i], x[i+1], joined, jc, b, yc[j], korean)
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
			cands = append(cands, candidate{p, xi, yi, xw[i] + xw[i+1] + yw[j]})
		}
	}
	return cands
}

// pairJoined scores two adjacent tokens a and b (joined: their concatenation,
// jc its canonical form) against one token y. A whole-string comparison
// would let "Sang Min" pass for "Sangman" (0.94), so unless the joined form
// matches outright, y is split where a would end (or where b would begin) and
// each half must pair with its syllable under the short-token rules.
func pairJoined(a, b, joined, jc, y, yc string, korean bool) (Part, bool) {
	if p, ok := pairK(joined, y, jc, yc, korean, nil, 0, nil, 0); ok && p.Via != ViaJW {
		return p, true
	}
	best, found := Part{}, false
	yr := []rune(y)
	for _, cut := range []int{runeLen(a), len(yr) - runeLen(b)} {
		if cut < 2 || cut > len(yr)-2 {
			continue // a one-letter half is no syllable: Julie Oh is not Julito
		}
		y1, y2 := string(yr[:cut]), string(yr[cut:])
		p1, ok1 := pairK(a, y1, canonical(a), canonical(y1), korean, nil, 0, nil, 0)
		p2, ok2 := pairK(b, y2, canonical(b), canonical(y2), korean, nil, 0, nil, 0)
		if !ok1 || !ok2 {
			continue
		}
		la, lb := float64(runeLen(a)+runeLen(y1)), float64(runeLen(b)+runeLen(y2))
		sc := (p1.Score*la + p2.Score*lb) / (la + lb)
		if !found || sc > best.Score {
			best, found = Part{Query: joined, Target: y, Score: sc}, true
		}
	}
	return best, found
}

// lazySyl hands out a name's Korean syllables per token, computing them only
// for the tokens a comparison reaches: most pairs are rejected before.
type lazySyl struct {
	n    Name
	seg  [maxTokens][]string
	done [maxTokens]bool
}

func (l *lazySyl) init(n Name) {
	l.n = n
	if len(n.syl) == len(n.Tokens) {
		copy(l.seg[:], n.syl)
		for i := range n.Tokens {
			l.done[i] = true
		}
	}
}

func (l *lazySyl) at(i int) []string {
	if !l.done[i] {
		l.seg[i], l.done[i] = koreanSyllables(l.n.Tokens[i]), true
	}
	return l.seg[i]
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

func explain(m Match, got, total float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.2f = %.1f of %.1f characters matched", m.Score, got, total)
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
	if len(m.Initials) > 0 {
		fmt.Fprintf(&b, "; initials %s (not counted)", strings.Join(m.Initials, " "))
	}
	if m.OrderPenalty > 0 {
		fmt.Fprintf(&b, "; -%.2f for tokens in another order", m.OrderPenalty)
	}
	return b.String()
}
