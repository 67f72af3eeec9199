package payments

import (
	"fmt"
	"math"
	"strings"

	"github.com/casegraph/casegraph/internal/store"
)

// chartData is the money per month in the node's main currency: the months
// that have payments, as indexes from the first (gaps are months without).
type chartData struct {
	cur    string
	first  int // year*12 + month-1 of the first month
	months int // span from the first month to the last
	n      int // months with payments
	idx    []int
	total  []store.MoneyTotal
}

// chartData reads the chart out of the totals (computed once they arrive).
func (m *Model) chartData() *chartData {
	if m.cd == nil {
		m.cd = newChartData(m.sum)
	}
	return m.cd
}

func newChartData(sum *store.PaymentSummary) *chartData {
	cd := &chartData{}
	if sum == nil {
		return cd
	}
	cd.cur = sum.Main()
	last := 0
	for _, mt := range sum.Months {
		i, ok := monthIndex(mt.Month)
		if mt.Currency != cd.cur || !ok {
			continue
		}
		if cd.n == 0 {
			cd.first = i
		}
		cd.idx = append(cd.idx, i-cd.first)
		cd.total = append(cd.total, mt.MoneyTotal)
		cd.n++
		last = i
	}
	if cd.n > 0 {
		cd.months = last - cd.first + 1
	}
	return cd
}

// monthIndex reads "YYYY-MM"; months sort as their indexes do.
func monthIndex(s string) (int, bool) {
	if len(s) != 7 || s[4] != '-' {
		return 0, false
	}
	var y, m int
	for _, c := range s[:4] {
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	for _, c := range s[5:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		m = m*10 + int(c-'0')
	}
	if m < 1 || m > 12 {
		return 0, false
	}
	return y*12 + m - 1, true
}

// label is month i of the chart as "YYYY-MM".
func (cd *chartData) label(i int) string {
	j := cd.first + i
	return fmt.Sprintf("%04d-%02d", j/12, j%12+1)
}

// perBar is how many months one bar holds so that the bars fit width.
func (cd *chartData) perBar(width int) int {
	if width <= 0 || cd.months <= width {
		return 1
	}
	return (cd.months + width - 1) / width
}

// bars is how many bars the chart draws at width.
func (cd *chartData) bars(width int) int {
	p := cd.perBar(width)
	return (cd.months + p - 1) / p
}

// colWidth is the cells each bar takes (a bar and, when wider than one, a gap).
func (cd *chartData) colWidth(width int) int {
	b := cd.bars(width)
	if b == 0 {
		return 1
	}
	return max(1, min(5, width/b))
}

// sums adds the months of each bar: money in and out, and payments.
func (cd *chartData) sums(width int) []store.MoneyTotal {
	per := cd.perBar(width)
	out := make([]store.MoneyTotal, cd.bars(width))
	for k, i := range cd.idx {
		b := &out[i/per]
		t := cd.total[k]
		b.Count += t.Count
		b.In = addCap(b.In, t.In)
		b.Out = addCap(b.Out, t.Out)
	}
	return out
}

func addCap(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	if b < 0 && a < math.MinInt64-b {
		return math.MinInt64
	}
	return a + b
}

// volume is the money a bar moved (in and out): what its height shows.
func volume(t store.MoneyTotal) float64 {
	return math.Abs(float64(t.In)) + math.Abs(float64(t.Out))
}

var eighths = []rune(" ▁▂▃▄▅▆▇█")

// bars draws the chart: rows lines of bars, tallest = peak, at most width
// cells; sel is the selected bar (-1 none), drawn through mark.
func (cd *chartData) draw(width, rows, sel int, mark func(string) string) []string {
	sums := cd.sums(width)
	peak := 0.0
	for _, t := range sums {
		peak = max(peak, volume(t))
	}
	colW := cd.colWidth(width)
	barW := max(1, colW-1)
	if colW == 1 {
		barW = 1
	}
	levels := make([]int, len(sums))
	for i, t := range sums {
		if v := volume(t); v > 0 && peak > 0 {
			levels[i] = max(1, int(math.Round(v/peak*float64(rows*8))))
		}
	}
	lines := make([]string, rows)
	for r := 0; r < rows; r++ {
		base := (rows - 1 - r) * 8
		var b strings.Builder
		for i, lv := range levels {
			fill := max(0, min(8, lv-base))
			cell := strings.Repeat(string(eighths[fill]), barW)
			if i == sel {
				cell = mark(cell)
			}
			b.WriteString(cell)
			if colW > barW {
				b.WriteString(strings.Repeat(" ", colW-barW))
			}
		}
		lines[r] = b.String()
	}
	return lines
}
