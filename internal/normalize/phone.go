package normalize

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Phone normalises a phone number to E.164 with libphonenumber's metadata.
// defaultRegion (ISO 3166 alpha-2, any case, may be "") is used only for
// numbers written without a country code. "00" international prefixes and
// "tel:" URIs are accepted; an extension is kept as the "ext" attribute and
// left out of the key, because it reaches the same line.
//
// Attrs carry "region" and "type" (mobile, voip, fixed_line, ...): VoIP
// numbers are what a remote worker hiding a location tends to use. Type
// "unknown" marks a number of possible length that is valid in no
// assigned range — often a typo or a made-up number.
func Phone(raw, defaultRegion string) (id ID, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ID{}, newError(KindPhone, raw, "empty")
	}
	if len(s) > 250 { // libphonenumber's own limit
		return ID{}, newError(KindPhone, raw, "too long")
	}
	if hasPrefixFold(s, "tel:") {
		s = strings.TrimSpace(s[len("tel:"):])
	}
	region := upperASCII(strings.TrimSpace(defaultRegion))
	plus, idd := internationalPrefix(s)
	if plus == "" && region == "" {
		return ID{}, newError(KindPhone, raw, "no country code and no default region")
	}
	if region == "UK" { // the common non-ISO spelling of GB
		region = "GB"
	}
	if len(region) != 2 {
		if plus == "" {
			return ID{}, newError(KindPhone, raw, "default region is not a two-letter country code")
		}
		region = ""
	}
	if idd && region == "" {
		// Without a region "00" can only be the international prefix.
		s, idd = plus, false
	}

	// libphonenumber is a large regexp-driven port; a panic inside it on a
	// hostile cell must cost one row, not the import.
	defer func() {
		if r := recover(); r != nil {
			id, err = ID{}, newError(KindPhone, raw, "unparseable")
		}
	}()
	num, perr := phonenumbers.Parse(s, region)
	if idd && (perr != nil || !phonenumbers.IsPossibleNumber(num)) {
		// "00" is not this region's international prefix (the US dials
		// 011), but Europe and Asia write "00 82 …" whoever reads it.
		num, perr = phonenumbers.Parse(plus, region)
	}
	if perr != nil {
		return ID{}, newError(KindPhone, raw, phoneReason(perr))
	}
	if !phonenumbers.IsPossibleNumber(num) {
		return ID{}, newError(KindPhone, raw, "not a possible number")
	}
	ext := num.GetExtension()
	num.Extension = nil
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	id = ID{
		Kind:  KindPhone,
		Key:   KindPhone + ":" + e164,
		Label: phonenumbers.Format(num, phonenumbers.INTERNATIONAL),
		Attrs: map[string]any{"type": phoneType(phonenumbers.GetNumberType(num))},
	}
	if r := phonenumbers.GetRegionCodeForNumber(num); r != "" && r != "ZZ" {
		id.Attrs["region"] = r
	}
	if ext != "" {
		id.Attrs["ext"] = ext
	}
	return id, nil
}

// internationalPrefix returns s with its country code introduced by "+"
// ("" when s has none) and whether that came from a leading "00", which is
// an international prefix in most but not all regions.
func internationalPrefix(s string) (plus string, idd bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			return s, false
		case c == '0' && i+1 < len(s) && s[i+1] == '0':
			return "+" + s[i+2:], true
		case c >= '0' && c <= '9':
			return "", false
		case c == ' ' || c == '(' || c == '\t':
			continue
		default:
			// A label ("Mobile: +82 …") or a full-width plus: libphonenumber
			// skips leading text, so only the presence of a plus matters.
			if strings.ContainsRune(s[i:], '+') || strings.ContainsRune(s[i:], '＋') {
				return s, false
			}
			return "", false
		}
	}
	return "", false
}

func phoneReason(err error) string {
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return "invalid country code"
	case errors.Is(err, phonenumbers.ErrNotANumber):
		return "not a number"
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return "too short"
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return "too long"
	}
	return "unparseable"
}

func phoneType(t phonenumbers.PhoneNumberType) string {
	switch t {
	case phonenumbers.FIXED_LINE:
		return "fixed_line"
	case phonenumbers.MOBILE:
		return "mobile"
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return "fixed_line_or_mobile"
	case phonenumbers.TOLL_FREE:
		return "toll_free"
	case phonenumbers.PREMIUM_RATE:
		return "premium_rate"
	case phonenumbers.SHARED_COST:
		return "shared_cost"
	case phonenumbers.VOIP:
		return "voip"
	case phonenumbers.PERSONAL_NUMBER:
		return "personal_number"
	case phonenumbers.PAGER:
		return "pager"
	case phonenumbers.UAN:
		return "uan"
	case phonenumbers.VOICEMAIL:
		return "voicemail"
	}
	return "unknown"
}
