package graphs

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/dominikbraun/graph"
)

// exactBetweenness is the largest subgraph whose betweenness is computed
// exactly (Brandes: one breadth-first search per node); above it, from
// betweennessPivots sampled sources, scaled up.
const (
	exactBetweenness  = 3000
	betweennessPivots = 256
)

// Measure fills every node's Degree (edges of the subgraph touching it),
// Component (connected components numbered from 1, largest first) and
// Betweenness (undirected, unweighted shortest paths, Brandes). The graph is
// built once on dominikbraun/graph and its adjacency map taken once.
func Measure(g *Subgraph) error {
	dg := graph.New(graph.StringHash)
	for _, n := range g.Nodes {
		if err := dg.AddVertex(n.Key); err != nil && !errors.Is(err, graph.ErrVertexAlreadyExists) {
			return fmt.Errorf("measure: %w", err)
		}
	}
	degree := map[string]int{}
	for _, e := range g.Edges {
		degree[e.Src]++
		degree[e.Dst]++
		if e.Src == e.Dst {
			continue
		}
		if err := dg.AddEdge(e.Src, e.Dst); err != nil && !errors.Is(err, graph.ErrEdgeAlreadyExists) {
			return fmt.Errorf("measure: %w", err)
		}
	}
	adjMap, err := dg.AdjacencyMap()
	if err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	// Index the adjacency once: Brandes visits it many times.
	keys := make([]string, len(g.Nodes))
	index := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		keys[i], index[n.Key] = n.Key, i
	}
	adj := make([][]int, len(keys))
	for i, k := range keys {
		for nb := range adjMap[k] {
			adj[i] = append(adj[i], index[nb])
		}
		slices.Sort(adj[i])
	}
	comp := components(adj)
	bc := betweenness(adj)
	if len(keys) > exactBetweenness {
		g.Notes = append(g.Notes, fmt.Sprintf("betweenness estimated from %d sampled nodes (%d nodes in all)", betweennessPivots, len(keys)))
	}
	for i, n := range g.Nodes {
		n.Degree, n.Component, n.Betweenness = degree[n.Key], comp[i], bc[i]
	}
	return nil
}

// components numbers connected components from 1, largest first (ties by
// lowest node index), so numbering is stable.
func components(adj [][]int) []int {
	raw := make([]int, len(adj))
	var sizes []int
	var firsts []int
	for start := range adj {
		if raw[start] != 0 {
			continue
		}
		c := len(sizes) + 1
		raw[start] = c
		queue := []int{start}
		size := 0
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			size++
			for _, w := range adj[v] {
				if raw[w] == 0 {
					raw[w] = c
					queue = append(queue, w)
				}
			}
		}
		sizes, firsts = append(sizes, size), append(firsts, start)
	}
	order := make([]int, len(sizes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if sizes[a] != sizes[b] {
			return sizes[b] - sizes[a]
		}
		return firsts[a] - firsts[b]
	})
	rank := make([]int, len(sizes))
	for r, c := range order {
		rank[c] = r + 1
	}
	out := make([]int, len(adj))
	for v, c := range raw {
		out[v] = rank[c-1]
	}
	return out
}

// betweenness is Brandes' algorithm on an undirected, unweighted graph; each
// pair counted once. Large graphs use sampled sources (deterministic seed).
func betweenness(adj [][]int) []float64 {
	n := len(adj)
	bc := make([]float64, n)
	sources := make([]int, n)
	for i := range sources {
		sources[i] = i
	}
	scale := 0.5 // undirected: every pair is found from both ends
	if n > exactBetweenness {
		r := rand.New(rand.NewPCG(1, 2))
		r.Shuffle(n, func(i, j int) { sources[i], sources[j] = sources[j], sources[i] })
		sources = sources[:betweennessPivots]
		scale *= float64(n) / float64(betweennessPivots)
	}
	sigma := make([]float64, n)
	dist := make([]int, n)
	delta := make([]float64, n)
	preds := make([][]int, n)
	var stack, queue []int
	for _, s := range sources {
		for i := range n {
			sigma[i], dist[i], delta[i] = 0, -1, 0
			preds[i] = preds[i][:0]
		}
		sigma[s], dist[s] = 1, 0
		stack, queue = stack[:0], append(queue[:0], s)
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			stack = append(stack, v)
			for _, w := range adj[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					preds[w] = append(preds[w], v)
				}
			}
		}
		for i := len(stack) - 1; i >= 0; i-- {
			w := stack[i]
			for _, v := range preds[w] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				bc[w] += delta[w]
			}
		}
	}
	for i := range bc {
		bc[i] *= scale
	}
	return bc
}
