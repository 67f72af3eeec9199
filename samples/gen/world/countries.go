package world

import (
	"math/rand/v2"
	"strings"
)

// country is everything the generator knows about one place contractors
// claim to live in. The tables are read-only after newCountries returns.
type country struct {
	code    string
	weight  int
	phones  []phonePlan // first plan is mobile; others (landlines) are rarer
	cities  []city
	streets []string // street names in the local writing
	mail    []string // local webmail domains, used beside the global ones
	eur     bool     // pays and is paid in EUR
	names   nameSet
}

type city struct{ name, postal string } // postal: '#' digit, 'A' letter, else literal

// phonePlan describes how numbers of one range are built and written.
type phonePlan struct {
	cc       string   // country calling code
	trunk    string   // written before a national number ("0"), "" where people omit it
	prefixes []string // leading digits of the national significant number (NSN)
	length   int      // NSN length
	groups   []int    // how the NSN is grouped when written
}

func newCountries() []country {
	cs := []country{
		{code: "US", weight: 140, eur: false,
			phones:  []phonePlan{{cc: "1", prefixes: usAreaCodes, length: 10, groups: []int{3, 3, 4}}},
			cities:  []city{{"Austin", "787##"}, {"Seattle", "981##"}, {"Denver", "802##"}, {"Chicago", "606##"}, {"Brooklyn", "112##"}, {"San Jose", "951##"}, {"Atlanta", "303##"}, {"Miami", "331##"}, {"Portland", "972##"}, {"Phoenix", "850##"}, {"Columbus", "432##"}, {"Raleigh", "276##"}, {"Minneapolis", "554##"}, {"Nashville", "372##"}, {"Boston", "021##"}, {"Pittsburgh", "152##"}},
			streets: []string{"Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Sunset", "Jefferson", "Lincoln", "Highland", "Willow", "Cherry", "Franklin", "Madison", "Ridge", "Meadow", "Chestnut"},
			mail:    []string{"aol.com", "comcast.net", "icloud.com"}},
		{code: "GB", weight: 50,
			phones:  []phonePlan{{cc: "44", trunk: "0", prefixes: []string{"71", "72", "73", "740", "741", "742", "743", "747", "748", "749", "751", "753", "754", "755", "756", "757", "758", "759", "771", "772", "773", "774", "775", "776", "777", "780", "781", "784", "785", "786", "787", "788", "789", "790", "792", "794", "795", "796", "797", "798", "799"}, length: 10, groups: []int{4, 6}}},
			cities:  []city{{"London", "E# #AA"}, {"London", "SW## #AA"}, {"Manchester", "M## #AA"}, {"Bristol", "BS# #AA"}, {"Leeds", "LS# #AA"}, {"Edinburgh", "EH# #AA"}, {"Brighton", "BN# #AA"}, {"Cardiff", "CF## #AA"}},
			streets: []string{"High Street", "Station Road", "Church Lane", "Victoria Road", "Queen's Road", "Mill Lane", "Park Avenue", "King Street", "Albert Road", "Green Lane"},
			mail:    []string{"btinternet.com", "yahoo.co.uk", "sky.com"}},
		{code: "DE", weight: 40, eur: true,
			phones: []phonePlan{
				{cc: "49", trunk: "0", prefixes: []string{"151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"}, length: 11, groups: []int{3, 8}},
				{cc: "49", trunk: "0", prefixes: []string{"30"}, length: 10, groups: []int{2, 8}},
				{cc: "49", trunk: "0", prefixes: []string{"89"}, length: 10, groups: []int{2, 8}}},
			cities:  []city{{"Berlin", "10###"}, {"München", "80###"}, {"Hamburg", "20###"}, {"Köln", "50###"}, {"Leipzig", "04###"}, {"Frankfurt am Main", "60###"}, {"Stuttgart", "70###"}},
			streets: []string{"Hauptstraße", "Schulstraße", "Bahnhofstraße", "Gartenstraße", "Berliner Str.", "Lindenstraße", "Goethestraße", "Schillerstraße", "Am Markt", "Kastanienallee"},
			mail:    []string{"web.de", "gmx.de", "t-online.de", "posteo.de"}},
		{code: "PL", weight: 50,
			phones:  []phonePlan{{cc: "48", prefixes: []string{"50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"}, length: 9, groups: []int{3, 3, 3}}},
			cities:  []city{{"Warszawa", "0#-###"}, {"Kraków", "3#-###"}, {"Wrocław", "5#-###"}, {"Gdańsk", "80-###"}, {"Poznań", "6#-###"}, {"Łódź", "9#-###"}},
			streets: []string{"Marszałkowska", "Piotrkowska", "Długa", "Polna", "Leśna", "Słoneczna", "Krótka", "Mickiewicza", "Kościuszki", "Ogrodowa"},
			mail:    []string{"wp.pl", "o2.pl", "onet.pl", "interia.pl"}},
		{code: "UA", weight: 50,
			phones:  []phonePlan{{cc: "380", trunk: "0", prefixes: []string{"50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"}, length: 9, groups: []int{2, 3, 2, 2}}},
			cities:  []city{{"Kyiv", "0####"}, {"Lviv", "79###"}, {"Kharkiv", "61###"}, {"Dnipro", "49###"}, {"Odesa", "65###"}, {"Vinnytsia", "21###"}},
			streets: []string{"vul. Khreshchatyk", "vul. Shevchenka", "prosp. Peremohy", "vul. Franka", "vul. Sadova", "vul. Hrushevskoho", "vul. Zelena", "prosp. Nauky"},
			mail:    []string{"ukr.net", "i.ua", "meta.ua"}},
		{code: "IN", weight: 100,
			phones:  []phonePlan{{cc: "91", prefixes: []string{"9810", "9811", "9818", "9819", "9820", "9821", "9840", "9845", "9880", "9886", "9900", "9901", "9945", "9958", "9971", "9989", "7022", "8050", "8123", "8800", "8826", "9560", "9619"}, length: 10, groups: []int{5, 5}}},
			cities:  []city{{"Bengaluru", "560###"}, {"Hyderabad", "500###"}, {"Pune", "411###"}, {"Chennai", "600###"}, {"Mumbai", "400###"}, {"New Delhi", "110###"}, {"Kochi", "682###"}, {"Ahmedabad", "380###"}},
			streets: []string{"MG Road", "Brigade Road", "Residency Road", "Link Road", "Station Road", "Nehru Nagar", "Gandhi Road", "Anna Salai", "Banjara Hills Road No. 3", "Koramangala 5th Block"},
			mail:    []string{"rediffmail.com", "yahoo.co.in"}},
		{code: "PK", weight: 50,
			phones:  []phonePlan{{cc: "92", trunk: "0", prefixes: []string{"300", "301", "302", "303", "305", "306", "307", "308", "309", "310", "311", "312", "313", "314", "315", "321", "322", "323", "331", "332", "333", "334", "335", "336", "341", "342", "343", "344", "345"}, length: 10, groups: []int{3, 7}}},
			cities:  []city{{"Lahore", "54###"}, {"Karachi", "75###"}, {"Islamabad", "44###"}, {"Rawalpindi", "46###"}, {"Faisalabad", "38###"}, {"Peshawar", "25###"}},
			streets: []string{"Street 5", "Street 12", "Main Boulevard", "Jinnah Avenue", "Mall Road", "Canal Road", "Shahrah-e-Faisal", "Street 22"},
			mail:    []string{"yahoo.com", "hotmail.com"}},
		{code: "PH", weight: 60,
			phones:  []phonePlan{{cc: "63", trunk: "0", prefixes: []string{"905", "906", "915", "916", "917", "918", "919", "920", "921", "926", "927", "928", "929", "939", "947", "949", "961", "966", "977", "995", "998"}, length: 10, groups: []int{3, 3, 4}}},
			cities:  []city{{"Quezon City", "11##"}, {"Makati", "12##"}, {"Cebu City", "60##"}, {"Davao City", "80##"}, {"Pasig", "16##"}, {"Taguig", "16##"}},
			streets: []string{"Rizal St", "Mabini St", "Bonifacio Ave", "Luna St", "Aguinaldo Hwy", "Katipunan Ave", "Quezon Ave", "Del Pilar St"},
			mail:    []string{"yahoo.com.ph"}},
		{code: "VN", weight: 40,
			phones:  []phonePlan{{cc: "84", trunk: "0", prefixes: []string{"90", "91", "93", "94", "96", "97", "98", "32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84", "85", "88"}, length: 9, groups: []int{2, 3, 4}}},
			cities:  []city{{"Ho Chi Minh City", "70####"}, {"Hanoi", "10####"}, {"Da Nang", "55####"}, {"Hai Phong", "18####"}, {"Can Tho", "94####"}},
			streets: []string{"Nguyen Trai", "Le Loi", "Tran Hung Dao", "Hai Ba Trung", "Ly Thuong Kiet", "Nguyen Hue", "Le Duan", "Dien Bien Phu"},
			mail:    []string{"yahoo.com.vn"}},
		{code: "BR", weight: 50,
			phones:  []phonePlan{{cc: "55", prefixes: []string{"119", "219", "319", "419", "519", "619", "719", "819", "859"}, length: 11, groups: []int{2, 5, 4}}},
			cities:  []city{{"São Paulo", "0####-###"}, {"Rio de Janeiro", "2####-###"}, {"Belo Horizonte", "3####-###"}, {"Curitiba", "8####-###"}, {"Porto Alegre", "9####-###"}, {"Recife", "5####-###"}, {"Florianópolis", "88###-###"}},
			streets: []string{"Rua das Flores", "Avenida Paulista", "Rua Augusta", "Rua XV de Novembro", "Avenida Brasil", "Rua da Consolação", "Rua Sete de Setembro", "Avenida Atlântica"},
			mail:    []string{"uol.com.br", "bol.com.br", "terra.com.br"}},
		{code: "AR", weight: 30,
			phones:  []phonePlan{{cc: "54", prefixes: []string{"911", "9351", "9341", "9261"}, length: 11, groups: []int{1, 2, 4, 4}}},
			cities:  []city{{"Buenos Aires", "C####AAA"}, {"Córdoba", "X5000AAA"}, {"Rosario", "S2000AAA"}, {"Mendoza", "M5500AAA"}},
			streets: []string{"Av. Corrientes", "Av. Santa Fe", "Calle Florida", "Av. Rivadavia", "Av. Cabildo", "Calle Defensa", "Av. Belgrano", "Calle Tucumán"},
			mail:    []string{"hotmail.com.ar", "yahoo.com.ar", "fibertel.com.ar"}},
		{code: "NG", weight: 40,
			phones:  []phonePlan{{cc: "234", trunk: "0", prefixes: []string{"803", "805", "806", "807", "703", "706", "813", "816", "810", "814", "903", "906", "802", "808", "708", "812", "701", "902", "907", "809", "817", "818", "909"}, length: 10, groups: []int{3, 3, 4}}},
			cities:  []city{{"Lagos", "1#####"}, {"Abuja", "9#####"}, {"Ibadan", "2#####"}, {"Port Harcourt", "5#####"}, {"Enugu", "4#####"}},
			streets: []string{"Adeola Odeku Street", "Awolowo Road", "Allen Avenue", "Herbert Macaulay Way", "Ahmadu Bello Way", "Admiralty Way", "Ozumba Mbadiwe Avenue", "Aminu Kano Crescent"},
			mail:    []string{"yahoo.com"}},
		{code: "KE", weight: 30,
			phones:  []phonePlan{{cc: "254", trunk: "0", prefixes: []string{"70", "71", "72", "74", "79"}, length: 9, groups: []int{3, 6}}},
			cities:  []city{{"Nairobi", "00###"}, {"Mombasa", "80###"}, {"Kisumu", "40###"}, {"Nakuru", "20###"}},
			streets: []string{"Kenyatta Avenue", "Moi Avenue", "Ngong Road", "Waiyaki Way", "Kimathi Street", "Argwings Kodhek Road", "Jogoo Road", "Lenana Road"},
			mail:    []string{"yahoo.com"}},
		{code: "EG", weight: 30,
			phones:  []phonePlan{{cc: "20", trunk: "0", prefixes: []string{"10", "11", "12", "15"}, length: 10, groups: []int{2, 4, 4}}},
			cities:  []city{{"Cairo", "11###"}, {"Giza", "12###"}, {"Alexandria", "21###"}, {"Mansoura", "35###"}},
			streets: []string{"Tahrir St", "Mohamed Farid St", "26th of July St", "El Haram St", "Abbas El Akkad St", "Gameat El Dewal St", "El Nasr Rd", "Port Said St"},
			mail:    []string{"yahoo.com", "hotmail.com"}},
		{code: "CN", weight: 30,
			phones:  []phonePlan{{cc: "86", prefixes: []string{"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159", "180", "181", "182", "186", "187", "188", "189"}, length: 11, groups: []int{3, 4, 4}}},
			cities:  []city{{"Shenzhen", "518###"}, {"Shanghai", "200###"}, {"Beijing", "100###"}, {"Hangzhou", "310###"}, {"Chengdu", "610###"}, {"Dalian", "116###"}},
			streets: []string{"Jianguo Road", "Nanjing East Road", "Shennan Avenue", "Renmin Road", "Zhongshan Road", "Jiefang Road", "Wensan Road", "Tianfu Avenue"},
			mail:    []string{"qq.com", "163.com", "126.com"}},
		{code: "JP", weight: 30,
			phones:  []phonePlan{{cc: "81", trunk: "0", prefixes: []string{"70", "80", "90"}, length: 10, groups: []int{2, 4, 4}}},
			cities:  []city{{"Tokyo", "1##-####"}, {"Osaka", "5##-####"}, {"Fukuoka", "81#-####"}, {"Yokohama", "2##-####"}, {"Sapporo", "06#-####"}},
			streets: []string{"Shibuya", "Jingumae", "Nishi-Shinjuku", "Umeda", "Tenjin", "Minato-Mirai", "Kita-Shinagawa", "Ebisu"},
			mail:    []string{"yahoo.co.jp", "docomo.ne.jp"}},
		{code: "KR", weight: 80,
			phones:  []phonePlan{{cc: "82", trunk: "0", prefixes: []string{"10"}, length: 10, groups: []int{2, 4, 4}}},
			cities:  []city{{"Seoul", "0####"}, {"Busan", "4####"}, {"Incheon", "2####"}, {"Daejeon", "3####"}, {"Seongnam", "13###"}, {"Daegu", "4####"}},
			streets: []string{"Teheran-ro", "Gangnam-daero", "Banpo-daero", "Sejong-daero", "Olympic-ro", "Haeundae-ro", "Pangyoyeok-ro", "Dosan-daero"},
			mail:    []string{"naver.com", "naver.com", "daum.net", "hanmail.net", "kakao.com"}},
		{code: "CA", weight: 30,
			phones:  []phonePlan{{cc: "1", prefixes: []string{"416", "647", "437", "604", "778", "514", "438", "403", "587", "613", "902", "780", "905"}, length: 10, groups: []int{3, 3, 4}}},
			cities:  []city{{"Toronto", "M#A #A#"}, {"Vancouver", "V#A #A#"}, {"Montréal", "H#A #A#"}, {"Calgary", "T#A #A#"}, {"Ottawa", "K#A #A#"}, {"Halifax", "B#A #A#"}},
			streets: []string{"Yonge", "King", "Queen", "Bloor", "Granville", "Robson", "Sainte-Catherine", "Bank", "Jasper", "Barrington"},
			mail:    []string{"rogers.com", "shaw.ca", "icloud.com"}},
		{code: "FR", weight: 20, eur: true,
			phones:  []phonePlan{{cc: "33", trunk: "0", prefixes: []string{"60", "61", "62", "64", "65", "66", "67", "68", "73", "74", "75", "76", "77", "78"}, length: 9, groups: []int{1, 2, 2, 2, 2}}},
			cities:  []city{{"Paris", "750##"}, {"Lyon", "6900#"}, {"Marseille", "130##"}, {"Toulouse", "310##"}, {"Nantes", "440##"}, {"Lille", "590##"}},
			streets: []string{"rue de Rivoli", "rue Victor Hugo", "avenue Jean Jaurès", "rue de la République", "boulevard Voltaire", "rue Pasteur", "rue du Moulin", "place de la Mairie"},
			mail:    []string{"orange.fr", "free.fr", "laposte.net", "sfr.fr"}},
		{code: "ES", weight: 20, eur: true,
			phones:  []phonePlan{{cc: "34", prefixes: []string{"60", "61", "62", "63", "64", "65", "66", "67", "68", "69"}, length: 9, groups: []int{3, 3, 3}}},
			cities:  []city{{"Madrid", "280##"}, {"Barcelona", "080##"}, {"Valencia", "460##"}, {"Sevilla", "410##"}, {"Málaga", "290##"}, {"Bilbao", "480##"}},
			streets: []string{"Calle Mayor", "Calle de Alcalá", "Gran Vía", "Calle Real", "Avenida de la Constitución", "Calle Nueva", "Paseo de Gracia", "Calle del Sol"},
			mail:    []string{"telefonica.net", "yahoo.es", "hotmail.es"}},
		{code: "NL", weight: 10, eur: true,
			phones:  []phonePlan{{cc: "31", trunk: "0", prefixes: []string{"61", "62", "63", "64", "65"}, length: 9, groups: []int{1, 8}}},
			cities:  []city{{"Amsterdam", "10## AA"}, {"Rotterdam", "30## AA"}, {"Utrecht", "35## AA"}, {"Eindhoven", "56## AA"}, {"Den Haag", "25## AA"}},
			streets: []string{"Keizersgracht", "Prinsengracht", "Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Julianalaan", "Marktplein"},
			mail:    []string{"ziggo.nl", "kpnmail.nl", "xs4all.nl"}},
		{code: "RO", weight: 20,
			phones:  []phonePlan{{cc: "40", trunk: "0", prefixes: []string{"72", "73", "74", "75", "76", "77"}, length: 9, groups: []int{3, 3, 3}}},
			cities:  []city{{"București", "0#####"}, {"Cluj-Napoca", "400###"}, {"Iași", "700###"}, {"Timișoara", "300###"}, {"Brașov", "500###"}},
			streets: []string{"Str. Victoriei", "Bd. Unirii", "Str. Republicii", "Calea Moșilor", "Str. Mihai Eminescu", "Bd. Independenței", "Str. Avram Iancu", "Calea Dorobanților"},
			mail:    []string{"yahoo.ro", "gmail.com"}},
		{code: "TR", weight: 20,
			phones:  []phonePlan{{cc: "90", trunk: "0", prefixes: []string{"530", "531", "532", "533", "535", "536", "537", "538", "539", "541", "542", "543", "544", "545", "546", "505", "506", "507", "551", "552", "553", "554", "555"}, length: 10, groups: []int{3, 3, 2, 2}}},
			cities:  []city{{"İstanbul", "34###"}, {"Ankara", "06###"}, {"İzmir", "35###"}, {"Bursa", "16###"}, {"Antalya", "07###"}},
			streets: []string{"Atatürk Cd.", "İstiklal Cd.", "Cumhuriyet Cd.", "Bağdat Cd.", "Gazi Mustafa Kemal Blv.", "Fevzi Çakmak Sk.", "İnönü Cd.", "Barbaros Blv."},
			mail:    []string{"hotmail.com", "yandex.com"}},
	}
	for i := range cs {
		cs[i].names = namesFor(cs[i].code)
	}
	return cs
}

// usAreaCodes are assigned geographic area codes, so phonenumbers accepts them.
var usAreaCodes = []string{"201", "202", "206", "212", "213", "214", "215", "216", "303", "305", "310", "312", "313", "347", "404", "408", "412", "415", "425", "469", "503", "512", "602", "614", "615", "617", "619", "646", "650", "702", "713", "718", "720", "773", "786", "818", "917", "919", "929", "952"}

// fillTemplate replaces '#' with a digit and 'A' with an upper-case letter.
func fillTemplate(r *rand.Rand, t string) string {
	b := []byte(t)
	for i, c := range b {
		switch c {
		case '#':
			b[i] = byte('0' + r.IntN(10))
		case 'A':
			b[i] = byte('A' + r.IntN(26))
		}
	}
	return string(b)
}

// newNSN draws a national significant number from the plan; the digit after
// the prefix is 2–8 because ranges starting 0, 1 or 9 are often unassigned
// (or, in Argentina, mean something else).
func newNSN(r *rand.Rand, p phonePlan) string {
	pre := pick(r, p.prefixes)
	b := make([]byte, 0, p.length)
	b = append(b, pre...)
	b = append(b, byte('2'+r.IntN(7)))
	for len(b) < p.length {
		b = append(b, byte('0'+r.IntN(10)))
	}
	switch {
	case p.cc == "1" && (b[4] == '1' && b[5] == '1' || string(b[3:6]) == "555"):
		b[4] = '4' // N11 service codes and 555 are not subscriber exchanges
	case p.cc == "82" && string(b[:4]) == "1059":
		b[3] = '8' // 010-597x … 010-599x are unassigned
	}
	return string(b)
}

// groupDigits splits s by sizes (the last group takes the remainder).
func groupDigits(s string, sizes []int) []string {
	var out []string
	for _, n := range sizes {
		if len(s) <= n {
			break
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}

// formatPhone writes an NSN the way people in that country type it into a
// profile: international with spaces, compact E.164, or national with the
// country's own punctuation.
func formatPhone(r *rand.Rand, cc string, p phonePlan, nsn string) string {
	g := groupDigits(nsn, p.groups)
	switch cc {
	case "US", "CA":
		switch r.IntN(8) {
		case 0, 1:
			return "(" + g[0] + ") " + g[1] + "-" + g[2]
		case 2:
			return g[0] + "-" + g[1] + "-" + g[2]
		case 3:
			return g[0] + "." + g[1] + "." + g[2]
		case 4:
			return "+1 " + g[0] + " " + g[1] + " " + g[2]
		case 5:
			return "+1 (" + g[0] + ") " + g[1] + "-" + g[2]
		case 6:
			return "+1-" + g[0] + "-" + g[1] + "-" + g[2]
		default:
			return "+1" + nsn
		}
	case "BR":
		switch r.IntN(4) {
		case 0:
			return "(" + g[0] + ") " + g[1] + "-" + g[2]
		case 1:
			return "+55 (" + g[0] + ") " + g[1] + "-" + g[2]
		default:
			return "+55 " + g[0] + " " + g[1] + "-" + g[2]
		}
	case "AR":
		return "+54 " + strings.Join(g[:2], " ") + " " + g[2] + "-" + g[3]
	}
	switch k := r.IntN(20); {
	case k < 8:
		return "+" + p.cc + " " + strings.Join(g, " ")
	case k < 10:
		return "+" + p.cc + nsn
	case k < 11:
		return "+" + p.cc + "-" + strings.Join(g, "-")
	default:
		sep := pick(r, []string{" ", " ", "-", "."})
		if cc == "KR" || cc == "JP" {
			sep = pick(r, []string{"-", "-", " "})
		}
		return p.trunk + strings.Join(g, sep)
	}
}
