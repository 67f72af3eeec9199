package normalize

import "strings"

// bech32Charset is the 32-symbol alphabet of BIP-173 bech32 and of
// Bitcoin Cash's cashaddr.
const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

var bech32Index = func() (idx [256]int8) {
	for i := range idx {
		idx[i] = -1
	}
	for i := 0; i < len(bech32Charset); i++ {
		idx[bech32Charset[i]] = int8(i)
	}
	return idx
}()

const (
	bech32Const  = 1          // BIP-173, witness version 0
	bech32mConst = 0x2bc830a3 // BIP-350, witness version 1 and later
)

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// segwitAddress checks a lower-case bech32/bech32m segwit address for the
// given human-readable part and returns "" or the reason it is invalid.
func segwitAddress(addr, hrp string) string {
	if len(addr) > 90 {
		return "too long"
	}
	sep := strings.LastIndexByte(addr, '1')
	if sep != len(hrp) || addr[:sep] != hrp {
		return "wrong prefix"
	}
	data := addr[sep+1:]
	if len(data) < 7 {
		return "too short"
	}
	values := make([]byte, 0, 2*len(hrp)+1+len(data))
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]>>5)
	}
	values = append(values, 0)
	for i := 0; i < len(hrp); i++ {
		values = append(values, hrp[i]&31)
	}
	for i := 0; i < len(data); i++ {
		d := bech32Index[data[i]]
		if d < 0 {
			return "character outside the bech32 alphabet"
		}
		values = append(values, byte(d))
	}
	version := values[2*len(hrp)+1]
	want := uint32(bech32Const)
	if version > 0 {
		want = bech32mConst
	}
	if version > 16 {
		return "bad witness version"
	}
	if bech32Polymod(values) != want {
		return "bad checksum"
	}
	// The witness program: 5-bit groups after the version, before the
	// 6-symbol checksum, regrouped into bytes.
	prog, ok := regroup(values[2*len(hrp)+2:len(values)-6], 5, 8)
	if !ok || len(prog) < 2 || len(prog) > 40 || (version == 0 && len(prog) != 20 && len(prog) != 32) {
		return "bad witness program length"
	}
	return ""
}

// regroup converts between bit-group sizes without padding, as BIP-173
// decoding requires.
func regroup(in []byte, from, to uint) ([]byte, bool) {
	var acc, bits uint
	out := make([]byte, 0, len(in)*int(from)/int(to)+1)
	maxv := uint(1)<<to - 1
	for _, v := range in {
		acc = acc<<from | uint(v)
		bits += from
		for bits >= to {
			bits -= to
			out = append(out, byte(acc>>bits&maxv))
		}
	}
	if bits >= from || (acc<<(to-bits))&maxv != 0 {
		return nil, false
	}
	return out, true
}

// cashAddr checks a lower-case Bitcoin Cash address body (without the
// "bitcoincash:" prefix) and returns the hash160 payload and its type byte
// (0 for P2PKH, 1 for P2SH), or a reason it is invalid.
func cashAddr(body string) (hash []byte, kind byte, reason string) {
	const prefix = "bitcoincash"
	if len(body) != 42 {
		return nil, 0, "wrong length"
	}
	values := make([]byte, 0, len(prefix)+1+len(body))
	for i := 0; i < len(prefix); i++ {
		values = append(values, prefix[i]&31)
	}
	values = append(values, 0)
	for i := 0; i < len(body); i++ {
		d := bech32Index[body[i]]
		if d < 0 {
			return nil, 0, "character outside the cashaddr alphabet"
		}
		values = append(values, byte(d))
	}
	if cashPolymod(values) != 0 {
		return nil, 0, "bad checksum"
	}
	payload, ok := regroup(values[len(prefix)+1:len(values)-8], 5, 8)
	if !ok || len(payload) != 21 || payload[0]&0x07 != 0 {
		return nil, 0, "bad payload"
	}
	return payload[1:], payload[0] >> 3, ""
}

func cashPolymod(values []byte) uint64 {
	gen := [5]uint64{0x98f2bc8e61, 0x79b76d99e2, 0xf33e5fb3c4, 0xae2eabe2a8, 0x1e4f43e470}
	c := uint64(1)
	for _, d := range values {
		c0 := byte(c >> 35)
		c = (c&0x07ffffffff)<<5 ^ uint64(d)
		for i := range 5 {
			if (c0>>i)&1 == 1 {
				c ^= gen[i]
			}
		}
	}
	return c ^ 1
}
