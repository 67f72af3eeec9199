package entity

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

func TestEntityGoldens(t *testing.T) {
	c := uitest.Common(t)
	for _, key := range []string{"contractor:FL-000115", "ofac:43377", "account:us:322271627:4948543803"} {
		for _, sz := range uitest.Sizes {
			w, h := sz[0], sz[1]-2
			s := uitest.Start(New(c, key), w, h)
			v := s.View()
			uitest.CheckSize(t, v, w, h)
			name := strings.NewReplacer(":", "_").Replace(key)
			uitest.Golden(t, fmt.Sprintf("entity-%s-%dx%d", name, w, h), v)
		}
	}
}

func TestEntityShowsWhyAPlantedProfileIsRiskyAndFollowsLinks(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c, "contractor:FL-000115"), 160, 46)
	v := s.View()
	for _, want := range []string{"Why it is risky", "account:us:322271627:4948543803", "contractors.csv:116"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	// Enter on the selected row opens that node.
	m := s.(*Model)
	sel := m.selected().key
	if sel == "" {
		t.Fatal("no row selected")
	}
	_, cmd := s.Update(uitest.KeyMsg("enter"))
	if msg, ok := cmd().(common.OpenMsg); !ok || msg.Key != sel {
		t.Errorf("enter: %#v, want OpenMsg{%s}", cmd(), sel)
	}
	// Resizing keeps the cursor on a row and the view inside the box.
	s.SetSize(80, 22)
	uitest.CheckSize(t, s.View(), 80, 22)
}

func TestEntityUnknownKeyShowsTheError(t *testing.T) {
	c := uitest.Common(t)
	s := uitest.Start(New(c, "email:nobody@example.com"), 80, 22)
	if !strings.Contains(s.View(), "not found") {
		t.Errorf("view: %s", s.View())
	}
}

func TestEntityCleansHostileLabels(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.DB().Exec(`INSERT INTO nodes(id, kind, key, label, attrs) VALUES
		(1, 'contractor', 'contractor:X1', ?, '{"name":"evil\u001b]0;pwn\u0007"}'),
		(2, 'email', 'email:a@b.c', 'a@b.c', NULL)`, "Mallory \x1b[31mred\x07\nline"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO edges(id, kind, src, dst) VALUES (1, 'uses', 1, 2)`); err != nil {
		t.Fatal(err)
	}
	c := uitest.Common(t)
	c.Store = st
	v := uitest.Start(New(c, "contractor:X1"), 80, 22).View()
	if strings.ContainsAny(v, "\x07") || strings.Contains(v, "\x1b]0") || strings.Contains(v, "\x1b[31mred") {
		t.Errorf("control characters reached the terminal: %q", v)
	}
	if !strings.Contains(v, "Mallory") {
		t.Errorf("label lost: %q", v)
	}
}

func BenchmarkEntityKey(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c, "contractor:FL-000115"), 160, 46)
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
