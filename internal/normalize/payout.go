package normalize

import (
	"errors"
	"strings"
)

// Payout classifies a payout-account cell and normalises it as what it
// holds: an email address (PayPal, Payoneer, Wise: the same mailbox is one
// node whatever it is used for), an IBAN, a crypto wallet, a US ACH
// routing/account pair ("ACH 021000021 123456789", "021000021/123456789",
// "routing 021000021 account 123456789"), a mobile-money phone number, or
// failing all of those "account:raw:<UPPERALNUM>" with Attrs method.
//
// method is the "payout method" column, if any ("IBAN", "Wise", "USDT",
// "M-Pesa", "ACH", ...). Content that validates strictly (a checksum, an
// "@") wins over the method; the method decides only what weak evidence
// cannot: a mistyped IBAN, a phone number without "+", a coin ticker.
// Failed checks (iban_error, wallet_error, bank_error) are kept in Attrs of
// the raw account, so a damaged value is flagged rather than dropped.
func Payout(method, raw, defaultRegion string) (ID, error) {
	s := strings.TrimSpace(raw)
	if Empty(s) {
		return ID{}, newError("payout", raw, "empty")
	}
	if len(s) > maxInput {
		return ID{}, newError("payout", raw, "too long")
	}
	class := methodClass(method)
	var notes map[string]any // failed checks, allocated only when one fails

	if id, ok := payoutEmail(s); ok {
		return id, nil
	}
	if routing, number, ok := parseACH(s); ok {
		id, err := BankAccount(routing, number, "US")
		if err == nil {
			return id, nil
		}
		notes = addNote(notes, "bank_error", errorReason(err))
	}
	body := stripLabels(s)
	compact := upperAlnum(body)
	for strings.HasPrefix(compact, "IBAN") && len(compact) > 4 {
		compact = compact[len("IBAN"):]
	}
	if looksLikeIBAN(compact) && ibanProblem(compact) == "" {
		return IBAN(compact)
	}
	if id, err := wallet(body, methodTicker(method)); err == nil {
		if class == "crypto" || id.Attrs["ticker"] != nil || walletChecked(id) {
			return id, nil
		}
	} else if r := errorReason(err); r != reasonUnrecognised && r != "empty" {
		notes = addNote(notes, "wallet_error", r)
	}
	if class == "iban" || looksLikeIBAN(compact) {
		id, err := IBAN(compact)
		if err == nil {
			return withNotes(id, method, notes), nil
		}
	}
	if class == "phone" || strings.HasPrefix(body, "+") || hasPrefixFold(body, "tel:") {
		id, err := Phone(body, defaultRegion)
		if err != nil && class == "phone" && compact != body {
			// The digits alone are what the raw key would keep; reading
			// them as the number too keeps the result stable when the
			// key's value is fed back in.
			id, err = Phone(compact, defaultRegion)
		}
		if err == nil {
			return id, nil
		}
		if class == "phone" {
			notes = addNote(notes, "phone_error", errorReason(err))
		}
	}
	if compact == "" {
		return ID{}, newError("payout", raw, "no letters or digits")
	}
	if Empty(compact) {
		// "N-A", "n.a": a placeholder once its punctuation is gone.
		return ID{}, newError("payout", raw, "empty")
	}
	return withNotes(ID{Kind: KindAccount, Key: KindAccount + ":raw:" + compact, Label: compact}, method, notes), nil
}

func addNote(notes map[string]any, k string, v any) map[string]any {
	if notes == nil {
		notes = make(map[string]any, 2)
	}
	notes[k] = v
	return notes
}

// withNotes adds the method and any failed checks to an account ID.
func withNotes(id ID, method string, notes map[string]any) ID {
	if m := cleanLabel(method); m != "" {
		notes = addNote(notes, "method", m)
	}
	if len(notes) == 0 {
		return id
	}
	if id.Attrs == nil {
		id.Attrs = notes
		return id
	}
	for k, v := range notes {
		id.Attrs[k] = v
	}
	return id
}

func errorReason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return err.Error()
}

// walletChecked reports whether a wallet was vouched for by a checksum or
// a strong format rather than by shape alone (Solana, Monero): without a
// crypto method or a ticker, shape alone is too weak to call a payout cell
// a wallet.
func walletChecked(id ID) bool {
	switch id.Attrs["format"] {
	case "base58", "monero", nil:
		return false
	}
	return true
}

// payoutEmail finds the one email address in a cell like
// "PayPal: kim@example.com".
func payoutEmail(s string) (ID, bool) {
	if strings.IndexByte(s, '@') < 0 {
		return ID{}, false
	}
	if id, err := Email(s); err == nil {
		return id, true
	}
	var found string
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == ',' || r == ';' || r == '|'
	}) {
		if strings.IndexByte(f, '@') >= 0 {
			if found != "" {
				return ID{}, false // two addresses: not one account
			}
			found = f
		}
	}
	if found == "" {
		return ID{}, false
	}
	if i := strings.IndexByte(found, ':'); i >= 0 && i < strings.IndexByte(found, '@') && !hasPrefixFold(found, "mailto:") {
		found = found[i+1:] // "paypal:kim@x.com"
	}
	id, err := Email(strings.Trim(found, "()[]"))
	return id, err == nil
}

// parseACH reads a US routing and account number pair: exactly two
// numbers, one a labelled or checksum-valid nine-digit routing number,
// among at most a few words ("ACH", "routing", "acct", a bank name).
func parseACH(s string) (routing, number string, ok bool) {
	var nums [2]string
	var labels [2]string
	n, words := 0, 0
	last := ""
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '/' || r == ',' || r == ';' || r == ':' || r == '|' || r == '#' || r == '='
	}) {
		if digits, ok := groupedDigits(f); ok {
			if n == 2 {
				return "", "", false
			}
			nums[n], labels[n] = digits, last
			n++
			last = ""
			continue
		}
		w := strings.ToUpper(strings.Trim(f, ".-()"))
		if w == "" {
			continue
		}
		for i := 0; i < len(w); i++ {
			if !isUpperLetter(w[i]) {
				return "", "", false
			}
		}
		words++
		if words > 6 {
			return "", "", false
		}
		if achRoutingWords[w] {
			last = "routing"
		} else if achAccountWords[w] {
			last = "account"
		}
	}
	if n != 2 {
		return "", "", false
	}
	r, a := -1, -1
	for i := range 2 {
		switch labels[i] {
		case "routing":
			r = i
		case "account":
			a = i
		}
	}
	switch {
	case r >= 0 && r != a:
		return nums[r], nums[1-r], true
	case a >= 0:
		return nums[1-a], nums[a], len(nums[1-a]) == 9
	}
	for i := range 2 {
		if len(nums[i]) == 9 && abaProblem(nums[i]) == "" {
			return nums[i], nums[1-i], true
		}
	}
	return "", "", false
}

// groupedDigits returns the digits of a number written with dashes or
// dots ("123-456-789"), or ok=false if f holds anything else.
func groupedDigits(f string) (string, bool) {
	n := 0
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c >= '0' && c <= '9':
			n++
		case c == '-' || c == '.':
		default:
			return "", false
		}
	}
	if n == 0 {
		return "", false
	}
	if n == len(f) {
		return f, true
	}
	b := make([]byte, 0, n)
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b), true
}

var (
	achRoutingWords = set("ROUTING", "RTN", "ABA", "RT", "ROUTE", "TRANSIT", "RTG", "RN", "ABARTN")
	achAccountWords = set("ACCOUNT", "ACCT", "ACC", "AC", "ACCNT", "ACCTNO", "AN")
)

// stripLabels drops leading words that label a value rather than belong
// to it ("Account No.: 1234", "Payoneer ID 5678"), unless nothing would
// be left.
func stripLabels(s string) string {
	rest := s
	for {
		trimmed := strings.TrimLeft(rest, " \t:#.-=")
		end := strings.IndexAny(trimmed, " \t:#=")
		if end < 0 {
			break
		}
		if !payoutLabels[upperAlnum(trimmed[:end])] {
			break
		}
		rest = trimmed[end:]
	}
	rest = strings.TrimLeft(rest, " \t:#.-=")
	if upperAlnum(rest) == "" {
		return s
	}
	return rest
}

var payoutLabels = set("ACCOUNT", "ACCT", "ACC", "AC", "NO", "NUMBER", "NUM", "NR", "ID",
	"PAYONEER", "PAYPAL", "WISE", "TRANSFERWISE", "SKRILL", "REVOLUT", "IBAN", "WALLET",
	"ADDRESS", "ADDR", "CUSTOMER", "USER", "EMAIL", "MAIL", "BANK", "PAYOUT", "TO")

// methodClass reads the payout method column as a hint.
func methodClass(method string) string {
	m := strings.ToLower(method)
	switch {
	case m == "":
		return ""
	case strings.Contains(m, "iban") || strings.Contains(m, "sepa"):
		return "iban"
	case containsAny(m, "paypal", "payoneer", "wise", "skrill", "revolut", "zelle", "venmo"):
		return "email"
	case containsAny(m, "mobile", "mpesa", "m-pesa", "gcash", "momo", "phone", "airtel", "mtn",
		"bkash", "easypaisa", "jazzcash", "orange money", "wave"):
		return "phone"
	case containsAny(m, "ach", "wire", "bank", "swift", "domestic", "checking"):
		return "bank"
	case containsAny(m, "crypto", "wallet", "coin", "usdt", "usdc", "btc", "bitcoin", "eth", "tron",
		"trx", "ltc", "xmr", "monero", "binance", "tether", "sol"):
		return "crypto"
	}
	if methodTicker(method) != "" {
		return "crypto"
	}
	return ""
}

// methodTicker returns the method as a coin ticker ("USDT", "Bitcoin" →
// "BTC") or "".
func methodTicker(method string) string {
	t := upperAlnum(method)
	if n, ok := tickerNames[t]; ok {
		return n
	}
	if _, ok := tickerChains[t]; ok {
		return t
	}
	return ""
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
