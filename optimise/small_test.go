package optimise

import (
	"math"
	"slices"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// twoPorts is a small case: a big port and a small one (a third of its
// traffic), trucks only, flat profiles, one booth shift for the whole day.
// Loads ride with the traffic (one truck in twenty). At the big port
// officers refer half as often when a truck has waited more than 3
// minutes (the pressure rule), so booths buy seizures there; the small
// port refers at its rate whatever the wait, so its booths buy none — but
// its trucks' p95 wait must stay under 3 minutes.
func twoPorts() *scenario.Scenario {
	var h [24]float64
	var d [7]float64
	var m [12]float64
	for i := range h {
		h[i] = 1
	}
	for i := range d {
		d[i] = 1
	}
	for i := range m {
		m[i] = 1
	}
	lane := func(perHour float64, booths int) scenario.Lane {
		var b [24]int
		for i := range b {
			b[i] = booths
		}
		rate := perHour / 3600
		return scenario.Lane{Class: 0, Rate: rate, AnnualVolume: rate * 365 * 86400, HourProfile: h, DayProfile: d, MonthProfile: m,
			Booths: b, PrimaryTime: sim.Exponential{Scale: 120}, Referral: scenario.Referral{Rate: 0.5}, LotCapacity: 1000,
			Steps: []scenario.Step{{Method: 0}}}
	}
	port := func(name string, perHour float64, booths int, pressure float64) scenario.Port {
		return scenario.Port{Name: name, PressureWait: 180, PressureFactor: pressure,
			Lanes:   []scenario.Lane{lane(perHour, booths)},
			Methods: []scenario.Method{{Name: "unload", Servers: 1000, Time: sim.Constant{Value: 60}, Detect: []float64{1}}}}
	}
	sc := &scenario.Scenario{
		Name: "two-ports", Seed: 3, Replications: 1, Horizon: 2 * 86400, Warmup: 3600, BinWidth: 3600, DecisionPeriod: 7 * 86400,
		Classes:      []scenario.Class{{Name: "truck", ValueOfTime: 36}},
		Drugs:        []scenario.Drug{{Name: "methamphetamine", ValuePerKg: 19700}},
		Concealments: []string{"commingled"},
		// Staffed in proportion to traffic: 6 booths for 90 trucks an
		// hour, 2 for 30.
		Ports: []scenario.Port{port("Big", 90, 6, 0.5), port("Small", 30, 2, 1)},
	}
	for p := range sc.Ports {
		ln := &sc.Ports[p].Lanes[0]
		sc.Loads = append(sc.Loads, scenario.LoadFlow{Port: p, Lane: 0, LoadsPerYear: ln.AnnualVolume / 20, Kg: sim.Constant{Value: 10}})
	}
	return sc
}

const twoPortsBudget = `
objective = "loads_seized"
replications = 4
confirm = 6
shifts = [0]
[[resource]]
kind = "booths"
class = "truck"
cost = 1
min = -4
max = 4
[[limit]]
class = "truck"
stat = "p95"
minutes = 3
`

// bruteForce scores every allocation within the bounds and the budget on
// the search's replications and returns the best by the search's own
// order (feasible first, then the objective).
func bruteForce(t *testing.T, s *Space) (*Evaluation, int) {
	ev := &evaluator{space: s, first: 0, n: s.Budget.Replications, workers: 2}
	var best *Evaluation
	n := 0
	var walk func(i int, a Allocation)
	walk = func(i int, a Allocation) {
		if i == len(s.Vars) {
			if !s.Within(a) {
				return
			}
			e, err := ev.score(a)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if best == nil || s.better(e, best) {
				best = e
			}
			return
		}
		for x := s.Vars[i].Min; x <= s.Vars[i].Max; x++ {
			a[i] = x
			walk(i+1, a)
		}
	}
	walk(0, make(Allocation, len(s.Vars)))
	return best, n
}

// On the small case the search finds the allocation brute force over
// every allocation finds, and staffing in proportion to traffic (the
// scenario's own) is not it: the small port's p95 limit binds, so it
// needs more than its share of the booths.
func TestSearchFindsBruteForceOptimum(t *testing.T) {
	sc := twoPorts()
	b, err := ParseBudget("two-ports.toml", []byte(twoPortsBudget))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSpace(sc, b)
	if err != nil {
		t.Fatal(err)
	}
	if s.Total != 8*24 {
		t.Fatalf("default budget %g, want 8 booths × 24 h", s.Total)
	}
	res, err := Search(s, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	bf, n := bruteForce(t, s)
	t.Logf("brute force: %d allocations, best %v (loads %.2f, worst ratio %.2f); search: %d scored, best %v (loads %.2f, worst %.2f), %s",
		n, bf.Allocation, bf.Mean(), bf.Worst(s), len(res.Explored), res.Best.Allocation, res.Best.Mean(), res.Best.Worst(s), res.Stop)
	t.Logf("baseline %v: loads %.2f, worst ratio %.2f", res.Baseline.Allocation, res.Baseline.Mean(), res.Baseline.Worst(s))
	if res.Best.Allocation.key() != bf.Allocation.key() {
		t.Errorf("search found %v, brute force %v", res.Best.Allocation, bf.Allocation)
	}
	if bf.Violation(s) > 0 {
		t.Fatalf("no feasible allocation: the case shows nothing")
	}
	if res.Baseline.Violation(s) == 0 {
		t.Errorf("staffing in proportion to traffic meets the limits: the case shows nothing")
	}
	if math.IsNaN(res.Diff) {
		t.Errorf("no confirmation interval")
	}
	// The confirmation is on fresh replications: numbers replications …
	// replications+confirm−1, none of which the search saw (choosing the
	// best on the replications that then measure it would flatter it).
	fresh := &evaluator{space: s, first: b.Replications, n: b.Confirm, workers: 2}
	for _, c := range []struct {
		name string
		got  *Evaluation
	}{{"baseline", res.ConfirmBaseline}, {"best", res.ConfirmBest}} {
		want, err := fresh.score(c.got.Allocation)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.got.Objective) != b.Confirm || !slices.Equal(c.got.Objective, want.Objective) {
			t.Errorf("confirmation of the %s: %v, want replications %d…%d: %v", c.name, c.got.Objective, b.Replications, b.Replications+b.Confirm-1, want.Objective)
		}
	}
	if slices.Equal(res.ConfirmBaseline.Objective[:b.Replications], res.Baseline.Objective) {
		t.Errorf("the confirmation's first replications repeat the search's: %v", res.Baseline.Objective)
	}
}
