package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/casegraph/casegraph/internal/sanitize"
)

// progress draws a one-line bar on a terminal for imports that take longer than a
// second; on a pipe or a file it draws nothing.
type progress struct {
	w     io.Writer
	name  string
	start time.Time
	on    bool
	drawn bool
	width int
}

func newProgress(f *os.File, path string) *progress {
	p := &progress{w: f, name: sanitize.Text(filepath.Base(path)), start: time.Now(), width: 80}
	if term.IsTerminal(int(f.Fd())) {
		p.on = true
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 40 {
			p.width = w
		}
	}
	return p
}

func (p *progress) update(done, total int64) {
	if !p.on || time.Since(p.start) < time.Second || total <= 0 {
		return
	}
	frac := float64(done) / float64(total)
	if frac > 1 {
		frac = 1
	}
	info := fmt.Sprintf(" %3.0f%% %s/%s", frac*100, mib(done), mib(total))
	if done >= total {
		info += " indexing" // read in full: money flows, search index and ledger indexes follow
	}
	barW := p.width - len(p.name) - len(info) - 4
	if barW < 10 {
		barW = 10
	}
	full := int(frac * float64(barW))
	fmt.Fprintf(p.w, "\r%s [%s%s]%s", p.name, strings.Repeat("=", full), strings.Repeat(" ", barW-full), info)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width-1))
	}
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
