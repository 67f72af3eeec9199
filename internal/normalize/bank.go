package normalize

import (
	"strings"
)

// BankAccount normalises a domestic bank account given as bank code and
// account number. country is a code or name ("US", "USA", "United
// States"); when it is empty a nine-digit routing number is read as a US
// ABA number, the only bank code that ledgers routinely leave unlabelled.
//
// US accounts key as "account:us:<routing>:<number>" after the ABA 3-7-1
// checksum (a failure is an error: a wrong routing number names a
// different bank); other countries as "account:<cc>:<bank code>:<number>";
// an account with no bank code as "account:raw:<number>".
func BankAccount(routing, number, country string) (ID, error) {
	if len(routing)+len(number)+len(country) > maxInput {
		return ID{}, newError(KindAccount, number, "too long")
	}
	num := upperAlnum(number)
	if num == "" {
		return ID{}, newError(KindAccount, number, "no account number")
	}
	cc := ""
	if c := strings.TrimSpace(country); c != "" {
		code, ok := CountryCode(c)
		if !ok {
			return ID{}, newError(KindAccount, country, "unknown country")
		}
		cc = code
	}
	bank := upperAlnum(routing)
	if bank == "" {
		id := ID{Kind: KindAccount, Key: KindAccount + ":raw:" + num, Label: num}
		if cc != "" {
			id.Attrs = map[string]any{"country": cc}
		}
		return id, nil
	}
	if cc == "US" || (cc == "" && len(bank) == 9 && isDigits(bank)) {
		if reason := abaProblem(bank); reason != "" {
			return ID{}, newError(KindAccount, routing, reason)
		}
		if !isDigits(num) {
			return ID{}, newError(KindAccount, number, "US account number has letters")
		}
		if len(num) < 4 || len(num) > 17 {
			return ID{}, newError(KindAccount, number, "US account number is not 4 to 17 digits")
		}
		return ID{
			Kind:  KindAccount,
			Key:   KindAccount + ":us:" + bank + ":" + num,
			Label: "US " + bank + " " + num,
			Attrs: map[string]any{"country": "US", "routing": bank},
		}, nil
	}
	if cc == "" {
		return ID{}, newError(KindAccount, routing, "bank code without a country")
	}
	return ID{
		Kind:  KindAccount,
		Key:   KindAccount + ":" + strings.ToLower(cc) + ":" + bank + ":" + num,
		Label: cc + " " + bank + " " + num,
		Attrs: map[string]any{"country": cc, "bank_code": bank},
	}, nil
}

// abaProblem checks a US ABA routing number: nine digits whose weighted
// sum (3,7,1 repeating) is a multiple of ten. All zeros passes the sum but
// is no bank.
func abaProblem(r string) string {
	if len(r) != 9 || !isDigits(r) {
		return "routing number is not 9 digits"
	}
	if r == "000000000" {
		return "routing number is all zeros"
	}
	sum := 0
	for i := 0; i < 9; i++ {
		d := int(r[i] - '0')
		switch i % 3 {
		case 0:
			sum += 3 * d
		case 1:
			sum += 7 * d
		default:
			sum += d
		}
	}
	if sum%10 != 0 {
		return "routing number fails the ABA checksum"
	}
	return ""
}
