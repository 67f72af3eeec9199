package normalize

import "testing"

func TestPayoutClassifiesTheCell(t *testing.T) {
	tests := []struct {
		name, method, raw, region string
		kind, key                 string
	}{
		{"PayPal email", "PayPal", "Kim.SM@Example.com", "", KindEmail, "email:kim.sm@example.com"},
		{"labelled email", "", "PayPal: kim.sm@example.com", "", KindEmail, "email:kim.sm@example.com"},
		{"Payoneer email", "Payoneer", "payoneer kim.sm@example.com", "", KindEmail, "email:kim.sm@example.com"},
		{"IBAN with method", "IBAN", "de89 3704 0044 0532 0130 00", "", KindAccount, "account:iban:DE89370400440532013000"},
		{"IBAN under Wise", "Wise", "DE89-3704-0044-0532-0130-00", "", KindAccount, "account:iban:DE89370400440532013000"},
		{"IBAN without method", "", "IBAN: DE89370400440532013000", "", KindAccount, "account:iban:DE89370400440532013000"},
		{"IBAN after a label", "", "Account: DE89 3704 0044 0532 0130 00", "", KindAccount, "account:iban:DE89370400440532013000"},
		{"USDT method on a Tron address", "USDT", "TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "", KindWallet, "wallet:trx:TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j"},
		{"ticker in the cell", "Crypto", "USDT TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "", KindWallet, "wallet:trx:TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j"},
		{"ethereum without method", "", "0x97b1043abd9e6fc31681635166d430a458d14f9c", "", KindWallet, "wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c"},
		{"bitcoin under a bank method still a wallet", "Bank", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "", KindWallet, "wallet:btc:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"},
		{"ACH words", "ACH", "ACH 021000021 123456789", "", KindAccount, "account:us:021000021:123456789"},
		{"ACH slash", "", "021000021/123456789", "", KindAccount, "account:us:021000021:123456789"},
		{"ACH labelled", "", "routing 021000021 account 123456789", "", KindAccount, "account:us:021000021:123456789"},
		{"ACH labelled reversed", "Wire", "Acct: 123456789, RTN: 021000021", "", KindAccount, "account:us:021000021:123456789"},
		{"ACH with bank name and dashes", "Bank", "Chase 021000021 1234-5678-9", "", KindAccount, "account:us:021000021:123456789"},
		{"mobile money national", "M-Pesa", "0712 345 678", "KE", KindPhone, "phone:+254712345678"},
		{"international phone without method", "", "+82 10-1234-5678", "", KindPhone, "phone:+821012345678"},
		{"raw account", "Payoneer", "Payoneer ID: 1234-5678", "", KindAccount, "account:raw:12345678"},
		{"raw account lower case and spaces", "Skrill", "ab 12-cd 34", "", KindAccount, "account:raw:AB12CD34"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Payout(tt.method, tt.raw, tt.region)
			if err != nil {
				t.Fatalf("Payout(%q, %q): %v", tt.method, tt.raw, err)
			}
			if id.Kind != tt.kind || id.Key != tt.key {
				t.Errorf("Payout(%q, %q) = %s %q, want %s %q", tt.method, tt.raw, id.Kind, id.Key, tt.kind, tt.key)
			}
		})
	}
}

func TestPayoutSameAccountWrittenDifferentlyGivesOneKey(t *testing.T) {
	groups := []struct {
		method string
		ins    []string
	}{
		{"Payoneer", []string{"4455-6677-88", "4455 6677 88", "445566 7788", "Payoneer 4455667788", "account no. 4455667788"}},
		{"Wise", []string{"GB29 NWBK 6016 1331 9268 19", "gb29nwbk60161331926819", "GB29-NWBK-6016-1331-9268-19"}},
		{"", []string{"ACH 021000021 123456789", "021000021/123456789", "routing 021000021 account 123456789", "ABA: 021000021 Acct #: 123-456-789"}},
		{"USDT", []string{"TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "USDT TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "USDT (TRC20): TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j"}},
	}
	for _, g := range groups {
		var want string
		for _, in := range g.ins {
			id, err := Payout(g.method, in, "")
			if err != nil {
				t.Fatalf("Payout(%q, %q): %v", g.method, in, err)
			}
			if want == "" {
				want = id.Key
			} else if id.Key != want {
				t.Errorf("Payout(%q, %q) = %q, want %q", g.method, in, id.Key, want)
			}
		}
	}
}

func TestPayoutFlagsDamagedValues(t *testing.T) {
	tests := []struct {
		name, method, raw string
		key, attr, value  string
	}{
		{"IBAN bad checksum", "IBAN", "DE89 3704 0044 0532 0130 01", "account:raw:DE89370400440532013001", "iban_error", "checksum"},
		{"IBAN-shaped without method", "", "DE89 3704 0044 0532 0130 01", "account:raw:DE89370400440532013001", "iban_error", "checksum"},
		{"wallet bad checksum", "", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfK", "account:raw:1D6GG9IKEHPITTCWRJINIUJ1JYM2HNEAFK", "wallet_error", "bad base58check checksum"},
		{"labelled routing fails ABA", "ACH", "routing 021000022 account 123456789", "account:raw:ROUTING021000022ACCOUNT123456789", "bank_error", "routing number fails the ABA checksum"},
		{"method kept", "Payoneer", "55-66", "account:raw:5566", "method", "Payoneer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Payout(tt.method, tt.raw, "")
			if err != nil {
				t.Fatalf("Payout: %v", err)
			}
			if id.Key != tt.key || id.Attrs[tt.attr] != tt.value {
				t.Errorf("Payout(%q, %q) = %q %v, want %q %s=%s", tt.method, tt.raw, id.Key, id.Attrs, tt.key, tt.attr, tt.value)
			}
		})
	}
}

func TestPayoutRejectsPlaceholders(t *testing.T) {
	for _, in := range []string{"", "n/a", "-", "none", "---", "  "} {
		_, err := Payout("PayPal", in, "")
		if err == nil {
			t.Errorf("Payout(%q) succeeded, want error", in)
		}
	}
	if _, err := Payout("", "/// ...", ""); err == nil {
		t.Error("punctuation-only cell accepted")
	}
}
