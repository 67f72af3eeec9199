package ingest

import (
	"strings"
	"unicode"
)

// ColumnInfo is how one column was understood, for `--explain` output.
type ColumnInfo struct {
	Index  int    // 0-based position (for JSON: order of first appearance)
	Name   string // the header as written in the file
	Role   Role
	Mapped bool // the role came from the mapping file, not auto-detection
}

// normalizeHeader folds the ways people write one column name into a lookup
// key: "E-mail Address" and "email_address" both become "emailaddress".
func normalizeHeader(h string) string {
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			ascii = false
			break
		}
	}
	var b strings.Builder
	b.Grow(len(h))
	if ascii {
		for i := 0; i < len(h); i++ {
			c := h[i]
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			}
		}
		return b.String()
	}
	for _, r := range h {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// detectRole guesses a column's role from its header. Unknown headers are
// RoleExtra.
func detectRole(s Schema, header string) Role {
	lookup := contractorSynonym
	if s == Payments {
		lookup = paymentSynonym
	}
	n := normalizeHeader(header)
	if r := lookup(n); r != "" {
		return r
	}
	// Flattened JSON ("address.city", "links.github"): the child alone
	// usually says it.
	if i := strings.LastIndexByte(header, '.'); i >= 0 {
		if r := lookup(normalizeHeader(header[i+1:])); r != "" {
			return r
		}
	}
	// "Email 2", "Secondary phone", "Work e-mail": extra columns of an
	// identifier kind. Only identifier roles qualify, so that "Other ID" or
	// "Net amount 2" never become the record's key or amount by accident.
	base := strings.TrimRight(n, "0123456789")
	for _, p := range qualifierPrefixes {
		if strings.HasPrefix(base, p) && len(base) > len(p) {
			base = base[len(p):]
			break
		}
	}
	if base != n {
		if r := lookup(base); r != "" && r.repeatable() {
			return r
		}
	}
	return RoleExtra
}

var qualifierPrefixes = [...]string{
	"secondary", "alternate", "alternative", "additional", "primary", "personal", "previous",
	"backup", "other", "work", "home", "alt", "old", "new",
}

// repeatable roles are identifiers a person may legitimately have several of.
func (r Role) repeatable() bool {
	switch r {
	case RoleEmail, RolePhone, RoleWallet, RoleIP, RoleHandle, RoleWebsite, RoleDevice, RolePhoto,
		RoleTelegram, RoleGitHub, RoleLinkedIn, RoleIBAN, RolePayoutAccount, RoleAccountNumber:
		return true
	}
	return false
}

// contractorSynonym maps a normalised header of a contractor export to its
// role, or "" when unknown.
func contractorSynonym(n string) Role {
	switch n {
	case "id", "contractorid", "freelancerid", "userid", "profileid", "uid", "workerid", "memberid",
		"contractorno", "freelancerno", "contractorref", "freelancerref", "contractornumber":
		return RoleID
	case "name", "fullname", "legalname", "displayname", "contractorname", "freelancername",
		"realname", "completename", "nameonaccount", "accountholder", "accountholdername":
		return RoleName
	case "firstname", "givenname", "forename", "fname", "first", "givennames":
		return RoleFirstName
	case "lastname", "surname", "familyname", "lname", "last":
		return RoleLastName
	case "email", "emailaddress", "mail", "primaryemail", "contactemail", "emailid", "emails",
		"useremail", "loginemail":
		return RoleEmail
	case "phone", "mobile", "phonenumber", "cell", "cellphone", "telephone", "tel", "whatsapp",
		"whatsappnumber", "mobilenumber", "mobilephone", "contactnumber", "phoneno", "msisdn",
		"phones", "mobileno", "telephonenumber", "cellnumber":
		return RolePhone
	case "street", "streetaddress", "addressline1", "address1", "addr1", "line1", "addressstreet",
		"streetline1", "street1":
		return RoleStreet
	case "address", "fulladdress", "mailingaddress", "postaladdress", "homeaddress",
		"residentialaddress", "billingaddress", "physicaladdress", "streetaddressfull":
		return RoleAddress
	case "addressline2", "address2", "addr2", "line2", "street2", "streetline2":
		return RoleExtra // part of the street, not an address of its own
	case "city", "town", "locality", "addresscity", "cityname":
		return RoleCity
	case "state", "province", "region", "stateprovince", "stateregion", "addressstate", "county",
		"stateorprovince", "prefecture":
		return RoleRegion
	case "zip", "zipcode", "postalcode", "postcode", "postal", "pincode", "addresszip",
		"addresspostalcode", "zippostalcode", "postalzip":
		return RolePostal
	case "country", "countrycode", "countryofresidence", "residencecountry", "addresscountry",
		"countryname", "countryregion":
		return RoleCountry
	case "nationality", "citizenship", "countryofcitizenship":
		return RoleNationality
	case "payoutmethod", "paymentmethod", "withdrawalmethod", "payoutmethodtype", "payouttype",
		"payoutprovider", "paymentprovider":
		return RolePayoutMethod
	case "payoutaccount", "payoutdetails", "bankaccount", "paymentaccount", "withdrawalaccount",
		"payoutdestination", "paymentdetails", "withdrawaldetails", "payoutemail", "paypal",
		"paypalemail", "payoneer", "payoneerid", "wise", "wiseaccount", "bankdetails":
		return RolePayoutAccount
	case "accountnumber", "bankaccountnumber", "acctno", "accountno", "acctnumber", "accountnum":
		return RoleAccountNumber
	case "iban", "ibannumber", "bankiban", "ibancode":
		return RoleIBAN
	case "routing", "aba", "routingnumber", "abanumber", "sortcode", "abaroutingnumber",
		"routingno", "bankroutingnumber", "transitnumber":
		return RoleRouting
	case "wallet", "walletaddress", "cryptowallet", "usdtaddress", "btcaddress", "ethaddress",
		"cryptoaddress", "usdtwallet", "btcwallet", "ethwallet", "trc20address", "erc20address",
		"usdttrc20", "usdterc20", "bitcoinaddress", "ethereumaddress", "cryptowalletaddress",
		"wallets", "payoutwallet":
		return RoleWallet
	case "github", "githuburl", "githubprofile", "githubusername", "githubhandle", "githublink":
		return RoleGitHub
	case "linkedin", "linkedinurl", "linkedinprofile", "linkedinhandle", "linkedinlink":
		return RoleLinkedIn
	case "telegram", "telegramhandle", "telegramusername", "telegramid", "tg":
		return RoleTelegram
	case "handle", "username", "login", "screenname", "nickname", "userhandle", "loginname":
		return RoleHandle
	case "website", "portfolio", "portfoliourl", "websiteurl", "personalwebsite", "homepage",
		"url", "web", "site", "portfoliolink":
		return RoleWebsite
	case "ip", "ipaddress", "lastloginip", "loginip", "signupip", "lastip", "registrationip",
		"ipaddr", "lastipaddress", "loginipaddress", "signupipaddress", "ips", "createdip", "ipv4",
		"ipv6", "ipv4address", "ipv6address":
		return RoleIP
	case "device", "deviceid", "devicefingerprint", "fingerprint", "browserfingerprint",
		"devicehash", "machineid", "hardwareid":
		return RoleDevice
	case "photohash", "avatarhash", "selfiehash", "profilephotohash", "imagehash", "photo", "avatar",
		"selfie", "profilephoto", "profilepicturehash", "picturehash", "headshothash":
		return RolePhoto
	case "joined", "joinedat", "signupdate", "createdat", "registrationdate", "joindate",
		"datejoined", "registeredat", "membersince", "signedup", "created", "registered",
		"signedupat", "createddate", "joinedon", "accountcreated":
		return RoleJoined
	case "dob", "dateofbirth", "birthdate", "birthday", "born":
		return RoleDOB
	}
	return ""
}

// paymentSynonym maps a normalised header of a payment ledger to its role,
// or "" when unknown.
func paymentSynonym(n string) Role {
	switch n {
	case "id", "paymentid", "txnid", "transactionid", "txid", "transferid", "payoutid", "ledgerid",
		"entryid", "paymentno", "paymentref", "transactionref", "transactionno", "invoiceid":
		return RolePaymentID
	case "date", "paymentdate", "valuedate", "created", "createdat", "transactiondate", "txndate",
		"bookingdate", "timestamp", "paidat", "paidon", "settledat", "datetime", "paymentdatetime",
		"executiondate", "settlementdate", "transferdate", "postingdate", "postedat":
		return RoleDate
	case "type", "kind", "transactiontype", "txntype", "paymenttype", "entrytype":
		return RoleType
	case "contractor", "contractorid", "freelancerid", "freelancer", "workerid", "userid",
		"profileid":
		return RoleContractor
	case "payer", "client", "sender", "from", "debtor", "payername", "clientname", "sendername",
		"originator", "orderingcustomer", "remitter", "clientid", "payerid", "debtorname":
		return RolePayer
	case "payertype", "sendertype", "fromtype":
		return RolePayerType
	case "payeraccount", "fromaccount", "senderaccount", "debtoraccount", "sourceaccount",
		"payeriban", "debtoriban", "fromwallet", "sourcewallet", "senderwallet", "senderiban",
		"originatoraccount", "fromiban":
		return RolePayerAccount
	case "payeeaccount", "toaccount", "beneficiaryaccount", "destinationaccount", "creditoraccount",
		"iban", "creditoriban", "beneficiaryiban", "towallet", "destinationwallet",
		"recipientaccount", "payoutaccount", "walletaddress", "recipientwallet", "toiban",
		"beneficiarywallet":
		return RolePayeeAccount
	case "beneficiary", "beneficiaryname", "payeename", "recipient", "creditor", "recipientname",
		"creditorname", "payee", "accountholder", "to":
		return RoleBeneficiary
	case "amount", "gross", "netamount", "value", "grossamount", "amt", "total", "paymentamount",
		"transactionamount", "net", "sum", "amountpaid", "paidamount":
		return RoleAmount
	case "currency", "ccy", "cur", "currencycode", "curr", "asset", "token":
		return RoleCurrency
	case "rail", "method", "channel", "paymentmethod", "paymentrail", "network", "scheme",
		"paymentchannel", "chain":
		return RoleRail
	case "reference", "memo", "description", "remittanceinfo", "remittanceinformation", "ref",
		"narrative", "note", "notes", "purpose", "details", "paymentreference", "comment":
		return RoleReference
	}
	return ""
}
