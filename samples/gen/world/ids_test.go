package world

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"
)

// The validators below are written independently of the generator (big.Int
// arithmetic, decoding rather than encoding) so the tests do not merely
// repeat the code under test.

func checkIBAN(s string) bool {
	s = strings.ToUpper(s)
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	r := s[4:] + s[:4]
	var num strings.Builder
	for _, c := range r {
		switch {
		case c >= '0' && c <= '9':
			num.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			num.WriteString(big.NewInt(int64(c - 'A' + 10)).String())
		default:
			return false
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	return new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// ibanLengths are the registry lengths of the countries the generator uses.
var ibanLengths = map[string]int{"GB": 22, "DE": 22, "PL": 28, "UA": 29, "PK": 24, "BR": 29, "EG": 29, "FR": 27, "ES": 24, "NL": 18, "RO": 24, "TR": 26, "LT": 20, "AE": 23, "BE": 16}

func base58Decode(s string) ([]byte, bool) {
	n := new(big.Int)
	for _, c := range s {
		i := strings.IndexRune(b58alphabet, c)
		if i < 0 {
			return nil, false
		}
		n.Mul(n, big.NewInt(58)).Add(n, big.NewInt(int64(i)))
	}
	out := n.Bytes()
	for _, c := range s {
		if c != '1' {
			break
		}
		out = append([]byte{0}, out...)
	}
	return out, true
}

// checkBase58Check verifies a base58check string and returns its version byte.
func checkBase58Check(s string) (byte, bool) {
	b, ok := base58Decode(s)
	if !ok || len(b) != 25 {
		return 0, false
	}
	h1 := sha256.Sum256(b[:21])
	h2 := sha256.Sum256(h1[:])
	return b[0], bytes.Equal(h2[:4], b[21:])
}

func checkBech32(s string) bool {
	if s != strings.ToLower(s) {
		return false
	}
	i := strings.LastIndexByte(s, '1')
	if i < 1 || len(s)-i < 7 {
		return false
	}
	var data []byte
	for _, c := range s[i+1:] {
		v := strings.IndexRune(bech32Charset, c)
		if v < 0 {
			return false
		}
		data = append(data, byte(v))
	}
	hrp := s[:i]
	var exp []byte
	for _, c := range hrp {
		exp = append(exp, byte(c)>>5)
	}
	exp = append(exp, 0)
	for _, c := range hrp {
		exp = append(exp, byte(c)&31)
	}
	return bech32Polymod(append(exp, data...)) == 1
}

func checkEIP55(s string) bool {
	hexpart := strings.TrimPrefix(s, "0x")
	if len(hexpart) != 40 {
		return false
	}
	if _, err := hex.DecodeString(hexpart); err != nil {
		return false
	}
	if hexpart == strings.ToLower(hexpart) || hexpart == strings.ToUpper(hexpart) {
		return true
	}
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(strings.ToLower(hexpart)))
	sum := hex.EncodeToString(h.Sum(nil))
	for i, c := range hexpart {
		upper := sum[i] >= '8'
		if c >= 'a' && c <= 'f' && upper || c >= 'A' && c <= 'F' && !upper {
			return false
		}
	}
	return true
}

// checkWallet validates a wallet cell (with an optional ticker prefix).
func checkWallet(s string) (chain string, ok bool) {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	switch {
	case strings.HasPrefix(s, "0x"):
		return "eth", checkEIP55(s)
	case strings.HasPrefix(s, "bc1"):
		return "btc", checkBech32(s)
	case strings.HasPrefix(s, "T"):
		v, ok := checkBase58Check(s)
		return "trx", ok && v == 0x41
	case strings.HasPrefix(s, "1"):
		v, ok := checkBase58Check(s)
		return "btc", ok && v == 0x00
	}
	return "", false
}

func luhn(s string) bool {
	sum := 0
	for i := range len(s) {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func TestKnownVectors(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"P2PKH of the zero hash", base58Check(0x00, make([]byte, 20)), "1111111111111111111114oLvT2"},
		{"TRON zero address", base58Check(0x41, make([]byte, 20)), "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb"},
		{"BIP-173 P2WPKH", bech32Segwit("bc", 0, mustHex(t, "751e76e8199196d454941c45d1b3a323f1433bd6")), "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
		{"EIP-55 example 1", eip55("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{"EIP-55 example 2", eip55("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"), "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"},
		{"EIP-55 of an OFAC address", eip55("0x098b716b8aaf21512996dc57eb0615e2383e2f96"), "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"},
		{"IBAN grouping", groupIBAN("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00"},
		{"amount, US style", formatAmount(125000, false), "1,250.00"},
		{"amount, European style", formatAmount(125000, true), "1.250,00"},
		{"amount below a thousand", formatAmount(98705, true), "987,05"},
		{"amount in millions", formatAmount(123456789, false), "1,234,567.89"},
		{"payment id", paymentID(42), "P-0000042"},
		{"long payment id", paymentID(12345678), "P-12345678"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func mustHex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDesignatedWalletsAreTheRealPublishedAddresses(t *testing.T) {
	for _, dw := range designatedWallets {
		if _, ok := checkWallet(dw.addr); !ok {
			t.Errorf("designated wallet %s (%s) does not validate", dw.addr, dw.who.name)
		}
	}
}

func TestMadeIdentifiersValidate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		for _, cc := range slices.Sorted(maps.Keys(ibanSpecs)) {
			spec := ibanSpecs[cc]
			s := newIBAN(r, cc)
			if len(s) != spec.length || len(s) != ibanLengths[cc] || !checkIBAN(s) || !ibanValid(s) {
				t.Fatalf("newIBAN(%s) = %s: invalid", cc, s)
			}
			if bad := typoIBAN(r, s); checkIBAN(bad) || len(bad) != len(s) {
				t.Fatalf("typoIBAN(%s) = %s: still valid", s, bad)
			}
		}
		if s := newABA(r); !abaValid(s) {
			t.Fatalf("newABA = %s: bad checksum", s)
		}
		if s := newCard(r); len(s) != 19 || !luhn(s) {
			t.Fatalf("newCard = %s: bad Luhn digit", s)
		}
		for _, s := range []string{newBTC(r), newTron(r), newETH(r), eip55(newETH(r))} {
			if _, ok := checkWallet(s); !ok {
				t.Fatalf("wallet %s does not validate", s)
			}
		}
		if a := newIPv4(r); !publicIPv4(a) || a.IsPrivate() || a.IsLoopback() {
			t.Fatalf("newIPv4 = %s: not public", a)
		}
		if a := newIPv6(r); !a.Is6() || !a.IsGlobalUnicast() || a.IsPrivate() {
			t.Fatalf("newIPv6 = %s: not global unicast", a)
		}
	}
	for _, s := range knownABA {
		if !abaValid(s) {
			t.Errorf("known routing number %s fails the checksum", s)
		}
	}
}

func TestMod97CatchesTranspositions(t *testing.T) {
	if !checkIBAN("DE89370400440532013000") || checkIBAN("DE89370400440532031000") {
		t.Fatal("independent IBAN checker is wrong")
	}
}
