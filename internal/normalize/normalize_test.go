package normalize

import (
	"strings"
	"testing"
)

func TestEmptyRecognisesPlaceholders(t *testing.T) {
	for _, s := range []string{"", "  ", "-", "--", "—", "n/a", "N/A", "NA", "none", "None", "NULL", "nil",
		"NaN", "#N/A", "unknown", "Not Applicable", "?", `""`, "'-'", "[]", " tbd "} {
		if !Empty(s) {
			t.Errorf("Empty(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"0", "00", "no", "x", "kim@example.com", "n/a n/a", "none of your business", "-1"} {
		if Empty(s) {
			t.Errorf("Empty(%q) = true, want false", s)
		}
	}
}

func TestErrorMessageQuotesValueAndNamesKind(t *testing.T) {
	_, err := Email("kim at example")
	if got, want := err.Error(), `not an email address: "kim at example": missing "@"`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Control characters written into a record must not reach a terminal.
	_, err = Email("kim\x1b[31m at example\n")
	if msg := err.Error(); strings.ContainsAny(msg, "\x1b\n") {
		t.Errorf("error carries raw control characters: %q", msg)
	}
}

func TestErrorTruncatesLongValues(t *testing.T) {
	_, err := Email(strings.Repeat("é", 500))
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("want *Error, got %T", err)
	}
	if len(e.Value) > errValueLen+len("…") || !strings.HasSuffix(e.Value, "…") {
		t.Errorf("value not cut: %d bytes", len(e.Value))
	}
	if !strings.HasPrefix(e.Value, "éé") || strings.Contains(e.Value, "\uFFFD") {
		t.Errorf("value cut inside a rune: %q", e.Value[:10])
	}
}

func TestCountryCodeReadsNamesAndCodes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"US", "US"}, {"us", "US"}, {"USA", "US"}, {"U.S.", "US"}, {"U.S.A.", "US"},
		{"United States of America", "US"}, {"UK", "GB"}, {"United Kingdom", "GB"}, {"GBR", "GB"},
		{"Korea, South", "KR"}, {"Republic of Korea", "KR"}, {"South Korea", "KR"}, {"KOR", "KR"},
		{"Korea, North", "KP"}, {"North Korea", "KP"}, {"DPRK", "KP"}, {"PRK", "KP"},
		{"Korea, Democratic People's Republic of", "KP"},
		{"China", "CN"}, {"Russian Federation", "RU"}, {"Japan", "JP"}, {"Viet Nam", "VN"},
		{"Ukraine", "UA"}, {"Poland", "PL"}, {"Germany", "DE"}, {"Côte d'Ivoire", "CI"},
		{"St. Lucia", "LC"}, {"Türkiye", "TR"},
		// A country column means the country, even where an address would
		// mean the US state.
		{"Georgia", "GE"}, {"Jersey", "JE"},
	}
	for _, tt := range tests {
		got, ok := CountryCode(tt.in)
		if !ok || got != tt.want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, s := range []string{"", "Atlantis", "840", "ZZ", "Region: Crimea"} {
		if got, ok := CountryCode(s); ok {
			t.Errorf("CountryCode(%q) = %q, want no country", s, got)
		}
	}
}

func TestUpperAlnumFoldsWidthAndCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"de89-3704 0044.0532", "DE89370400440532"},
		{"ＤＥ８９ ３７０４", "DE893704"},
		{"--", ""},
		{"счёт 12", "СЧЁТ12"},
	}
	for _, tt := range tests {
		if got := upperAlnum(tt.in); got != tt.want {
			t.Errorf("upperAlnum(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
