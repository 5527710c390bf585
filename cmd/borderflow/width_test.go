package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/numfmt"
	"borderflow/scenario"
)

// Every line a shipped scenario's run, a sweep and a comparison print on
// standard output fits a terminal of numfmt.MaxWidth (120) columns.
func TestTerminalOutputFits120Columns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every shipped scenario; skipped with -short")
	}
	dir := t.TempDir()
	var check func(what, out string)
	check = func(what, out string) {
		t.Helper()
		for _, l := range strings.Split(out, "\n") {
			if n := len([]rune(l)); n > numfmt.MaxWidth {
				t.Errorf("%s: a line of %d columns:\n%s", what, n, l)
			}
		}
	}
	if code, out, _ := borderflow(t, "scenarios"); code == 0 {
		check("scenarios", out)
	}
	for _, name := range scenario.EmbeddedNames() {
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		// Three days after a day of warm-up, every surge inside them.
		args := []string{"run", name, "-reps", "2", "-set", "warmup=1d", "-horizon", "3d", "-no-plots", "-quiet", "-out", filepath.Join(dir, name)}
		for i := range sc.Surges {
			args = append(args, "-set", fmt.Sprintf("surge[%d].start=1d", i), "-set", fmt.Sprintf("surge[%d].end=2d", i))
		}
		code, out, errs := borderflow(t, args...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, errs)
			continue
		}
		check("run "+name, out)
	}
	code, out, errs := borderflow(t, "sweep", "eagle-pass", "-reps", "2", "-horizon", "2d", "-no-plots", "-quiet", "-out", filepath.Join(dir, "sweep"))
	if code != 0 {
		t.Fatalf("sweep: exit %d: %s", code, errs)
	}
	check("sweep", out)
	code, out, errs = borderflow(t, "compare", filepath.Join(dir, "southwest-border"), filepath.Join(dir, "southwest-border"), "-out", filepath.Join(dir, "cmp"))
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errs)
	}
	check("compare", out)
}
