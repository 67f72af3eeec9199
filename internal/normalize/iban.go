package normalize

import (
	"strings"
)

// IBAN normalises an International Bank Account Number. Spaces, dashes and
// dots are dropped, letters upper-cased, and a leading "IBAN" word removed.
//
// A value that fails the length or mod-97 check is not an error: a payout
// row with a mistyped IBAN still names an account someone was paid into, so
// it becomes "account:raw:<UPPERALNUM>" with Attrs iban_valid=false and
// iban_error ("country", "length", "format" or "checksum"). Only a value
// with no letters or digits at all is an error.
func IBAN(raw string) (ID, error) {
	if len(raw) > maxInput {
		return ID{}, newError("iban", raw, "too long")
	}
	s := upperAlnum(raw)
	for strings.HasPrefix(s, "IBAN") && len(s) > 4 {
		s = s[len("IBAN"):]
	}
	if s == "" {
		return ID{}, newError("iban", raw, "no letters or digits")
	}
	if reason := ibanProblem(s); reason != "" {
		return ID{
			Kind:  KindAccount,
			Key:   KindAccount + ":raw:" + s,
			Label: s,
			Attrs: map[string]any{"iban_valid": false, "iban_error": reason},
		}, nil
	}
	return ID{
		Kind:  KindAccount,
		Key:   KindAccount + ":iban:" + s,
		Label: groupsOf4(s),
		Attrs: map[string]any{"iban_valid": true, "country": s[:2]},
	}, nil
}

// ibanProblem returns "" for a valid IBAN (already upper-case alphanumeric)
// or what is wrong with it.
func ibanProblem(s string) string {
	if len(s) < 5 || !isUpperLetter(s[0]) || !isUpperLetter(s[1]) {
		return "format"
	}
	want, ok := ibanLength[s[:2]]
	if !ok {
		return "country"
	}
	if len(s) != want {
		return "length"
	}
	if !isDigit(s[2]) || !isDigit(s[3]) {
		return "format"
	}
	if !isASCII(s) {
		return "format"
	}
	if mod97(s[4:]+s[:4]) != 1 {
		return "checksum"
	}
	return ""
}

// mod97 computes the ISO 7064 MOD 97-10 remainder of an alphanumeric string
// with letters expanded to 10..35, without building the digit string.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return -1
		}
	}
	return r
}

// looksLikeIBAN reports whether an upper alphanumeric string has an IBAN's
// shape (registry country, two check digits, plausible length) even if its
// checksum fails; Payout uses it to tell a mistyped IBAN from other text.
func looksLikeIBAN(s string) bool {
	if len(s) < 15 || len(s) > 34 || !isUpperLetter(s[0]) || !isUpperLetter(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	_, ok := ibanLength[s[:2]]
	return ok
}

func groupsOf4(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

func isUpperLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }

// ibanLength is the IBAN length of every country in the SWIFT ISO 13616
// registry (release 99, 2025). Overseas territories that use their parent's
// code (GF, RE, IM, AX, ...) write IBANs starting with FR, GB or FI.
var ibanLength = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16,
	"BG": 22, "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22,
	"CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20,
	"EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22,
	"GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21,
	"HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30,
	"KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
	"MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
	"PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
	"RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24,
	"SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26,
	"UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
