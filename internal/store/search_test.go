package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestNameMatchesOf(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "nm.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.DB()
	for i, k := range []string{"contractor:a", "ofac:1", "ofac:2", "contractor:b", "account:x"} {
		kind := strings.Split(k, ":")[0]
		if kind == "ofac" {
			kind = KindPerson
		}
		if _, err := db.Exec(`INSERT INTO nodes(id, kind, key, label) VALUES (?, ?, ?, ?)`, i+1, kind, k, "L"+k); err != nil {
			t.Fatal(err)
		}
	}
	// a matches ofac:1 weakly and ofac:2 strongly; b uses x (not a match); x matches ofac:1.
	for i, e := range []struct {
		kind     string
		src, dst int
		attrs    any
	}{
		{EdgeNameMatch, 1, 2, `{"score":0.7}`},
		{EdgeNameMatch, 1, 3, `{"score":0.95}`},
		{EdgeUses, 4, 5, nil},
		{EdgeNameMatch, 5, 2, nil},
	} {
		if _, err := db.Exec(`INSERT INTO edges(id, kind, src, dst, attrs) VALUES (?, ?, ?, ?, ?)`, i+1, e.kind, e.src, e.dst, e.attrs); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.NameMatchesOf(ctx, []int64{1, 4, 5, 99})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[int64][]string{}
	for id, ns := range got {
		for _, n := range ns {
			keys[id] = append(keys[id], n.Key+"/"+n.Kind+"/"+n.Label)
		}
	}
	want := map[int64][]string{
		1: {"ofac:2/person/Lofac:2", "ofac:1/person/Lofac:1"},
		5: {"ofac:1/person/Lofac:1"},
	}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("got %v, want %v", keys, want)
	}
	if got, err := st.NameMatchesOf(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v, %v", got, err)
	}

	// The plan searches the edge index, never scans the edges.
	rows, err := db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+fmt.Sprintf(qNameMatchesOf, placeholders(3)), 1, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if text := strings.Join(plan, "; "); !strings.Contains(text, "SEARCH e USING") || strings.Contains(text, "SCAN e") {
		t.Errorf("plan: %s", text)
	}
}

func TestLinkSampleIsLinksWithoutProvenance(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "ls.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.DB()
	// Contractor 1 uses emails 2..8, is paid out to account 9; contractor 10 uses email 2.
	nodes := map[int]string{1: "contractor:c1", 9: "account:a9", 10: "contractor:c10"}
	for i := 2; i <= 8; i++ {
		nodes[i] = fmt.Sprintf("email:e%d@x.y", i)
	}
	for id, k := range nodes {
		if _, err := db.Exec(`INSERT INTO nodes(id, kind, key, label, attrs) VALUES (?, ?, ?, ?, '{"k":1}')`,
			id, strings.Split(k, ":")[0], k, k); err != nil {
			t.Fatal(err)
		}
	}
	edges := [][3]any{{EdgePayoutTo, 1, 9}, {EdgeUses, 10, 2}}
	for i := 2; i <= 8; i++ {
		edges = append(edges, [3]any{EdgeUses, 1, i})
	}
	for i, e := range edges {
		if _, err := db.Exec(`INSERT INTO edges(id, kind, src, dst) VALUES (?, ?, ?, ?)`, i+1, e[0], e[1], e[2]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		id    int64
		limit int
	}{{1, 3}, {1, 20}, {2, 5}, {99, 5}} {
		want, err := st.Links(ctx, c.id, c.limit, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.LinkSample(ctx, c.id, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || !reflect.DeepEqual(got.Totals, want.Totals) || len(got.Links) != len(want.Links) {
			t.Fatalf("node %d limit %d: got %d %v %d links, want %d %v %d", c.id, c.limit,
				got.Total, got.Totals, len(got.Links), want.Total, want.Totals, len(want.Links))
		}
		for i := range got.Links {
			g, w := got.Links[i], want.Links[i]
			if g.Kind != w.Kind || g.Direction != w.Direction || g.Other.Key != w.Other.Key || g.Other.Attrs["k"] != w.Other.Attrs["k"] {
				t.Errorf("node %d link %d: got %+v, want %+v", c.id, i, g, w)
			}
		}
	}
}
