package export

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/ingest"
	"github.com/casegraph/casegraph/internal/store"
)

// ftmBuild maps one subgraph to FtM entities (see WriteFtM).
type ftmBuild struct {
	nodes   map[string]*graphs.Node
	byKey   map[string]*ftmEntity // node entities; identifier nodes have none
	holders map[string][]string   // account or wallet key → ids of legal entities holding it
	links   []*ftmEntity          // relationship entities, in edge order
}

func ftmEntities(sg *graphs.Subgraph) ([]*ftmEntity, error) {
	bd := &ftmBuild{nodes: map[string]*graphs.Node{}, byKey: map[string]*ftmEntity{}, holders: map[string][]string{}}
	for _, n := range sg.Nodes {
		bd.nodes[n.Key] = n
		if _, isProp := ftmProps[n.Kind]; isProp {
			continue
		}
		e, err := ftmNode(n)
		if err != nil {
			return nil, err
		}
		bd.byKey[n.Key] = e
	}
	for _, e := range sg.Edges {
		if e.Kind != store.EdgeHolds && e.Kind != store.EdgePayoutTo {
			continue
		}
		se, de := bd.byKey[e.Src], bd.byKey[e.Dst]
		if se != nil && de != nil && legalEntity[se.Schema] && (de.Schema == "BankAccount" || de.Schema == "CryptoWallet") {
			if !slices.Contains(bd.holders[e.Dst], se.ID) {
				bd.holders[e.Dst] = append(bd.holders[e.Dst], se.ID)
			}
		}
	}
	for _, e := range sg.Edges {
		if err := bd.edge(e); err != nil {
			return nil, err
		}
	}

	var out []*ftmEntity
	dropped := map[string]bool{}
	for _, n := range sg.Nodes {
		e := bd.byKey[n.Key]
		if e == nil {
			continue
		}
		// FtM requires an identification's holder: without one in the
		// subgraph the document is left out, with the links that name it.
		if e.Schema == "Identification" && len(e.Properties["holder"]) == 0 {
			dropped[e.ID] = true
			continue
		}
		out = append(out, e)
		if n.Designated {
			s := &ftmEntity{ID: ftmID("sanction", n.Key), Schema: "Sanction", Properties: map[string][]string{}}
			s.add("entity", e.ID)
			s.add("authority", visible(n.List))
			for _, p := range n.Programs {
				s.add("program", visible(p))
			}
			s.add("recordId", sourceList(n.Sources)...)
			out = append(out, s)
		}
	}
	for _, l := range bd.links {
		if !refersTo(l, dropped) {
			out = append(out, l)
		}
	}
	return out, nil
}

// ftmRefProps are the properties whose values are entity ids.
var ftmRefProps = []string{"addressEntity", "holder", "owner", "asset", "entity", "subject", "object",
	"payer", "beneficiary", "payerAccount", "beneficiaryAccount"}

// refersTo reports whether e names one of ids in a reference property.
func refersTo(e *ftmEntity, ids map[string]bool) bool {
	if len(ids) == 0 {
		return false
	}
	for _, prop := range ftmRefProps {
		for _, v := range e.Properties[prop] {
			if ids[v] {
				return true
			}
		}
	}
	return false
}

// ftmNode makes the entity of a node that is one.
func ftmNode(n *graphs.Node) (*ftmEntity, error) {
	schema := ftmSchemas[n.Kind]
	if schema == "" {
		schema = "LegalEntity"
	}
	e := &ftmEntity{ID: ftmID(n.Key), Schema: schema, Properties: map[string][]string{}}
	label := visible(n.Label)
	note, err := ftmNote(n)
	if err != nil {
		return nil, err
	}
	if schema == "Identification" { // an Interval: no name, no notes
		typ := attrString(n.Attrs, "type")
		number := strings.TrimSpace(strings.TrimPrefix(label, typ))
		if number == "" { // FtM requires one: the key holds the normalised number
			number = visible(strings.TrimPrefix(n.Key, store.KindDocument+":"))
		}
		e.add("number", number)
		e.add("type", typ)
		e.add("country", attrCountry(n.Attrs, "country"))
		e.add("description", note)
		return e, nil
	}
	e.add("name", label)
	e.add("notes", note)
	switch schema {
	case "Person", "Organization", "LegalEntity":
		e.add("country", attrCountry(n.Attrs, "country_code"), attrCountry(n.Attrs, "country"))
		if schema == "Person" {
			e.add("nationality", attrCountry(n.Attrs, "nationality"))
		}
	case "BankAccount":
		if iban, ok := strings.CutPrefix(n.Key, store.KindAccount+":iban:"); ok {
			e.add("iban", visible(iban))
		} else {
			e.add("accountNumber", label)
		}
		e.add("country", attrCountry(n.Attrs, "country"))
	case "CryptoWallet":
		e.add("publicKey", label)
		e.add("currencySymbol", strings.ToUpper(attrString(n.Attrs, "chain")))
	case "Address":
		e.add("full", label)
		e.add("country", attrCountry(n.Attrs, "country"))
	case "UserAccount":
		e.add("username", label)
		e.add("service", attrString(n.Attrs, "platform"))
	}
	if n.Designated {
		e.add("topics", "sanction")
		for _, p := range n.Programs {
			e.add("program", visible(p))
		}
	}
	return e, nil
}

// ftmNote is the line of notes that keeps what FtM has no property for.
func ftmNote(n *graphs.Node) (string, error) {
	attrs, err := attrsJSON(n.Attrs)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("casegraph " + visible(n.Key) + " (" + visible(n.Kind) + ")")
	b.WriteString(", degree " + strconv.Itoa(n.Degree) + ", betweenness " + formatFloat(n.Betweenness) + ", component " + strconv.Itoa(n.Component))
	if n.Designated {
		b.WriteString("; designated on " + visible(n.List))
	}
	if s := sourceText(n.Sources); s != "" {
		b.WriteString("; sources: " + s)
	}
	if attrs != "" {
		b.WriteString("; attrs: " + attrs)
	}
	if h := hiddenSummary(n.Hidden); h != "" {
		b.WriteString("; " + h)
	}
	return b.String(), nil
}

// edge maps one edge: a property of an entity, an entity's reference to
// another, or a relationship entity.
func (bd *ftmBuild) edge(e *graphs.Edge) error {
	se, de := bd.byKey[e.Src], bd.byKey[e.Dst]
	switch {
	case se == nil && de == nil:
		return nil // two identifiers: nothing in FtM to hang it on
	case de == nil:
		bd.identifier(se, bd.nodes[e.Dst])
		return nil
	case se == nil:
		bd.identifier(de, bd.nodes[e.Src])
		return nil
	}
	uses := e.Kind == store.EdgeUses || e.Kind == store.EdgeLocatedAt
	switch {
	case uses && de.Schema == "UserAccount" && legalEntity[se.Schema]:
		de.add("owner", se.ID)
	case uses && de.Schema == "Identification" && legalEntity[se.Schema]:
		de.add("holder", se.ID)
	case uses && de.Schema == "Address" && se.Schema != "Identification":
		se.add("addressEntity", de.ID)
		se.add("address", de.Properties["full"]...)
	case e.Kind == store.EdgePaid || e.Kind == store.EdgeTransfer:
		return bd.payment(e, se, de)
	case (e.Kind == store.EdgeHolds || e.Kind == store.EdgePayoutTo) && legalEntity[se.Schema] && de.Schema == "BankAccount":
		l, err := bd.link(e, "Ownership", "owner", se, "asset", de)
		if err != nil {
			return err
		}
		l.add("role", visible(e.Kind))
	case (e.Kind == store.EdgeHolds || e.Kind == store.EdgePayoutTo) && legalEntity[se.Schema] && de.Schema == "CryptoWallet":
		de.add("holder", se.ID)
		return bd.unknownLink(e, se, de)
	default:
		return bd.unknownLink(e, se, de)
	}
	return nil
}

// identifier records an identifier node on the entity linked to it.
func (bd *ftmBuild) identifier(ent *ftmEntity, n *graphs.Node) {
	if n == nil || ent.Schema == "Identification" {
		return
	}
	prop, label := ftmProps[n.Kind], visible(n.Label)
	// A note names the identifier, with a hub's hidden-neighbour summary,
	// which no property can hold.
	note, hidden := visible(n.Kind)+" "+label, hiddenSummary(n.Hidden)
	if hidden != "" {
		note += ": " + hidden
	}
	switch {
	case prop == "notes" || prop != "alias" && !legalEntity[ent.Schema]:
		ent.add("notes", note)
		return
	case prop == "alias":
		if !slices.Contains(ent.Properties["name"], label) {
			ent.add("alias", label)
		}
	default:
		ent.add(prop, label)
	}
	if hidden != "" {
		ent.add("notes", note)
	}
}

// link adds a relationship entity of schema joining two entities.
func (bd *ftmBuild) link(e *graphs.Edge, schema, from string, se *ftmEntity, to string, de *ftmEntity) (*ftmEntity, error) {
	l := &ftmEntity{ID: ftmID(e.Src, e.Kind, e.Dst), Schema: schema, Properties: map[string][]string{}}
	l.add(from, se.ID)
	l.add(to, de.ID)
	if err := ftmEdgeFacts(l, e); err != nil {
		return nil, err
	}
	bd.links = append(bd.links, l)
	return l, nil
}

func (bd *ftmBuild) unknownLink(e *graphs.Edge, se, de *ftmEntity) error {
	l, err := bd.link(e, "UnknownLink", "subject", se, "object", de)
	if err != nil {
		return err
	}
	role := attrString(e.Attrs, "relation")
	if role == "" {
		role = visible(e.Kind)
	}
	l.add("role", role)
	return nil
}

// ftmEdgeFacts adds what every relationship entity carries: the source rows,
// the flow summary and dates, and the attributes as JSON.
func ftmEdgeFacts(l *ftmEntity, e *graphs.Edge) error {
	attrs, err := attrsJSON(e.Attrs)
	if err != nil {
		return err
	}
	l.add("recordId", sourceList(e.Sources)...)
	l.add("summary", flowSummary(e))
	l.add("startDate", attrString(e.Attrs, "first"))
	l.add("endDate", attrString(e.Attrs, "last"))
	l.add("description", attrs)
	return nil
}

// payment maps a paid or transfer edge to one Payment per currency.
func (bd *ftmBuild) payment(e *graphs.Edge, se, de *ftmEntity) error {
	payers, payees := bd.parties(e.Src, se), bd.parties(e.Dst, de)
	if len(payers) == 0 || len(payees) == 0 {
		return bd.unknownLink(e, se, de)
	}
	base := &ftmEntity{ID: ftmID(e.Src, e.Kind, e.Dst), Schema: "Payment", Properties: map[string][]string{}}
	base.add("payer", payers...)
	base.add("beneficiary", payees...)
	if se.Schema == "BankAccount" {
		base.add("payerAccount", se.ID)
	}
	if de.Schema == "BankAccount" {
		base.add("beneficiaryAccount", de.ID)
	}
	if err := ftmEdgeFacts(base, e); err != nil {
		return err
	}
	totals := flowTotals(e.Attrs)
	if len(totals) == 0 {
		bd.links = append(bd.links, base)
		return nil
	}
	for _, t := range totals {
		p := &ftmEntity{ID: ftmID(e.Src, e.Kind, e.Dst, t.currency), Schema: "Payment", Properties: map[string][]string{}}
		for k, v := range base.Properties {
			p.Properties[k] = slices.Clone(v)
		}
		p.add("amount", t.amount)
		p.add("currency", t.currency)
		bd.links = append(bd.links, p)
	}
	return nil
}

// parties are the legal entities behind one end of a payment: the entity
// itself, or whoever holds the account or wallet.
func (bd *ftmBuild) parties(key string, e *ftmEntity) []string {
	if legalEntity[e.Schema] {
		return []string{e.ID}
	}
	return bd.holders[key]
}

type flowTotal struct{ currency, amount string }

// flowTotals reads a money flow's per-currency totals (minor units, as the
// store aggregates them) as major-unit amounts, by currency code.
func flowTotals(attrs map[string]any) []flowTotal {
	totals, _ := attrs["totals"].(map[string]any)
	var out []flowTotal
	for cur, v := range totals {
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<62 {
			continue
		}
		c := visible(cur)
		out = append(out, flowTotal{c, ingest.FormatAmount(int64(f), c)})
	}
	slices.SortFunc(out, func(a, b flowTotal) int { return strings.Compare(a.currency, b.currency) })
	return out
}

// flowSummary says what a money flow adds up to: "2 payments: EUR 1000.50,
// USD 1250.00"; "" for an edge that is not one.
func flowSummary(e *graphs.Edge) string {
	count, _ := e.Attrs["count"].(float64)
	totals := flowTotals(e.Attrs)
	if count == 0 && len(totals) == 0 {
		return ""
	}
	var b strings.Builder
	if count > 0 {
		b.WriteString(strconv.FormatFloat(count, 'f', -1, 64))
		if count == 1 {
			b.WriteString(" payment")
		} else {
			b.WriteString(" payments")
		}
	}
	for i, t := range totals {
		if i == 0 {
			if b.Len() > 0 {
				b.WriteString(": ")
			}
		} else {
			b.WriteString(", ")
		}
		b.WriteString(t.currency + " " + t.amount)
	}
	return b.String()
}

func attrString(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	return visible(s)
}

// attrCountry reads an ISO 3166 alpha-2 code as FtM writes countries (lower
// case); anything else is not a code and is left out.
func attrCountry(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	if len(s) != 2 || !isASCIIAlnum(rune(s[0])) || !isASCIIAlnum(rune(s[1])) {
		return ""
	}
	return strings.ToLower(s)
}
