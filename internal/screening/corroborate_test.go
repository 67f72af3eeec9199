package screening

import (
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/screen"
	"github.com/casegraph/casegraph/internal/store"
)

func TestDOBCorroboration(t *testing.T) {
	tests := []struct {
		dob    string
		listed []string
		effect float64
	}{
		{"1965-04-25", []string{"25 Apr 1965"}, effectSameDOB},
		{"1965-01-01", []string{"25 Apr 1965"}, effectSameBirthYr},
		{"1966-01-01", []string{"circa 1965"}, effectNearBirthYr},
		{"1990-01-01", []string{"1960 to 1962"}, effectOtherBirthYr},
		{"1961-06-01", []string{"1960 to 1962"}, effectNearBirthYr},
	}
	for _, tt := range tests {
		e, ok := dobEvidence(tt.dob, tt.listed)
		if !ok || e.Effect != tt.effect || e.Detail == "" {
			t.Errorf("dob %s vs %q: %+v %v, want effect %.2f", tt.dob, tt.listed, e, ok, tt.effect)
		}
	}
	if _, ok := dobEvidence("", []string{"1965"}); ok {
		t.Error("evidence from no date of birth")
	}
}

func TestCorroborationSetsStrength(t *testing.T) {
	m := screen.Score(screen.Normalize("Kim Sang Man", "person"), screen.Normalize("KIM, Sang Man", "person"))
	ln := store.ListName{Name: "KIM, Sang Man", Entry: store.NodeRef{Key: "ofac:43377", Kind: "person"},
		Attrs: map[string]any{"dob": []any{"25 Apr 1965"}, "nationality": []any{"Korea, North"}}}
	if h := makeHit("Kim Sang Man", nil, m, ln); h.Strength != Possible || h.Score != m.Score {
		t.Errorf("name only: %+v", h)
	}
	if h := makeHit("Kim Sang Man", map[string]any{"dob": "1965-04-25"}, m, ln); h.Strength != Strong || len(h.Corroboration) != 1 {
		t.Errorf("same birth date: %+v", h)
	}
	h := makeHit("Kim Sang Man", map[string]any{"dob": "1992-03-01", "country_code": "KP"}, m, ln)
	if h.Strength != Contradicted || h.Score >= m.Score || !strings.Contains(h.Explanation, "1992") {
		t.Errorf("other birth year: %+v", h)
	}
}
