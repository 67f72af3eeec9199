// Package demo builds a case database from the embedded sample: the synthetic
// contractors and payments with their planted networks, and the North
// Korea-related extract of the OFAC SDN list, imported and screened.
package demo

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/casegraph/casegraph/internal/audit"
	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/risk"
	"github.com/casegraph/casegraph/internal/screening"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/samples"
)

// Write copies the embedded sample files into dir and returns their paths by
// name relative to the sample root ("contractors.csv", "list/sdn.csv" ...).
func Write(dir string) (map[string]string, error) {
	files := map[string]string{}
	err := fs.WalkDir(samples.Demo, "demo", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := samples.Demo.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "demo/")
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		files[rel] = dst
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return nil, fmt.Errorf("demo data: %w", err)
	}
	return files, nil
}

// Loaded is what Load did.
type Loaded struct {
	Files   map[string]string
	Imports []importer.Result
	Screen  *screening.Report
}

// Load writes the sample into dir, imports contractors, payments and the list
// into st, screens the result and ranks the risk.
func Load(ctx context.Context, st *store.Store, dir string) (*Loaded, error) {
	files, err := Write(dir)
	if err != nil {
		return nil, err
	}
	l := &Loaded{Files: files}
	steps := []struct {
		path string
		fn   func(context.Context, *store.Store, string, importer.Options) (importer.Result, error)
		list bool
	}{
		{files["contractors.csv"], importer.Contractors, false},
		{files["payments.csv"], importer.Payments, false},
		{filepath.Dir(files["list/sdn.csv"]), importer.Lists, true},
	}
	for _, s := range steps {
		res, err := s.fn(ctx, st, s.path, importer.Options{})
		if err != nil {
			return nil, fmt.Errorf("demo import: %w", err)
		}
		if err := audit.Imported(ctx, st, res, s.list); err != nil {
			return nil, fmt.Errorf("demo import: %w", err)
		}
		l.Imports = append(l.Imports, res)
	}
	if l.Screen, err = screening.Run(ctx, st, screening.Options{}); err != nil {
		return nil, fmt.Errorf("demo screen: %w", err)
	}
	if _, err = risk.Compute(ctx, st, risk.Options{}); err != nil {
		return nil, fmt.Errorf("demo risk: %w", err)
	}
	return l, nil
}
