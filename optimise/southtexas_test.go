package optimise

import (
	"context"
	"os"
	"testing"
	"time"

	"borderflow/scenario"
)

// On south-texas, with its shipped budget (budgets/south-texas.toml: its
// own scanners and canine teams moved between ports, the default total:
// what the scenario's own allocation costs), the search finds an
// allocation better than the scenario's own, and the paired interval of
// the gain (best − baseline on common random numbers) on 48 fresh
// replications, none of which the search saw, is above zero, at no more
// than the budget and within the wait limits. Heavy: 60 allocations × 6
// replications of 44 days of four ports and four organisations, then 96
// more (docs/OPTIMISE.md, "The south-texas proof": minutes of
// CPU). Run by make optimise-proof and make proofs.
func TestSouthTexasBeatsItsOwnAllocation(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy: minutes of CPU")
	}
	if os.Getenv("BORDERFLOW_PROOFS") == "" {
		t.Skip("a long proof (minutes of CPU): run by `make optimise-proof`")
	}
	sc, err := scenario.Embedded("south-texas")
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadBudget(context.Background(), "../budgets/south-texas.toml")
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
