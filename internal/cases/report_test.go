package cases

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func reportCase(t *testing.T) *Report {
	t.Helper()
	ctx := context.Background()
	st := demoStore(t)
	if _, err := New(ctx, st, "N1"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		Pin(ctx, st, "N1", "contractor:FL-000115", "contractor:FL-000279"),
		Tag(ctx, st, "N1", "contractor:FL-000279", "confirmed"),
		Note(ctx, st, "N1", "contractor:FL-000279", "photo <script>alert(1)</script> & \x1b[31mreused | *twice*"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := BuildReport(ctx, st, "N1")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReportHoldsPathsWithSourcesAndIsSelfContained(t *testing.T) {
	r := reportCase(t)
	if len(r.Paths) == 0 || len(r.Paths[0].Hops) == 0 {
		t.Fatalf("no path in the report: %+v", r.Paths)
	}
	for _, h := range r.Paths[0].Hops {
		if len(h.Rows) == 0 || !strings.Contains(h.Rows[0], "sha256 ") {
			t.Errorf("hop %s %s %s without its source row and file hash: %v", h.From, h.Edge, h.To, h.Rows)
		}
	}
	var html, md bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	h := html.String()
	for _, want := range []string{"<svg", "Paths to designated entities", "Timeline", "Designation lists used", "&lt;script&gt;", "confirmed"} {
		if !strings.Contains(h, want) {
			t.Errorf("the HTML report lacks %q", want)
		}
	}
	if strings.Contains(h, "<script") || strings.Contains(h, "src=\"http") || strings.Contains(h, "href=\"http") {
		t.Error("the HTML report runs a script or loads something from outside")
	}
	m := md.String()
	if strings.Contains(m, "<script") || strings.Contains(m, "\x1b") || !strings.Contains(m, "\\*twice\\*") {
		t.Errorf("the Markdown report does not escape the note")
	}
}

// TestReportRendersInHeadlessChromium loads the HTML report in Debian's
// chromium and checks the screenshot shows the graph: the designated entry is
// drawn in red.
func TestReportRendersInHeadlessChromium(t *testing.T) {
	browser := ""
	for _, b := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(b); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no chromium (apt-get install chromium; CI installs it)")
	}
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("graphviz not installed: the report would draw its own layout (CI installs graphviz)")
	}
	r := reportCase(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, html.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--screenshot="+shot, "--window-size=1200,900", "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// A 1200×900 window holds the title and the graph (the tables below it,
	// whose designated keys are red too, start further down).
	red, ink := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r8, g8, b8 := cr>>8, cg>>8, cb>>8
			if r8 > 180 && g8 < 90 && b8 < 90 {
				red++
			}
			if r8 < 100 && g8 < 100 && b8 < 100 {
				ink++
			}
		}
	}
	if red < 30 || ink < 500 {
		t.Errorf("the screenshot shows %d red and %d dark samples: the graph (with its red designated entry) is not visible", red, ink)
	}
}
