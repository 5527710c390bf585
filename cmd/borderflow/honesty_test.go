package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"borderflow/configs"
)

// An overloaded lane is named on standard error, one line per port and
// class, and marked in ports.csv; a stable run warns of nothing.
func TestRunWarnsOfUnstableLanes(t *testing.T) {
	dir := t.TempDir()
	// Operation Intercept as it ran before traffic answered delay: every
	// vehicle waits, the queues grow.
	file := withoutResponse(t, "operation-intercept")
	code, out, stderr := borderflow(t, "run", file, "-reps", "1", "-horizon", "2d", "-no-plots",
		"-no-counterfactual", "-quiet", "-out", filepath.Join(dir, "oi"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "borderflow: warning: Laredo truck is unstable") ||
		!strings.Contains(stderr, "borderflow: warning: Laredo car is unstable") {
		t.Errorf("stderr %q", stderr)
	}
	if !strings.Contains(out, "UNSTABLE") {
		t.Errorf("table without the mark:\n%s", out)
	}
	f, err := os.Open(filepath.Join(dir, "oi", "ports.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The unstable column (trusted-traveller columns may follow it).
	last := slices.Index(recs[0], "unstable")
	if last < 0 || recs[1][last] != "true" {
		t.Errorf("ports.csv: %v / %v", recs[0], recs[1])
	}
	code, _, stderr = borderflow(t, "run", "eagle-pass", "-reps", "1", "-horizon", "2d", "-no-plots", "-quiet",
		"-out", filepath.Join(dir, "ep"))
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("eagle-pass: exit %d, stderr %q", code, stderr)
	}
}

// A sweep of fewer than 10 replications per policy says so on stderr;
// with one there are no intervals and it says that too.
func TestSweepWarnsOfFewReplications(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		reps, want string
	}{{"3", "3 replications per policy"}, {"1", "no intervals"}} {
		_, _, stderr := sweepCLI(t, t.Context(), "sweep", "roma", "-reps", c.reps, "-horizon", "2d", "-quiet", "-no-plots",
			"-out", filepath.Join(dir, c.reps))
		if !strings.Contains(stderr, "borderflow: warning: ") || !strings.Contains(stderr, c.want) {
			t.Errorf("-reps %s: stderr %q", c.reps, stderr)
		}
	}
	if testing.Short() {
		return
	}
	code, _, stderr := sweepCLI(t, t.Context(), "sweep", "roma", "-horizon", "2d", "-quiet", "-no-plots",
		"-out", filepath.Join(dir, "ten"))
	if code != 0 || strings.Contains(stderr, "replications per policy") {
		t.Errorf("10 replications: exit %d, stderr %q", code, stderr)
	}
}

// A sweep names on standard error each policy that overloaded a lane
// (eagle-pass as before traffic answered delay: with the response,
// inspect-everything's queues are bounded).
func TestSweepWarnsOfUnstablePolicies(t *testing.T) {
	file := withoutResponse(t, "eagle-pass")
	_, _, stderr := sweepCLI(t, t.Context(), "sweep", file, "-reps", "2", "-horizon", "3d", "-quiet", "-no-plots",
		"-out", filepath.Join(t.TempDir(), "s"))
	if !strings.Contains(stderr, "policy inspect-everything overloaded a lane") || strings.Contains(stderr, "policy baseline overloaded") {
		t.Errorf("stderr %q", stderr)
	}
}

// withoutResponse writes a shipped scenario with its [response] section
// cut off (it is the file's last section) and returns the file's path.
func withoutResponse(t testing.TB, name string) string {
	t.Helper()
	text, err := configs.FS.ReadFile(name + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	cut := string(text)
	i := strings.Index(cut, "\n# How traffic answers delay")
	if i < 0 {
		t.Fatalf("%s has no [response] section", name)
	}
	// The [response] section runs to the end, or to an operation's surges
	// (cmd/genconfigs/intercept.go), which stay.
	rest := ""
	if j := strings.Index(cut[i+1:], "\n# The operation:"); j >= 0 {
		rest = cut[i+1+j+1:]
	}
	file := filepath.Join(t.TempDir(), name+".toml")
	if err := os.WriteFile(file, []byte(cut[:i+1]+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
