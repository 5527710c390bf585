package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"borderflow/numfmt"
	"borderflow/optimise"
	"borderflow/scenario"
)

// The optimiser's result on south-texas with its shipped budget, in
// docs/RESULTS.md and docs/OPTIMISE.md: both blocks read the same run.
func init() {
	figureBlocks["optimise-south-texas"] = optimiseSouthTexasResult
	figureBlocks["optimise-south-texas-proof"] = optimiseSouthTexasProof
}

// southTexasOptimiseArgs is the command the documents quote, run from the
// repository's root (the budget's path is relative to it).
var southTexasOptimiseArgs = []string{"optimise", "south-texas", "-budget", "budgets/south-texas.toml"}

// southTexasOptimised is that run: optimise.json, the changes of the best
// allocation in words, and the scenario's seed and warm-up.
type southTexasOptimised struct {
	cmd     string
	dir     string // the output folder
	s       optimise.Summary
	changes []string
	seed    uint64
	warmup  float64 // days
}

func optimiseSouthTexas(r *runner) southTexasOptimised {
	r.t.Helper()
	// The test runs in cmd/borderflow: the budget is two folders up.
	args := append([]string(nil), southTexasOptimiseArgs...)
	args[3] = filepath.Join("..", "..", args[3])
	dir := r.run(args...)
	var o southTexasOptimised
	o.cmd, o.dir = "bin/borderflow "+strings.Join(southTexasOptimiseArgs, " "), dir
	b, err := os.ReadFile(filepath.Join(dir, "optimise.json"))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := json.Unmarshal(b, &o.s); err != nil {
		r.t.Fatal(err)
	}
	c := r.csv(dir, "allocation.csv")
	for i, row := range c.rows {
		if base, best := c.num(i, "baseline"), c.num(i, "best"); base != best {
			o.changes = append(o.changes, fmt.Sprintf("%s %.0f → %.0f", resourceWords(row[0]), base, best))
		}
	}
	if len(o.changes) == 0 {
		o.changes = []string{"nothing (the scenario's own allocation)"}
	}
	sc, err := scenario.Embedded("south-texas")
	if err != nil {
		r.t.Fatal(err)
	}
	o.seed, o.warmup = sc.Seed, sc.Warmup/86400
	return o
}

// resourceWords names a variable of budgets/south-texas.toml as its
// comments do: the imaging method's servers are scanners, the canine
// method's canine teams.
func resourceWords(v string) string {
	for suffix, words := range map[string]string{" imaging servers": "'s scanners", " canine servers": "'s canine teams"} {
		if port, ok := strings.CutSuffix(v, suffix); ok {
			return port + words
		}
	}
	return v
}

// search is what the search did: allocations scored, replications, how
// it stopped, the confirmation and the simulations.
func (o southTexasOptimised) search() string {
	s := o.s
	stop := "stopped at a local optimum"
	if s.Stop != "local optimum" {
		stop = "stopped at the " + s.Stop + " (`max_evaluations`)"
	}
	return fmt.Sprintf("%d allocations scored × %d replications of %.0f days after the %.0f-day warm-up, %s; the best and the baseline then on %d fresh replications: %d simulations",
		s.Evaluations-2, s.Replications, s.HorizonSeconds/86400, o.warmup, stop, s.Confirm, s.Simulations)
}

// gain is the paired gain with its interval, baseline → best.
func (o southTexasOptimised) gain() string {
	s := o.s
	sg := func(x float64) string { return numfmt.Signed(x, oneDec) }
	return fmt.Sprintf("**%s %s in %.0f days [%s, %s]**, from %.1f to %.1f (%+.0f%%)",
		sg(s.Gain), strings.ReplaceAll(s.Objective, "_", " "), s.HorizonSeconds/86400, sg(s.GainCI95[0]), sg(s.GainCI95[1]),
		s.BaselineMean, s.BestMean, 100*(s.BestMean-s.BaselineMean)/s.BaselineMean)
}

// cost is the best allocation's cost against the budget, and its waits.
func (o southTexasOptimised) cost() string {
	s := o.s
	var b strings.Builder
	fmt.Fprintf(&b, "a cost of %s officer-hours a day against the budget's %s", numfmt.Grouped(s.BestCost), numfmt.Grouped(s.Total))
	if s.BaselineCost == s.Total {
		b.WriteString(" (what the scenario's own allocation costs)")
	}
	switch {
	case s.BestFeasible && s.BaseFeasible:
		b.WriteString(", every wait within its limit at the baseline and at the best")
	case s.BestFeasible:
		b.WriteString(", every wait within its limit (not so at the baseline)")
	default:
		b.WriteString(", beyond a wait limit on the fresh replications")
	}
	return b.String()
}

// optimiseSouthTexasResult is docs/RESULTS.md's sentence on what the
// optimiser finds for south-texas.
func optimiseSouthTexasResult(r *runner) string {
	o := optimiseSouthTexas(r)
	tradeoffChart(r, o.dir)
	s := o.s
	money := numfmt.MoneyFor(s.DelayCostChange, s.DelayCostChangeCI95[0], s.DelayCostChangeCI95[1])
	sg := func(x float64) string {
		return numfmt.Signed(x, func(v float64) string { return "$" + money.Format(v) + strings.TrimPrefix(money.Name, "$") })
	}
	return fmt.Sprintf("`%s`, seed %d: %s. The best allocation moves %s: %s, at %s. The whole cost of delay over the %.0f days, on the same fresh replications: %s at the baseline, %s at the best; best − baseline %s [%s, %s] (paired).\n",
		o.cmd, o.seed, o.search(), joinAnd(o.changes), o.gain(), o.cost(), s.HorizonSeconds/86400,
		numfmt.USD(s.BaselineDelayCost), numfmt.USD(s.BestDelayCost), sg(s.DelayCostChange), sg(s.DelayCostChangeCI95[0]), sg(s.DelayCostChangeCI95[1]))
}

// tradeoffChart checks the chart docs/RESULTS.md shows under the block,
// the same run's tradeoff.png (its bytes depend only on the scenario, the
// budget and the seed), or with -update writes it.
func tradeoffChart(r *runner, dir string) {
	r.t.Helper()
	const doc = "../../docs/img/south-texas-tradeoff.png"
	want, err := os.ReadFile(filepath.Join(dir, "tradeoff.png"))
	if err != nil {
		r.t.Fatal(err)
	}
	got, err := os.ReadFile(doc)
	if err != nil && !os.IsNotExist(err) {
		r.t.Fatal(err)
	}
	switch {
	case bytes.Equal(got, want):
	case *updateDocs:
		if err := os.WriteFile(doc, want, 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.t.Logf("%s rewritten", doc)
	default:
		r.t.Errorf("%s is not the run's tradeoff.png (make figures rewrites it)", doc)
	}
}

// optimiseSouthTexasProof is docs/OPTIMISE.md's "Today's result".
func optimiseSouthTexasProof(r *runner) string {
	o := optimiseSouthTexas(r)
	return fmt.Sprintf("`%s` (seed %d): %s (`optimise.json`: %d evaluations with the two confirmations). Best found: %s; %s. %s.\n",
		o.cmd, o.seed, o.search(), o.s.Evaluations, joinAnd(o.changes), o.cost(), o.gain())
}

// joinAnd lists xs as "a, b and c".
func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
