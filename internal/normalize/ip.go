package normalize

import (
	"net/netip"
	"strings"
)

// IP normalises an IPv4 or IPv6 address with net/netip: IPv6 in its
// canonical compressed lower-case form, IPv4-mapped IPv6 unmapped to IPv4,
// brackets, a port ("1.2.3.4:8080", "[2001:db8::1]:443") and a zone
// dropped. Attrs mark addresses that cannot locate anyone on the internet
// (private, loopback, CGNAT, link-local, ...) with private=true and a
// "range" name, so an investigator does not chase a 10.0.0.1.
func IP(raw string) (ID, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ID{}, newError(KindIP, raw, "empty")
	}
	if len(s) > 100 {
		return ID{}, newError(KindIP, raw, "too long")
	}
	host := s
	switch {
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return ID{}, newError(KindIP, raw, `unclosed "["`)
		}
		host = s[1:end]
		if rest := s[end+1:]; rest != "" && !isPort(rest) {
			return ID{}, newError(KindIP, raw, "text after the address")
		}
	case strings.Count(s, ":") == 1:
		// One colon is IPv4 with a port; IPv6 has at least two.
		h, port, _ := strings.Cut(s, ":")
		if !isPort(":" + port) {
			return ID{}, newError(KindIP, raw, "bad port")
		}
		host = h
	}
	// URLs write the zone as "%25eth0"; the zone names an interface on the
	// machine that logged the address and means nothing elsewhere.
	if pct := strings.IndexByte(host, '%'); pct >= 0 {
		host = host[:pct]
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return ID{}, newError(KindIP, raw, "not an IPv4 or IPv6 address")
	}
	addr = addr.Unmap().WithZone("")
	text := addr.String()
	id := ID{Kind: KindIP, Key: KindIP + ":" + text, Label: text}
	if r := ipRange(addr); r != "" {
		id.Attrs = map[string]any{"private": true, "range": r}
	}
	return id, nil
}

func isPort(s string) bool {
	if len(s) < 2 || len(s) > 6 || s[0] != ':' {
		return false
	}
	return isDigits(s[1:])
}

var (
	cgnat    = netip.MustParsePrefix("100.64.0.0/10")
	benchNet = netip.MustParsePrefix("198.18.0.0/15")
)

// ipRange names the range an address is in when it is not a public
// unicast address, or "". Documentation ranges (192.0.2.0/24, 2001:db8::/32)
// are left public: samples use them as stand-ins for real addresses.
func ipRange(a netip.Addr) string {
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.Is4() && cgnat.Contains(a):
		return "cgnat"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsMulticast():
		return "multicast"
	case a.Is4() && benchNet.Contains(a):
		return "benchmark"
	}
	return ""
}
