package ingest

import "fmt"

// Schema says what kind of file is being read; it decides which column
// names are recognised and which role a file must have.
type Schema int

// The two kinds of input file.
const (
	Contractors Schema = iota + 1
	Payments
)

// String returns the schema's name as used in messages.
func (s Schema) String() string {
	switch s {
	case Contractors:
		return "contractors"
	case Payments:
		return "payments"
	}
	return fmt.Sprintf("Schema(%d)", int(s))
}

// Role is what a column means to the importer, independent of how the file
// names it.
type Role string

// Contractor roles.
const (
	RoleID            Role = "id"
	RoleName          Role = "name"
	RoleFirstName     Role = "first_name"
	RoleLastName      Role = "last_name"
	RoleEmail         Role = "email"
	RolePhone         Role = "phone"
	RoleStreet        Role = "street"
	RoleCity          Role = "city"
	RoleRegion        Role = "region"
	RolePostal        Role = "postal_code"
	RoleCountry       Role = "country"
	RoleAddress       Role = "address" // a full address on one line
	RolePayoutMethod  Role = "payout_method"
	RolePayoutAccount Role = "payout_account"
	RoleIBAN          Role = "iban"
	RoleWallet        Role = "wallet"
	RoleRouting       Role = "routing_number"
	RoleAccountNumber Role = "account_number"
	RoleGitHub        Role = "github"
	RoleLinkedIn      Role = "linkedin"
	RoleTelegram      Role = "telegram"
	RoleHandle        Role = "handle"
	RoleWebsite       Role = "website"
	RoleIP            Role = "ip"
	RoleDevice        Role = "device"
	RolePhoto         Role = "photo"
	RoleJoined        Role = "joined"
	RoleDOB           Role = "dob"
	RoleNationality   Role = "nationality"
)

// Payment roles.
const (
	RolePaymentID    Role = "payment_id"
	RoleDate         Role = "date"
	RoleType         Role = "type"          // payout | transfer | invoice | refund ...
	RoleContractor   Role = "contractor_id" // the contractor the payment concerns (may be empty)
	RolePayer        Role = "payer"         // payer name or id (client, contractor id, or an account)
	RolePayerType    Role = "payer_type"    // optional: contractor | client | account
	RolePayerAccount Role = "payer_account"
	RolePayeeAccount Role = "payee_account"
	RoleBeneficiary  Role = "beneficiary_name"
	RoleAmount       Role = "amount"
	RoleCurrency     Role = "currency"
	RoleRail         Role = "rail"
	RoleReference    Role = "reference"
)

// Roles that are not about the data itself.
const (
	// RoleIgnore marks a column the mapping file says to skip; its cells
	// never reach a Record.
	RoleIgnore Role = "ignore"
	// RoleExtra marks a column that matches no role; its cells are kept
	// under their own column name (the importer stores them as attributes).
	RoleExtra Role = "extra"
)

var contractorRoles = []Role{
	RoleID, RoleName, RoleFirstName, RoleLastName, RoleEmail, RolePhone, RoleStreet, RoleCity,
	RoleRegion, RolePostal, RoleCountry, RoleAddress, RolePayoutMethod, RolePayoutAccount, RoleIBAN,
	RoleWallet, RoleRouting, RoleAccountNumber, RoleGitHub, RoleLinkedIn, RoleTelegram, RoleHandle,
	RoleWebsite, RoleIP, RoleDevice, RolePhoto, RoleJoined, RoleDOB, RoleNationality,
}

var paymentRoles = []Role{
	RolePaymentID, RoleDate, RoleType, RoleContractor, RolePayer, RolePayerType, RolePayerAccount,
	RolePayeeAccount, RoleBeneficiary, RoleAmount, RoleCurrency, RoleRail, RoleReference,
}

// Roles lists the data roles a schema knows, in a stable order (for help
// text and documentation). RoleIgnore and RoleExtra are not included.
func (s Schema) Roles() []Role {
	switch s {
	case Contractors:
		return append([]Role(nil), contractorRoles...)
	case Payments:
		return append([]Role(nil), paymentRoles...)
	}
	return nil
}

// allows reports whether a mapping may send a column of this schema to role.
func (s Schema) allows(role Role) bool {
	if role == RoleIgnore || role == RoleExtra {
		return true
	}
	var list []Role
	switch s {
	case Contractors:
		list = contractorRoles
	case Payments:
		list = paymentRoles
	}
	for _, r := range list {
		if r == role {
			return true
		}
	}
	return false
}

// required is the role without which a file of this schema is useless, and
// how to describe it in an error.
func (s Schema) required() (Role, string) {
	if s == Payments {
		return RoleAmount, "amount"
	}
	return RoleID, "contractor ID"
}

// knownRole reports whether name is a role of any schema (or ignore/extra);
// mapping files are checked against it before the schema is known.
func knownRole(name string) bool {
	r := Role(name)
	return Contractors.allows(r) || Payments.allows(r)
}

// freeText roles hold prose, not identifiers: a ';' inside them is
// punctuation, not a list separator.
func (r Role) freeText() bool {
	switch r {
	case RoleName, RoleFirstName, RoleLastName, RoleStreet, RoleCity, RoleRegion, RoleAddress,
		RoleBeneficiary, RoleReference, RolePayer, RoleExtra:
		return true
	}
	return false
}
