package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestTraversalQueriesUseTheEdgeIndexes pins the plans of the per-level
// traversal queries: each must search an index of edges, never scan the table
// (a scan of a million edges per BFS level is seconds, the search a millisecond).
func TestTraversalQueriesUseTheEdgeIndexes(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{qOutEdges, qInEdges, qOutDeg, qInDeg} {
		sql := fmt.Sprintf(q, placeholders(3))
		rows, err := st.DB().QueryContext(ctx, `EXPLAIN QUERY PLAN `+sql, 1, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		if !strings.Contains(text, "SEARCH edges USING") || strings.Contains(text, "SCAN edges") {
			t.Errorf("%s\nplan: %s", sql, text)
		}
	}
}

func TestIncidentDegreesAndEdgesAmong(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.DB()
	for i, k := range []string{"contractor:a", "email:x", "contractor:b", "phone:y"} {
		if _, err := db.Exec(`INSERT INTO nodes(id, kind, key, label) VALUES (?, ?, ?, ?)`, i+1, strings.Split(k, ":")[0], k, k); err != nil {
			t.Fatal(err)
		}
	}
	// a -uses-> x <-uses- b -uses-> y
	for i, e := range [][2]int{{1, 2}, {3, 2}, {3, 4}} {
		if _, err := db.Exec(`INSERT INTO edges(id, kind, src, dst) VALUES (?, 'uses', ?, ?)`, i+1, e[0], e[1]); err != nil {
			t.Fatal(err)
		}
	}
	inc, err := st.Incident(ctx, []int64{2, 3})
	if err != nil || len(inc) != 3 {
		t.Fatalf("incident to x and b: %+v %v (want all 3 edges once)", inc, err)
	}
	deg, err := st.Degrees(ctx, []int64{1, 2, 3, 4})
	if err != nil || deg[1] != 1 || deg[2] != 2 || deg[3] != 2 || deg[4] != 1 {
		t.Fatalf("degrees %v %v", deg, err)
	}
	among, err := st.EdgesAmong(ctx, []int64{1, 2, 4})
	if err != nil || len(among) != 1 || among[0].Src != 1 || among[0].Dst != 2 {
		t.Fatalf("edges among a, x, y: %+v %v", among, err)
	}
	counts, err := st.EdgeKindCounts(ctx, 3)
	if err != nil || counts["uses"] != 2 {
		t.Fatalf("kind counts of b: %v %v", counts, err)
	}
}
