package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"borderflow/configs"
)

// scenCase is a command line, the exit code it must give and the
// substrings its output (stdout and stderr) must contain.
type scenCase struct {
	args []string
	code int
	want []string
}

func checkCases(t *testing.T, cases []scenCase) {
	t.Helper()
	for _, c := range cases {
		code, stdout, stderr := borderflow(t, c.args...)
		all := stdout + stderr
		if code != c.code {
			t.Errorf("%q: exit %d, want %d; output:\n%s", c.args, code, c.code, all)
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q: output lacks %q:\n%s", c.args, w, all)
			}
		}
		if regexp.MustCompile(`goroutine \d+ \[|panic:`).MatchString(stderr) {
			t.Errorf("%q: stack trace: %s", c.args, stderr)
		}
	}
}

// The command line's flags end in the scenario's own checks: a -horizon
// the file could not say is refused with the file's message, exit 2,
// before anything is simulated (sweep -horizon 1000000d ran out of
// memory; run eagle-pass -horizon 1h ran with a warm-up longer than the
// horizon; surge-eagle-pass -horizon 1d reported a surge on day 90).
func TestFlagsEndInValidate(t *testing.T) {
	dir := t.TempDir()
	out := func(n string) []string { return []string{"-out", filepath.Join(dir, n), "-no-plots", "-quiet"} }
	checkCases(t, []scenCase{
		{append([]string{"sweep", "roma", "-horizon", "1000000d"}, out("a")...), 2, []string{"horizon: must be at most 36500d"}},
		{append([]string{"run", "eagle-pass", "-horizon", "1h"}, out("c")...), 2, []string{"warmup: the warm-up (1d) is not shorter than the horizon that follows it (1h)"}},
		{append([]string{"run", "surge-eagle-pass", "-horizon", "1d"}, out("d")...), 2, []string{"surge[0].start: the surge starts at 90d, after the horizon (1d) ends"}},
		{append([]string{"sweep", "surge-eagle-pass", "-horizon", "1d"}, out("e")...), 2, []string{"surge[0].start"}},
	})
	for _, n := range []string{"a", "c", "d", "e"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("a refused run wrote %s", n)
		}
	}
}

// The analyst's loop: show a shipped scenario, change values with -set,
// run a copy under its own name.
func TestShowPrintsTheShippedTOML(t *testing.T) {
	want, err := configs.FS.ReadFile("roma.toml")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := borderflow(t, "show", "roma")
	if code != 0 || stdout != string(want) {
		t.Errorf("show roma: exit %d, %d bytes (want %d), %s", code, len(stdout), len(want), stderr)
	}
	checkCases(t, []scenCase{
		{[]string{"show", "nosuch"}, 2, []string{`unknown scenario "nosuch"`}},
		{[]string{"show"}, 2, []string{"name one shipped scenario"}},
	})
}

func TestSetOnRunAndSweep(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "run")
	code, _, stderr := borderflow(t, "run", "eagle-pass", "-horizon", "2d", "-set", "port[Eagle Pass].lane.truck.booths=12",
		"-set", "horizon=3d", "-set", "port[Eagle Pass].pressure_factor=1", "-no-plots", "-quiet", "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sum := readSummary(t, out)
	if sum["horizon_hours"] != 72.0 {
		t.Errorf("horizon_hours %v: the later -set did not win", sum["horizon_hours"])
	}
	ov, _ := sum["overrides"].([]any)
	if len(ov) != 3 || ov[0] != "port[Eagle Pass].lane.truck.booths=12" || ov[1] != "horizon=3d" {
		t.Errorf("overrides %v", sum["overrides"])
	}
	base := filepath.Join(dir, "base")
	if code, _, stderr := borderflow(t, "run", "eagle-pass", "-horizon", "2d", "-no-plots", "-quiet", "-out", base); code != 0 {
		t.Fatal(stderr)
	}
	if _, ok := readSummary(t, base)["overrides"]; ok {
		t.Error("a run without -set records overrides")
	}
	checkCases(t, []scenCase{
		{[]string{"run", "-set", "port[Eagle Pass].lane.truck.booths=four", "-out", filepath.Join(dir, "x")}, 2,
			[]string{`-set port[Eagle Pass].lane.truck.booths=four: port[0].lane.truck.booths: expected an integer, got the string "four"`}},
		{[]string{"run", "-set", "port[Laredo].pressure_factor=1", "-out", filepath.Join(dir, "x")}, 2,
			[]string{`-set port[Laredo].pressure_factor=1: port[Laredo]: no element named "Laredo"`}},
		{[]string{"run", "-set", "horizon", "-out", filepath.Join(dir, "x")}, 2, []string{"want PATH=VALUE"}},
		{[]string{"run", "-set", "horizon=1h", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"warmup: the warm-up (1d) is not shorter than the horizon that follows it (1h)", "the scenario as changed by -set horizon=1h is refused"}},
		{[]string{"sweep", "roma", "-set", "port[Roma].lane.truck.booths=-1", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"-set port[Roma].lane.truck.booths=-1: port[0].lane.truck.booths: must not be negative"}},
		{[]string{"run", "-set", "bin=10s", "-out", filepath.Join(dir, "x")}, 2, []string{"-set bin=10s: bin: too fine for this scenario"}},
		{[]string{"run", "-seed", "9223372036854775808", "-out", filepath.Join(dir, "x")}, 2, []string{"9223372036854775807 (2^63−1)"}},
		{[]string{"run", "-reps", "100000", "-out", filepath.Join(dir, "x")}, 2, []string{"-reps 100000: replications: must be at most 10000"}},
		// -set port=1's own problem came last, hidden behind "... and N
		// more problems"; now first.
		{[]string{"run", "roma", "-set", "port=1", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"-set port=1: port: expected an array of tables like [[port]], got the integer 1\n"}},
		// It said "expected an integer, got the string".
		{[]string{"run", "-set", "seed=9223372036854775808", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"-set seed=9223372036854775808: seed: integer out of range: 9223372036854775808 is outside the integers TOML holds"}},
		// The warm-up as long as the horizon counted after it.
		{[]string{"run", "-horizon", "1d", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"warmup: the warm-up (1d) is not shorter than the horizon that follows it (1d)"}},
		// A run of 2 days (0.4 s) ran for ever.
		{[]string{"run", "crackdown", "-horizon", "2d", "-set", "response.publish_every=0.0001ms", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"-set response.publish_every=0.0001ms: response.publish_every: must be at least 1m"}},
		{[]string{"run", "crackdown", "-set", "decision_period=30m", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"-set decision_period=30m: decision_period: must be at least 1h, got 30m"}},
		// A right-to-left override shows another name than the folder's.
		{[]string{"run", "roma", "-set", "name=ab\u202ecod.exe", "-out", filepath.Join(dir, "x")}, 2,
			[]string{"contains the invisible formatting character U+202E"}},
		{[]string{"sweep", "roma", "-reps", "2000000000", "-out", filepath.Join(dir, "x")}, 2, []string{"replications: must be at most 10000"}},
	})
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a refused run wrote its folder")
	}
}

// A scenario file's default output folder is named after the file, so a
// modified copy never writes over its original's results.
func TestFileOutputNamedAfterTheFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	data, err := configs.FS.ReadFile("roma.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("my-roma.toml", data, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := borderflow(t, "run", "my-roma.toml", "-horizon", "2d", "-no-plots", "-quiet"); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join("out", "my-roma", "summary.json")); err != nil {
		t.Errorf("no out/my-roma: %v", err)
	}
	if _, err := os.Stat(filepath.Join("out", "roma")); err == nil {
		t.Error("the copy wrote out/roma, its original's folder")
	}
}

// Arguments that name nothing are refused with what is wrong.
func TestScenarioArguments(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("horizon = 1\n"), 0o644)
	checkCases(t, []scenCase{
		{[]string{"run", "my.toml"}, 2, []string{"borderflow: my.toml: no such file"}},
		{[]string{"sweep", "dir/my"}, 2, []string{"borderflow: dir/my: no such file"}},
		{[]string{"run", ""}, 2, []string{"the scenario argument is empty"}},
		{[]string{"sweep", ""}, 2, []string{"the scenario argument is empty"}},
		// validate checks every argument and reports each
		{[]string{"validate", "eagle-pass", bad, "nosuch.toml", "roma"}, 2,
			[]string{"eagle-pass: ok", "bad.toml:1: horizon", "borderflow: nosuch.toml: no such file", "roma: ok", "2 of 4 scenarios have problems"}},
		{[]string{"validate", "eagle-pass", "roma"}, 0, []string{"eagle-pass: ok", "roma: ok"}},
	})
}

func TestHelpAndVersion(t *testing.T) {
	checkCases(t, []scenCase{
		{[]string{"help", "nosuch"}, 2, []string{`unknown command "nosuch"`}},
		{[]string{"help", "run"}, 0, []string{"-set", "-progress"}},
		{[]string{"version"}, 0, []string{"borderflow ", "build ", runtime.Version()}},
		{[]string{"-version"}, 0, []string{"borderflow ", runtime.Version()}},
	})
	for _, args := range [][]string{{"validate", "-h"}, {"help", "validate"}} {
		if _, stdout, _ := borderflow(t, args...); strings.Contains(stdout, "flags:") {
			t.Errorf("%v prints an empty flags heading:\n%s", args, stdout)
		}
	}
	if _, stdout, _ := borderflow(t, "run", "-h"); !strings.Contains(stdout, "flags:") {
		t.Error("run -h lacks its flags")
	}
}

// validate stops reading a pipe that never ends when it is interrupted,
// exit 1 (validate <(sleep 30; ...) ignored SIGINT and SIGTERM).
func TestValidateStopsOnSignal(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "slow.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the signal has come
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	if code := a.main(ctx, []string{"validate", fifo}); code != exitFailure || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
}

// -progress reaches the progress printer as Force (the printer's own
// tests, progress_test.go, check a forced line every 10 s), on run and
// sweep; -quiet wins over it.
func TestProgressFlag(t *testing.T) {
	var buf bytes.Buffer
	a := &app{stdout: &buf, stderr: &buf}
	f, _, err := parseRun(a, []string{"-progress"})
	if err != nil || !f.progress || progressModeOf(a, progressOptions{Quiet: f.quiet, Force: f.progress}) != progressLog {
		t.Errorf("run -progress: %+v, %v", f, err)
	}
	f, _, _ = parseRun(a, []string{"-progress", "-quiet"})
	if progressModeOf(a, progressOptions{Quiet: f.quiet, Force: f.progress}) != progressOff {
		t.Error("-quiet -progress is not quiet")
	}
	if _, stdout, _ := borderflow(t, "help", "sweep"); !strings.Contains(stdout, "-progress") {
		t.Error("sweep has no -progress")
	}
}

// sweep crackdown works with its own surges in force and the surge
// policy's on top at the busiest port; -set applies before the policies
// (the manifest's horizon is the -set one).
func TestSweepCrackdownWithSet(t *testing.T) {
	if testing.Short() {
		t.Skip("a 12-pair sweep of four ports with organisations; skipped with -short")
	}
	out := filepath.Join(t.TempDir(), "ck")
	args := []string{"sweep", "crackdown", "-reps", "2", "-horizon", "2d", "-set", "warmup=1d", "-no-plots", "-quiet", "-out", out}
	for i := 0; i < 4; i++ {
		args = append(args, "-set", fmt.Sprintf("surge[%d].start=0s", i))
	}
	code, stdout, stderr := borderflow(t, args...)
	if code != 0 || !strings.Contains(stdout, "surge") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil || !strings.Contains(string(b), `"horizon_hours": 48`) {
		t.Errorf("manifest: %v %s", err, b)
	}
}

// The same in a child process: validate of a pipe that never ends
// (validate <(sleep 30; ...)), which once blocked until a signal came,
// is refused at once, exit 2: every input is read only from a regular
// file (package infile). The child opens the pipe without blocking, so
// the parent need not open it for writing.
func TestValidateRefusesAPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts borderflow as a child process; skipped with -short")
	}
	fifo := filepath.Join(t.TempDir(), "slow.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "--", "validate", fifo)
	cmd.Env = append(os.Environ(), "BORDERFLOW_BLOCK_AT=never")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != exitUsage || !strings.Contains(stderr.String(), "not a regular file (a FIFO)") {
		t.Errorf("exit %d, %q", code, stderr.String())
	}
}
