package lists

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
)

const genSamples = "../../samples/lists/"

// genReadSample reads a sample list with its mapping.
func genReadSample(t *testing.T, csvName, mapName string, transform func([]byte) []byte, enc string) []Entry {
	t.Helper()
	m, err := LoadGenericMapping(genSamples + mapName)
	if err != nil {
		t.Fatal(err)
	}
	if enc != "" {
		m.Encoding = enc
	}
	data, err := os.ReadFile(genSamples + csvName)
	if err != nil {
		t.Fatal(err)
	}
	if transform != nil {
		data = transform(data)
	}
	got, err := ReadGenericCSV(bytes.NewReader(data), csvName, m)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func genAliases(line int, file string, names ...string) []Alias {
	out := make([]Alias, len(names))
	for i, n := range names {
		out[i] = Alias{Name: n, Type: "aka", Quality: "strong", Source: Position{file, line}}
	}
	return out
}

func genJPWant() []Entry {
	const f = "jp-mof-sample.csv"
	kp := "Korea, North"
	return []Entry{
		{List: "jp-mof", ID: "54764", Type: "organization", Name: "KOREA SOBAEKSU TRADING CORPORATION",
			Aliases:  genAliases(2, f, "KOREA SOBAEKSU UNITED CORPORATION", "SOBAEKSU UNITED CORP.", "SOBAEKU UNITED CORP", "KOREA SOBAEKSU UNITED CO."),
			Programs: []string{"NPWMD"}, Remarks: "Linked To: MUNITIONS INDUSTRY DEPARTMENT",
			Addresses: []Address{
				{Street: "Huale St. Aojing Park Building 23, Unit 2 12-01, Zhongshan District, Dalian, Liaoning, China", Source: Position{f, 2}},
				{Street: "5 Center St., Xinxing District, Donggang City, Dandong, Liaoning, China", Source: Position{f, 2}},
			},
			Source: Position{f, 2}},
		{List: "jp-mof", ID: "43377", Type: "person", Name: "KIM, Sang Man",
			Aliases: genAliases(3, f, "KIM, Sangman"), Programs: []string{"DPRK4"},
			DOBs: []string{"1965-04-25"}, POBs: []string{"North Pyongan Province, North Korea"}, Nationalities: []string{"北朝鮮"},
			Addresses: []Address{{Street: "Russia", Source: Position{f, 3}}, {Street: "北朝鮮", Source: Position{f, 3}}},
			Documents: []Document{{Type: "Passport", Number: "109420132", Country: kp}, {Type: "Passport", Number: "827220538", Country: kp}, {Type: "Passport", Number: "563220082", Country: kp}},
			Wallets:   []Wallet{{"XBT", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"}, {"ETH", "0x97b1043abd9e6fc31681635166d430a458d14f9c"}},
			Source:    Position{f, 3}},
		{List: "jp-mof", ID: "54763", Type: "person", Name: "KIM, Se Un",
			Aliases: genAliases(4, f, "KIM, Se-u'n"), Programs: []string{"NPWMD"}, Remarks: "Linked To: KOREA SOBAEKSU TRADING CORPORATION",
			DOBs: []string{"1978-03-25"}, POBs: []string{"Nampho, North Korea"}, Nationalities: []string{"北朝鮮"},
			Addresses: []Address{{Street: "Ho Chi Minh City, Vietnam", Source: Position{f, 4}}},
			Documents: []Document{{Type: "Passport", Number: "390120007", Country: kp}},
			Source:    Position{f, 4}},
		{List: "jp-mof", ID: "54800", Type: "person", Name: "JO, Kyong Hun",
			Aliases: genAliases(5, f, "CHO, Kyo'ng-hun"), Programs: []string{"NPWMD"}, Remarks: "Linked To: KOREA SOBAEKSU TRADING CORPORATION",
			DOBs: []string{"1990-06-19"}, POBs: []string{"Pyongyang, North Korea"}, Nationalities: []string{"北朝鮮"},
			Addresses: []Address{{Street: "北朝鮮", Source: Position{f, 5}}},
			Documents: []Document{{Type: "Passport", Number: "108432959", Country: kp}},
			Source:    Position{f, 5}},
		{List: "jp-mof", ID: "55064", Type: "person", Name: "KIM, Ung Sun",
			Aliases: genAliases(6, f, "KIM, U'ng-sun"), Programs: []string{"DPRK2"},
			DOBs: []string{"1964-06-23"}, POBs: []string{"S. Phyongan, North Korea"}, Nationalities: []string{"北朝鮮"},
			Addresses: []Address{{Street: "Khabarovsk, Russia", Source: Position{f, 6}}},
			Documents: []Document{{Type: "Passport", Number: "754110065", Country: kp}},
			Source:    Position{f, 6}},
		{List: "jp-mof", ID: "55063", Type: "organization", Name: "KOREA SINJIN TRADING CORPORATION",
			Aliases:   genAliases(7, f, "CHOSUN SINJIN TRADING COMPANY", "CHOSUN SINJIN TRADING CORPORATION", "SINJIN GENERAL TRADING CORPORATION"),
			Programs:  []string{"DPRK2"},
			Addresses: []Address{{Street: "Mangyeongdae District, Chilgol 1 dong, Pyongyang, Korea, North", Source: Position{f, 7}}},
			Source:    Position{f, 7}},
	}
}

func genCompare(t *testing.T, got, want []Entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestReadGenericCSVJapaneseSampleFieldByField(t *testing.T) {
	genCompare(t, genReadSample(t, "jp-mof-sample.csv", "jp-mof-sample.mapping.json", nil, ""), genJPWant())
}

func TestReadGenericCSVShiftJISReadsLikeUTF8(t *testing.T) {
	sjis := func(b []byte) []byte {
		b = bytes.TrimPrefix(b, []byte("\uFEFF")) // a Shift_JIS export has no BOM
		out, err := japanese.ShiftJIS.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatalf("encode Shift_JIS: %v", err)
		}
		if bytes.Equal(out, b) {
			t.Fatal("Shift_JIS copy is byte-identical: the test would prove nothing")
		}
		return out
	}
	genCompare(t, genReadSample(t, "jp-mof-sample.csv", "jp-mof-sample.mapping.json", sjis, "shift_jis"), genJPWant())
}

func TestReadGenericCSVKoreanSample(t *testing.T) {
	got := genReadSample(t, "kr-sample.csv", "kr-sample.mapping.json", nil, "")
	const f = "kr-sample.csv"
	kp := "Korea, North"
	first := Entry{List: "kr-mofa", ID: "1", Type: "person", Name: "KIM, Sang Man",
		Aliases: genAliases(2, f, "KIM, Sangman"), Programs: []string{"DPRK4"}, Remarks: "OFAC SDN 43377",
		DOBs: []string{"1965-04-25"}, POBs: []string{"North Pyongan Province, North Korea"}, Nationalities: []string{"북한"},
		Addresses: []Address{{Street: "Russia", Source: Position{f, 2}}, {Street: "북한", Source: Position{f, 2}}},
		Documents: []Document{{Type: "Passport", Number: "109420132", Country: kp}, {Type: "Passport", Number: "827220538", Country: kp}, {Type: "Passport", Number: "563220082", Country: kp}},
		Source:    Position{f, 2}}
	dept := Entry{List: "kr-mofa", ID: "5", Type: "organization", Name: "DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES",
		Aliases:  genAliases(6, f, "DEPARTMENT 53", "BUREAU 53", "KOREA PONGNAESAN TRADING CORPORATION"),
		Programs: []string{"DPRK2"}, Remarks: "OFAC SDN 52262",
		Addresses: []Address{{Street: "Pyongyang, Korea, North", Source: Position{f, 6}}, {Street: "Russia", Source: Position{f, 6}}},
		Source:    Position{f, 6}}
	if len(got) != 6 {
		t.Fatalf("got %d entries, want 6", len(got))
	}
	genCompare(t, []Entry{got[0], got[4]}, []Entry{first, dept})
	want := []struct{ id, typ, name string }{
		{"1", "person", "KIM, Sang Man"},
		{"2", "organization", "KOREA SOBAEKSU TRADING CORPORATION"},
		{"3", "person", "KIM, Ung Sun"},
		{"4", "organization", "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD"},
		{"5", "organization", "DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES"},
		{"6", "organization", "KOREA SINJIN TRADING CORPORATION"},
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Type != w.typ || got[i].Name != w.name || got[i].Source.Line != i+2 {
			t.Errorf("entry %d = %s/%s/%q line %d, want %s/%s/%q line %d", i, got[i].ID, got[i].Type, got[i].Name, got[i].Source.Line, w.id, w.typ, w.name, i+2)
		}
	}
	if a := got[3].Addresses; len(a) != 1 || a[0].Street != "HuangHeBei Street No. 70-2, 1-11-1, YuHong Area, Shenyang, Liaoning, China" {
		t.Errorf("quoted address with commas split wrongly: %+v", a)
	}
}

func TestReadGenericCSVEUCKRReadsLikeUTF8(t *testing.T) {
	utf := genReadSample(t, "kr-sample.csv", "kr-sample.mapping.json", nil, "")
	euc := genReadSample(t, "kr-sample.csv", "kr-sample.mapping.json", func(b []byte) []byte {
		out, err := korean.EUCKR.NewEncoder().Bytes(bytes.TrimPrefix(b, []byte("\uFEFF")))
		if err != nil {
			t.Fatalf("encode EUC-KR: %v", err)
		}
		return out
	}, "euc-kr")
	genCompare(t, euc, utf)
}
