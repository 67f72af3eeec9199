package world

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// validityConfigs are the worlds every identifier is checked in: the demo,
// and a larger one that reaches rarer branches of the generator.
var validityConfigs = []Config{demoConfig, {Seed: 99, Contractors: 3000, Payments: 6000}}

// ibanLike extracts a compact IBAN from a cell that is written as one
// ("IBAN: DE89 …", "de89-3704-…"), or "" if the cell is something else.
func ibanLike(cell string) string {
	s := strings.TrimSpace(cell)
	for _, p := range []string{"IBAN:", "IBAN"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	s = strings.NewReplacer(" ", "", "-", "").Replace(s)
	if s != strings.ToUpper(s) && s != strings.ToLower(s) {
		return "" // mixed case: a base58 wallet, not an IBAN
	}
	s = strings.ToUpper(s)
	if len(s) < 15 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return ""
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return ""
		}
	}
	return s
}

func TestEveryIBANIsValidExceptThePlantedTypos(t *testing.T) {
	for _, cfg := range validityConfigs {
		checkIBANs(t, generate(t, cfg))
	}
}

// checkIBANs asserts every IBAN-shaped cell is a valid IBAN of the right
// length, except the typos truth.json records.
func checkIBANs(t testing.TB, g *generated) {
	t.Helper()
	planted := map[string]bool{}
	for _, inv := range g.truth.Invalid {
		planted[ibanLike(inv.Value)] = true
		if checkIBAN(ibanLike(inv.Value)) || !checkIBAN(ibanLike(inv.Correct)) {
			t.Errorf("truth.invalid %+v: value should fail and correct should pass", inv)
		}
		if row := g.byID[inv.Contractor]; row == nil || g.contractors.get(row, "payout_account") != inv.Value {
			t.Errorf("truth.invalid %+v: not what contractors.csv holds", inv)
		}
	}
	seen, invalidSeen := 0, 0
	check := func(where, cell string) {
		s := ibanLike(cell)
		if s == "" {
			return
		}
		seen++
		valid := checkIBAN(s) && ibanLengths[s[:2]] == len(s)
		switch {
		case !valid && planted[s]:
			invalidSeen++
		case !valid:
			t.Errorf("seed %d: %s: invalid IBAN %q not recorded in truth", g.truth.Seed, where, cell)
		}
	}
	for _, row := range g.contractors.rows {
		check(row[0]+" payout_account", g.contractors.get(row, "payout_account"))
	}
	for _, row := range g.payments.rows {
		check(row[0]+" payer_account", g.payments.get(row, "payer_account"))
		check(row[0]+" payee_account", g.payments.get(row, "payee_account"))
	}
	if seen < g.truth.Contractors/10 || invalidSeen != len(g.truth.Invalid) {
		t.Errorf("seed %d: saw %d IBANs, %d planted invalid (truth has %d)", g.truth.Seed, seen, invalidSeen, len(g.truth.Invalid))
	}
}

// walletLike reports whether a cell holds a crypto address.
func walletLike(cell string) bool {
	s := cell
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	return strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "bc1") || len(s) >= 26 && len(s) <= 35 && (s[0] == '1' || s[0] == 'T') && !strings.ContainsAny(s, "0OIl")
}

func TestEveryWalletIsValid(t *testing.T) {
	for _, cfg := range validityConfigs {
		checkWallets(t, generate(t, cfg))
	}
}

// checkWallets asserts every wallet-shaped cell passes its chain's checksum.
func checkWallets(t testing.TB, g *generated) {
	t.Helper()
	chains := map[string]int{}
	check := func(where, cell string) {
		if !walletLike(cell) {
			return
		}
		chain, ok := checkWallet(cell)
		if !ok {
			t.Errorf("seed %d: %s: invalid wallet %q", g.truth.Seed, where, cell)
		}
		chains[chain]++
	}
	for _, row := range g.contractors.rows {
		m := g.contractors.get(row, "payout_method")
		cell := g.contractors.get(row, "payout_account")
		if m == "USDT" || m == "BTC" {
			if !walletLike(cell) {
				t.Errorf("%s: %s payout account %q is not a wallet", row[0], m, cell)
			}
		}
		check(row[0], cell)
	}
	for _, row := range g.payments.rows {
		check(row[0]+" payer_account", g.payments.get(row, "payer_account"))
		check(row[0]+" payee_account", g.payments.get(row, "payee_account"))
	}
	for _, c := range []string{"eth", "btc", "trx"} {
		if chains[c] == 0 && g.truth.Contractors >= 300 {
			t.Errorf("seed %d: no %s wallets generated", g.truth.Seed, c)
		}
	}
}

func TestEveryRoutingNumberHasAValidChecksum(t *testing.T) {
	g := generate(t, demoConfig)
	n := 0
	for _, row := range g.contractors.rows {
		if g.contractors.get(row, "payout_method") != "ACH" {
			continue
		}
		f := strings.FieldsFunc(g.contractors.get(row, "payout_account"), func(r rune) bool { return r == ' ' || r == '/' })
		var routing string
		for _, p := range f {
			if len(p) == 9 && strings.Trim(p, "0123456789") == "" {
				routing = p
				break
			}
		}
		if !abaValid(routing) {
			t.Errorf("%s: ACH account %q has no valid routing number", row[0], g.contractors.get(row, "payout_account"))
		}
		n++
	}
	if n == 0 {
		t.Fatal("no ACH contractors")
	}
}

// TestEveryPhoneParses parses every phone with the row's country as the
// default region, the way the importer will.
func TestEveryPhoneParses(t *testing.T) {
	for _, cfg := range validityConfigs {
		checkPhones(t, generate(t, cfg))
	}
}

// checkPhones asserts every phone is a valid number for the row's country.
func checkPhones(t testing.TB, g *generated) {
	t.Helper()
	bad := map[string][]string{}
	count := 0
	for _, row := range g.contractors.rows {
		cc := g.contractors.get(row, "country")
		for _, ph := range cells(g.contractors.get(row, "phone")) {
			count++
			num, err := phonenumbers.Parse(ph, cc)
			if err != nil || !phonenumbers.IsValidNumber(num) {
				bad[cc] = append(bad[cc], fmt.Sprintf("%s %q", row[0], ph))
			}
		}
	}
	var ccs []string
	for cc := range bad {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	for _, cc := range ccs {
		t.Errorf("seed %d: %d invalid %s numbers, e.g. %s", g.truth.Seed, len(bad[cc]), cc, strings.Join(bad[cc][:min(5, len(bad[cc]))], ", "))
	}
	if count < g.truth.Contractors {
		t.Errorf("only %d phones for %d contractors", count, g.truth.Contractors)
	}
}
