package screen

import (
	"slices"
	"strings"
)

// variantGroups lists spellings of one name element that official lists and
// profiles use interchangeably: McCune-Reischauer, Revised Romanization and
// common informal Korean spellings, plus cheap Wade-Giles/pinyin pairs. The
// first member is the group's canonical form.
var variantGroups = [][]string{
	{"kim", "gim"},
	{"pak", "park", "bak", "pag"},
	{"ri", "rhee", "lee", "yi", "i", "rhie", "ree", "li"},
	{"choe", "choi", "chwe", "che"},
	{"jong", "chong", "jeong", "chung", "jung", "cheong"},
	{"kang", "gang"},
	{"ryu", "yu", "yoo"},
	{"jo", "cho", "joh"},
	{"o", "oh"},
	{"u", "woo", "wu"},
	{"sin", "shin"},
	{"kwon", "gwon"},
	{"hwang", "whang"},
	{"han"},
	{"yun", "yoon"},
	{"im", "lim", "rim"},
	{"ro", "no", "roh"},
	{"jang", "chang"}, // Korean 장; Wade-Giles Chang for 张 Zhang is rarer in these lists
	{"ko", "go", "koh"},
	{"ryom", "yeom", "yom", "yum"},
	{"ra", "na"},
	{"ryang", "yang"},
	{"ryo", "yeo", "yo"},
	{"ho", "heo", "huh", "hur", "hoe"},
	{"sim", "shim"},
	{"paek", "baek", "paik", "baik"},
	{"zhou", "chou"},
	{"zhao", "chao"},
	{"xu", "hsu"},
	{"xie", "hsieh"},
	{"jiang", "chiang"},
	{"zheng", "cheng"},
	{"qian", "chien"},
	{"zhang"},
}

// syllableGroups are given-name syllables written several ways: the
// McCune-Reischauer breve lost (ŏ → o), Revised Romanization's eo and eu,
// and the informal spellings profiles use (Sung, Chul, Kyung, Young).
// Unlike a surname group a syllable can collide with another syllable
// (Song the surname, Sung the syllable), so a pair scores ruleVariantScore,
// not 1.
var syllableGroups = [][]string{
	{"chol", "chul", "cheol"},
	{"song", "sung", "seong"},
	{"gyong", "kyong", "kyung", "gyeong", "kyeong", "kyoung"},
	{"hyon", "hyun", "hyeon", "hyoun"},
	{"yong", "young", "yeong"},
	{"myong", "myung", "myeong"},
	{"hyok", "hyuk", "hyeok"},
	{"jun", "joon", "chun"},
	{"su", "soo"},
	{"hun", "hoon"},
	{"sok", "suk", "seok"},
	{"gwang", "kwang"},
	{"nam"},
	{"il"},
}

// groupOf maps every spelling to its group's canonical form. Built once and
// only ever read.
var groupOf = func() map[string]string {
	m := make(map[string]string)
	for _, g := range slices.Concat(variantGroups, syllableGroups) {
		for _, s := range g {
			if _, dup := m[s]; !dup {
				m[s] = g[0]
			}
		}
	}
	return m
}()

// surnameOf marks spellings of the surname groups: a pair inside one of them
// is as good as exact.
var surnameOf = func() map[string]string {
	m := make(map[string]string)
	for _, g := range variantGroups {
		for _, s := range g {
			m[s] = g[0]
		}
	}
	return m
}()

// membersOf maps a canonical form to its whole group. Read-only.
var membersOf = func() map[string][]string {
	m := make(map[string][]string)
	for _, g := range slices.Concat(variantGroups, syllableGroups) {
		if _, dup := m[g[0]]; !dup {
			m[g[0]] = g
		}
	}
	return m
}()

// canonical folds a normalised token to one spelling per variant group. A
// token in the dictionary maps to its group; any other token is folded by
// romanisation rules (MR aspirated initials ch/k/t/p → RR j/g/d/b, sh → s,
// RR eo/eu → MR o/u, Russian -yev → -ev and -iy/-ii → -y) and then looked
// up again, so "Kyo'ng" and "Gyeong" meet at "gyong".
func canonical(tok string) string {
	if g, ok := groupOf[tok]; ok {
		return g
	}
	r := foldRules(tok)
	if g, ok := groupOf[r]; ok {
		return g
	}
	return r
}

func foldRules(tok string) string {
	if len(tok) < 2 || !isASCII(tok) {
		return tok
	}
	s := tok
	switch {
	case strings.HasPrefix(s, "ch"):
		s = "j" + s[2:]
	case strings.HasPrefix(s, "sh"):
		s = "s" + s[2:]
	case s[0] == 'k':
		s = "g" + s[1:]
	case s[0] == 't':
		s = "d" + s[1:]
	case s[0] == 'p':
		s = "b" + s[1:]
	}
	if strings.Contains(s, "eo") {
		s = strings.ReplaceAll(s, "eo", "o")
	}
	if strings.Contains(s, "eu") {
		s = strings.ReplaceAll(s, "eu", "u")
	}
	if strings.Contains(s, "oo") {
		s = strings.ReplaceAll(s, "oo", "u") // informal Hoon, Soo, Joon
	}
	if strings.HasSuffix(s, "b") && len(s) > 2 {
		s = s[:len(s)-1] + "p" // final ㅂ: Seob/Sop
	}
	// Russian iotated e after a vowel: Gayevoy/Gaevoy, Andreyev/Andreev.
	for _, v := range []string{"aye", "oye", "eye", "iye", "uye"} {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, v[:1]+"e")
		}
	}
	switch {
	case strings.HasSuffix(s, "yev") && len(s) > 4:
		s = s[:len(s)-3] + "ev"
	case strings.HasSuffix(s, "iy") && len(s) > 3, strings.HasSuffix(s, "ii") && len(s) > 3:
		s = s[:len(s)-2] + "y"
	}
	return s
}

// isDictVariant reports whether two different spellings are listed in the
// same variant group, which Score trusts as much as an exact match.
func isDictVariant(a, b string) bool {
	ga, ok := surnameOf[a]
	return ok && surnameOf[b] == ga
}

// Variants returns spellings Score treats as the same name element as token,
// token itself first: its dictionary group, its rule-folded canonical form
// and the McCune-Reischauer/Revised Romanization alternate of its initial.
// token should already be normalised (Normalize's output).
func Variants(token string) []string {
	token = strings.ToLower(token)
	out := []string{token}
	add := func(s string) {
		if s == "" {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	c := canonical(token)
	for _, m := range membersOf[c] {
		add(m)
	}
	add(c)
	add(initialAlternate(token))
	if strings.Contains(token, "eo") {
		add(strings.ReplaceAll(token, "eo", "o"))
	}
	return out
}

// initialAlternate swaps the initial between its aspirated McCune-Reischauer
// and unaspirated Revised Romanization spellings.
func initialAlternate(tok string) string {
	pairs := [][2]string{{"ch", "j"}, {"k", "g"}, {"t", "d"}, {"p", "b"}, {"sh", "s"}}
	for _, p := range pairs {
		if strings.HasPrefix(tok, p[0]) && len(tok) > len(p[0]) {
			return p[1] + tok[len(p[0]):]
		}
	}
	for _, p := range pairs {
		if strings.HasPrefix(tok, p[1]) && len(tok) > len(p[1]) && p[0] != "sh" {
			return p[0] + tok[len(p[1]):]
		}
	}
	return ""
}
