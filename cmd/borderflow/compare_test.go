package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// compare on two runs of eagle-pass that differ by one -set: each
// difference it gives is the difference of the two summaries' means, and
// the interval is paired (it holds the difference).
func TestCompareTwoRuns(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	base := []string{"run", "eagle-pass", "-reps", "3", "-horizon", "2d", "-quiet", "-no-plots"}
	for _, c := range []struct {
		out string
		set []string
	}{{"a", nil}, {"b", []string{"-set", "port[Eagle Pass].lane.truck.referral_rate=0.5"}}} {
		args := append(append(append([]string(nil), base...), c.set...), "-out", p(c.out))
		if code, out, errs := borderflow(t, args...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	code, out, errs := borderflow(t, "compare", p("a"), p("b"), "-out", p("cmp"))
	if code != 0 {
		t.Fatalf("compare: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"compare eagle-pass, seed", "secondary_inspections", "95% interval"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if n := len([]rune(l)); n > 120 {
			t.Errorf("a line of %d columns: %q", n, l)
		}
	}
	summary := func(d string) map[string]any {
		var s map[string]any
		b, err := os.ReadFile(filepath.Join(p(d), "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	sa, sb := summary("a"), summary("b")
	f, err := os.Open(filepath.Join(p("cmp"), "compare.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	find := func(port, class, measure string) (diff, lo, hi float64) {
		for _, r := range recs[1:] {
			if r[0] == port && r[1] == class && r[2] == measure {
				d, _ := strconv.ParseFloat(r[5], 64)
				l, _ := strconv.ParseFloat(r[6], 64)
				h, _ := strconv.ParseFloat(r[7], 64)
				return d, l, h
			}
		}
		t.Fatalf("compare.csv has no row %s %s %s", port, class, measure)
		return
	}
	total := func(s map[string]any, key string) float64 { return s["total"].(map[string]any)[key].(float64) }
	for _, m := range []string{"secondary_inspections", "delay_vehicle_hours", "kg_seized"} {
		d, lo, hi := find("all", "all", m)
		want := total(sb, m) - total(sa, m)
		if math.Abs(d-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s: compare says %g, the summaries %g", m, d, want)
		}
		if lo > d || hi < d {
			t.Errorf("%s: interval [%g, %g] does not hold %g", m, lo, hi, d)
		}
	}
	if d, lo, _ := find("all", "all", "secondary_inspections"); d <= 0 || lo <= 0 {
		t.Errorf("referring 50%% of trucks instead of 17%% did not add inspections: %g, lo %g", d, lo)
	}
	truckWait := func(s map[string]any) float64 {
		return s["ports"].([]any)[0].(map[string]any)["wait_minutes"].(map[string]any)["truck"].(map[string]any)["mean"].(float64)
	}
	if d, _, _ := find("Eagle Pass", "truck", "wait_mean_min"); math.Abs(d-(truckWait(sb)-truckWait(sa))) > 1e-9 {
		t.Errorf("Eagle Pass truck wait: compare says %g, the summaries %g", d, truckWait(sb)-truckWait(sa))
	}
	page, err := os.ReadFile(filepath.Join(p("cmp"), "compare.html"))
	if err != nil || !strings.Contains(string(page), "<title>compare eagle-pass") {
		t.Errorf("compare.html: %v", err)
	}

	// Folders that do not pair are refused, saying why, with exit 2.
	if code, out, errs := borderflow(t, "run", "mmc", "-reps", "3", "-horizon", "2d", "-quiet", "-no-plots", "-out", p("mmc")); code != 0 {
		t.Fatalf("mmc: exit %d\n%s%s", code, out, errs)
	}
	reseeded := append(append([]string(nil), base...), "-seed", "7", "-out", p("seed7"))
	if code, out, errs := borderflow(t, reseeded...); code != 0 {
		t.Fatalf("seed 7: exit %d\n%s%s", code, out, errs)
	}
	for _, c := range []struct{ b, want string }{
		{"mmc", "different scenarios: eagle-pass in"},
		{"seed7", "different seeds: 1 and 7"},
		{"nothing", "no such folder"},
	} {
		code, _, errs := borderflow(t, "compare", p("a"), p(c.b), "-out", p("x"+c.b))
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("compare a %s: exit %d, %s (want exit 2 and %q)", c.b, code, errs, c.want)
		}
		if _, err := os.Stat(p("x" + c.b)); err == nil {
			t.Errorf("a refused compare wrote %s", p("x"+c.b))
		}
	}
}
