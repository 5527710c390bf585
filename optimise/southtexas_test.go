package optimise

import (
	"testing"
	"time"

	"borderflow/scenario"
)

// southTexasBudget moves south-texas's own scanners and canine teams
// between its ports (the default total: what they cost now), each port
// referring in proportion to its teams; waits limited as in
// budgets/south-texas.toml.
const southTexasBudget = `
objective = "loads_seized"
replications = 3
confirm = 8
horizon = "30d"
max_evaluations = 30
[[resource]]
kind = "servers"
method = "imaging"
cost = 48
min = 1
max = 30
scales_referral = true
[[resource]]
kind = "servers"
method = "canine"
cost = 24
min = 1
max = 12
scales_referral = true
[[limit]]
class = "truck"
stat = "p95"
minutes = 180
[[limit]]
class = "car"
stat = "p95"
minutes = 45
`

// On south-texas, with the default budget, the search finds an
// allocation better than the scenario's own, and the paired interval of
// the gain on fresh replications is above zero. Heavy: about 40
// allocations × 3 replications of 44 days of four ports and four
// organisations.
func TestSouthTexasBeatsItsOwnAllocation(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy: about two minutes of CPU")
	}
	sc, err := scenario.Embedded("south-texas")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBudget("south-texas-servers.toml", []byte(southTexasBudget))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSpace(sc, b)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := Search(s, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d allocations scored in %s (%s): %s", len(res.Explored), time.Since(start).Round(time.Second), res.Stop, s.String(res.Best.Allocation))
	t.Logf("fresh replications: baseline %.2f loads, best %.2f; gain %.2f [%.2f, %.2f]; best cost %g of %g",
		res.ConfirmBaseline.Mean(), res.ConfirmBest.Mean(), res.Diff, res.Lo, res.Hi, res.Best.Cost, s.Total)
	if !(res.Lo > 0) {
		t.Errorf("gain %.2f [%.2f, %.2f]: the interval is not above zero", res.Diff, res.Lo, res.Hi)
	}
	if res.Best.Cost > s.Total+1e-9 || res.ConfirmBest.Violation(s) > 0 {
		t.Errorf("the best allocation costs %g of %g, violation %g", res.Best.Cost, s.Total, res.ConfirmBest.Violation(s))
	}
}
