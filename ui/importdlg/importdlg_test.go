package importdlg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/casegraph/casegraph/internal/importer"
	"github.com/casegraph/casegraph/internal/store"
	"github.com/casegraph/casegraph/ui/app"
	"github.com/casegraph/casegraph/ui/common"
	"github.com/casegraph/casegraph/ui/uitest"
)

// freshCommon is a Common over a new, empty case database.
func freshCommon(t *testing.T) *common.Common {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := uitest.Common(t)
	c.Store = st
	return c
}

// copyFile copies src into dir and returns the copy's name.
func copyFile(t *testing.T, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(src)
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// inDir runs fn in the working directory dir: files are typed as relative
// paths that render the same on every machine, while golden files stay in
// the package's testdata.
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

func view(t *testing.T, s common.Screen) string {
	t.Helper()
	m := s.(*Model)
	v := m.View()
	uitest.CheckSize(t, v, m.width, m.height)
	return ansi.Strip(v)
}

// timing masks an import's duration and rate, which differ on every run.
var timing = regexp.MustCompile(`\d+\.\d\ds, \d+ rows/s`)

func masked(v string) string { return timing.ReplaceAllString(v, "9.99s, 999 rows/s") }

// imported types path into a new dialog on c and presses Enter in dir.
func imported(t *testing.T, c *common.Common, dir, path string, w, h int, keys ...string) common.Screen {
	t.Helper()
	s := uitest.Start(New(c), w, h)
	s = uitest.Type(s, path)
	inDir(t, dir, func() {
		for _, k := range keys {
			s = uitest.Key(s, k)
		}
		s = uitest.Key(s, "enter")
	})
	return s
}

func TestImportDialogGoldens(t *testing.T) {
	for _, sz := range uitest.Sizes {
		w, h := sz[0], sz[1]-2
		uitest.Golden(t, fmt.Sprintf("import-initial-%dx%d", w, h), view(t, uitest.Start(New(uitest.Common(t)), w, h)))

		dir := t.TempDir()
		broken := copyFile(t, "../../internal/importer/testdata/broken.csv", dir)
		s := imported(t, freshCommon(t), dir, broken, w, h)
		uitest.Golden(t, fmt.Sprintf("import-broken-%dx%d", w, h), view(t, s))

		tsv := copyFile(t, "../../samples/formats/contractors-export.tsv", dir)
		s = imported(t, freshCommon(t), dir, tsv, w, h)
		uitest.Golden(t, fmt.Sprintf("import-tsv-%dx%d", w, h), masked(view(t, s)))
	}
}

func TestABrokenFileShowsFileLineAndField(t *testing.T) {
	dir := t.TempDir()
	broken := copyFile(t, "../../internal/importer/testdata/broken.csv", dir)
	c := freshCommon(t)
	s := imported(t, c, dir, broken, 160, 46)
	m := s.(*Model)
	want := `broken.csv:3: field "E-mail Address": not an email address: "not-an-email": missing "@"`
	if m.result == nil || m.result.err == nil || m.result.err.Error() != want {
		t.Fatalf("error %+v, want %s (as casegraph import says)", m.result, want)
	}
	if v := view(t, s); !strings.Contains(v, "✗ "+want) || !strings.Contains(v, "skip bad rows") {
		t.Errorf("view:\n%s", v)
	}
	n, err := c.Store.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n.Nodes != 0 {
		t.Errorf("a failed import stored %d nodes", n.Nodes)
	}
}

func TestSkipBadRowsImportsTheGoodOnesAndWritesRejects(t *testing.T) {
	dir := t.TempDir()
	broken := copyFile(t, "../../internal/importer/testdata/broken.csv", dir)
	// down to the kind, down to "skip bad rows", space ticks it.
	s := imported(t, freshCommon(t), dir, broken, 80, 22, "down", "down", "space")
	m := s.(*Model)
	if !m.skipBad {
		t.Fatal("space did not tick skip bad rows")
	}
	v := view(t, s)
	for _, want := range []string{"broken.csv: 3 rows read, 2 stored, 1 rejected (csv contractors", "rejected rows and reasons: broken.csv.rejects.csv"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "broken.csv.rejects.csv")); err != nil {
		t.Error(err)
	}
}

func TestAfterImportingTheDatabaseIsScreened(t *testing.T) {
	dir := t.TempDir()
	c := freshCommon(t)
	list, err := filepath.Abs("../../samples/demo/list")
	if err != nil {
		t.Fatal(err)
	}
	s := imported(t, c, dir, list, 160, 46, "down", "right", "right") // kind: list
	if m := s.(*Model); m.result == nil || m.result.err != nil || m.result.res.Kind != "list" {
		t.Fatalf("list import: %+v", m.result)
	}
	tsv := copyFile(t, "../../samples/formats/contractors-export.tsv", dir)
	s = imported(t, c, dir, tsv, 160, 46)
	if v := view(t, s); !strings.Contains(v, "screened 8 names against ") {
		t.Errorf("no screening summary:\n%s", v)
	}
	// Without screening, no summary; and the same file again does nothing.
	s = imported(t, c, dir, tsv, 160, 46, "down", "down", "down", "space")
	v := view(t, s)
	if !strings.Contains(v, "already imported (sha256 ") || strings.Contains(v, "screened") {
		t.Errorf("re-import:\n%s", v)
	}
}

func TestFieldsAndToggles(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	if !m.Capturing() || m.focus != fieldFile {
		t.Fatal("the dialog does not open on the path field")
	}
	s = uitest.Type(s, "jkq") // letters, not moves or quit
	if m.file.Value() != "jkq" || m.focus != fieldFile {
		t.Errorf("typed %q, focus %d", m.file.Value(), m.focus)
	}
	s = uitest.Key(s, "down")
	if m.focus != fieldKind || m.Capturing() {
		t.Errorf("down: focus %d, capturing %v", m.focus, m.Capturing())
	}
	s = uitest.Key(s, "l")
	s = uitest.Key(s, "right")
	if kinds[m.kind].name != "list" {
		t.Errorf("kind %s after two rights", kinds[m.kind].name)
	}
	s = uitest.Key(s, "right")
	if kinds[m.kind].name != "contractors" {
		t.Errorf("kind %s: rights go round", kinds[m.kind].name)
	}
	s = uitest.Key(s, "j")
	s = uitest.Key(s, "space")
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "space")
	if !m.skipBad || m.screen {
		t.Errorf("skip %v screen %v after toggling both", m.skipBad, m.screen)
	}
	s = uitest.Key(s, "tab")
	s = uitest.Key(s, "tab")
	if m.focus != fieldFile {
		t.Errorf("tab does not go round to the path: %d", m.focus)
	}
	s = uitest.Key(s, "shift+tab")
	if m.focus != fieldButton {
		t.Errorf("shift+tab: %d", m.focus)
	}
	v := view(t, s)
	if !strings.Contains(v, "[x] skip bad rows") || !strings.Contains(v, "[ ] screen") {
		t.Errorf("toggles not drawn:\n%s", v)
	}
}

func TestTabCompletesPaths(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"alpha.csv", "alpine.tsv", "beta/x.csv", ".hidden"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	inDir(t, dir, func() {
		s = uitest.Type(s, "al")
		s = uitest.Key(s, "tab")
		if m.file.Value() != "alp" || len(m.candidates) != 2 || m.focus != fieldFile {
			t.Errorf("al⇥: %q, candidates %v, focus %d", m.file.Value(), m.candidates, m.focus)
		}
		if v := view(t, s); !strings.Contains(v, "alpine.tsv") {
			t.Errorf("candidates not listed:\n%s", v)
		}
		s = uitest.Key(s, "tab") // the same candidates again: move on
		if m.focus != fieldKind {
			t.Errorf("second tab: focus %d", m.focus)
		}
		s = uitest.Key(s, "shift+tab")
		m.file.SetValue("b")
		s = uitest.Key(s, "tab")
		if m.file.Value() != "beta/" {
			t.Errorf("b⇥: %q", m.file.Value())
		}
		s = uitest.Key(s, "tab")
		if m.file.Value() != "beta/x.csv" {
			t.Errorf("beta/⇥: %q", m.file.Value())
		}
		s = uitest.Key(s, "tab") // complete: move on
		if m.focus != fieldKind {
			t.Errorf("tab on a complete path: focus %d", m.focus)
		}
		s = uitest.Key(s, "shift+tab")
		m.file.SetValue("")
		s = uitest.Key(s, "tab")
		if len(m.candidates) != 3 {
			t.Errorf("⇥ on nothing lists %v, want the three visible entries", m.candidates)
		}
	})
}

func TestProgressIsShownAndRelayed(t *testing.T) {
	dir := t.TempDir()
	name := copyFile(t, "../../samples/formats/contractors-export.tsv", dir)
	s := uitest.Start(New(freshCommon(t)), 80, 22)
	m := s.(*Model)
	s = uitest.Type(s, name)
	var run tea.Cmd
	inDir(t, dir, func() { _, run = m.Update(uitest.KeyMsg("enter")) })
	if !m.running || run == nil {
		t.Fatal("enter does not start the import")
	}
	if _, cmd := m.Update(progressMsg{run: m.run, done: 1 << 20, total: 4 << 20}); cmd == nil {
		t.Error("after a progress message the dialog does not listen for the next")
	}
	v := view(t, s)
	for _, want := range []string{" 25%", "█", "░", "reading contractors-export.tsv: 1.0 MiB of 4.0 MiB", "[ Importing… ]"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	m.Update(progressMsg{run: m.run, phase: "screening"})
	if v := view(t, s); !strings.Contains(v, "100%") || !strings.Contains(v, "screening") {
		t.Errorf("screening phase:\n%s", v)
	}
	// Enter while importing does not start a second import.
	if _, cmd := m.Update(uitest.KeyMsg("enter")); cmd != nil {
		t.Error("a second import started")
	}
	inDir(t, dir, func() { uitest.Run(s, run) })
	if m.running || m.result == nil || m.result.err != nil {
		t.Fatalf("after the import: running %v, %+v", m.running, m.result)
	}
}

func TestTheImportNeverWaitsForTheScreen(t *testing.T) {
	// Nobody reads the channel: the import must still finish, and leave the
	// latest progress and the close for a late listener.
	c := freshCommon(t)
	ch := make(chan progressMsg, 1)
	msg := runImport(context.Background(), c.Store, request{run: 7, path: "../../samples/formats/contractors-export.tsv"}, ch)
	if msg.err != nil {
		t.Fatal(msg.err)
	}
	p, ok := <-ch
	if !ok || p.run != 7 || p.done != p.total || p.total == 0 {
		t.Errorf("last progress %+v %v, want the whole file", p, ok)
	}
	if _, ok := <-ch; ok {
		t.Error("the channel is not closed")
	}
	if got := listen(ch)(); got != nil {
		t.Errorf("listen on a closed channel: %v", got)
	}
}

func TestEscCancelsThenLeaves(t *testing.T) {
	dir := t.TempDir()
	name := copyFile(t, "../../samples/formats/contractors-export.tsv", dir)
	c := freshCommon(t)
	s := uitest.Start(New(c), 80, 22)
	m := s.(*Model)
	s = uitest.Type(s, name)
	var run tea.Cmd
	inDir(t, dir, func() { _, run = m.Update(uitest.KeyMsg("enter")) })
	if _, cmd := m.Update(uitest.KeyMsg("esc")); cmd != nil {
		t.Error("esc while importing leaves instead of cancelling")
	}
	inDir(t, dir, func() { uitest.Run(s, run) })
	want := "interrupted: " + name + " was not imported (the database is as it was)"
	if m.result == nil || m.result.err == nil || m.result.err.Error() != want {
		t.Fatalf("after esc: %+v, want %s", m.result, want)
	}
	if v := view(t, s); !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
		t.Errorf("view:\n%s", v)
	}
	_, cmd := m.Update(uitest.KeyMsg("esc"))
	if cmd == nil {
		t.Fatal("esc does not leave")
	}
	if k, ok := cmd().(tea.KeyPressMsg); !ok || k.String() != "alt+left" {
		t.Errorf("esc sends %v, want the back key", cmd())
	}
}

func TestEmptyPathAndMissingFile(t *testing.T) {
	s := uitest.Key(uitest.Start(New(freshCommon(t)), 80, 22), "enter")
	if v := view(t, s); !strings.Contains(v, "type the path of the file to import") {
		t.Errorf("empty path:\n%s", v)
	}
	s = uitest.Type(s, "/no/such/file.csv")
	s = uitest.Key(s, "enter")
	if v := view(t, s); !strings.Contains(v, "✗ open /no/such/file.csv: no such file or directory") {
		t.Errorf("missing file:\n%s", v)
	}
}

func TestClicks(t *testing.T) {
	s := uitest.Start(New(uitest.Common(t)), 80, 22)
	m := s.(*Model)
	row := strings.Split(view(t, s), "\n")[lineKind]
	x := strings.Index(row, "payments")
	m.Update(tea.MouseClickMsg{X: ansi.StringWidth(row[:x]), Y: lineKind + 1})
	if m.focus != fieldKind || kinds[m.kind].name != "payments" {
		t.Errorf("click on payments: focus %d, kind %s", m.focus, kinds[m.kind].name)
	}
	m.Update(tea.MouseClickMsg{X: 20, Y: lineSkip + 1})
	if m.focus != fieldSkip || !m.skipBad {
		t.Errorf("click on skip bad rows: focus %d, %v", m.focus, m.skipBad)
	}
	m.Update(tea.MouseClickMsg{X: 20, Y: lineFile + 1})
	if m.focus != fieldFile || !m.Capturing() {
		t.Errorf("click on the path: focus %d", m.focus)
	}
}

func TestEveryViewFitsAnySize(t *testing.T) {
	dir := t.TempDir()
	broken := copyFile(t, "../../internal/importer/testdata/broken.csv", dir)
	for _, sz := range [][2]int{{80, 22}, {160, 46}, {40, 10}, {20, 5}, {1, 1}, {200, 60}} {
		s := imported(t, freshCommon(t), dir, broken, 80, 22)
		s.SetSize(sz[0], sz[1])
		view(t, s)
		for _, k := range []string{"tab", "right", "tab", "space", "tab"} {
			s = uitest.Key(s, k)
			view(t, s)
		}
		m := s.(*Model)
		m.running, m.progress = true, progressMsg{done: 3, total: 7}
		view(t, s)
		m.running = false
	}
}

func TestHostileRowsAndNamesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	evil := "evil\x1b[31mred\x07.csv"
	csv := "Freelancer ID,Full Name,E-mail Address\nFX-1,\"Mallory\x1b[31mred\",\"bad\x1b]0;pwn\x07\nmail\"\n"
	for _, name := range []string{evil, "rows.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(csv), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clean := func(s common.Screen) {
		t.Helper()
		raw := s.View()
		if strings.Contains(raw, "\x1b]0") || strings.Contains(raw, "\x1b[31mred") || strings.Contains(raw, "\x07") {
			t.Errorf("control sequences reached the terminal: %q", raw)
		}
		if v := ansi.Strip(raw); strings.ContainsAny(v, "\x1b\x07") {
			t.Errorf("control characters reached the terminal: %q", v)
		}
	}
	// A row whose values carry escape sequences.
	s := imported(t, freshCommon(t), dir, "rows.csv", 80, 22)
	m := s.(*Model)
	if m.result == nil || m.result.err == nil {
		t.Fatalf("the hostile row imported: %+v", m.result)
	}
	clean(s)
	// A file name listed by Tab.
	m.file.SetValue("")
	inDir(t, dir, func() { s = uitest.Key(s, "tab") })
	if len(m.candidates) != 2 {
		t.Fatalf("candidates %q", m.candidates)
	}
	clean(s)
	// An outcome naming them (the importer quotes values; the dialog must
	// not rely on it).
	m.candidates = nil
	m.Update(importedMsg{run: m.run, res: importer.Result{File: evil, Read: 1, Stored: 1, Kind: "contractors",
		RejectsPath: evil + ".rejects.csv"}, err: errors.New("screening: \x1b]0;pwn\x07 \x1b[31mred")})
	clean(s)
	if v := view(t, s); !strings.Contains(v, "rows read") || !strings.Contains(v, "screening: ") {
		t.Errorf("outcome not shown:\n%s", v)
	}
}

func BenchmarkImportDialogKey(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c), 160, 46)
	s = uitest.Key(s, "down") // the kind
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

func BenchmarkImportDialogTyping(b *testing.B) {
	c := uitest.Common(b)
	s := uitest.Start(New(c), 160, 46)
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
	first := New(c) // any screen to come back to
	first.(*Model).file.SetValue("the first dialog")
	root := app.New(c, app.Screens{Import: New}, first)
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
	dlg := New(c)
	feed(common.PushMsg{Screen: dlg})
	for _, k := range []string{"q", "x", "/", "?"} {
		feed(uitest.KeyMsg(k))
	}
	if got := dlg.(*Model).file.Value(); got != "qx/?" {
		t.Errorf("typed %q, want every letter in the path", got)
	}
	feed(uitest.KeyMsg("esc"))
	if v := ansi.Strip(root.View().Content); !strings.Contains(v, "the first dialog") {
		t.Errorf("esc did not go back:\n%s", v)
	}
}
