package risk

import "math"

// The weights. A path's score is the product of what every step carries: 1 means the
// step is as good as being the same party, 0 that it proves nothing. Passing through an
// intermediate node multiplies by its kind's base times its hub factor; crossing an
// edge multiplies by the edge's weight; a delisted target halves the lot.
//
// nodeBase says how strongly sharing a node of this kind ties the parties on either
// side of it together — how rarely two unrelated people share one.
var nodeBase = map[string]float64{
	"wallet":   1.0,  // a wallet is controlled by whoever has its key: one owner
	"account":  1.0,  // a bank or payout account has one beneficiary; sharing one is pooling money
	"document": 1.0,  // a passport or national id number belongs to one person
	"device":   0.95, // a device id is one machine: the laptop-farm signature, though machines get resold
	"photo":    0.95, // the same profile photo hash: one face reused, or one stock image
	"email":    0.95, // a mailbox is one login, rarely shared by unrelated people
	"phone":    0.9,  // one number, but numbers are recycled and family phones are shared
	"handle":   0.7,  // a GitHub or LinkedIn handle: easy to copy or claim, and often mistyped
	"address":  0.6,  // flats, offices and registered-agent addresses hold many honest people
	"url":      0.5,  // a website is easy to point at; portfolios and agencies are shared
	"domain":   0.5,  // a mail domain joins everyone at one company or provider
	"ip":       0.4,  // NAT, coworking spaces, VPN exits and mobile carriers share addresses
	"client":   0.3,  // being paid by the same client says little: clients pay many contractors
	// Another profile: passing through it means its own identifiers lead on; its link
	// to the rest is weighed by the edges and nodes on either side.
	"contractor": 1.0,
	// List entries joined by a listed relation ("linked to", ownership) are one
	// designated network: the list itself asserts the link.
	"person":       1.0,
	"organization": 1.0,
	"vessel":       1.0,
	"aircraft":     1.0,
	// Never traverse a list name: names join entries listed under the same name, which
	// is a coincidence of spelling, not a link. Name similarity is name_match's job.
	"name": 0,
}

// unknownNodeBase weighs node kinds the table does not know (a newer importer's):
// worth following, but not on the same footing as a shared account.
const unknownNodeBase = 0.5

// edgeWeight says how much an edge of this kind carries. name_match is weighed by
// its own score instead (see matchWeight).
var edgeWeight = map[string]float64{
	"uses":       1,   // the record names the identifier: it is the party's own
	"located_at": 1,   // the same, for an address
	"linked_to":  1,   // the list itself states the relation
	"payout_to":  0.9, // money edges: a payment proves the money moved, not who controls
	"paid":       0.9, // both ends — pass-through accounts and payment processors blur it
	"transfer":   0.9,
	"holds":      0.9,
	"alias_of":   0, // names: never traversed (see nodeBase["name"])
}

// commonPayerBase weighs a node the path passes through because it pays (or
// transfers to) both its neighbours on the path: two payees of one payer are
// linked only by being paid by it — the payroll pattern of every client. It counts
// like a client, whatever the payer's kind: a client's bank account is the client.
// (Money passing along — received, then sent on — keeps the node's own weight; and
// many accounts paying into one is the consolidation pattern of a farm.)
const commonPayerBase = 0.3

// unknownEdgeWeight weighs edge kinds the table does not know.
const unknownEdgeWeight = 0.5

// nameMatch is the edge the screening step writes from a subject (contractor,
// client, payee account) to the designated entry its name matches.
const nameMatch = "name_match"

// possibleFactor halves a "possible" name match: a name alone, with nothing
// (date of birth, nationality, shared identifier) corroborating it.
const possibleFactor = 0.5

// delistedFactor halves a path to an entry a later list version removed: the link
// was real, the designation no longer is.
const delistedFactor = 0.5

// hubFree is how many parties may share a node before it counts as a hub: the
// planted farms share identifiers among 2–5 profiles, families and flatmates among
// a few; coworking IPs, VPN exits, agency offices and big clients among dozens.
const hubFree = 4

// hub is the factor for a node touched by n distinct contractors (or, for money
// nodes no contractor names, counterparties): 1 up to hubFree, then sqrt(hubFree/n). A coworking IP of
// 37 profiles gives 0.33 (×0.4 for an IP: 0.13), a VPN exit of 75 gives 0.23 (0.09),
// while a device two profiles share keeps 0.95 — so a hub alone never lifts a
// profile above a real shared identifier, yet a path through a hub still counts a
// little when nothing better exists.
func hub(n int) float64 {
	if n <= hubFree {
		return 1
	}
	return math.Sqrt(float64(hubFree) / float64(n))
}

// moneyNodes that no contractor names are counted as hubs by their distinct
// counterparties in money flows: a client paying a hundred accounts is a hub.
var moneyNodes = map[string]bool{"client": true, "account": true, "wallet": true}

// moneyEdges are the ledger's edges.
var moneyEdges = map[string]bool{"payout_to": true, "paid": true, "transfer": true, "holds": true}

// strongKinds are the identifiers that bind contractors into a cluster: each is
// normally one person's (or one operation's). IPs, handles, URLs and domains are
// too easily shared to join profiles on their own.
var strongKinds = []string{"account", "wallet", "device", "photo", "phone", "address", "email", "document"}

// Defaults for Options.
const (
	DefaultMaxHops  = 6
	DefaultHubCap   = 12
	DefaultMinScore = 0.01
)
