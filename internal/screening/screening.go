// Package screening screens a case database against the designation lists it
// holds: every contractor, client and beneficiary name against every listed name
// and alias (fuzzy, through internal/screen), and every identifier a list
// publishes against the case data (exact). Name hits become name_match edges,
// each with its score, corroboration and explanation; a run replaces the last.
package screening

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/casegraph/casegraph/internal/screen"
	"github.com/casegraph/casegraph/internal/store"
)

// DefaultThreshold is the name score (before corroboration) at which a name is
// reported: high enough that an ordinary Korean name sharing a surname and one
// syllable with a designated person stays below it, low enough for a typo or a
// romanisation the variant tables do not know.
const DefaultThreshold = 0.88

// Strengths of a name hit.
const (
	Strong       = "strong"       // the name and at least one independent fact agree
	Possible     = "possible"     // the name alone
	Contradicted = "contradicted" // the name, but a fact disagrees (another birth year)
)

// Options tune a screening run.
type Options struct {
	Threshold float64 // 0 means DefaultThreshold
	Workers   int     // 0 means one per CPU
}

func (o Options) threshold() float64 {
	if o.Threshold <= 0 {
		return DefaultThreshold
	}
	return o.Threshold
}

// Entry is a designated entry as a hit shows it.
type Entry struct {
	store.NodeRef
	List     string   `json:"list"`
	ListID   string   `json:"list_id"`
	Programs []string `json:"programs,omitempty"`
	Delisted bool     `json:"delisted,omitempty"`
}

// Evidence is one fact that raised or lowered a name score.
type Evidence struct {
	Field  string  `json:"field"`  // dob | country | alias
	Effect float64 `json:"effect"` // added to the score
	Detail string  `json:"detail"`
}

// Hit is one name that resembles a listed name.
type Hit struct {
	Subject       *store.NodeRef `json:"subject,omitempty"` // nil for an ad hoc name
	Name          string         `json:"name"`              // the screened name as written
	Entry         Entry          `json:"entry"`
	Matched       string         `json:"matched"`    // the listed name as written
	AliasType     string         `json:"alias_type"` // primary | aka | fka ...
	Score         float64        `json:"score"`      // after corroboration, 0..1
	NameScore     float64        `json:"name_score"`
	Strength      string         `json:"strength"`
	Explanation   string         `json:"explanation"`
	Corroboration []Evidence     `json:"corroboration,omitempty"`
	Source        string         `json:"source,omitempty"` // file:line of the screened name
}

// Report is the outcome of screening a database.
type Report struct {
	Threshold   float64               `json:"threshold"`
	Subjects    int                   `json:"subjects"`   // names screened
	Distinct    int                   `json:"distinct"`   // distinct normalised names scored
	Targets     int                   `json:"targets"`    // list names indexed
	Candidates  int                   `json:"candidates"` // pairs scored after blocking
	Seconds     float64               `json:"seconds"`    // whole run
	Phases      map[string]float64    `json:"phases"`     // seconds by phase: index, subjects, score, hits, write, keys
	NameHits    []Hit                 `json:"name_hits"`  // best first
	Identifiers []store.IdentifierHit `json:"identifier_hits"`
}

// target is one indexed list name and the entries listed under it.
type target struct {
	name    string
	entries []store.ListName
}

// loadIndex indexes every listed name. A name shared by several entries is
// indexed once and expands to all of them on a hit.
func loadIndex(ctx context.Context, st *store.Store) (*screen.Index, []target, error) {
	ix := screen.NewIndex()
	var targets []target
	byName := map[int64]int{}
	err := st.ListNames(ctx, func(ln store.ListName) error {
		if ln.Entry.Kind == store.KindVessel || ln.Entry.Kind == store.KindAircraft {
			return nil // ships and aircraft are not screened against people and companies
		}
		if i, ok := byName[ln.NameID]; ok {
			targets[i].entries = append(targets[i].entries, ln)
			return nil
		}
		byName[ln.NameID] = len(targets)
		targets = append(targets, target{name: ln.Name, entries: []store.ListName{ln}})
		ix.Add(screen.Normalize(ln.Name, ln.Entry.Kind), len(targets)-1)
		return nil
	})
	return ix, targets, err
}

// Run screens the whole database and replaces the last run's name_match edges.
func Run(ctx context.Context, st *store.Store, opt Options) (*Report, error) {
	start := time.Now()
	rep := &Report{Threshold: opt.threshold(), Phases: map[string]float64{}}
	lap := start
	phase := func(name string) {
		now := time.Now()
		rep.Phases[name] += now.Sub(lap).Seconds()
		lap = now
	}
	nNames, err := st.CountListNames(ctx)
	if err != nil {
		return nil, err
	}
	if nNames == 0 {
		// No list loaded: nothing to screen against, and no earlier run's
		// matches can exist.
		rep.Seconds = time.Since(start).Seconds()
		return rep, nil
	}
	if has, err := st.HasSubjects(ctx); err != nil || !has {
		if err != nil {
			return nil, err
		}
		// A list alone (imported first): nothing to screen yet, but the keys
		// for screen --name are built now rather than on the first question.
		rep.Targets = nNames
		if err := ensureNameKeys(ctx, st); err != nil {
			return nil, err
		}
		phase("keys")
		rep.Seconds = time.Since(start).Seconds()
		return rep, nil
	}
	ix, targets, err := loadIndex(ctx, st)
	if err != nil {
		return nil, err
	}
	rep.Targets = ix.Len()
	if rep.Identifiers, err = st.IdentifierHits(ctx); err != nil {
		return nil, err
	}
	phase("index")
	shared := map[[2]int64]string{} // (subject, entry) -> identifier key
	for _, h := range rep.Identifiers {
		shared[[2]int64{h.Subject.ID, h.Entry.ID}] = h.Identifier.Key
	}
	person := make([]bool, len(targets)) // targets naming at least one person
	for i, t := range targets {
		for _, ln := range t.entries {
			person[i] = person[i] || ln.Entry.Kind == store.KindPerson
		}
	}

	// Subjects stream from SQLite into the scoring workers, so reading and
	// scoring overlap.
	sc := newScreener(ix, person, rep.Threshold, opt.Workers)
	var subjects []store.Subject
	var jobOf []*job
	err = st.ScreenSubjects(ctx, func(s store.Subject) error {
		subjects = append(subjects, s)
		jobOf = append(jobOf, sc.submit(s.Name, s.Kind))
		if len(subjects)%1024 == 0 {
			return ctx.Err()
		}
		return nil
	})
	rep.Candidates = sc.wait()
	if err != nil {
		return nil, err
	}
	rep.Subjects, rep.Distinct = len(subjects), len(sc.seen)
	phase("score")
	results := make([][]screen.Hit, len(subjects))
	for i, j := range jobOf {
		results[i] = j.hits
	}

	paths := map[int64]string{}
	var matches []store.NameMatch
	for i, sub := range subjects {
		// An entry listed under several names that all resemble this one is
		// one hit: its best name (results are best first).
		seenEntry := map[int64]bool{}
		for _, sh := range results[i] {
			for k := range targets[sh.Ref].entries {
				ln := &targets[sh.Ref].entries[k]
				if !compatible(sub.Kind, ln.Entry.Kind) || seenEntry[ln.Entry.ID] {
					continue
				}
				seenEntry[ln.Entry.ID] = true
				ln.Decode()
				h := makeHit(sub.Name, sub.Attrs, sh.Match, *ln)
				h.Subject = &sub.Node
				if key, ok := shared[[2]int64{sub.Node.ID, ln.Entry.ID}]; ok {
					h.Corroboration = append(h.Corroboration, Evidence{"identifier", 1 - h.Score,
						"shares " + key + " with the entry"})
					h.Score, h.Strength = 1, Strong
				}
				if sub.Source != 0 {
					p, ok := paths[sub.Source]
					if !ok {
						p = st.SourcePath(ctx, sub.Source)
						paths[sub.Source] = p
					}
					h.Source = fmt.Sprintf("%s:%d", p, sub.Line)
				}
				rep.NameHits = append(rep.NameHits, h)
				matches = append(matches, store.NameMatch{Subject: sub.Node.ID, Entry: ln.Entry.ID, Attrs: h.attrs(),
					Source: sub.Source, Line: sub.Line, Field: sub.Field})
			}
		}
	}
	sortHits(rep.NameHits)
	phase("hits")
	rep.Seconds = time.Since(start).Seconds()
	run := store.ScreenRun{StartedAt: start, Seconds: rep.Seconds, Threshold: rep.Threshold, Subjects: rep.Subjects,
		Targets: rep.Targets, NameHits: len(rep.NameHits), IDHits: len(rep.Identifiers)}
	if err := st.ReplaceNameMatches(ctx, run, matches); err != nil {
		return nil, err
	}
	phase("write")
	if err := ensureNameKeys(ctx, st); err != nil {
		return nil, err
	}
	phase("keys")
	rep.Seconds = time.Since(start).Seconds()
	return rep, nil
}

// job is one distinct written name (and kind) to score.
type job struct {
	raw, kind string
	hits      []screen.Hit // set by a worker
}

// screener scores distinct names on a pool of workers as they are submitted.
// Names repeat (a contractor's name on each payee account it uses), so each
// distinct written name is normalised and scored once.
type screener struct {
	seen       map[string]*job
	next       chan *job
	wg         sync.WaitGroup
	mu         sync.Mutex
	candidates int
}

func newScreener(ix *screen.Index, person []bool, threshold float64, workers int) *screener {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	sc := &screener{seen: map[string]*job{}, next: make(chan *job, 1024)}
	onlyPersons := func(ref int) bool { return person[ref] }
	for range workers {
		sc.wg.Go(func() {
			s := ix.Searcher()
			for j := range sc.next {
				name := screen.Normalize(j.raw, j.kind)
				if len(name.Tokens) == 0 {
					continue
				}
				var accept func(int) bool
				if name.Kind == screen.KindPerson {
					accept = onlyPersons
				}
				j.hits = s.Search(name, threshold, accept)
			}
			sc.mu.Lock()
			sc.candidates += s.Candidates
			sc.mu.Unlock()
		})
	}
	return sc
}

// submit queues a name unless the same name and kind were queued before, and
// returns the job whose hits it will have.
func (sc *screener) submit(raw, kind string) *job {
	k := kind + "\x00" + raw
	if j, ok := sc.seen[k]; ok {
		return j
	}
	j := &job{raw: raw, kind: kind}
	sc.seen[k] = j
	sc.next <- j
	return j
}

// wait lets the workers finish and returns how many pairs they scored.
func (sc *screener) wait() int {
	close(sc.next)
	sc.wg.Wait()
	return sc.candidates
}

// compatible reports whether a subject of one kind may be matched with an entry
// of another: a contractor is a person; clients and beneficiaries may be either.
func compatible(subjectKind, entryKind string) bool {
	return subjectKind != screen.KindPerson || entryKind == store.KindPerson
}

func sortHits(hits []Hit) {
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(subjectKey(a), subjectKey(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.Entry.Key, b.Entry.Key)
	})
}

func subjectKey(h Hit) string {
	if h.Subject == nil {
		return ""
	}
	return h.Subject.Key
}

// attrs is what a name_match edge stores.
func (h Hit) attrs() map[string]any {
	a := map[string]any{"score": round3(h.Score), "name_score": round3(h.NameScore), "name": h.Name,
		"matched": h.Matched, "alias_type": h.AliasType, "strength": h.Strength, "explanation": h.Explanation}
	if len(h.Corroboration) > 0 {
		a["corroboration"] = h.Corroboration
	}
	return a
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
