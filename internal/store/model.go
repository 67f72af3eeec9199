package store

// Node kinds. Identifier kinds match the normalize package's; list entries
// (person, organization, vessel, aircraft) arrive with the designation lists.
const (
	KindContractor = "contractor"
	KindClient     = "client"
	KindEmail      = "email"
	KindPhone      = "phone"
	KindAddress    = "address"
	KindAccount    = "account"
	KindWallet     = "wallet"
	KindIP         = "ip"
	KindDevice     = "device"
	KindPhoto      = "photo"
	KindHandle     = "handle"
	KindURL        = "url"
	KindDocument   = "document"
	KindDomain     = "domain"
	KindName       = "name" // a name or alias a designation list gives an entry
	// Designated parties, from the lists.
	KindPerson       = "person"
	KindOrganization = "organization"
	KindVessel       = "vessel"
	KindAircraft     = "aircraft"
)

// Edge kinds.
const (
	EdgeUses      = "uses"       // contractor -> email, phone, handle, ip, device, photo, url
	EdgeLocatedAt = "located_at" // contractor -> address
	EdgePayoutTo  = "payout_to"  // contractor -> account or wallet (declared, or seen in a ledger)
	EdgePaid      = "paid"       // payer -> payee account, aggregated from ledger payouts
	EdgeTransfer  = "transfer"   // account -> account, aggregated from ledger transfers
	EdgeHolds     = "holds"      // client or contractor -> an account it pays from
	EdgeAliasOf   = "alias_of"   // list entry -> a name it is listed under (primary or alias)
	EdgeLinkedTo  = "linked_to"  // list entry -> another entry (OFAC "Linked To", ownership)
)

// FlowKinds are edges whose provenance is the ledger rows they aggregate.
var flowKinds = map[string]bool{EdgePaid: true, EdgeTransfer: true, EdgePayoutTo: true}

// Node is a stored node.
type Node struct {
	ID    int64          `json:"-"`
	Kind  string         `json:"kind"`
	Key   string         `json:"key"`
	Label string         `json:"label"`
	Attrs map[string]any `json:"attrs,omitempty"`
}

// Source is an imported file.
type Source struct {
	ID           int64  `json:"id"`
	Path         string `json:"path"`
	SHA256       string `json:"sha256"`
	Size         int64  `json:"size"`
	Kind         string `json:"kind"`
	Format       string `json:"format"`
	RowsRead     int    `json:"rows_read"`
	RowsStored   int    `json:"rows_stored"`
	RowsRejected int    `json:"rows_rejected"`
	RejectsPath  string `json:"rejects_path,omitempty"`
	ImportedAt   string `json:"imported_at"`
}

// Assertion is one source row behind a fact: "path:line", with the column when known.
type Assertion struct {
	Path  string `json:"file"`
	Line  int    `json:"line"`
	Field string `json:"field,omitempty"`
}

// Link is one edge seen from a node: the node at the other end and why it is linked.
type Link struct {
	EdgeID    int64          `json:"-"`
	Kind      string         `json:"kind"`
	Direction string         `json:"direction"` // "out" (this node is the source) or "in"
	Other     Node           `json:"node"`
	Attrs     map[string]any `json:"attrs,omitempty"`
	Sources   []Assertion    `json:"sources"`
	// MoreSources counts assertions beyond those listed.
	MoreSources int `json:"more_sources,omitempty"`
	// Degree is how many edges the other node has: an identifier with a high degree
	// is shared by many (a hub: coworking IP, VPN exit, big client).
	Degree int `json:"degree"`
}
