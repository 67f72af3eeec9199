package ingest

import "strings"

// CurrencyDigits returns how many minor-unit digits a currency has: ISO
// 4217 for fiat (JPY and KRW 0; BHD, IQD, JOD, KWD, LYD, OMR and TND 3;
// 2 for everything unknown). Crypto tickers use their smallest practical
// unit that keeps large sums inside int64: BTC, LTC, BCH, DOGE and BNB 8
// (satoshi-like), USDT, USDC, TRX and XRP 6, ETH, SOL and DAI 9 (gwei: 18
// digits of wei would cap an int64 at 9.2 ETH), XMR 12. An amount with more
// non-zero decimals than this is rejected, never rounded.
func CurrencyDigits(code string) int {
	switch strings.ToUpper(strings.TrimSpace(code)) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
		"VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	case "CLF", "UYW":
		return 4
	case "BTC", "XBT", "LTC", "BCH", "DOGE", "BNB":
		return 8
	case "USDT", "USDC", "TRX", "XRP":
		return 6
	case "ETH", "SOL", "DAI":
		return 9
	case "XMR":
		return 12
	}
	return 2
}

// symbolCurrency resolves a currency symbol or local abbreviation written
// next to an amount. ok is false for text that is not a currency marker;
// code is "" for markers shared by several currencies ("$", "¥", "kr").
func symbolCurrency(sym string) (code string, ok bool) {
	switch sym {
	case "$", "¥", "￥", "kr", "Kr", "KR", "Rs", "RS", "rs", "₨":
		return "", true
	case "€":
		return "EUR", true
	case "£":
		return "GBP", true
	case "₩":
		return "KRW", true
	case "₹":
		return "INR", true
	case "₽":
		return "RUB", true
	case "₿":
		return "BTC", true
	case "₺":
		return "TRY", true
	case "₴":
		return "UAH", true
	case "₱":
		return "PHP", true
	case "₦":
		return "NGN", true
	case "₫":
		return "VND", true
	case "₪":
		return "ILS", true
	case "US$", "USD$":
		return "USD", true
	case "C$", "CA$":
		return "CAD", true
	case "A$", "AU$":
		return "AUD", true
	case "R$":
		return "BRL", true
	case "HK$":
		return "HKD", true
	case "S$", "SG$":
		return "SGD", true
	case "NZ$":
		return "NZD", true
	case "MX$":
		return "MXN", true
	case "CN¥", "RMB":
		return "CNY", true
	case "JP¥":
		return "JPY", true
	case "zł", "Zł", "ZŁ":
		return "PLN", true
	case "Kč":
		return "CZK", true
	case "Ft":
		return "HUF", true
	case "lei", "Lei", "LEI":
		return "RON", true
	case "R":
		return "ZAR", true
	}
	return "", false
}

// currencyCode reports whether s looks like a currency code or crypto
// ticker (3 to 5 ASCII letters) and returns it upper-cased.
func currencyCode(s string) (string, bool) {
	if len(s) < 3 || len(s) > 5 || !isASCIILetters(s) {
		return "", false
	}
	return strings.ToUpper(s), true
}
