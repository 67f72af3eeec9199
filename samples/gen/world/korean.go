package world

import (
	"math/rand/v2"
	"strings"
)

// krSurname is one Korean family name with the romanisations it appears under
// (Lee/Yi/Rhee, Park/Pak/Bak …) and its share of the population in percent.
type krSurname struct {
	forms  []string
	hangul string
	weight int
}

var krSurnames = []krSurname{
	{[]string{"Kim", "Gim"}, "김", 21}, {[]string{"Lee", "Yi", "Rhee"}, "이", 15}, {[]string{"Park", "Pak", "Bak"}, "박", 8},
	{[]string{"Choi", "Choe"}, "최", 5}, {[]string{"Jung", "Jeong", "Chung"}, "정", 5}, {[]string{"Kang", "Gang"}, "강", 2},
	{[]string{"Cho", "Jo"}, "조", 2}, {[]string{"Yoon", "Yun"}, "윤", 2}, {[]string{"Jang", "Chang"}, "장", 2},
	{[]string{"Lim", "Im", "Rim"}, "임", 2}, {[]string{"Han"}, "한", 1}, {[]string{"Oh", "O"}, "오", 1},
	{[]string{"Seo", "Suh"}, "서", 1}, {[]string{"Shin", "Sin"}, "신", 1}, {[]string{"Kwon", "Gwon"}, "권", 1},
	{[]string{"Hwang"}, "황", 1}, {[]string{"Ahn", "An"}, "안", 1}, {[]string{"Song"}, "송", 1},
	{[]string{"Yoo", "Yu"}, "유", 1}, {[]string{"Hong"}, "홍", 1}, {[]string{"Jeon", "Jun", "Chun"}, "전", 1},
	{[]string{"Ko", "Go"}, "고", 1}, {[]string{"Moon", "Mun"}, "문", 1}, {[]string{"Yang"}, "양", 1},
	{[]string{"Son"}, "손", 1}, {[]string{"Bae"}, "배", 1}, {[]string{"Baek", "Paik"}, "백", 1},
	{[]string{"Heo", "Huh"}, "허", 1}, {[]string{"Nam"}, "남", 1}, {[]string{"Noh", "Roh"}, "노", 1},
}

// krGiven is a common given name: Revised Romanisation, a popular older
// spelling, and hangul.
type krGiven struct{ rr, alt, hangul string }

var krGivens = []krGiven{
	{"Min-jun", "Min-joon", "민준"}, {"Seo-yeon", "Suh-yeon", "서연"}, {"Ji-hoon", "Ji-hun", "지훈"},
	{"Seo-jun", "Seo-joon", "서준"}, {"Ha-eun", "Ha-un", "하은"}, {"Do-yun", "Do-yoon", "도윤"},
	{"Ji-woo", "Ji-u", "지우"}, {"Ye-jin", "Yae-jin", "예진"}, {"Hyun-woo", "Hyeon-u", "현우"},
	{"Su-bin", "Soo-bin", "수빈"}, {"Ji-min", "Chi-min", "지민"}, {"Jae-won", "Jae-weon", "재원"},
	{"Eun-ji", "Eun-jee", "은지"}, {"Sung-min", "Seong-min", "성민"}, {"Young-ho", "Yeong-ho", "영호"},
	{"Dong-hyun", "Dong-hyeon", "동현"}, {"Hye-jin", "Hye-jeen", "혜진"}, {"Jin-woo", "Jin-u", "진우"},
	{"Yu-na", "Yoo-na", "유나"}, {"Sang-woo", "Sang-u", "상우"}, {"Jung-ho", "Jeong-ho", "정호"},
	{"Kyung-soo", "Gyeong-su", "경수"}, {"Mi-young", "Mi-yeong", "미영"}, {"Soo-jin", "Su-jin", "수진"},
	{"Woo-jin", "U-jin", "우진"}, {"Jun-ho", "Joon-ho", "준호"}, {"Na-yeon", "Na-yon", "나연"},
	{"Chae-won", "Chae-weon", "채원"}, {"Seung-hyun", "Seung-hyeon", "승현"}, {"Eun-woo", "Eun-u", "은우"},
	{"Ji-ho", "Chi-ho", "지호"}, {"Min-seo", "Min-so", "민서"}, {"Hye-won", "Hye-weon", "혜원"},
	{"Tae-hyun", "Tae-hyeon", "태현"}, {"Yeon-woo", "Yon-u", "연우"}, {"So-yeon", "So-yon", "소연"},
}

// westernGivens are the English names Korean-Americans and Korean-Canadians often use.
var westernGivens = fields("Daniel,David,Michael,Andrew,Brian,Paul,Peter,Grace,Esther,Jenny,Christine,Julie,Sarah,Joseph,Kevin,Eugene,Hannah,Irene")

// koreanName is a Korean person; write renders it in one of the many ways the
// same name reaches a profile form.
type koreanName struct {
	sur     *krSurname
	given   krGiven
	western string // an English given name used instead, or ""
}

func newKoreanName(r *rand.Rand, diaspora bool) *koreanName {
	total := 0
	for _, s := range krSurnames {
		total += s.weight
	}
	n := r.IntN(total)
	k := &koreanName{given: pick(r, krGivens)}
	for i := range krSurnames {
		if n -= krSurnames[i].weight; n < 0 {
			k.sur = &krSurnames[i]
			break
		}
	}
	if diaspora && chance(r, 0.4) {
		k.western = pick(r, westernGivens)
	}
	return k
}

// joinSyllables writes "Min-jun" as "Minjun".
func joinSyllables(g string) string {
	i := strings.IndexByte(g, '-')
	if i < 0 {
		return g
	}
	return g[:i] + strings.ToLower(g[i+1:])
}

// capSyllables writes "Min-jun" as "Min-Jun" (sep "-") or "Min Jun" (sep " ").
func capSyllables(g, sep string) string {
	i := strings.IndexByte(g, '-')
	if i < 0 || i+1 >= len(g) {
		return g
	}
	return g[:i] + sep + strings.ToUpper(g[i+1:i+2]) + g[i+2:]
}

// writeKorean renders family and given (hyphenated syllables) in style s;
// s < 0 draws a style with the frequencies seen in real exports.
func writeKorean(r *rand.Rand, fam, given, hangul string, s int) string {
	if s < 0 {
		s = pick(r, []int{0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 7, 7, 8, 9})
	}
	switch s {
	case 0:
		return fam + " " + given
	case 1:
		return fam + " " + joinSyllables(given)
	case 2:
		return strings.ToUpper(joinSyllables(given) + " " + fam)
	case 3:
		return capSyllables(given, "-") + " " + fam
	case 4:
		return joinSyllables(given) + " " + fam
	case 5:
		return fam + " " + capSyllables(given, " ")
	case 6:
		return strings.ToUpper(fam) + " " + given
	case 7:
		return given + " " + fam
	case 8:
		if hangul != "" {
			return hangul
		}
		return fam + " " + given
	default:
		if hangul != "" {
			return fam + " " + given + " (" + hangul + ")"
		}
		return strings.ToUpper(fam) + ", " + given
	}
}

// write renders the name; style < 0 picks one at random.
func (k *koreanName) write(r *rand.Rand, style int) string {
	fam := k.sur.forms[0]
	if len(k.sur.forms) > 1 && chance(r, 0.15) {
		fam = pick(r, k.sur.forms[1:])
	}
	given := k.given.rr
	if chance(r, 0.15) {
		given = k.given.alt
	}
	if k.western != "" && chance(r, 0.7) {
		if chance(r, 0.2) {
			return k.western + " " + capSyllables(given, "-") + " " + fam
		}
		return k.western + " " + fam
	}
	return writeKorean(r, fam, given, k.sur.hangul+k.given.hangul, style)
}

// emailParts gives the ASCII pieces e-mail addresses and handles are made of.
func (p person) emailParts() (given, family string) {
	if p.korean != nil {
		g := strings.ToLower(joinSyllables(p.korean.given.rr))
		if p.korean.western != "" {
			g = strings.ToLower(p.korean.western)
		}
		return g, strings.ToLower(p.korean.sur.forms[0])
	}
	clean := func(s string) string {
		s = strings.ToLower(asciiFold(s))
		return strings.Map(func(c rune) rune {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, s)
	}
	return clean(p.given), clean(p.family)
}
