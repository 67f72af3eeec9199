package screen

import (
	"cmp"
	"slices"
)

// Index holds list names for screening. Candidates are blocked by Keys: a
// name is scored only against targets sharing enough blocking keys with it,
// so screening never compares every pair. Build it once with Add, then
// search from any number of goroutines, each through its own Searcher.
type Index struct {
	names    []Name
	refs     []int
	nkeys    []uint8 // distinct keys per target (capped)
	postings map[string][]int32
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{postings: make(map[string][]int32)}
}

// Len is the number of names indexed.
func (ix *Index) Len() int { return len(ix.names) }

// Add indexes a normalised target name; ref is the caller's handle for it
// (an entry or row number), returned with every hit. Empty names are ignored.
func (ix *Index) Add(n Name, ref int) {
	if len(n.Tokens) == 0 {
		return
	}
	if len(n.canon) != len(n.Tokens) {
		n.canon = canonAll(n.Tokens)
	}
	if len(n.syl) != len(n.Tokens) {
		n.syl = syllablesAll(n.Tokens)
	}
	id := int32(len(ix.names))
	ix.names = append(ix.names, n)
	ix.refs = append(ix.refs, ref)
	keys := Keys(n)
	ix.nkeys = append(ix.nkeys, uint8(min(len(keys), 255)))
	for _, k := range keys {
		ix.postings[k] = append(ix.postings[k], id)
	}
}

// Hit is one target that scored at or above the threshold.
type Hit struct {
	Ref    int   // the ref given to Add
	Target *Name // the indexed name (shared; do not modify)
	Match  Match
}

// Searcher screens names against an Index. It reuses scratch space between
// calls, so one Searcher must not be used by two goroutines at once.
type Searcher struct {
	ix      *Index
	count   []uint8
	touched []int32
	// Candidates counts the targets scored so far, for benchmarks and tuning.
	Candidates int
}

// Searcher returns a new Searcher over ix.
func (ix *Index) Searcher() *Searcher {
	return &Searcher{ix: ix, count: make([]uint8, len(ix.names))}
}

// Search returns every indexed name scoring at least threshold against q,
// best first (ties by ref, so results are deterministic). accept, when not
// nil, filters targets before they are scored (e.g. by kind of party).
//
// A target is scored when it shares at least two blocking keys with q — or
// one, when either name has only one key — because a name that shares a
// single token with a multi-token target (a bare "Kim") cannot reach a useful
// score: Score weighs unmatched tokens of both sides.
func (s *Searcher) Search(q Name, threshold float64, accept func(ref int) bool) []Hit {
	ix := s.ix
	if len(s.count) < len(ix.names) {
		s.count = make([]uint8, len(ix.names))
	}
	if len(q.canon) != len(q.Tokens) {
		q.canon = canonAll(q.Tokens)
	}
	qkeys := Keys(q)
	if len(qkeys) == 0 {
		return nil
	}
	s.touched = s.touched[:0]
	for _, k := range qkeys {
		for _, id := range ix.postings[k] {
			if s.count[id] == 0 {
				s.touched = append(s.touched, id)
			}
			if s.count[id] < 255 {
				s.count[id]++
			}
		}
	}
	var hits []Hit
	for _, id := range s.touched {
		c := s.count[id]
		s.count[id] = 0
		need := uint8(2)
		if len(qkeys) == 1 || ix.nkeys[id] == 1 {
			need = 1
		}
		if c < need {
			continue
		}
		if accept != nil && !accept(ix.refs[id]) {
			continue
		}
		s.Candidates++
		t := &ix.names[id]
		if m, _, _ := score(q, *t, false); m.Score >= threshold {
			m, got, total := score(q, *t, true)
			m.Explanation = explain(m, got, total)
			hits = append(hits, Hit{Ref: ix.refs[id], Target: t, Match: m})
		}
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Match.Score, a.Match.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Ref, b.Ref)
	})
	return hits
}
