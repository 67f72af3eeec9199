// Package ingest turns contractor exports and payment ledgers (CSV, TSV,
// JSON, JSON Lines) into a stream of records whose cells are tagged with a
// Role, with exact line numbers, and parses the amounts and dates found in
// them.
//
// The files are written by the people under investigation, so nothing in
// them is trusted: every malformed record becomes a located *Error instead
// of a panic, and the reader keeps going where it safely can.
//
// A typical loop:
//
//	rd, err := ingest.NewReader(f, path, ingest.Payments, mapping)
//	if err != nil { return err }
//	for {
//		rec, err := rd.Next()
//		if err == io.EOF { break }
//		var ie *ingest.Error
//		if errors.As(err, &ie) && !ie.Fatal { reject(ie); continue }
//		if err != nil { return err }
//		use(rec)
//	}
package ingest
