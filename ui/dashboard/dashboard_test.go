package dashboard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

func TestDashboardGolden(t *testing.T) {
	c := uitest.Common(t)
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		s := uitest.Start(New(c), w, h)
		v := s.View()
		uitest.CheckSize(t, v, w, h)
		uitest.Golden(t, fmt.Sprintf("dashboard-%dx%d", w, h), v)
	}
}

func TestDashboardOpensTheTopRiskProfile(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c), 80, 22)
	if !strings.Contains(s.View(), "Highest risk") {
		t.Fatalf("no ranking:\n%s", s.View())
	}
	subj := s.(*Model).Subject()
	if !strings.HasPrefix(subj, "contractor:") {
		t.Fatalf("the cursor starts on %q, not the top contractor", subj)
	}
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != subj {
		t.Errorf("enter gave %#v, want OpenMsg{%s}", cmd(), subj)
	}
	// Moving down skips text rows: every stop has a node to open.
	for range 12 {
		s = uitest.Key(s, "down")
		if s.(*Model).Subject() == "" {
			t.Fatalf("the cursor stopped on a text row")
		}
	}
}

func BenchmarkDashboardKey(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c), 160, 46)
	down, up := uitest.KeyMsg("down"), uitest.KeyMsg("up")
	for i := 0; b.Loop(); i++ {
		k := down
		if i%20 >= 10 {
			k = up
		}
		s, _ = s.Update(k)
		_ = s.View()
	}
}
