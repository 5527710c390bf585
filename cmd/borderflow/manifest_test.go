package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"borderflow/sweep"
)

// A sweep's manifest.json records the Go toolchain of the build and the
// -set arguments it was run with, in order (-reps and -horizon show in
// their own fields).
func TestSweepManifestRecordsGoVersionAndSets(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m")
	sets := []string{"warmup=12h", "port[Roma].lane.car.booths=3"}
	args := []string{"sweep", "roma", "-reps", "2", "-horizon", "1d", "-quiet", "-no-plots", "-out", out}
	for _, s := range sets {
		args = append(args, "-set", s)
	}
	mustSweep(t, args...)
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := sweep.ParseManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if m.GoVersion != runtime.Version() {
		t.Errorf("go_version %q, want %q", m.GoVersion, runtime.Version())
	}
	if !reflect.DeepEqual(m.Overrides, sets) {
		t.Errorf("overrides %q, want %q", m.Overrides, sets)
	}
	if m.WarmupHours != 12 || m.HorizonHours != 24 {
		t.Errorf("warm-up %gh, horizon %gh: the -set and -horizon were not applied", m.WarmupHours, m.HorizonHours)
	}
}
