package report

import (
	"fmt"
	"io"

	"borderflow/border"
	"borderflow/scenario"
)

// Accumulator folds the replications of a run into everything its outputs
// need, one replication at a time and in replication order
// (border.FoldReplications), so that a run keeps no replication's time
// series, histograms or organisations' books once it is folded: a year of
// eagle-pass is about 1.25 MB a replication, southwest-border 2–4 MB, and
// a run of -reps 100 kept them all before.
//
// What it keeps is what the outputs are made of: running sums in the
// order the outputs add them (the time series, routes.csv, the drivers'
// response, the organisations' route kilograms), so the bytes are those
// of summing the kept results replication by replication; and the small
// per-replication figures the intervals over replications need (the
// Measures, each organisation's totals and final risks, the market's
// kilograms, the sums over each surge's periods), a few kilobytes a
// replication.
type Accumulator struct {
	sc       *scenario.Scenario
	n, got   int
	events   uint64
	measures []*Measures
	series   seriesAcc
	resp     respAcc
	orgs     orgAcc
	market   []marketRep // by replication
	// cf is the counterfactual's accumulator (Counterfactual), base the
	// run a counterfactual accumulator is measured against.
	cf, base *Accumulator
}

// NewAccumulator returns an accumulator for n replications of sc: the
// means over replications divide each replication's term by n as it is
// added, as the outputs always have.
func NewAccumulator(sc *scenario.Scenario, n int) *Accumulator {
	return &Accumulator{sc: sc, n: n}
}

// Add folds the next replication's result: replication 0 first, then 1,
// and so on (border.FoldReplications calls it in that order). It keeps no
// reference to r.
func (a *Accumulator) Add(r *border.Result) {
	if a.got >= a.n {
		panic(fmt.Sprintf("report: replication %d added to an accumulator of %d", a.got, a.n))
	}
	sc := a.sc
	a.events += r.Events
	a.measures = append(a.measures, Measure(sc, r))
	if a.base == nil { // the counterfactual's time series and response are not among the outputs
		a.series.add(sc, r)
		a.resp.add(sc, r, float64(a.n))
	}
	var ws *orgAcc
	if a.base != nil {
		ws = &a.base.orgs // the counterfactual's periods are compared over the run's surge windows
	}
	a.orgs.add(sc, r, float64(a.n), ws)
	seized, delivered, inside := drugFlows(sc, r)
	surged := surgedPorts(sc)
	if a.base != nil {
		surged = surgedPorts(a.base.sc) // the policy's ports; the counterfactual has no surges
	}
	a.market = append(a.market, marketRep{seized: seized, delivered: delivered, inside: inside, crossing: CrossingCosts(sc, r), supply: supplyOf(sc, r, surged)})
	a.got++
}

// Counterfactual returns the accumulator of the counterfactual (the run's
// scenario and seeds without its surges, csc): its replications are
// measured against the run's over the run's surge windows. It keeps what
// the comparison reads (the measures, the organisations, the market), not
// the time series or the drivers' response. Call it after the run's
// replications are all added.
func (a *Accumulator) Counterfactual(csc *scenario.Scenario) *Accumulator {
	a.complete()
	a.cf = &Accumulator{sc: csc, n: a.n, base: a}
	return a.cf
}

// complete panics unless every replication was added: an output of part
// of a run would be wrong without saying so.
func (a *Accumulator) complete() {
	if a.got != a.n {
		panic(fmt.Sprintf("report: %d of %d replications added", a.got, a.n))
	}
}

// counterfactual returns the complete counterfactual accumulator, or nil.
func (a *Accumulator) counterfactual() *Accumulator {
	if a.cf == nil || a.cf.got != a.cf.n || a.cf.n != a.n {
		return nil
	}
	return a.cf
}

// Summary returns summary.json's standard sections (Summarize).
func (a *Accumulator) Summary() *Summary {
	a.complete()
	return summarize(a.sc, a.measures, a.events)
}

// SeriesCSV writes series.csv (the package function SeriesCSV says what
// it holds).
func (a *Accumulator) SeriesCSV(w io.Writer) error {
	a.complete()
	if a.base != nil {
		return fmt.Errorf("the counterfactual's time series are not kept")
	}
	return a.series.write(w, a.sc, a.got)
}

// RoutesCSV writes routes.csv (RoutesCSV); of the counterfactual with
// the counterfactual's accumulator.
func (a *Accumulator) RoutesCSV(w io.Writer) error {
	a.complete()
	return a.orgs.routesCSV(w, a.sc)
}

// Organisations summarises the organisations' books (nil without any).
func (a *Accumulator) Organisations() []OrgSummary {
	a.complete()
	return a.orgs.summaries(a.sc)
}

// Displacements compares each surge's periods with those before it
// (nil without organisations or surges).
func (a *Accumulator) Displacements() []Displacement {
	a.complete()
	return a.orgs.displacements(a.sc)
}

// CounterfactualDisplacements measures each surge against the
// counterfactual (nil without one, or without organisations or surges).
func (a *Accumulator) CounterfactualDisplacements() []CounterfactualDisplacement {
	a.complete()
	cf := a.counterfactual()
	if cf == nil {
		return nil
	}
	return counterfactualDisplacements(a.sc, &a.orgs, &cf.orgs)
}

// Market summarises each drug's market, against the counterfactual when
// there is one (Market).
func (a *Accumulator) Market() []MarketDrug {
	a.complete()
	var cs []marketRep
	if cf := a.counterfactual(); cf != nil {
		cs = cf.market
	}
	return marketOf(a.sc, a.market, cs)
}

// Responses summarises the drivers' answers to delay (Responses).
func (a *Accumulator) Responses() *ResponseSummary {
	a.complete()
	if a.base != nil {
		return nil // not kept for the counterfactual
	}
	return a.resp.summary(a.sc, a.got)
}

// accumulate folds results, in order, into a new accumulator: the package
// functions that take every result (Summarize, SeriesCSV, …) are this
// and the accumulator's method.
func accumulate(sc *scenario.Scenario, results []*border.Result) *Accumulator {
	a := NewAccumulator(sc, len(results))
	for _, r := range results {
		a.Add(r)
	}
	return a
}

// CounterfactualRoutesCSV writes routes-counterfactual.csv: routes.csv of
// the counterfactual (nothing but the header without one).
func (a *Accumulator) CounterfactualRoutesCSV(w io.Writer) error {
	a.complete()
	cf := a.counterfactual()
	if cf == nil {
		var none orgAcc
		return none.routesCSV(w, a.sc)
	}
	return cf.orgs.routesCSV(w, cf.sc)
}
