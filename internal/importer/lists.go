package importer

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/casegraph/casegraph/internal/lists"
	"github.com/casegraph/casegraph/internal/normalize"
	"github.com/casegraph/casegraph/internal/store"
)

// parsedList is a designation list read from its files, ready to write.
type parsedList struct {
	format    string // ofac-csv | un-xml
	primary   string // the file that identifies the publication
	files     []string
	entries   []lists.Entry
	orphans   []lists.Orphan
	records   int               // rows read when they are not one per entry (FtM: links, sanctions, addresses)
	ops       map[string]string // a delta stream's own changes: entry id → added | changed | removed
	published string            // the publish date the file states, ISO
}

// Lists imports a designation list, recognised from its content: an OFAC legacy CSV set
// (a folder, or its sdn.csv / cons_prim.csv), OFAC XML (SDN.XML sdnList or the Advanced
// Sanctions List Standard), the UN consolidated list XML, or OpenSanctions FtM JSON lines. Every entry becomes a node
// (ofac:24977, un:KPi.001) with its names, addresses, documents, wallets, emails,
// phones and websites as identifier nodes, normalised like contractor data, so a wallet
// in the list and the same wallet in a ledger are one node.
func Lists(ctx context.Context, st *store.Store, path string, opt Options) (Result, error) {
	start := time.Now()
	res := Result{File: path, Kind: "list"}
	format := opt.ListFormat
	if format == "" {
		var err error
		if format, err = detectList(path, opt.ListMapping != nil); err != nil {
			return res, err
		}
	}
	// The publication is known by its main file: check it before parsing the whole list.
	// The same bytes read as another format are not the same import: read them, so a
	// wrong --format is reported rather than taken for a no-op.
	abs, known, err := identify(ctx, st, listPrimary(path, format), &res)
	if err != nil || (known && res.Format == format) {
		return res, err
	}
	res.AlreadyImported = false
	pl, err := readList(path, format, opt.ListMapping)
	if err != nil {
		return res, err
	}
	res.Format = pl.format
	im, err := st.BeginImport(ctx, store.SourceInfo{Path: abs, SHA256: res.SHA256, Size: res.Size, Kind: "list",
		Format: pl.format, Bulk: opt.bulk(res.Size)})
	if errors.Is(err, store.ErrAlreadyImported) {
		res.AlreadyImported = true
		return res, nil
	}
	if err != nil {
		return res, err
	}
	defer im.Rollback()
	w := &listWriter{im: im, sources: map[string]int64{pl.primary: 0}}
	for _, f := range pl.files {
		if f == pl.primary {
			continue
		}
		sha, size, err := hashFile(f)
		if err != nil {
			return res, err
		}
		fabs, _ := filepath.Abs(f)
		if w.sources[f], err = im.AddSource(ctx, store.SourceInfo{Path: fabs, SHA256: sha, Size: size, Kind: "list", Format: pl.format}); err != nil {
			return res, err
		}
	}
	for i := range pl.entries {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := w.entry(ctx, &pl.entries[i]); err != nil {
			return res, err
		}
	}
	for i := range pl.entries {
		if err := w.relations(ctx, &pl.entries[i]); err != nil {
			return res, err
		}
	}
	if err := w.orphans(ctx, pl.orphans); err != nil {
		return res, err
	}
	res.Orphans = len(pl.orphans)
	if err := recordVersion(ctx, im, pl); err != nil {
		return res, err
	}
	n := len(pl.entries) + len(pl.orphans)
	if pl.records > 0 {
		n = pl.records // every FtM line is absorbed: as an entry or attached to one
	}
	if err := im.Finish(ctx, store.Counts{Read: n, Stored: n}, ""); err != nil {
		return res, err
	}
	res.Read, res.Stored = n, n
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// ListFormats are the list formats Lists reads, for --format.
var ListFormats = []string{"ofac-csv", "ofac-xml", "ofac-advanced-xml", "un-xml", "ftm", "csv-mapped"}

// xmlReaders read the single-file XML list formats: entries and the publish date the
// file states (ISO, or "").
var xmlReaders = map[string]func(io.Reader, string) ([]lists.Entry, string, error){
	"un-xml": func(r io.Reader, file string) ([]lists.Entry, string, error) {
		res, err := lists.ReadUNXML(r, file)
		if err != nil {
			return nil, "", err
		}
		return res.Entries, isoPrefix(res.DateGenerated), nil
	},
	"ofac-xml": func(r io.Reader, file string) ([]lists.Entry, string, error) {
		res, err := lists.ReadOFACXML(r, file)
		if err != nil {
			return nil, "", err
		}
		published := ""
		if t, err := time.Parse("01/02/2006", res.PublishDate); err == nil {
			published = t.Format("2006-01-02")
		}
		return res.Entries, published, nil
	},
	"ofac-advanced-xml": func(r io.Reader, file string) ([]lists.Entry, string, error) {
		res, err := lists.ReadOFACAdvanced(r, file)
		if err != nil {
			return nil, "", err
		}
		return res.Entries, "", nil
	},
}

// readList reads a list whole, in the given format.
func readList(path, format string, m *lists.GenericMapping) (*parsedList, error) {
	open := func() (*os.File, error) { return os.Open(path) }
	single := func(format string, entries []lists.Entry) *parsedList {
		return &parsedList{format: format, primary: path, files: []string{path}, entries: entries}
	}
	switch format {
	case "ofac-csv":
		dir := path
		if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
			dir = filepath.Dir(path)
		}
		r, err := lists.ReadOFACCSV(dir)
		if err != nil {
			return nil, err
		}
		return &parsedList{format: format, primary: r.Files[0], files: r.Files, entries: r.Entries, orphans: r.Orphans}, nil
	case "ftm":
		return readFtM(path)
	case "csv-mapped":
		if m == nil {
			return nil, fmt.Errorf("%s: a spreadsheet list needs --mapping (see samples/lists/README.md)", path)
		}
		f, err := open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		entries, err := lists.ReadGenericCSV(bufio.NewReader(f), path, m)
		if err != nil {
			return nil, err
		}
		return single(format, entries), nil
	case "un-xml", "ofac-xml", "ofac-advanced-xml":
		f, err := open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		entries, published, err := xmlReaders[format](bufio.NewReader(f), path)
		if err != nil {
			return nil, err
		}
		pl := single(format, entries)
		pl.published = published
		return pl, nil
	}
	return nil, fmt.Errorf("unknown list format %q (want one of %s)", format, strings.Join(ListFormats, ", "))
}

// listPrimary is the file that identifies a publication: an OFAC CSV set's sdn.csv (or
// cons_prim.csv), otherwise the file itself.
func listPrimary(path, format string) string {
	if format != "ofac-csv" {
		return path
	}
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		return path
	}
	for _, name := range []string{"sdn.csv", "cons_prim.csv"} {
		if p := filepath.Join(path, name); fileExists(p) {
			return p
		}
	}
	return path
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// detectList recognises a list from its content: a folder or an sdn.csv is an OFAC
// CSV set, a JSON object per line is FtM, XML by its root element; with a mapping, a
// spreadsheet.
func detectList(path string, mapped bool) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	switch base := strings.ToLower(filepath.Base(path)); {
	case fi.IsDir(), base == "sdn.csv", base == "cons_prim.csv":
		return "ofac-csv", nil
	case mapped:
		return "csv-mapped", nil
	case fi.Size() == 0:
		return "", fmt.Errorf("%s: empty file: no list entries", path)
	case isJSONLines(path):
		return "ftm", nil
	}
	root, err := xmlRoot(path)
	if err != nil {
		return "", err
	}
	switch root {
	case "CONSOLIDATED_LIST":
		return "un-xml", nil
	case "sdnList":
		return "ofac-xml", nil
	case "Sanctions":
		return "ofac-advanced-xml", nil
	case "":
		return "", fmt.Errorf("%s: not a designation list this casegraph reads (OFAC CSV folder or sdn.csv, OFAC or UN XML, FtM JSON lines; a spreadsheet needs --mapping)", path)
	}
	return "", fmt.Errorf("%s: XML root <%s> is not a list format this casegraph reads", path, root)
}

// isJSONLines reports whether a file starts with a JSON object (FtM entities or a
// delta stream).
func isJSONLines(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))), []byte("{"))
}

// readFtM reads OpenSanctions FollowTheMoney entities (or an ADD/MOD/DEL delta stream).
// Links, sanctions, addresses and wallets are attached to their parties by the reader;
// the parties become entries, and a DEL marks its entry delisted.
func readFtM(path string) (*parsedList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pl := &parsedList{format: "ftm", primary: path, files: []string{path}}
	err = lists.ReadFtM(bufio.NewReader(f), path, func(r lists.FtMRecord) error {
		pl.records++
		if r.Op != "" {
			if pl.ops == nil {
				pl.ops = map[string]string{}
			}
			pl.ops[r.Entity.ID] = map[string]string{"ADD": "added", "MOD": "changed", "DEL": "removed"}[r.Op]
		}
		if r.Op != "DEL" && entryKinds[r.Entity.Type] != "" {
			pl.entries = append(pl.entries, r.Entity)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pl, nil
}

// xmlRoot returns the name of the root element of an XML file, or "" when the file
// does not start like XML.
func xmlRoot(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if !bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))), []byte("<")) {
		return "", nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	d := xml.NewDecoder(bufio.NewReader(f))
	for {
		tok, err := d.Token()
		if err != nil {
			line, _ := d.InputPos()
			return "", fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// listWriter writes list entries into the graph.
type listWriter struct {
	im      *store.Import
	sources map[string]int64 // file → source id (0: the import's own)
}

// entryKey is the node key of a list entry: OFAC's SDN and consolidated lists share
// one uid space.
func entryKey(list, id string) string {
	prefix := list
	if strings.HasPrefix(list, "ofac") {
		prefix = "ofac"
	}
	return prefix + ":" + id
}

var entryKinds = map[string]string{"person": store.KindPerson, "organization": store.KindOrganization,
	"vessel": store.KindVessel, "aircraft": store.KindAircraft}

func (w *listWriter) prov(p lists.Position, field string) store.Prov {
	return store.Prov{Line: p.Line, Field: field, Source: w.sources[p.File]}
}

func (w *listWriter) entry(ctx context.Context, e *lists.Entry) error {
	kind := entryKinds[e.Type]
	if kind == "" {
		kind = store.KindOrganization
	}
	attrs := map[string]any{"list": e.List, "id": e.ID, "designated": true, "placeholder": nil}
	set := func(k string, v any) {
		switch v := v.(type) {
		case string:
			if v != "" {
				attrs[k] = v
			}
		case []string:
			if len(v) > 0 {
				attrs[k] = v
			}
		}
	}
	set("programs", e.Programs)
	set("listed_on", e.ListedOn)
	set("title", e.Title)
	set("remarks", e.Remarks)
	set("dob", e.DOBs)
	set("pob", e.POBs)
	set("nationality", e.Nationalities)
	set("citizenship", e.Citizenships)
	set("gender", e.Gender)
	if v := e.Vessel; v != nil {
		vessel := map[string]string{}
		for k, val := range map[string]string{"call_sign": v.CallSign, "type": v.Type, "tonnage": v.Tonnage, "grt": v.GRT,
			"flag": v.Flag, "owner": v.Owner, "imo": v.IMO} {
			if val != "" {
				vessel[k] = val
			}
		}
		if len(vessel) > 0 {
			attrs["vessel"] = vessel
		}
	}
	// Normalise first, so values that are not valid identifiers can be kept on the
	// entry itself; then write the entry and its links.
	type planned struct {
		edge  string
		id    normalize.ID
		prov  store.Prov
		attrs map[string]any
	}
	var plan []planned
	var unparsed []string
	src := w.prov(e.Source, "")
	fromRemarks := func(field string) store.Prov {
		return store.Prov{Line: src.Line, Field: field, Source: src.Source}
	}
	// Names: the primary name and every alias are name nodes, searchable and shared
	// between entries that are listed under the same name.
	if n, ok := nameID(e.Name); ok {
		plan = append(plan, planned{store.EdgeAliasOf, n, fromRemarks("name"), map[string]any{"type": "primary"}})
	}
	for _, a := range e.Aliases {
		if n, ok := nameID(a.Name); ok {
			p := w.prov(a.Source, "alias")
			if a.Source.Line == 0 {
				p = fromRemarks("remarks")
			}
			plan = append(plan, planned{store.EdgeAliasOf, n, p, map[string]any{"type": a.Type, "quality": a.Quality}})
		}
	}
	var countries []string
	for _, a := range e.Addresses {
		if joinNonEmpty("", a.Street, a.City, a.Region, a.Postal) == "" {
			// A country alone is not an address: as a node it would join every
			// entry in Russia into one hub.
			if c := strings.TrimSpace(a.Country); c != "" {
				countries = append(countries, c)
			}
			continue
		}
		line := joinNonEmpty(", ", a.Street, a.City, a.Region, a.Postal, a.Country)
		n, err := normalize.Address(line)
		if err != nil {
			unparsed = append(unparsed, "address "+line)
			continue
		}
		p := w.prov(a.Source, "address")
		if a.Source.Line == 0 {
			p = src
		}
		plan = append(plan, planned{store.EdgeLocatedAt, n, p, nil})
	}
	ids := func(field string, values []string, norm func(string) (normalize.ID, error)) {
		for _, v := range values {
			n, err := norm(v)
			if err != nil {
				unparsed = append(unparsed, field+" "+v)
				continue
			}
			plan = append(plan, planned{store.EdgeUses, n, fromRemarks(field), nil})
		}
	}
	var wallets []string
	for _, wl := range e.Wallets {
		wallets = append(wallets, strings.TrimSpace(wl.Ticker+" "+wl.Address))
	}
	ids("wallet", wallets, normalize.Wallet)
	ids("email", e.Emails, normalize.Email)
	ids("phone", e.Phones, func(s string) (normalize.ID, error) { return normalize.Phone(s, "") })
	ids("website", e.Websites, normalize.URL)
	for _, d := range e.Documents {
		if n, ok := documentID(d); ok {
			plan = append(plan, planned{store.EdgeUses, n, fromRemarks("document"), nil})
		}
	}
	if len(countries) > 0 {
		attrs["address_countries"] = countries
	}
	if len(unparsed) > 0 {
		attrs["unparsed"] = unparsed // published values that are not valid identifiers stay visible
	}
	id, err := w.im.Node(ctx, store.NodeSpec{Kind: kind, Key: entryKey(e.List, e.ID), Label: e.Name, Attrs: attrs, Relabel: true}, src)
	if err != nil {
		return err
	}
	for _, p := range plan {
		nid, err := w.im.Node(ctx, store.NodeSpec{Kind: p.id.Kind, Key: p.id.Key, Label: p.id.Label, Attrs: p.id.Attrs}, store.Prov{})
		if err != nil {
			return err
		}
		if _, err := w.im.Edge(ctx, p.edge, id, nid, p.attrs, p.prov); err != nil {
			return err
		}
	}
	return nil
}

// relations writes an entry's relations. It runs after every entry is written, so a
// target is the real entry and not a placeholder that would then shadow it.
func (w *listWriter) relations(ctx context.Context, e *lists.Entry) error {
	id, err := w.im.Node(ctx, store.NodeSpec{Key: entryKey(e.List, e.ID), IfAbsent: true}, store.Prov{})
	if err != nil {
		return err
	}
	src := w.prov(e.Source, "remarks")
	for _, r := range e.Relations {
		if r.TargetID == "" {
			continue
		}
		tid, err := w.im.Node(ctx, store.NodeSpec{Kind: store.KindOrganization, Key: entryKey(e.List, r.TargetID),
			Attrs: map[string]any{"placeholder": true}, IfAbsent: true}, store.Prov{})
		if err != nil {
			return err
		}
		if _, err := w.im.Edge(ctx, store.EdgeLinkedTo, id, tid, map[string]any{"relation": r.Kind, "name": r.Name}, src); err != nil {
			return err
		}
	}
	return nil
}

// orphan keeps an address or alias row whose entry is missing from the primary file,
// on a placeholder node for that entry.
func (w *listWriter) orphans(ctx context.Context, rows []lists.Orphan) error {
	byEntry := map[string][]lists.Orphan{}
	var order []string
	for _, o := range rows {
		if _, ok := byEntry[o.EntNum]; !ok {
			order = append(order, o.EntNum)
		}
		byEntry[o.EntNum] = append(byEntry[o.EntNum], o)
	}
	for _, ent := range order {
		// The rows themselves are kept, with file and line, on a placeholder node for the
		// entry they name; a later version that lists the entry fills the node in.
		kept := make([]map[string]any, 0, len(byEntry[ent]))
		for _, o := range byEntry[ent] {
			kept = append(kept, map[string]any{"file": filepath.Base(o.File), "line": o.Line, "kind": o.Kind, "text": o.Text})
		}
		spec := store.NodeSpec{Kind: store.KindOrganization, Key: entryKey("ofac", ent),
			Attrs: map[string]any{"placeholder": true, "orphan_rows": kept}}
		for _, o := range byEntry[ent] {
			if _, err := w.im.Node(ctx, spec, w.prov(lists.Position{File: o.File, Line: o.Line}, o.Kind)); err != nil {
				return err
			}
		}
	}
	return nil
}

// nameID makes a name node: case and spacing folded, the written form as label.
func nameID(name string) (normalize.ID, bool) {
	folded := strings.Join(strings.Fields(strings.ToLower(name)), " ")
	if folded == "" {
		return normalize.ID{}, false
	}
	return normalize.ID{Kind: store.KindName, Key: store.KindName + ":" + folded, Label: strings.TrimSpace(name)}, true
}

// documentID makes a document node keyed by its number (letters and digits, upper case).
func documentID(d lists.Document) (normalize.ID, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(d.Number) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 3 {
		return normalize.ID{}, false
	}
	attrs := map[string]any{"type": d.Type}
	if d.Country != "" {
		attrs["country"] = d.Country
	}
	return normalize.ID{Kind: store.KindDocument, Key: store.KindDocument + ":" + b.String(), Label: strings.TrimSpace(d.Type + " " + d.Number), Attrs: attrs}, true
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// isoPrefix keeps the YYYY-MM-DD of an ISO timestamp ("" if it is not one).
func isoPrefix(s string) string {
	if len(s) >= 10 {
		if _, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return s[:10]
		}
	}
	return ""
}

// recordVersion records this publication as a version of its list and the delta from
// the previous one (or, for a delta stream, the changes it states).
func recordVersion(ctx context.Context, im *store.Import, pl *parsedList) error {
	list := pl.format
	switch {
	case pl.format == "ftm":
		list = "os" // a delta stream may hold only deletions, with no entry to name the list
	case len(pl.entries) > 0:
		list = pl.entries[0].List
	}
	fields := make([]store.EntryFields, 0, len(pl.entries))
	for i := range pl.entries {
		e := &pl.entries[i]
		fields = append(fields, store.EntryFields{Key: entryKey(e.List, e.ID), Fields: entryFieldHashes(e)})
	}
	var ops map[string]string
	if pl.ops != nil {
		ops = make(map[string]string, len(pl.ops))
		for id, op := range pl.ops {
			ops[entryKey(list, id)] = op
		}
	}
	_, err := im.RecordListVersion(ctx, list, pl.format, pl.published, fields, ops)
	return err
}

// entryFieldHashes hashes an entry's fields in the groups a delta reports.
func entryFieldHashes(e *lists.Entry) map[string]string {
	names := []string{e.Name}
	for _, a := range e.Aliases {
		names = append(names, a.Type+" "+a.Quality+" "+a.Name)
	}
	var addrs, docs, wallets, rels []string
	for _, a := range e.Addresses {
		addrs = append(addrs, joinNonEmpty(", ", a.Street, a.City, a.Region, a.Postal, a.Country))
	}
	for _, d := range e.Documents {
		docs = append(docs, d.Type+" "+d.Number+" "+d.Country+" "+d.Issued+" "+d.Expires)
	}
	for _, w := range e.Wallets {
		wallets = append(wallets, w.Ticker+" "+w.Address)
	}
	for _, r := range e.Relations {
		rels = append(rels, r.Kind+" "+r.Name+" "+r.TargetID)
	}
	groups := map[string][]string{
		"type": {e.Type}, "names": names, "programs": e.Programs, "listed_on": {e.ListedOn},
		"addresses": addrs, "documents": docs, "wallets": wallets, "relations": rels,
		"contacts": append(append(append([]string{}, e.Emails...), e.Phones...), e.Websites...),
		"personal": append(append(append(append([]string{e.Gender}, e.DOBs...), e.POBs...), e.Nationalities...), e.Citizenships...),
		"remarks":  {e.Remarks, e.Title},
	}
	out := make(map[string]string, len(groups))
	for g, vals := range groups {
		sorted := append([]string(nil), vals...)
		sort.Strings(sorted)
		h := sha256.Sum256([]byte(strings.Join(sorted, "\x00")))
		out[g] = hex.EncodeToString(h[:8])
	}
	return out
}
