package lists

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseRemarks(t *testing.T) {
	for _, tc := range []struct {
		name    string
		remarks string
		want    Entry
	}{
		{"null marker", "-0- ", Entry{}},
		{"person facts from a DPRK row",
			"DOB 25 Nov 1983; alt. DOB 1984; POB Pyongyang, North Korea; nationality Korea, North; citizen Russia; Gender Male; Passport 754110065 (Korea, North) issued 13 Feb 2024 expires 13 Feb 2029.",
			Entry{DOBs: []string{"25 Nov 1983", "1984"}, POBs: []string{"Pyongyang, North Korea"},
				Nationalities: []string{"Korea, North"}, Citizenships: []string{"Russia"}, Gender: "Male",
				Documents: []Document{{Type: "Passport", Number: "754110065", Country: "Korea, North", Issued: "13 Feb 2024", Expires: "13 Feb 2029"}}}},
		{"registration documents",
			"Tax ID No. 253908966176 (Russia); Unified Social Credit Code (USCC) 91222401MA0Y31E659 (China); National ID No. 123 (Syria) (individual); Cedula No. 7 (Colombia); alt. Passport 19820215; Registration Number 1027700132195 (Russia).",
			Entry{Documents: []Document{
				{Type: "Tax ID No.", Number: "253908966176", Country: "Russia"},
				{Type: "USCC", Number: "91222401MA0Y31E659", Country: "China"},
				{Type: "National ID No.", Number: "123", Country: "Syria", Note: "(individual)"},
				{Type: "Cedula No.", Number: "7", Country: "Colombia"},
				{Type: "Passport", Number: "19820215"},
				{Type: "Registration Number", Number: "1027700132195", Country: "Russia"},
			}}},
		{"contacts",
			"Website www.star-co.net.kp; Email Address okryu@star-co.net.kp; alt. Email Address a@b.kp; Phone Number 8613314257947; Telephone No. 009613679153; Fax No. 123.",
			Entry{Websites: []string{"www.star-co.net.kp"}, Emails: []string{"okryu@star-co.net.kp", "a@b.kp"},
				Phones: []string{"8613314257947", "009613679153"}}},
		{"wallets, first without alt.",
			"Digital Currency Address - XBT 1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T; alt. Digital Currency Address - ETH 0x4f47; alt. Digital Currency Address - ARB 0x4f47; Digital Currency Address - ; Digital Currency Address - XBT.",
			Entry{Wallets: []Wallet{{"XBT", "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T"}, {"ETH", "0x4f47"}, {"ARB", "0x4f47"}}}},
		{"weak names and links",
			"a.k.a. 'OKRYU TRADE CO.'; f.k.a. 'SAND SWAN'; n.k.a. 'LGOK'; a.k.a. 'KIM, U'ng-sun'; Linked To: CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY.",
			Entry{Aliases: []Alias{
				{Name: "OKRYU TRADE CO.", Type: "aka", Quality: "weak"},
				{Name: "SAND SWAN", Type: "fka", Quality: "weak"},
				{Name: "LGOK", Type: "nka", Quality: "weak"},
				{Name: "KIM, U'ng-sun", Type: "aka", Quality: "weak"},
			}, Relations: []Relation{{Kind: "linked_to", Name: "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"}}}},
		{"unknown facts stay in remarks only",
			"Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Organization Established Date 2006; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214.",
			Entry{}},
		{"null-like substring is data", "US FEIN CH-217-0-431-423-3.",
			Entry{Documents: []Document{{Type: "US FEIN", Number: "CH-217-0-431-423-3"}}}},
		{"vessel IMO", "Vessel Registration Identification IMO 9187629; MMSI 123.",
			Entry{Vessel: &Vessel{IMO: "9187629"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got Entry
			ParseRemarks(tc.remarks, &got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseRemarks(%q)\n got %+v\nwant %+v", tc.remarks, got, tc.want)
			}
		})
	}
}

func FuzzParseRemarks(f *testing.F) {
	for _, s := range []string{
		"DOB 25 Nov 1983; Passport 1 (X) issued 1 expires 2.",
		"Digital Currency Address - XBT 1A; alt. Digital Currency Address - ETH 0x",
		"a.k.a. ''; Linked To: ; National ID No. (; Tax ID No. 1 (a",
		"alt. ; ; . -0- ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var a, b Entry
		ParseRemarks(s, &a)
		ParseRemarks(s, &b)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("not deterministic for %q", s)
		}
		if a.Remarks != "" {
			t.Fatalf("ParseRemarks changed Remarks")
		}
		for _, w := range a.Wallets {
			if w.Ticker == "" || w.Address == "" || strings.Contains(w.Address, "; ") {
				t.Fatalf("bad wallet %+v from %q", w, s)
			}
		}
		for _, al := range a.Aliases {
			if al.Name == "" || al.Quality != "weak" {
				t.Fatalf("bad alias %+v from %q", al, s)
			}
		}
		for _, d := range a.Documents {
			if d.Number == "" || d.Type == "" {
				t.Fatalf("bad document %+v from %q", d, s)
			}
		}
		for _, r := range a.Relations {
			if r.Name == "" || r.Kind != "linked_to" || r.TargetID != "" {
				t.Fatalf("bad relation %+v from %q", r, s)
			}
		}
	})
}
