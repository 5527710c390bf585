package main

import (
	"fmt"
	"os"
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
			// One style for a half-width: "+/-", as the sweep's tables write it.
			if strings.Contains(l, "±") {
				t.Errorf("%s: a ± where the tables write +/-:\n%s", what, l)
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
	// south-texas has a drug market: the sweep adds its price table.
	code, out, errs = borderflow(t, "sweep", "south-texas", "-reps", "2", "-set", "warmup=1d", "-horizon", "3d", "-no-plots", "-quiet", "-out", filepath.Join(dir, "sweep-st"))
	if code != 0 {
		t.Fatalf("sweep south-texas: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "retail") {
		t.Errorf("the south-texas sweep printed no price table:\n%s", out)
	}
	check("sweep south-texas", out)
	// Column names a script can use as identifiers: no spaces (port names
	// in names are made safe: org_kg_attempted_eagle_pass).
	for _, f := range []string{"pairs.csv", "policies.csv", "paired.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, "sweep-st", f))
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(b), "\n")
		if strings.ContainsAny(head, " \t") || !strings.Contains(head, "org_kg_attempted_eagle_pass") && f == "pairs.csv" {
			t.Errorf("%s's header has spaces or lacks org_kg_attempted_eagle_pass: %s", f, head)
		}
	}
	code, out, errs = borderflow(t, "compare", filepath.Join(dir, "southwest-border"), filepath.Join(dir, "southwest-border"), "-out", filepath.Join(dir, "cmp"))
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errs)
	}
	check("compare", out)
}
