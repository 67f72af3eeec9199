package ingest

import (
	"reflect"
	"strings"
	"testing"
)

const samplesDir = "../../samples/formats/"

func TestSampleExportTSVIsAutoDetected(t *testing.T) {
	res := readFile(t, samplesDir+"contractors-export.tsv", Contractors, nil)
	if len(res.errs) != 0 || len(res.recs) != 8 || res.rd.Format() != "tsv" {
		t.Fatalf("format %s, %d records, errors %v", res.rd.Format(), len(res.recs), res.errs)
	}
	want := []Role{RoleID, RoleName, RoleEmail, RolePhone, RoleCountry, RoleCity, RolePayoutMethod, RolePayoutAccount,
		RoleGitHub, RoleLinkedIn, RoleIP, RoleDevice, RolePhoto, RoleJoined, RoleExtra, RoleExtra}
	var got []Role
	for _, c := range res.rd.Columns() {
		got = append(got, c.Role)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roles %v\nwant  %v", got, want)
	}
	for _, rec := range res.recs {
		if !strings.HasPrefix(rec.First(RoleID), "FX-") {
			t.Errorf("line %d: id %q", rec.Line, rec.First(RoleID))
		}
		if _, err := ParseDate(rec.First(RoleJoined), Auto); err != nil {
			t.Errorf("line %d: %v", rec.Line, err)
		}
	}
	if got := res.recs[1].Get(RoleEmail); len(got) != 2 || got[1].Value != "kim.mj.dev@gmail.com" {
		t.Errorf("two emails in one cell: %+v", got)
	}
	if got := res.recs[6].Get(RolePhone); len(got) != 2 {
		t.Errorf("two phones in one cell: %+v", got)
	}
}

func TestSampleOddCSVNeedsItsMapping(t *testing.T) {
	if _, err := NewReader(strings.NewReader(string(mustRead(t, samplesDir+"contractors-odd.csv"))), "contractors-odd.csv", Contractors, nil); err == nil ||
		!strings.Contains(err.Error(), `no contractor ID column among the headers found ("Código", "Nombre completo"`) {
		t.Fatalf("without mapping: %v", err)
	}
	m, err := LoadMapping(samplesDir + "contractors-odd.mapping.json")
	if err != nil {
		t.Fatal(err)
	}
	res := readFile(t, samplesDir+"contractors-odd.csv", Contractors, m)
	if len(res.errs) != 0 || len(res.recs) != 6 {
		t.Fatalf("%d records, errors %v", len(res.recs), res.errs)
	}
	for _, c := range res.rd.Columns() {
		if !c.Mapped {
			t.Errorf("column %q not mapped", c.Name)
		}
	}
	if u := res.rd.UnmatchedMappings(); len(u) != 0 {
		t.Errorf("unmatched mapping keys %v", u)
	}
	for _, rec := range res.recs {
		if len(rec.Cells) != 10 {
			t.Errorf("line %d: %d cells, want 10 (Notas ignored)", rec.Line, len(rec.Cells))
		}
		if _, err := ParseDate(rec.First(RoleJoined), m.DateOrder); err != nil {
			t.Errorf("line %d: %v", rec.Line, err)
		}
	}
	if got := res.recs[1].First(RoleName); got != "Pérez, Javier" {
		t.Errorf("name %q", got)
	}
	if m.PhoneRegion != "ES" {
		t.Errorf("phone region %q", m.PhoneRegion)
	}
}

func TestSampleLedgerJSONLMixesAmountStyles(t *testing.T) {
	res := readFile(t, samplesDir+"payments-ledger.jsonl", Payments, nil)
	if len(res.errs) != 0 || len(res.recs) != 11 || res.rd.Format() != "jsonl" {
		t.Fatalf("format %s, %d records, errors %v", res.rd.Format(), len(res.recs), res.errs)
	}
	want := []int64{125000, 480000, 2400000000, 1980500000, 4380500000, 4300000000, 215075, 98050, 150000, -12000, 102000}
	for i, rec := range res.recs {
		minor, cur, err := rec.Amount(0)
		if err != nil || minor != want[i] {
			t.Errorf("line %d: amount %d %s %v, want %d", rec.Line, minor, cur, err, want[i])
		}
		if _, err := ParseDate(rec.First(RoleDate), Auto); err != nil {
			t.Errorf("line %d: %v", rec.Line, err)
		}
		if rec.First(RolePaymentID) == "" || rec.Line != i+1 {
			t.Errorf("line %d: payment id %q", rec.Line, rec.First(RolePaymentID))
		}
	}
	r := res.recs[2]
	if r.First(RoleBeneficiary) != "Jonathan Lee" || r.First(RolePayeeAccount) != "THXnVfYBJdhehBoWGWi4vavFNWKAUhk8Nj" ||
		r.First(RoleContractor) != "FX-10004" || r.First(RolePayer) != "Fabrikam Inc." || r.First(RoleRail) != "USDT-TRC20" {
		t.Errorf("flattened beneficiary: %+v", r.Cells)
	}
	if res.recs[4].First(RolePayerAccount) != "THXnVfYBJdhehBoWGWi4vavFNWKAUhk8Nj" {
		t.Errorf("transfer payer account: %+v", res.recs[4].Cells)
	}
}
