// Package lists reads published sanctions designation lists — OFAC (legacy CSV, XML),
// the UN Security Council consolidated list, OpenSanctions FollowTheMoney — exactly as
// published, quirks and all, into one model of entries that the importer turns into
// graph nodes.
package lists

// Entry is one designated party as a list publishes it.
type Entry struct {
	List     string // "ofac-sdn", "ofac-cons", "un", "os", ...
	ID       string // the list's own id: "24977", "KPe.001", "NK-..."
	Type     string // person | organization | vessel | aircraft
	Name     string // primary name as written ("KIM, Sang Man", "YANBIAN SILVERSTAR ...")
	Aliases  []Alias
	Programs []string // "DPRK3", "CYBER2", ... / UN list type "DPRK"
	ListedOn string   // ISO date when the file states one
	Title    string
	Remarks  string // full remarks (OFAC: sdn.csv + sdn_comments.csv overflow)

	DOBs          []string // as written ("25 Apr 1965", "circa 1970"), ISO when exact
	POBs          []string
	Nationalities []string
	Citizenships  []string
	Gender        string

	Addresses []Address
	Documents []Document // passports, national IDs, tax IDs, USCC, registration numbers
	Wallets   []Wallet
	Emails    []string
	Phones    []string
	Websites  []string
	Relations []Relation
	Vessel    *Vessel

	Source Position // where the entry's main record is
}

// Alias is another name of an entry.
type Alias struct {
	Name    string
	Type    string // aka | fka | nka
	Quality string // strong | weak (OFAC weak a.k.a.'s live in remarks) | good | low (UN)
	Source  Position
}

// Address is a postal address as the list writes it.
type Address struct {
	Street, City, Region, Postal, Country string
	Remarks                               string
	Source                                Position
}

// Document is an identity or registration document.
type Document struct {
	Type    string // "Passport", "National ID No.", "Tax ID No.", "USCC", ...
	Number  string
	Country string
	Issued  string
	Expires string
	Note    string
}

// Wallet is a digital currency address with the ticker the list gives.
type Wallet struct {
	Ticker  string // "XBT", "ETH", "USDT", ...
	Address string
}

// Relation links an entry to another party.
type Relation struct {
	Kind     string // linked_to | owned_or_controlled_by | ...
	Name     string // as written
	TargetID string // the related entry's ID when it is in the same list, else ""
}

// Vessel holds what OFAC publishes about ships (and aircraft).
type Vessel struct {
	CallSign, Type, Tonnage, GRT, Flag, Owner, IMO string
}

// Position is a place in a source file, for provenance.
type Position struct {
	File string
	Line int
}
