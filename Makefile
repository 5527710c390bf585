# borderflow — the two commands a new user needs are `make run` and `make test`.
GO ?= go
BIN := bin/borderflow

.PHONY: build run test bench fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/borderflow

# Runs the default scenario (embedded in the binary) and writes its results
# and charts to out/eagle-pass, replacing an earlier run's folder.
run: build
	./$(BIN) run -force

# vet, a gofmt check, every test under the race detector, and a short
# fuzz run of the scenario loader and of the command line's flags.
FUZZTIME ?= 10s
test:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) test -race -timeout 9m ./...
	$(GO) test -run XXX -fuzz FuzzParse -fuzztime $(FUZZTIME) ./scenario/
	$(GO) test -run XXX -fuzz FuzzRunFlags -fuzztime $(FUZZTIME) ./cmd/borderflow/

# (1) the kernel's M/M/c against a bare typed heap, (2) a year of the whole
# border (wall time, vehicles/s, events/s, peak RSS, and the RSS of a week
# for comparison), (3) a sweep with 1 and 2 workers and the speed-up.
bench: build
	$(GO) test -run XXX -bench 'MMc' -benchtime 1x ./sim/
	BORDERFLOW_BIN=$(CURDIR)/$(BIN) $(GO) test -run XXX -bench 'SouthwestBorderYear|SweepSpeedup' -benchtime 1x -timeout 30m ./cmd/borderflow/

# The longer fuzz run.
fuzz:
	$(GO) test -run XXX -fuzz FuzzParse -fuzztime 5m ./scenario/
	$(GO) test -run XXX -fuzz FuzzRunFlags -fuzztime 2m ./cmd/borderflow/

clean:
	rm -rf bin out
