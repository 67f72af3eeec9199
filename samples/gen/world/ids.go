package world

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/crypto/sha3"
)

// This file makes identifiers that pass the checks a real validator applies:
// IBAN mod-97, ABA 3-7-1, base58check, bech32, EIP-55, Luhn. A generator that
// emitted look-alikes would hide bugs in the normalisers it is meant to test.

// ibanSpec is one country's IBAN layout: a bank identifier drawn from banks,
// then rest, where 'n' is a random digit and any other byte is kept as is.
type ibanSpec struct {
	length int
	banks  []string
	rest   string
}

// ibanSpecs covers the IBAN countries contractors live in, plus the EMI and
// Gulf countries that consolidation accounts sit in.
var ibanSpecs = map[string]ibanSpec{
	"GB": {22, []string{"NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ", "REVO"}, "nnnnnnnnnnnnnn"},
	"DE": {22, []string{"37040044", "10010010", "50010517", "20041133", "10070000", "50070010", "12030000", "70020270"}, "nnnnnnnnnn"},
	"PL": {28, []string{"10901014", "10201026", "11402004", "10501445", "24901044", "11602202"}, "nnnnnnnnnnnnnnnn"},
	"UA": {29, []string{"305299", "322001", "300465", "320649", "380805"}, "000002620nnnnnnnnnn"},
	"PK": {24, []string{"MEZN", "HABB", "UNIL", "ALFH", "SCBL", "MUCB"}, "nnnnnnnnnnnnnnnn"},
	"BR": {29, []string{"00000000", "60701190", "00360305", "90400888"}, "nnnnnnnnnnnnnnnC1"},
	"EG": {29, []string{"0019", "0002", "0003", "0037"}, "nnnnnnnnnnnnnnnnnnnnn"},
	"FR": {27, []string{"30004", "30003", "20041", "10107", "30002", "17515"}, "nnnnnnnnnnnnnnnnnn"},
	"ES": {24, []string{"2100", "0049", "0182", "1465", "0081", "2038"}, "nnnnnnnnnnnnnnnn"},
	"NL": {18, []string{"INGB", "ABNA", "RABO", "TRIO", "BUNQ", "KNAB", "SNSB"}, "nnnnnnnnnn"},
	"RO": {24, []string{"BTRL", "RNCB", "BRDE", "INGB", "BACX", "RZBR"}, "nnnnnnnnnnnnnnnn"},
	"TR": {26, []string{"00010", "00062", "00046", "00064", "00111", "00012"}, "0nnnnnnnnnnnnnnnn"},
	"LT": {20, []string{"32500", "73000", "70440", "40100"}, "nnnnnnnnnnn"},
	"AE": {23, []string{"033", "026", "035", "030"}, "nnnnnnnnnnnnnnnn"},
	"BE": {16, []string{"967"}, "nnnnnnn"}, // + 2 national check digits, see newIBAN
}

// newIBAN returns a compact, valid IBAN for country cc (which must be in ibanSpecs).
func newIBAN(r *rand.Rand, cc string) string {
	spec := ibanSpecs[cc]
	var b strings.Builder
	b.WriteString(pick(r, spec.banks))
	for i := 0; i < len(spec.rest); i++ {
		if c := spec.rest[i]; c == 'n' {
			b.WriteByte(byte('0' + r.IntN(10)))
		} else {
			b.WriteByte(c)
		}
	}
	bban := b.String()
	if cc == "BE" {
		// Belgian BBANs end in their own mod-97 check (97 when zero).
		n, _ := strconv.ParseUint(bban, 10, 64)
		c := n % 97
		if c == 0 {
			c = 97
		}
		bban += twoDigits(int(c))
	}
	return cc + twoDigits(98-mod97(bban+cc+"00")) + bban
}

// mod97 is ISO 7064 MOD 97-10 over an alphanumeric string (A=10 … Z=35).
func mod97(s string) int {
	m := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = (m*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			m = (m*100 + int(c-'A') + 10) % 97
		}
	}
	return m
}

// ibanValid reports whether a compact upper-case IBAN has the right length
// for its country and a correct checksum.
func ibanValid(s string) bool {
	if len(s) < 5 {
		return false
	}
	if spec, ok := ibanSpecs[s[:2]]; ok && spec.length != len(s) {
		return false
	}
	return mod97(s[4:]+s[:4]) == 1
}

// groupIBAN writes a compact IBAN in the printed form, groups of four.
func groupIBAN(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// knownABA are real, published routing numbers of large US banks.
var knownABA = []string{"021000021", "026009593", "121000248", "011000138", "071000013", "031176110", "122105155", "322271627"}

// newABA returns a routing number with a valid 3-7-1 checksum and a Federal
// Reserve district prefix (01–12, or 21–32 for thrifts).
func newABA(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return pick(r, knownABA)
	}
	d := make([]byte, 9)
	p := 1 + r.IntN(12)
	if r.IntN(4) == 0 {
		p += 20
	}
	d[0], d[1] = byte(p/10), byte(p%10)
	for i := 2; i < 8; i++ {
		d[i] = byte(r.IntN(10))
	}
	sum := 3*int(d[0]+d[3]+d[6]) + 7*int(d[1]+d[4]+d[7]) + int(d[2]+d[5])
	d[8] = byte((10 - sum%10) % 10)
	for i := range d {
		d[i] += '0'
	}
	return string(d)
}

// abaValid checks the ABA 3-7-1 checksum.
func abaValid(s string) bool {
	if len(s) != 9 {
		return false
	}
	w := [9]int{3, 7, 1, 3, 7, 1, 3, 7, 1}
	sum := 0
	for i := 0; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += w[i] * int(s[i]-'0')
	}
	return sum%10 == 0
}

// newCard returns a 19-digit UnionPay card number with a valid Luhn digit:
// the form Chinese bank accounts take in payment ledgers.
func newCard(r *rand.Rand) string {
	d := []byte(pick(r, []string{"622202", "621700", "622848", "621226", "623668"}))
	for len(d) < 18 {
		d = append(d, byte('0'+r.IntN(10)))
	}
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 0 { // doubled: counted from the check digit to be added
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return string(append(d, byte('0'+(10-sum%10)%10)))
}

const b58alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Check encodes version||payload||first four bytes of double SHA-256.
func base58Check(version byte, payload []byte) string {
	buf := append([]byte{version}, payload...)
	h1 := sha256.Sum256(buf)
	h2 := sha256.Sum256(h1[:])
	buf = append(buf, h2[:4]...)
	zeros := 0
	for zeros < len(buf) && buf[zeros] == 0 {
		zeros++
	}
	num := append([]byte(nil), buf...)
	var out []byte
	for start := zeros; start < len(num); {
		rem := 0
		for i := start; i < len(num); i++ {
			acc := rem*256 + int(num[i])
			num[i] = byte(acc / 58)
			rem = acc % 58
		}
		out = append(out, b58alphabet[rem])
		for start < len(num) && num[start] == 0 {
			start++
		}
	}
	for range zeros {
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

func randBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// newBTC returns a P2PKH (`1…`) or P2WPKH bech32 (`bc1q…`) address.
func newBTC(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return bech32Segwit("bc", 0, randBytes(r, 20))
	}
	return base58Check(0x00, randBytes(r, 20))
}

// newTron returns a TRON address: base58check with version byte 0x41.
func newTron(r *rand.Rand) string { return base58Check(0x41, randBytes(r, 20)) }

// newETH returns a lower-case Ethereum address.
func newETH(r *rand.Rand) string { return "0x" + hex.EncodeToString(randBytes(r, 20)) }

// eip55 writes an Ethereum address in EIP-55 mixed-case checksum form.
func eip55(addr string) string {
	lower := strings.ToLower(strings.TrimPrefix(addr, "0x"))
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	sum := h.Sum(nil)
	out := []byte(lower)
	for i, c := range out {
		nib := sum[i/2] >> 4
		if i%2 == 1 {
			nib = sum[i/2] & 0x0f
		}
		if c >= 'a' && c <= 'f' && nib >= 8 {
			out[i] = c - 32
		}
	}
	return "0x" + string(out)
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

func bech32HRPExpand(hrp string) []byte {
	out := make([]byte, 0, len(hrp)*2+1)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]>>5)
	}
	out = append(out, 0)
	for i := 0; i < len(hrp); i++ {
		out = append(out, hrp[i]&31)
	}
	return out
}

// bech32Segwit encodes a witness v0 program per BIP-173.
func bech32Segwit(hrp string, version byte, program []byte) string {
	data := []byte{version}
	acc, bits := 0, 0
	for _, b := range program {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			data = append(data, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		data = append(data, byte(acc<<(5-bits)&31))
	}
	values := append(bech32HRPExpand(hrp), data...)
	pm := bech32Polymod(append(values, 0, 0, 0, 0, 0, 0)) ^ 1
	var b strings.Builder
	b.WriteString(hrp)
	b.WriteByte('1')
	for _, d := range data {
		b.WriteByte(bech32Charset[d])
	}
	for i := 0; i < 6; i++ {
		b.WriteByte(bech32Charset[pm>>(5*(5-i))&31])
	}
	return b.String()
}

// newUUID returns a version-4 style UUID, the shape most device ids take.
func newUUID(r *rand.Rand) string {
	b := randBytes(r, 16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newHash returns 64 hex digits, the shape of a sha256 photo hash.
func newHash(r *rand.Rand) string { return hex.EncodeToString(randBytes(r, 32)) }

// newIPv4 returns a public unicast IPv4 address (never private, CGNAT,
// loopback, link-local, documentation or multicast).
func newIPv4(r *rand.Rand) netip.Addr {
	for {
		v := r.Uint32()
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		if publicIPv4(a) {
			return a
		}
	}
}

func publicIPv4(a netip.Addr) bool {
	b := a.As4()
	switch {
	case b[0] == 0, b[0] == 10, b[0] == 127, b[0] >= 224,
		b[0] == 100 && b[1]&0xc0 == 64,
		b[0] == 169 && b[1] == 254,
		b[0] == 172 && b[1]&0xf0 == 16,
		b[0] == 192 && b[1] == 168,
		b[0] == 192 && b[1] == 0,
		b[0] == 198 && (b[1] == 18 || b[1] == 19 || b[1] == 51),
		b[0] == 203 && b[1] == 0 && b[2] == 113,
		b[3] == 0 || b[3] == 255:
		return false
	}
	return true
}

// ipv6Prefixes are allocations of real regional registries (RIPE, ARIN,
// LACNIC, APNIC, AFRINIC) so addresses look like ISP space, not 2001:db8::.
var ipv6Prefixes = [][2]byte{{0x2a, 0x02}, {0x2a, 0x01}, {0x26, 0x00}, {0x26, 0x01}, {0x28, 0x04}, {0x24, 0x09}, {0x24, 0x0e}, {0x2c, 0x0f}, {0x24, 0x05}}

// newIPv6 returns a global unicast IPv6 address in canonical text form.
func newIPv6(r *rand.Rand) netip.Addr {
	b := [16]byte(randBytes(r, 16))
	p := ipv6Prefixes[r.IntN(len(ipv6Prefixes))]
	b[0], b[1] = p[0], p[1]
	if r.IntN(2) == 0 { // SLAAC-less hosts often have short interface ids
		for i := 8; i < 14; i++ {
			b[i] = 0
		}
	}
	return netip.AddrFrom16(b)
}

func twoDigits(n int) string {
	return string([]byte{byte('0' + n/10%10), byte('0' + n%10)})
}

// digits returns n random decimal digits.
func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
