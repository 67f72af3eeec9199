package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Email normalises an email address: it accepts "mailto:" links and
// "Display Name <addr>" forms, lower-cases the whole address (providers
// treat local parts case-insensitively in practice) and keeps an IDN domain
// in Unicode, NFC-composed.
//
// The folded form — "+tag" dropped for every domain, and for Gmail the dots
// in the local part dropped and googlemail.com mapped to gmail.com — is
// returned in Also when it differs, because one mailbox written two ways is
// the commonest way a contractor hides a second account.
func Email(raw string) (ID, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ID{}, newError(KindEmail, raw, "empty")
	}
	if len(s) > maxInput {
		return ID{}, newError(KindEmail, raw, "too long")
	}
	var display string
	if lt := strings.LastIndexByte(s, '<'); lt >= 0 {
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			return ID{}, newError(KindEmail, raw, `unclosed "<"`)
		}
		display = strings.Trim(strings.TrimSpace(s[:lt]), `"' `)
		s = strings.TrimSpace(s[lt+1 : lt+gt])
	}
	if hasPrefixFold(s, "mailto:") {
		s = s[len("mailto:"):]
		if q := strings.IndexByte(s, '?'); q >= 0 {
			s = s[:q]
		}
	}
	s = strings.Trim(s, `"'`)
	s = strings.TrimRight(s, ".")

	if isASCII(s) {
		s = lowerASCII(s)
	} else {
		s = norm.NFC.String(strings.ToLower(s))
	}
	local, domain, reason := splitEmail(s)
	if reason != "" {
		return ID{}, newError(KindEmail, raw, reason)
	}

	id := ID{
		Kind:  KindEmail,
		Key:   KindEmail + ":" + s,
		Label: s,
		Attrs: map[string]any{"domain": domain},
	}
	if display != "" {
		id.Attrs["display_name"] = cleanLabel(display)
	}
	if folded := foldEmail(local, domain); folded != s {
		id.Also = []ID{{
			Kind:  KindEmail,
			Key:   KindEmail + ":" + folded,
			Label: folded,
			Attrs: map[string]any{"domain": folded[strings.IndexByte(folded, '@')+1:], "folded": true},
		}}
	}
	return id, nil
}

// splitEmail validates a lower-cased address and returns its parts, or a
// reason it is not an address.
func splitEmail(s string) (local, domain, reason string) {
	at := strings.IndexByte(s, '@')
	if at < 0 {
		return "", "", `missing "@"`
	}
	if strings.IndexByte(s[at+1:], '@') >= 0 {
		return "", "", `more than one "@"`
	}
	local, domain = s[:at], s[at+1:]
	switch {
	case local == "":
		return "", "", "empty local part"
	case domain == "":
		return "", "", "empty domain"
	case len(local) > 64:
		return "", "", "local part too long"
	case len(s) > 254:
		return "", "", "too long"
	}
	for _, r := range local {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFFFD' {
			return "", "", "contains spaces or control characters"
		}
		if strings.ContainsRune(`<>()[]\,;:"`, r) {
			return "", "", "forbidden character in local part"
		}
	}
	if !strings.Contains(domain, ".") {
		return "", "", "domain has no dot"
	}
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" {
			return "", "", "empty domain label"
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return "", "", "domain label starts or ends with a hyphen"
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
				return "", "", "forbidden character in domain"
			}
		}
	}
	return local, domain, ""
}

// foldEmail returns the address a mail provider actually delivers to.
func foldEmail(local, domain string) string {
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" && strings.IndexByte(local, '.') >= 0 {
		if l := strings.ReplaceAll(local, ".", ""); l != "" {
			local = l
		}
	}
	return local + "@" + domain
}
