package ingest

import (
	"errors"
	"strings"
	"testing"
)

func TestParseAmountReadsRealWorldNotations(t *testing.T) {
	tests := []struct {
		in       string
		currency string
		decimal  rune
		want     int64
	}{
		{"1,250.00", "USD", 0, 125000},
		{"1.250,00", "EUR", 0, 125000},
		{"1 250,00", "EUR", 0, 125000},
		{"1\u00a0250,00", "EUR", 0, 125000}, // French no-break space
		{"1\u202f250,00", "EUR", 0, 125000}, // narrow no-break space
		{"1'250.00", "CHF", 0, 125000},      // Swiss
		{"1\u2019250.00", "CHF", 0, 125000}, // typographic apostrophe
		{"-12.5", "USD", 0, -1250},
		{"(12.50)", "USD", 0, -1250},
		{"12.50-", "USD", 0, -1250},      // trailing minus (SAP exports)
		{"\u221212.50", "USD", 0, -1250}, // Unicode minus
		{"+12.50", "USD", 0, 1250},
		{"USD 1,250.00", "", 0, 125000},
		{"1,250.00 USD", "USD", 0, 125000},
		{"usd1250", "", 0, 125000},
		{"$1,250.00", "USD", 0, 125000},
		{"-$1,250.00", "USD", 0, -125000},
		{"$-1,250.00", "USD", 0, -125000},
		{"€1.250,00", "EUR", 0, 125000},
		{"1.250,00 €", "", 0, 125000},
		{"US$ 99.99", "", 0, 9999},
		{"1 250,00 zł", "PLN", 0, 125000},
		{"1250", "USD", 0, 125000},
		{"12,50", "EUR", 0, 1250},
		{"0.00012345", "BTC", 0, 12345},
		{"0.5", "BTC", 0, 50000000},
		{"1,250", "USD", ',', 125},    // decimal comma given
		{"1,250", "USD", '.', 125000}, // decimal point given: the comma groups
		{"1.250", "EUR", ',', 125000},
		{"1,250,000", "USD", 0, 125000000}, // repeated separator can only group
		{"1.250.000,50", "EUR", 0, 125000050},
		{"1,25,000.00", "INR", 0, 12500000}, // Indian lakh grouping
		{"0.125", "BHD", 0, 125},            // leading zero: not a thousands group
		{"1250.000", "KWD", 0, 1250000},     // four integer digits: not a group
		{"1.250", "KWD", '.', 1250},
		{"12.500", "USD", '.', 1250}, // extra zeros are exact, not rounding
		{"1250.00", "JPY", 0, 1250},  // JPY printed with cents
		{"¥1,250", "JPY", '.', 1250},
		{"₩1,250,000", "", 0, 1250000}, // won has no minor unit
		{".5", "USD", 0, 50},
		{"0", "USD", 0, 0},
		{"-0.00", "USD", 0, 0},
		{"92233720368547758.07", "USD", 0, 9223372036854775807},
		{"  42.10  ", "GBP", 0, 4210},
		{"1.5", "XBT", 0, 150000000},
		{"XBT 1.5", "BTC", 0, 150000000}, // XBT is BTC
		{"100.123456", "USDT", 0, 100123456},
		{"1.123456789", "ETH", 0, 1123456789},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in, tt.currency, tt.decimal)
		if err != nil {
			t.Errorf("ParseAmount(%q, %q, %q): %v", tt.in, tt.currency, tt.decimal, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseAmount(%q, %q, %q) = %d, want %d", tt.in, tt.currency, tt.decimal, got, tt.want)
		}
	}
}

func TestParseAmountRejectsWhatItCannotReadExactly(t *testing.T) {
	tests := []struct {
		in       string
		currency string
		decimal  rune
		wantErr  string
	}{
		{"", "USD", 0, "empty amount"},
		{"1,250", "USD", 0, `ambiguous amount "1,250": decimal separator unknown (set "decimal" in a mapping file)`},
		{"1.250", "EUR", 0, `ambiguous amount "1.250"`},
		{"$1.250", "", 0, "ambiguous amount"},
		{"12.505", "USD", '.', "3 decimal places, but USD has 2"},
		{"1.5", "JPY", 0, "1 decimal places, but JPY has 0"},
		{"0.1234567891", "ETH", 0, "ETH has 9"},
		{"0.123456789", "BTC", 0, "BTC has 8"},
		{"92233720368547758.08", "USD", 0, "too large"},
		{"99999999999999999999", "JPY", 0, "too large"},
		{"1,2,3", "USD", 0, "digit groups are not thousands"},
		{"12,50.00", "USD", 0, "digit groups are not thousands"},
		{"1.250.00", "USD", 0, "digit groups are not thousands"},
		{"1 250.000,00", "EUR", 0, "mixed digit grouping"},
		{"1,,250", "USD", 0, "two separators in a row"},
		{"--5", "USD", 0, "more than one sign"},
		{"(-5)", "USD", 0, "more than one sign"},
		{"€12", "USD", 0, "written in EUR but the currency is USD"},
		{"EUR 12 USD", "", 0, "two currencies"},
		{"1e5", "USD", 0, "unexpected"},
		{"12 apples", "USD", 0, "unexpected text"},
		{"N/A", "USD", 0, "no digits"},
		{"1.5%", "USD", 0, "unexpected character"},
		{"١٢٣", "USD", 0, "no digits"}, // Arabic-Indic digits are not read
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in, tt.currency, tt.decimal)
		if err == nil {
			t.Errorf("ParseAmount(%q, %q) = %d, want error containing %q", tt.in, tt.currency, got, tt.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseAmount(%q, %q) error %q, want it to contain %q", tt.in, tt.currency, err, tt.wantErr)
		}
	}
}

func TestAmbiguousAmountIsRecognisable(t *testing.T) {
	_, err := ParseAmount("1,250", "USD", 0)
	if !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("error %v does not wrap ErrAmbiguous", err)
	}
	_, err = ParseAmount("12.505", "USD", '.')
	if errors.Is(err, ErrAmbiguous) {
		t.Fatalf("too many decimals reported as ambiguous: %v", err)
	}
}

func TestParseMoneyReportsTheCurrencyWrittenInTheAmount(t *testing.T) {
	tests := []struct{ in, currency, want string }{
		{"USD 12.00", "", "USD"},
		{"€12,00", "", "EUR"},
		{"$12.00", "", ""}, // "$" alone does not say which dollar
		{"$12.00", "cad", "CAD"},
		{"12.00", "usdt", "USDT"},
		{"R$ 12,00", "", "BRL"},
		{"12.00", "US Dollar", ""}, // not a code: ignored
		{"12.00", "€", "EUR"},      // a symbol in the currency column
	}
	for _, tt := range tests {
		_, code, err := ParseMoney(tt.in, tt.currency, 0)
		if err != nil || code != tt.want {
			t.Errorf("ParseMoney(%q, %q) code = %q, %v; want %q", tt.in, tt.currency, code, err, tt.want)
		}
	}
}

func TestCurrencyDigitsFollowsISO4217AndCryptoUnits(t *testing.T) {
	tests := map[string]int{
		"USD": 2, "eur": 2, "JPY": 0, "KRW": 0, "VND": 0, "BHD": 3, "KWD": 3, "OMR": 3, "TND": 3,
		"JOD": 3, "IQD": 3, "LYD": 3, "BTC": 8, "XBT": 8, "ETH": 9, "USDT": 6, "USDC": 6, "XMR": 12,
		"": 2, "ZZZ": 2, " usd ": 2,
	}
	for code, want := range tests {
		if got := CurrencyDigits(code); got != want {
			t.Errorf("CurrencyDigits(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestFormatAmountRoundTrips(t *testing.T) {
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{125000, "USD", "1250.00"},
		{-1250, "USD", "-12.50"},
		{5, "USD", "0.05"},
		{0, "USD", "0.00"},
		{1250, "JPY", "1250"},
		{125, "BHD", "0.125"},
		{12345, "BTC", "0.00012345"},
		{-9223372036854775808, "USD", "-92233720368547758.08"},
	}
	for _, tt := range tests {
		got := FormatAmount(tt.minor, tt.currency)
		if got != tt.want {
			t.Errorf("FormatAmount(%d, %q) = %q, want %q", tt.minor, tt.currency, got, tt.want)
		}
		if tt.minor == -9223372036854775808 {
			continue // one beyond what ParseAmount accepts, by design
		}
		back, err := ParseAmount(got, tt.currency, '.')
		if err != nil || back != tt.minor {
			t.Errorf("ParseAmount(FormatAmount(%d)) = %d, %v", tt.minor, back, err)
		}
	}
}
