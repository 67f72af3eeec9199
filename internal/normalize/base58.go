package normalize

import (
	"crypto/sha256"
)

// Base58 alphabets: Bitcoin's (shared by Tron, Litecoin, Solana, ...) and
// Ripple's, which orders the same characters differently.
const (
	btcAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	xrpAlphabet = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
)

// maxBase58 bounds the decoder's quadratic work; the longest address it is
// asked about (Monero integrated, 106) fits.
const maxBase58 = 128

// base58Index maps each byte to its digit value in one alphabet, or -1.
type base58Index [256]int8

func newBase58Index(alphabet string) *base58Index {
	var idx base58Index
	for i := range idx {
		idx[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		idx[alphabet[i]] = int8(i)
	}
	return &idx
}

var (
	btcIndex = newBase58Index(btcAlphabet)
	xrpIndex = newBase58Index(xrpAlphabet)
)

// base58Decode decodes s, returning ok=false on a character outside the
// alphabet or an over-long input.
func base58Decode(s string, idx *base58Index, zero byte) ([]byte, bool) {
	if s == "" || len(s) > maxBase58 {
		return nil, false
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == zero {
		zeros++
	}
	// log(58)/log(256) ≈ 0.733 bytes per character.
	buf := make([]byte, len(s)*733/1000+1)
	used := 0
	for i := zeros; i < len(s); i++ {
		d := idx[s[i]]
		if d < 0 {
			return nil, false
		}
		carry := int(d)
		j := 0
		for k := len(buf) - 1; k >= 0 && (carry != 0 || j < used); k-- {
			carry += 58 * int(buf[k])
			buf[k] = byte(carry)
			carry >>= 8
			j++
		}
		used = j
	}
	out := make([]byte, zeros+used)
	copy(out[zeros:], buf[len(buf)-used:])
	return out, true
}

// base58Encode is the inverse of base58Decode for the Bitcoin alphabet.
func base58Encode(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	buf := make([]byte, (len(b)-zeros)*138/100+1)
	used := 0
	for _, v := range b[zeros:] {
		carry := int(v)
		j := 0
		for k := len(buf) - 1; k >= 0 && (carry != 0 || j < used); k-- {
			carry += 256 * int(buf[k])
			buf[k] = byte(carry % 58)
			carry /= 58
			j++
		}
		used = j
	}
	out := make([]byte, zeros+used)
	for i := range zeros {
		out[i] = btcAlphabet[0]
	}
	for i, v := range buf[len(buf)-used:] {
		out[zeros+i] = btcAlphabet[v]
	}
	return string(out)
}

// checksum4 is the base58check checksum: the first four bytes of a double
// SHA-256.
func checksum4(payload []byte) [4]byte {
	h1 := sha256.Sum256(payload)
	h2 := sha256.Sum256(h1[:])
	return [4]byte{h2[0], h2[1], h2[2], h2[3]}
}

// base58CheckOK reports whether a decoded value ends with the checksum of
// what precedes it.
func base58CheckOK(b []byte) bool {
	if len(b) < 5 {
		return false
	}
	sum := checksum4(b[:len(b)-4])
	return [4]byte(b[len(b)-4:]) == sum
}
