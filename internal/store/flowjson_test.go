package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

// flowAttrs is the JSON shape of a money-flow edge's attributes.
type flowAttrs struct {
	Count  int64            `json:"count"`
	Totals map[string]int64 `json:"totals"`
	First  string           `json:"first,omitempty"`
	Last   string           `json:"last,omitempty"`
}

func unpackDate(n int32) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100)
}

func TestFlowJSONMatchesTheEncoder(t *testing.T) {
	currencies := []string{"USD", "EUR", "USDT", "a\"b", "\u0000x", "₩"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		f := flow{count: r.Int64N(1 << 40), total: r.Int64() - r.Int64(), currency: uint32(r.IntN(len(currencies)))}
		if r.IntN(4) > 0 {
			f.first = int32(19000101 + r.IntN(1300000))
			f.last = f.first + int32(r.IntN(100))
		}
		more := map[uint32]int64{}
		for j := 0; j < r.IntN(3); j++ {
			more[uint32(r.IntN(len(currencies)))] += r.Int64N(1e12)
		}
		want := flowAttrs{Count: f.count, Totals: map[string]int64{currencies[f.currency]: f.total},
			First: unpackDate(f.first), Last: unpackDate(f.last)}
		for c, v := range more {
			want.Totals[currencies[c]] += v
		}
		wb, _ := json.Marshal(want)
		got := appendFlowJSON(nil, f, more, currencies)
		if string(got) != string(wb) {
			t.Fatalf("appendFlowJSON = %s\nencoding/json = %s", got, wb)
		}
	}
}
