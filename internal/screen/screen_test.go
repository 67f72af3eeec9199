package screen

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalizeTokens(t *testing.T) {
	tests := []struct {
		name, raw, kind string
		want            []string
	}{
		{"last comma first splits on the comma", "KIM, Sang Man", KindPerson, []string{"kim", "sang", "man"}},
		{"hyphenated given name splits", "Kim Sang-man", KindPerson, []string{"kim", "sang", "man"}},
		{"MR apostrophe joins the syllable", "CHO, Kyo'ng-hun", KindPerson, []string{"cho", "kyong", "hun"}},
		{"typographic apostrophe joins too", "Ri U’ng Chol", KindPerson, []string{"ri", "ung", "chol"}},
		{"breve is dropped", "Pak Yŏng-sik", KindPerson, []string{"pak", "yong", "sik"}},
		{"honorific dropped for persons", "Mr. KIM Sang Man", KindPerson, []string{"kim", "sang", "man"}},
		{"company suffixes dropped", "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.", KindOrganization,
			[]string{"yanbian", "silverstar", "network", "technology"}},
		{"trading is kept", "Korea Sobaeksu Trading Corp", "", []string{"korea", "sobaeksu", "trading"}},
		{"suffix-only name is kept", "Co. Ltd.", KindOrganization, []string{"co", "ltd"}},
		{"fullwidth compatibility letters fold", "ＫＩＭ", "", []string{"kim"}},
		{"empty input", "  ,.- ", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.raw, tt.kind).Tokens
			if !slices.Equal(got, tt.want) {
				t.Errorf("Normalize(%q).Tokens = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestNormalizeBoundsHostileInput(t *testing.T) {
	n := Normalize(strings.Repeat("a", 10000)+" "+strings.Repeat("b ", 1000), "")
	if len(n.Tokens) > maxTokens || runeLen(n.Tokens[0]) > maxTokenLen {
		t.Fatalf("unbounded: %d tokens, first %d runes", len(n.Tokens), runeLen(n.Tokens[0]))
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		q, t, kind string
		min, max   float64
	}{
		{"hyphen versus LAST, First is a full match", "Kim Sang-man", "KIM, Sang Man", KindPerson, 0.95, 1},
		{"joined given name in other order", "Sangman Kim", "KIM, Sang Man", KindPerson, 0.9, 1},
		{"Gim is Kim", "Gim Sang Man", "KIM, Sang Man", KindPerson, 0.95, 1},
		{"same surname other given name is low", "Kim Min-jun", "KIM, Sang Man", KindPerson, 0, 0.8},
		{"bare surname is low", "Kim", "KIM, Sang Man", KindPerson, 0, 0.6},
		{"Jo Kyong-hun against list form", "Jo Kyong-hun", "JO, Kyong Hun", KindPerson, 0.95, 1},
		{"MR apostrophe and Cho/Jo", "CHO, Kyo'ng-hun", "Jo Kyong-hun", KindPerson, 0.95, 1},
		{"Revised Romanization against MR", "Jo Gyeong-hun", "CHO, Kyong Hun", KindPerson, 0.9, 1},
		{"Park is Pak", "Park Hwa Song", "PAK, Hwa Song", KindPerson, 0.95, 1},
		{"Russian -yev and -iy", "Dmitriy Sergeyev", "Dmitry Sergeev", KindPerson, 0.9, 1},
		{"company punctuation and suffixes", "Yanbian Silverstar Network Technology Co Ltd",
			"YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.", KindOrganization, 0.95, 1},
		{"Corp versus CORPORATION", "Korea Sobaeksu Trading Corp", "KOREA SOBAEKSU TRADING CORPORATION", KindOrganization, 0.95, 1},
		{"ch/j initial variant", "Jinyong Information Technology Cooperation Company",
			"CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY", KindOrganization, 0.95, 1},
		{"unrelated ordinary Korean names are low", "Lee Seo-yeon", "RI, Song Chol", KindPerson, 0, 0.6},
		{"ordinary name against a designated one is low", "Park Ji-hoon", "PAK, Il Hyok", KindPerson, 0, 0.6},
		{"another syllable is not a joined match", "Kim Sang-min", "KIM, Sangman", KindPerson, 0, 0.8},
		{"another syllable is not a spelling slip", "Kim Sang-min", "KIM, Sang Man", KindPerson, 0, 0.8},
		{"Eun-sun is not Ung Sun", "Eun-sun Kim", "KIM, Ung Sun", KindPerson, 0, 0.8},
		{"joined RR given name against split MR", "Kim Gyeonghun", "KIM, Kyong Hun", KindPerson, 0.9, 1},
		{"informal Hoon and Kyung", "Jo Kyung-hoon", "JO, Kyong Hun", KindPerson, 0.9, 1},
		{"one typo stays high", "Kim Sang Mann", "KIM, Sang Man", KindPerson, 0.9, 1},
		{"different organisation is low", "Korea Mining Development Trading", "Korea Sobaeksu Trading", KindOrganization, 0, 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Score(Normalize(tt.q, tt.kind), Normalize(tt.t, tt.kind))
			t.Logf("%s vs %s: %s", tt.q, tt.t, m.Explanation)
			if m.Score < tt.min || m.Score > tt.max {
				t.Errorf("score %.3f outside [%.2f, %.2f]: %s", m.Score, tt.min, tt.max, m.Explanation)
			}
			if m.Explanation == "" {
				t.Error("empty explanation")
			}
		})
	}
}

func TestScoreExplainsJoinedAndUnmatched(t *testing.T) {
	m := Score(Normalize("Sangman Kim Ho", KindPerson), Normalize("KIM, Sang Man", KindPerson))
	var joined bool
	for _, p := range m.Parts {
		if p.Via == ViaJoined && p.Query == "sangman" && p.Target == "sang+man" {
			joined = true
		}
	}
	if !joined || !slices.Equal(m.Unmatched, []string{"query:ho"}) {
		t.Errorf("parts %+v unmatched %q", m.Parts, m.Unmatched)
	}
	if !strings.Contains(m.Explanation, "joined") || !strings.Contains(m.Explanation, "query:ho") {
		t.Errorf("explanation lacks the why: %s", m.Explanation)
	}
}

func TestScoreEmptyNameExplained(t *testing.T) {
	m := Score(Normalize("", ""), Normalize("Kim", ""))
	if m.Score != 0 || m.Explanation == "" {
		t.Errorf("got %+v", m)
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		token string
		want  []string
	}{
		{"park", []string{"pak", "bak"}},
		{"lee", []string{"ri", "rhee", "yi"}},
		{"choi", []string{"choe", "chwe"}},
		{"chong", []string{"jong", "jeong"}},
		{"ryu", []string{"yu", "yoo"}},
		{"chinyong", []string{"jinyong"}},
		{"gyeong", []string{"gyong", "kyeong"}},
	}
	for _, tt := range tests {
		t.Run(tt.token, func(t *testing.T) {
			got := Variants(tt.token)
			if got[0] != tt.token {
				t.Errorf("Variants(%q)[0] = %q, want the token itself", tt.token, got[0])
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("Variants(%q) = %q, missing %q", tt.token, got, w)
				}
			}
		})
	}
}

func TestKeysBlockVariantsTogether(t *testing.T) {
	pairs := [][2]string{
		{"Park Hwa Song", "PAK, Hwa Song"},
		{"Sangman Kim", "KIM, Sang Man"},
		{"Jinyong Information", "CHINYONG INFORMATION"},
		{"Jo Gyeong-hun", "CHO, Kyo'ng Hun"},
		{"O Sang", "Osang"},
	}
	for _, p := range pairs {
		a, b := Keys(Normalize(p[0], "")), Keys(Normalize(p[1], ""))
		shared := false
		for _, k := range a {
			shared = shared || slices.Contains(b, k)
		}
		if !shared {
			t.Errorf("%q %q and %q %q share no key", p[0], a, p[1], b)
		}
	}
}

func TestJaroWinklerKnownValues(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.961},
		{"dixon", "dicksonx", 0.813},
		{"", "abc", 0},
		{"abc", "abc", 1},
	}
	for _, tt := range tests {
		if got := jaroWinkler(tt.a, tt.b); got < tt.want-0.001 || got > tt.want+0.001 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.3f", tt.a, tt.b, got, tt.want)
		}
	}
}
