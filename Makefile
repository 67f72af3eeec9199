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

.PHONY: build run test bench fuzz clean

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

clean:
	rm -rf $(BIN) $(BENCH_DIR)
