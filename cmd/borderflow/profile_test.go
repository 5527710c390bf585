package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -cpuprofile and -memprofile write pprof files that go tool pprof reads:
// the CPU profile has samples of the simulation, the heap profile its
// allocation sites.
func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	code, _, stderr := borderflow(t, "run", "roma", "-horizon", "20d", "-quiet", "-no-plots",
		"-out", filepath.Join(dir, "out"), "-cpuprofile", cpu, "-memprofile", mem)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// A pprof file is a gzipped protocol buffer whose string table names
	// its sample types.
	for f, want := range map[string]string{cpu: "nanoseconds", mem: "inuse_space"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a pprof file: %v", f, err)
		}
		raw, err := io.ReadAll(z)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.Contains(raw, []byte(want)) || !bytes.Contains(raw, []byte("borderflow")) {
			t.Errorf("%s: no %q samples of borderflow's code", f, want)
		}
	}
	code, _, stderr = borderflow(t, "sweep", "roma", "-reps", "2", "-horizon", "2d", "-quiet", "-no-plots",
		"-out", filepath.Join(dir, "sw"), "-cpuprofile", filepath.Join(dir, "nosuchdir", "x.prof"))
	if code != 2 {
		t.Errorf("an unwritable -cpuprofile: exit %d, want 2 (%s)", code, stderr)
	}
}

// A profile flag never destroys a file of the user's: a path that is the
// scenario itself or any file that is not a profile is refused before
// anything runs, and a failed command leaves no profile and replaces no
// earlier one (-cpuprofile my.toml used to truncate the scenario before
// it was read, and a refused run overwrote the file it named).
func TestProfileNeverDestroys(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../scenario/testdata/good/minimal.toml")
	if err != nil {
		t.Fatal(err)
	}
	scen := filepath.Join(dir, "mine.toml")
	notes := filepath.Join(dir, "notes.txt")
	old := filepath.Join(dir, "old.prof")
	oldProf := append([]byte{0x1f, 0x8b}, "an earlier profile"...)
	write := func() {
		for f, b := range map[string][]byte{scen: src, notes: []byte("keep"), old: oldProf} {
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func(extra ...string) []string {
		return append([]string{"run", scen, "-horizon", "1d", "-quiet", "-no-plots", "-out", filepath.Join(dir, "out")}, extra...)
	}
	cases := []struct {
		args []string
		msg  string
	}{
		{run("-cpuprofile", scen), "-cpuprofile " + scen + ": the file exists and is not a pprof profile"},
		{run("-memprofile", scen), "-memprofile " + scen + ": the file exists and is not a pprof profile"},
		{run("-cpuprofile", notes), "not a pprof profile"},
		{run("-cpuprofile", dir), "exists and is not a regular file"},
		{run("-cpuprofile", filepath.Join(dir, "nodir", "cpu.prof")), "does not exist"},
		{run("-cpuprofile", old, "-memprofile", old), "name the same file"},
		{[]string{"sweep", scen, "-reps", "2", "-horizon", "1d", "-quiet", "-no-plots", "-out", filepath.Join(dir, "sw"), "-memprofile", scen}, "not a pprof profile"},
		// The scenario is refused: the earlier profile stays as it was.
		{[]string{"run", "no-such-scenario", "-cpuprofile", old, "-memprofile", old + "2"}, "no-such-scenario"},
		{run("-set", "horizon=-1d", "-cpuprofile", old), "must not be negative"},
	}
	for _, c := range cases {
		write()
		code, _, stderr := borderflow(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, stderr, exitUsage, c.msg)
		}
		for f, want := range map[string][]byte{scen: src, notes: []byte("keep"), old: oldProf} {
			if b, _ := os.ReadFile(f); !bytes.Equal(b, want) {
				t.Errorf("%v: %s changed", c.args, filepath.Base(f))
			}
		}
		if m, _ := filepath.Glob(filepath.Join(dir, "*2")); len(m) > 0 {
			t.Errorf("%v: a failed command left %v", c.args, m)
		}
		if m, _ := filepath.Glob(filepath.Join(dir, ".*")); len(m) > 0 {
			t.Errorf("%v: left temporary files %v", c.args, m)
		}
	}
	// A folder that takes no file is refused before the run: the heap
	// profile failed only at the end of a successful run, exit 0.
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		for _, f := range []string{"-cpuprofile", "-memprofile"} {
			code, _, stderr := borderflow(t, run(f, filepath.Join(ro, "x.prof"))...)
			if code != exitUsage || !strings.Contains(stderr, "is not writable") {
				t.Errorf("%s into a read-only folder: exit %d, %q", f, code, stderr)
			}
		}
	}
	// An earlier profile is replaced by a successful run's.
	code, _, stderr := borderflow(t, run("-cpuprofile", old)...)
	if b, _ := os.ReadFile(old); code != 0 || bytes.Equal(b, oldProf) || !bytes.HasPrefix(b, oldProf[:2]) {
		t.Errorf("exit %d (%s): the earlier profile was not replaced by a new one", code, stderr)
	}
}
