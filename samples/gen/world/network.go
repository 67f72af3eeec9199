package world

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// network is one planted DPRK IT-worker network: profiles run from a US
// facilitator's laptop farm, paid into shared accounts that are swept to
// consolidation accounts and on to wallets.
type network struct {
	index       int
	members     []int
	id, name    string
	facilitator string
	start       int // month of the first payout
	accounts    []*netAccount
	cons        []*consAccount
	wallets     []string
	groups      []*group
	designated  []Designation
	flow        flowState
}

// netAccount is a payout account network members are paid into.
type netAccount struct {
	method, canon  string
	variants       []string
	currency, rail string
	crypto         bool
	holder         string // the name transfers out of it carry
	group          *group
	balance        int64
}

// consAccount is where a network's payout accounts are swept to.
type consAccount struct {
	account, beneficiary string
	crypto               bool
	balance              int64
}

// group is one shared identifier: every spelling and every member holding it.
type group struct {
	kind    string
	values  []string
	members []int
}

func (g *group) add(value string, member int) {
	if !slices.Contains(g.values, value) {
		g.values = append(g.values, value)
	}
	if member >= 0 && !slices.Contains(g.members, member) {
		g.members = append(g.members, member)
	}
}

func (nw *network) newGroup(kind string) *group {
	g := &group{kind: kind}
	nw.groups = append(nw.groups, g)
	return g
}

// networkSizes decides how many networks there are and how big: 4–6 in a
// small world, and enough for ~2.5% of contractors in a large one.
func (w *world) networkSizes() []int {
	n := len(w.people)
	target := n * 25 / 1000
	count := max(4, int(math.Round(float64(target)/9.5)))
	if count == 4 && n >= 600 {
		count += w.r.IntN(3)
	}
	hi := min(15, max(5, 2*target/count-4))
	sizes := make([]int, count)
	for i := range sizes {
		sizes[i] = 4 + w.r.IntN(hi-3)
	}
	return sizes
}

// claimedCountries are where planted profiles say they live.
var claimedCountries = []string{"JP", "KR", "CA", "UA", "PL", "US"}

// voipAreas are area codes common among app-issued (VoIP) US numbers.
var voipAreas = []string{"347", "929", "646", "213", "415", "702", "786", "917", "818", "312", "469"}

// buildNetwork creates the members of nw with all their tradecraft.
func (w *world) buildNetwork(nw *network, lk links) {
	r := w.r
	nw.id = fmt.Sprintf("N%d", nw.index+1)
	us := w.byCode["US"]
	fac := newPerson(r, us)
	nw.facilitator = fac.given + " " + fac.family
	farm := newFarm(r, us)
	nw.name = farm.city + " laptop farm"

	size := len(nw.members)
	order := slices.Clone(nw.members)
	r.Shuffle(size, func(i, j int) { order[i], order[j] = order[j], order[i] })
	farmUser := membership(len(w.people), order[:max(2, size/2)])
	startDay, _ := monthStart(4)
	endDay, _ := monthStart(34)
	startDay += r.IntN(endDay - startDay)
	for _, m := range nw.members {
		c := &w.people[m]
		c.country = us
		if !farmUser[m] {
			c.country = w.byCode[pick(r, claimedCountries)]
		}
		c.joined = min(startDay+r.IntN(120), lastJoinDay())
	}

	// Names: stolen or rented identities, one of them perhaps a designated
	// person's name in another romanisation, one perhaps used twice.
	people := make([]person, size)
	nameOf := map[int]int{} // member → position in nw.members
	for k, m := range nw.members {
		nameOf[m] = k
		c := &w.people[m]
		people[k] = stolenIdentity(r, c.country)
		c.name = people[k].write(r, c.country.code)
	}
	if lk.person >= 0 {
		dp := designatedPeople[lk.person]
		designated := order[size-1] // never a farm resident: they claim KR or US
		c := &w.people[designated]
		c.country = w.byCode[pick(r, []string{"KR", "US"})]
		c.name = pick(r, dp.spellings)
		people[nameOf[designated]] = person{given: dp.given, family: dp.family}
		nw.designated = append(nw.designated, Designation{List: "ofac", Entry: dp.who.entry, Name: dp.who.name, Via: fmt.Sprintf("member %s named %q", c.id, c.name)})
		w.truth.NameVariants = append(w.truth.NameVariants, NameVariant{Contractor: c.id, Written: c.name, Designated: dp.who.name, Entry: dp.who.entry})
	}
	if size >= 6 && chance(r, 0.5) {
		// One stolen identity behind two profiles, written two ways.
		a, b := order[0], order[1]
		pa := people[nameOf[a]]
		people[nameOf[b]] = pa
		for try := 0; try < 12 && (try == 0 || w.people[b].name == w.people[a].name); try++ {
			if pa.korean != nil {
				w.people[b].name = pa.korean.write(r, try%10)
			} else {
				w.people[b].name = pick(r, []string{strings.ToUpper(pa.given + " " + pa.family), pa.family + ", " + pa.given, pa.given + " " + pa.family})
			}
		}
		g := nw.newGroup("name")
		g.add(w.people[a].name, a)
		g.add(w.people[b].name, b)
	}

	w.networkAccounts(nw)
	w.networkContacts(nw, people, nameOf, farmUser, farm)
	for _, m := range nw.members {
		c := &w.people[m]
		w.schedule(r, c, months-1)
		c.rate = int64(5000+r.IntN(4500)) * 100
	}
	nw.start = months
	for _, m := range nw.members {
		nw.start = min(nw.start, w.people[m].first)
	}
	w.networkFlows(nw, lk)
	if len(nw.designated) == 0 {
		nw.name += " (no designated link)"
	}
}

// stolenIdentity draws the name a planted profile uses in its claimed country.
func stolenIdentity(r *rand.Rand, co *country) person {
	switch co.code {
	case "KR":
		return person{korean: newKoreanName(r, false)}
	case "US", "CA":
		if chance(r, 0.45) {
			return person{korean: newKoreanName(r, true)}
		}
	}
	return newPerson(r, co)
}

// farm is a facilitator's house, written several ways across profiles.
type farm struct {
	city, postal string
	variants     []string
}

func newFarm(r *rand.Rand, us *country) farm {
	ct := pick(r, us.cities)
	n := num(r, 100, 9899)
	name := pick(r, us.streets)
	t := pick(r, [][2]string{{"St", "Street"}, {"Ave", "Avenue"}, {"Dr", "Drive"}, {"Ln", "Lane"}, {"Rd", "Road"}, {"Ct", "Court"}})
	unit := num(r, 1, 12) + pick(r, []string{"A", "B", "C", "D"})
	f := farm{city: ct.name, postal: fillTemplate(r, ct.postal)}
	f.variants = []string{
		n + " " + name + " " + t[0] + " Apt " + unit,
		strings.ToUpper(n + " " + name + " " + t[1] + ", Apt. " + unit),
		n + " " + name + " " + t[1] + " #" + unit,
		n + " " + name + " " + t[0] + ". Apt " + unit,
		n + " " + name + " " + t[1] + ", Apartment " + unit,
		strings.ToLower(n + " " + name + " " + t[0] + " apt " + unit),
	}
	return f
}
