// Package export writes a case subgraph in the formats other tools read: Graphviz
// DOT (and SVG/PNG rendered from it), GraphML, GEXF, Cytoscape.js JSON, CSV, Neo4j
// bulk-import CSV, FollowTheMoney entities and Mermaid.
//
// Every export carries the same facts — for a node its key, kind, label,
// designation (list, programmes), source rows, hidden-neighbour summary and
// measures; for an edge its kind, ends, attributes and source rows — and the
// same text: records are written by the people under investigation, so control
// characters, escape sequences, bidirectional overrides and invalid UTF-8 are
// replaced by a visible escape (the text `\x1b`, `\u202e`) before each format's
// own quoting.
//
// Output is deterministic: every writer sorts the subgraph in place first
// (graphs.Subgraph.Sort), so the same subgraph gives the same bytes. A
// subgraph is not safe to export from two goroutines at once.
package export

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/casegraph/casegraph/graphs"
	"github.com/casegraph/casegraph/internal/sanitize"
)

// Formats lists the export formats Write accepts.
var Formats = []string{"dot", "graphml", "gexf", "cytoscape", "csv", "neo4j", "ftm", "mermaid", "svg", "png"}

// ErrNoGraphviz is wrapped by the error of Write for "svg" and "png" when
// Graphviz's dot is not installed.
var ErrNoGraphviz = errors.New("graphviz dot not found")

// ErrNotEmpty is wrapped by the error of Write for "csv" and "neo4j" when the
// output directory holds files other than the two it would write: an export
// never mixes its files with someone else's.
var ErrNotEmpty = errors.New("output directory is not empty")

// Two-file formats write these into the output directory.
const (
	NodesFile = "nodes.csv"
	EdgesFile = "edges.csv"
)

// Write exports sg in format to out and returns the files written.
//
// Single-file formats write the file out, replacing it if it exists (the file
// appears whole or not at all: it is written beside out and renamed). "csv" and
// "neo4j" write out/nodes.csv and out/edges.csv, creating the directory; a
// directory that already holds any other entry is refused with ErrNotEmpty, and
// an earlier export's nodes.csv and edges.csv are replaced. "svg" and "png"
// run Graphviz's dot on the DOT export.
func Write(sg *graphs.Subgraph, format, out string) ([]string, error) {
	return WriteContext(context.Background(), sg, format, out)
}

// WriteContext is Write with a context: cancelling it stops Graphviz, whose
// layout of a large subgraph can take minutes.
func WriteContext(ctx context.Context, sg *graphs.Subgraph, format, out string) ([]string, error) {
	if sg == nil {
		return nil, errors.New("export: no subgraph")
	}
	if out == "" {
		return nil, fmt.Errorf("export %s: no output path", format)
	}
	var one func(io.Writer, *graphs.Subgraph) error
	switch format {
	case "dot":
		one = WriteDOT
	case "graphml":
		one = WriteGraphML
	case "gexf":
		one = WriteGEXF
	case "cytoscape":
		one = WriteCytoscape
	case "ftm":
		one = WriteFtM
	case "mermaid":
		one = WriteMermaid
	case "csv":
		return writeDir(sg, out, WriteCSV)
	case "neo4j":
		return writeDir(sg, out, WriteNeo4j)
	case "svg", "png":
		return render(ctx, sg, format, out)
	default:
		return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	if err := writeFile(out, func(w io.Writer) error { return one(w, sg) }); err != nil {
		return nil, fmt.Errorf("export %s to %s: %w", format, out, err)
	}
	return []string{out}, nil
}

// writeFile writes path through a temporary file in the same directory, renamed
// into place once complete, so a failed export leaves no truncated file behind.
func writeFile(path string, fill func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := fill(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file 0600; an export is an ordinary document.
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeDir writes a two-file export into the directory dir.
func writeDir(sg *graphs.Subgraph, dir string, write func(nodes, edges io.Writer, sg *graphs.Subgraph) error) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	for _, e := range entries {
		if n := e.Name(); n != NodesFile && n != EdgesFile {
			return nil, fmt.Errorf("export to %s: %w (it holds %q)", dir, ErrNotEmpty, n)
		}
	}
	// Both files are rendered before either is written, so an error leaves the
	// directory as it was.
	var nodes, edges bytes.Buffer
	if err := write(&nodes, &edges, sg); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	files := []string{filepath.Join(dir, NodesFile), filepath.Join(dir, EdgesFile)}
	for i, buf := range []*bytes.Buffer{&nodes, &edges} {
		if err := writeFile(files[i], func(w io.Writer) error { _, err := buf.WriteTo(w); return err }); err != nil {
			return nil, fmt.Errorf("export to %s: %w", files[i], err)
		}
	}
	return files, nil
}

// render lays out the DOT export with Graphviz (no shell: dot reads the graph on
// standard input) and writes the picture to out.
func render(ctx context.Context, sg *graphs.Subgraph, format, out string) ([]string, error) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w: install Graphviz (apt-get install graphviz) or export --format dot instead", format, ErrNoGraphviz)
	}
	var src bytes.Buffer
	if err := WriteDOT(&src, sg); err != nil {
		return nil, fmt.Errorf("export %s: %w", format, err)
	}
	err = writeFile(out, func(w io.Writer) error {
		var stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, dot, "-T"+format)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = &src, w, &stderr
		if err := cmd.Run(); err != nil {
			// dot quotes labels in its messages: they came from records.
			msg := sanitize.Text(strings.TrimSpace(stderr.String()))
			if len(msg) > 500 {
				msg = strings.ToValidUTF8(msg[:500], "") + "…"
			}
			return fmt.Errorf("dot -T%s: %w: %s", format, err, msg)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export %s to %s: %w", format, out, err)
	}
	return []string{out}, nil
}
