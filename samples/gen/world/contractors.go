package world

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// contractor is one profile row plus how and when the contractor is paid.
type contractor struct {
	id, name             string
	country              *country
	email, phone         string
	street, city, postal string
	pay                  payout
	github, linkedin     string
	ip, device, photo    string
	joined               int   // day since epoch
	first, last          int   // months of the first and last payout
	payDay               int   // usual day of the month invoices are paid
	rate                 int64 // usual monthly payout in cents
	clients              []int32
	net                  int    // index of the planted network, -1 if innocent
	local                string // pooled-hub members: the home account the processor pays out to
	korean               bool
	typo                 bool        // the profile's IBAN is mistyped; ledgers have it right
	acct                 *netAccount // planted: the network account behind pay
}

// ContractorHeader is the exact header of contractors.csv.
var ContractorHeader = []string{"contractor_id", "full_name", "email", "phone", "street", "city", "postal_code", "country", "payout_method", "payout_account", "github", "linkedin", "last_login_ip", "device_id", "photo_hash", "joined"}

// nearMisses are innocent people whose ordinary names resemble designated
// individuals: the false positives a name screen has to live with.
var nearMisses = []struct {
	given, family, written, country, resembles, entry string
	korean                                            bool
}{
	{"Sang-min", "Kim", "Kim Sang-min", "KR", "KIM, Sang Man", "43377", true},
	{"Kyung-hoon", "Cho", "Cho Kyung-hoon", "KR", "JO, Kyong Hun", "54800", true},
	{"Eun-sun", "Kim", "Eun-sun Kim", "US", "KIM, Ung Sun", "55064", true},
	{"Vitaliy", "Andreev", "Vitaliy Andreev", "UA", "ANDREYEV, Vitaliy Sergeyevich", "55065", false},
}

// assignRoles decides who is planted, who sits in which hub, and builds
// every contractor.
func (w *world) assignRoles() {
	n := len(w.people)
	for i := range w.people {
		w.people[i].id = fmt.Sprintf("FL-%06d", i+1)
		w.people[i].net = -1
	}
	perm := w.r.Perm(n)
	next := 0
	take := func(k int) []int {
		s := slices.Clone(perm[next : next+k])
		next += k
		slices.Sort(s)
		return s
	}
	for i, size := range w.networkSizes() {
		nw := &network{index: i, members: take(size)}
		for _, m := range nw.members {
			w.people[m].net = i
		}
		w.networks = append(w.networks, nw)
	}
	h := &w.hubs
	h.cowork = take(min(40, n/8))
	h.vpn = take(min(100, n/4))
	h.agency = take(min(15, max(3, n/20)))
	near := take(len(nearMisses))
	innocent := slices.Clone(perm[w.plantedCount():]) // hub members included: hubs overlap
	w.r.Shuffle(len(innocent), func(i, j int) { innocent[i], innocent[j] = innocent[j], innocent[i] })
	h.big = slices.Sorted(slices.Values(innocent[:min(800, max(10, n/3))]))
	w.r.Shuffle(len(innocent), func(i, j int) { innocent[i], innocent[j] = innocent[j], innocent[i] })
	h.pooled = slices.Sorted(slices.Values(innocent[:min(5000, max(3, n/12))]))
	w.newHubs()

	countryOf := make([]*country, n)
	for _, i := range h.cowork {
		countryOf[i] = h.coworkCountry
	}
	for _, i := range h.agency {
		countryOf[i] = h.agencyCountry
	}
	for k, i := range near {
		countryOf[i] = w.byCode[nearMisses[k].country]
	}
	isBig := membership(n, h.big)
	isPooled := membership(n, h.pooled)
	for i := range w.people {
		c := &w.people[i]
		if c.net >= 0 {
			continue
		}
		if countryOf[i] == nil {
			countryOf[i] = w.randomCountry()
		}
		w.newInnocent(c, countryOf[i], isPooled[i])
		if isBig[i] {
			c.clients[0] = int32(h.bigClient)
		}
	}
	for k, i := range near {
		nm, c := nearMisses[k], &w.people[i]
		c.name, c.korean = nm.written, nm.korean
		old := strings.SplitN(c.email, ";", 2)[0]
		p := person{given: nm.given, family: nm.family}
		c.email = w.newEmail(w.r, p, c.country)
		if c.pay.canon == foldEmail(old) {
			c.pay.account, c.pay.canon = c.email, foldEmail(c.email)
		}
		if c.github != "" {
			c.github = writeGitHub(w.r, w.newHandle(w.r, p))
		}
		c.linkedin = ""
		w.truth.NearMisses = append(w.truth.NearMisses, NearMiss{Contractor: c.id, Written: c.name, Resembles: nm.resembles, Entry: nm.entry})
	}
	w.applyHubs()
	for i, lk := range linkPlan(len(w.networks)) {
		w.buildNetwork(w.networks[i], lk)
	}
	w.plantInvalidIBANs()
	for i := range w.people {
		if c := &w.people[i]; c.net < 0 && c.korean {
			w.truth.InnocentKoreanNames = append(w.truth.InnocentKoreanNames, c.id)
		}
	}
}

func membership(n int, idx []int) []bool {
	b := make([]bool, n)
	for _, i := range idx {
		b[i] = true
	}
	return b
}

func (w *world) plantedCount() int {
	t := 0
	for _, nw := range w.networks {
		t += len(nw.members)
	}
	return t
}

func (w *world) randomCountry() *country {
	total := 0
	for i := range w.countries {
		total += w.countries[i].weight
	}
	k := w.r.IntN(total)
	for i := range w.countries {
		if k -= w.countries[i].weight; k < 0 {
			return &w.countries[i]
		}
	}
	return &w.countries[0]
}

// koreanShare is the share of residents of a country with Korean names.
func koreanShare(cc string) float64 {
	switch cc {
	case "KR":
		return 1
	case "US", "CA":
		return 0.12
	case "JP", "CN":
		return 0.05
	}
	return 0.01
}

// newInnocent fills c as an ordinary contractor living in co.
func (w *world) newInnocent(c *contractor, co *country, pooled bool) {
	r := w.r
	c.country = co
	var p person
	if chance(r, koreanShare(co.code)) {
		p.korean = newKoreanName(r, co.code != "KR")
		c.korean = true
	} else {
		p = newPerson(r, co)
	}
	c.name = p.write(r, co.code)
	c.email = w.newEmail(r, p, co)
	if chance(r, 0.04) {
		c.email += pick(r, []string{";", "; "}) + w.newEmail(r, p, co)
	}
	c.phone = w.newPhone(r, co)
	if chance(r, 0.03) {
		c.phone += ";" + w.newPhone(r, co)
	}
	c.street, c.city, c.postal = newAddress(r, co)
	c.pay = w.newPayout(r, co, strings.SplitN(c.email, ";", 2)[0])
	if pooled {
		c.pay = payout{method: "Payoneer", currency: "USD", rail: "Payoneer"}
		c.local = w.homeAccount(r, co)
	}
	if chance(r, 0.6) {
		c.github = writeGitHub(r, w.newHandle(r, p))
	}
	if chance(r, 0.55) {
		slug := w.newHandle(r, p)
		if chance(r, 0.6) {
			slug += "-" + newHash(r)[:8]
		}
		c.linkedin = writeLinkedIn(r, slug)
	}
	c.ip = w.newIPs(r)
	c.device = newDevice(r)
	if chance(r, 0.9) {
		c.photo = newHash(r)
	}
	c.joined = r.IntN(lastJoinDay() + 1)
	w.schedule(r, c, -1)
}

// lastJoinDay is 2026-09-30: everyone who joins is paid at least once.
func lastJoinDay() int {
	first, _ := monthStart(months - 1)
	return first - 1
}

// schedule sets when and how much c is paid. end < 0 lets the engagement
// end at random; planted workers stay until the end of the ledger.
func (w *world) schedule(r *rand.Rand, c *contractor, end int) {
	c.first = monthOf(c.joined) + 1
	if end < 0 {
		end = months - 1
		if chance(r, 0.8) {
			end = min(end, c.first+2+r.IntN(28))
		}
	}
	c.last = max(c.first, end)
	c.payDay = 1 + r.IntN(28)
	lo, hi := 800, 4500
	switch c.country.code {
	case "US", "GB", "DE", "CA", "NL", "FR":
		lo, hi = 4000, 12000
	case "JP", "KR":
		lo, hi = 3000, 9000
	case "PL", "RO", "UA", "TR", "ES":
		lo, hi = 2500, 7000
	}
	c.rate = int64(lo+r.IntN(hi-lo)) * 100
	nc := 1
	if k := r.IntN(100); k >= 55 {
		nc = 2 + k/85
	}
	c.clients = make([]int32, nc)
	for i := range c.clients {
		u := r.Float64()
		c.clients[i] = int32(float64(len(w.clients)) * u * u)
	}
}

// homeAccount is the local bank account a processor pays a contractor out to.
func (w *world) homeAccount(r *rand.Rand, co *country) string {
	if usesIBAN(co.code) {
		return groupIBAN(w.newUniqueIBAN(r, co.code))
	}
	if co.code == "US" {
		return newABA(r) + " " + digits(r, 10)
	}
	return strings.TrimSpace(homeBanks[co.code] + " " + digits(r, 12))
}

// plantInvalidIBANs writes a few innocents' IBANs with a typo in their
// profile (their payments still use the right one), as real exports have.
func (w *world) plantInvalidIBANs() {
	want := max(1, len(w.people)/2000)
	for _, i := range w.r.Perm(len(w.people)) {
		c := &w.people[i]
		if want == 0 {
			return
		}
		if c.net >= 0 || c.pay.method != "IBAN" {
			continue
		}
		want--
		c.typo = true
		c.pay.account = typoIBAN(w.r, c.pay.canon)
		w.truth.Invalid = append(w.truth.Invalid, Invalid{Contractor: c.id, Kind: "iban", Value: c.pay.account, Correct: c.pay.canon, Why: "typo in the profile: two digits transposed"})
	}
}

// homeBanks prefix local account numbers where the country has no IBAN.
var homeBanks = map[string]string{"IN": "HDFC0001234", "PH": "BDO", "VN": "VCB", "NG": "GTB", "KE": "KCB", "CN": "ICBC", "JP": "MUFG", "KR": "KB", "CA": "TD", "AR": "CBU"}

// writeContractors streams contractors.csv.
func (w *world) writeContractors(out io.Writer) error {
	cw := csv.NewWriter(out)
	if err := cw.Write(ContractorHeader); err != nil {
		return err
	}
	rec := make([]string, len(ContractorHeader))
	for i := range w.people {
		c := &w.people[i]
		rec[0], rec[1], rec[2], rec[3] = c.id, c.name, c.email, c.phone
		rec[4], rec[5], rec[6], rec[7] = c.street, c.city, c.postal, c.country.code
		rec[8], rec[9], rec[10], rec[11] = c.pay.method, c.pay.account, c.github, c.linkedin
		rec[12], rec[13], rec[14], rec[15] = c.ip, c.device, c.photo, w.dates[c.joined]
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
