package world

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// This file gives planted members their shared identifiers: the same account,
// mailbox, VoIP number, headshot, laptop and VPS written a little differently
// in every profile, which is how these networks are found in practice.

// shuffled returns a shuffled copy of s.
func shuffled(r *rand.Rand, s []int) []int {
	out := slices.Clone(s)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// networkAccounts gives members their payout accounts: one shared by most,
// then a second shared one or each their own.
func (w *world) networkAccounts(nw *network) {
	r := w.r
	size := len(nw.members)
	users := shuffled(r, nw.members)
	nPrimary := min(size, max(3, size*6/10))
	kind := pick(r, []string{"iban", "iban", "ach", "ach", "eth"})
	primary := w.newNetAccount(r, nw, kind, "", nw.facilitator)
	w.assignAccount(primary, users[:nPrimary])
	typo := -1
	if kind == "iban" && !w.typoPlanted {
		w.typoPlanted = true
		typo = users[nPrimary-1]
		c := &w.people[typo]
		c.pay.account = groupIBAN(typoIBAN(r, primary.canon))
		w.truth.Invalid = append(w.truth.Invalid, Invalid{Contractor: c.id, Kind: "iban", Value: c.pay.account, Correct: groupIBAN(primary.canon), Why: "planted: the network's shared IBAN with two digits transposed"})
	}
	for _, m := range users[:nPrimary] {
		if m != typo {
			primary.group.add(w.people[m].pay.account, m)
		}
	}
	rest := users[nPrimary:]
	if len(rest) >= 2 && chance(r, 0.6) {
		sec := w.newNetAccount(r, nw, pick(r, []string{"iban", "ach", "eth"}), "", w.people[rest[0]].name)
		w.assignAccount(sec, rest)
		for _, m := range rest {
			sec.group.add(w.people[m].pay.account, m)
		}
		return
	}
	for _, m := range rest {
		c := &w.people[m]
		k, cc := "tron", ""
		switch c.country.code {
		case "US":
			k = "ach"
		case "PL", "UA":
			k, cc = "iban", c.country.code
		}
		own := w.newNetAccount(r, nw, k, cc, c.name)
		w.assignAccount(own, []int{m})
		own.group.add(c.pay.account, m)
	}
}

// newNetAccount creates a network payout account of kind in country cc.
func (w *world) newNetAccount(r *rand.Rand, nw *network, kind, cc, holder string) *netAccount {
	a := &netAccount{holder: holder, group: nw.newGroup("payout_account"), currency: "USD"}
	switch kind {
	case "iban":
		if cc == "" {
			cc = pick(r, []string{"LT", "LT", "DE", "PL", "GB", "NL"})
		}
		a.canon = w.newUniqueIBAN(r, cc)
		a.variants = ibanVariants(a.canon)
		a.method, a.rail = "IBAN", "SWIFT"
		switch cc {
		case "LT", "DE", "NL":
			a.currency, a.rail = "EUR", "SEPA"
		case "GB":
			a.currency = "GBP"
		}
	case "ach":
		routing, acct := newABA(r), digits(r, 9+r.IntN(2))
		a.canon = routing + " " + acct
		w.claim("account:" + a.canon)
		a.variants = achVariants(routing, acct)
		a.method, a.rail = "ACH", "ACH"
	case "eth":
		a.canon = newETH(r)
		w.claim("wallet:" + a.canon)
		a.variants = ethVariants(a.canon)
		a.method, a.currency, a.rail, a.crypto = "USDT", "USDT", "ETH", true
	default: // tron
		a.canon = newTron(r)
		w.claim("wallet:" + a.canon)
		a.variants = []string{a.canon, "USDT " + a.canon, "USDT: " + a.canon}
		a.method, a.currency, a.rail, a.crypto = "USDT", "USDT", "USDT-TRC20", true
	}
	nw.accounts = append(nw.accounts, a)
	return a
}

// assignAccount gives each member a different spelling of a, in turn.
func (w *world) assignAccount(a *netAccount, members []int) {
	start := w.r.IntN(len(a.variants))
	for j, m := range members {
		c := &w.people[m]
		c.pay = payout{method: a.method, account: a.variants[(start+j)%len(a.variants)], canon: a.canon, currency: a.currency, rail: a.rail}
		c.acct = a
	}
}

// typoIBAN swaps two adjacent different digits of the BBAN: the kind of
// slip mod-97 exists to catch.
func typoIBAN(r *rand.Rand, compact string) string {
	b := []byte(compact)
	for {
		i := 4 + r.IntN(len(b)-5)
		if b[i] != b[i+1] && b[i] >= '0' && b[i] <= '9' && b[i+1] >= '0' && b[i+1] <= '9' {
			b[i], b[i+1] = b[i+1], b[i]
			if !ibanValid(string(b)) {
				return string(b)
			}
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
}

// networkContacts gives members their mailboxes, phones, addresses, devices,
// headshots and login IPs, sharing each among several of them.
func (w *world) networkContacts(nw *network, people []person, nameOf map[int]int, farmUser []bool, f farm) {
	r := w.r
	size := len(nw.members)

	// One Gmail mailbox, spelled with dots and +tags so each profile looks new.
	g0, f0 := people[0].emailParts()
	var base string
	for base == "" || !w.claim("email:"+base+"@gmail.com") {
		base = pick(r, []string{f0 + g0[:1] + digits(r, 2), g0[:1] + f0 + "dev", "smart" + f0 + digits(r, 1), f0 + g0[:min(2, len(g0))] + "works"})
	}
	mail := nw.newGroup("email")
	for j, m := range shuffled(r, nw.members)[:max(2, size/2)] {
		c := &w.people[m]
		v := gmailVariant(r, base, j)
		for slices.Contains(mail.values, v) {
			v = gmailVariant(r, base, j+1+r.IntN(8))
		}
		mail.add(v, m)
		c.email = v
		if chance(r, 0.4) {
			c.email = w.newEmail(r, people[nameOf[m]], c.country) + ";" + v
		}
	}

	// App-issued US numbers, shared and spelled (347) 555-… or +1 347 ….
	voip := phonePlan{cc: "1", prefixes: voipAreas, length: 10, groups: []int{3, 3, 4}}
	nums := make([]string, 2+size/6)
	phones := make([]*group, len(nums))
	for i := range nums {
		for nums[i] == "" || !w.claim("phone:1"+nums[i]) {
			nums[i] = newNSN(r, voip)
		}
		phones[i] = nw.newGroup("phone")
	}
	for j, m := range shuffled(r, nw.members)[:max(2, size*7/10)] {
		c := &w.people[m]
		nsn := nums[j%len(nums)]
		if c.country.code == "US" || c.country.code == "CA" {
			c.phone = formatPhone(r, "US", voip, nsn)
		} else {
			g := groupDigits(nsn, voip.groups)
			c.phone = pick(r, []string{"+1 " + strings.Join(g, " "), "+1-" + strings.Join(g, "-"), "+1 (" + g[0] + ") " + g[1] + "-" + g[2], "+1" + nsn})
		}
		phones[j%len(nums)].add(c.phone, m)
	}

	addr := nw.newGroup("address")
	farmer := 0
	for _, m := range nw.members {
		c := &w.people[m]
		if c.phone == "" {
			c.phone = w.newPhone(r, c.country)
		}
		if c.email == "" {
			c.email = w.newEmail(r, people[nameOf[m]], c.country)
		}
		if farmUser[m] {
			v := farmer % len(f.variants)
			c.street, c.city, c.postal = f.variants[v], f.city, f.postal
			if v == 1 {
				c.city = strings.ToUpper(f.city)
			}
			farmer++
			addr.add(c.street, m)
		} else {
			c.street, c.city, c.postal = newAddress(r, c.country)
		}
		if chance(r, 0.5) {
			c.github = writeGitHub(r, w.newHandle(r, people[nameOf[m]]))
		}
		if chance(r, 0.25) {
			c.linkedin = writeLinkedIn(r, w.newHandle(r, people[nameOf[m]])+"-"+newHash(r)[:6])
		}
	}
	w.networkMachines(nw, farmUser)
}

// gmailVariant spells mailbox base (letters and digits) as variant k:
// k = 0 is the plain address; others add dots, capitals, +tags, googlemail.
func gmailVariant(r *rand.Rand, base string, k int) string {
	local := base
	if k > 0 {
		for d := 0; d < 1+k%2; d++ {
			p := 1 + r.IntN(len(local)-1)
			if local[p-1] != '.' && local[p] != '.' {
				local = local[:p] + "." + local[p:]
			}
		}
	}
	if k%3 == 2 {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	if k%2 == 1 {
		local += "+" + pick(r, []string{"up", "work", "jobs", "dev", "1", "hire"})
	}
	domain := "gmail.com"
	if k%4 == 3 {
		domain = "googlemail.com"
	}
	return local + "@" + domain
}

// networkMachines gives members login IPs from one VPS range (plus the
// farm's home connection), shared laptops' device ids and the same headshot.
func (w *world) networkMachines(nw *network, farmUser []bool) {
	r := w.r
	size := len(nw.members)
	base := newIPv4(r).As4()
	var ips []string
	for len(ips) < 3 {
		base[3] = byte(2 + r.IntN(252))
		s := fmt.Sprintf("%d.%d.%d.%d", base[0], base[1], base[2], base[3])
		if w.claim("ip:" + s) {
			ips = append(ips, s)
		}
	}
	if chance(r, 0.3) {
		if s := newIPv6(r).String(); w.claim("ip:" + s) {
			ips = append(ips, s)
		}
	}
	home := newIPv4(r).String()
	w.claim("ip:" + home)
	ipGroups := make([]*group, len(ips)+1)
	for i := range ipGroups {
		ipGroups[i] = nw.newGroup("ip")
	}
	first := r.IntN(len(ips))
	for j, m := range nw.members {
		c := &w.people[m]
		k := r.IntN(len(ips))
		if j < 2 {
			k = first // at least two profiles log in from the same host
		}
		cell := []string{ips[k]}
		ipGroups[k].add(ips[k], m)
		if chance(r, 0.3) {
			k2 := (k + 1) % len(ips)
			cell = append(cell, ips[k2])
			ipGroups[k2].add(ips[k2], m)
		}
		if farmUser[m] && chance(r, 0.5) {
			cell = append(cell, home)
			ipGroups[len(ips)].add(home, m)
		}
		c.ip = strings.Join(cell, ";")
	}

	devs := make([]string, 1+size/7)
	devGroups := make([]*group, len(devs))
	for i := range devs {
		devs[i] = newUUID(r)
		devGroups[i] = nw.newGroup("device_id")
	}
	for j, m := range shuffled(r, nw.members) {
		c := &w.people[m]
		if j >= max(2, size/2) {
			c.device = newDevice(r)
			continue
		}
		c.device = devs[j%len(devs)]
		if chance(r, 0.2) {
			c.device = strings.ToUpper(c.device)
		}
		devGroups[j%len(devs)].add(c.device, m)
	}

	photos := make([]string, 1+size/8)
	photoGroups := make([]*group, len(photos))
	for i := range photos {
		photos[i] = newHash(r)
		photoGroups[i] = nw.newGroup("photo_hash")
	}
	for j, m := range shuffled(r, nw.members) {
		c := &w.people[m]
		if j >= max(2, size*6/10) {
			c.photo = newHash(r)
			continue
		}
		c.photo = photos[j%len(photos)]
		switch k := r.IntN(25); {
		case k < 3:
			c.photo = "sha256:" + c.photo
		case k < 5:
			c.photo = strings.ToUpper(c.photo)
		}
		photoGroups[j%len(photos)].add(c.photo, m)
	}
}
