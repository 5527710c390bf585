package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// borderflow runs the command line in-process and returns its exit code,
// standard output and standard error.
func borderflow(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	code := a.main(context.Background(), args)
	return code, out.String(), errb.String()
}

func readSummary(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// The keys of summary.json are a contract users' scripts rely on.
func TestRunWritesContractFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ep")
	code, out, stderr := borderflow(t, "run", "-horizon", "2d", "-out", dir, "-no-plots")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "Eagle Pass") {
		t.Errorf("table lacks the port:\n%s", out)
	}
	m := readSummary(t, dir)
	for _, k := range []string{"scenario", "seed", "replications", "horizon_hours", "events", "wall_seconds", "ports", "total"} {
		if _, ok := m[k]; !ok {
			t.Errorf("summary.json lacks %q", k)
		}
	}
	if m["scenario"] != "eagle-pass" || m["horizon_hours"].(float64) != 48 {
		t.Errorf("scenario %v horizon %v", m["scenario"], m["horizon_hours"])
	}
	port := m["ports"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "arrivals", "departures", "wait_minutes", "secondary_inspections", "missed_referrals",
		"loads_attempted", "loads_seized", "kg_attempted", "kg_seized", "interdiction_rate", "delay_vehicle_hours", "delay_cost_usd"} {
		if _, ok := port[k]; !ok {
			t.Errorf("port lacks %q", k)
		}
	}
	w := port["wait_minutes"].(map[string]any)["truck"].(map[string]any)
	for _, k := range []string{"mean", "p50", "p95", "max"} {
		if _, ok := w[k]; !ok {
			t.Errorf("wait_minutes.truck lacks %q", k)
		}
	}
	for _, f := range []string{"ports.csv", "series.csv", "drugs.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// series.csv: one row per hour × class (+ header).
	b, _ := os.ReadFile(filepath.Join(dir, "series.csv"))
	if rows := strings.Count(string(b), "\n"); rows != 1+48*2 {
		t.Errorf("series.csv has %d lines, want %d", rows, 1+48*2)
	}
}

// Same scenario and seed: the same bytes in every file, wall_seconds aside;
// whatever the number of workers.
func TestRunDeterministic(t *testing.T) {
	base := t.TempDir()
	runs := [][]string{
		{"run", "eagle-pass", "-horizon", "2d", "-reps", "3", "-workers", "1", "-no-plots", "-out", filepath.Join(base, "a")},
		{"run", "eagle-pass", "-horizon", "2d", "-reps", "3", "-workers", "3", "-no-plots", "-out", filepath.Join(base, "b")},
	}
	for _, r := range runs {
		if code, _, stderr := borderflow(t, r...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	wall := regexp.MustCompile(`"wall_seconds": [0-9.e+-]+`)
	for _, f := range []string{"summary.json", "ports.csv", "series.csv", "drugs.csv"} {
		a, _ := os.ReadFile(filepath.Join(base, "a", f))
		b, _ := os.ReadFile(filepath.Join(base, "b", f))
		a, b = wall.ReplaceAll(a, nil), wall.ReplaceAll(b, nil)
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
	// Another seed gives other numbers.
	if code, _, _ := borderflow(t, "run", "-horizon", "2d", "-seed", "2", "-no-plots", "-out", filepath.Join(base, "c")); code != 0 {
		t.Fatal("seed 2 failed")
	}
	a, _ := os.ReadFile(filepath.Join(base, "a", "ports.csv"))
	c, _ := os.ReadFile(filepath.Join(base, "c", "ports.csv"))
	if bytes.Equal(a, c) {
		t.Error("seeds 1 and 2 gave the same ports.csv")
	}
}

// Erlang C through the command line: the mmc scenario (M/M/8, λ = 7.2/s,
// mean service 1 s, ρ = 0.9) must reproduce the closed-form mean wait in
// queue. With 10 replications the 95% interval of summary.json's ci95 is
// widened to 99% (t(0.995, 9)/t(0.975, 9) = 3.2498/2.2622) and must hold
// the closed form.
func TestErlangCThroughCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mmc")
	code, _, stderr := borderflow(t, "run", "mmc", "-reps", "10", "-horizon", "6h", "-no-plots", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := readSummary(t, dir)
	port := m["ports"].([]any)[0].(map[string]any)
	var class string
	for c := range port["arrivals"].(map[string]any) {
		class = c
	}
	mean := port["wait_minutes"].(map[string]any)[class].(map[string]any)["mean"].(float64) * 60
	ci := port["ci95"].(map[string]any)["wait_minutes."+class+".mean"].([]any)
	lo, hi := ci[0].(float64)*60, ci[1].(float64)*60
	half := (hi - lo) / 2 * 3.2498 / 2.2622
	want := erlangCWait(8, 7.2, 1)
	t.Logf("Wq simulated %.4f s ± %.4f (99%%), Erlang C %.4f s", mean, half, want)
	if math.Abs(mean-want) > half {
		t.Errorf("mean wait %.4f s, 99%% interval ±%.4f misses Erlang C %.4f s", mean, half, want)
	}
}

// erlangCWait is the M/M/c mean wait in queue (Kleinrock, Queueing
// Systems Vol. 1, 1975, eq. 3.40): C(c, a)/(cμ − λ) with a = λ/μ.
func erlangCWait(c int, lambda, mu float64) float64 {
	a := lambda / mu
	rho := a / float64(c)
	term, sum := 1.0, 1.0
	for k := 1; k < c; k++ {
		term *= a / float64(k)
		sum += term
	}
	last := term * a / float64(c) / (1 - rho)
	pw := last / (sum + last)
	return pw / (float64(c)*mu - lambda)
}

// Operation Intercept: referring every vehicle, with the lot holding the
// rest at their booths, raises Laredo's mean truck wait by at least an
// order of magnitude over the laredo scenario at the same horizon.
func TestOperationIntercept(t *testing.T) {
	base := t.TempDir()
	wait := func(scenario string) float64 {
		dir := filepath.Join(base, scenario)
		if code, _, stderr := borderflow(t, "run", scenario, "-horizon", "3d", "-no-plots", "-out", dir); code != 0 {
			t.Fatalf("%s: exit %d: %s", scenario, code, stderr)
		}
		for _, p := range readSummary(t, dir)["ports"].([]any) {
			p := p.(map[string]any)
			if p["name"] == "Laredo" {
				return p["wait_minutes"].(map[string]any)["truck"].(map[string]any)["mean"].(float64)
			}
		}
		t.Fatalf("%s has no Laredo", scenario)
		return 0
	}
	normal, intercept := wait("laredo"), wait("operation-intercept")
	t.Logf("Laredo truck wait: %.1f min normally, %.1f min under Operation Intercept", normal, intercept)
	if intercept < 10*normal || normal <= 0 {
		t.Errorf("Operation Intercept wait %.1f min is not 10× the normal %.1f min", intercept, normal)
	}
}

// Usage and scenario errors exit with 2 and a one-line message, never a
// panic; an existing output folder is refused without -force.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("name = \"x\"\nhorizon = 7\n"), 0o644)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	os.WriteFile(filepath.Join(out, "mine.txt"), []byte("keep"), 0o644)
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nosuch"}, 2, "unknown command"},
		{[]string{"run", "nosuch-scenario"}, 2, "nosuch-scenario"},
		{[]string{"run", "-reps", "x"}, 2, "replications"},
		{[]string{"run", "-reps", "0"}, 2, "-reps"},
		{[]string{"run", "-nosuchflag"}, 2, "not defined"},
		{[]string{"run", "-horizon", "7"}, 2, "unit"},
		{[]string{"run", "a", "b"}, 2, "at most one scenario"},
		{[]string{"run", bad}, 2, "bad.toml:2"},
		{[]string{"validate", bad}, 2, "horizon"},
		{[]string{"run", "-horizon", "2d", "-out", out}, 2, "-force"},
		{[]string{"validate", "eagle-pass"}, 0, ""},
		{[]string{"scenarios"}, 0, ""},
	}
	for _, c := range cases {
		code, stdout, stderr := borderflow(t, c.args...)
		if code != c.code || !strings.Contains(stderr+stdout, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
		if regexp.MustCompile(`goroutine \d+ \[|panic:`).MatchString(stderr) {
			t.Errorf("%v: stack trace: %s", c.args, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "mine.txt")); string(b) != "keep" {
		t.Error("a refused run touched the existing output folder")
	}
	_, stdout, _ := borderflow(t, "scenarios")
	for _, n := range []string{"eagle-pass", "laredo", "roma", "southwest-border", "operation-intercept"} {
		if !strings.Contains(stdout, n) {
			t.Errorf("scenarios lacks %s", n)
		}
	}
}
