package normalize

import "testing"

func TestIBANWrittenDifferentlyGivesOneKey(t *testing.T) {
	const key = "account:iban:DE89370400440532013000"
	for _, in := range []string{
		"DE89370400440532013000",
		"DE89 3704 0044 0532 0130 00",
		"de89 3704 0044 0532 0130 00",
		"DE89-3704-0044-0532-0130-00",
		"DE89.3704.0044.0532.0130.00",
		"IBAN DE89 3704 0044 0532 0130 00",
		"IBAN: de89370400440532013000",
		" ＤＥ89 3704 0044 0532 0130 00 ",
	} {
		id, err := IBAN(in)
		if err != nil {
			t.Fatalf("IBAN(%q): %v", in, err)
		}
		if id.Key != key || id.Kind != KindAccount {
			t.Errorf("IBAN(%q) = %q, want %q", in, id.Key, key)
		}
		if id.Label != "DE89 3704 0044 0532 0130 00" {
			t.Errorf("IBAN(%q).Label = %q", in, id.Label)
		}
		if id.Attrs["iban_valid"] != true || id.Attrs["country"] != "DE" {
			t.Errorf("IBAN(%q).Attrs = %v", in, id.Attrs)
		}
	}
}

func TestIBANValidatesRegistryCountries(t *testing.T) {
	// Examples from the SWIFT IBAN registry, across its length range.
	for _, in := range []string{
		"NO9386011117947", "BE68539007547034", "GB29NWBK60161331926819",
		"FR1420041010050500013M02606", "MT84MALT011000012345MTLCAST001S",
		"LC55HEMM000100010012001200023015", "RU0204452560040702810412345678901",
		"BR1800360305000010009795493C1", "UA213223130000026007233566001",
		"KZ86125KZT5004100100", "XK051212012345678906", "QA58DOHB00001234567890ABCDEFG",
	} {
		id, err := IBAN(in)
		if err != nil || id.Attrs["iban_valid"] != true {
			t.Errorf("IBAN(%q) = %v, %v; want valid", in, id, err)
		}
	}
}

func TestIBANInvalidIsKeptAsFlaggedRawAccount(t *testing.T) {
	tests := []struct{ in, key, reason string }{
		{"DE89 3704 0044 0532 0130 01", "account:raw:DE89370400440532013001", "checksum"},
		{"DE89 3704 0044 0532 0130", "account:raw:DE893704004405320130", "length"},
		{"ZZ89 3704 0044 0532 0130 00", "account:raw:ZZ89370400440532013000", "country"},
		{"1234-5678", "account:raw:12345678", "format"},
		{"DEXX370400440532013000", "account:raw:DEXX370400440532013000", "format"},
	}
	for _, tt := range tests {
		id, err := IBAN(tt.in)
		if err != nil {
			t.Fatalf("IBAN(%q): %v", tt.in, err)
		}
		if id.Key != tt.key || id.Attrs["iban_valid"] != false || id.Attrs["iban_error"] != tt.reason {
			t.Errorf("IBAN(%q) = %q %v, want %q iban_error=%s", tt.in, id.Key, id.Attrs, tt.key, tt.reason)
		}
	}
}

func TestIBANErrorsOnlyWithoutAlphanumerics(t *testing.T) {
	for _, in := range []string{"", "   ", "---", "IBAN"} {
		_, err := IBAN(in)
		if in == "IBAN" {
			if err != nil {
				t.Errorf("IBAN(%q): %v; a bare word is still a raw value", in, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("IBAN(%q) succeeded, want error", in)
		}
	}
}

func TestBankAccount(t *testing.T) {
	tests := []struct {
		name, routing, number, country, key string
	}{
		{"US with country", "021000021", "123456789", "US", "account:us:021000021:123456789"},
		{"US spelled out", "021000021", "123456789", "United States", "account:us:021000021:123456789"},
		{"US implied by nine digits", "021000021", "1234-5678 9", "", "account:us:021000021:123456789"},
		{"routing with dashes", "0210-0002-1", "123456789", "USA", "account:us:021000021:123456789"},
		{"no routing", "", "12 3456 789", "", "account:raw:123456789"},
		{"UK sort code", "20-00-00", "55779911", "GB", "account:gb:200000:55779911"},
		{"India IFSC", "hdfc0001234", "50100012345678", "IN", "account:in:HDFC0001234:50100012345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := BankAccount(tt.routing, tt.number, tt.country)
			if err != nil {
				t.Fatalf("BankAccount: %v", err)
			}
			if id.Key != tt.key {
				t.Errorf("key = %q, want %q", id.Key, tt.key)
			}
		})
	}
}

func TestBankAccountRejects(t *testing.T) {
	tests := []struct{ name, routing, number, country, reason string }{
		{"bad ABA checksum", "021000022", "123456789", "US", "routing number fails the ABA checksum"},
		{"short routing", "02100002", "123456789", "US", "routing number is not 9 digits"},
		{"all zeros", "000000000", "123456789", "", "routing number is all zeros"},
		{"letters in US account", "021000021", "12AB5678", "US", "US account number has letters"},
		{"no account", "021000021", " - ", "US", "no account number"},
		{"bank code without country", "HDFC0001234", "501000", "", "bank code without a country"},
		{"unknown country", "1", "2", "Atlantis", "unknown country"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := BankAccount(tt.routing, tt.number, tt.country)
			e, ok := err.(*Error)
			if !ok || e.Reason != tt.reason {
				t.Errorf("err = %v, want reason %q", err, tt.reason)
			}
		})
	}
}
