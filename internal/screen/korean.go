package screen

// Romanised Korean syllables: an initial consonant, a vowel, a final
// consonant, in McCune-Reischauer (breves and apostrophes already removed),
// Revised Romanization or the informal spellings profiles use (Soo, Hee,
// Young). A token that splits wholly into such syllables is treated as Korean
// when both names carry a Korean surname: a one-letter difference then makes
// another syllable (Hyun/Hun, Jin/Ji, Gyeong/Yong), not a typo.
var (
	koreanInitials = []string{"tch", "kk", "gg", "tt", "pp", "ss", "jj", "ch", "sh", "g", "k", "n", "d", "t", "r", "l", "m", "b", "p", "s", "j", "h", ""}
	koreanVowels   = []string{"yae", "yeo", "wae", "you", "woo", "ae", "ya", "eo", "ye", "wa", "oe", "yo", "wo", "we", "wi", "yu", "eu", "ui", "oo", "ee", "ou", "a", "e", "o", "u", "i"}
	koreanFinals   = []string{"ng", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", ""}
)

// koreanSurnames are canonical forms (see canonical) of common Korean
// surnames; a name with one of them among its tokens is taken as Korean.
var koreanSurnames = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{"kim", "ri", "pak", "choe", "jong", "kang", "jo", "yun", "jang", "im", "han", "o", "so",
		"seo", "sin", "kwon", "hwang", "an", "song", "ryu", "hong", "jon", "ko", "mun", "yang", "son", "bae", "paek",
		"ho", "u", "nam", "sim", "ro", "ha", "gwak", "kwak", "cha", "ju", "gu", "min", "ra", "jin", "ji", "ryom", "chae",
		"won", "chon", "bang", "gong", "hyon", "ham", "byon", "yom", "tak", "gil", "ok", "pyon", "hyun", "chu", "mo"} {
		m[canonical(s)] = true
	}
	return m
}()

// isKorean reports a person's (or unknown party's) name with a Korean surname.
func isKorean(n Name) bool {
	if n.Kind == KindOrganization {
		return false
	}
	for _, c := range canonOf(n) {
		if koreanSurnames[c] {
			return true
		}
	}
	return false
}

// koreanSyllables splits tok (lower-case ASCII) into romanised Korean
// syllables, fewest first, or returns nil when it does not split wholly.
func koreanSyllables(tok string) []string {
	if tok == "" || !isASCII(tok) || len(tok) > maxTokenLen {
		return nil
	}
	const none = 1 << 20
	// Tokens are at most maxTokenLen bytes here, so the tables live on the stack.
	var bestA, nextA [maxTokenLen + 1]int
	best, next := bestA[:len(tok)+1], nextA[:len(tok)+1] // best[i]: fewest syllables for tok[i:]
	for i := range best[:len(tok)] {
		best[i] = none
	}
	for i := len(tok) - 1; i >= 0; i-- {
		if !isLowerASCIILetter(tok[i]) {
			return nil
		}
		for _, in := range koreanInitials {
			if !hasAt(tok, i, in) {
				continue
			}
			for _, v := range koreanVowels {
				j := i + len(in)
				if !hasAt(tok, j, v) {
					continue
				}
				for _, f := range koreanFinals {
					k := j + len(v) + len(f)
					if hasAt(tok, j+len(v), f) && best[k]+1 < best[i] {
						best[i], next[i] = best[k]+1, k
					}
				}
			}
		}
	}
	if best[0] >= none {
		return nil
	}
	out := make([]string, 0, best[0])
	for i := 0; i < len(tok); i = next[i] {
		out = append(out, tok[i:next[i]])
	}
	return out
}

// sameSyllables reports whether two syllable sequences spell the same
// syllables: initials folded to Revised Romanization (k→g, t→d, p→b, ch→j,
// sh→s), vowels to one spelling (eo→o, eu→u, oo→u, ee→i, ou→o), finals to
// one (g→k, d→t, b→p, r→l).
func sameSyllables(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if foldSyllable(a[i]) != foldSyllable(b[i]) {
			return false
		}
	}
	return true
}

func foldSyllable(s string) string {
	for _, p := range [][2]string{{"tch", "jj"}, {"ch", "j"}, {"sh", "s"}, {"k", "g"}, {"t", "d"}, {"p", "b"}} {
		if len(s) > len(p[0]) && s[:len(p[0])] == p[0] {
			s = p[1] + s[len(p[0]):]
			break
		}
	}
	for _, p := range [][2]string{{"eo", "o"}, {"eu", "u"}, {"oo", "u"}, {"ee", "i"}, {"ou", "o"}} {
		if i := indexOf(s, p[0]); i >= 0 {
			s = s[:i] + p[1] + s[i+len(p[0]):]
		}
	}
	if n := len(s); n > 1 && s[n-2:] != "ng" {
		switch s[n-1] {
		case 'g':
			s = s[:n-1] + "k"
		case 'd':
			s = s[:n-1] + "t"
		case 'b':
			s = s[:n-1] + "p"
		case 'r':
			s = s[:n-1] + "l"
		}
	}
	return s
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func isLowerASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' }

func hasAt(s string, i int, p string) bool {
	return len(s)-i >= len(p) && s[i:i+len(p)] == p
}
