package normalize

import "testing"

// Each benchmark cycles through realistic cells, the way an import meets
// them; timings never decide a test's result.

func benchInputs(b *testing.B, inputs []string, fn func(string) (ID, error)) {
	b.Helper()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _ = fn(inputs[i%len(inputs)])
		i++
	}
}

func BenchmarkEmail(b *testing.B) {
	benchInputs(b, []string{"kim.sm+work@gmail.com", "Kim Song-min <Kim.SM@Example.com>",
		"mailto:dev@company.co.kr", "not an email"}, Email)
}

func BenchmarkPhone(b *testing.B) {
	inputs := []string{"+82 10-1234-5678", "(555) 010-2345", "00 86 138 0013 8000", "+1 202 555 0143 x12"}
	benchInputs(b, inputs, func(s string) (ID, error) { return Phone(s, "US") })
}

func BenchmarkIBAN(b *testing.B) {
	benchInputs(b, []string{"DE89 3704 0044 0532 0130 00", "gb29nwbk60161331926819",
		"IBAN: FR14 2004 1010 0505 0001 3M02 606", "DE89 3704 0044 0532 0130 01"}, IBAN)
}

func BenchmarkBankAccount(b *testing.B) {
	benchInputs(b, []string{"123456789", "1234-5678-90"}, func(s string) (ID, error) {
		return BankAccount("021000021", s, "US")
	})
}

func BenchmarkWallet(b *testing.B) {
	benchInputs(b, []string{"XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ",
		"ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96", "USDT TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j",
		"bc1qq7p0es3dv5hcynjjf40f2xjjr6qp5py47d2f6n847vduuq9gvnyq7y9ecd"}, Wallet)
}

func BenchmarkIP(b *testing.B) {
	benchInputs(b, []string{"203.0.113.7", "[2001:db8::1]:443", "10.0.0.1:8080", "::ffff:198.51.100.2"}, IP)
}

func BenchmarkHandle(b *testing.B) {
	inputs := []string{"https://github.com/Kim-Dev/", "@kim_dev", "https://www.linkedin.com/in/kim-sm-1a2b3c/", "kimdev"}
	benchInputs(b, inputs, func(s string) (ID, error) { return Handle(s, "github") })
}

func BenchmarkURL(b *testing.B) {
	benchInputs(b, []string{"https://www.example.com/about/?utm=1", "example.org/team"}, URL)
}

func BenchmarkAddress(b *testing.B) {
	benchInputs(b, []string{"1234 Oak St Apt 4B, Springfield, IL 62704, US",
		"1234 OAK STREET, APT. 4B", "P.O. Box 12, Pyongyang, Korea, North",
		"Hauptstraße 5, 10115 Berlin, Deutschland"}, Address)
}

func BenchmarkDevice(b *testing.B) {
	benchInputs(b, []string{"{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "00-1A-2B-3C-4D-5E", "9774D56D682E549C"}, Device)
}

func BenchmarkPayout(b *testing.B) {
	cells := [][2]string{
		{"PayPal", "kim.sm@example.com"}, {"IBAN", "DE89 3704 0044 0532 0130 00"},
		{"USDT", "TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j"}, {"ACH", "ACH 021000021 123456789"},
		{"Payoneer", "Payoneer ID: 1234-5678"}, {"M-Pesa", "+254 712 345 678"},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := cells[i%len(cells)]
		_, _ = Payout(c[0], c[1], "US")
		i++
	}
}

func BenchmarkEmpty(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Empty("N/A")
		Empty("kim@example.com")
	}
}
