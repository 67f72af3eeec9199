package risk

// clustering is the contractors joined, transitively, by strong identifiers that at
// most hubCap of them share.
type clustering struct {
	parent  []int32 // union-find over node indices; only contractors are ever joined
	binding []int32 // strong identifiers that joined two or more contractors
	hubs    []int32 // strong identifiers shared by more than hubCap contractors
}

// cluster unions the contractors around every strong identifier they share. An
// identifier more than hubCap contractors share is an office, a payment processor's
// collection account or a family phone plan writ large: a hub, not a farm, so it
// joins no one (and is reported as such).
func (m *model) cluster(hubCap int) *clustering {
	g := m.g
	c := &clustering{parent: make([]int32, g.Len())}
	for i := range c.parent {
		c.parent[i] = int32(i)
	}
	for v := int32(0); v < int32(g.Len()); v++ {
		if !m.strong[g.Kind[v]] || m.listNode(v) || m.cc[v] < 2 {
			continue
		}
		if int(m.cc[v]) > hubCap {
			c.hubs = append(c.hubs, v)
			continue
		}
		c.binding = append(c.binding, v)
		first := int32(-1)
		for _, u := range m.contractorsOf(v) {
			if first < 0 {
				first = u
			} else {
				c.union(first, u)
			}
		}
	}
	return c
}

// contractorsOf lists the distinct contractors linked to node v, in adjacency order.
func (m *model) contractorsOf(v int32) []int32 {
	var out []int32
	for _, h := range m.g.Neighbors(v) {
		u := h.To
		if !m.isContractor(u) || int(m.g.EdgeKind[h.Edge()]) == m.match {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == u
		}
		if !dup {
			out = append(out, u)
		}
	}
	return out
}

func (c *clustering) find(i int32) int32 {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]] // path halving
		i = c.parent[i]
	}
	return i
}

// union joins two sets under the smaller root index, so the structure does not
// depend on the order identifiers are visited in beyond that.
func (c *clustering) union(a, b int32) {
	ra, rb := c.find(a), c.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	c.parent[rb] = ra
}
