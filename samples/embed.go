// Package samples holds the demo data set and its generator.
//
// The demo files are generated, never edited by hand:
//
//	go run ./samples/gen -seed 1 -contractors 300 -out samples/demo
//
// and a test in samples/gen/world fails if they drift from the generator.
package samples

import "embed"

// Demo holds demo/contractors.csv, demo/payments.csv and demo/truth.json:
// 300 contractors, 3,000 payments and the ground truth of their planted
// networks and innocent hubs; and demo/list, the North Korea-related
// entries of the OFAC SDN list in its legacy CSV form (see demo/list/README.md).
//
//go:embed demo/contractors.csv demo/payments.csv demo/truth.json demo/list/*.csv
var Demo embed.FS
