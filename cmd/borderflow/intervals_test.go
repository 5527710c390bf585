package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"borderflow/scenario"
)

// intervalKind is the range an interval of summary.json must stay in,
// from its key: paired differences (and the balloon shares and
// reductions made of them) may have either sign; rates, shares and risks
// lie in [0, 1]; everything else (counts, kilograms, hours, dollars,
// minutes, price changes against no interdiction, the tax rate of
// seizures, which exceeds 1 in a blockade, the quantity demanded relative
// to the market without interdiction) is ≥ 0.
func intervalKind(path []string) string {
	last := path[len(path)-1]
	for _, p := range path {
		switch p {
		case "difference", "change":
			return "signed"
		}
	}
	switch last {
	case "balloon", "balloon_share", "balloon_share_ports", "surged_port_reduction_kg",
		"reappeared_other_ports_kg", "reappeared_between_ports_kg",
		// the US market's split of a policy's change against the
		// counterfactual: paired differences of kilograms
		"extra_seized_kg", "demand_side_fall_kg", "extra_held_at_end_kg", "not_sent_kg",
		"surged_ports_planned_fall_kg", "elsewhere_planned_rise_kg":
		return "signed"
	case "effective_tax_rate",
		// the quantity bought relative to the market without interdiction:
		// above 1 when seizures fall and the price with them
		"quantity_demanded_share":
		return "nonnegative"
	}
	for _, w := range []string{"rate", "share", "risk"} {
		if strings.Contains(last, w) {
			return "unit"
		}
	}
	return "nonnegative"
}

// checkIntervals walks summary.json's value v and reports every interval
// outside its range, or whose mean lies outside it; it returns how many
// intervals it saw.
func checkIntervals(t *testing.T, name string, path []string, v any) int {
	n := 0
	check := func(p []string, mean float64, lo, hi float64) {
		n++
		where := name + ": " + strings.Join(p, ".")
		if lo > hi || mean < lo-1e-9*abs(mean) || mean > hi+1e-9*abs(mean) {
			t.Errorf("%s: mean %v outside its interval [%v, %v]", where, mean, lo, hi)
		}
		switch intervalKind(p) {
		case "unit":
			if lo < 0 || hi > 1 {
				t.Errorf("%s: a rate's interval [%v, %v] leaves [0, 1]", where, lo, hi)
			}
		case "nonnegative":
			if lo < 0 {
				t.Errorf("%s: interval [%v, %v] goes below 0", where, lo, hi)
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		if ci, ok := x["ci95"].([]any); ok && len(ci) == 2 {
			if m, ok := x["mean"].(float64); ok {
				check(path, m, ci[0].(float64), ci[1].(float64))
			}
		}
		if cis, ok := x["ci95"].(map[string]any); ok {
			// A port's (or the total's) intervals, keyed by the path of
			// their figure inside the same object.
			for key, raw := range cis {
				ci := raw.([]any)
				var at any = x
				for _, k := range strings.Split(key, ".") {
					at = at.(map[string]any)[k]
				}
				m, ok := at.(float64)
				if !ok {
					t.Errorf("%s: ci95 %s names no figure", name, key)
					continue
				}
				check(append(append([]string(nil), path...), strings.Split(key, ".")...), m, ci[0].(float64), ci[1].(float64))
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k != "ci95" {
				n += checkIntervals(t, name, append(append([]string(nil), path...), k), x[k])
			}
		}
	case []any:
		for _, e := range x {
			n += checkIntervals(t, name, path, e)
		}
	}
	return n
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestIntervalsInRange runs every shipped scenario at a short horizon
// with three replications and walks every interval of its summary.json:
// rates stay in [0, 1], counts and other quantities that cannot be
// negative stay ≥ 0, each contains its mean; paired differences may have
// either sign. The surge scenarios run long enough to reach their surge
// (and so their displacement and market against the counterfactual).
func TestIntervalsInRange(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every shipped scenario (about a minute of CPU)")
	}
	// surge-eagle-pass as the case that found the market's tax rate going
	// below 0 (cocaine [−0.008, 0.123]): two replications, seed 3, 120 days.
	extra := map[string][]string{"surge-eagle-pass": {"-reps", "2", "-seed", "3"}}
	horizon := map[string]string{"surge-eagle-pass": "120d", "crackdown": "70d", "south-texas": "21d",
		"southwest-border": "2d", "texas-dps-2022": "3d", "border-closure": "3d", "operation-intercept": "3d", "slowdown-1985": "6d"}
	for _, name := range scenario.EmbeddedNames() {
		h := horizon[name]
		if h == "" {
			h = "5d"
		}
		dir := filepath.Join(t.TempDir(), name)
		args := append([]string{"run", name, "-reps", "3", "-horizon", h, "-no-plots", "-quiet", "-out", dir}, extra[name]...)
		if code, _, stderr := borderflow(t, args...); code != 0 {
			t.Fatalf("run %s: exit %d: %s", name, code, stderr)
		}
		raw, err := os.ReadFile(filepath.Join(dir, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		n := checkIntervals(t, name, nil, doc)
		if n == 0 {
			t.Errorf("%s: no interval in summary.json", name)
		}
		t.Logf("%s (%s): %d intervals", name, h, n)
	}
}
