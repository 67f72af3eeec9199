package export

import (
	"strconv"
	"strings"

	"github.com/casegraph/casegraph/graphs"
)

// field is one column of the flat formats (GraphML, GEXF, CSV): its name and
// its type as GraphML spells it.
type field struct{ name, typ string }

const (
	tString = "string"
	tBool   = "boolean"
	tInt    = "int"
	tDouble = "double"
)

// nodeFields and edgeFields are what every flat format carries, in this order.
// "programs" and "sources" hold several values joined by "; "; "attrs" is JSON.
var (
	nodeFields = []field{
		{"key", tString}, {"kind", tString}, {"label", tString}, {"designated", tBool},
		{"list", tString}, {"programs", tString}, {"sources", tString}, {"hidden", tString},
		{"degree", tInt}, {"betweenness", tDouble}, {"component", tInt}, {"attrs", tString},
	}
	edgeFields = []field{
		{"kind", tString}, {"src", tString}, {"dst", tString}, {"attrs", tString}, {"sources", tString},
	}
)

// flatNode is a node's values as text, made visible, in nodeFields order.
type flatNode struct {
	key, kind, label string
	designated       bool
	list             string
	programs         []string
	sources          []string
	hidden           string
	degree           int
	betweenness      float64
	component        int
	attrs            string
}

func flattenNode(n *graphs.Node) (flatNode, error) {
	attrs, err := attrsJSON(n.Attrs)
	if err != nil {
		return flatNode{}, err
	}
	programs := make([]string, len(n.Programs))
	for i, p := range n.Programs {
		programs[i] = visible(p)
	}
	return flatNode{
		key: visible(n.Key), kind: visible(n.Kind), label: visible(n.Label),
		designated: n.Designated, list: visible(n.List), programs: programs,
		sources: sourceList(n.Sources), hidden: hiddenSummary(n.Hidden),
		degree: n.Degree, betweenness: finite(n.Betweenness), component: n.Component,
		attrs: attrs,
	}, nil
}

// value is the text of field i (in nodeFields order).
func (f *flatNode) value(i int) string {
	switch nodeFields[i].name {
	case "key":
		return f.key
	case "kind":
		return f.kind
	case "label":
		return f.label
	case "designated":
		return strconv.FormatBool(f.designated)
	case "list":
		return f.list
	case "programs":
		return strings.Join(f.programs, "; ")
	case "sources":
		return strings.Join(f.sources, "; ")
	case "hidden":
		return f.hidden
	case "degree":
		return strconv.Itoa(f.degree)
	case "betweenness":
		return formatFloat(f.betweenness)
	case "component":
		return strconv.Itoa(f.component)
	case "attrs":
		return f.attrs
	}
	return ""
}

// flatEdge is an edge's values as text, made visible.
type flatEdge struct {
	kind, src, dst, attrs string
	sources               []string
}

func flattenEdge(e *graphs.Edge) (flatEdge, error) {
	attrs, err := attrsJSON(e.Attrs)
	if err != nil {
		return flatEdge{}, err
	}
	return flatEdge{kind: visible(e.Kind), src: visible(e.Src), dst: visible(e.Dst), attrs: attrs, sources: sourceList(e.Sources)}, nil
}

// value is the text of field i (in edgeFields order).
func (f *flatEdge) value(i int) string {
	switch edgeFields[i].name {
	case "kind":
		return f.kind
	case "src":
		return f.src
	case "dst":
		return f.dst
	case "attrs":
		return f.attrs
	case "sources":
		return strings.Join(f.sources, "; ")
	}
	return ""
}
