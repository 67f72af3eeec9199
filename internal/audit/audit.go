// Package audit records what was done to a case database — imports, screening
// runs, list deltas, risk runs, exports, case changes — in the store's
// hash-chained, append-only audit log, with the time and the OS user.
package audit

import (
	"context"
	"os"
	"os/user"

	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/store"
)

// Actions recorded.
const (
	Import    = "import"
	ListDelta = "list-delta"
	Screen    = "screen"
	Risk      = "risk"
	Export    = "export"
)

// User is the OS user running casegraph.
func User() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USER", "LOGNAME", "USERNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown"
}

// Imported records one imported file and, for a list, the delta its version
// brought. A file already imported (a no-op) is not recorded.
func Imported(ctx context.Context, st *store.Store, res importer.Result, list bool) error {
	if res.AlreadyImported {
		return nil
	}
	if err := Record(ctx, st, Import, res.File, res); err != nil {
		return err
	}
	if !list {
		return nil
	}
	vs, err := st.ListVersions(ctx)
	if err != nil || len(vs) == 0 {
		return err
	}
	v := vs[len(vs)-1]
	return Record(ctx, st, ListDelta, v.List, map[string]any{"version": v.ID, "published": v.Published,
		"entries": v.Entries, "added": v.Added, "removed": v.Removed, "changed": v.Changed, "source": v.Source})
}

// Record appends an entry for the current OS user.
func Record(ctx context.Context, st *store.Store, action, target string, detail any) error {
	_, err := st.AppendAudit(ctx, User(), action, target, detail)
	return err
}
