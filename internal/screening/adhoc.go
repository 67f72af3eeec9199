package screening

import (
	"context"

	"github.com/casegraph/casegraph/internal/screen"
	"github.com/casegraph/casegraph/internal/store"
)

// ensureNameKeys rebuilds the stored blocking keys when the list names changed
// since they were built, so an ad hoc screen is one indexed lookup.
func ensureNameKeys(ctx context.Context, st *store.Store) error {
	ok, err := st.NameKeysCurrent(ctx)
	if err != nil || ok {
		return err
	}
	return st.ReplaceNameKeys(ctx, func(label, kind string) []string {
		return screen.Keys(screen.Normalize(label, kind))
	})
}

// Name screens one name typed by the investigator. kind is "person",
// "organization" or "" (either). It reads only the list names that share
// blocking keys with it, so it answers in milliseconds on any database.
func Name(ctx context.Context, st *store.Store, name, kind string, threshold float64) ([]Hit, error) {
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	if err := ensureNameKeys(ctx, st); err != nil {
		return nil, err
	}
	q := screen.Normalize(name, kind)
	ids, err := st.NameCandidates(ctx, screen.Keys(q))
	if err != nil {
		return nil, err
	}
	names, err := st.ListNamesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var hits []Hit
	for _, ln := range names {
		ln.Decode()
		if ln.Entry.Kind == store.KindVessel || ln.Entry.Kind == store.KindAircraft {
			continue
		}
		if kind != "" && !compatible(kind, ln.Entry.Kind) {
			continue
		}
		m := screen.Score(q, screen.Normalize(ln.Name, ln.Entry.Kind))
		if m.Score < threshold {
			continue
		}
		hits = append(hits, makeHit(name, nil, m, ln))
	}
	sortHits(hits)
	// An entry listed under several names that all resemble this one is one
	// hit: its best name.
	seen := map[string]bool{}
	best := hits[:0]
	for _, h := range hits {
		if !seen[h.Entry.Key] {
			seen[h.Entry.Key] = true
			best = append(best, h)
		}
	}
	return best, nil
}
