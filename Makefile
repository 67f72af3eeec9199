# casegraph — build, run, test, benchmark, fuzz.
# mattn/go-sqlite3 needs the sqlite_fts5 tag for full-text search. Every go command
# here uses the same TAGS: a new tag combination recompiles SQLite's C code (~1 min).

GO      ?= go
TAGS    := sqlite_fts5
BIN     := casegraph
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 30s
BENCHTIME ?= 300ms
# make bench scale: contractors and payments generated for the import benchmark.
BENCH_CONTRACTORS ?= 100000
BENCH_PAYMENTS    ?= 1000000
BENCH_DIR         ?= bench

# dist: a static linux/amd64 binary. SQLite is C, so the build keeps cgo and links
# glibc statically (-extldflags -static); sqlite_omit_load_extension drops SQLite's
# dlopen, osusergo and netgo the two other libc look-ups, so the binary needs
# nothing from the machine it runs on.
DIST_TAGS := $(TAGS),sqlite_omit_load_extension,osusergo,netgo
DIST_BIN  := dist/casegraph-linux-amd64

.PHONY: build run test bench fuzz clean dist

build:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/casegraph

run: build
	./$(BIN) demo

test:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) ./...

# bench: Go micro-benchmarks, then the end-to-end import benchmark (scripts in samples/bench).
bench: build
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./internal/... ./graphs/...
	$(GO) run -tags $(TAGS) ./samples/bench -bin ./$(BIN) -dir $(BENCH_DIR) \
		-contractors $(BENCH_CONTRACTORS) -payments $(BENCH_PAYMENTS)

# fuzz: every fuzz target for FUZZTIME each (go test -fuzz takes one target at a time).
fuzz:
	@for pkg in $$($(GO) list -tags $(TAGS) ./...); do \
	  for t in $$($(GO) test -tags $(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

dist:
	mkdir -p dist
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 $(GO) build -tags $(DIST_TAGS) -trimpath \
		-ldflags "$(LDFLAGS) -s -w -linkmode external -extldflags -static" -o $(DIST_BIN) ./cmd/casegraph
	cd dist && sha256sum casegraph-linux-amd64 > SHA256SUMS && cat SHA256SUMS
	@# The check: the binary alone, with an empty environment (no Go, no PATH), builds the demo.
	@tmp=$$(mktemp -d) && env -i HOME=$$tmp ./$(DIST_BIN) demo --no-tui --db $$tmp/demo.db | grep -q "300 rows read, 300 stored" \
		&& echo "dist: $(DIST_BIN) is static and runs the demo with an empty environment" && rm -rf $$tmp

clean:
	rm -rf $(BIN) $(BENCH_DIR) dist
