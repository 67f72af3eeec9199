package export

import (
	"fmt"
	"io"
	"testing"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
)

// syntheticSubgraph builds a subgraph with edges edges: contractors using
// emails and IPs shared in small groups and paid into accounts, a fifth of the
// edges money flows with attributes, labels in mixed scripts.
func syntheticSubgraph(edges int) *graphs.Subgraph {
	sg := graphs.New("synthetic")
	contractors := edges / 5
	src := []store.Assertion{{Path: "contractors.csv", Line: 2, Field: "email"}}
	for i := range contractors {
		c := sg.AddNode(&graphs.Node{Key: fmt.Sprintf("contractor:FL-%07d", i), Kind: store.KindContractor,
			Label: fmt.Sprintf("Kim %d 김상만 <dev>", i), Sources: src, Degree: 5, Betweenness: float64(i) / 7, Component: 1})
		ids := []*graphs.Node{
			{Key: fmt.Sprintf("email:dev%d@example.com", i), Kind: store.KindEmail, Label: fmt.Sprintf("dev%d@example.com", i)},
			{Key: fmt.Sprintf("email:shared%d@example.com", i/3), Kind: store.KindEmail, Label: fmt.Sprintf("shared%d@example.com", i/3)},
			{Key: fmt.Sprintf("ip:10.%d.%d.%d", i/65536, i/256%256, i%256), Kind: store.KindIP, Label: "10.0.0.1"},
			{Key: fmt.Sprintf("handle:@dev%d", i), Kind: store.KindHandle, Label: fmt.Sprintf("@dev%d", i)},
			{Key: fmt.Sprintf("account:raw:%012d", i/2), Kind: store.KindAccount, Label: fmt.Sprintf("%012d", i/2)},
		}
		for j, n := range ids {
			n = sg.AddNode(n)
			e := &graphs.Edge{Kind: store.EdgeUses, Src: c.Key, Dst: n.Key, Sources: src}
			if j == 4 {
				e.Kind = store.EdgePayoutTo
				e.Attrs = map[string]any{"count": 3.0, "totals": map[string]any{"USD": 125000.0}, "first": "2025-01-31", "last": "2025-03-14"}
			}
			sg.AddEdge(e)
		}
	}
	return sg
}

// BenchmarkGraphML100kEdges exports a 100,000-edge subgraph as GraphML; the
// target is under two seconds an export.
func BenchmarkGraphML100kEdges(b *testing.B) {
	sg := syntheticSubgraph(100_000)
	if len(sg.Edges) != 100_000 {
		b.Fatalf("%d edges", len(sg.Edges))
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteGraphML(io.Discard, sg); err != nil {
			b.Fatal(err)
		}
	}
}
