package sweep

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"borderflow/report"
	"borderflow/scenario"
)

// synthetic builds Results for sc's metrics with the given values per
// policy (the same every replication but for a spread).
func synthetic(t *testing.T, sc *scenario.Scenario, names []string, reps int, value func(p, rep, k int) float64) *Results {
	t.Helper()
	m := Manifest{Sweep: "test", Scenario: sc.Name, Seed: 1, Replications: reps, HorizonHours: 24 * 365,
		Metrics: MetricNames(sc)}
	for _, n := range names {
		m.Policies = append(m.Policies, Policy{Name: n})
	}
	var recs []Record
	for i := 0; i < m.TotalPairs(); i++ {
		p, rep := m.PairOf(i)
		v := make([]float64, len(m.Metrics))
		for k := range v {
			v[k] = value(p, rep, k)
		}
		recs = append(recs, Record{Pair: i, Values: v})
	}
	res, err := Collect(m, recs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The ranked table fits in 120 columns however long the policy names and
// large the numbers (a $339 billion delay cost, a million kg), with a
// plain ASCII minus; an unstable policy is marked.
func TestSweepTableFits(t *testing.T) {
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"baseline", "a-policy-with-a-very-long-descriptive-name", "inspect-everything", "truck-imaging-100"}
	res := synthetic(t, sc, names, 3, func(p, rep, k int) float64 {
		name := MetricNames(sc)[k]
		switch {
		case name == mUnstable:
			return float64(p / 2)
		case name == mExcess: // the last two policies end above the level
			return float64(p/2)*50 - 10
		case metricRange(name) == report.Unit:
			return 0.1 * float64(p+1)
		case metricRange(name) == report.Real: // price changes, %
			return -12.5 * float64(p+1) * (1 + 0.1*float64(rep))
		}
		// Extremes of a year at the border: 900 t seized, waits of a
		// year (unstable), $339 billion of delay.
		x := map[string]float64{mKgSeized: 9e5, mDelayCost: 3.39e11, mDelayHours: 1e10}[name]
		if x == 0 {
			x = 5e5
		}
		return x * (1 + 0.3*float64(p)) * (1 + 0.1*float64(rep))
	})
	var b bytes.Buffer
	if err := res.Table(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 120 {
			t.Errorf("%d columns: %q", n, l)
		}
	}
	if strings.Contains(out, "−") {
		t.Error("non-ASCII minus")
	}
	marked := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(l, " !") {
			marked++
		}
	}
	if marked != 2 || !strings.Contains(out, "UNSTABLE") {
		t.Errorf("%d policies marked unstable, want 2:\n%s", marked, out)
	}
}

// Fewer than two replications: policies.csv's and paired.csv's interval
// columns are empty (not the point repeated); policies.csv says which
// policies overloaded a lane; interval bounds stay in the metric's range.
func TestSweepIntervalColumns(t *testing.T) {
	sc, err := scenario.Embedded("roma")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"baseline", "other"}
	spread := func(p, rep, k int) float64 {
		name := MetricNames(sc)[k]
		if name == mUnstable {
			return float64(p)
		}
		if name == mExcess { // policy 0 stays below the level, policy 1 ends above it
			return float64(p)*40 - 20 + float64(rep)
		}
		if metricRange(name) == report.Unit {
			return []float64{0.001, 0.4, 0.02}[rep%3]
		}
		return []float64{0, 50, 1}[rep%3]
	}
	for _, reps := range []int{1, 3} {
		files, err := synthetic(t, sc, names, reps, spread).Files()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"policies.csv", "paired.csv"} {
			recs, err := csv.NewReader(bytes.NewReader(files[f])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range recs[0] {
				for _, r := range recs[1:] {
					isCI := strings.HasSuffix(h, "_lo") || strings.HasSuffix(h, "_hi")
					if isCI && (r[i] == "") != (reps < 2) {
						t.Errorf("%d replications: %s %s = %q", reps, f, h, r[i])
					}
					rg := metricRange(strings.TrimSuffix(strings.TrimSuffix(h, "_lo"), "_hi"))
					if f == "policies.csv" && isCI && reps >= 2 && rg != report.Real {
						x := parse(t, r[i])
						if x < 0 || rg == report.Unit && x > 1 {
							t.Errorf("%s %s = %v out of range", f, h, x)
						}
					}
				}
			}
			if f == "policies.csv" {
				last := len(recs[0]) - 1
				if recs[0][last] != "unstable" || recs[1][last] != "false" || recs[2][last] != "true" {
					t.Errorf("unstable column: %v / %v / %v", recs[0][last], recs[1][last], recs[2][last])
				}
			}
		}
	}
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	var x float64
	if _, err := fmtSscan(s, &x); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return x
}

func fmtSscan(s string, x *float64) (int, error) { return fmt.Sscan(s, x) }

// A policy is unstable by the rule on means over its replications
// (unstable_excess's mean above 0), as run applies it: a policy whose
// lane ends one replication of three a little above the level is not
// (CrossedIn counts it); one that ends above it on average is.
func TestUnstableIsTheRuleOnMeans(t *testing.T) {
	sc, err := scenario.Embedded("roma")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"baseline", "long-queue", "growing-queue"}
	excess := [][]float64{{-50, -40, -60}, {-20, -25, 5}, {30, -5, 40}}
	res := synthetic(t, sc, names, 3, func(p, rep, k int) float64 {
		switch MetricNames(sc)[k] {
		case mExcess:
			return excess[p][rep]
		case mUnstable:
			if excess[p][rep] > 0 {
				return 1
			}
		}
		return 0
	})
	for p, want := range []bool{false, false, true} {
		if got := res.Unstable(p); got != want {
			t.Errorf("%s: unstable %v, want %v", names[p], got, want)
		}
	}
	for p, want := range []int{0, 1, 2} {
		if got := res.CrossedIn(p); got != want {
			t.Errorf("%s: crossed the level in %d replications, want %d", names[p], got, want)
		}
	}
}

// Results from shards written before unstable_excess existed (merged by
// a newer binary) fall back to the old rule: a policy is unstable when a
// lane crossed the level in any replication.
func TestUnstableWithoutExcessColumn(t *testing.T) {
	sc, err := scenario.Embedded("roma")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range MetricNames(sc) {
		if n != mExcess {
			names = append(names, n)
		}
	}
	m := Manifest{Sweep: "test", Scenario: sc.Name, Seed: 1, Replications: 3, HorizonHours: 24, Metrics: names,
		Policies: []Policy{{Name: "baseline"}, {Name: "crossed-once"}}}
	k := slices.Index(names, mUnstable)
	var recs []Record
	for i := 0; i < m.TotalPairs(); i++ {
		p, rep := m.PairOf(i)
		v := make([]float64, len(names))
		if p == 1 && rep == 2 {
			v[k] = 1
		}
		recs = append(recs, Record{Pair: i, Values: v})
	}
	res, err := Collect(m, recs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unstable(0) || !res.Unstable(1) || res.CrossedIn(1) != 1 {
		t.Errorf("without unstable_excess: unstable %v, %v; crossed in %d", res.Unstable(0), res.Unstable(1), res.CrossedIn(1))
	}
}
