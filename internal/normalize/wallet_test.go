package normalize

import (
	"strings"
	"testing"
)

func TestWalletKeysByFormat(t *testing.T) {
	tests := []struct {
		name, in, key, ticker string
	}{
		// OFAC SDN examples.
		{"bitcoin P2PKH with XBT", "XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "wallet:btc:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "XBT"},
		{"bitcoin P2PKH bare", "1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T", "wallet:btc:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T", ""},
		{"bitcoin P2SH carrying USDT (Omni)", "USDT 3E6ZCKRrsdPc35chA9Eftp1h3DLW18NFNV", "wallet:btc:3E6ZCKRrsdPc35chA9Eftp1h3DLW18NFNV", "USDT"},
		{"bech32 P2WSH", "XBT bc1qq7p0es3dv5hcynjjf40f2xjjr6qp5py47d2f6n847vduuq9gvnyq7y9ecd", "wallet:btc:bc1qq7p0es3dv5hcynjjf40f2xjjr6qp5py47d2f6n847vduuq9gvnyq7y9ecd", "XBT"},
		{"bech32 upper case", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "wallet:btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", ""},
		{"bech32m taproot", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "wallet:btc:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", ""},
		{"ethereum EIP-55 mixed case", "ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96", "wallet:eth:0x098b716b8aaf21512996dc57eb0615e2383e2f96", "ETH"},
		{"ethereum lower case", "ETH 0x97b1043abd9e6fc31681635166d430a458d14f9c", "wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c", "ETH"},
		{"ethereum upper case", "0x97B1043ABD9E6FC31681635166D430A458D14F9C", "wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c", ""},
		{"ticker with colon", "ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "wallet:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "ETH"},
		{"ticker glued with colon", "ETH:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "wallet:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "ETH"},
		{"USDC on an EVM chain", "USDC 0xb6f5ec1a0a9cd1526536d3f0426c429529471f40", "wallet:eth:0xb6f5ec1a0a9cd1526536d3f0426c429529471f40", "USDC"},
		{"tron", "TRX TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM", "wallet:trx:TAYhjpL8pPs8T84FSM329nffQpc6jD8GBM", "TRX"},
		{"USDT on tron", "USDT TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "wallet:trx:TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "USDT"},
		{"tron filed by OFAC under XBT", "XBT TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq", "wallet:trx:TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq", "XBT"},
		{"litecoin L", "LTC LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb", "wallet:ltc:LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb", "LTC"},
		{"monero", "XMR 49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL", "wallet:xmr:49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL", "XMR"},
		{"xrp with trailing full stop", "XRP rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66.", "wallet:xrp:rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66", "XRP"},
		{"xrp genesis", "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "wallet:xrp:rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", ""},
		{"zcash transparent", "ZEC t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL", "wallet:zec:t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL", "ZEC"},
		{"dash", "DASH XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2", "wallet:dash:XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2", "DASH"},
		{"bitcoin cash legacy is the bitcoin hash", "BCH 18M8bJWMzWHDBMxoLqjHHAffdRy4SrzkfB", "wallet:btc:18M8bJWMzWHDBMxoLqjHHAffdRy4SrzkfB", "BCH"},
		{"cashaddr", "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "wallet:bch:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "BCH"},
		{"solana", "SOL So11111111111111111111111111111111111111112", "wallet:sol:So11111111111111111111111111111111111111112", "SOL"},
		{"BIP-21 URI", "bitcoin:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ?amount=0.5&label=x", "wallet:btc:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "BTC"},
		{"EIP-681 URI", "ethereum:0x97b1043abd9e6fc31681635166d430a458d14f9c@1", "wallet:eth:0x97b1043abd9e6fc31681635166d430a458d14f9c", "ETH"},
		{"coin name as ticker", "Tether TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "wallet:trx:TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "USDT"},
		{"network note", "USDT (TRC-20) TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "wallet:trx:TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2j", "USDT"},
		{"unknown format vouched for by ticker", "XMR 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320", "wallet:xmr:5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320", "XMR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Wallet(tt.in)
			if err != nil {
				t.Fatalf("Wallet(%q): %v", tt.in, err)
			}
			if id.Key != tt.key || id.Kind != KindWallet {
				t.Errorf("Wallet(%q) = %q, want %q", tt.in, id.Key, tt.key)
			}
			ticker, _ := id.Attrs["ticker"].(string)
			if ticker != tt.ticker {
				t.Errorf("ticker = %q, want %q", ticker, tt.ticker)
			}
			if chain := strings.Split(id.Key, ":")[1]; id.Attrs["chain"] != chain {
				t.Errorf("chain attr %v does not match key %q", id.Attrs["chain"], id.Key)
			}
		})
	}
}

func TestWalletEthereumLabelIsChecksummed(t *testing.T) {
	id, err := Wallet("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	if err != nil {
		t.Fatal(err)
	}
	if id.Label != "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" || id.Attrs["checksum"] != "none" {
		t.Errorf("got %q %v", id.Label, id.Attrs)
	}
	id, _ = Wallet("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")
	if id.Attrs["checksum"] != "ok" {
		t.Errorf("mixed-case valid address: checksum = %v", id.Attrs["checksum"])
	}
}

func TestWalletCashaddrAlsoMatchesLegacyForm(t *testing.T) {
	// The cashaddr specification's own example pair.
	id, err := Wallet("bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a")
	if err != nil {
		t.Fatal(err)
	}
	if len(id.Also) != 1 || id.Also[0].Key != "wallet:btc:1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu" {
		t.Errorf("Also = %v", id.Also)
	}
	bare, err := Wallet("QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A")
	if err != nil || bare.Key != id.Key {
		t.Errorf("upper-case bare cashaddr = %q, %v", bare.Key, err)
	}
}

func TestWalletRejectsDamagedAddresses(t *testing.T) {
	tests := []struct{ name, in, reason string }{
		{"base58check bitcoin", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfK", "bad base58check checksum"},
		{"base58check tron", "USDT TE3mCcPULjPUE7ykX7RArDPAhyahoy3d2k", "bad base58check checksum"},
		{"base58 lower-cased", "1d6gg9ikehpittcwrjiniuj1jym2hneafj", reasonUnrecognised},
		{"EIP-55", "0x098b716B8Aaf21512996dC57EB0615e2383E2f96", "bad EIP-55 checksum"},
		{"bech32 checksum", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bad checksum"},
		{"bech32 mixed case", "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "mixed-case bech32 address"},
		{"bech32 for witness v1 (needs bech32m)", "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", "bad checksum"},
		{"cashaddr checksum", "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6c", "bad checksum"},
		{"prose", "send it to my wallet please", reasonUnrecognised},
		{"company ticker is no coin", "Payoneer 12345678901234567890", reasonUnrecognised},
		{"too short", "XBT 1abc", reasonUnrecognised},
		{"empty", "  ", "empty"},
		{"ticker only", "ETH:", reasonUnrecognised},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Wallet(tt.in)
			e, ok := err.(*Error)
			if !ok || e.Reason != tt.reason {
				t.Errorf("Wallet(%q) err = %v, want reason %q", tt.in, err, tt.reason)
			}
		})
	}
}

func TestBase58RoundTrip(t *testing.T) {
	for _, s := range []string{"1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "11111111111111111111111111111111", "3E6ZCKRrsdPc35chA9Eftp1h3DLW18NFNV"} {
		b, ok := base58Decode(s, btcIndex, '1')
		if !ok {
			t.Fatalf("decode %q failed", s)
		}
		if got := base58Encode(b); got != s {
			t.Errorf("round trip %q -> %q", s, got)
		}
	}
}
