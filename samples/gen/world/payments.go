package world

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// PaymentHeader is the exact header of payments.csv.
var PaymentHeader = []string{"payment_id", "date", "type", "contractor_id", "payer", "payer_account", "payee_account", "beneficiary_name", "amount", "currency", "rail", "reference"}

// prow is one payments.csv row before it is numbered and formatted. Rows are
// built a month at a time, sorted by day, written and forgotten, so memory
// stays flat however long the ledger is.
type prow struct {
	day        int32
	transfer   bool
	contractor int32 // index into people, -1 for transfers
	payer      string
	payerAcct  string
	payee      string
	benef      string
	cents      int64
	currency   string
	rail       string
	ref        string
	euroStyle  bool // write the amount as 1.250,00
}

// writePayments streams payments.csv: exactly Config.Payments rows. Payouts
// are spread over active contractor-months by selection sampling (Knuth's
// Algorithm S), which hits the exact count without holding the ledger.
func (w *world) writePayments(out io.Writer) error {
	r := rand.New(rand.NewPCG(w.cfg.Seed, streamPayments))
	total := w.cfg.Payments
	active := make([]int, months)
	items := 0
	for i := range w.people {
		c := &w.people[i]
		for m := c.first; m <= c.last; m++ {
			active[m]++
		}
		items += c.last - c.first + 1
	}
	planted := 0
	for m := range months {
		planted += w.plantedTransfers(m)
	}
	if planted > total {
		return fmt.Errorf("payments: %d rows is too few, the planted networks alone need %d transfers", total, planted)
	}
	innocentTransfers := min(total*3/100, total-planted)
	payouts := total - planted - innocentTransfers
	base, need, left := payouts/items, payouts%items, items
	perMonth := make([]int, months) // innocent transfers, in proportion to activity
	cum := 0
	for m := range months {
		prev := innocentTransfers * cum / items
		cum += active[m]
		perMonth[m] = innocentTransfers*cum/items - prev
	}

	cw := csv.NewWriter(out)
	if err := cw.Write(PaymentHeader); err != nil {
		return err
	}
	rec := make([]string, len(PaymentHeader))
	var rows, sorted []prow
	id := 0
	for m := range months {
		rows = rows[:0]
		rows = w.appendPlanted(r, m, rows) // before this month's payouts reach the balances
		for i := range w.people {
			c := &w.people[i]
			if m < c.first || m > c.last {
				continue
			}
			n := base
			if need > 0 && r.IntN(left) < need {
				n++
				need--
			}
			left--
			for k := range n {
				rows = append(rows, w.payoutRow(r, i, m, k, n))
			}
		}
		for range perMonth[m] {
			rows = append(rows, w.innocentTransfer(r, m))
		}
		first, days := monthStart(m)
		sorted = sortByDay(rows, sorted, first, days)
		for k := range sorted {
			id++
			w.formatRow(rec, id, &sorted[k])
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if id != total {
		return fmt.Errorf("payments: wrote %d rows, planned %d", id, total)
	}
	return nil
}

// sortByDay orders one month's rows by day, keeping generation order within
// a day (a stable counting sort: rows of a month span at most 31 days).
func sortByDay(rows, out []prow, first, days int) []prow {
	var start [32]int
	for k := range rows {
		start[int(rows[k].day)-first+1]++
	}
	for d := 1; d <= days; d++ {
		start[d] += start[d-1]
	}
	out = slices.Grow(out[:0], len(rows))[:len(rows)]
	for k := range rows {
		d := int(rows[k].day) - first
		out[start[d]] = rows[k]
		start[d]++
	}
	return out
}

// payoutRow is the k-th of n payouts to contractor i in month m.
func (w *world) payoutRow(r *rand.Rand, i, m, k, n int) prow {
	c := &w.people[i]
	first, days := monthStart(m)
	d := min(max(c.payDay+r.IntN(5)-2+k*days/n, 0), days-1)
	cl := &w.clients[c.clients[0]]
	if len(c.clients) > 1 && chance(r, 0.3) {
		cl = &w.clients[pick(r, c.clients[1:])]
	}
	row := prow{day: int32(first + d), contractor: int32(i), payer: cl.name, currency: c.pay.currency, rail: c.pay.rail,
		ref: invoiceRef(r, 2023+m/12)}
	if chance(r, 0.12) {
		row.payerAcct = cl.account
	}
	cents := c.rate * int64(80+r.IntN(41)) / 100
	switch k := r.IntN(10); {
	case k < 5:
		cents -= cents % 100
	case k < 8:
		cents -= cents % 5000
	}
	switch row.currency {
	case "EUR":
		cents = cents * 92 / 100
		row.euroStyle = chance(r, 0.35)
	case "GBP":
		cents = cents * 79 / 100
	}
	row.cents = max(cents, 5000)

	switch {
	case c.acct != nil: // planted: the shared account, and often someone else's name
		a := c.acct
		row.payee = pick(r, a.variants)
		if chance(r, 0.6) && slices.Contains(a.variants, c.pay.account) {
			row.payee = c.pay.account
		}
		a.group.add(row.payee, -1)
		a.balance += row.cents
		nw := w.networks[c.net]
		switch k := r.IntN(4); {
		case k < 2:
			row.benef = c.name
		case k < 3:
			row.benef = nw.facilitator
		default:
			row.benef = w.people[pick(r, nw.members)].name
		}
	case c.local != "": // paid through the processor's pooled account
		row.payee = w.hubs.pooledAccount
		row.benef = c.name
		if chance(r, 0.6) {
			row.benef = w.hubs.processor
		}
		row.ref = "FBO " + c.id + " " + row.ref
	default:
		row.payee = ledgerSpelling(r, c)
		switch k := r.IntN(20); {
		case k < 17:
			row.benef = c.name
		case k < 19:
			row.benef = strings.ToUpper(c.name)
		default:
			row.benef = asciiFold(c.name)
		}
	}
	return row
}

// ledgerSpelling is how a payment system writes an innocent contractor's
// payout account: mostly as in the profile, sometimes re-spaced or re-cased,
// and always the correct account even when the profile has a typo.
func ledgerSpelling(r *rand.Rand, c *contractor) string {
	p := &c.pay
	iban := p.method == "IBAN" || p.method == "Wise" && strings.HasPrefix(p.canon, "BE")
	if iban && (c.typo || chance(r, 0.15)) {
		switch r.IntN(3) {
		case 0:
			return p.canon
		case 1:
			return strings.ToLower(p.canon)
		}
		return groupIBAN(p.canon)
	}
	if p.method == "ACH" && chance(r, 0.15) {
		routing, acct, _ := strings.Cut(p.canon, " ")
		return achVariants(routing, acct)[r.IntN(3)]
	}
	return p.account
}

// innocentTransfer is an ordinary transfer in month m: the processor paying
// a contractor out to a home bank, or a client funding its payroll account.
func (w *world) innocentTransfer(r *rand.Rand, m int) prow {
	first, days := monthStart(m)
	row := prow{day: int32(first + r.IntN(days)), transfer: true, contractor: -1}
	if h := &w.hubs; len(h.pooled) > 0 && chance(r, 0.5) {
		c := &w.people[pick(r, h.pooled)]
		row.payer, row.payerAcct, row.payee, row.benef = h.processor, h.pooledAccount, c.local, c.name
		row.cents = int64(300+r.IntN(4700)) * 100
		row.currency, row.rail, row.ref = "USD", "SWIFT", "Payoneer withdrawal "+c.id
		return row
	}
	cl := &w.clients[r.IntN(len(w.clients))]
	row.payer, row.payerAcct, row.payee, row.benef = cl.name, cl.account, cl.payroll, cl.name
	row.cents = int64(20000+r.IntN(230000)) * 100
	row.currency, row.ref = cl.currency, "Payroll funding "+w.dates[first][:7]
	switch cl.currency {
	case "USD":
		row.rail = "ACH"
	case "EUR":
		row.rail, row.euroStyle = "SEPA", chance(r, 0.35)
	default:
		row.rail = "SWIFT"
	}
	return row
}

// formatRow fills rec with row number id.
func (w *world) formatRow(rec []string, id int, p *prow) {
	rec[0] = paymentID(id)
	rec[1] = w.dates[p.day]
	if p.transfer {
		rec[2], rec[3] = "transfer", ""
	} else {
		rec[2], rec[3] = "payout", w.people[p.contractor].id
	}
	rec[4], rec[5], rec[6], rec[7] = p.payer, p.payerAcct, p.payee, p.benef
	rec[8] = formatAmount(p.cents, p.euroStyle)
	rec[9], rec[10], rec[11] = p.currency, p.rail, p.ref
}

// invoiceRef writes a reference like INV-2025-0312.
func invoiceRef(r *rand.Rand, year int) string {
	n := r.IntN(10000)
	b := []byte("INV-0000-0000")
	for i, v := range [...]int{year, n} {
		for k := 3; k >= 0; k-- {
			b[4+5*i+k] = byte('0' + v%10)
			v /= 10
		}
	}
	return string(b)
}

// paymentID writes P-0000001 (seven digits, more when the ledger is longer).
func paymentID(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	return "P-" + s
}

// formatAmount writes cents as 1,250.00, or 1.250,00 in European style; there
// are always two decimals so neither form is ambiguous.
func formatAmount(cents int64, euro bool) string {
	thousands, decimal := byte(','), byte('.')
	if euro {
		thousands, decimal = '.', ','
	}
	whole := strconv.FormatInt(cents/100, 10)
	b := make([]byte, 0, len(whole)+len(whole)/3+3)
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, thousands)
		}
		b = append(b, whole[i])
	}
	f := cents % 100
	return string(append(b, decimal, byte('0'+f/10), byte('0'+f%10)))
}
