// Package world builds a deterministic synthetic world of freelance
// contractors and their payments, with planted DPRK IT-worker networks and
// innocent look-alike hubs, and writes it as contractors.csv, payments.csv and
// truth.json (the ground truth later features are measured against).
//
// The same Config always yields byte-identical files: all randomness comes
// from PCG streams seeded by Config.Seed, and nothing iterates a map.
package world

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"
)

// Config says what to generate.
type Config struct {
	Seed        uint64
	Contractors int
	Payments    int // 0 means 10 × Contractors
}

// MinContractors is the smallest world that still holds every hub and four
// networks without them swallowing the innocent population.
const MinContractors = 50

// File names inside an output directory.
const (
	ContractorsFile = "contractors.csv"
	PaymentsFile    = "payments.csv"
	TruthFile       = "truth.json"
)

// The calendar the ledger spans.
var (
	epoch   = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay = int(time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24)
)

const months = 46 // January 2023 … October 2026

// Independent PCG streams, so that changing the payment count does not
// change contractors.csv and vice versa.
const (
	streamWorld    = 0x636f6e7472616374 // "contract"
	streamPayments = 0x7061796d656e7473 // "payments"
)

// Generate writes contractors.csv and payments.csv to the two writers and
// returns the ground truth.
func Generate(cfg Config, contractors, payments io.Writer) (*Truth, error) {
	w, err := build(cfg)
	if err != nil {
		return nil, err
	}
	if err := w.writeContractors(contractors); err != nil {
		return nil, fmt.Errorf("write contractors: %w", err)
	}
	if err := w.writePayments(payments); err != nil {
		return nil, fmt.Errorf("write payments: %w", err)
	}
	return w.finishTruth(), nil
}

// WriteDir generates the world into dir (created if missing) as
// contractors.csv, payments.csv and truth.json.
func WriteDir(cfg Config, dir string) (*Truth, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	cf, err := os.Create(filepath.Join(dir, ContractorsFile))
	if err != nil {
		return nil, err
	}
	defer cf.Close()
	pf, err := os.Create(filepath.Join(dir, PaymentsFile))
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	cb, pb := bufio.NewWriterSize(cf, 1<<16), bufio.NewWriterSize(pf, 1<<16)
	t, err := Generate(cfg, cb, pb)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		b    *bufio.Writer
		c    *os.File
		name string
	}{{cb, cf, ContractorsFile}, {pb, pf, PaymentsFile}} {
		if err := f.b.Flush(); err != nil {
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
		if err := f.c.Close(); err != nil {
			return nil, fmt.Errorf("close %s: %w", f.name, err)
		}
	}
	js, err := MarshalTruth(t)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, TruthFile), js, 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", TruthFile, err)
	}
	return t, nil
}

// MarshalTruth renders the truth the way truth.json holds it.
func MarshalTruth(t *Truth) ([]byte, error) {
	js, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode truth: %w", err)
	}
	return append(js, '\n'), nil
}

// world is the whole generated population and the plan for its payments.
type world struct {
	cfg         Config
	r           *rand.Rand
	countries   []country
	byCode      map[string]*country
	people      []contractor
	clients     []client
	networks    []*network
	hubs        hubs
	used        map[uint64]struct{} // FNV-1a of identifiers already handed out, folded
	typoPlanted bool                // a network's shared IBAN has been mistyped once
	truth       Truth
	dates       []string // ISO text of every day since epoch
}

func build(cfg Config) (*world, error) {
	if cfg.Contractors < MinContractors {
		return nil, fmt.Errorf("contractors: %d is too few (need at least %d)", cfg.Contractors, MinContractors)
	}
	if cfg.Payments == 0 {
		cfg.Payments = 10 * cfg.Contractors
	}
	if cfg.Payments < 0 {
		return nil, fmt.Errorf("payments: %d is negative", cfg.Payments)
	}
	w := &world{
		cfg:       cfg,
		r:         rand.New(rand.NewPCG(cfg.Seed, streamWorld)),
		countries: newCountries(),
		byCode:    map[string]*country{},
		used:      make(map[uint64]struct{}, 8*cfg.Contractors),
		people:    make([]contractor, cfg.Contractors),
	}
	for i := range w.countries {
		w.byCode[w.countries[i].code] = &w.countries[i]
	}
	w.dates = make([]string, lastDay+1)
	for d := range w.dates {
		w.dates[d] = epoch.AddDate(0, 0, d).Format("2006-01-02")
	}
	w.truth = Truth{Seed: cfg.Seed, Contractors: cfg.Contractors, Payments: cfg.Payments,
		// Empty lists, not null, so consumers of truth.json need no special case.
		NameVariants: []NameVariant{}, NearMisses: []NearMiss{}, Invalid: []Invalid{}, InnocentKoreanNames: []string{}}
	w.newClients()
	w.assignRoles()
	return w, nil
}

// claim records an identifier ("kind:value") as handed out; false if someone
// already has it. Keys are kept as 64-bit FNV-1a hashes: a false collision
// among a few million keys is vanishingly rare and would only cost a redraw.
func (w *world) claim(key string) bool {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * 1099511628211
	}
	if _, ok := w.used[h]; ok {
		return false
	}
	w.used[h] = struct{}{}
	return true
}

// monthOf returns the month index (0 = January 2023) of a day.
func monthOf(day int) int {
	t := epoch.AddDate(0, 0, day)
	return (t.Year()-2023)*12 + int(t.Month()) - 1
}

// monthStart returns the first day of month m, and the number of days in it.
// It is pure arithmetic because it runs once per payment row.
func monthStart(m int) (first, n int) {
	y, mo := 2023+m/12, m%12+1
	ny, nmo := y, mo+1
	if nmo > 12 {
		ny, nmo = y+1, 1
	}
	start := civilDays(y, mo, 1)
	return start - civilDays(2023, 1, 1), civilDays(ny, nmo, 1) - start
}

// civilDays counts days from 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's days_from_civil).
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// finishTruth completes the ground truth once payments have been written
// (they decide which spellings, wallets and accounts actually appear).
func (w *world) finishTruth() *Truth {
	t := w.truth
	t.Networks = nil
	for _, nw := range w.networks {
		t.Networks = append(t.Networks, w.networkTruth(nw))
	}
	return &t
}
