// Package normalize turns the identifiers found in contractor records,
// payment ledgers and sanctions lists into graph-node keys, so that two
// records writing the same identifier differently produce the same key.
//
// Every function takes text written by the people under investigation: it
// never panics, never trusts lengths or encodings, and reports an *Error
// (with the value quoted) when a value is not an identifier of its kind.
package normalize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Node kinds produced by this package. They are the part of a Key before the
// first colon.
const (
	KindEmail    = "email"
	KindPhone    = "phone"
	KindAccount  = "account"
	KindWallet   = "wallet"
	KindIP       = "ip"
	KindHandle   = "handle"
	KindAddress  = "address"
	KindURL      = "url"
	KindDevice   = "device"
	KindPhoto    = "photo"
	KindDomain   = "domain"
	KindDocument = "document"
)

// maxInput bounds every raw value a function will look at. Real identifiers
// are far shorter; the bound keeps adversarial megabyte cells from costing
// quadratic work (base58 decoding, phone parsing) on a million-row import.
const maxInput = 1024

// ID is one normalised identifier, ready to become a graph node.
type ID struct {
	Kind  string         // node kind, one of the Kind constants
	Key   string         // "kind:value", e.g. "email:kim.sm@example.com"
	Label string         // display form for humans
	Attrs map[string]any // facts worth keeping, e.g. {"iban_valid": false}; nil if none
	Also  []ID           // additional keys the same value must also match; usually nil
}

// Error says why a value is not a valid identifier of its kind.
type Error struct {
	Kind   string // what the value was read as: "email", "iban", "wallet", ...
	Value  string // the offending value, cut to a readable length
	Reason string // short lower-case phrase
}

// Error quotes the value so that control characters written into a record
// cannot reach a terminal or log through the message.
func (e *Error) Error() string {
	return fmt.Sprintf("not %s: %q: %s", kindNoun(e.Kind), e.Value, e.Reason)
}

func kindNoun(kind string) string {
	switch kind {
	case KindEmail:
		return "an email address"
	case KindPhone:
		return "a phone number"
	case "iban":
		return "an IBAN"
	case KindAccount:
		return "a bank account"
	case KindWallet:
		return "a wallet address"
	case KindIP:
		return "an IP address"
	case KindHandle:
		return "a handle"
	case KindURL:
		return "a URL"
	case KindAddress:
		return "a postal address"
	case KindDevice:
		return "a device ID"
	case KindPhoto:
		return "a photo hash"
	case "payout":
		return "a payout account"
	}
	return "a valid " + kind
}

// errValueLen is how much of a rejected value an Error keeps: enough to find
// the record again, not enough to flood a log with an adversarial cell.
const errValueLen = 80

func newError(kind, value, reason string) *Error {
	if len(value) > errValueLen {
		cut := errValueLen
		for cut > 0 && !utf8.RuneStart(value[cut]) {
			cut--
		}
		value = value[:cut] + "…"
	}
	return &Error{Kind: kind, Value: value, Reason: reason}
}

// Empty reports whether a cell holds one of the placeholders spreadsheets and
// exports use for "no value". "0" is deliberately not one: it is a real (if
// odd) account number or device ID, and dropping it would hide data.
func Empty(raw string) bool {
	s := strings.TrimSpace(raw)
	if len(s) > 16 {
		return false
	}
	s = strings.Trim(s, `"'`)
	switch s {
	case "", "-", "--", "---", "—", "–", ".", "?", "[]", "{}", "#N/A", "#n/a":
		return true
	}
	for _, p := range emptyWords {
		if strings.EqualFold(s, p) {
			return true
		}
	}
	return false
}

var emptyWords = [...]string{
	"n/a", "na", "n.a.", "n.a", "none", "null", "nil", "nan", "undefined",
	"unknown", "not applicable", "not available", "tbd", "(none)", "(blank)",
}

// isASCII reports whether s has no multi-byte runes; most identifiers are
// ASCII and can skip Unicode normalisation entirely.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cleanLabel makes a display string safe to store: valid UTF-8, no control
// characters, trimmed. The UI sanitises again; this keeps the database clean.
func cleanLabel(s string) string {
	if isASCII(s) {
		clean := true
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] == 0x7f {
				clean = false
				break
			}
		}
		if clean {
			return strings.TrimSpace(s)
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	// Invalid bytes become a space, not U+FFFD: the label must stay no
	// longer than the input so that it normalises again to the same key.
	for _, r := range strings.ToValidUTF8(s, " ") {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// upperAlnum keeps only letters and digits, upper-cased, after folding
// compatibility forms (full-width digits) so that "de89-3704", "DE89 3704"
// and "ＤＥ８９３７０４" agree. It is the key of last resort for accounts.
func upperAlnum(s string) string {
	if !isASCII(s) {
		s = norm.NFKC.String(strings.ToValidUTF8(s, ""))
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteByte(byte(r - 'a' + 'A'))
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteByte(byte(r))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// hasControl reports control characters or invalid UTF-8, which no
// identifier of any kind contains.
func hasControl(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsControl(r) {
			return true
		}
		i += n
	}
	return false
}

// lowerASCII lower-cases ASCII letters only; identifiers whose case is
// meaningless (hex, UUIDs, host names) never need Unicode case mapping.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'a' && c <= 'z' {
					b[j] = c - ('a' - 'A')
				}
			}
			return string(b)
		}
	}
	return s
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// set builds the read-only word sets the classifiers look words up in.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
