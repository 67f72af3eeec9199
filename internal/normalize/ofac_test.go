package normalize

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ofacRoot holds the real published SDN files the project keeps outside
// the repository (see /work/shared/data/README.md), one folder per release.
const ofacRoot = "../../../shared/data/ofac-csv"

// TestWalletAcceptsEveryOFACDigitalCurrencyAddress reads every "Digital
// Currency Address - <TICKER> <address>" in each SDN release, remarks
// joined with their overflow in sdn_comments.csv, and requires each to
// normalise. These are the addresses the tool exists to match.
func TestWalletAcceptsEveryOFACDigitalCurrencyAddress(t *testing.T) {
	if _, err := os.Stat(ofacRoot); err != nil {
		t.Skipf("OFAC data not present at %s (it lives outside the repository): %v", ofacRoot, err)
	}
	total := 0
	// Only releases whose sdn_comments.csv belongs to the same publication:
	// elsewhere an address split across the two files arrives truncated.
	for _, release := range []string{"current-merged", "2021-07-07", "2019-01-15"} {
		dir := filepath.Join(ofacRoot, release)
		if _, err := os.Stat(filepath.Join(dir, "sdn.csv")); err != nil {
			continue
		}
		t.Run(release, func(t *testing.T) {
			total += checkOFACAddresses(t, readOFACRemarks(t, dir))
		})
	}
	if total < 600 {
		t.Fatalf("found only %d addresses; current-merged alone holds over 600", total)
	}
}

func checkOFACAddresses(t *testing.T, remarks map[string]string) int {
	const marker = "Digital Currency Address - "
	seen := map[string]bool{}
	chains := map[string]int{}
	for ent, r := range remarks {
		for rest := r; ; {
			i := strings.Index(rest, marker)
			if i < 0 {
				break
			}
			rest = rest[i+len(marker):]
			value, _, _ := strings.Cut(rest, ";")
			value = strings.TrimSpace(value)
			if seen[value] {
				continue
			}
			seen[value] = true
			id, err := Wallet(value)
			if err != nil {
				t.Errorf("entry %s: %v", ent, err)
				continue
			}
			if !strings.HasPrefix(id.Key, "wallet:") {
				t.Errorf("entry %s: %q: key %q", ent, value, id.Key)
			}
			chains[id.Attrs["chain"].(string)]++
		}
	}
	t.Logf("%d distinct addresses by chain: %v", len(seen), chains)
	return len(seen)
}

// readOFACRemarks returns each entry's full remarks: sdn.csv's Remarks
// followed, with no separator, by sdn_comments.csv's Remarks_Extended.
func readOFACRemarks(t *testing.T, dir string) map[string]string {
	t.Helper()
	remarks := map[string]string{}
	for _, row := range readCSV(t, filepath.Join(dir, "sdn.csv")) {
		if len(row) >= 12 && row[11] != "-0- " && row[11] != "-0-" {
			remarks[row[0]] = row[11]
		}
	}
	comments := filepath.Join(dir, "sdn_comments.csv")
	if _, err := os.Stat(comments); err != nil {
		return remarks // some releases were published without it
	}
	for _, row := range readCSV(t, comments) {
		if len(row) >= 2 {
			remarks[row[0]] += row[1]
		}
	}
	return remarks
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// OFAC ends its files with a Ctrl-Z line; anything after a
			// parse error is that, or damage the other tests report.
			break
		}
		rows = append(rows, row)
	}
	return rows
}

// TestAddressAndCountryReadEveryOFACAddress runs Address over every SDN
// address (street, city line and country joined as a form would show
// them) and CountryCode over every country OFAC names.
func TestAddressAndCountryReadEveryOFACAddress(t *testing.T) {
	path := filepath.Join(ofacRoot, "current-merged", "add.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("OFAC data not present at %s (it lives outside the repository): %v", path, err)
	}
	n := 0
	for _, row := range readCSV(t, path) {
		if len(row) < 5 {
			continue
		}
		var parts []string
		for _, p := range row[2:5] {
			if p = strings.TrimSpace(p); p != "-0-" && p != "" {
				parts = append(parts, p)
			}
		}
		country := strings.TrimSpace(row[4])
		if country != "-0-" && country != "undetermined" && !strings.HasPrefix(country, "Region:") &&
			country != "Netherlands Antilles" { // dissolved in 2010; no current code
			if _, ok := CountryCode(country); !ok {
				t.Errorf("entry %s: CountryCode(%q) found no country", row[0], country)
			}
		}
		if len(parts) == 0 {
			continue
		}
		in := strings.Join(parts, ", ")
		id, err := Address(in)
		if err != nil {
			t.Errorf("entry %s: %v", row[0], err)
			continue
		}
		again, err := Address(strings.TrimPrefix(id.Key, "address:"))
		if err != nil || again.Key != id.Key {
			t.Errorf("entry %s: %q keyed %q, which re-normalises to %q", row[0], in, id.Key, again.Key)
		}
		n++
	}
	if n < 10000 {
		t.Fatalf("read only %d addresses", n)
	}
}
