package exportdlg

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/graphs/export"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

const subject = "contractor:FL-000115"

func open(t *testing.T, c *common.Common, key string, w, h int) *Model {
	t.Helper()
	return uitest.Start(New(c, key), w, h).(*Model)
}

func view(t *testing.T, m *Model) string {
	t.Helper()
	v := m.View()
	uitest.CheckSize(t, v, m.width, m.height)
	return ansi.Strip(v)
}

// tabTo moves the focus to f with Tab.
func tabTo(t *testing.T, s common.Screen, f field) common.Screen {
	t.Helper()
	for i := 0; s.(*Model).focus != f; i++ {
		if i > int(fieldCount) {
			t.Fatalf("tab never reaches field %d", f)
		}
		s = uitest.Key(s, "tab")
	}
	return s
}

// inDir runs fn in the working directory dir: exports go to relative paths
// (./contractor_FL-000115.graphml) that render the same on every machine,
// while golden files stay in the package's testdata.
func inDir(t *testing.T, dir string, fn func()) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	fn()
}

func TestExportDialogGoldens(t *testing.T) {
	c := uitest.Common(t)
	dir := t.TempDir()
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		m := open(t, c, subject, w, h)
		uitest.Golden(t, fmt.Sprintf("export-initial-%dx%d", w, h), view(t, m))

		var s common.Screen
		// The default: graphml of the 2-hop network, to ./contractor_FL-000115.graphml.
		inDir(t, dir, func() { s = uitest.Key(m, "enter") })
		uitest.Golden(t, fmt.Sprintf("export-graphml-%dx%d", w, h), view(t, s.(*Model)))
		if _, err := os.Stat(filepath.Join(dir, "contractor_FL-000115.graphml")); err != nil {
			t.Error(err)
		}
	}
}

// graphML is what the test reads back from an export, with encoding/xml.
type graphML struct {
	XMLName xml.Name `xml:"graphml"`
	Graphs  []struct {
		Nodes []struct {
			ID string `xml:"id,attr"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func TestExportWritesAGraphMLFileThatParses(t *testing.T) {
	c := uitest.Common(t)
	dir := t.TempDir()
	s := common.Screen(open(t, c, subject, 80, 22))
	s = tabTo(t, s, fieldOutput)
	s.(*Model).out.SetValue("")
	out := filepath.Join(dir, "fl115.graphml")
	s = uitest.Type(s, out)
	s = uitest.Key(s, "enter")
	m := s.(*Model)
	if m.result == nil || m.result.err != nil {
		t.Fatalf("export: %+v", m.result)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s does not parse: %v", out, err)
	}
	if len(g.Graphs) != 1 || len(g.Graphs[0].Nodes) != m.result.nodes || len(g.Graphs[0].Edges) != m.result.edges {
		t.Errorf("the file has %d graphs; the dialog says %d nodes, %d edges", len(g.Graphs), m.result.nodes, m.result.edges)
	}
	if !strings.Contains(string(b), ">"+subject+"<") {
		t.Errorf("the centre %s is not in the file", subject)
	}
	if v := view(t, m); !strings.Contains(strings.Join(strings.Fields(v), " "), "✓ written: "+out) {
		t.Errorf("no written line:\n%s", v)
	}
}

func TestTabMovesThroughTheFields(t *testing.T) {
	c := uitest.Common(t)
	s := common.Screen(open(t, c, subject, 80, 22))
	m := s.(*Model)
	want := []field{fieldExtent, fieldFormat, fieldOutput, fieldButton, fieldWhat}
	for _, f := range want {
		s = uitest.Key(s, "tab")
		if m.focus != f {
			t.Fatalf("tab: focus %d, want %d", m.focus, f)
		}
		if got := m.Capturing(); got != (f == fieldOutput) {
			t.Errorf("field %d: Capturing %v", f, got)
		}
	}
	s = uitest.Key(s, "shift+tab")
	if m.focus != fieldButton {
		t.Errorf("shift+tab: focus %d, want the button", m.focus)
	}
	s = uitest.Key(s, "up")
	if m.focus != fieldOutput {
		t.Errorf("up: focus %d, want the output", m.focus)
	}
	// In a text field j and k are letters, not moves.
	s = uitest.Type(s, "jk")
	if m.focus != fieldOutput || !strings.HasSuffix(m.out.Value(), "jk") {
		t.Errorf("typing jk in the output: focus %d, value %q", m.focus, m.out.Value())
	}
	_ = s
}

func TestSelectorsChangeWithArrowsAndRenameTheDefaultOutput(t *testing.T) {
	c := uitest.Common(t)
	s := common.Screen(open(t, c, subject, 80, 22))
	m := s.(*Model)
	if got := m.out.Value(); got != "./contractor_FL-000115.graphml" {
		t.Errorf("default output %q", got)
	}
	s = tabTo(t, s, fieldExtent)
	s = uitest.Key(s, "right")
	s = uitest.Key(s, "right")
	if m.hops != 3 {
		t.Errorf("hops %d after two rights from 2, want 3 (the most)", m.hops)
	}
	s = uitest.Key(s, "1")
	if m.hops != 1 {
		t.Errorf("hops %d after 1", m.hops)
	}
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "right") // gexf
	if m.formatName() != "gexf" || m.out.Value() != "./contractor_FL-000115.gexf" {
		t.Errorf("format %s, output %q", m.formatName(), m.out.Value())
	}
	s = uitest.Key(s, "h") // vim left: back to graphml
	s = uitest.Key(s, "left")
	if m.formatName() != "dot" || m.out.Value() != "./contractor_FL-000115.dot" {
		t.Errorf("format %s, output %q", m.formatName(), m.out.Value())
	}
	for range 3 {
		s = uitest.Key(s, "right") // graphml, gexf, cytoscape, csv
	}
	s = uitest.Key(s, "right")
	if m.formatName() != "csv" || m.out.Value() != "./contractor_FL-000115-csv" {
		t.Errorf("csv: output %q, want a directory", m.out.Value())
	}
	// A name the investigator typed stays when the format changes.
	s = uitest.Key(s, "tab")
	s = uitest.Type(s, "-mine")
	s = uitest.Key(s, "shift+tab")
	s = uitest.Key(s, "right")
	if m.out.Value() != "./contractor_FL-000115-csv-mine" {
		t.Errorf("typed output replaced: %q", m.out.Value())
	}
	_ = s
}

func TestShortestPathsToATypedKey(t *testing.T) {
	c := uitest.Common(t)
	t.Chdir(t.TempDir())
	s := common.Screen(open(t, c, "contractor:FL-000052", 80, 22))
	m := s.(*Model)
	s = uitest.Key(s, "right") // shortest paths
	if !m.paths {
		t.Fatal("right on What does not choose shortest paths")
	}
	s = uitest.Key(s, "tab")
	if !m.Capturing() {
		t.Fatal("the To field does not take typed text")
	}
	// Tab completes the key: ofac:5506 is the prefix of four keys.
	s = uitest.Type(s, "ofac:5506")
	s = uitest.Key(s, "tab")
	if m.focus != fieldExtent || len(m.candidates) != 4 {
		t.Fatalf("tab on an ambiguous prefix: focus %d, candidates %v", m.focus, m.candidates)
	}
	if v := view(t, m); !strings.Contains(v, "ofac:55065") {
		t.Errorf("candidates not listed:\n%s", v)
	}
	s = uitest.Type(s, "5")
	if len(m.candidates) != 0 {
		t.Errorf("candidates kept after typing: %v", m.candidates)
	}
	if m.out.Value() != "./contractor_FL-000052_to_ofac_55065.graphml" {
		t.Errorf("output %q does not follow the target", m.out.Value())
	}
	s = uitest.Key(s, "tab") // complete already: moves on
	if m.focus != fieldFormat {
		t.Errorf("tab on a complete key: focus %d, want the format", m.focus)
	}
	s = uitest.Key(s, "enter")
	if m.result == nil || m.result.err != nil || m.result.nodes < 2 {
		t.Fatalf("paths export: %+v", m.result)
	}
	if _, err := os.Stat("contractor_FL-000052_to_ofac_55065.graphml"); err != nil {
		t.Error(err)
	}
	if v := view(t, m); !strings.Contains(v, "shortest paths") {
		t.Errorf("result does not say what was written:\n%s", v)
	}
}

func TestErrorsAreShown(t *testing.T) {
	c := uitest.Common(t)
	dir := t.TempDir()
	t.Chdir(dir)
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) common.Screen
		want  string
	}{
		{"a non-empty directory for csv", func(t *testing.T) common.Screen {
			os.MkdirAll(filepath.Join(dir, "full"), 0o755)
			os.WriteFile(filepath.Join(dir, "full", "notes.txt"), []byte("mine"), 0o644)
			s := tabTo(t, open(t, c, subject, 80, 22), fieldFormat)
			s.(*Model).format = indexOf(export.Formats, "csv")
			s = uitest.Key(s, "tab")
			s.(*Model).out.SetValue("full")
			return s
		}, "output directory is not empty"},
		{"svg without Graphviz", func(t *testing.T) common.Screen {
			t.Setenv("PATH", "")
			s := open(t, c, subject, 80, 22)
			s.format = indexOf(export.Formats, "svg")
			s.out.SetValue("x.svg")
			return s
		}, "graphviz dot not found"},
		{"an unknown target", func(t *testing.T) common.Screen {
			s := common.Screen(open(t, c, subject, 80, 22))
			s = uitest.Key(s, "right")
			s = uitest.Key(s, "tab")
			return uitest.Type(s, "ofac:nobody")
		}, "ofac:nobody: "},
		{"no target", func(t *testing.T) common.Screen {
			return uitest.Key(open(t, c, subject, 80, 22), "right")
		}, "type the node the paths go to"},
		{"a missing directory", func(t *testing.T) common.Screen {
			s := open(t, c, subject, 80, 22)
			s.out.SetValue("no/such/dir/x.graphml")
			return s
		}, "no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := uitest.Key(tc.setup(t), "enter")
			v := view(t, s.(*Model))
			if !strings.Contains(strings.Join(strings.Fields(v), " "), tc.want) {
				t.Errorf("view lacks %q:\n%s", tc.want, v)
			}
		})
	}
}

func TestEscCancelsARunningExportThenLeaves(t *testing.T) {
	c := uitest.Common(t)
	t.Chdir(t.TempDir())
	m := open(t, c, subject, 80, 22)
	_, run := m.Update(uitest.KeyMsg("enter"))
	if !m.running || run == nil {
		t.Fatal("enter does not start the export")
	}
	if _, cmd := m.Update(uitest.KeyMsg("esc")); cmd != nil {
		t.Error("esc while exporting leaves instead of cancelling")
	}
	uitest.Run(m, run)
	if m.running || m.result == nil || m.result.err != errCancelled {
		t.Fatalf("after esc: running %v, result %+v", m.running, m.result)
	}
	if _, err := os.Stat("contractor_FL-000115.graphml"); err == nil {
		t.Error("a cancelled export wrote its file")
	}
	_, cmd := m.Update(uitest.KeyMsg("esc"))
	if cmd == nil {
		t.Fatal("esc does not leave")
	}
	if k, ok := cmd().(tea.KeyPressMsg); !ok || k.String() != "alt+left" {
		t.Errorf("esc sends %v, want the back key", cmd())
	}
}

func TestClicksFocusAndChoose(t *testing.T) {
	c := uitest.Common(t)
	m := open(t, c, subject, 80, 22)
	row := strings.Split(view(t, m), "\n")[lineFormat]
	x := strings.Index(row, " gexf ")
	m.Update(tea.MouseClickMsg{X: ansi.StringWidth(row[:x]) + 2, Y: lineFormat + 1})
	if m.focus != fieldFormat || m.formatName() != "gexf" {
		t.Errorf("click on gexf: focus %d, format %s", m.focus, m.formatName())
	}
	m.Update(tea.MouseClickMsg{X: 30, Y: lineOutput + 1})
	if m.focus != fieldOutput || !m.Capturing() {
		t.Errorf("click on the output: focus %d", m.focus)
	}
}

func TestEveryViewFitsAnySize(t *testing.T) {
	c := uitest.Common(t)
	t.Chdir(t.TempDir())
	s := common.Screen(open(t, c, subject, 80, 22))
	for _, sz := range [][2]int{{80, 22}, {160, 46}, {40, 10}, {20, 5}, {1, 1}, {200, 60}} {
		s.SetSize(sz[0], sz[1])
		view(t, s.(*Model))
		for _, k := range []string{"tab", "right", "tab", "right", "tab"} {
			s = uitest.Key(s, k)
			view(t, s.(*Model))
		}
		s = uitest.Key(s, "enter")
		view(t, s.(*Model))
	}
}

func TestHostileKeysAndLabelsAreCleaned(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	evil := "contractor:X\x1b]0;pwn\x07\n1"
	if _, err := st.DB().Exec(`INSERT INTO nodes(id, kind, key, label, attrs) VALUES
		(1, 'contractor', ?, ?, NULL), (2, 'email', 'email:a@b.c', 'a@b.c', NULL)`,
		evil, "Mallory \x1b[31mred\x07\nline"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`INSERT INTO edges(id, kind, src, dst) VALUES (1, 'uses', 1, 2)`); err != nil {
		t.Fatal(err)
	}
	c := uitest.Common(t)
	c.Store = st
	t.Chdir(t.TempDir())
	m := open(t, c, evil, 80, 22)
	if got := m.out.Value(); got != "./contractor_X__0_pwn__1.graphml" {
		t.Errorf("default output from a hostile key: %q", got)
	}
	s := uitest.Key(m, "enter")
	raw := s.View()
	if strings.Contains(raw, "\x1b]0") || strings.Contains(raw, "\x1b[31mred") || strings.Contains(raw, "\x07") {
		t.Errorf("control sequences reached the terminal: %q", raw)
	}
	if v := ansi.Strip(raw); strings.ContainsAny(v, "\x1b\x07") {
		t.Errorf("control characters reached the terminal: %q", v)
	}
	if m.result == nil || m.result.err != nil {
		t.Fatalf("export of the hostile node: %+v", m.result)
	}
}

func BenchmarkExportDialogKey(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c, subject), 160, 46)
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "tab") // the format row
	right, left := uitest.KeyMsg("right"), uitest.KeyMsg("left")
	for i := 0; b.Loop(); i++ {
		k := right
		if i%20 >= 10 {
			k = left
		}
		s, _ = s.Update(k)
		_ = s.View()
	}
}

func BenchmarkExportDialogTyping(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c, subject), 160, 46)
	s = uitest.Key(s, "shift+tab")
	s = uitest.Key(s, "shift+tab") // the output field
	a, bs := uitest.KeyMsg("a"), uitest.KeyMsg("backspace")
	for i := 0; b.Loop(); i++ {
		k := a
		if i%2 == 1 {
			k = bs
		}
		s, _ = s.Update(k)
		_ = s.View()
	}
}

func TestInTheWorkbenchEscGoesBackAndLettersAreTyped(t *testing.T) {
	c := uitest.Common(t)
	first := New(c, "contractor:FL-000052") // any screen to come back to
	root := app.New(c, app.Screens{Export: New}, first)
	root.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	feed := func(msg tea.Msg) {
		t.Helper()
		_, cmd := root.Update(msg)
		for i := 0; cmd != nil && i < 10; i++ {
			msg := cmd()
			if msg == nil {
				return
			}
			if _, ok := msg.(tea.QuitMsg); ok {
				t.Fatal("the workbench quit")
			}
			_, cmd = root.Update(msg)
		}
	}
	dlg := New(c, subject)
	feed(common.PushMsg{Screen: dlg})
	m := dlg.(*Model)
	for range 3 {
		feed(uitest.KeyMsg("tab")) // to the output field
	}
	feed(uitest.KeyMsg("q")) // typed, not quit
	if !strings.HasSuffix(m.out.Value(), "q") {
		t.Errorf("q in the output field: %q", m.out.Value())
	}
	if v := root.View().Content; !strings.Contains(ansi.Strip(v), "Export the network of "+subject) {
		t.Fatalf("the dialog is not shown:\n%s", ansi.Strip(v))
	}
	feed(uitest.KeyMsg("esc"))
	if v := ansi.Strip(root.View().Content); strings.Contains(v, subject) || !strings.Contains(v, "FL-000052") {
		t.Errorf("esc did not go back:\n%s", v)
	}
}

func TestCompletionOfAManyKeyPrefixOnlyLists(t *testing.T) {
	c := uitest.Common(t)
	s := common.Screen(open(t, c, subject, 80, 22))
	m := s.(*Model)
	s = uitest.Key(s, "right")
	s = uitest.Key(s, "tab")
	s = uitest.Type(s, "contractor:")
	s = uitest.Key(s, "tab")
	if m.to.Value() != "contractor:" || !m.more || len(m.candidates) != maxCandidates {
		t.Errorf("contractor:⇥ gives %q, %d candidates (more %v)", m.to.Value(), len(m.candidates), m.more)
	}
	v := view(t, m)
	if !strings.Contains(v, "more than 20 keys start with contractor:") || !strings.Contains(v, "… ") {
		t.Errorf("candidates not listed within the screen:\n%s", v)
	}
	// A bare contractor id completes as a contractor's key.
	m.to.SetValue("FL-00011")
	s = uitest.Key(s, "tab")
	if !strings.HasPrefix(m.to.Value(), "contractor:FL-00011") {
		t.Errorf("FL-00011⇥ gives %q", m.to.Value())
	}
	_ = s
}

// BenchmarkExportCommand is the work Enter starts (off the event loop): the
// 2-hop network of FL-000115 built, measured and written as GraphML.
func BenchmarkExportCommand(b *testing.B) {
	c := uitest.Common(b)
	out := filepath.Join(b.TempDir(), "x.graphml")
	for b.Loop() {
		if r := runExport(c.Ctx, c.Store, request{key: subject, hops: 2, format: "graphml", out: out}); r.err != nil {
			b.Fatal(r.err)
		}
	}
}
