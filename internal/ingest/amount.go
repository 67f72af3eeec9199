package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrAmbiguous is wrapped by the errors of ParseAmount and ParseDate when
// the value could be read two ways and nothing said which: the caller may
// count these apart, since a mapping file fixes them all at once.
var ErrAmbiguous = errors.New("ambiguous value")

type ambiguousError struct{ msg string }

func (e *ambiguousError) Error() string        { return e.msg }
func (e *ambiguousError) Is(target error) bool { return target == ErrAmbiguous }

// ParseAmount reads an amount exactly (no floating point) and returns it in
// minor units of currency (cents, satoshis...; see CurrencyDigits).
//
// It accepts grouping by ',', '.', spaces (also no-break and thin spaces)
// and apostrophes ("1,250.00", "1.250,00", "1 250,00", "1'250.00", Indian
// "1,25,000.00"); a sign before or after the number or parentheses for a
// negative ("-12.5", "12.50-", "(12.50)"); and a currency code or symbol
// before or after ("USD 1,250.00", "$1,250.00", "€1.250,00", "1 250,00 zł").
//
// When both '.' and ',' appear the last one is the decimal separator. One
// separator followed by exactly three digits ("1,250") could be either, and
// decimal ('.' or ',', from the mapping file; 0 if unknown) decides; without
// it the amount is rejected as ambiguous. decimal is only consulted then:
// a mixed-format ledger ("1,250.00" next to "1.250,00") reads correctly.
//
// More decimals than the currency has are an error unless they are zeros
// ("12.500" USD is 1250 cents; "12.505" USD is rejected), as are overflow
// and a currency written in the amount that contradicts currency.
func ParseAmount(s, currency string, decimal rune) (minor int64, err error) {
	minor, _, err = ParseMoney(s, currency, decimal)
	return minor, err
}

// ParseMoney is ParseAmount that also returns the currency the amount is
// in: currency if it is a code (or an unambiguous symbol such as "€"), else
// the one written in the amount ("USD 12", "€12"), else "".
func ParseMoney(s, currency string, decimal rune) (minor int64, code string, err error) {
	orig := strings.TrimSpace(s)
	s = orig
	if s == "" {
		return 0, "", errEmptyAmount
	}
	bad := func(format string, args ...any) (int64, string, error) {
		return 0, "", fmt.Errorf("amount %q: %s", orig, fmt.Sprintf(format, args...))
	}
	signs, neg := 0, false
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		signs, neg = 1, true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	start, end := -1, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start < 0 && (c == '.' || c == ',') && i+1 < len(s) && isDigit(s[i+1]) {
			start = i
		}
	}
	if start < 0 {
		return bad("no digits")
	}
	var found string
	for _, d := range [2]string{s[:start], s[end:]} {
		n, m, c, err := parseDecoration(d)
		if err != nil {
			return bad("%v", err)
		}
		signs += n
		neg = neg || m
		if c != "" {
			if found != "" && canonCurrency(found) != canonCurrency(c) {
				return bad("two currencies, %s and %s", found, c)
			}
			found = c
		}
	}
	if signs > 1 {
		return bad("more than one sign")
	}
	code = found
	currency = strings.TrimSpace(currency)
	if c, ok := symbolCurrency(currency); ok && c != "" {
		currency = c // a currency column holding "€"
	}
	if c, ok := currencyCode(currency); ok {
		if found != "" && canonCurrency(found) != canonCurrency(c) {
			return bad("written in %s but the currency is %s", found, c)
		}
		code = c
	}
	intPart, frac, err := splitNumber(s[start:end], decimal)
	if err != nil {
		var ae *ambiguousError
		if errors.As(err, &ae) {
			return 0, "", &ambiguousError{fmt.Sprintf("ambiguous amount %q: %s", orig, ae.msg)}
		}
		return bad("%v", err)
	}
	digits := CurrencyDigits(code)
	if len(frac) > digits {
		if strings.Trim(frac[digits:], "0") != "" {
			name := code
			if name == "" {
				name = "an unknown currency (assumed 2)"
			}
			return bad("%d decimal places, but %s has %d", len(strings.TrimRight(frac, "0")), name, digits)
		}
		frac = frac[:digits]
	}
	var v uint64
	for _, part := range [2]string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if v > (math.MaxInt64-uint64(part[i]-'0'))/10 {
				return bad("too large")
			}
			v = v*10 + uint64(part[i]-'0')
		}
	}
	for i := len(frac); i < digits; i++ {
		if v > math.MaxInt64/10 {
			return bad("too large")
		}
		v *= 10
	}
	if neg {
		return -int64(v), code, nil
	}
	return int64(v), code, nil
}

// parseDecoration reads what surrounds the digits: signs, a currency code,
// a symbol, spaces.
func parseDecoration(d string) (signs int, neg bool, code string, err error) {
	setCode := func(c string) error {
		if c == "" {
			return nil
		}
		if code != "" && canonCurrency(code) != canonCurrency(c) {
			return fmt.Errorf("two currencies, %s and %s", code, c)
		}
		code = c
		return nil
	}
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRuneInString(d[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r == '-' || r == '\u2212' || r == '\u2013':
			signs++
			neg = true
			i += size
		case r == '+':
			signs++
			i += size
		case unicode.IsLetter(r):
			j := i
			for j < len(d) {
				r2, s2 := utf8.DecodeRuneInString(d[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			word := d[i:j]
			if j < len(d) && (d[j] == '$' || strings.HasPrefix(d[j:], "¥")) {
				_, s2 := utf8.DecodeRuneInString(d[j:])
				j += s2
				word = d[i:j]
			}
			c, ok := symbolCurrency(word)
			if !ok {
				if c, ok = currencyCode(word); !ok {
					return 0, false, "", fmt.Errorf("unexpected text %q", word)
				}
			}
			if err := setCode(c); err != nil {
				return 0, false, "", err
			}
			if j < len(d) && d[j] == '.' { // "Rs. 500"
				j++
			}
			i = j
		default:
			c, ok := symbolCurrency(string(r))
			if !ok {
				return 0, false, "", fmt.Errorf("unexpected character %q", r)
			}
			if err := setCode(c); err != nil {
				return 0, false, "", err
			}
			i += size
		}
	}
	return signs, neg, code, nil
}

// canonCurrency folds aliases so "XBT" and "BTC" do not conflict.
func canonCurrency(c string) string {
	if c == "XBT" {
		return "BTC"
	}
	return c
}

// splitNumber separates the integer digits from the fraction digits of a
// number written with grouping and a decimal separator.
func splitNumber(num string, decimal rune) (intPart, frac string, err error) {
	var groups []string
	var seps []byte // '.', ',', ' ' (any space) or '\'' (any apostrophe)
	groupStart := 0
	lastWasSep := false
	for i := 0; i < len(num); {
		c := num[i]
		if isDigit(c) {
			i++
			lastWasSep = false
			continue
		}
		r, size := utf8.DecodeRuneInString(num[i:])
		var sep byte
		switch r {
		case '.', ',':
			sep = byte(r)
		case ' ', '\u00A0', '\u202F', '\u2009':
			sep = ' '
		case '\'', '\u2019':
			sep = '\''
		default:
			return "", "", fmt.Errorf("unexpected character %q", r)
		}
		if lastWasSep {
			return "", "", fmt.Errorf("two separators in a row")
		}
		groups = append(groups, num[groupStart:i])
		seps = append(seps, sep)
		i += size
		groupStart = i
		lastWasSep = true
	}
	groups = append(groups, num[groupStart:])

	n := len(seps)
	if n == 0 {
		return num, "", nil
	}
	if groups[0] == "" { // ".5", ",5"
		if n > 1 || (seps[0] != '.' && seps[0] != ',') {
			return "", "", fmt.Errorf("malformed number")
		}
		return "0", groups[1], nil
	}
	last := seps[n-1]
	isDecimal := false
	if last == '.' || last == ',' {
		other := byte(',')
		if last == ',' {
			other = '.'
		}
		count, hasOther, hasSpaceLike := 0, false, false
		for _, s := range seps {
			switch s {
			case last:
				count++
			case other:
				hasOther = true
			default:
				hasSpaceLike = true
			}
		}
		switch {
		case hasOther || (count == 1 && hasSpaceLike):
			isDecimal = true // the last of two kinds; or "1 250,00"
		case count > 1:
			isDecimal = false // "1,250,000"
		case len(groups[1]) != 3:
			isDecimal = true // "12,50", "0.00012345"
		case len(groups[0]) > 3 || groups[0][0] == '0':
			isDecimal = true // "1250.000", "0.125": not a thousands group
		case decimal == rune(last):
			isDecimal = true
		case decimal == rune(other):
			isDecimal = false
		default:
			return "", "", &ambiguousError{`decimal separator unknown (set "decimal" in a mapping file)`}
		}
	}
	intGroups, groupSeps := groups, seps
	if isDecimal {
		intGroups, groupSeps = groups[:n], seps[:n-1]
		frac = groups[n]
	}
	if len(groupSeps) > 0 {
		g := groupSeps[0]
		for _, s := range groupSeps {
			if s != g {
				return "", "", fmt.Errorf("mixed digit grouping")
			}
		}
		if !validGrouping(intGroups) {
			return "", "", fmt.Errorf("digit groups are not thousands")
		}
	}
	var b strings.Builder
	b.Grow(len(num))
	for _, g := range intGroups {
		b.WriteString(g)
	}
	return b.String(), frac, nil
}

// validGrouping accepts thousands grouping (1 to 3 digits, then groups of
// 3) and the Indian lakh/crore grouping (1 or 2 digits, groups of 2, a
// final group of 3).
func validGrouping(g []string) bool {
	if len(g[0]) < 1 || len(g[0]) > 3 {
		return false
	}
	western := true
	for _, x := range g[1:] {
		if len(x) != 3 {
			western = false
			break
		}
	}
	if western {
		return true
	}
	if len(g[0]) > 2 || len(g[len(g)-1]) != 3 {
		return false
	}
	for _, x := range g[1 : len(g)-1] {
		if len(x) != 2 {
			return false
		}
	}
	return true
}

// FormatAmount writes minor units back as a plain decimal number ("-1250.00"
// for USD, "1250" for JPY): no grouping, '.' as the decimal point, so that
// ParseAmount(FormatAmount(v, c), c, '.') == v.
func FormatAmount(minor int64, currency string) string {
	digits := CurrencyDigits(currency)
	neg := minor < 0
	u := uint64(minor)
	if neg {
		u = -u
	}
	s := strconv.FormatUint(u, 10)
	if digits > 0 {
		if len(s) <= digits {
			s = strings.Repeat("0", digits-len(s)+1) + s
		}
		s = s[:len(s)-digits] + "." + s[len(s)-digits:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
