package normalize

import (
	"strings"

	"golang.org/x/crypto/sha3"
)

// Wallet normalises a cryptocurrency address. The chain in the key comes
// from the address format, never from a ticker: USDT lives on Ethereum,
// Tron and Bitcoin's Omni layer, and OFAC itself files Tron addresses under
// XBT. Addresses whose format several chains share key under the format's
// original chain — a legacy "1…" address is "btc" whether the ticker says
// BCH, BSV or USDT, and every EVM chain (ETH, ETC, ARB, BSC, USDC) is
// "eth" — because the same string is controlled by the same key holder,
// and the ticker stays in Attrs.
//
// Checksums are verified (base58check, bech32/bech32m, cashaddr, EIP-55 for
// mixed-case Ethereum); a failed checksum is an error, since a mistyped
// address is a different address. Case is kept for base58 chains, where
// it is significant. A ticker prefix ("XBT 1…", "ETH: 0x…", "USDT (TRC20)
// T…") and a payment URI ("bitcoin:1…?amount=1") are accepted. An address
// of no known format is accepted only when a ticker vouches for it, keyed
// under that ticker's chain with Attrs verified=false.
func Wallet(raw string) (ID, error) {
	return wallet(raw, "")
}

// reasonUnrecognised is the one Wallet failure that says nothing about
// the value: Payout moves on to other readings after it, but keeps any
// other reason (a bad checksum) as a fact about the account.
const reasonUnrecognised = "unrecognised address format"

// wallet is Wallet with a ticker to assume when the value carries none
// (Payout's "USDT" method column).
func wallet(raw, defaultTicker string) (ID, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ID{}, newError(KindWallet, raw, "empty")
	}
	if len(s) > 512 {
		return ID{}, newError(KindWallet, raw, "too long")
	}
	ticker, network, addr := splitTicker(s)
	if addr == "" {
		return ID{}, newError(KindWallet, raw, "no address after the ticker")
	}
	written := ticker != ""
	if !written {
		ticker = defaultTicker
	}
	m, reason := detectWallet(addr)
	if reason != "" {
		return ID{}, newError(KindWallet, raw, reason)
	}
	if m.chain == "" {
		// Only a coin ticker written with the value vouches for an address
		// of unknown format: "Payoneer 1234…" is not a wallet, and neither
		// is any long number in a column headed "USDT".
		if _, known := tickerChains[ticker]; !known || !written || !plausibleAddress(addr) {
			return ID{}, newError(KindWallet, raw, reasonUnrecognised)
		}
		m = walletMatch{chain: tickerChains[ticker], key: addr, label: addr,
			attrs: map[string]any{"verified": false}}
	}
	attrs := m.attrs
	attrs["chain"] = m.chain
	if ticker != "" {
		attrs["ticker"] = ticker
	}
	if network != "" {
		attrs["network"] = network
	}
	return ID{
		Kind:  KindWallet,
		Key:   KindWallet + ":" + m.chain + ":" + m.key,
		Label: m.label,
		Attrs: attrs,
		Also:  m.also,
	}, nil
}

// splitTicker separates "ETH: 0x…", "USDT (TRC20) T…" or "bitcoin:1…?x=y"
// into ticker, network note and address.
func splitTicker(s string) (ticker, network, addr string) {
	s = strings.Trim(s, " \t\"'.,;()[]<>")
	if scheme, rest, ok := strings.Cut(s, ":"); ok && !strings.ContainsAny(scheme, " \t") {
		if t, ok := uriSchemes[strings.ToLower(scheme)]; ok {
			rest, _, _ = strings.Cut(rest, "?")
			if t == "ETH" {
				rest, _, _ = strings.Cut(rest, "@") // EIP-681 chain id
			}
			if t == "BCH" {
				return t, "", "bitcoincash:" + strings.TrimPrefix(rest, "//")
			}
			return t, "", strings.TrimPrefix(rest, "//")
		}
		if _, known := tickerChains[upperASCII(scheme)]; known && rest != "" && !strings.ContainsAny(rest, " \t") {
			return upperASCII(scheme), "", strings.TrimSpace(rest)
		}
	}
	fields := strings.Fields(s)
	switch len(fields) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", s
	}
	addr = strings.Trim(fields[len(fields)-1], "\"'.,;()[]<>")
	words := fields[:len(fields)-1]
	if len(words) > 4 {
		return "", "", s // prose, not a labelled address
	}
	for i, w := range words {
		w = strings.Trim(w, ":-()[]")
		if w == "" {
			continue
		}
		if !isTickerWord(w) {
			return "", "", s
		}
		if i == 0 {
			ticker = upperASCII(w)
			if t, ok := tickerNames[ticker]; ok {
				ticker = t
			}
			continue
		}
		if network != "" {
			network += " "
		}
		network += upperASCII(w)
	}
	return ticker, network, addr
}

func isTickerWord(w string) bool {
	if len(w) > 12 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// walletMatch is an address recognised by its format.
type walletMatch struct {
	chain, key, label string
	attrs             map[string]any
	also              []ID
	checked           bool // a checksum vouched for it, not just its shape
}

// detectWallet recognises addr by shape and checksum. It returns a zero
// match and no reason when no format fits, and a reason when one fits but
// the address is damaged.
func detectWallet(addr string) (walletMatch, string) {
	lower := strings.ToLower(addr)
	switch {
	case strings.HasPrefix(lower, "0x") && len(addr) == 42 && isHex(addr[2:]):
		return ethAddress(addr)

	case strings.HasPrefix(lower, "bc1") || strings.HasPrefix(lower, "ltc1"):
		if addr != lower && addr != strings.ToUpper(addr) {
			return walletMatch{}, "mixed-case bech32 address"
		}
		chain, hrp := "btc", "bc"
		if strings.HasPrefix(lower, "ltc1") {
			chain, hrp = "ltc", "ltc"
		}
		if r := segwitAddress(lower, hrp); r != "" {
			return walletMatch{}, r
		}
		return walletMatch{chain: chain, key: lower, label: lower,
			attrs: map[string]any{"format": "bech32"}, checked: true}, ""

	case strings.HasPrefix(lower, "bitcoincash:") || (len(addr) == 42 && (lower[0] == 'q' || lower[0] == 'p') && isBech32Chars(lower)):
		if addr != lower && addr != strings.ToUpper(addr) {
			return walletMatch{}, "mixed-case cashaddr address"
		}
		body := strings.TrimPrefix(lower, "bitcoincash:")
		hash, kind, r := cashAddr(body)
		if r != "" {
			return walletMatch{}, r
		}
		// The same hash160 in legacy form is the same wallet, and lists
		// write Bitcoin Cash addresses both ways.
		version := byte(0x00)
		if kind == 1 {
			version = 0x05
		}
		legacy := legacyAddress(version, hash)
		return walletMatch{chain: "bch", key: body, label: "bitcoincash:" + body,
			attrs: map[string]any{"format": "cashaddr"}, checked: true,
			also: []ID{{Kind: KindWallet, Key: KindWallet + ":btc:" + legacy, Label: legacy,
				Attrs: map[string]any{"chain": "btc", "format": "base58check"}}},
		}, ""

	case (len(addr) == 95 || len(addr) == 106) && (addr[0] == '4' || addr[0] == '8') && isBase58(addr):
		return walletMatch{chain: "xmr", key: addr, label: addr, attrs: map[string]any{"format": "monero"}}, ""
	}

	if addr[0] == 'r' && len(addr) >= 25 && len(addr) <= 35 {
		if b, ok := base58Decode(addr, xrpIndex, 'r'); ok && len(b) == 25 && b[0] == 0 && base58CheckOK(b) {
			return walletMatch{chain: "xrp", key: addr, label: addr,
				attrs: map[string]any{"format": "base58check"}, checked: true}, ""
		}
	}
	if len(addr) < 25 || len(addr) > 44 {
		return walletMatch{}, ""
	}
	b, ok := base58Decode(addr, btcIndex, '1')
	if !ok {
		return walletMatch{}, ""
	}
	switch len(b) {
	case 25, 26:
		c := base58Chain(b)
		if c == "" {
			return walletMatch{}, ""
		}
		if !base58CheckOK(b) {
			return walletMatch{}, "bad base58check checksum"
		}
		return walletMatch{chain: c, key: addr, label: addr,
			attrs: map[string]any{"format": "base58check"}, checked: true}, ""
	case 32:
		if len(addr) >= 32 {
			return walletMatch{chain: "sol", key: addr, label: addr, attrs: map[string]any{"format": "base58"}}, ""
		}
	}
	return walletMatch{}, ""
}

// base58Chain names the chain of a decoded base58check address from its
// version byte(s); "" for versions this package does not know.
func base58Chain(b []byte) string {
	if len(b) == 26 {
		if b[0] == 0x1c && (b[1] == 0xb8 || b[1] == 0xbd) {
			return "zec"
		}
		return ""
	}
	switch b[0] {
	case 0x00, 0x05:
		return "btc"
	case 0x30, 0x32:
		return "ltc"
	case 0x41:
		return "trx"
	case 0x1e, 0x16:
		return "doge" // Verge (XVG) shares Dogecoin's version bytes
	case 0x4c, 0x10:
		return "dash"
	case 0x26, 0x17:
		return "btg"
	}
	return ""
}

func legacyAddress(version byte, hash []byte) string {
	payload := make([]byte, 0, 25)
	payload = append(payload, version)
	payload = append(payload, hash...)
	sum := checksum4(payload)
	return base58Encode(append(payload, sum[:]...))
}

// ethAddress keys an Ethereum address in lower case. A mixed-case address
// carries an EIP-55 checksum, which must hold; all-lower and all-upper
// addresses carry none.
func ethAddress(addr string) (walletMatch, string) {
	body := addr[2:]
	lower := strings.ToLower(body)
	checksummed := eip55(lower)
	state := "none"
	if body != lower && body != strings.ToUpper(body) {
		if body != checksummed {
			return walletMatch{}, "bad EIP-55 checksum"
		}
		state = "ok"
	}
	return walletMatch{chain: "eth", key: "0x" + lower, label: "0x" + checksummed,
		attrs: map[string]any{"format": "hex", "checksum": state}, checked: true}, ""
}

// eip55 returns the mixed-case checksum form of 40 lower-case hex digits.
func eip55(lower string) string {
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(lower))
	var sum [32]byte
	h.Sum(sum[:0])
	out := []byte(lower)
	for i, c := range out {
		if c >= 'a' && c <= 'f' {
			nib := sum[i/2]
			if i%2 == 0 {
				nib >>= 4
			}
			if nib&0x0f >= 8 {
				out[i] = c - 'a' + 'A'
			}
		}
	}
	return string(out)
}

// plausibleAddress accepts, for a ticker-vouched address of unknown
// format, only what could be an address: 20 to 128 letters and digits.
func plausibleAddress(s string) bool {
	if len(s) < 20 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func isBase58(s string) bool {
	for i := 0; i < len(s); i++ {
		if btcIndex[s[i]] < 0 {
			return false
		}
	}
	return true
}

func isBech32Chars(s string) bool {
	for i := 0; i < len(s); i++ {
		if bech32Index[s[i]] < 0 {
			return false
		}
	}
	return true
}

// tickerChains maps the coin tickers OFAC and payout forms write to the
// chain an address of unknown format is keyed under. Tokens that live on
// several chains map to themselves.
var tickerChains = map[string]string{
	"XBT": "btc", "BTC": "btc", "ETH": "eth", "TRX": "trx", "LTC": "ltc",
	"XMR": "xmr", "DASH": "dash", "BSV": "bsv", "BCH": "bch", "ARB": "eth",
	"BSC": "eth", "BNB": "bnb", "ETC": "etc", "ZEC": "zec", "XVG": "xvg",
	"BTG": "btg", "SOL": "sol", "XRP": "xrp", "DOGE": "doge", "USDT": "usdt",
	"USDC": "usdc", "MATIC": "eth", "POL": "eth", "TON": "ton", "ADA": "ada",
}

// tickerNames folds spelled-out coin names into tickers.
var tickerNames = map[string]string{
	"BITCOIN": "BTC", "ETHEREUM": "ETH", "TETHER": "USDT", "TRON": "TRX",
	"LITECOIN": "LTC", "MONERO": "XMR", "SOLANA": "SOL", "RIPPLE": "XRP",
	"DOGECOIN": "DOGE", "ZCASH": "ZEC",
}

var uriSchemes = map[string]string{
	"bitcoin": "BTC", "ethereum": "ETH", "litecoin": "LTC", "bitcoincash": "BCH",
	"tron": "TRX", "monero": "XMR", "dogecoin": "DOGE", "solana": "SOL",
}
