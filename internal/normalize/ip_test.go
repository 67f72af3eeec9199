package normalize

import "testing"

func TestIPWrittenDifferentlyGivesOneKey(t *testing.T) {
	tests := []struct{ name, in, key string }{
		{"IPv4", "203.0.113.7", "ip:203.0.113.7"},
		{"IPv4 with port", "203.0.113.7:8080", "ip:203.0.113.7"},
		{"IPv4 with spaces", " 203.0.113.7 ", "ip:203.0.113.7"},
		{"IPv4-mapped IPv6", "::ffff:203.0.113.7", "ip:203.0.113.7"},
		{"IPv4-mapped in brackets with port", "[::ffff:cb00:7107]:443", "ip:203.0.113.7"},
		{"IPv6 compressed", "2001:db8::1", "ip:2001:db8::1"},
		{"IPv6 upper case and zeros", "2001:0DB8:0000:0000:0000:0000:0000:0001", "ip:2001:db8::1"},
		{"IPv6 with brackets and port", "[2001:db8::1]:443", "ip:2001:db8::1"},
		{"IPv6 in brackets", "[2001:db8::1]", "ip:2001:db8::1"},
		{"IPv6 zone dropped", "fe80::1%eth0", "ip:fe80::1"},
		{"URL-encoded zone dropped", "[fe80::1%25en0]:22", "ip:fe80::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := IP(tt.in)
			if err != nil {
				t.Fatalf("IP(%q): %v", tt.in, err)
			}
			if id.Key != tt.key {
				t.Errorf("IP(%q) = %q, want %q", tt.in, id.Key, tt.key)
			}
		})
	}
}

func TestIPMarksNonPublicRanges(t *testing.T) {
	tests := []struct{ in, rng string }{
		{"10.1.2.3", "private"}, {"172.16.0.9", "private"}, {"192.168.1.1", "private"},
		{"127.0.0.1", "loopback"}, {"::1", "loopback"}, {"100.64.0.1", "cgnat"},
		{"100.127.255.254", "cgnat"}, {"169.254.1.1", "link-local"}, {"fd00::1", "private"},
		{"0.0.0.0", "unspecified"}, {"203.0.113.7", ""}, {"8.8.8.8", ""}, {"100.128.0.1", ""},
	}
	for _, tt := range tests {
		id, err := IP(tt.in)
		if err != nil {
			t.Fatalf("IP(%q): %v", tt.in, err)
		}
		rng, _ := id.Attrs["range"].(string)
		if rng != tt.rng || (tt.rng != "") != (id.Attrs["private"] == true) {
			t.Errorf("IP(%q).Attrs = %v, want range %q", tt.in, id.Attrs, tt.rng)
		}
	}
}

func TestIPRejects(t *testing.T) {
	for _, in := range []string{"", "256.1.1.1", "1.2.3", "010.1.1.1", "example.com", "1.2.3.4:http",
		"[2001:db8::1", "[2001:db8::1]x", "1.2.3.4/24"} {
		if _, err := IP(in); err == nil {
			t.Errorf("IP(%q) succeeded, want error", in)
		}
	}
}
