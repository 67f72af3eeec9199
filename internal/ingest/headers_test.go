package ingest

import "testing"

func TestNormalizeHeaderFoldsSpellings(t *testing.T) {
	tests := map[string]string{
		"E-mail Address":     "emailaddress",
		"email_address":      "emailaddress",
		"\ufeffUser ID":      "userid",
		"  Last Login IP  ":  "lastloginip",
		"Correo electrónico": "correoelectrónico",
		"ÉTAT":               "état",
		"Tel. (WhatsApp)":    "telwhatsapp",
	}
	for in, want := range tests {
		if got := normalizeHeader(in); got != want {
			t.Errorf("normalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectRoleKnowsTheUsualContractorHeaders(t *testing.T) {
	tests := map[string]Role{
		"ID": RoleID, "Contractor ID": RoleID, "freelancer_id": RoleID, "User ID": RoleID, "Profile ID": RoleID, "uid": RoleID,
		"Name": RoleName, "Full Name": RoleName, "Legal Name": RoleName, "Display Name": RoleName,
		"First Name": RoleFirstName, "Given Name": RoleFirstName, "Last Name": RoleLastName, "Surname": RoleLastName,
		"Family Name": RoleLastName,
		"Email":       RoleEmail, "E-mail": RoleEmail, "Email Address": RoleEmail, "E-mail Address": RoleEmail,
		"Primary Email": RoleEmail, "Contact Email": RoleEmail, "Email 2": RoleEmail, "Secondary e-mail": RoleEmail,
		"Phone": RolePhone, "Mobile": RolePhone, "Phone Number": RolePhone, "Cell": RolePhone, "Telephone": RolePhone,
		"WhatsApp": RolePhone, "Work Phone": RolePhone,
		"Street": RoleStreet, "Street Address": RoleStreet, "Address Line 1": RoleStreet, "address1": RoleStreet,
		"Address Line 2": RoleExtra,
		"Address":        RoleAddress, "Full Address": RoleAddress, "Mailing Address": RoleAddress,
		"City": RoleCity, "Town": RoleCity, "State": RoleRegion, "Province": RoleRegion, "Region": RoleRegion,
		"ZIP": RolePostal, "Postal Code": RolePostal, "Postcode": RolePostal,
		"Country": RoleCountry, "Country Code": RoleCountry, "Nationality": RoleNationality,
		"Payout Method": RolePayoutMethod, "Payment Method": RolePayoutMethod, "Withdrawal Method": RolePayoutMethod,
		"Payout Account": RolePayoutAccount, "Payout Details": RolePayoutAccount, "Bank Account": RolePayoutAccount,
		"Payment Account": RolePayoutAccount, "Withdrawal Account": RolePayoutAccount,
		"Account Number": RoleAccountNumber, "IBAN": RoleIBAN,
		"Routing": RoleRouting, "ABA": RoleRouting, "Routing Number": RoleRouting, "Sort Code": RoleRouting,
		"Wallet": RoleWallet, "Wallet Address": RoleWallet, "Crypto Wallet": RoleWallet, "USDT Address": RoleWallet,
		"BTC Address": RoleWallet, "ETH Address": RoleWallet,
		"GitHub": RoleGitHub, "GitHub URL": RoleGitHub, "GitHub Profile": RoleGitHub,
		"LinkedIn": RoleLinkedIn, "LinkedIn URL": RoleLinkedIn, "Telegram": RoleTelegram,
		"Handle": RoleHandle, "Username": RoleHandle, "Website": RoleWebsite, "Portfolio": RoleWebsite,
		"IP": RoleIP, "IP Address": RoleIP, "Last Login IP": RoleIP, "Login IP": RoleIP, "Signup IP": RoleIP,
		"Device": RoleDevice, "Device ID": RoleDevice, "Device Fingerprint": RoleDevice,
		"Photo Hash": RolePhoto, "Avatar Hash": RolePhoto, "Selfie Hash": RolePhoto, "Profile Photo Hash": RolePhoto,
		"Joined": RoleJoined, "Joined At": RoleJoined, "Signup Date": RoleJoined, "Created At": RoleJoined,
		"Registration Date": RoleJoined, "DOB": RoleDOB, "Date of Birth": RoleDOB,
		// the generator's exact header
		"contractor_id": RoleID, "full_name": RoleName, "postal_code": RolePostal, "payout_method": RolePayoutMethod,
		"payout_account": RolePayoutAccount, "last_login_ip": RoleIP, "device_id": RoleDevice, "photo_hash": RolePhoto,
		// flattened JSON
		"address.street": RoleStreet, "address.city": RoleCity, "links.github": RoleGitHub, "payout.method": RolePayoutMethod,
		// never guessed into a key role
		"Other ID": RoleExtra, "Notes": RoleExtra, "": RoleExtra,
	}
	for h, want := range tests {
		if got := detectRole(Contractors, h); got != want {
			t.Errorf("detectRole(Contractors, %q) = %q, want %q", h, got, want)
		}
	}
}

func TestDetectRoleKnowsTheUsualPaymentHeaders(t *testing.T) {
	tests := map[string]Role{
		"ID": RolePaymentID, "Payment ID": RolePaymentID, "Txn ID": RolePaymentID, "Transaction ID": RolePaymentID,
		"Date": RoleDate, "Payment Date": RoleDate, "Value Date": RoleDate, "Created": RoleDate,
		"Type": RoleType, "Kind": RoleType,
		"Contractor": RoleContractor, "Contractor ID": RoleContractor, "Freelancer ID": RoleContractor,
		"Payer": RolePayer, "Client": RolePayer, "Sender": RolePayer, "From": RolePayer, "Debtor": RolePayer,
		"Payer Type":    RolePayerType,
		"Payer Account": RolePayerAccount, "From Account": RolePayerAccount, "Sender Account": RolePayerAccount,
		"Debtor Account": RolePayerAccount, "Source Account": RolePayerAccount,
		"Payee Account": RolePayeeAccount, "To Account": RolePayeeAccount, "Beneficiary Account": RolePayeeAccount,
		"Destination Account": RolePayeeAccount, "Creditor Account": RolePayeeAccount, "IBAN": RolePayeeAccount,
		"Beneficiary": RoleBeneficiary, "Beneficiary Name": RoleBeneficiary, "Payee Name": RoleBeneficiary,
		"Recipient": RoleBeneficiary, "Creditor": RoleBeneficiary,
		"Amount": RoleAmount, "Gross": RoleAmount, "Net Amount": RoleAmount, "Value": RoleAmount,
		"Currency": RoleCurrency, "CCY": RoleCurrency,
		"Rail": RoleRail, "Method": RoleRail, "Channel": RoleRail,
		"Reference": RoleReference, "Memo": RoleReference, "Description": RoleReference, "Remittance Info": RoleReference,
		"Net Amount 2": RoleExtra, // never a second amount by accident
	}
	for h, want := range tests {
		if got := detectRole(Payments, h); got != want {
			t.Errorf("detectRole(Payments, %q) = %q, want %q", h, got, want)
		}
	}
}

func TestRecordGetSplitsIdentifiersButNotProse(t *testing.T) {
	r := &Record{Cells: []RoleCell{
		{RoleEmail, Cell{Column: "Email", Value: "a@x.io; ;b@x.io;"}},
		{RoleName, Cell{Column: "Name", Value: "Kim; Min-jun"}},
		{RoleEmail, Cell{Column: "Email 2", Value: ""}},
		{RoleEmail, Cell{Column: "Email 3", Value: "c@x.io"}},
	}}
	got := r.Get(RoleEmail)
	if len(got) != 3 || got[0].Value != "a@x.io" || got[1].Value != "b@x.io" || got[2].Column != "Email 3" {
		t.Errorf("Get(email) = %+v", got)
	}
	if r.First(RoleEmail) != "a@x.io" || r.First(RoleName) != "Kim; Min-jun" || r.First(RolePhone) != "" {
		t.Errorf("First: %q %q", r.First(RoleEmail), r.First(RoleName))
	}
	r2 := &Record{Cells: []RoleCell{{RoleEmail, Cell{Value: " ; "}}, {RoleEmail, Cell{Value: ";z@x.io"}}}}
	if r2.First(RoleEmail) != "z@x.io" {
		t.Errorf("First skips empty parts: %q", r2.First(RoleEmail))
	}
}
