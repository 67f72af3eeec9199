package world

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/samples"
)

func TestSameSeedGivesByteIdenticalFiles(t *testing.T) {
	cfg := Config{Seed: 7, Contractors: 400}
	a, b := generate(t, cfg), generate(t, cfg)
	if !bytes.Equal(a.contractorsCSV, b.contractorsCSV) || !bytes.Equal(a.paymentsCSV, b.paymentsCSV) {
		t.Fatal("two runs with the same config differ")
	}
	ja, _ := MarshalTruth(a.truth)
	jb, _ := MarshalTruth(b.truth)
	if !bytes.Equal(ja, jb) {
		t.Fatal("truth differs between runs")
	}
	if c := generate(t, Config{Seed: 8, Contractors: 400}); bytes.Equal(a.contractorsCSV, c.contractorsCSV) {
		t.Fatal("a different seed gave the same contractors")
	}
}

func TestPaymentCountDoesNotChangeContractors(t *testing.T) {
	a := generate(t, Config{Seed: 5, Contractors: 200})
	b := generate(t, Config{Seed: 5, Contractors: 200, Payments: 5000})
	if !bytes.Equal(a.contractorsCSV, b.contractorsCSV) {
		t.Fatal("contractors.csv depends on the payment count")
	}
}

// TestCommittedDemoMatchesGenerator keeps samples/demo honest: nobody edits
// it by hand, and a generator change that alters it must regenerate it.
func TestCommittedDemoMatchesGenerator(t *testing.T) {
	g := generate(t, demoConfig)
	js, err := MarshalTruth(g.truth)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]byte{ContractorsFile: g.contractorsCSV, PaymentsFile: g.paymentsCSV, TruthFile: js} {
		got, err := samples.Demo.ReadFile("demo/" + name)
		if err != nil {
			t.Fatalf("embedded demo: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("samples/demo/%s differs from a fresh generation; run: go run ./samples/gen -seed 1 -contractors 300 -out samples/demo", name)
		}
	}
}

func TestHeadersAreExact(t *testing.T) {
	g := generate(t, demoConfig)
	if got := firstLine(g.contractorsCSV); got != "contractor_id,full_name,email,phone,street,city,postal_code,country,payout_method,payout_account,github,linkedin,last_login_ip,device_id,photo_hash,joined" {
		t.Errorf("contractors header: %s", got)
	}
	if got := firstLine(g.paymentsCSV); got != "payment_id,date,type,contractor_id,payer,payer_account,payee_account,beneficiary_name,amount,currency,rail,reference" {
		t.Errorf("payments header: %s", got)
	}
}

func firstLine(b []byte) string { return string(b[:bytes.IndexByte(b, '\n')]) }

var (
	reContractorID = regexp.MustCompile(`^FL-\d{6,}$`)
	reDate         = regexp.MustCompile(`^20(23|24|25|26)-\d\d-\d\d$`)
	reAmountUS     = regexp.MustCompile(`^\d{1,3}(,\d{3})*\.\d\d$`)
	reAmountEU     = regexp.MustCompile(`^\d{1,3}(\.\d{3})*,\d\d$`)
	reReference    = regexp.MustCompile(`^(FBO FL-\d{6} )?INV-20\d\d-\d{4}$`)
)

func TestContractorRowsAreWellFormed(t *testing.T) {
	g := generate(t, demoConfig)
	countries := map[string]bool{}
	for _, c := range newCountries() {
		countries[c.code] = true
	}
	methods := map[string]bool{"IBAN": true, "Wise": true, "PayPal": true, "Payoneer": true, "ACH": true, "USDT": true, "BTC": true}
	for i, row := range g.contractors.rows {
		tb := g.contractors
		if len(row) != 16 || !reContractorID.MatchString(row[0]) || row[0] != fmt.Sprintf("FL-%06d", i+1) {
			t.Fatalf("row %d: bad id or width: %q", i, row)
		}
		if tb.get(row, "full_name") == "" || !strings.Contains(tb.get(row, "email"), "@") || tb.get(row, "phone") == "" {
			t.Errorf("%s: missing name, email or phone", row[0])
		}
		if !countries[tb.get(row, "country")] || !methods[tb.get(row, "payout_method")] || tb.get(row, "payout_account") == "" {
			t.Errorf("%s: bad country/method/account %q %q %q", row[0], tb.get(row, "country"), tb.get(row, "payout_method"), tb.get(row, "payout_account"))
		}
		if j := tb.get(row, "joined"); !reDate.MatchString(j) || j > "2026-09-30" {
			t.Errorf("%s: joined %q", row[0], j)
		}
		if h := tb.get(row, "photo_hash"); h != "" && len(strings.TrimPrefix(h, "sha256:")) != 64 {
			t.Errorf("%s: photo hash %q", row[0], h)
		}
	}
	if len(g.contractors.rows) != demoConfig.Contractors {
		t.Errorf("%d contractors, want %d", len(g.contractors.rows), demoConfig.Contractors)
	}
}

func TestPaymentRowsAreWellFormedAndInDateOrder(t *testing.T) {
	g := generate(t, demoConfig)
	rails := map[string]bool{"SWIFT": true, "SEPA": true, "ACH": true, "PayPal": true, "Wise": true, "Payoneer": true, "USDT-TRC20": true, "ETH": true, "BTC": true}
	currencies := map[string]bool{"USD": true, "EUR": true, "GBP": true, "USDT": true}
	tb := g.payments
	prev := ""
	types := map[string]int{}
	for i, row := range tb.rows {
		if row[0] != paymentID(i+1) {
			t.Fatalf("row %d: id %q", i, row[0])
		}
		date := tb.get(row, "date")
		if !reDate.MatchString(date) || date < "2023-01-01" || date > "2026-10-31" || date < prev {
			t.Errorf("%s: date %q after %q", row[0], date, prev)
		}
		prev = date
		amt, cur := tb.get(row, "amount"), tb.get(row, "currency")
		if !reAmountUS.MatchString(amt) && !(cur == "EUR" && reAmountEU.MatchString(amt)) {
			t.Errorf("%s: amount %q (%s)", row[0], amt, cur)
		}
		if !currencies[cur] || !rails[tb.get(row, "rail")] {
			t.Errorf("%s: currency %q rail %q", row[0], cur, tb.get(row, "rail"))
		}
		typ := tb.get(row, "type")
		types[typ]++
		switch typ {
		case "payout":
			c := g.byID[tb.get(row, "contractor_id")]
			if c == nil || tb.get(row, "payer") == "" || tb.get(row, "payee_account") == "" {
				t.Errorf("%s: payout without contractor, payer or payee", row[0])
			} else if date <= g.contractors.get(c, "joined") {
				t.Errorf("%s: paid on %s, before joining on %s", row[0], date, g.contractors.get(c, "joined"))
			}
			if !reReference.MatchString(tb.get(row, "reference")) {
				t.Errorf("%s: reference %q", row[0], tb.get(row, "reference"))
			}
		case "transfer":
			if tb.get(row, "contractor_id") != "" || tb.get(row, "payer_account") == "" || tb.get(row, "payee_account") == "" {
				t.Errorf("%s: transfer needs both accounts and no contractor", row[0])
			}
		default:
			t.Errorf("%s: type %q", row[0], typ)
		}
	}
	if len(tb.rows) != 10*demoConfig.Contractors {
		t.Errorf("%d payments, want %d", len(tb.rows), 10*demoConfig.Contractors)
	}
	if types["transfer"] == 0 || types["payout"] < len(tb.rows)*3/4 {
		t.Errorf("type mix %v", types)
	}
}

func TestExactPaymentCountIsHonoured(t *testing.T) {
	for _, p := range []int{700, 4321, 30000} {
		g := generate(t, Config{Seed: 2, Contractors: 250, Payments: p})
		if len(g.payments.rows) != p || g.truth.Payments != p {
			t.Errorf("asked for %d payments, got %d (truth says %d)", p, len(g.payments.rows), g.truth.Payments)
		}
	}
}

func TestBadConfigsAreRejected(t *testing.T) {
	for _, cfg := range []Config{{Seed: 1, Contractors: 10}, {Seed: 1, Contractors: 300, Payments: 5}, {Seed: 1, Contractors: 300, Payments: -1}} {
		if _, err := Generate(cfg, io.Discard, io.Discard); err == nil {
			t.Errorf("Generate(%+v) succeeded", cfg)
		}
	}
}

func TestEachContractorIsPaidRoughlyMonthly(t *testing.T) {
	g := generate(t, demoConfig)
	months := map[string]map[string]bool{}
	for _, row := range g.payments.rows {
		if id := g.payments.get(row, "contractor_id"); id != "" {
			if months[id] == nil {
				months[id] = map[string]bool{}
			}
			months[id][g.payments.get(row, "date")[:7]] = true
		}
	}
	if len(months) < demoConfig.Contractors*9/10 {
		t.Errorf("only %d of %d contractors were ever paid", len(months), demoConfig.Contractors)
	}
}

// TestScaleOfPlantedNetworks checks 4–6 networks in a small world and about
// 2–3% of contractors planted in a large one.
func TestScaleOfPlantedNetworks(t *testing.T) {
	for _, tt := range []struct {
		n          int
		minNet     int
		maxNet     int
		minP, maxP float64
	}{
		{300, 4, 6, 0.04, 0.10},
		{1000, 4, 6, 0.015, 0.05},
		{20000, 40, 70, 0.02, 0.03},
	} {
		w, err := build(Config{Seed: 3, Contractors: tt.n})
		if err != nil {
			t.Fatal(err)
		}
		p := float64(w.plantedCount()) / float64(tt.n)
		if len(w.networks) < tt.minNet || len(w.networks) > tt.maxNet || p < tt.minP || p > tt.maxP {
			t.Errorf("%d contractors: %d networks, %.1f%% planted", tt.n, len(w.networks), 100*p)
		}
		for _, nw := range w.networks {
			if len(nw.members) < 4 || len(nw.members) > 15 {
				t.Errorf("network of %d members", len(nw.members))
			}
		}
	}
}

func TestSmallestWorldWorks(t *testing.T) {
	g := generate(t, Config{Seed: 11, Contractors: MinContractors})
	if len(g.truth.Networks) < 4 || len(g.contractors.rows) != MinContractors {
		t.Fatalf("%d networks, %d rows", len(g.truth.Networks), len(g.contractors.rows))
	}
}

func TestInnocentKoreanNamesAreManyAndInnocent(t *testing.T) {
	g := generate(t, demoConfig)
	planted := g.plantedIDs()
	ids := g.truth.InnocentKoreanNames
	if len(ids) < demoConfig.Contractors/20 {
		t.Errorf("only %d innocent Korean names", len(ids))
	}
	styles := map[string]bool{}
	for _, id := range ids {
		row := g.byID[id]
		if row == nil || planted[id] != "" {
			t.Fatalf("%s: missing or planted", id)
		}
		name := g.contractors.get(row, "full_name")
		switch {
		case name == strings.ToUpper(name):
			styles["upper"] = true
		case strings.Contains(name, "-"):
			styles["hyphen"] = true
		default:
			styles["plain"] = true
		}
	}
	if len(styles) < 3 {
		t.Errorf("Korean names written only as %v", styles)
	}
	if !slices.IsSorted(ids) {
		t.Error("innocent_korean_names not sorted")
	}
}
