package optimise

import (
	"fmt"
	"math"

	"borderflow/border"
	"borderflow/bug"
	"borderflow/report"
	"borderflow/scenario"
	"borderflow/sim"
)

// Evaluation is an allocation scored over replications.
type Evaluation struct {
	Index      int // order in which it was scored (0: the baseline)
	Allocation Allocation
	Cost       float64
	// Objective holds the objective of each replication, in its own
	// units (loads or kg); Better compares with the direction.
	Objective []float64
	// Waits holds, per limit of the space (one port each), the
	// statistic in minutes of each replication.
	Waits [][]float64
	// DelayCost holds each replication's whole cost of delay, USD
	// (report.CostParts: time, cargo, detours, trips put off and not
	// made, at the economy's cost): what an allocation costs the traffic,
	// beside what it costs in officers.
	DelayCost []float64
	// Accepted: the search moved to this allocation.
	Accepted bool
}

// Mean is the mean objective.
func (e *Evaluation) Mean() float64 { return mean(e.Objective) }

// Ratios returns each limit's mean statistic over its limit.
func (e *Evaluation) Ratios(s *Space) []float64 {
	out := make([]float64, len(s.Limits))
	for i, l := range s.Limits {
		out[i] = mean(e.Waits[i]) / l.Minutes
	}
	return out
}

// Violation is the sum over limits of how far the mean statistic is above
// its limit, in multiples of the limit: 0 when feasible.
func (e *Evaluation) Violation(s *Space) float64 {
	v := 0.0
	for _, r := range e.Ratios(s) {
		v += math.Max(0, r-1)
	}
	return v
}

// Worst is the largest ratio of a mean wait statistic to its limit (0
// without limits).
func (e *Evaluation) Worst(s *Space) float64 {
	w := 0.0
	for _, r := range e.Ratios(s) {
		w = math.Max(w, r)
	}
	return w
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// evaluator scores allocations on replications first, first+1, …,
// first+n−1 (the same for every allocation: common random numbers).
type evaluator struct {
	space   *Space
	first   int
	n       int
	workers int
	stop    <-chan struct{}
}

// score simulates allocation a.
func (ev *evaluator) score(a Allocation) (*Evaluation, error) {
	sc := ev.space.Apply(a)
	if err := scenarioCheck(sc); err != nil {
		return nil, err
	}
	if err := sc.Validate(); err != nil {
		return nil, fmt.Errorf("allocation %s: %w", ev.space.String(a), err)
	}
	e := &Evaluation{Allocation: append(Allocation(nil), a...), Cost: ev.space.Cost(a),
		Objective: make([]float64, ev.n), Waits: make([][]float64, len(ev.space.Limits)), DelayCost: make([]float64, ev.n)}
	for i := range e.Waits {
		e.Waits[i] = make([]float64, ev.n)
	}
	// One replication per job on the one worker pool; each port of a
	// replication runs on the job's goroutine (Workers: 1).
	err := border.Pool(ev.n, ev.workers, nil, nil, func(r int, _ func(float64)) error {
		res, err := runOne(sc, ev.first+r, ev.stop)
		if err != nil {
			return err
		}
		e.Objective[r] = objective(ev.space.Budget.Objective, res)
		for i, l := range ev.space.Limits {
			e.Waits[i][r] = waitStat(sc, res, l)
		}
		e.DelayCost[r] = report.Measure(sc, res).Total.Sum(func(c *report.Class) float64 { return c.Cost.Total })
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// scenarioCheck refuses an allocation the model cannot run (no booth in
// a lane with traffic); the space's bounds should prevent it.
func scenarioCheck(sc *scenario.Scenario) error {
	for _, p := range sc.Ports {
		for _, ln := range p.Lanes {
			open := 0
			for _, b := range ln.Booths {
				open += b
			}
			if open == 0 && ln.Rate > 0 {
				return fmt.Errorf("an allocation closes every booth of a lane at %s", p.Name)
			}
		}
	}
	return nil
}

// objective is the replication's objective: loads or kg seized, or kg
// delivered, border-wide.
func objective(kind string, r *border.Result) float64 {
	v := 0.0
	for p := range r.Ports {
		for l := range r.Ports[p].Lanes {
			t := r.Ports[p].Lanes[l].Totals()
			switch kind {
			case LoadsSeized:
				v += float64(t.LoadsSeized)
			case KgSeized:
				v += t.KgSeized
			case KgDelivered:
				v += t.KgDelivered
			}
		}
	}
	return v
}

// waitStat is a limit's statistic in one replication at its port, minutes.
func waitStat(sc *scenario.Scenario, r *border.Result, l Limit) float64 {
	worst := 0.0
	for p := range r.Ports {
		if l.Port != "" && sc.Ports[p].Name != l.Port {
			continue
		}
		for li := range r.Ports[p].Lanes {
			ls := &r.Ports[p].Lanes[li]
			if sc.Classes[ls.Class].Name != l.Class {
				continue
			}
			x := ls.Wait.Mean()
			if l.Stat == "p95" {
				x = ls.WaitQ.Quantile(0.95)
			}
			if !math.IsNaN(x) {
				worst = math.Max(worst, x/60)
			}
		}
	}
	return worst
}

func meanCI(x []float64) (float64, float64, float64) { return sim.MeanCI95(x) }

// runOne simulates replication rep of sc, turning a panic into a
// bug.Error (exit 3): in this worker goroutine it would end the process
// with Go's exit 2, the code of a usage error.
func runOne(sc *scenario.Scenario, rep int, stop <-chan struct{}) (res *border.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, bug.Recovered(fmt.Sprintf("replication %d", rep), r)
		}
	}()
	return border.Run(sc, rep, border.Options{Workers: 1, Stop: stop, Series: border.DiscardSeries})
}
