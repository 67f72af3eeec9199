package store

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// paymentFixture imports a small ledger around one account: payouts of two
// contractors into it, transfers out of it (one to itself), a row without a
// date and a payment in yen. It returns the node ids by key.
func paymentFixture(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	im, err := s.BeginImport(ctx, SourceInfo{Path: "/in/payments.csv", SHA256: "pay", Kind: "payments", Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, n := range []NodeSpec{
		{Kind: KindContractor, Key: "contractor:FL-1", Label: "Kim"},
		{Kind: KindContractor, Key: "contractor:FL-2", Label: "Lee"},
		{Kind: KindClient, Key: "client:acme", Label: "ACME"},
		{Kind: KindAccount, Key: "account:shared", Label: "SHARED"},
		{Kind: KindAccount, Key: "account:out", Label: "OUT"},
		{Kind: KindAccount, Key: "account:idle", Label: "IDLE"},
	} {
		if ids[n.Key], err = im.Node(ctx, n, Prov{}); err != nil {
			t.Fatal(err)
		}
	}
	acc := ids["account:shared"]
	rows := []LedgerRow{
		{Line: 2, ExtID: "P1", Date: "2024-01-05", Type: "payout", ContractorID: ids["contractor:FL-1"], PayerID: ids["client:acme"], PayeeID: acc, Beneficiary: "Kim", AmountMinor: 100000, Currency: "USD", Rail: "ACH", Reference: "INV-1"},
		{Line: 3, ExtID: "P2", Date: "2024-01-20", Type: "payout", ContractorID: ids["contractor:FL-2"], PayerID: ids["client:acme"], PayeeID: acc, Beneficiary: "Lee", AmountMinor: 250000, Currency: "USD"},
		{Line: 4, ExtID: "P3", Date: "2024-03-02", Type: "transfer", PayerID: acc, PayeeID: ids["account:out"], AmountMinor: 300000, Currency: "USD"},
		{Line: 5, ExtID: "P4", Date: "2024-03-15", Type: "transfer", PayerID: acc, PayeeID: acc, AmountMinor: 5000, Currency: "USD"},
		{Line: 6, ExtID: "P5", Type: "payout", ContractorID: ids["contractor:FL-1"], PayerID: ids["client:acme"], PayeeID: acc, AmountMinor: 700, Currency: "USD"},
		{Line: 7, ExtID: "P6", Date: "2024-02-10", Type: "payout", ContractorID: ids["contractor:FL-1"], PayerID: ids["client:acme"], PayeeID: acc, AmountMinor: 9000, Currency: "JPY"},
		{Line: 8, ExtID: "P7", Date: "2023-12-31", Type: "payout", ContractorID: ids["contractor:FL-2"], PayerID: ids["client:acme"], PayeeID: ids["account:out"], AmountMinor: 1, Currency: "USD"},
	}
	for _, r := range rows {
		if err := im.Ledger(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Finish(ctx, Counts{Read: len(rows), Stored: len(rows)}, ""); err != nil {
		t.Fatal(err)
	}
	return ids
}

func extIDs(ps []Payment) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ExtID)
	}
	return strings.Join(out, " ")
}

func TestPaymentsOfANodeInEveryOrderAndPage(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := paymentFixture(t, s)
	acc := ids["account:shared"]
	n, err := s.PaymentCount(ctx, acc)
	if err != nil || n != 6 {
		t.Fatalf("count = %d, %v; want 6 (the self-transfer once)", n, err)
	}
	for _, tc := range []struct {
		o    PaymentSort
		want string
	}{
		{DateDesc, "P4 P3 P6 P2 P1 P5"},
		{DateAsc, "P5 P1 P2 P6 P3 P4"},
		// In major units: 9000 JPY outranks 3,000.00 USD; no exchange rates.
		{AmountDesc, "P6 P3 P2 P1 P4 P5"},
		{AmountAsc, "P5 P4 P1 P2 P3 P6"},
	} {
		all, err := s.Payments(ctx, PaymentQuery{Node: acc, Order: tc.o, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if got := extIDs(all); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.o, got, tc.want)
		}
		// Told the currencies, the amount order is the same.
		told, err := s.Payments(ctx, PaymentQuery{Node: acc, Order: tc.o, Limit: 100, Currencies: []string{"USD", "JPY"}})
		if err != nil || extIDs(told) != tc.want {
			t.Errorf("%s with currencies: %s %v", tc.o, extIDs(told), err)
		}
		// Pages of two put together are the whole list.
		var paged []Payment
		for off := 0; off < n; off += 2 {
			p, err := s.Payments(ctx, PaymentQuery{Node: acc, Order: tc.o, Offset: off, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, p...)
		}
		if extIDs(paged) != tc.want {
			t.Errorf("%s in pages: %s, want %s", tc.o, extIDs(paged), tc.want)
		}
	}
	p, _ := s.Payments(ctx, PaymentQuery{Node: acc, Order: DateAsc, Offset: 1, Limit: 1})
	want := Payment{ID: p[0].ID, ExtID: "P1", Date: "2024-01-05", Type: "payout",
		Payer: Party{"client:acme", "ACME"}, Payee: Party{"account:shared", "SHARED"}, Contractor: Party{"contractor:FL-1", "Kim"},
		Beneficiary: "Kim", AmountMinor: 100000, Currency: "USD", Rail: "ACH", Reference: "INV-1", Source: "/in/payments.csv", Line: 2}
	if !reflect.DeepEqual(p[0], want) {
		t.Errorf("row:\n got %+v\nwant %+v", p[0], want)
	}
	// One currency alone sorts by amount too.
	if c, err := s.Payments(ctx, PaymentQuery{Node: ids["contractor:FL-2"], Order: AmountDesc, Limit: 10}); err != nil || extIDs(c) != "P2 P7" {
		t.Errorf("contractor FL-2 by amount: %s %v", extIDs(c), err)
	}
	// A contractor's payments are the rows naming it as contractor.
	if c, _ := s.Payments(ctx, PaymentQuery{Node: ids["contractor:FL-2"], Limit: 10}); extIDs(c) != "P2 P7" {
		t.Errorf("contractor FL-2: %s", extIDs(c))
	}
	if n, _ := s.PaymentCount(ctx, ids["account:idle"]); n != 0 {
		t.Errorf("idle account has %d payments", n)
	}
}

func TestPaymentTotalsPerCurrencyAndMonth(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := paymentFixture(t, s)
	sum, err := s.PaymentTotals(ctx, ids["account:shared"])
	if err != nil {
		t.Fatal(err)
	}
	if sum.Count != 6 || sum.Main() != "USD" {
		t.Errorf("count %d main %q", sum.Count, sum.Main())
	}
	wantCur := []MoneyTotal{
		{Currency: "USD", Count: 5, In: 350700, Out: 305000},
		{Currency: "JPY", Count: 1, In: 9000},
	}
	if !reflect.DeepEqual(sum.Currencies, wantCur) {
		t.Errorf("currencies %+v, want %+v", sum.Currencies, wantCur)
	}
	var months []string
	for _, m := range sum.Months {
		months = append(months, fmt.Sprintf("%s %s %d in %d out %d", m.Month, m.Currency, m.Count, m.In, m.Out))
	}
	want := []string{"2024-01 USD 2 in 350000 out 0", "2024-02 JPY 1 in 9000 out 0", "2024-03 USD 2 in 0 out 305000"}
	if !reflect.DeepEqual(months, want) {
		t.Errorf("months %q, want %q", months, want)
	}
	empty, err := s.PaymentTotals(ctx, ids["account:idle"])
	if err != nil || empty.Count != 0 || empty.Main() != "" || len(empty.Months) != 0 {
		t.Errorf("idle: %+v %v", empty, err)
	}
}

func TestPaymentsBeforeAMonthFindsWhereItStarts(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	acc := paymentFixture(t, s)["account:shared"]
	for _, tc := range []struct {
		o     PaymentSort
		month string
		want  int
	}{
		{DateDesc, "2024-03", 0}, {DateDesc, "2024-02", 2}, {DateDesc, "2024-01", 3},
		{DateAsc, "2024-01", 1}, {DateAsc, "2024-02", 3}, {DateAsc, "2024-03", 4},
	} {
		got, err := s.PaymentsBefore(ctx, acc, tc.o, tc.month)
		if err != nil || got != tc.want {
			t.Errorf("%s %s: %d %v, want %d", tc.o, tc.month, got, err, tc.want)
		}
	}
	if nextMonth("2024-12") != "2025-01" || nextMonth("junk") != "junk~" {
		t.Errorf("nextMonth: %s %s", nextMonth("2024-12"), nextMonth("junk"))
	}
}

// TestPaymentQueriesSearchTheLedgerIndexes pins the plans: a node's page,
// count and totals search the ledger's payer, payee and contractor indexes —
// never a scan of a million-row ledger.
func TestPaymentQueriesSearchTheLedgerIndexes(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	paymentFixture(t, s)
	s.db.ExecContext(ctx, `ANALYZE`)
	for name, q := range map[string]struct {
		sql  string
		args []any
	}{
		"page by date":   {paymentPageSQL(DateDesc, "date"), []any{1, 50, 0}},
		"page by amount": {paymentPageSQL(AmountAsc, "CASE currency WHEN ?4 THEN amount_minor * 1.0 / 1 ELSE amount_minor / 100.0 END AS amt"), []any{1, 50, 0, "JPY"}},
		"count":          {`SELECT count(*) FROM (` + nodeLedgerIDs("", "") + `)`, []any{1}},
		"before":         {`SELECT count(*) FROM (` + nodeLedgerIDs("", " AND date >= ?2") + `)`, []any{1, "2024-02"}},
		"totals":         {paymentTotalsSQL, []any{1}},
		"currencies":     {currenciesSQL, []any{1}},
	} {
		rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q.sql, q.args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		for _, idx := range []string{"ledger_payer", "ledger_payee", "ledger_contractor"} {
			if !strings.Contains(text, "INDEX "+idx) {
				t.Errorf("%s does not search %s: %s", name, idx, text)
			}
		}
		if strings.Contains(text, "SCAN ledger") || strings.Contains(text, "SCAN l ") || strings.HasSuffix(text, "SCAN l") {
			t.Errorf("%s scans the ledger: %s", name, text)
		}
		if name == "page by date" && strings.Contains(text, "MERGE") == false {
			t.Errorf("the date page does not merge the index orders: %s", text)
		}
	}
}

func TestPaymentTotalsSayWhenASumOverflows(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ids := paymentFixture(t, s)
	big := int64(math.MaxInt64/2 + 1)
	for _, q := range []string{
		`INSERT INTO ledger(source_id, line, date, type, payee_id, amount_minor, currency) VALUES (1, 90, '2020-01-01', 'payout', ?1, ?2, 'USD')`,
		`INSERT INTO ledger(source_id, line, date, type, payee_id, amount_minor, currency) VALUES (1, 91, '2020-02-01', 'payout', ?1, ?2, 'USD')`,
	} {
		if _, err := s.db.ExecContext(ctx, q, ids["account:idle"], big); err != nil {
			t.Fatal(err)
		}
	}
	// Two months: each sums, their total is capped and flagged.
	sum, err := s.PaymentTotals(ctx, ids["account:idle"])
	if err != nil {
		t.Fatal(err)
	}
	if c := sum.Currencies[0]; !c.Overflow || c.In != math.MaxInt64 {
		t.Errorf("capped total %+v", c)
	}
	// One month whose sum passes int64: an error, not a wrong number.
	if _, err := s.db.ExecContext(ctx, `UPDATE ledger SET date = '2020-01-02' WHERE line = 91`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PaymentTotals(ctx, ids["account:idle"]); err == nil || !strings.Contains(err.Error(), "overflow") {
		t.Errorf("overflowing month: %v", err)
	}
}
