package world

import (
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// fold reduces an identifier to what it denotes, independently of the
// generator's own code, so the tests can tell two spellings of one account
// from two accounts.
func fold(kind, v string) string {
	switch kind {
	case "payout_account":
		v = strings.ToLower(v)
		for _, word := range []string{"iban", "routing", "account", "ach", "eth", "usdt", "trc20"} {
			v = strings.ReplaceAll(v, word, "")
		}
		return strings.NewReplacer(" ", "", "-", "", "/", "", ":", "").Replace(v)
	case "email":
		v = strings.ToLower(v)
		local, domain, _ := strings.Cut(v, "@")
		local, _, _ = strings.Cut(local, "+")
		if domain == "googlemail.com" {
			domain = "gmail.com"
		}
		if domain == "gmail.com" {
			local = strings.ReplaceAll(local, ".", "")
		}
		return local + "@" + domain
	case "phone":
		num, err := phonenumbers.Parse(v, "US")
		if err != nil {
			return "unparsable:" + v
		}
		return phonenumbers.Format(num, phonenumbers.E164)
	case "address":
		v = strings.ToUpper(strings.NewReplacer(",", " ", ".", " ", "#", " APT ").Replace(v))
		f := strings.Fields(v)
		abbr := map[string]string{"STREET": "ST", "AVENUE": "AVE", "DRIVE": "DR", "LANE": "LN", "ROAD": "RD", "COURT": "CT", "APARTMENT": "APT"}
		for i, w := range f {
			if a, ok := abbr[w]; ok {
				f[i] = a
			}
		}
		return strings.Join(f, " ")
	case "photo_hash":
		return strings.TrimPrefix(strings.ToLower(v), "sha256:")
	case "device_id":
		return strings.ToLower(v)
	}
	return v
}

// columnOf is the contractors.csv column each shared kind lives in.
var columnOf = map[string]string{"payout_account": "payout_account", "address": "street", "phone": "phone", "email": "email", "photo_hash": "photo_hash", "device_id": "device_id", "ip": "last_login_ip", "name": "full_name"}

// checkTruth asserts that truth.json describes the CSV files it came with.
func checkTruth(t testing.TB, g *generated) {
	t.Helper()
	tr := g.truth
	planted := g.plantedIDs()
	exists := func(what, id string) {
		if g.byID[id] == nil {
			t.Errorf("%s: contractor %s is not in contractors.csv", what, id)
		}
	}
	if len(tr.Networks) < 4 {
		t.Errorf("%d networks", len(tr.Networks))
	}
	clean := 0
	for _, n := range tr.Networks {
		for _, id := range n.Members {
			exists(n.ID, id)
		}
		if len(n.Designated) == 0 {
			clean++
		}
		kinds := map[string]bool{}
		for _, s := range n.Shared {
			kinds[s.Kind] = true
			if len(s.Members) < 2 || len(s.Values) == 0 {
				t.Errorf("%s %s: shared by %d members with %d values", n.ID, s.Kind, len(s.Members), len(s.Values))
			}
			folded := map[string]bool{}
			for _, v := range s.Values {
				folded[fold(s.Kind, v)] = true
			}
			if s.Kind != "name" && len(folded) != 1 {
				t.Errorf("%s %s: spellings %q denote %d different identifiers", n.ID, s.Kind, s.Values, len(folded))
			}
			for _, id := range s.Members {
				exists(n.ID, id)
				if planted[id] != n.ID {
					t.Errorf("%s %s: %s is not a member", n.ID, s.Kind, id)
				}
				row := g.byID[id]
				if row == nil {
					continue
				}
				found := false
				for _, c := range cells(g.contractors.get(row, columnOf[s.Kind])) {
					found = found || containsFold(s, c)
				}
				if !found {
					t.Errorf("%s %s: member %s holds none of %q (has %q)", n.ID, s.Kind, id, s.Values, g.contractors.get(row, columnOf[s.Kind]))
				}
			}
		}
		for _, k := range []string{"payout_account", "email", "ip"} {
			if !kinds[k] {
				t.Errorf("%s: no shared %s", n.ID, k)
			}
		}
		if len(n.ConsolidationAccounts) == 0 || len(n.Wallets) == 0 || n.Facilitator == "" {
			t.Errorf("%s: no consolidation account, wallet or facilitator", n.ID)
		}
	}
	if clean == 0 {
		t.Error("every network has a designated link; one must be found only by shared identifiers")
	}
	for _, h := range tr.Hubs {
		if h.Members != len(h.MemberIDs) || h.Members < 3 {
			t.Errorf("hub %s %q: %d members, %d ids", h.Kind, h.Value, h.Members, len(h.MemberIDs))
		}
		for _, id := range h.MemberIDs {
			exists("hub "+h.Value, id)
			if planted[id] != "" {
				t.Errorf("hub %q: member %s is planted", h.Value, id)
			}
		}
	}
	for _, nv := range tr.NameVariants {
		exists("name variant", nv.Contractor)
		if row := g.byID[nv.Contractor]; row != nil && (g.contractors.get(row, "full_name") != nv.Written || planted[nv.Contractor] == "") {
			t.Errorf("name variant %+v: not the planted profile's name", nv)
		}
	}
	for _, nm := range tr.NearMisses {
		exists("near miss", nm.Contractor)
		if row := g.byID[nm.Contractor]; row != nil && (g.contractors.get(row, "full_name") != nm.Written || planted[nm.Contractor] != "") {
			t.Errorf("near miss %+v: not an innocent with that name", nm)
		}
	}
	for _, inv := range tr.Invalid {
		exists("invalid", inv.Contractor)
	}
	for _, id := range tr.InnocentKoreanNames {
		exists("innocent Korean name", id)
	}
}

func containsFold(s Shared, cell string) bool {
	for _, v := range s.Values {
		if v == cell || s.Kind != "name" && fold(s.Kind, v) == fold(s.Kind, cell) {
			return true
		}
	}
	return false
}

func TestTruthDescribesTheFiles(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		checkTruth(t, generate(t, Config{Seed: seed, Contractors: 300}))
	}
	checkTruth(t, generate(t, Config{Seed: 4, Contractors: 5000, Payments: 8000}))
}

func TestNoInnocentHoldsANetworkIdentifier(t *testing.T) {
	g := generate(t, Config{Seed: 1, Contractors: 3000})
	planted := g.plantedIDs()
	owner := map[string]string{}
	for _, n := range g.truth.Networks {
		for _, s := range n.Shared {
			if s.Kind != "name" {
				owner[s.Kind+"|"+fold(s.Kind, s.Values[0])] = n.ID
			}
		}
	}
	for _, row := range g.contractors.rows {
		if planted[row[0]] != "" {
			continue
		}
		for kind, col := range columnOf {
			for _, c := range cells(g.contractors.get(row, col)) {
				if kind == "phone" && !strings.HasPrefix(c, "+") && g.contractors.get(row, "country") != "US" && g.contractors.get(row, "country") != "CA" {
					continue // a national number of another country; fold() assumes US
				}
				if n := owner[kind+"|"+fold(kind, c)]; n != "" {
					t.Errorf("innocent %s holds %s %q of network %s", row[0], kind, c, n)
				}
			}
		}
	}
}

// TestPlantedMoneyReachesDesignatedEntities follows each network's money in
// payments.csv: payouts into its accounts, sweeps to consolidation accounts,
// and transfers on to wallets, some of them published by OFAC.
func TestPlantedMoneyReachesDesignatedEntities(t *testing.T) {
	g := generate(t, demoConfig)
	tb := g.payments
	entries := map[string]bool{}
	for _, n := range g.truth.Networks {
		members := map[string]bool{}
		for _, id := range n.Members {
			members[id] = true
		}
		accounts := map[string]bool{}
		for _, s := range n.Shared {
			if s.Kind == "payout_account" {
				accounts[fold(s.Kind, s.Values[0])] = true
			}
		}
		cons := map[string]bool{}
		for _, c := range n.ConsolidationAccounts {
			cons[c] = true
		}
		var paidIn, swept, hopped int
		reached := map[string]bool{}
		benefs := map[string]bool{}
		for _, row := range tb.rows {
			from, to := fold("payout_account", tb.get(row, "payer_account")), fold("payout_account", tb.get(row, "payee_account"))
			switch {
			case members[tb.get(row, "contractor_id")] && accounts[to]:
				paidIn++
			case accounts[from] && cons[tb.get(row, "payee_account")]:
				swept++
				benefs[tb.get(row, "beneficiary_name")] = true
			case cons[tb.get(row, "payer_account")]:
				hopped++
				reached[to] = true
			}
		}
		if paidIn == 0 || swept == 0 || hopped == 0 {
			t.Errorf("%s: %d payouts into shared accounts, %d sweeps, %d hops", n.ID, paidIn, swept, hopped)
		}
		for _, w := range n.Wallets {
			if !reached[strings.ToLower(w)] {
				t.Errorf("%s: wallet %s never receives money", n.ID, w)
			}
		}
		for _, d := range n.Designated {
			entries[d.Entry] = true
			switch {
			case strings.HasPrefix(d.Via, "wallet "):
				if !reached[strings.ToLower(strings.TrimPrefix(d.Via, "wallet "))] {
					t.Errorf("%s: %s not reached", n.ID, d.Via)
				}
			case strings.HasPrefix(d.Via, "beneficiary "):
				found := false
				for b := range benefs {
					found = found || strings.Contains(d.Via, "\""+b+"\"")
				}
				if !found {
					t.Errorf("%s: %s never appears as a beneficiary", n.ID, d.Via)
				}
			}
		}
	}
	for _, e := range []string{"43377", "55065", "24977", "43379", "55062", "54764", "55064", "54800"} {
		if !entries[e] {
			t.Errorf("designated entry %s is linked to no network", e)
		}
	}
}

func TestHubsAppearWhereTruthSays(t *testing.T) {
	g := generate(t, demoConfig)
	paidBy := map[string]map[string]bool{}
	for _, row := range g.payments.rows {
		id := g.payments.get(row, "contractor_id")
		if paidBy[id] == nil {
			paidBy[id] = map[string]bool{}
		}
		paidBy[id][g.payments.get(row, "payer")] = true
	}
	kinds := map[string]bool{}
	for _, h := range g.truth.Hubs {
		kinds[h.Kind] = true
		held := 0
		for _, id := range h.MemberIDs {
			row := g.byID[id]
			switch h.Kind {
			case "ip":
				for _, c := range cells(g.contractors.get(row, "last_login_ip")) {
					if c == h.Value {
						held++
					}
				}
			case "address":
				if strings.HasPrefix(h.Value, g.contractors.get(row, "street")+", ") {
					held++
				}
			case "payer":
				if paidBy[id][h.Value] {
					held++
				}
			case "payout_account":
				if g.contractors.get(row, "payout_account") == h.Value {
					held++
				}
			}
		}
		if held < h.Members*3/4 {
			t.Errorf("hub %s %q: only %d of %d members hold it", h.Kind, h.Value, held, h.Members)
		}
	}
	if len(kinds) != 4 || len(g.truth.Hubs) != 5 {
		t.Errorf("hubs: %+v", kinds)
	}
}
