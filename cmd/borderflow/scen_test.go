package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
		{append([]string{"run", "eagle-pass", "-horizon", "1h"}, out("c")...), 2, []string{"warmup: the warm-up (1d) must be shorter than the horizon (1h)"}},
		{append([]string{"run", "surge-eagle-pass", "-horizon", "1d"}, out("d")...), 2, []string{"surge[0].start: the surge starts at 90d, after the horizon (1d) ends"}},
		{append([]string{"sweep", "surge-eagle-pass", "-horizon", "1d"}, out("e")...), 2, []string{"surge[0].start"}},
	})
	for _, n := range []string{"a", "c", "d", "e"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("a refused run wrote %s", n)
		}
	}
}
