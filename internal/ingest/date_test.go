package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDateReadsCommonNotations(t *testing.T) {
	utc := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in    string
		order DateOrder
		want  time.Time
	}{
		{"2024-03-05", Auto, utc(2024, 3, 5)},
		{"2024-03-05T10:04:00Z", Auto, time.Date(2024, 3, 5, 10, 4, 0, 0, time.UTC)},
		{"2024-03-05 10:04:00", Auto, time.Date(2024, 3, 5, 10, 4, 0, 0, time.UTC)},
		{"2024-03-05T10:04:00.123456+02:00", Auto, time.Date(2024, 3, 5, 8, 4, 0, 123456000, time.UTC)},
		{"2024-03-05 10:04:00 +0900", Auto, time.Date(2024, 3, 5, 1, 4, 0, 0, time.UTC)},
		{"2024-03-05T10:04-05", Auto, time.Date(2024, 3, 5, 15, 4, 0, 0, time.UTC)},
		{"2024-03-05 10:04:00 UTC", Auto, time.Date(2024, 3, 5, 10, 4, 0, 0, time.UTC)},
		{"2024/03/05", Auto, utc(2024, 3, 5)},
		{"2024.3.5", Auto, utc(2024, 3, 5)},
		{"20240305", Auto, utc(2024, 3, 5)},
		{"05.03.2024", Auto, utc(2024, 3, 5)},
		{"05.03.2024", MDY, utc(2024, 3, 5)}, // dotted is day-first whatever the order
		{"5.3.24", Auto, utc(2024, 3, 5)},
		{"5 Mar 2024", Auto, utc(2024, 3, 5)},
		{"05-Mar-2024", Auto, utc(2024, 3, 5)},
		{"05-MAR-24", Auto, utc(2024, 3, 5)},
		{"Mar 5, 2024", Auto, utc(2024, 3, 5)},
		{"March 5, 2024", Auto, utc(2024, 3, 5)},
		{"march 5 2024", Auto, utc(2024, 3, 5)},
		{"5 March 2024", Auto, utc(2024, 3, 5)},
		{"Sept 30, 2023", Auto, utc(2023, 9, 30)},
		{"Tue, 5th of March 2024", Auto, utc(2024, 3, 5)},
		{"Tue, 05 Mar 2024 10:04:00 GMT", Auto, time.Date(2024, 3, 5, 10, 4, 0, 0, time.UTC)},
		{"2024-Mar-05", Auto, utc(2024, 3, 5)},
		{"March 5, 2024, 10:04 PM", Auto, time.Date(2024, 3, 5, 22, 4, 0, 0, time.UTC)},
		{"3/5/2024 12:15 AM", MDY, time.Date(2024, 3, 5, 0, 15, 0, 0, time.UTC)},
		{"03/05/2024", DMY, utc(2024, 5, 3)},
		{"03/05/2024", MDY, utc(2024, 3, 5)},
		{"13/05/2024", Auto, utc(2024, 5, 13)}, // one part > 12: certain
		{"05/13/2024", Auto, utc(2024, 5, 13)},
		{"05/05/2024", Auto, utc(2024, 5, 5)}, // same either way
		{"5/3/24", DMY, utc(2024, 3, 5)},
		{"5-3-2024", MDY, utc(2024, 5, 3)},
		{"24/03/05", YMD, utc(2024, 3, 5)},
		{"1/1/70", DMY, utc(1970, 1, 1)}, // pivot: 70 is 1970
		{"1/1/69", DMY, utc(2069, 1, 1)}, // pivot: 69 is 2069
		{"29/02/2024", Auto, utc(2024, 2, 29)},
		{"  2024-03-05  ", Auto, utc(2024, 3, 5)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order)
		if err != nil {
			t.Errorf("ParseDate(%q, %v): %v", tt.in, tt.order, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q, %v) = %v, want %v", tt.in, tt.order, got, tt.want)
		}
	}
}

func TestParseDateRejectsAmbiguousAndImpossibleDates(t *testing.T) {
	tests := []struct {
		in      string
		order   DateOrder
		wantErr string
	}{
		{"03/05/2024", Auto, `ambiguous date "03/05/2024": day/month order unknown (set "date_order" in a mapping file)`},
		{"5/3/24", Auto, "ambiguous date"},
		{"1709632800", Auto, "Unix timestamps"},
		{"45356", Auto, "bare number"},
		{"31/02/2024", DMY, "February 2024 has no day 31"},
		{"29.02.2023", Auto, "has no day 29"},
		{"2024-13-01", Auto, "month 13"},
		{"2024-00-10", Auto, "month 0"},
		{"13/13/2024", Auto, "neither 13 nor 13 is a month"},
		{"0000-01-01", Auto, "year 0"},
		{"2024-03-05 25:00", Auto, "no such time"},
		{"2024-03-05 13:00 PM", Auto, "hour 13 with PM"},
		{"2024-03-05 10:00 KST", Auto, "unknown time zone"},
		{"2024-03-05T10:00:00.1234567891Z", Auto, "fraction"},
		{"10:04", Auto, "needs a date"},
		{"", Auto, "empty"},
		{"yesterday", Auto, "unexpected word"},
		{"Mar 2024", Auto, "not a recognised"},
		{"5 Mar Apr 2024", Auto, "unexpected word"},
		{"2024-03", Auto, "not a recognised"},
		{"2024-03/05", Auto, "not a recognised"},
		{"5//3/2024", Auto, "two separators"},
		{"2024-03-05#", Auto, "unexpected character"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.order)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error containing %q", tt.in, got, tt.wantErr)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseDate(%q) error %q, want it to contain %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestAmbiguousDateIsRecognisable(t *testing.T) {
	if _, err := ParseDate("03/05/2024", Auto); !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("error %v does not wrap ErrAmbiguous", err)
	}
	if _, err := ParseDate("31/02/2024", DMY); errors.Is(err, ErrAmbiguous) {
		t.Fatalf("impossible date reported as ambiguous: %v", err)
	}
}

func TestParseDateKeepsTheWrittenOffset(t *testing.T) {
	got, err := ParseDate("2024-03-05T10:04:00+09:00", Auto)
	if err != nil {
		t.Fatal(err)
	}
	if _, off := got.Zone(); off != 9*3600 {
		t.Fatalf("offset %d, want +09:00", off)
	}
}
