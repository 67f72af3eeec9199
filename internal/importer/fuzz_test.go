package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
)

// FuzzImport feeds arbitrary bytes to both importers. Whatever the input, an import
// either commits with read = stored + rejected, or fails and leaves the database as
// it was — never a panic, never half a file. One database serves every input (opening
// a fresh one per input would make each run ten times slower), so imports also land
// on top of what earlier inputs left.
func FuzzImport(f *testing.F) {
	for _, p := range []string{"testdata/contractors.csv", "testdata/payments.csv", "testdata/broken.csv"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, false)
		f.Add(b, true)
	}
	f.Add([]byte("[{\"id\": \"FX-1\", \"email\": [\"a@b.co\", \"a@b.co\"], \"phone\": 12025550143}]"), true)
	f.Add([]byte("payment_id,amount,currency,payee_account,contractor_id\nP1,\"1.250,00\",EUR,DE89370400440532013000,FX-1\n"), false)
	dir := f.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "case.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	in, rej := filepath.Join(dir, "in.txt"), filepath.Join(dir, "rejects.csv")
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, fn := range []func(context.Context, *store.Store, string, Options) (Result, error){Contractors, Payments} {
			before, err := st.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			res, err := fn(ctx, st, in, Options{SkipBadRows: skipBad, RejectsPath: rej})
			after, serr := st.Stats(ctx)
			if serr != nil {
				t.Fatal(serr)
			}
			if err != nil {
				if after.Nodes != before.Nodes || after.Edges != before.Edges || after.Payments != before.Payments ||
					len(after.Sources) != len(before.Sources) {
					t.Fatalf("failed import changed the database: %v", err)
				}
				continue
			}
			if res.Read != res.Stored+res.Rejected {
				t.Fatalf("counts do not add up: %+v", res)
			}
			if !skipBad && res.Rejected != 0 {
				t.Fatalf("rejected rows without --skip-bad-rows: %+v", res)
			}
		}
	})
}
