package normalize

import "testing"

func TestPhoneWrittenDifferentlyGivesOneKey(t *testing.T) {
	tests := []struct{ name, in, region, key string }{
		{"international with dashes", "+82 10-1234-5678", "", "phone:+821012345678"},
		{"international compact", "+821012345678", "US", "phone:+821012345678"},
		{"00 prefix without region", "00 82 10 1234 5678", "", "phone:+821012345678"},
		{"00 prefix read in the US", "00 82 10 1234 5678", "US", "phone:+821012345678"},
		{"Korean IDD from Korea", "001 82 10 1234 5678", "KR", "phone:+821012345678"},
		{"national with region", "010-1234-5678", "KR", "phone:+821012345678"},
		{"lower-case region", "010 1234 5678", "kr", "phone:+821012345678"},
		{"US national with parentheses", "(555) 010-2345", "US", "phone:+15550102345"},
		{"dots", "+1.555.010.2345", "", "phone:+15550102345"},
		{"tel URI", "tel:+1-555-010-2345", "", "phone:+15550102345"},
		{"US dialling out with 011", "011 44 20 7946 0958", "US", "phone:+442079460958"},
		{"label before number", "Mobile: +44 20 7946 0958", "", "phone:+442079460958"},
		{"UK as region", "020 7946 0958", "UK", "phone:+442079460958"},
		{"extension x", "+1 202 555 0143 x123", "", "phone:+12025550143"},
		{"extension ext.", "+1 202-555-0143 ext. 123", "", "phone:+12025550143"},
		{"RFC 3966 extension", "tel:+1-202-555-0143;ext=123", "", "phone:+12025550143"},
		{"region ignored when number has +", "+86 138 0013 8000", "KR", "phone:+8613800138000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Phone(tt.in, tt.region)
			if err != nil {
				t.Fatalf("Phone(%q, %q): %v", tt.in, tt.region, err)
			}
			if id.Key != tt.key {
				t.Errorf("Phone(%q, %q) = %q, want %q", tt.in, tt.region, id.Key, tt.key)
			}
		})
	}
}

func TestPhoneLabelAndAttrs(t *testing.T) {
	tests := []struct {
		in, label, region, typ, ext string
	}{
		{"+82 10 1234 5678", "+82 10-1234-5678", "KR", "mobile", ""},
		{"+1 202 555 0143 x123", "+1 202-555-0143", "US", "fixed_line_or_mobile", "123"},
		{"+44 56 1234 5678", "+44 56 1234 5678", "GB", "voip", ""},
		{"+1 800 555 0100", "+1 800-555-0100", "US", "toll_free", ""},
	}
	for _, tt := range tests {
		id, err := Phone(tt.in, "")
		if err != nil {
			t.Fatalf("Phone(%q): %v", tt.in, err)
		}
		if id.Label != tt.label {
			t.Errorf("Phone(%q).Label = %q, want %q", tt.in, id.Label, tt.label)
		}
		if id.Attrs["region"] != tt.region || id.Attrs["type"] != tt.typ {
			t.Errorf("Phone(%q).Attrs = %v, want region %s type %s", tt.in, id.Attrs, tt.region, tt.typ)
		}
		if ext, _ := id.Attrs["ext"].(string); ext != tt.ext {
			t.Errorf("Phone(%q) ext = %q, want %q", tt.in, ext, tt.ext)
		}
	}
}

func TestPhoneRejects(t *testing.T) {
	tests := []struct{ in, region, reason string }{
		{"010-1234-5678", "", "no country code and no default region"},
		{"(555) 010-2345", "", "no country code and no default region"},
		{"555 0100", "USA", "default region is not a two-letter country code"},
		{"", "US", "empty"},
		{"+1 555", "", "not a possible number"},
		{"+999 1234 5678", "", "invalid country code"},
		{"call me maybe", "US", "not a number"},
		{"12", "US", "not a possible number"},
	}
	for _, tt := range tests {
		_, err := Phone(tt.in, tt.region)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Phone(%q, %q) err = %v, want *Error", tt.in, tt.region, err)
			continue
		}
		if e.Reason != tt.reason {
			t.Errorf("Phone(%q, %q) reason = %q, want %q", tt.in, tt.region, e.Reason, tt.reason)
		}
	}
}
