package paths

import (
	"fmt"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

func TestPathsGoldens(t *testing.T) {
	c := uitest.Common(t)
	for _, tc := range []struct{ name, from, to string }{
		{"nearest", "contractor:FL-000052", ""},
		{"marked", "contractor:FL-000052", "ofac:55065"},
	} {
		for _, sz := range uitest.Sizes {
			w, h := sz[0], sz[1]-2
			s := uitest.Start(New(c, tc.from, tc.to), w, h)
			v := s.View()
			uitest.CheckSize(t, v, w, h)
			uitest.Golden(t, fmt.Sprintf("paths-%s-%dx%d", tc.name, w, h), v)
		}
	}
}

func TestPathToTheDesignatedEntityShowsEverySourceRow(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c, "contractor:FL-000052", "ofac:55065"), 160, 200)
	v := s.View()
	for _, want := range []string{"wallet:btc:1HmqvgSXUVES1jn4TQPzk9dxo1NE8wim2T", "sdn.csv:", "payments.csv:", "◆ ofac:55065"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "(no source row)") {
		t.Errorf("a hop without its source:\n%s", v)
	}
	// Enter on a node row opens it.
	s = uitest.Key(s, "down")
	sel := s.(*Model).selected().key
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != sel {
		t.Errorf("enter: %#v, want OpenMsg{%s}", cmd(), sel)
	}
}

func TestNearestFindsTheRiskPathsEntity(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c, "contractor:FL-000115", ""), 160, 100)
	m := s.(*Model)
	if len(m.results) == 0 || len(m.results[0].paths.Paths) == 0 {
		t.Fatalf("no paths: %+v %v", m.results, m.err)
	}
	last := m.results[0].paths.Paths[0].Nodes
	if !last[len(last)-1].Designated {
		t.Errorf("the first path ends at %s, not a designated entity", last[len(last)-1].Key)
	}
}
