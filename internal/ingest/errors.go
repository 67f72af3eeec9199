package ingest

import (
	"fmt"
	"strconv"
	"strings"
)

// Error is a located input error.
//
// A non-fatal Error concerns one record, which the reader has skipped: call
// Next again. A Fatal Error means the rest of the input cannot be read
// (broken JSON structure, undecodable bytes, an I/O failure); Next keeps
// returning it.
type Error struct {
	File   string
	Line   int    // 1-based; 0 when the position is unknown
	Field  string // the column as written in the file, if one is to blame
	Reason string
	Err    error  // the underlying error, if any
	Raw    string // the rejected record as it appeared, when known (at most 64 KiB)
	Fatal  bool
}

// Error formats the error as `FILE:LINE: field "NAME": reason`, leaving out
// the parts that are unknown. The field name is quoted because it comes
// from the file.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
