package world

import (
	"math/rand/v2"
	"strings"
)

// nameSet holds the ordinary given and family names of one country.
type nameSet struct {
	male, female, family []string
}

func fields(s string) []string { return strings.Split(s, ",") }

// namesFor returns the name lists of a country. Lists are comma-separated so
// multi-word family names ("Dela Cruz", "van Dijk") stay whole.
func namesFor(cc string) nameSet {
	switch cc {
	case "US", "CA":
		s := nameSet{
			male:   fields("James,Michael,Robert,John,David,William,Richard,Joseph,Thomas,Christopher,Daniel,Matthew,Anthony,Andrew,Joshua,Kevin,Brian,Tyler,Brandon,Jason,Ryan,Eric,Justin,Nathan"),
			female: fields("Mary,Patricia,Jennifer,Linda,Elizabeth,Barbara,Susan,Jessica,Sarah,Karen,Emily,Ashley,Megan,Amanda,Nicole,Rachel,Lauren,Hannah,Samantha,Olivia,Rebecca,Laura"),
			family: fields("Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Wilson,Anderson,Taylor,Moore,Jackson,Martin,Thompson,White,Harris,Clark,Lewis,Robinson,Walker,Young,Allen,King,Wright,Scott,Hill,Green,Adams,Baker,Nelson,Carter,Mitchell,Turner,Parker,Collins,Edwards,Stewart,Morris,Murphy,Cook,Rogers,Reed,Bailey,O'Brien,Sullivan"),
		}
		if cc == "CA" {
			s.male = append(s.male, fields("Jean-François,Mathieu,Étienne,Louis-Philippe,Gabriel")...)
			s.female = append(s.female, fields("Marie-Ève,Geneviève,Chloé,Émilie,Amélie")...)
			s.family = append(s.family, fields("Tremblay,Gagnon,Roy,Côté,Bouchard,Gauthier,Morin,Lavoie,Fortin,Pelletier")...)
		}
		return s
	case "GB":
		return nameSet{
			male:   fields("Oliver,George,Harry,Jack,Charlie,Thomas,Oscar,William,James,Alfie,Callum,Rhys,Joshua,Liam,Samuel,Ben"),
			female: fields("Amelia,Olivia,Isla,Emily,Poppy,Ava,Jessica,Sophie,Charlotte,Siobhan,Niamh,Eleanor,Freya,Lucy"),
			family: fields("Smith,Jones,Taylor,Brown,Williams,Wilson,Johnson,Davies,Robinson,Wright,Thompson,Evans,Walker,White,Roberts,Green,Hall,Wood,Jackson,Clarke,Patel,Khan,Hughes,Edwards,MacDonald,O'Neill"),
		}
	case "DE":
		return nameSet{
			male:   fields("Lukas,Leon,Finn,Jonas,Paul,Felix,Maximilian,Jan,Tobias,Stefan,Jürgen,Jörg,Björn,Matthias,Florian,Sebastian"),
			female: fields("Anna,Lea,Hannah,Lena,Laura,Julia,Sophie,Katharina,Sabine,Jana,Annika,Franziska,Marie"),
			family: fields("Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Koch,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hartmann,Lange,Werner,Krause,Weiß"),
		}
	case "PL":
		return nameSet{
			male:   fields("Jakub,Kacper,Szymon,Mateusz,Michał,Piotr,Krzysztof,Tomasz,Łukasz,Paweł,Marcin,Wojciech,Bartosz"),
			female: fields("Anna,Katarzyna,Małgorzata,Agnieszka,Magdalena,Joanna,Zofia,Aleksandra,Monika,Natalia,Karolina"),
			family: fields("Nowak,Kowalski,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,Woźniak,Dąbrowski,Kozłowski,Jankowski,Mazur,Krawczyk,Kaczmarek,Piotrowski,Grabowski,Pawłowski,Michalski"),
		}
	case "UA":
		return nameSet{
			male:   fields("Oleksandr,Andriy,Dmytro,Serhiy,Mykola,Volodymyr,Yuriy,Bohdan,Taras,Maksym,Oleh,Ivan,Vitaliy"),
			female: fields("Olena,Iryna,Nataliya,Oksana,Tetiana,Yuliia,Kateryna,Anastasiia,Sofiia,Khrystyna,Viktoriia"),
			family: fields("Shevchenko,Kovalenko,Bondarenko,Tkachenko,Kravchenko,Oliynyk,Melnyk,Koval,Boyko,Moroz,Lysenko,Marchenko,Savchenko,Rudenko,Petrenko,Hnatiuk,Tkachuk,Polishchuk,Kovalchuk,Ponomarenko"),
		}
	case "IN":
		return nameSet{
			male:   fields("Aarav,Rahul,Amit,Rohan,Vikram,Arjun,Sanjay,Rajesh,Suresh,Karthik,Pranav,Aditya,Venkatesh,Siddharth,Nikhil,Abhishek,Harish"),
			female: fields("Priya,Ananya,Sneha,Pooja,Divya,Kavya,Lakshmi,Neha,Aishwarya,Deepika,Shreya,Meera,Swati"),
			family: fields("Sharma,Verma,Patel,Gupta,Singh,Kumar,Reddy,Iyer,Nair,Rao,Joshi,Mehta,Chatterjee,Banerjee,Das,Krishnan,Menon,Agarwal,Mishra,Pillai,Desai,Kulkarni,Naidu"),
		}
	case "PK":
		return nameSet{
			male:   fields("Muhammad,Ahmed,Ali,Hassan,Usman,Bilal,Hamza,Imran,Faisal,Zain,Saad,Waqas,Junaid"),
			female: fields("Ayesha,Fatima,Sana,Hira,Maryam,Zainab,Amna,Mahnoor,Sadia,Iqra"),
			family: fields("Khan,Ahmed,Malik,Hussain,Qureshi,Shah,Butt,Chaudhry,Sheikh,Iqbal,Raza,Mirza,Siddiqui,Abbasi,Javed,Akhtar"),
		}
	case "PH":
		return nameSet{
			male:   fields("Jose,Mark,John Paul,Christian,Jerome,Angelo,Carlo,Rafael,Joshua,Paolo,Miguel,Jericho"),
			female: fields("Maria,Kristine,Angelica,Joy,Jasmine,Camille,Nicole,Patricia,Mary Grace,Princess,Kathleen"),
			family: fields("Santos,Reyes,Cruz,Bautista,Ocampo,Garcia,Mendoza,Torres,Tomas,Andrada,Castillo,Flores,Villanueva,Ramos,Dela Cruz,Aquino,Navarro,Gonzales,Mercado"),
		}
	case "VN":
		return nameSet{
			male:   fields("Van An,Van Binh,Duc Cuong,Minh Dung,Quang Hai,Van Hung,Minh Khanh,Thanh Long,Hoang Nam,Quang Son,Minh Tuan,Duc Anh"),
			female: fields("Thi Phuong,Thi Thao,Thu Trang,Thi Linh,Thi Huong,Ngoc Mai,Thi Lan,Thi Hoa,Minh Anh,Bao Ngoc"),
			family: fields("Nguyen,Tran,Le,Pham,Hoang,Huynh,Phan,Vu,Vo,Dang,Bui,Do,Ho,Ngo,Duong"),
		}
	case "BR":
		return nameSet{
			male:   fields("João,Pedro,Lucas,Gabriel,Matheus,Rafael,Gustavo,Felipe,Bruno,Thiago,Rodrigo,João Pedro"),
			female: fields("Ana,Maria,Juliana,Fernanda,Camila,Beatriz,Larissa,Mariana,Letícia,Ana Clara"),
			family: fields("Silva,Santos,Oliveira,Souza,Rodrigues,Ferreira,Alves,Pereira,Lima,Gomes,Costa,Ribeiro,Martins,Carvalho,Almeida,Lopes,Sousa,Fernandes,Araújo"),
		}
	case "AR":
		return nameSet{
			male:   fields("Santiago,Mateo,Juan,Martín,Nicolás,Lucas,Facundo,Tomás,Agustín,Joaquín,Juan Pablo"),
			female: fields("Sofía,Valentina,Martina,Camila,Lucía,Florencia,Agustina,Micaela,María José"),
			family: fields("González,Rodríguez,Fernández,López,Martínez,García,Pérez,Gómez,Sánchez,Romero,Díaz,Álvarez,Torres,Ruiz,Sosa,Benítez"),
		}
	case "NG":
		return nameSet{
			male:   fields("Chukwuemeka,Oluwaseun,Ifeanyi,Tunde,Emeka,Babatunde,Chinedu,Adebayo,Obinna,Segun,Ibrahim,Musa"),
			female: fields("Ngozi,Chioma,Funmilayo,Adaeze,Folake,Amaka,Yetunde,Blessing,Aisha,Temitope"),
			family: fields("Okafor,Adeyemi,Okonkwo,Balogun,Eze,Nwosu,Ogunleye,Obi,Bello,Abubakar,Ibrahim,Chukwu,Olawale,Nnamdi,Afolabi,Adewale"),
		}
	case "KE":
		return nameSet{
			male:   fields("Brian,Kevin,Dennis,Collins,Emmanuel,Felix,Victor,Peter,James,Evans,Kelvin"),
			female: fields("Faith,Mercy,Grace,Wanjiru,Achieng,Cynthia,Joy,Esther,Purity,Sharon"),
			family: fields("Otieno,Kamau,Wanjiku,Mwangi,Ochieng,Kiprono,Njoroge,Kariuki,Omondi,Mutua,Kipchoge,Wambui,Odhiambo,Chebet,Koech,Njeri"),
		}
	case "EG":
		return nameSet{
			male:   fields("Mohamed,Ahmed,Mahmoud,Mostafa,Omar,Youssef,Karim,Amr,Tarek,Hossam,Khaled"),
			female: fields("Nour,Mariam,Salma,Yasmin,Aya,Nada,Heba,Rana,Dina,Menna"),
			family: fields("Hassan,Ali,Ibrahim,Mahmoud,Abdelrahman,El-Sayed,Mostafa,Farouk,Gamal,Khalil,Saleh,Naguib,Soliman,Fathy,Ezzat,Abdel Aziz"),
		}
	case "CN":
		return nameSet{
			male:   fields("Wei,Qiang,Lei,Jun,Yong,Jie,Tao,Ming,Chao,Hao,Jian,Peng,Bo,Zhiwei"),
			female: fields("Fang,Na,Xiuying,Min,Jing,Li,Xiuling,Xia,Yu,Hui,Yan,Ping,Ying"),
			family: fields("Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao,Wu,Zhou,Xu,Sun,Ma,Zhu,Hu,Guo,He,Lin,Luo,Gao"),
		}
	case "JP":
		return nameSet{
			male:   fields("Haruto,Yuto,Sota,Yuki,Hiroshi,Takashi,Kenji,Daiki,Ren,Sho,Kenta,Takumi,Ryota"),
			female: fields("Yui,Hina,Yuna,Sakura,Aoi,Mei,Akiko,Yoko,Naoko,Emi,Misaki,Haruka"),
			family: fields("Sato,Suzuki,Takahashi,Tanaka,Watanabe,Ito,Yamamoto,Nakamura,Kobayashi,Kato,Yoshida,Yamada,Sasaki,Yamaguchi,Matsumoto,Inoue,Kimura,Hayashi,Shimizu,Ono"),
		}
	case "FR":
		return nameSet{
			male:   fields("Lucas,Hugo,Louis,Gabriel,Arthur,Jules,Thomas,Nicolas,Julien,Antoine,Mathieu,Théo"),
			female: fields("Emma,Léa,Chloé,Manon,Camille,Inès,Sarah,Juliette,Margaux,Élise,Céline"),
			family: fields("Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,Laurent,Lefebvre,Michel,Garcia,Fournier,Girard,Bonnet,Lefèvre"),
		}
	case "ES":
		return nameSet{
			male:   fields("Alejandro,Pablo,Daniel,Javier,Sergio,Carlos,Adrián,David,Álvaro,Hugo,José Luis"),
			female: fields("Lucía,María,Paula,Laura,Marta,Andrea,Carmen,Elena,Sara,Nuria"),
			family: fields("García,Fernández,González,Rodríguez,López,Martínez,Sánchez,Pérez,Gómez,Martín,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero"),
		}
	case "NL":
		return nameSet{
			male:   fields("Daan,Sem,Lucas,Bram,Thijs,Jesse,Ruben,Joris,Pieter,Sven,Niels"),
			female: fields("Emma,Julia,Sophie,Lotte,Sanne,Fleur,Anouk,Eva,Femke,Iris"),
			family: fields("de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks"),
		}
	case "RO":
		return nameSet{
			male:   fields("Andrei,Alexandru,Mihai,Ionuț,Ștefan,Gabriel,Cristian,Florin,Adrian,Bogdan,Vlad"),
			female: fields("Maria,Elena,Ioana,Andreea,Alexandra,Cristina,Mihaela,Raluca,Diana,Roxana"),
			family: fields("Popescu,Ionescu,Popa,Pop,Radu,Dumitru,Stan,Stoica,Gheorghe,Munteanu,Constantin,Matei,Marin,Tudor,Dobre,Barbu,Nistor,Florea"),
		}
	case "TR":
		return nameSet{
			male:   fields("Mehmet,Mustafa,Ahmet,Ali,Hüseyin,Hasan,Emre,Burak,Can,Murat,Oğuz"),
			female: fields("Ayşe,Fatma,Zeynep,Elif,Emine,Merve,Esra,Büşra,Selin,Gizem"),
			family: fields("Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,Kılıç,Aslan,Çetin,Kara,Koç,Kurt"),
		}
	}
	return nameSet{}
}

// person is a name split into parts, so it can be written several ways.
type person struct {
	given, family string
	korean        *koreanName
}

// newPerson draws an ordinary resident of country c.
func newPerson(r *rand.Rand, c *country) person {
	female := r.IntN(2) == 0
	given := pick(r, c.names.male)
	if female {
		given = pick(r, c.names.female)
	}
	family := pick(r, c.names.family)
	switch c.code {
	case "PL":
		if female {
			family = feminineSurname(family)
		}
	case "BR", "ES", "AR":
		if chance(r, 0.4) {
			family += " " + pick(r, c.names.family)
		}
	}
	return person{given: given, family: family}
}

// feminineSurname turns Polish -ski/-cki/-dzki surnames into their -ska forms.
func feminineSurname(s string) string {
	if strings.HasSuffix(s, "ski") || strings.HasSuffix(s, "cki") {
		return s[:len(s)-1] + "a"
	}
	return s
}

// write renders a non-Korean person in one of the ways profiles show names.
func (p person) write(r *rand.Rand, cc string) string {
	if p.korean != nil {
		return p.korean.write(r, -1)
	}
	k := r.IntN(100)
	switch cc {
	case "CN":
		switch {
		case k < 45:
			return p.family + " " + p.given
		case k < 85:
			return p.given + " " + p.family
		default:
			return strings.ToUpper(p.family) + " " + p.given
		}
	case "JP":
		family, given := jpLongVowel(r, p.family), jpLongVowel(r, p.given)
		switch {
		case k < 60:
			return given + " " + family
		case k < 85:
			return family + " " + given
		default:
			return strings.ToUpper(family) + " " + given
		}
	case "VN":
		switch {
		case k < 60:
			return p.family + " " + p.given
		case k < 90:
			parts := strings.Fields(p.given)
			return parts[len(parts)-1] + " " + p.family
		default:
			return strings.ToUpper(p.family + " " + p.given)
		}
	}
	switch {
	case k < 88:
		return p.given + " " + p.family
	case k < 94:
		return strings.ToUpper(p.given + " " + p.family)
	case k < 97 && (cc == "US" || cc == "CA" || cc == "GB"):
		return p.given + " " + string(rune('A'+r.IntN(26))) + ". " + p.family
	default:
		return p.family + ", " + p.given
	}
}

// jpLongVowel spells a Japanese name the three ways long vowels get written
// (Satō, Sato, Satou) so the same person can appear romanised differently.
func jpLongVowel(r *rand.Rand, s string) string {
	if v, ok := jpLong[s]; ok && r.IntN(3) > 0 {
		return v[r.IntN(2)]
	}
	return s
}

var jpLong = map[string][2]string{"Sato": {"Satō", "Satou"}, "Ito": {"Itō", "Itoh"}, "Kato": {"Katō", "Katoh"}, "Ono": {"Ōno", "Oono"}, "Yuki": {"Yūki", "Yuuki"}, "Sota": {"Sōta", "Souta"}, "Yuto": {"Yūto", "Yuuto"}, "Yoko": {"Yōko", "Youko"}}

// asciiFold maps the Latin letters with diacritics in our name lists to the
// plain letters people use in e-mail addresses and handles.
func asciiFold(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case 'ä', 'á', 'à', 'â', 'ã', 'ą', 'ă', 'ā':
			b.WriteByte('a')
		case 'Ä', 'Á', 'À', 'Â', 'Ã', 'Ą', 'Ă', 'Ā':
			b.WriteByte('A')
		case 'ö', 'ó', 'ò', 'ô', 'õ', 'ō', 'ő':
			b.WriteByte('o')
		case 'Ö', 'Ó', 'Ò', 'Ô', 'Õ', 'Ō', 'Ő':
			b.WriteByte('O')
		case 'ü', 'ú', 'ù', 'û', 'ū':
			b.WriteByte('u')
		case 'Ü', 'Ú', 'Ù', 'Û', 'Ū':
			b.WriteByte('U')
		case 'é', 'è', 'ê', 'ë', 'ę':
			b.WriteByte('e')
		case 'É', 'È', 'Ê', 'Ë', 'Ę':
			b.WriteByte('E')
		case 'í', 'ì', 'î', 'ï', 'ı':
			b.WriteByte('i')
		case 'Í', 'Ì', 'Î', 'Ï', 'İ':
			b.WriteByte('I')
		case 'ç', 'ć':
			b.WriteByte('c')
		case 'Ç', 'Ć':
			b.WriteByte('C')
		case 'ł':
			b.WriteByte('l')
		case 'Ł':
			b.WriteByte('L')
		case 'ń', 'ñ':
			b.WriteByte('n')
		case 'ś', 'ș', 'ş':
			b.WriteByte('s')
		case 'Ś', 'Ș', 'Ş':
			b.WriteByte('S')
		case 'ź', 'ż':
			b.WriteByte('z')
		case 'Ź', 'Ż':
			b.WriteByte('Z')
		case 'ț':
			b.WriteByte('t')
		case 'ğ':
			b.WriteByte('g')
		case 'ß':
			b.WriteString("ss")
		default:
			if c < 0x80 {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}
