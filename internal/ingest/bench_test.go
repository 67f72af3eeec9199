package ingest

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// paymentsCSV builds a ledger shaped like the generator's payments.csv.
func paymentsCSV(rows int) []byte {
	var b bytes.Buffer
	b.WriteString("payment_id,date,type,contractor_id,payer,payer_account,payee_account,beneficiary_name,amount,currency,rail,reference\n")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "P-%07d,2025-%02d-%02d,payout,FL-%06d,Northwind Logistics Ltd,,DE89370400440532%06d,\"Kim, Min-jun\",\"%d,%03d.%02d\",USD,SWIFT,INV-2025-%04d\n",
			i, i%12+1, i%28+1, i%100000, i%1000000, 1+i%9, i%1000, i%100, i%10000)
	}
	return b.Bytes()
}

func BenchmarkReadCSV(b *testing.B) {
	const rows = 100_000
	data := paymentsCSV(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data), "payments.csv", Payments, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != rows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadJSONL(b *testing.B) {
	const rows = 20_000
	var buf bytes.Buffer
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&buf, `{"payment_id":"P-%07d","date":"2025-03-14","contractor_id":"FL-%06d","payee_account":"DE89370400440532013000","amount":"1,250.00","currency":"USD","address":{"city":"Oslo"}}`+"\n", i, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data), "payments.jsonl", Payments, nil)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := rd.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkParseAmount(b *testing.B) {
	inputs := []string{"1,250.00", "1.250,00", "USD 99.95", "0.00012345", "12500"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseAmount(inputs[i%len(inputs)], "USD", 0); err != nil && i%len(inputs) != 3 {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDate(b *testing.B) {
	inputs := []string{"2025-03-14", "2024-03-05T10:04:00Z", "05.03.2024", "Mar 5, 2024", "13/05/2024"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseDate(inputs[i%len(inputs)], Auto); err != nil {
			b.Fatal(err)
		}
	}
}
