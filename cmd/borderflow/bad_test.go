package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every file of the scenario loader's catalogue of bad inputs, given to
// the command line, exits 2 with a short message naming the file, and
// never a stack trace. (The exact message of each is pinned in
// scenario/bad_test.go.)
func TestBadCatalogueExitCodes(t *testing.T) {
	files, err := filepath.Glob("../../scenario/testdata/bad/*.toml")
	if err != nil || len(files) < 20 {
		t.Fatalf("catalogue: %d files, %v", len(files), err)
	}
	trace := regexp.MustCompile(`goroutine \d+ \[|panic:|\.go:\d+ \+0x`)
	for _, f := range files {
		for _, cmd := range []string{"validate", "run"} {
			code, _, stderr := borderflow(t, cmd, f, "-out", t.TempDir()+"/x")
			if cmd == "validate" {
				code, _, stderr = borderflow(t, cmd, f)
			}
			base := filepath.Base(f)
			if code != exitUsage || !strings.Contains(stderr, base) || trace.MatchString(stderr) {
				t.Errorf("%s %s: exit %d, %q", cmd, base, code, stderr)
			}
			if n := strings.Count(stderr, "\n"); n > 11 {
				t.Errorf("%s %s: %d lines of error", cmd, base, n)
			}
		}
	}
}

// Flags given a bad or empty value, and outputs that would replace an
// input, are refused with exit 2 and a message naming the flag, and leave
// every folder as it was.
func TestBadFlags(t *testing.T) {
	dir := t.TempDir()
	scen := "../../scenario/testdata/good/minimal.toml"
	runA := filepath.Join(dir, "a")
	if code, _, stderr := borderflow(t, "run", scen, "-horizon", "1d", "-quiet", "-no-plots", "-out", runA); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	shard := filepath.Join(dir, "shard")
	if code, _, stderr := borderflow(t, "sweep", scen, "-reps", "2", "-horizon", "1d", "-shard", "0/2", "-quiet", "-no-plots", "-out", shard); code != 0 {
		t.Fatalf("sweep -shard: exit %d: %s", code, stderr)
	}
	other := filepath.Join(dir, "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	// A user's folder and file named as a sweep's journal.
	os.Mkdir(filepath.Join(dir, "sw.partial"), 0o755)
	os.WriteFile(filepath.Join(dir, "sw.partial", "notes.txt"), []byte("keep"), 0o644)
	os.WriteFile(filepath.Join(dir, "sf.partial"), []byte("keep"), 0o644)
	before := folderState(t, dir)
	out := filepath.Join(dir, "new")
	cases := []struct {
		args []string
		msg  string
	}{
		// An empty value used to mean the default: out/NAME, the
		// built-in policies, every shard.
		{[]string{"run", scen, "-out", ""}, "run: -out is empty"},
		{[]string{"run", scen, "-out", " "}, "run: -out is empty"},
		{[]string{"sweep", scen, "-policies", "", "-out", out}, "sweep: -policies is empty"},
		{[]string{"sweep", scen, "-shard", "", "-out", out}, "sweep: -shard is empty"},
		{[]string{"sweep", scen, "-sweep", "", "-out", out}, "sweep: -sweep is empty"},
		{[]string{"optimise", scen, "-budget", ""}, "optimise: -budget is empty"},
		{[]string{"compare", runA, runA, "-out", ""}, "compare: -out is empty"},
		{[]string{"plot", runA, "-out", ""}, "plot: -out is empty"},
		{[]string{"run", scen, "-cpuprofile", ""}, "run: -cpuprofile is empty"},
		// The flag package said only "parse error".
		{[]string{"run", scen, "-workers", "x", "-out", out}, `want a whole number of workers (goroutines side by side), at least 1, got "x"`},
		{[]string{"optimise", scen, "-budget", "x.toml", "-workers", "1.5"}, `want a whole number of workers`},
		// A file a flag names that cannot be read was printed bare,
		// without the flag or "borderflow:".
		{[]string{"optimise", scen, "-budget", filepath.Join(dir, "nosuch.toml")}, "borderflow: -budget " + filepath.Join(dir, "nosuch.toml") + ": no such file"},
		{[]string{"sweep", scen, "-policies", dir, "-out", out}, "borderflow: -policies " + dir + ": not a regular file (a folder)"},
		{[]string{"run", scen, "-force=maybe", "-out", out}, `invalid boolean value "maybe" for -force: want true or false`},
		// Go's duration flag said only "parse error", and took no days.
		{[]string{"merge", runA, "-wait", "x"}, `-wait: "x" is not a duration: want numbers with units`},
		{[]string{"merge", runA, "-wait", "400d"}, "-wait: at most 365d, got 400d"},
		{[]string{"merge", runA, "-wait", "90"}, `-wait: duration "90" needs a unit`},
		// optimise took any uint64 and blamed the scenario file.
		{[]string{"optimise", scen, "-budget", "x.toml", "-seed", "18446744073709551615"}, "want a whole number from 0 to 9223372036854775807"},
		// "want one scenario, got 0: []".
		{[]string{"optimise", "-budget", "x.toml"}, "optimise: name one scenario, shipped (borderflow scenarios) or a file"},
		// An unknown name was printed without "borderflow:".
		{[]string{"run", "EAGLE-PASS", "-out", out}, `borderflow: unknown scenario "EAGLE-PASS", did you mean eagle-pass?`},
		{[]string{"validate", "EAGLE-PASS"}, `borderflow: unknown scenario "EAGLE-PASS"`},
		// show said "nor a file" of a file.
		{[]string{"show", scen}, "show prints a shipped scenario"},
		{[]string{"plot", filepath.Join(dir, "nosuch")}, "nosuch: no such folder"},
		// A shard's folder "holds none of the files charts are drawn from".
		{[]string{"plot", shard, "-out", out}, "plot: " + shard + " is a shard of a sweep (pairs.csv, manifest.json): merge the shards first"},
		// plot has no -force, which the refusal told users to give.
		{[]string{"plot", runA, "-out", other}, "-out names a new folder (plot never replaces one)"},
		// sweep -force deleted the folder OUT.partial with the user's
		// files, told they were an interrupted sweep's pairs.
		{[]string{"sweep", scen, "-reps", "2", "-out", filepath.Join(dir, "sw"), "-force"}, "sw.partial is where a sweep keeps its finished pairs, but it holds notes.txt, which no sweep writes"},
		{[]string{"sweep", scen, "-reps", "2", "-out", filepath.Join(dir, "sw"), "-resume"}, "holds notes.txt"},
		{[]string{"sweep", scen, "-reps", "2", "-out", filepath.Join(dir, "sf"), "-force"}, "sf.partial is where a sweep keeps its finished pairs, but it is not a folder a sweep made (a file)"},
		// With -force, compare replaced the run it compared.
		{[]string{"compare", runA, runA, "-out", runA, "-force"}, "compare: -out " + runA + " is one of the run folders being compared"},
		{[]string{"compare", runA, runA, "-out", dir, "-force"}, "holds " + runA + ", one of the run folders being compared"},
	}
	trace := regexp.MustCompile(`goroutine \d+ \[|panic:`)
	for _, c := range cases {
		code, _, stderr := borderflow(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.msg) || trace.MatchString(stderr) {
			t.Errorf("%q: exit %d, %q; want %d and %q", c.args, code, stderr, exitUsage, c.msg)
		}
		if after := folderState(t, dir); after != before {
			t.Fatalf("%q changed the folder:\n%s\nwas\n%s", c.args, after, before)
		}
	}
	// plot into a folder it cannot write failed at the first chart,
	// exit 1, naming a temporary file.
	if os.Geteuid() != 0 { // root writes anywhere
		os.Chmod(runA, 0o555)
		defer os.Chmod(runA, 0o755)
		code, _, stderr := borderflow(t, "plot", runA)
		if code != exitUsage || !strings.Contains(stderr, "plot: cannot write into "+runA) || !strings.Contains(stderr, "give -out NEW") {
			t.Errorf("plot into a read-only folder: exit %d, %q", code, stderr)
		}
	}
}

// folderState lists every folder under dir, and every file with its size
// and time.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() { // a folder's time changes with the probes of a place to write
			fmt.Fprintf(&b, "%s/\n", p)
			return nil
		}
		fmt.Fprintf(&b, "%s %d %v\n", p, info.Size(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// -shard N takes its index from the environment: a bad one named
// neither the variable nor where the "x" came from.
func TestShardIndexFromEnvironment(t *testing.T) {
	for _, v := range []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"} {
		t.Setenv("JOB_COMPLETION_INDEX", "")
		t.Setenv("SLURM_ARRAY_TASK_ID", "")
		t.Setenv(v, "x")
		_, _, err := parseShard("2")
		if want := `-shard 2: the shard index "x" (from ` + v + `) must be a whole number from 0 to 1`; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s=x: %v; want %q", v, err, want)
		}
	}
}

// -resume with no unfinished sweep (a mistyped -out) started from the
// first pair without a word; it still does, and says so.
func TestResumeWithNothingToResume(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sw")
	code, _, stderr := borderflow(t, "sweep", "../../scenario/testdata/good/minimal.toml", "-reps", "2", "-horizon", "1d", "-quiet", "-no-plots", "-resume", "-out", out)
	if code != 0 || !strings.Contains(stderr, "-resume: there is no unfinished sweep in "+out+".partial: starting from the first pair") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
