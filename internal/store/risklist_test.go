package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// pagedRun stores a run of n contractors (every one its own node) and three
// clusters, the middle one without a designated link.
func pagedRun(t *testing.T, s *Store, n int) []RiskScore {
	t.Helper()
	ctx := context.Background()
	im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/p.csv", SHA256: "paged", Size: 1, Kind: "contractors", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	scores := make([]RiskScore, n)
	for i := range scores {
		key := fmt.Sprintf("contractor:FL-%04d", i)
		id, err := im.Node(ctx, NodeSpec{Kind: KindContractor, Key: key, Label: fmt.Sprintf("Name %d", i)}, Prov{Line: i + 2})
		if err != nil {
			t.Fatal(err)
		}
		scores[i] = RiskScore{NodeID: id, Rank: i + 1, Key: key, Label: fmt.Sprintf("Name %d", i),
			Score: 1 - float64(i)/float64(n), Hops: 2, Path: []PathStep{{Key: key, Kind: KindContractor}}, Reason: "r"}
	}
	if err := im.Finish(ctx, Counts{Read: n, Stored: n}, ""); err != nil {
		t.Fatal(err)
	}
	member := func(i int) ClusterMember {
		return ClusterMember{NodeID: scores[i].NodeID, Key: scores[i].Key, Label: scores[i].Label, Score: scores[i].Score}
	}
	clusters := []Cluster{
		{ID: "cluster:FL-0000", Size: 2, Score: scores[0].Score, Members: []ClusterMember{member(0), member(3)},
			Binding: []ClusterBinding{{Key: "email:a", Kind: KindEmail, Label: "a", Members: []string{scores[0].Key, scores[3].Key}}},
			Link:    &scores[0]},
		{ID: "cluster:FL-0001", Size: 2, Score: 0.999, Members: []ClusterMember{member(1), member(2)},
			Binding: []ClusterBinding{{Key: "phone:1", Kind: KindPhone, Label: "1", Members: []string{scores[1].Key, scores[2].Key}}}},
		{ID: "cluster:FL-0005", Size: 3, Score: scores[5].Score, Members: []ClusterMember{member(5), member(6), member(7)},
			Binding: []ClusterBinding{}, Link: &scores[5]},
	}
	err = s.SaveRisk(ctx, &RiskRun{Contractors: n, Linked: n, Scores: slices.Values(scores), Clusters: clusters})
	if err != nil {
		t.Fatal(err)
	}
	return scores
}

func TestRiskRangeReadsOnePageOfTheRanking(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if n, err := s.RiskCount(ctx); err != nil || n != 0 {
		t.Fatalf("RiskCount before a run = %d, %v", n, err)
	}
	scores := pagedRun(t, s, 250)
	if n, err := s.RiskCount(ctx); err != nil || n != 250 {
		t.Fatalf("RiskCount = %d, %v", n, err)
	}
	for _, tc := range []struct{ from, n, want int }{
		{1, 10, 10}, {101, 50, 50}, {241, 50, 10}, {251, 10, 0}, {0, 3, 3}, {5, 0, 0},
	} {
		got, err := s.RiskRange(ctx, tc.from, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tc.want {
			t.Errorf("RiskRange(%d, %d): %d entries, want %d", tc.from, tc.n, len(got), tc.want)
			continue
		}
		for i, rs := range got {
			want := scores[max(1, tc.from)-1+i]
			if !reflect.DeepEqual(rs, want) {
				t.Errorf("RiskRange(%d, %d)[%d] = %+v, want %+v", tc.from, tc.n, i, rs, want)
			}
		}
	}
}

func TestClusterRangeAndByIDMatchClusters(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	pagedRun(t, s, 20)
	all, err := s.Clusters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := s.ClusterStats(ctx)
	if err != nil || stats != (ClusterStats{Clusters: 3, Contractors: 7, Linked: 2}) {
		t.Errorf("ClusterStats = %+v, %v", stats, err)
	}
	var paged []Cluster
	for off := 0; off < 4; off += 2 {
		page, err := s.ClusterRange(ctx, off, 2)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
	}
	if len(paged) != len(all) {
		t.Fatalf("%d clusters paged, %d in all", len(paged), len(all))
	}
	for i, c := range paged {
		if c.ID != all[i].ID || c.Size != all[i].Size || c.Score != all[i].Score || c.Members != nil || c.Binding != nil {
			t.Errorf("page row %d = %+v, want the summary of %+v", i, c, all[i])
		}
		if !reflect.DeepEqual(c.Link, all[i].Link) {
			t.Errorf("page row %d link = %+v, want %+v", i, c.Link, all[i].Link)
		}
		one, err := s.ClusterByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*one, all[i]) {
			t.Errorf("ClusterByID(%s) = %+v\nwant %+v", c.ID, *one, all[i])
		}
	}
	if none, err := s.ClusterByID(ctx, "cluster:nope"); none != nil || err != nil {
		t.Errorf("ClusterByID of an unknown id = %+v, %v", none, err)
	}
}
