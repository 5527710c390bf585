# borderflow — the two commands a new user needs are `make run` and `make test`.
GO ?= go
BIN := bin/borderflow

.PHONY: build run test bench fuzz clean configs proofs figures optimise-proof pgo

build:
	$(GO) build -o $(BIN) ./cmd/borderflow

# Runs the default scenario (embedded in the binary) and writes its results
# and charts to out/eagle-pass, replacing an earlier run's folder.
run: build
	./$(BIN) run -force

# Regenerates the data-driven shipped scenarios in configs/ from data/
# (cmd/genconfigs); TestShippedConfigsUpToDate fails until this is run
# after a change to the generator or the data.
configs:
	$(GO) generate ./configs/

# vet, a gofmt check, the quick tests under the race detector (it guards
# the concurrency code, which small runs exercise), then every test without
# it (the heavy model tests skip under -short: a year of the whole border,
# the statistical checks), then a short fuzz run of the scenario loader and
# of the command line's flags. While working, run `go test -short ./...`.
FUZZTIME ?= 10s
# The race detector guards the code that runs goroutines or shares state
# between them: the replication pool and the coupled runner (border), the
# charts drawn side by side (plots), the sweep's workers and journal, the
# folding of replications (report), the optimiser's workers, reads stopped
# by a signal (infile), and the command line's signals, progress, output
# folders and sweeps. Every other test runs in stage 4 without it, which
# keeps make test within its time on two cores.
RACE_PKGS = ./border/ ./plots/ ./sweep/ ./report/ ./optimise/ ./infile/ ./buildinfo/
RACE_CLI = Interrupt|Signal|Pipe|Sweep|Resume|Merge|Worker|Progress|Concurrent|Shard|Determin|SameBytes|Kill|Lock|Stale|OutFolder
STAGE = @t0=$$(date +%s); echo "== make test: $(1)"; $(2) || exit $$?; echo "== $(1): done in $$(( $$(date +%s) - t0 )) s"
test:
	@echo "== make test: 6 stages; about 5-8 min on an idle 2-core machine"; date +%s > .make-test-start
	$(call STAGE,1/6 go vet,$(GO) vet ./...)
	$(call STAGE,2/6 gofmt check,unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi)
	$(call STAGE,3/6 quick tests of the concurrent code under the race detector,$(GO) test -race -short -timeout 20m $(RACE_PKGS) && \
	$(GO) test -race -short -timeout 20m -run '$(RACE_CLI)' ./cmd/borderflow/)
	$(call STAGE,4/6 every test,$(GO) test -timeout 20m ./...)
	$(call STAGE,5/6 fuzz the scenario loader ($(FUZZTIME)),$(GO) test -run XXX -fuzz FuzzParse -fuzztime $(FUZZTIME) ./scenario/)
	$(call STAGE,6/6 fuzz the command line ($(FUZZTIME)),$(GO) test -run XXX -fuzz FuzzRunFlags -fuzztime $(FUZZTIME) ./cmd/borderflow/)
	@echo "== make test: passed in $$(( $$(date +%s) - $$(cat .make-test-start) )) s"; rm -f .make-test-start

# The long proofs, kept out of make test's budget (run by .ci/run after
# make test): every figure block of README.md and docs/ is what the runs
# it quotes give today (TestDocFigures; the optimiser's run on south-texas
# among them, with docs/RESULTS.md's chart of it), a year of
# southwest-border seizes CBP's FY2023 events and kg by drug and field
# office (ten replications), and the optimiser beats south-texas's own
# allocation (optimise-proof).
proofs: optimise-proof
	BORDERFLOW_PROOFS=1 $(GO) test -count=1 -timeout 30m -run 'TestDocFigures' ./cmd/borderflow/
	BORDERFLOW_PROOFS=1 $(GO) test -count=1 -timeout 30m -run 'TestSeizuresByOffice' -v ./border/

# Rewrites the figure blocks of README.md and docs/ (<!-- figures NAME ...
# -->) from fresh runs: after a change to the model, run it and commit the
# documents with the change. FIGURES=NAME,NAME rewrites only those blocks.
FIGURES ?=
figures:
	BORDERFLOW_PROOFS=1 BORDERFLOW_FIGURES=$(FIGURES) $(GO) test -count=1 -timeout 30m -run 'TestDocFigures' ./cmd/borderflow/ -update

# The optimiser against south-texas's own allocation at the same cost
# (minutes of CPU; docs/OPTIMISE.md): the paired interval of its gain on
# fresh replications must lie above 0.
optimise-proof:
	BORDERFLOW_PROOFS=1 $(GO) test -count=1 -timeout 30m -run 'TestSouthTexasBeatsItsOwnAllocation' -v ./optimise/

# (1) the kernel's M/M/c against a bare typed heap, (2) a year of the whole
# border (wall time, CPU, vehicles/s, events/s, peak RSS, the RSS of a week
# for comparison, and the same year without the drivers' response: the
# on/off ratios), the same year by the hour (-set bin=1h, charts included)
# with its peak RSS, (3) a sweep with 1 and 2 workers and the speed-up.
bench: build
	$(GO) test -run XXX -bench 'MMc' -benchtime 1x ./sim/
	BORDERFLOW_BIN=$(CURDIR)/$(BIN) $(GO) test -run XXX -bench 'SouthwestBorderYear|SweepSpeedup' -benchtime 1x -timeout 30m ./cmd/borderflow/

# Rewrites cmd/borderflow/default.pgo, the CPU profile that go build uses for
# profile-guided optimisation of the binary (Go's -pgo=auto): 120 days of
# southwest-border on one worker. Outputs do not depend on it (the same bytes
# with and without); run it after a large change to the hot path.
pgo: build
	rm -rf out/pgo
	./$(BIN) run southwest-border -horizon 120d -workers 1 -no-plots -quiet -out out/pgo -cpuprofile cmd/borderflow/default.pgo.new
	mv cmd/borderflow/default.pgo.new cmd/borderflow/default.pgo
	rm -rf out/pgo

# The longer fuzz run.
fuzz:
	$(GO) test -run XXX -fuzz FuzzParse -fuzztime 5m ./scenario/
	$(GO) test -run XXX -fuzz FuzzRunFlags -fuzztime 2m ./cmd/borderflow/

clean:
	rm -rf bin out

# ---- Opt-in proofs: the only targets that install system packages (root). ----

# A one-node Slurm cluster on this machine (installs slurmctld, slurmd and
# munge from Debian's packages when run as root): submits
# deploy/slurm-array.sh as a job array, makes one shard fail, checks that
# merge refuses the incomplete set, resubmits the shard and checks the merged
# folder against the unsharded sweep, byte for byte. Exit 77 = skipped.
slurm-test:
	bash deploy/slurm/test.sh || [ $$? = 77 ]

# index.html of a real run and of a sweep in headless Chromium (installs
# Debian's chromium when run as root and it is missing): images load, one
# summary row per port and class, no console errors, no network, readable
# at 1280 and 390 px. Screenshots: BORDERFLOW_SCREENSHOTS=DIR.
browser-test:
	@if ! command -v chromium >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null || \
		{ apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; }; fi
	BORDERFLOW_BROWSER=require $(GO) test -count=1 -run 'TestReportInBrowser' -v ./cmd/borderflow/

# The static binary deploy/Containerfile copies into a FROM scratch image:
#   make image-binary && podman build -f deploy/Containerfile -t borderflow:TAG .
image-binary:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/borderflow-static ./cmd/borderflow

.PHONY: slurm-test browser-test image-binary
