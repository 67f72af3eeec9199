package normalize

import "testing"

func TestAddressWrittenDifferentlyGivesOneKey(t *testing.T) {
	groups := []struct {
		name string
		key  string
		ins  []string
	}{
		{"US street with unit", "address:1234 OAK ST APT 4B", []string{
			"1234 Oak St Apt 4B",
			"1234 OAK STREET, APT. 4B",
			"1234 Oak Street Apartment 4B",
			"1234 Oak St. #4B",
			"1234 Oak St, Apt #4B",
			"1234  oak   st   apt 4b",
			"1234 Oak St Apt4B",
			"1234 Oak St Apt 4-B",
		}},
		{"city, state, ZIP, country", "address:1234 OAK ST APT 4B SPRINGFIELD IL 62704 US", []string{
			"1234 Oak St Apt 4B, Springfield, IL 62704, US",
			"1234 Oak Street, Apt 4B, Springfield, Illinois 62704, USA",
			"1234 OAK ST APT 4B, SPRINGFIELD, IL 62704, UNITED STATES",
			"1234 Oak St Apt 4B, Springfield, IL 62704, U.S.A.",
			"1234 Oak St Apt 4B Springfield IL 62704 United States of America",
		}},
		{"directionals and suffixes", "address:500 N MAIN BLVD STE 200", []string{
			"500 North Main Boulevard, Suite 200",
			"500 N. Main Blvd., Ste. 200",
			"500 N Main Blvd Ste #200",
		}},
		{"PO box", "address:PO BOX 12 PYONGYANG KP", []string{
			"P.O. Box 12, Pyongyang, DPRK",
			"PO Box 12, Pyongyang, Korea, North",
			"Post Office Box 12, Pyongyang, North Korea",
			"P. O. Box 12, Pyongyang, Democratic People's Republic of Korea",
			"POBox 12, Pyongyang, N. Korea",
		}},
		{"Korea, South", "address:123 TEHERAN RO GANGNAM GU SEOUL KR", []string{
			"123 Teheran-ro, Gangnam-gu, Seoul, Korea, South",
			"123 Teheran-ro, Gangnam-gu, Seoul, Republic of Korea",
			"123 Teheran-ro Gangnam-gu Seoul South Korea",
			"123 Teheran-ro, Gangnam-gu, Seoul, KOR",
		}},
		{"German street with diacritics", "address:HAUPTSTR 5 10115 BERLIN DE", []string{
			"Hauptstraße 5, 10115 Berlin, Germany",
			"Hauptstr. 5, 10115 Berlin, Deutschland",
			"HAUPTSTRASSE 5, 10115 BERLIN, DE",
		}},
		{"diacritics dropped", "address:SO 1 DUONG LANG DONG DA HA NOI VN", []string{
			"Số 1 Đường Láng, Đống Đa, Hà Nội, Việt Nam",
			"So 1 Duong Lang, Dong Da, Ha Noi, Vietnam",
		}},
		{"apostrophes deleted", "address:1 ST MARYS RD LONDON GB", []string{
			"1 St. Mary's Road, London, United Kingdom",
			"1 Saint Marys Rd, London, UK",
			"1 St Mary’s Rd, London, England",
		}},
		{"Polish ulica and full-width digits", "address:UL MARSZALKOWSKA 10 00 001 WARSZAWA PL", []string{
			"ul. Marszałkowska 10, 00-001 Warszawa, Poland",
			"Ulica Marszalkowska １０, 00-001 Warszawa, POL",
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, in := range g.ins {
				id, err := Address(in)
				if err != nil {
					t.Fatalf("Address(%q): %v", in, err)
				}
				if id.Key != g.key {
					t.Errorf("Address(%q)\n got %q\nwant %q", in, id.Key, g.key)
				}
				again, err := Address(id.Key[len("address:"):])
				if err != nil || again.Key != id.Key {
					t.Errorf("re-normalising %q gave %q, %v", id.Key, again.Key, err)
				}
			}
		})
	}
}

func TestAddressKeepsPlacesApart(t *testing.T) {
	// State names are only read in their own component, and names that
	// are also US places are not read as countries without a comma.
	tests := []struct{ in, key string }{
		{"1 Washington St, Boston, MA", "address:1 WASHINGTON ST BOSTON MA"},
		{"1 Main St, Albuquerque, New Mexico", "address:1 MAIN ST ALBUQUERQUE NM"},
		{"1 Main St Albuquerque New Mexico", "address:1 MAIN ST ALBUQUERQUE NEW MEXICO"},
		{"1 Main St, Mexico City, Mexico", "address:1 MAIN ST MEXICO CITY MX"},
		{"1 Main St Lebanon", "address:1 MAIN ST LEBANON"},
		{"1 Main St, Lebanon, PA 17042", "address:1 MAIN ST LEBANON PA 17042"},
		{"1 Peachtree St, Atlanta, Georgia", "address:1 PEACHTREE ST ATLANTA GA"},
		{"12 North Rd, Pyongyang, Korea, North", "address:12 N RD PYONGYANG KP"},
		{"12 Main Rd, Seoul, Korea", "address:12 MAIN RD SEOUL KR"},
	}
	for _, tt := range tests {
		id, err := Address(tt.in)
		if err != nil {
			t.Fatalf("Address(%q): %v", tt.in, err)
		}
		if id.Key != tt.key {
			t.Errorf("Address(%q)\n got %q\nwant %q", tt.in, id.Key, tt.key)
		}
	}
}

func TestAddressLabelAndCountryAttr(t *testing.T) {
	id, err := Address("  1234 Oak St, Springfield, IL 62704, USA \n")
	if err != nil {
		t.Fatal(err)
	}
	if id.Label != "1234 Oak St, Springfield, IL 62704, USA" {
		t.Errorf("Label = %q", id.Label)
	}
	if id.Attrs["country"] != "US" {
		t.Errorf("Attrs = %v", id.Attrs)
	}
	// "CA" ends many Californian addresses: no guess at a country.
	id, _ = Address("1 Infinite Loop, Cupertino, CA")
	if id.Attrs != nil {
		t.Errorf("state code read as country: %v", id.Attrs)
	}
}

func TestAddressKeepsNonLatinScripts(t *testing.T) {
	id, err := Address("서울특별시 강남구 테헤란로 123")
	if err != nil {
		t.Fatal(err)
	}
	if id.Key != "address:서울특별시 강남구 테헤란로 123" {
		t.Errorf("Key = %q", id.Key)
	}
	id, err = Address("平壤市 中区域")
	if err != nil || id.Key != "address:平壤市 中区域" {
		t.Errorf("Key = %q, %v", id.Key, err)
	}
}

func TestAddressRejects(t *testing.T) {
	for _, in := range []string{"", "   ", ", , ,", "#", "---"} {
		if id, err := Address(in); err == nil {
			t.Errorf("Address(%q) = %q, want error", in, id.Key)
		}
	}
}
