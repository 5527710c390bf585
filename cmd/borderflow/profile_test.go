package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
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
