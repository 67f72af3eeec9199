package export

import (
	"bufio"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/store"
)

// ftmEntity is one FollowTheMoney entity as its JSON-lines form has it.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// add appends values to a property, skipping empty and repeated ones.
func (e *ftmEntity) add(prop string, vals ...string) {
	for _, v := range vals {
		if v != "" && !slices.Contains(e.Properties[prop], v) {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// ftmID derives a stable entity id from casegraph keys: "cg-" and the first 16
// hex digits of the SHA-1 of the parts joined by NUL.
func ftmID(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return "cg-" + hex.EncodeToString(h[:8])
}

// Node kinds that are FtM entities, and the schema each becomes. A kind not
// listed here and not an identifier property (ftmProps) becomes a LegalEntity.
var ftmSchemas = map[string]string{
	store.KindContractor:   "Person",
	store.KindClient:       "LegalEntity", // a company or a person: the ledger does not say
	store.KindPerson:       "Person",
	store.KindOrganization: "Organization",
	store.KindVessel:       "Vessel",
	store.KindAircraft:     "Airplane",
	store.KindAccount:      "BankAccount",
	store.KindWallet:       "CryptoWallet",
	store.KindAddress:      "Address",
	store.KindHandle:       "UserAccount",
	store.KindDocument:     "Identification",
}

// Identifier kinds that FtM models as properties of the legal entity that uses
// them (LegalEntity's email, phone, website; Thing's alias). Identifiers FtM
// has no property for (IP addresses, devices, photo hashes) become a line of
// the user's notes.
var ftmProps = map[string]string{
	store.KindEmail:  "email",
	store.KindPhone:  "phone",
	store.KindURL:    "website",
	store.KindDomain: "website",
	store.KindName:   "alias",
	store.KindIP:     "notes",
	store.KindDevice: "notes",
	store.KindPhoto:  "notes",
}

// legalEntity lists the schemata that have LegalEntity's properties (email,
// phone, website) and can be a payer, beneficiary, owner or holder.
var legalEntity = map[string]bool{"Person": true, "Organization": true, "Company": true, "LegalEntity": true}

// WriteFtM writes sg as FollowTheMoney entities, one JSON object per line
// ({"id", "schema", "properties": {name: [values]}}), for Aleph, yente and
// the followthemoney tools. Ids are stable: ftmID of the casegraph key.
//
// Nodes: contractors and list persons are Person, list organizations
// Organization, clients LegalEntity, vessels Vessel, aircraft Airplane,
// accounts BankAccount (iban when the number is a valid IBAN, else
// accountNumber), wallets CryptoWallet (publicKey, holder), addresses Address
// (and addressEntity/address on whoever is located there), handles
// UserAccount (owner), documents Identification (holder, number, type).
// Emails, phones, websites and list aliases are properties of the entity that
// uses them; IPs, devices and photos a line of its notes. A designated node
// gets topics ["sanction"], its programmes as program, and a Sanction entity
// naming its list as authority. Every entity with a name also gets a notes
// line with its casegraph key, kind, measures, source rows, attributes and
// hidden-neighbour summary.
//
// Edges: paid and transfer become one Payment per currency (payer,
// beneficiary, their bank accounts, amount in major units, currency,
// startDate/endDate, recordId = source rows) when both parties are legal
// entities or accounts held by one in the subgraph — FtM requires both —
// and an UnknownLink with the amounts in its summary otherwise; holds and
// payout_to to a bank account become Ownership, to a wallet the wallet's
// holder plus an UnknownLink; every other edge between two entities is an
// UnknownLink (role = the relation or kind). An identifier whose users are not
// in the subgraph has no entity to attach to and is left out.
func WriteFtM(w io.Writer, sg *graphs.Subgraph) error {
	if _, err := nodeIndex(sg); err != nil {
		return fmt.Errorf("ftm: %w", err)
	}
	ents, err := ftmEntities(sg)
	if err != nil {
		return fmt.Errorf("ftm: %w", err)
	}
	b := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	for _, e := range ents {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("ftm: entity %s: %w", e.ID, err)
		}
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("ftm: %w", err)
	}
	return nil
}
