package graphview

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// BenchmarkGraphKey is key-to-frame: a key press through Update and the View
// it leads to (the target is 16 ms), on the densest drawing the screen makes
// of the demo — 3 hops, at the node cap.
func BenchmarkGraphKey(b *testing.B) {
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		b.Run(fmt.Sprintf("%dx%d", w, h), func(b *testing.B) {
			c := uitest.Common(b)
			s := uitest.Start(New(c, "ofac:43377"), w, h)
			s = uitest.Key(s, "+")
			s = uitest.Key(s, "l")
			down, up := uitest.KeyMsg("down"), uitest.KeyMsg("up")
			for i := 0; b.Loop(); i++ {
				k := down
				if i%20 >= 10 {
					k = up
				}
				s, _ = s.Update(k)
				_ = s.View()
			}
		})
	}
}

// BenchmarkGraphOpen is the first frame: the ego network read (the command)
// and drawn, on the demo and — when bench/bench.db is there — on the
// 1M-payment database, for a contractor and for its biggest hub (the centre
// is expanded even when it is a hub, up to the node cap).
func BenchmarkGraphOpen(b *testing.B) {
	run := func(b *testing.B, c *common.Common, key string) {
		for b.Loop() {
			s := New(c, key)
			s.SetSize(160, 46)
			s, _ = s.Update(s.Init()())
			_ = s.View()
			if s.(*Model).a == nil {
				b.Fatal(s.(*Model).err)
			}
		}
	}
	b.Run("demo", func(b *testing.B) { run(b, uitest.Common(b), "contractor:FL-000115") })
	src := filepath.Join("..", "..", "bench", "bench.db")
	if _, err := os.Stat(src); err != nil {
		b.Skip("no bench/bench.db (make bench builds it)")
	}
	// A copy, removed afterwards: opening migrates and writes.
	path := filepath.Join(b.TempDir(), "bench.db")
	if err := copyFile(src, path); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	c := uitest.Common(b)
	c.Store = st
	for _, n := range []struct{ name, key string }{
		{"1M-contractor", "contractor:FL-008965"},
		{"1M-hub", "account:iban:GB83HBUK89753562300574"},
	} {
		b.Run(n.name, func(b *testing.B) { run(b, c, n.key) })
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
