package world

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// This file plans and writes the money trail of planted networks: payout
// accounts swept to consolidation accounts, consolidation accounts emptied
// into wallets — some of them published in the SDN list.

// flowState is the running state of a network's trail while payments stream.
type flowState struct {
	sweeps     int
	hops       []int  // per consolidation account
	walletUsed []bool // per wallet
	consUsed   []bool // per consolidation account
}

// networkFlows sets up consolidation accounts and destination wallets, and
// records the designations they carry.
func (w *world) networkFlows(nw *network, lk links) {
	r := w.r
	crypto := nw.accounts[0].crypto
	for _, j := range lk.companies {
		dc := designatedCompanies[j]
		ca := w.newCons(r, crypto, pick(r, dc.spellings))
		nw.designated = append(nw.designated, Designation{List: "ofac", Entry: dc.who.entry, Name: dc.who.name,
			Via: fmt.Sprintf("beneficiary %q of consolidation account %s", ca.beneficiary, ca.account)})
		nw.cons = append(nw.cons, ca)
	}
	if len(nw.cons) == 0 {
		nw.cons = append(nw.cons, w.newCons(r, crypto, pick(r, plainConsolidators)))
	}
	for _, j := range lk.wallets {
		dw := designatedWallets[j]
		nw.wallets = append(nw.wallets, dw.addr)
		nw.designated = append(nw.designated, Designation{List: "ofac", Entry: dw.who.entry, Name: dw.who.name, Via: "wallet " + dw.addr})
	}
	if len(nw.wallets) == 0 {
		var s string
		for s == "" || !w.claim("wallet:"+s) {
			s = pick(r, []func(*rand.Rand) string{newTron, newETH, newBTC})(r)
		}
		nw.wallets = append(nw.wallets, s)
	}
	nw.flow = flowState{hops: make([]int, len(nw.cons)), walletUsed: make([]bool, len(nw.wallets)), consUsed: make([]bool, len(nw.cons))}
}

// newCons creates a consolidation account: a Chinese bank card, a Hong Kong
// account or a UAE IBAN for bank money; a wallet for crypto payouts.
func (w *world) newCons(r *rand.Rand, crypto bool, beneficiary string) *consAccount {
	ca := &consAccount{beneficiary: beneficiary, crypto: crypto}
	for ca.account == "" || !w.claim("account:"+ca.account) {
		switch {
		case crypto && chance(r, 0.5):
			ca.account = newTron(r)
		case crypto:
			ca.account = newETH(r)
		default:
			switch r.IntN(3) {
			case 0:
				c := newCard(r)
				ca.account = c[:4] + " " + c[4:8] + " " + c[8:12] + " " + c[12:16] + " " + c[16:]
			case 1:
				ca.account = "004-" + digits(r, 6) + "-" + digits(r, 3)
			default:
				ca.account = groupIBAN(newIBAN(r, "AE"))
			}
		}
	}
	return ca
}

// sweepDue and hopDue are the networks' fixed rhythm: payout accounts are
// emptied every other month, consolidation accounts every third.
func sweepDue(nw *network, m int) bool { return m > nw.start && (m-nw.start)%2 == 1 }
func hopDue(nw *network, m int) bool   { return m > nw.start+1 && (m-nw.start)%3 == 2 }

// plantedTransfers counts the planted transfer rows of month m.
func (w *world) plantedTransfers(m int) int {
	n := 0
	for _, nw := range w.networks {
		if sweepDue(nw, m) {
			n += len(nw.accounts)
		}
		if hopDue(nw, m) {
			n += len(nw.cons)
		}
	}
	return n
}

// take moves a plausible amount out of a balance: most of it when there is
// money, otherwise a round sum from money the ledger does not show.
func take(r *rand.Rand, balance *int64, lo, hi int) int64 {
	if *balance >= 50000 {
		amt := *balance * int64(lo+r.IntN(hi-lo+1)) / 100
		*balance -= amt
		return amt
	}
	*balance = 0
	return int64(1000+r.IntN(4000)) * 100
}

var sweepRefs = []string{"Consulting services", "IT outsourcing fee", "Software development services", "Loan repayment", "Invoice", "Service fee"}

// appendPlanted adds month m's sweeps and hops to rows.
func (w *world) appendPlanted(r *rand.Rand, m int, rows []prow) []prow {
	first, _ := monthStart(m)
	ym := w.dates[first][:7]
	for _, nw := range w.networks {
		if sweepDue(nw, m) {
			for ai, a := range nw.accounts {
				ci := (nw.flow.sweeps + ai) % len(nw.cons) // rotate, so every account feeds every consolidation account
				ca := nw.cons[ci]
				nw.flow.consUsed[ci] = true
				amt := take(r, &a.balance, 85, 95)
				ca.balance += amt
				from := pick(r, a.variants)
				a.group.add(from, -1)
				row := prow{day: int32(first + 2 + r.IntN(8)), transfer: true, contractor: -1, payerAcct: from, payee: ca.account,
					benef: ca.beneficiary, cents: amt, currency: "USD", rail: "SWIFT", ref: pick(r, sweepRefs) + " " + ym}
				if chance(r, 0.6) {
					row.payer = a.holder
				}
				if a.crypto {
					row.currency, row.rail = "USDT", a.rail
				}
				rows = append(rows, row)
			}
			nw.flow.sweeps++
		}
		if hopDue(nw, m) {
			for ci, ca := range nw.cons {
				wi := (nw.flow.hops[ci] + ci) % len(nw.wallets)
				nw.flow.hops[ci]++
				nw.flow.walletUsed[wi] = true
				to := nw.wallets[wi]
				row := prow{day: int32(first + 12 + r.IntN(10)), transfer: true, contractor: -1, payerAcct: ca.account, payee: to,
					cents: take(r, &ca.balance, 90, 100), ref: pick(r, []string{"OTC settlement", "exchange deposit", "top-up"})}
				switch to[0] {
				case '0':
					row.currency, row.rail = "USDT", "ETH"
					if chance(r, 0.5) {
						row.payee = eip55(to)
					}
				case 'T':
					row.currency, row.rail = "USDT", "USDT-TRC20"
				default:
					row.currency, row.rail = "USD", "BTC"
				}
				if chance(r, 0.3) {
					row.ref = "USDT purchase"
					if row.rail == "BTC" {
						row.ref = "BTC purchase"
					}
				}
				if chance(r, 0.5) {
					row.payer = ca.beneficiary
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// networkTruth renders what the world knows about nw once payments are written.
func (w *world) networkTruth(nw *network) Network {
	t := Network{ID: nw.id, Name: nw.name, Facilitator: nw.facilitator, Shared: []Shared{}, Designated: []Designation{}}
	for _, m := range nw.members {
		t.Members = append(t.Members, w.people[m].id)
	}
	for _, g := range nw.groups {
		if len(g.members) < 2 {
			continue
		}
		s := Shared{Kind: g.kind, Values: g.values}
		ms := slices.Sorted(slices.Values(g.members))
		for _, m := range ms {
			s.Members = append(s.Members, w.people[m].id)
		}
		t.Shared = append(t.Shared, s)
	}
	for i, ca := range nw.cons {
		if nw.flow.consUsed[i] {
			t.ConsolidationAccounts = append(t.ConsolidationAccounts, ca.account)
			t.ConsolidationBeneficiaries = append(t.ConsolidationBeneficiaries, ca.beneficiary)
		}
	}
	for i, wa := range nw.wallets {
		if nw.flow.walletUsed[i] {
			t.Wallets = append(t.Wallets, wa)
		}
	}
	for _, d := range nw.designated {
		if addr, ok := strings.CutPrefix(d.Via, "wallet "); ok && !slices.Contains(t.Wallets, addr) {
			continue
		}
		if i := strings.LastIndex(d.Via, "consolidation account "); i >= 0 && !slices.Contains(t.ConsolidationAccounts, d.Via[i+len("consolidation account "):]) {
			continue
		}
		t.Designated = append(t.Designated, d)
	}
	return t
}
