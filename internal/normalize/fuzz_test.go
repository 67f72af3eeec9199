package normalize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkID asserts what every successful result must satisfy, whatever
// the input: a key of the form "kind:value", valid UTF-8 without control
// characters in key and label, and the same for every Also entry.
func checkID(t *testing.T, in string, id ID) {
	t.Helper()
	ids := append([]ID{id}, id.Also...)
	for _, x := range ids {
		if x.Kind == "" || !strings.HasPrefix(x.Key, x.Kind+":") || len(x.Key) == len(x.Kind)+1 {
			t.Fatalf("%q: key %q does not start with kind %q and a value", in, x.Key, x.Kind)
		}
		for _, s := range []string{x.Key, x.Label} {
			if !utf8.ValidString(s) {
				t.Fatalf("%q: invalid UTF-8 in %q", in, s)
			}
			if strings.IndexFunc(s, unicode.IsControl) >= 0 {
				t.Fatalf("%q: control character in %q", in, s)
			}
		}
	}
}

// checkErr asserts errors are *Error whose message is printable.
func checkErr(t *testing.T, in string, err error) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("%q: error %T, want *Error", in, err)
	}
	if msg := e.Error(); !utf8.ValidString(msg) || strings.IndexFunc(msg, unicode.IsControl) >= 0 {
		t.Fatalf("%q: unprintable error %q", in, msg)
	}
}

func FuzzEmail(f *testing.F) {
	for _, s := range []string{"kim.sm+work@gmail.com", "Kim <Kim@Example.com>", "mailto:a@b.co?x=1",
		"kim@bücher.example", "a@b@c", "@", "<>", `"x" <y@z.com>`, "K.I.M@googlemail.com", "İ@x.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := Email(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		again, err := Email(id.Label)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: Email(Label %q) = %q, %v; want %q", in, id.Label, again.Key, err, id.Key)
		}
		if len(id.Also) > 0 {
			folded, err := Email(id.Also[0].Label)
			if err != nil || folded.Key != id.Also[0].Key || len(folded.Also) != 0 {
				t.Fatalf("%q: folded form %q is not a fixed point: %v %v", in, id.Also[0].Label, folded, err)
			}
		}
	})
}

func FuzzPhone(f *testing.F) {
	for _, s := range [][2]string{{"+82 10-1234-5678", ""}, {"(555) 010-2345", "US"}, {"00 82 10 1234 5678", "US"},
		{"tel:+1-202-555-0143;ext=123", ""}, {"011 44 20 7946 0958", "US"}, {"０１０－１２３４－５６７８", "KR"}, {"+", "ZZ"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, in, region string) {
		id, err := Phone(in, region)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		if id.Attrs["type"] == "unknown" {
			// Possible but not valid anywhere: libphonenumber's reading of
			// such numbers (leading zeros, vanity letters) is not a fixed
			// point of its own formatting, so only the invariants apply.
			return
		}
		again, err := Phone(id.Label, "")
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q/%q: Phone(Label %q) = %q, %v; want %q", in, region, id.Label, again.Key, err, id.Key)
		}
	})
}

func FuzzIBAN(f *testing.F) {
	for _, s := range []string{"DE89 3704 0044 0532 0130 00", "iban: gb29 nwbk 6016 1331 9268 19", "IBANIBAN12",
		"ＤＥ89", "---", "MT84MALT011000012345MTLCAST001S", "счёт 12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := IBAN(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		again, err := IBAN(id.Label)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: IBAN(Label %q) = %q, %v; want %q", in, id.Label, again.Key, err, id.Key)
		}
		if valid := id.Attrs["iban_valid"] == true; valid != strings.HasPrefix(id.Key, "account:iban:") {
			t.Fatalf("%q: iban_valid=%v but key %q", in, id.Attrs["iban_valid"], id.Key)
		}
	})
}

func FuzzWallet(f *testing.F) {
	for _, s := range []string{"XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96",
		"bc1qq7p0es3dv5hcynjjf40f2xjjr6qp5py47d2f6n847vduuq9gvnyq7y9ecd", "USDT (TRC20) TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j",
		"bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "XRP rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66.",
		"XMR 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320", "So11111111111111111111111111111111111111112",
		"ethereum:0x97b1043abd9e6fc31681635166d430a458d14f9c@1", "bitcoin:", "ETH:", "1111111111111111111111111"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := Wallet(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		if id.Attrs["chain"] != strings.Split(id.Key, ":")[1] {
			t.Fatalf("%q: chain %v disagrees with key %q", in, id.Attrs["chain"], id.Key)
		}
		relabel := id.Label
		if id.Attrs["verified"] == false {
			// Only the ticker vouched for it; it must come along.
			relabel = id.Attrs["ticker"].(string) + " " + id.Label
		}
		again, err := Wallet(relabel)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: Wallet(%q) = %q, %v; want %q", in, relabel, again.Key, err, id.Key)
		}
	})
}

func FuzzAddress(f *testing.F) {
	for _, s := range []string{"1234 Oak St Apt 4B, Springfield, IL 62704, US", "1234 OAK STREET, APT. 4B",
		"P.O. Box 12, Pyongyang, Korea, North", "Hauptstraße 5, 10115 Berlin, Deutschland", "Số 1 Đường Láng, Hà Nội",
		"#", "U.S.A.", "1 St. Mary's Rd", "X UNITED, KINGDOM", "Apt 4-B", "Street Lucia", "서울 강남구"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := Address(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		again, err := Address(id.Label)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: Address(Label %q) = %q, %v; want %q", in, id.Label, again.Key, err, id.Key)
		}
		value := strings.TrimPrefix(id.Key, "address:")
		again, err = Address(value)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: Address(%q) = %q, %v; want the same key", in, value, again.Key, err)
		}
	})
}

func FuzzPayout(f *testing.F) {
	for _, s := range [][3]string{{"PayPal", "kim@example.com", ""}, {"", "ACH 021000021 123456789", ""},
		{"IBAN", "de89 3704 0044 0532 0130 01", ""}, {"USDT", "TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", ""},
		{"M-Pesa", "0712 345 678", "KE"}, {"Payoneer", "Payoneer ID: 1234-5678", ""}, {"", "routing 021000021 account 123456789", ""},
		{"Crypto", "XMR 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320", ""}, {"", "n/a", ""}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, method, in, region string) {
		id, err := Payout(method, in, region)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		relabel := id.Label
		if ticker, ok := id.Attrs["ticker"].(string); ok && id.Kind == KindWallet {
			relabel = ticker + " " + id.Label
		}
		again, err := Payout(method, relabel, region)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q/%q: Payout(%q) = %q, %v; want %q", method, in, relabel, again.Key, err, id.Key)
		}
	})
}

func FuzzHandle(f *testing.F) {
	for _, s := range [][2]string{{"https://github.com/Kim-Dev/", ""}, {"@kim", "twitter"}, {"in/kim-sm", "linkedin"},
		{"t.me/s/kim", ""}, {"https://www.facebook.com/profile.php?id=1", ""}, {"live:.cid.1", "skype"}, {"kim.github.io", ""}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, in, platform string) {
		id, err := Handle(in, platform)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		if id.Kind == KindURL {
			return // URL's own fuzz target covers these
		}
		again, err := Handle(id.Label, platform)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q/%q: Handle(Label %q) = %q, %v; want %q", in, platform, id.Label, again.Key, err, id.Key)
		}
	})
}

func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://WWW.Example.com:443/Path/?q=1#x", "example.com/a%20b/", "http://[2001:db8::1]:8080/x",
		"//m.example.com", "javascript:alert(1)", "https://user@host.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := URL(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		again, err := URL(id.Label)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: URL(Label %q) = %q, %v; want %q", in, id.Label, again.Key, err, id.Key)
		}
	})
}

func FuzzIP(f *testing.F) {
	for _, s := range []string{"203.0.113.7:8080", "[2001:db8::1]:443", "::ffff:10.0.0.1", "fe80::1%eth0", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := IP(in)
		if err != nil {
			checkErr(t, in, err)
			return
		}
		checkID(t, in, id)
		again, err := IP(id.Label)
		if err != nil || again.Key != id.Key {
			t.Fatalf("%q: IP(Label %q) = %q, %v", in, id.Label, again.Key, err)
		}
	})
}

func FuzzDevicePhoto(f *testing.F) {
	for _, s := range []string{"{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "001A.2B3C.4D5E", "sha256:ABCDEF", "md5:x", "Mac  Pro"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if id, err := Device(in); err != nil {
			checkErr(t, in, err)
		} else {
			checkID(t, in, id)
			if again, err := Device(id.Label); err != nil || again.Key != id.Key {
				t.Fatalf("%q: Device(Label %q) = %q, %v", in, id.Label, again.Key, err)
			}
		}
		if id, err := Photo(in); err != nil {
			checkErr(t, in, err)
		} else {
			checkID(t, in, id)
			if again, err := Photo(id.Label); err != nil || again.Key != id.Key {
				t.Fatalf("%q: Photo(Label %q) = %q, %v", in, id.Label, again.Key, err)
			}
		}
	})
}
