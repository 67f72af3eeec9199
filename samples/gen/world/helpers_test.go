package world

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// table is a parsed CSV file with its header.
type table struct {
	col  map[string]int
	rows [][]string
}

func (tb table) get(row []string, name string) string { return row[tb.col[name]] }

func parseCSV(t testing.TB, data []byte) table {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("generated CSV does not parse: %v", err)
	}
	tb := table{col: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		tb.col[h] = i
	}
	return tb
}

// generated is one world as files and parsed tables.
type generated struct {
	contractorsCSV, paymentsCSV []byte
	contractors, payments       table
	truth                       *Truth
	byID                        map[string][]string
}

func generate(t testing.TB, cfg Config) *generated {
	t.Helper()
	var c, p bytes.Buffer
	tr, err := Generate(cfg, &c, &p)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	g := &generated{contractorsCSV: c.Bytes(), paymentsCSV: p.Bytes(), truth: tr, byID: map[string][]string{}}
	g.contractors = parseCSV(t, g.contractorsCSV)
	g.payments = parseCSV(t, g.paymentsCSV)
	for _, row := range g.contractors.rows {
		g.byID[row[0]] = row
	}
	return g
}

// demoConfig is the configuration of the committed samples/demo data.
var demoConfig = Config{Seed: 1, Contractors: 300}

// cells splits a multi-value cell on ';' and trims each value.
func cells(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// plantedIDs returns the set of contractor ids in planted networks.
func (g *generated) plantedIDs() map[string]string {
	m := map[string]string{}
	for _, n := range g.truth.Networks {
		for _, id := range n.Members {
			m[id] = n.ID
		}
	}
	return m
}
