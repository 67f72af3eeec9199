package normalize

import (
	"strings"
)

// Device normalises a device identifier: a UUID/GUID (braces and dashes
// optional) to its canonical 8-4-4-4-12 lower-case form, a MAC address
// (colons, dashes or Cisco dots) to lower-case colon form, and anything
// else trimmed and lower-cased, since device IDs are hex or vendor strings
// whose case carries no meaning. Attrs "type" says which (uuid, mac, imei,
// other).
func Device(raw string) (ID, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return ID{}, newError(KindDevice, raw, "empty")
	case len(s) > 256:
		return ID{}, newError(KindDevice, raw, "too long")
	case hasControl(s):
		return ID{}, newError(KindDevice, raw, "contains control characters")
	}
	if len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}' {
		// A GUID in braces ({6F9619FF-…}): only a matched pair is stripped, so
		// the label of a device ID is itself the same device ID.
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if hasPrefixFold(s, "urn:uuid:") {
		s = s[len("urn:uuid:"):]
	}
	if s == "" {
		return ID{}, newError(KindDevice, raw, "empty")
	}
	lower := lowerASCII(s)
	value, kind := lower, "other"
	switch {
	case isUUID(lower):
		h := strings.ReplaceAll(lower, "-", "")
		value, kind = h[:8]+"-"+h[8:12]+"-"+h[12:16]+"-"+h[16:20]+"-"+h[20:], "uuid"
	case isMAC(lower):
		var b [17]byte
		n := 0
		for i := 0; i < len(lower); i++ {
			if c := lower[i]; c != ':' && c != '-' && c != '.' {
				if n == 2 || n == 5 || n == 8 || n == 11 || n == 14 {
					b[n] = ':'
					n++
				}
				b[n] = c
				n++
			}
		}
		value, kind = string(b[:]), "mac"
	case len(lower) == 15 && isDigits(lower) && luhn(lower):
		kind = "imei"
	default:
		if strings.ContainsAny(lower, " \t") {
			value = strings.Join(strings.Fields(lower), " ")
		}
	}
	return ID{
		Kind:  KindDevice,
		Key:   KindDevice + ":" + value,
		Label: value,
		Attrs: map[string]any{"type": kind},
	}, nil
}

// isUUID accepts 32 hex digits, bare or in the 8-4-4-4-12 dashed layout.
func isUUID(s string) bool {
	switch len(s) {
	case 32:
		return isHex(s)
	case 36:
		for i := 0; i < 36; i++ {
			dash := i == 8 || i == 13 || i == 18 || i == 23
			if dash != (s[i] == '-') {
				return false
			}
			if !dash && !isHex(s[i:i+1]) {
				return false
			}
		}
		return true
	}
	return false
}

// isMAC accepts aa:bb:cc:dd:ee:ff, aa-bb-…, and aabb.ccdd.eeff.
func isMAC(s string) bool {
	switch len(s) {
	case 17:
		sep := s[2]
		if sep != ':' && sep != '-' {
			return false
		}
		for i := 0; i < 17; i++ {
			if i%3 == 2 {
				if s[i] != sep {
					return false
				}
			} else if !isHex(s[i : i+1]) {
				return false
			}
		}
		return true
	case 14:
		return s[4] == '.' && s[9] == '.' && isHex(s[:4]) && isHex(s[5:9]) && isHex(s[10:])
	}
	return false
}

// luhn checks the check digit IMEIs carry, so that a 15-digit account
// number is not mistaken for a phone's hardware ID.
func luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Photo normalises a photo fingerprint: a hex digest is lower-cased, and
// an "algo:" prefix (sha256:, md5:, sha1:, phash:, ...) is dropped from
// the key and kept in Attrs "algo"; without a prefix the algorithm is
// inferred from the digest length. Non-hex fingerprints (base64 digests)
// keep their case, which is significant there.
func Photo(raw string) (ID, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return ID{}, newError(KindPhoto, raw, "empty")
	case len(s) > 512:
		return ID{}, newError(KindPhoto, raw, "too long")
	case hasControl(s) || strings.ContainsAny(s, " \t"):
		return ID{}, newError(KindPhoto, raw, "contains spaces or control characters")
	}
	algo := ""
	for {
		prefix, rest, ok := strings.Cut(s, ":")
		if !ok || len(prefix) > 12 || rest == "" {
			break
		}
		p := strings.ReplaceAll(lowerASCII(prefix), "-", "")
		if !photoAlgos[p] {
			break
		}
		if algo == "" {
			algo = p
		}
		s = rest // repeated prefixes ("md5:md5:…") come from re-exported data
	}
	value := s
	if isHex(s) {
		value = lowerASCII(s)
		if algo == "" {
			algo = digestAlgo(len(s))
		}
	}
	id := ID{Kind: KindPhoto, Key: KindPhoto + ":" + value, Label: value}
	if algo != "" {
		id.Attrs = map[string]any{"algo": algo}
	}
	return id, nil
}

// digestAlgo guesses the algorithm of an unlabelled hex digest by length.
func digestAlgo(hexLen int) string {
	switch hexLen {
	case 16:
		return "phash"
	case 32:
		return "md5"
	case 40:
		return "sha1"
	case 64:
		return "sha256"
	case 128:
		return "sha512"
	}
	return ""
}

var photoAlgos = map[string]bool{
	"md5": true, "sha1": true, "sha224": true, "sha256": true, "sha384": true, "sha512": true,
	"phash": true, "dhash": true, "ahash": true, "pdq": true, "blake3": true,
}
