package normalize

import (
	"net/netip"
	"net/url"
	"strings"
	"unicode"
)

// URL normalises a web address to "url:<host><path>": scheme, "www."/"m."
// host prefixes, default ports, user info, query string, fragment and
// trailing slashes dropped, the host lower-cased, the path kept as written
// (paths are case-sensitive on most servers). When the URL is a profile on
// a platform Handle knows, the handle's ID is returned in Also so the same
// account found in a "website" column meets the one in a "github" column.
func URL(raw string) (ID, error) {
	pu, reason := parseWebURL(raw)
	if reason != "" {
		return ID{}, newError(KindURL, raw, reason)
	}
	value := pu.host + pu.path
	id := ID{
		Kind:  KindURL,
		Key:   KindURL + ":" + value,
		Label: value,
		Attrs: map[string]any{"host": pu.host},
	}
	if h, ok := profileHandle(pu); ok {
		id.Also = []ID{h}
	}
	return id, nil
}

// parsedURL is a web URL reduced to the parts that identify a page.
type parsedURL struct {
	host  string     // lower-case, without www./m. and default port
	path  string     // escaped, without trailing slash
	segs  []string   // decoded path segments
	query url.Values // kept only for profile extraction (profile.php?id=)
}

func parseWebURL(raw string) (parsedURL, string) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return parsedURL{}, "empty"
	case len(s) > 2*maxInput:
		return parsedURL{}, "too long"
	case hasControl(s) || strings.ContainsAny(s, " \t"):
		return parsedURL{}, "contains spaces or control characters"
	}
	if i := strings.Index(s, "://"); i >= 0 {
		scheme := strings.ToLower(s[:i])
		if scheme != "http" && scheme != "https" {
			return parsedURL{}, "unsupported scheme"
		}
	} else {
		if strings.HasPrefix(s, "//") {
			s = "https:" + s
		} else {
			if strings.ContainsRune(s, '@') && !strings.ContainsRune(s, '/') {
				return parsedURL{}, "looks like an email address"
			}
			// A colon before the first slash is a scheme ("javascript:")
			// unless it introduces a port; later ones belong to the path.
			host, _, _ := strings.Cut(s, "/")
			if colon := strings.IndexByte(host, ':'); colon >= 0 && s[0] != '[' && !isPortStart(s[colon:]) {
				return parsedURL{}, "unsupported scheme"
			}
			s = "https://" + s
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return parsedURL{}, "unparseable"
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if host == "" {
		return parsedURL{}, "no host"
	}
	if _, err := netip.ParseAddr(host); err != nil {
		if !validHost(host) {
			return parsedURL{}, "invalid host name"
		}
		for _, p := range [...]string{"www.", "m.", "mobile."} {
			if strings.HasPrefix(host, p) && strings.Count(host, ".") > 1 {
				host = host[len(p):]
				break
			}
		}
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	var segs []string
	for seg := range strings.SplitSeq(strings.Trim(u.Path, "/"), "/") {
		if seg != "" {
			segs = append(segs, seg)
		}
	}
	return parsedURL{host: host, path: path, segs: segs, query: u.Query()}, ""
}

// isPortStart reports whether s (starting at a colon) is ":<digits>" up to
// the end or a slash, i.e. a host:port rather than a scheme.
func isPortStart(s string) bool {
	end := strings.IndexByte(s, '/')
	if end < 0 {
		end = len(s)
	}
	return isPort(s[:end])
}

func validHost(h string) bool {
	if len(h) > 253 || !strings.Contains(h, ".") {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if r != '-' && r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// looksLikeURL tells a profile link from a bare handle in a handle column:
// a scheme, or a first path element that is a dotted host name.
func looksLikeURL(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
		return true
	}
	host, _, _ := strings.Cut(s, "/")
	if strings.HasPrefix(host, "@") || !strings.Contains(host, ".") {
		return false
	}
	// "kim.dev" alone could be a handle with a dot; "kim.dev/x" or a
	// known platform host is a link.
	host = strings.ToLower(host)
	return strings.Contains(s, "/") || platformForHost(host) != "" || strings.HasSuffix(host, ".github.io")
}
