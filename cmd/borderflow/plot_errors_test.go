package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// plot on corrupt files exits 2 (it was 1), refuses a CSV cut in the
// middle of a line (it was charted silently) or emptied or replaced (its
// charts were left out, exit 0), and names the file and line
// or key of a number too large to chart (it said "plotter: infinite data
// point" and no more).
func TestPlotCorruptFiles(t *testing.T) {
	run := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := borderflow(t, "run", "-horizon", "2d", "-out", run, "-quiet", "-no-plots"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	series, _ := os.ReadFile(filepath.Join(run, "series.csv"))
	summary, _ := os.ReadFile(filepath.Join(run, "summary.json"))
	huge := regexp.MustCompile(`(?m)^(\d+,\d+,[^,]+,[^,]+,)\d+,\d+,`)
	hugeSummary := regexp.MustCompile(`("(arrivals|departures)": \{\s*"car": )[0-9.e+]+`)
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"cut mid-line", "series.csv", series[:len(series)-7], "series.csv:"},
		{"cut mid-line", "series.csv", series[:len(series)-7], "ends in the middle of a line"},
		{"huge counts", "series.csv", huge.ReplaceAll(series, []byte("${1}1e308,1e308,")), "series.csv:2: column arrivals: 1e308 is too large to chart"},
		{"huge summary", "summary.json", hugeSummary.ReplaceAll(summary, []byte("${1}1e308")), "summary.json: ports[0].arrivals.car: 1e308 is too large to chart"},
		{"not JSON", "summary.json", []byte("{"), "summary.json:"},
		// The charts skip a file without their columns: these drew no
		// time series, or no port table, and exited 0.
		{"empty series", "series.csv", nil, "series.csv: the file is empty or starts with an empty line"},
		{"not a series", "series.csv", []byte("x\n"), "series.csv:1: the header has no port column"},
		{"empty ports", "ports.csv", []byte("\n"), "ports.csv: the file is empty"},
		{"not ports", "ports.csv", []byte("a,b\n1,2\n"), "ports.csv:1: the header has no port column"},
		{"not drugs", "drugs.csv", []byte("\"x\n"), "drugs.csv:1: the header row is not CSV"},
	} {
		dir := filepath.Join(t.TempDir(), "p")
		os.Mkdir(dir, 0o755)
		for _, n := range []string{"series.csv", "summary.json", "ports.csv", "drugs.csv"} {
			b, _ := os.ReadFile(filepath.Join(run, n))
			os.WriteFile(filepath.Join(dir, n), b, 0o644)
		}
		os.WriteFile(filepath.Join(dir, tc.file), tc.data, 0o644)
		code, _, stderr := borderflow(t, "plot", dir, "-quiet")
		if code != exitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "infinite data point") {
			t.Errorf("%s: exit %d, %q; want 2 and %q", tc.name, code, stderr, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err == nil {
			t.Errorf("%s: charts written from a corrupt file", tc.name)
		}
	}
}

// plot read -inf in a sweep's policies.csv as 0 and refused 1e308: no
// run writes either, and both are now refused, naming file, line and
// column.
func TestPlotRefusesNonFiniteAndHugeAlike(t *testing.T) {
	sw := filepath.Join(t.TempDir(), "sw")
	mustSweep(t, sweepArgs("-no-plots", "-out", sw)...)
	policies, err := os.ReadFile(filepath.Join(sw, "policies.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(policies), "\n")
	for _, v := range []string{"-inf", "1e308", "NaN"} {
		cells := strings.Split(lines[1], ",")
		cells[1] = v // kg_seized of the first policy
		edited := lines[0] + strings.Join(cells, ",") + strings.Join(lines[2:], "")
		dir := filepath.Join(t.TempDir(), "p")
		os.Mkdir(dir, 0o755)
		for _, n := range []string{"manifest.json", "paired.csv", "volume.csv"} {
			if b, err := os.ReadFile(filepath.Join(sw, n)); err == nil {
				os.WriteFile(filepath.Join(dir, n), b, 0o644)
			}
		}
		os.WriteFile(filepath.Join(dir, "policies.csv"), []byte(edited), 0o644)
		code, _, stderr := borderflow(t, "plot", dir, "-quiet")
		if code != exitUsage || !strings.Contains(stderr, "policies.csv:2: column kg_seized: "+v) {
			t.Errorf("%s: exit %d, %q", v, code, stderr)
		}
	}
}

// The charts' bound on numbers is above what a valid run can write: at
// 1e15 USD a ten-day run of one overloaded lane at the highest value of
// time a scenario takes failed at its charts, exit 1, after simulating.
// A cost of 2e15 is charted; 1e21 is still a corrupt file.
func TestPlotTakesLargeValidCosts(t *testing.T) {
	run := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := borderflow(t, "run", "../../scenario/testdata/good/minimal.toml", "-horizon", "1d", "-out", run, "-quiet", "-no-plots"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	summary, _ := os.ReadFile(filepath.Join(run, "summary.json"))
	cost := regexp.MustCompile(`("delay_cost_usd": )[0-9.e+]+`)
	if !cost.Match(summary) {
		t.Fatal("summary.json has no delay_cost_usd")
	}
	for _, tc := range []struct {
		value string
		code  int
	}{{"2e15", 0}, {"1e21", exitUsage}} {
		dir := filepath.Join(t.TempDir(), "p")
		os.Mkdir(dir, 0o755)
		for _, n := range []string{"series.csv", "ports.csv", "drugs.csv"} {
			b, _ := os.ReadFile(filepath.Join(run, n))
			os.WriteFile(filepath.Join(dir, n), b, 0o644)
		}
		os.WriteFile(filepath.Join(dir, "summary.json"), cost.ReplaceAll(summary, []byte("${1}"+tc.value)), 0o644)
		code, _, stderr := borderflow(t, "plot", dir, "-out", filepath.Join(dir, "charts"), "-quiet")
		if code != tc.code || (tc.code != 0 && !strings.Contains(stderr, "is too large to chart (at most 1e20")) {
			t.Errorf("a delay cost of %s: exit %d, %q; want %d", tc.value, code, stderr, tc.code)
		}
	}
}

// plot redraws a run's folder whole or not at all: a write that fails
// halfway (a full disk) left the charts before it redrawn and the others
// not; now none changes and no temporary file is left.
func TestPlotInPlaceWholeOrNothing(t *testing.T) {
	run := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := borderflow(t, "run", "../../scenario/testdata/good/minimal.toml", "-horizon", "1d", "-out", run, "-quiet"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	before := folderState(t, run)
	n := 0
	plotWriteHook = func(string) error {
		if n++; n == 3 {
			return syscall.ENOSPC
		}
		return nil
	}
	defer func() { plotWriteHook = nil }()
	code, _, stderr := borderflow(t, "plot", run, "-quiet")
	if code == 0 || !strings.Contains(stderr, "no space left on device ("+run+" untouched)") {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if after := folderState(t, run); after != before {
		t.Errorf("a failed plot changed the folder:\n%s\nwas\n%s", after, before)
	}
	plotWriteHook = nil
	if code, _, stderr := borderflow(t, "plot", run, "-quiet"); code != 0 {
		t.Errorf("plot after: exit %d, %s", code, stderr)
	}
}
