package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"borderflow/scenario"
)

// FuzzRunFlags: run's command line never panics, whatever it is given, and
// either parses or gives a usage error.
func FuzzRunFlags(f *testing.F) {
	for _, s := range []string{
		"", "eagle-pass", "-seed 3 -reps 2 laredo", "roma -horizon 7d -out x -force", "-reps 0", "-seed -1",
		"-horizon 7", "-workers 0", "a b", "-- -x", "-h", "-horizon 1e308d", "-seed 99999999999999999999",
	} {
		f.Add(s)
	}
	a := &app{stdout: io.Discard, stderr: io.Discard}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		fl, name, err := parseRun(a, args)
		if err != nil {
			return
		}
		if name == "" {
			t.Fatalf("%q parsed with no scenario name", line)
		}
		// Overrides on a real scenario must fail cleanly too.
		src, err := scenario.Open(context.Background(), "mmc")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = src.Decode(fl.set.list...)
	})
}
