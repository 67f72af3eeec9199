package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/casegraph/casegraph/internal/ingest"
)

// PaymentSort orders a node's payments.
type PaymentSort int

// The orders of a node's payments. Amounts in different currencies are
// compared as written (in major units: 6,000.00 USD and 6,000 JPY tie) —
// the case has no exchange rates.
const (
	DateDesc PaymentSort = iota
	DateAsc
	AmountDesc
	AmountAsc
)

// String names the order for a column header.
func (o PaymentSort) String() string {
	switch o {
	case DateAsc:
		return "date ↑"
	case AmountDesc:
		return "amount ↓"
	case AmountAsc:
		return "amount ↑"
	}
	return "date ↓"
}

// Party is a node named by a ledger row (payer, payee or contractor); zero
// when the row names none.
type Party struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Payment is one ledger row as a node's payment screen shows it.
type Payment struct {
	ID          int64  `json:"-"`
	ExtID       string `json:"payment_id,omitempty"`
	Date        string `json:"date,omitempty"`
	Type        string `json:"type"`
	Payer       Party  `json:"payer"`
	Payee       Party  `json:"payee"`
	Contractor  Party  `json:"contractor"`
	Beneficiary string `json:"beneficiary,omitempty"`
	AmountMinor int64  `json:"amount_minor"`
	Currency    string `json:"currency"`
	Rail        string `json:"rail,omitempty"`
	Reference   string `json:"reference,omitempty"`
	Source      string `json:"file"`
	Line        int    `json:"line"`
}

// nodeLedgerIDs selects the ids (and a sort key, col, unless "") of the
// ledger rows that name node ?1 as payer, payee or contractor: three index
// searches, merged. UNION drops a row that names the node twice (a
// self-transfer).
func nodeLedgerIDs(col, where string) string {
	if col != "" {
		col = ", " + col
	}
	var b strings.Builder
	for i, role := range []string{"payer_id", "payee_id", "contractor_id"} {
		if i > 0 {
			b.WriteString(" UNION ")
		}
		fmt.Fprintf(&b, "SELECT id%s FROM ledger WHERE %s = ?1%s", col, role, where)
	}
	return b.String()
}

// paymentPageSQL is the page query for an order; key is the sort expression
// (date, or the amount in major units).
func paymentPageSQL(o PaymentSort, key string) string {
	dir := "DESC"
	if o == DateAsc || o == AmountAsc {
		dir = "ASC"
	}
	return `SELECT l.id, coalesce(l.ext_id, ''), coalesce(l.date, ''), l.type,
		coalesce(p.key, ''), coalesce(p.label, ''), coalesce(q.key, ''), coalesce(q.label, ''),
		coalesce(c.key, ''), coalesce(c.label, ''), coalesce(l.beneficiary, ''), l.amount_minor, l.currency,
		coalesce(l.rail, ''), coalesce(l.reference, ''), s.path, l.line
	FROM (` + nodeLedgerIDs(key, "") + ` ORDER BY 2 ` + dir + `, 1 ` + dir + ` LIMIT ?2 OFFSET ?3) k
	CROSS JOIN ledger l ON l.id = k.id
	JOIN sources s ON s.id = l.source_id
	LEFT JOIN nodes p ON p.id = l.payer_id
	LEFT JOIN nodes q ON q.id = l.payee_id
	LEFT JOIN nodes c ON c.id = l.contractor_id
	ORDER BY k.` + sortCol(key) + ` ` + dir + `, k.id ` + dir
}

func sortCol(key string) string {
	if key == "date" {
		return "date"
	}
	return "amt"
}

// PaymentQuery asks for one page of a node's payments.
type PaymentQuery struct {
	Node          int64
	Order         PaymentSort
	Offset, Limit int
	// Currencies are the node's currencies when the caller knows them (from
	// PaymentTotals): an amount order needs them, and reads them otherwise.
	Currencies []string
}

// Payments reads one page of the ledger rows naming a node (as payer, payee
// or contractor). Sorting by date walks the ledger indexes in order; sorting
// by amount reads the node's rows (no index orders amounts) and keeps the
// page.
func (s *Store) Payments(ctx context.Context, q PaymentQuery) ([]Payment, error) {
	key := "date"
	args := []any{q.Node, q.Limit, q.Offset}
	o := q.Order
	if o == AmountDesc || o == AmountAsc {
		curs := q.Currencies
		if curs == nil {
			var err error
			if curs, err = s.currencies(ctx, q.Node); err != nil {
				return nil, err
			}
		}
		expr, extra := majorUnits(curs)
		key, args = expr+" AS amt", append(args, extra...)
	}
	rows, err := s.db.QueryContext(ctx, paymentPageSQL(o, key), args...)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	defer rows.Close()
	out := []Payment{}
	for rows.Next() {
		var p Payment
		if err := rows.Scan(&p.ID, &p.ExtID, &p.Date, &p.Type, &p.Payer.Key, &p.Payer.Label, &p.Payee.Key,
			&p.Payee.Label, &p.Contractor.Key, &p.Contractor.Label, &p.Beneficiary, &p.AmountMinor, &p.Currency,
			&p.Rail, &p.Reference, &p.Source, &p.Line); err != nil {
			return nil, fmt.Errorf("payments: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	return out, nil
}

var currenciesSQL = `SELECT DISTINCT l.currency FROM (` + nodeLedgerIDs("", "") + `) k
	CROSS JOIN ledger l ON l.id = k.id`

// currencies lists the currencies node id is paid in.
func (s *Store) currencies(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, currenciesSQL, id)
	if err != nil {
		return nil, fmt.Errorf("payments: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var cur string
		if err := rows.Scan(&cur); err != nil {
			return nil, fmt.Errorf("payments: %w", err)
		}
		out = append(out, cur)
	}
	return out, rows.Err()
}

// majorUnits is an SQL expression of amount_minor in major units for the
// currencies given (its parameters numbered from ?4).
func majorUnits(currencies []string) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString("CASE currency")
	for _, cur := range currencies {
		if d := ingest.CurrencyDigits(cur); d != 2 {
			fmt.Fprintf(&b, " WHEN ?%d THEN amount_minor * 1.0 / %d", 4+len(args), int64(math.Pow10(d)))
			args = append(args, cur)
		}
	}
	if len(args) == 0 {
		return "amount_minor / 100.0", nil
	}
	b.WriteString(" ELSE amount_minor / 100.0 END")
	return b.String(), args
}

// PaymentCount counts the ledger rows naming node id.
func (s *Store) PaymentCount(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+nodeLedgerIDs("", "")+`)`, id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("payment count: %w", err)
	}
	return n, nil
}

// PaymentsBefore counts the rows that come before month ("YYYY-MM") in date
// order o: where a month starts in the list.
func (s *Store) PaymentsBefore(ctx context.Context, id int64, o PaymentSort, month string) (int, error) {
	where, arg := " AND date >= ?2", nextMonth(month)
	if o == DateAsc || o == AmountAsc {
		// Ascending, rows without a date come first.
		where, arg = " AND (date < ?2 OR date IS NULL)", month
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (`+nodeLedgerIDs("", where)+`)`, id, arg).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("payments before %s: %w", month, err)
	}
	return n, nil
}

// nextMonth is the month after "YYYY-MM" (a string that sorts after every
// date of that month), or month+"~" when month is not a month.
func nextMonth(month string) string {
	var y, m int
	if _, err := fmt.Sscanf(month, "%4d-%2d", &y, &m); err != nil || len(month) != 7 || m < 1 || m > 12 {
		return month + "~"
	}
	if m == 12 {
		y, m = y+1, 0
	}
	return fmt.Sprintf("%04d-%02d", y, m+1)
}

// MoneyTotal is money moved in one currency: In is what reached the node (as
// payee, or the contractor paid), Out what it paid.
type MoneyTotal struct {
	Currency string `json:"currency"`
	Count    int    `json:"count"`
	In       int64  `json:"in_minor"`
	Out      int64  `json:"out_minor"`
	// Overflow says a sum passed the range of int64 and was capped.
	Overflow bool `json:"overflow,omitempty"`
}

// MonthTotal is money moved in one currency in one month ("YYYY-MM").
type MonthTotal struct {
	Month string `json:"month"`
	MoneyTotal
}

// PaymentSummary is what a node's payments add up to.
type PaymentSummary struct {
	Count int `json:"count"`
	// Currencies, most payments first.
	Currencies []MoneyTotal `json:"currencies"`
	// Months, oldest first, then currency; rows without a date have no month
	// and count only in Currencies.
	Months []MonthTotal `json:"months"`
}

// Main is the currency with the most payments ("" when none).
func (p *PaymentSummary) Main() string {
	if len(p.Currencies) == 0 {
		return ""
	}
	return p.Currencies[0].Currency
}

// paymentTotalsSQL sums a node's rows per month and currency. CROSS JOIN
// keeps the ledger read by id after the index searches, whatever the
// statistics say.
var paymentTotalsSQL = `SELECT substr(l.date, 1, 7), l.currency, count(*),
	sum(CASE WHEN l.payer_id = ?1 THEN 0 ELSE l.amount_minor END),
	sum(CASE WHEN l.payer_id = ?1 THEN l.amount_minor ELSE 0 END)
	FROM (` + nodeLedgerIDs("", "") + `) k CROSS JOIN ledger l ON l.id = k.id
	GROUP BY 1, 2 ORDER BY 1, 2`

// PaymentTotals sums the ledger rows naming node id per currency and per
// month, in SQL over the ledger indexes.
func (s *Store) PaymentTotals(ctx context.Context, id int64) (*PaymentSummary, error) {
	rows, err := s.db.QueryContext(ctx, paymentTotalsSQL, id)
	if err != nil {
		return nil, fmt.Errorf("payment totals: %w", err)
	}
	defer rows.Close()
	sum := &PaymentSummary{Currencies: []MoneyTotal{}, Months: []MonthTotal{}}
	byCur := map[string]*MoneyTotal{}
	for rows.Next() {
		var month sql.NullString
		var t MoneyTotal
		if err := rows.Scan(&month, &t.Currency, &t.Count, &t.In, &t.Out); err != nil {
			return nil, fmt.Errorf("payment totals: %w", err)
		}
		sum.Count += t.Count
		c := byCur[t.Currency]
		if c == nil {
			c = &MoneyTotal{Currency: t.Currency}
			byCur[t.Currency] = c
		}
		c.Count += t.Count
		c.In, c.Overflow = addCapped(c.In, t.In, c.Overflow)
		c.Out, c.Overflow = addCapped(c.Out, t.Out, c.Overflow)
		if month.Valid && month.String != "" {
			sum.Months = append(sum.Months, MonthTotal{Month: month.String, MoneyTotal: t})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("payment totals: %w", err)
	}
	for _, c := range byCur {
		sum.Currencies = append(sum.Currencies, *c)
	}
	sort.Slice(sum.Currencies, func(i, j int) bool {
		a, b := sum.Currencies[i], sum.Currencies[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Currency < b.Currency
	})
	return sum, nil
}

// addCapped adds b to a, capping at the range of int64 (and saying so).
func addCapped(a, b int64, over bool) (int64, bool) {
	r := a + b
	switch {
	case a > 0 && b > 0 && r < 0:
		return math.MaxInt64, true
	case a < 0 && b < 0 && r >= 0:
		return math.MinInt64, true
	}
	return r, over
}
