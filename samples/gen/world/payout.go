package world

import (
	"math/rand/v2"
	"strings"
)

// payout is how a contractor is paid: the method and account as written in
// the profile, and the currency and rail their payouts use.
type payout struct {
	method, account string
	canon           string // the account in one canonical spelling, for uniqueness
	currency, rail  string
}

// usesIBAN says which countries' banks take IBANs (contractors' home banks).
func usesIBAN(cc string) bool {
	_, ok := ibanSpecs[cc]
	return ok && cc != "LT" && cc != "AE" && cc != "BE"
}

// newPayout draws a payout method that fits the country and an account for it.
// email is the contractor's own address, reused by most PayPal/Payoneer users.
func (w *world) newPayout(r *rand.Rand, c *country, email string) payout {
	k := r.IntN(100)
	var method string
	switch {
	case c.code == "US":
		method = weighted(k, choice{"ACH", 55}, choice{"PayPal", 15}, choice{"Wise", 10}, choice{"Payoneer", 10}, choice{"USDT", 5}, choice{"BTC", 5})
	case usesIBAN(c.code):
		method = weighted(k, choice{"IBAN", 45}, choice{"Wise", 20}, choice{"PayPal", 10}, choice{"Payoneer", 15}, choice{"USDT", 7}, choice{"BTC", 3})
	case c.code == "AR" || c.code == "NG":
		method = weighted(k, choice{"Payoneer", 30}, choice{"Wise", 15}, choice{"PayPal", 15}, choice{"USDT", 32}, choice{"BTC", 8})
	default:
		method = weighted(k, choice{"Payoneer", 35}, choice{"Wise", 25}, choice{"PayPal", 20}, choice{"USDT", 15}, choice{"BTC", 5})
	}
	p := payout{method: method, currency: "USD"}
	switch method {
	case "IBAN":
		p.canon = w.newUniqueIBAN(r, c.code)
		p.account = writeIBAN(r, p.canon)
		switch {
		case c.eur:
			p.currency, p.rail = "EUR", "SEPA"
		case c.code == "GB" && chance(r, 0.7):
			p.currency, p.rail = "GBP", "SWIFT"
		case (c.code == "PL" || c.code == "RO") && chance(r, 0.4):
			p.currency, p.rail = "EUR", "SEPA"
		default:
			p.rail = "SWIFT"
		}
	case "ACH":
		routing, acct := newABA(r), digits(r, 8+r.IntN(5))
		p.canon = routing + " " + acct
		w.claim("account:" + p.canon)
		p.account = writeACH(r, routing, acct)
		p.rail = "ACH"
	case "Wise":
		p.rail = "Wise"
		if chance(r, 0.4) {
			p.canon = w.newUniqueIBAN(r, "BE") // Wise Europe's own Belgian IBANs
			p.account = writeIBAN(r, p.canon)
		} else {
			p.account, p.canon = email, foldEmail(email)
		}
		switch {
		case c.eur && chance(r, 0.8), chance(r, 0.2):
			p.currency = "EUR"
		case c.code == "GB" && chance(r, 0.8):
			p.currency = "GBP"
		}
	case "PayPal", "Payoneer":
		p.rail = method
		p.account = email
		if chance(r, 0.2) {
			p.account = w.newEmail(r, person{given: "pay", family: strings.SplitN(email, "@", 2)[0]}, c)
		}
		p.canon = foldEmail(p.account)
	case "USDT":
		p.currency = "USDT"
		if chance(r, 0.65) {
			p.canon = newTron(r)
			p.account, p.rail = p.canon, "USDT-TRC20"
		} else {
			p.canon = newETH(r)
			p.account, p.rail = p.canon, "ETH"
		}
		if chance(r, 0.05) {
			p.account = "USDT " + p.account
		}
		w.claim("wallet:" + p.canon)
	case "BTC":
		p.canon = newBTC(r)
		p.account, p.rail = p.canon, "BTC"
		w.claim("wallet:" + p.canon)
	}
	return p
}

// choice is one option of weighted with its weight in percent.
type choice struct {
	v string
	w int
}

// weighted picks one of the choices by k in [0,100).
func weighted(k int, cs ...choice) string {
	for _, c := range cs {
		if k -= c.w; k < 0 {
			return c.v
		}
	}
	return cs[len(cs)-1].v
}

func (w *world) newUniqueIBAN(r *rand.Rand, cc string) string {
	for {
		s := newIBAN(r, cc)
		if w.claim("account:" + s) {
			return s
		}
	}
}

// writeIBAN renders a valid IBAN in one of its everyday spellings.
func writeIBAN(r *rand.Rand, compact string) string {
	switch k := r.IntN(20); {
	case k < 11:
		return groupIBAN(compact)
	case k < 19:
		return compact
	default:
		return "IBAN " + groupIBAN(compact)
	}
}

// ibanVariants are the spellings one IBAN takes across a network's rows.
func ibanVariants(compact string) []string {
	g := groupIBAN(compact)
	return []string{g, compact, strings.ToLower(compact), "IBAN " + g, "IBAN: " + compact, strings.ReplaceAll(g, " ", "-"), strings.ToLower(g)}
}

// writeACH renders a routing/account pair the ways US payout forms hold it.
func writeACH(r *rand.Rand, routing, acct string) string {
	switch r.IntN(10) {
	case 0:
		return "ACH " + routing + " " + acct
	case 1:
		return routing + "/" + acct
	}
	return routing + " " + acct
}

// achVariants are the spellings one ACH pair takes across a network's rows.
func achVariants(routing, acct string) []string {
	dashed := acct[:4] + "-" + acct[4:]
	return []string{routing + " " + acct, "ACH " + routing + " " + acct, routing + "/" + acct, routing + " " + dashed, "routing " + routing + " account " + acct}
}

// ethVariants are the spellings one Ethereum address takes.
func ethVariants(lower string) []string {
	return []string{eip55(lower), lower, "ETH " + lower, "ETH: " + eip55(lower)}
}
