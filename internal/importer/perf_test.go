package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/casegraph/casegraph/internal/store"
)

func TestPerfScratch(t *testing.T) {
	p := os.Getenv("PERF_CONTRACTORS")
	if p == "" {
		t.Skip()
	}
	st, _ := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	start := time.Now()
	res, err := Contractors(context.Background(), st, p, Options{})
	t.Logf("%+v %v %v", res, err, time.Since(start))
	if q := os.Getenv("PERF_PAYMENTS"); q != "" {
		start := time.Now()
		res, err := Payments(context.Background(), st, q, Options{})
		t.Logf("%+v %v %v", res, err, time.Since(start))
	}
}
