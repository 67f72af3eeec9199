package store

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// flow aggregates money moving along one edge. It holds no pointers, so a map of a
// million flows costs the garbage collector nothing to scan.
type flow struct {
	count       int64
	total       int64  // in the first currency seen; most flows have only one
	currency    uint32 // index into Import.currencies
	first, last int32  // dates as YYYYMMDD, 0 when unknown
}

// flowCurrency keys the totals of a flow's further currencies.
type flowCurrency struct {
	edge     edgeKey
	currency uint32
}

// currency interns a currency code for the flow aggregates.
func (im *Import) currency(code string) uint32 {
	if id, ok := im.currencyID[code]; ok {
		return id
	}
	code = strings.Clone(code) // not a slice of the input line
	id := uint32(len(im.currencies))
	im.currencies = append(im.currencies, code)
	im.currencyID[code] = id
	return id
}

// packDate turns "2025-03-14" into 20250314 (0 for anything else).
func packDate(d string) int32 {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return 0
	}
	var n int32
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := d[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// Flow adds one payment to the money-flow edge src -kind-> dst. Flows are written
// when the import finishes; their provenance is the ledger rows themselves.
func (im *Import) Flow(kind string, src, dst int64, currency string, minor int64, date string) {
	k := im.edgeKey(src, kind, dst)
	cur := im.currency(currency)
	day := packDate(date)
	f, ok := im.flows[k]
	if !ok {
		f = flow{currency: cur, first: day, last: day}
	}
	f.count++
	if cur == f.currency {
		f.total += minor
	} else {
		im.flowMore[flowCurrency{k, cur}] += minor
	}
	if day != 0 && (f.first == 0 || day < f.first) {
		f.first = day
	}
	if day > f.last {
		f.last = day
	}
	im.flows[k] = f
}

// writeFlows writes the aggregated money flows as edges, in a deterministic order.
func (im *Import) writeFlows(ctx context.Context) error {
	keys := make([]edgeKey, 0, len(im.flows))
	for k := range im.flows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { // deterministic edge ids
		a, b := keys[i], keys[j]
		if a.src != b.src {
			return a.src < b.src
		}
		if a.kind != b.kind {
			return im.kinds[a.kind] < im.kinds[b.kind]
		}
		return a.dst < b.dst
	})
	// One multi-row upsert per batch: a new flow is inserted, an existing edge (a declared
	// payout account, or the same flow from an earlier ledger) has the new aggregate
	// merged into its attributes in SQL. A conflicting row leaves its id unused.
	up := newBatch("INSERT", "edges", "id", "kind", "src", "dst", "attrs")
	up.tail = flowMerge
	var buf []byte
	more := map[edgeKey]map[uint32]int64{} // the rare flows in several currencies
	for fc, v := range im.flowMore {
		if more[fc.edge] == nil {
			more[fc.edge] = map[uint32]int64{}
		}
		more[fc.edge][fc.currency] = v
	}
	for _, k := range keys {
		buf = appendFlowJSON(buf[:0], im.flows[k], more[k], im.currencies)
		im.nextEdge++
		up.add(im.nextEdge, im.kinds[k.kind], k.src, k.dst, string(buf))
		if up.isFull() {
			if err := up.flush(ctx, im.tx, im.w); err != nil {
				return err
			}
		}
	}
	if err := up.flush(ctx, im.tx, im.w); err != nil {
		return err
	}
	return im.w.sync()
}

// appendFlowJSON writes a flow's attributes — {"count", "totals" per currency in minor
// units, "first", "last"} — without reflection: two hundred thousand flows are written at the end of a large ledger.
func appendFlowJSON(b []byte, f flow, more map[uint32]int64, currencies []string) []byte {
	totals := map[string]int64{currencies[f.currency]: f.total}
	for cur, v := range more {
		totals[currencies[cur]] += v
	}
	codes := make([]string, 0, len(totals))
	for c := range totals {
		codes = append(codes, c)
	}
	sort.Strings(codes) // as encoding/json orders map keys
	b = append(b, `{"count":`...)
	b = strconv.AppendInt(b, f.count, 10)
	b = append(b, `,"totals":{`...)
	for i, c := range codes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c)
		b = append(b, ':')
		b = strconv.AppendInt(b, totals[c], 10)
	}
	b = append(b, '}')
	if f.first != 0 {
		b = append(b, `,"first":"`...)
		b = appendDate(b, f.first)
		b = append(b, '"')
	}
	if f.last != 0 {
		b = append(b, `,"last":"`...)
		b = appendDate(b, f.last)
		b = append(b, '"')
	}
	return append(b, '}')
}

// appendJSONString quotes s for JSON; currency codes come from the ledger, so
// anything beyond letters and digits goes through the real encoder.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendDate writes a packed YYYYMMDD date as YYYY-MM-DD.
func appendDate(b []byte, d int32) []byte {
	pad := func(b []byte, v int32, width int) []byte {
		var tmp [4]byte
		for i := width - 1; i >= 0; i-- {
			tmp[i] = byte('0' + v%10)
			v /= 10
		}
		return append(b, tmp[:width]...)
	}
	b = pad(b, d/10000, 4)
	b = append(b, '-')
	b = pad(b, d/100%100, 2)
	b = append(b, '-')
	return pad(b, d%100, 2)
}

// flowMerge adds a money-flow aggregate to an existing edge's: counts and per-currency
// totals add up, first and last widen; other attributes are kept.
const flowMerge = ` ON CONFLICT(src, kind, dst) DO UPDATE SET attrs = json_patch(coalesce(edges.attrs, '{}'), json_object(
	'count', coalesce(edges.attrs->>'count', 0) + (excluded.attrs->>'count'),
	'totals', json((SELECT json_group_object(k, t) FROM (SELECT key AS k, sum(value) AS t FROM (
		SELECT key, value FROM json_each(edges.attrs, '$.totals')
		UNION ALL SELECT key, value FROM json_each(excluded.attrs, '$.totals')) GROUP BY key))),
	'first', CASE WHEN edges.attrs->>'first' IS NULL OR excluded.attrs->>'first' < edges.attrs->>'first'
		THEN excluded.attrs->>'first' ELSE edges.attrs->>'first' END,
	'last', CASE WHEN edges.attrs->>'last' IS NULL OR excluded.attrs->>'last' > edges.attrs->>'last'
		THEN excluded.attrs->>'last' ELSE edges.attrs->>'last' END))`
