package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how to read a numeric date whose day and month could be
// swapped ("03/05/2024").
type DateOrder int

// Date orders. Auto reads a slash or dash date only when one part is over
// 12 (or both are equal) and rejects the rest as ambiguous.
const (
	Auto DateOrder = iota
	DMY
	MDY
	YMD
)

// String returns the order as written in a mapping file.
func (o DateOrder) String() string {
	switch o {
	case DMY:
		return "dmy"
	case MDY:
		return "mdy"
	case YMD:
		return "ymd"
	}
	return "auto"
}

// ParseDateOrder reads "dmy", "mdy", "ymd" or "auto" (a flag or mapping value).
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "dmy":
		return DMY, nil
	case "mdy":
		return MDY, nil
	case "ymd":
		return YMD, nil
	}
	return Auto, fmt.Errorf("date_order %q: want dmy, mdy or ymd", s)
}

// ParseDate reads the dates found in exports and ledgers:
//
//	2024-03-05  2024-03-05T10:04:00Z  2024-03-05 10:04:00.5+02:00  2024/03/05  20240305
//	05.03.2024 (dotted dates are always day first, the European convention)
//	5 Mar 2024  05-Mar-2024  Mar 5, 2024  March 5, 2024  Tue, 5th March 2024
//	03/05/2024  5/3/24  3-5-2024 (day/month by order; see DateOrder)
//
// A time may follow the date ("10:04", "10:04:05.123", "10:04 PM") with an
// offset ("Z", "UTC", "GMT", "+02:00", "+0200", "-05"); without one the
// time is UTC. Two-digit years 00–69 are 2000–2069 and 70–99 are 1970–1999
// (so a birth year written "65" is read as 2065: check DOBs against the
// import date). Bare numbers other than YYYYMMDD, such as Unix timestamps,
// are rejected: seconds, milliseconds and Excel serial days cannot be told
// apart. Impossible calendar dates ("31/02/2024") are errors.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	orig := strings.TrimSpace(s)
	bad := func(format string, args ...any) (time.Time, error) {
		return time.Time{}, fmt.Errorf("date %q: %s", orig, fmt.Sprintf(format, args...))
	}
	if orig == "" {
		return bad("empty")
	}
	datePart, timePart := orig, ""
	if k := strings.IndexByte(orig, ':'); k >= 0 {
		ts := k
		for ts > 0 && isDigit(orig[ts-1]) {
			ts--
		}
		if ts == 0 || ts == k {
			return bad("a time needs a date before it")
		}
		if c := orig[ts-1]; c != ' ' && c != 'T' && c != 't' {
			return bad("unexpected %q before the time", c)
		}
		datePart = strings.TrimRight(orig[:ts-1], " ,")
		timePart = orig[ts:]
	}
	y, m, d, err := parseDay(datePart, order)
	if err != nil {
		if ae, ok := err.(*ambiguousError); ok {
			return time.Time{}, &ambiguousError{fmt.Sprintf("ambiguous date %q: %s", orig, ae.msg)}
		}
		return bad("%v", err)
	}
	hh, mm, ss, ns, loc := 0, 0, 0, 0, time.UTC
	if timePart != "" {
		if hh, mm, ss, ns, loc, err = parseClock(timePart); err != nil {
			return bad("%v", err)
		}
	}
	if y < 1 || y > 9999 {
		return bad("year %d out of range", y)
	}
	if m < 1 || m > 12 {
		return bad("month %d does not exist", m)
	}
	if d < 1 || d > daysIn(y, m) {
		return bad("%s %d has no day %d", time.Month(m), y, d)
	}
	return time.Date(y, time.Month(m), d, hh, mm, ss, ns, loc), nil
}

type dateToken struct {
	num  string // digits, or
	word string // letters
	sep  byte   // separator before this token (0 for the first or none)
}

// parseDay reads the calendar part of a date.
func parseDay(s string, order DateOrder) (y, m, d int, err error) {
	if len(s) == 8 && allDigits(s) {
		return atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]), nil
	}
	if allDigits(s) {
		return 0, 0, 0, fmt.Errorf("a bare number is not a date (Unix timestamps and serial numbers are not accepted)")
	}
	toks, err := tokenizeDate(s)
	if err != nil {
		return 0, 0, 0, err
	}
	hasWord := false
	for _, t := range toks {
		if t.word != "" {
			hasWord = true
		}
	}
	if hasWord {
		return wordDate(toks)
	}
	if len(toks) != 3 || toks[1].sep != toks[2].sep || toks[1].sep == ' ' || toks[1].sep == ',' {
		return 0, 0, 0, fmt.Errorf("not a recognised date format")
	}
	a, b, c := toks[0].num, toks[1].num, toks[2].num
	sep := toks[1].sep
	switch {
	case len(a) == 4 && len(b) <= 2 && len(c) <= 2:
		return atoi(a), atoi(b), atoi(c), nil
	case len(a) > 2 || len(b) > 2 || (len(c) != 4 && len(c) != 2):
		return 0, 0, 0, fmt.Errorf("not a recognised date format")
	case order == YMD && len(c) == 2:
		return pivotYear(atoi(a), len(a)), atoi(b), atoi(c), nil
	}
	y = pivotYear(atoi(c), len(c))
	ai, bi := atoi(a), atoi(b)
	switch {
	case sep == '.' || order == DMY:
		return y, bi, ai, nil
	case order == MDY:
		return y, ai, bi, nil
	case ai > 12 && bi > 12:
		return 0, 0, 0, fmt.Errorf("neither %s nor %s is a month", a, b)
	case ai > 12:
		return y, bi, ai, nil
	case bi > 12, ai == bi:
		return y, ai, bi, nil
	}
	return 0, 0, 0, &ambiguousError{`day/month order unknown (set "date_order" in a mapping file)`}
}

func tokenizeDate(s string) ([]dateToken, error) {
	var toks []dateToken
	var sep byte
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isDigit(c):
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			toks = append(toks, dateToken{num: s[i:j], sep: sep})
			sep, i = 0, j
		case isASCIILetter(c):
			j := i
			for j < len(s) && isASCIILetter(s[j]) {
				j++
			}
			toks = append(toks, dateToken{word: strings.ToLower(s[i:j]), sep: sep})
			sep, i = 0, j
		case c == '-' || c == '/' || c == '.' || c == ',' || c == ' ':
			if sep != 0 && !(sep == ' ' || c == ' ') {
				return nil, fmt.Errorf("two separators in a row")
			}
			if sep == 0 || sep == ' ' {
				sep = c
			}
			i++
		default:
			return nil, fmt.Errorf("unexpected character %q", rune(c))
		}
	}
	if len(toks) > 8 {
		return nil, fmt.Errorf("not a recognised date format")
	}
	return toks, nil
}

// wordDate reads dates with a month name: "5 Mar 2024", "March 5, 2024",
// "05-Mar-24", "2024-Mar-05", "Tuesday, 5th of March 2024".
func wordDate(toks []dateToken) (y, m, d int, err error) {
	monthAt := -1
	var nums []int // indexes of number tokens
	for i, t := range toks {
		switch {
		case t.num != "":
			nums = append(nums, i)
		case isWeekday(t.word) || t.word == "of":
		case (t.word == "st" || t.word == "nd" || t.word == "rd" || t.word == "th") &&
			i > 0 && toks[i-1].num != "" && t.sep == 0:
		default:
			mo := monthNumber(t.word)
			if mo == 0 || monthAt >= 0 {
				return 0, 0, 0, fmt.Errorf("unexpected word %q", t.word)
			}
			monthAt, m = i, mo
		}
	}
	if monthAt < 0 || len(nums) != 2 {
		return 0, 0, 0, fmt.Errorf("not a recognised date format")
	}
	p, q := toks[nums[0]].num, toks[nums[1]].num
	switch {
	case len(p) == 4 && len(q) <= 2:
		return atoi(p), m, atoi(q), nil
	case len(q) == 4 && len(p) <= 2:
		return atoi(q), m, atoi(p), nil
	case len(p) <= 2 && len(q) == 2 && nums[1] > monthAt:
		return pivotYear(atoi(q), 2), m, atoi(p), nil // "5 Mar 24", "Mar 5, 24"
	}
	return 0, 0, 0, fmt.Errorf("not a recognised date format")
}

// parseClock reads "10:04", "10:04:05.123", "10:04 PM", then an optional
// offset.
func parseClock(s string) (hh, mm, ss, ns int, loc *time.Location, err error) {
	loc = time.UTC
	i := 0
	num := func(minLen, maxLen int) (int, bool) {
		j := i
		for j < len(s) && isDigit(s[j]) && j-i < maxLen {
			j++
		}
		if j-i < minLen {
			return 0, false
		}
		v := atoi(s[i:j])
		i = j
		return v, true
	}
	var ok bool
	if hh, ok = num(1, 2); !ok || i >= len(s) || s[i] != ':' {
		return 0, 0, 0, 0, nil, fmt.Errorf("malformed time")
	}
	i++
	if mm, ok = num(2, 2); !ok {
		return 0, 0, 0, 0, nil, fmt.Errorf("malformed time")
	}
	if i < len(s) && s[i] == ':' {
		i++
		if ss, ok = num(2, 2); !ok {
			return 0, 0, 0, 0, nil, fmt.Errorf("malformed seconds")
		}
		if i < len(s) && (s[i] == '.' || s[i] == ',') {
			i++
			start := i
			for i < len(s) && isDigit(s[i]) {
				i++
			}
			if n := i - start; n == 0 || n > 9 {
				return 0, 0, 0, 0, nil, fmt.Errorf("malformed fraction of a second")
			}
			ns = atoi(s[start:i])
			for k := i - start; k < 9; k++ {
				ns *= 10
			}
		}
	}
	rest := strings.TrimLeft(s[i:], " ")
	if len(rest) >= 2 {
		if ap := strings.ToLower(rest[:2]); (ap == "am" || ap == "pm") && (len(rest) == 2 || !isASCIILetter(rest[2])) {
			if hh < 1 || hh > 12 {
				return 0, 0, 0, 0, nil, fmt.Errorf("hour %d with %s", hh, strings.ToUpper(ap))
			}
			hh %= 12
			if ap == "pm" {
				hh += 12
			}
			rest = strings.TrimLeft(rest[2:], " ")
		}
	}
	if hh > 23 || mm > 59 || ss > 59 {
		return 0, 0, 0, 0, nil, fmt.Errorf("no such time of day")
	}
	if loc, err = parseOffset(rest); err != nil {
		return 0, 0, 0, 0, nil, err
	}
	return hh, mm, ss, ns, loc, nil
}

func parseOffset(z string) (*time.Location, error) {
	switch strings.ToUpper(z) {
	case "", "Z", "UTC", "GMT":
		return time.UTC, nil
	}
	if z[0] != '+' && z[0] != '-' && !strings.HasPrefix(z, "\u2212") {
		return nil, fmt.Errorf("unknown time zone %q (write an offset such as +09:00)", z)
	}
	sign := 1
	if z[0] != '+' {
		sign = -1
	}
	size := 1
	if z[0] != '+' && z[0] != '-' {
		size = len("\u2212")
	}
	digits := strings.Replace(z[size:], ":", "", 1)
	if (len(digits) != 2 && len(digits) != 4) || !allDigits(digits) {
		return nil, fmt.Errorf("malformed time zone offset %q", z)
	}
	h, m := atoi(digits[:2]), 0
	if len(digits) == 4 {
		m = atoi(digits[2:])
	}
	if h > 23 || m > 59 {
		return nil, fmt.Errorf("malformed time zone offset %q", z)
	}
	off := sign * (h*3600 + m*60)
	if off == 0 {
		return time.UTC, nil
	}
	return time.FixedZone("", off), nil
}

func pivotYear(v, digits int) int {
	if digits != 2 {
		return v
	}
	if v < 70 {
		return 2000 + v
	}
	return 1900 + v
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func monthNumber(w string) int {
	months := [...]string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december"}
	if w == "sept" {
		return 9
	}
	for i, name := range months {
		if w == name || (len(w) == 3 && w == name[:3]) {
			return i + 1
		}
	}
	return 0
}

func isWeekday(w string) bool {
	for _, name := range [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		if w == name || (len(w) == 3 && w == name[:3]) {
			return true
		}
	}
	return w == "tues" || w == "thur" || w == "thurs"
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// atoi converts a short run of ASCII digits (callers bound the length).
func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}
