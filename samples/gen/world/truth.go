package world

// Truth is the ground truth of one generated world: which contractors form
// planted networks and through which identifiers, which shared identifiers
// are innocent hubs, and which names only look suspicious. It is what
// screening precision/recall and clustering tests are scored against.
type Truth struct {
	Seed                uint64        `json:"seed"`
	Contractors         int           `json:"contractors"`
	Payments            int           `json:"payments"`
	Networks            []Network     `json:"networks"`
	Hubs                []Hub         `json:"hubs"`
	NameVariants        []NameVariant `json:"name_variants"`
	NearMisses          []NearMiss    `json:"near_misses"`
	Invalid             []Invalid     `json:"invalid"`
	InnocentKoreanNames []string      `json:"innocent_korean_names"`
}

// Network is one planted DPRK IT-worker network.
type Network struct {
	ID                         string        `json:"id"`
	Name                       string        `json:"name"`
	Facilitator                string        `json:"facilitator"`
	Members                    []string      `json:"members"`
	Shared                     []Shared      `json:"shared"`
	ConsolidationAccounts      []string      `json:"consolidation_accounts"`
	ConsolidationBeneficiaries []string      `json:"consolidation_beneficiaries"`
	Wallets                    []string      `json:"wallets"`
	Designated                 []Designation `json:"designated"`
}

// Shared is one identifier several members hold, with every way it is
// written in contractors.csv and payments.csv.
type Shared struct {
	Kind    string   `json:"kind"` // payout_account, address, phone, email, photo_hash, device_id, ip, name
	Values  []string `json:"values"`
	Members []string `json:"members"`
}

// Designation is a link from a network to an entry of a sanctions list.
type Designation struct {
	List  string `json:"list"`
	Entry string `json:"entry"`
	Name  string `json:"name"`
	Via   string `json:"via"`
}

// Hub is an identifier many unrelated, innocent contractors share.
type Hub struct {
	Kind      string   `json:"kind"` // ip, address, payer, payout_account
	Value     string   `json:"value"`
	Members   int      `json:"members"`
	Why       string   `json:"why"`
	MemberIDs []string `json:"member_ids"`
}

// NameVariant is a planted profile whose name is a variant of a designated person.
type NameVariant struct {
	Contractor string `json:"contractor"`
	Written    string `json:"written"`
	Designated string `json:"designated"`
	Entry      string `json:"entry"`
}

// NearMiss is an innocent contractor whose name resembles a designated one.
type NearMiss struct {
	Contractor string `json:"contractor"`
	Written    string `json:"written"`
	Resembles  string `json:"resembles"`
	Entry      string `json:"entry"`
}

// Invalid is an identifier deliberately written wrong (a typo'd IBAN).
type Invalid struct {
	Contractor string `json:"contractor"`
	Kind       string `json:"kind"`
	Value      string `json:"value"`
	Correct    string `json:"correct"`
	Why        string `json:"why"`
}
