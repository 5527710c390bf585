package report

import (
	"borderflow/border"
	"borderflow/scenario"
	"borderflow/traffic"
)

// orgAcc folds the organisations' books of each replication into what
// summary.json's organisations, displacement and routes.csv read, so that
// no replication's books are kept: the route and outside kilograms and
// routes.csv's rows as running sums (each replication's term divided by
// the replications, added in replication order as the outputs always
// did), and per replication its organisations' totals, final risks and
// the sums over each surge's periods (a few numbers per port and route).
type orgAcc struct {
	reps    int  // replications added
	missing bool // a replication had no organisations (the outputs are then empty)
	orgsAny bool // the first replication had at least one organisation
	// The first replication's schedule: the statistics window's start,
	// the decision period and organisation 0's periods (Start, Length and
	// Counted only). Every replication has the same.
	start, period float64
	books         []traffic.PeriodBook
	// surges are the scenario's, or for a counterfactual the run's.
	surges []scenario.Surge

	totals                      [][]traffic.Totals // by replication, organisation
	risks                       [][][]float64      // by replication, organisation, route: the final perceived risk
	routeAttempted, routeSeized [][]float64        // by organisation, route: kg over counted periods ÷ replications, summed
	outside                     [][]float64        // by organisation, outside option: the same
	outsideSeen                 [][]bool           // whether outside holds a term (a counted period)
	routes                      []float64          // routes.csv's kg_planned and share, row after row (routesCSV's order)

	// By surge, then replication: the sums over the periods before and
	// during it (Displacements), during and after it (the
	// counterfactual's, over the run's windows for the counterfactual's
	// own accumulator).
	before, during    [][]periodSums
	cfDuring, cfAfter [][]cfSums
}

// on reports whether there is anything to summarise: replications, each
// with organisations.
func (a *orgAcc) on() bool { return a.reps > 0 && !a.missing }

// add folds replication r's organisations. n is the number of
// replications of the run (the divisor of the means); base, when not nil,
// is the run a counterfactual is measured against: its surge windows are
// those summed here.
func (a *orgAcc) add(sc *scenario.Scenario, r *border.Result, n float64, base *orgAcc) {
	first := a.reps == 0
	a.reps++
	g := r.Organisations()
	if g == nil || a.missing {
		a.missing = true
		return
	}
	if first {
		a.start, _ = g.Window()
		a.period = g.Period()
		a.orgsAny = len(g.Orgs) > 0
		if a.orgsAny {
			for _, b := range g.Orgs[0].Periods {
				a.books = append(a.books, traffic.PeriodBook{Start: b.Start, Length: b.Length, Counted: b.Counted})
			}
		}
		a.routeAttempted, a.routeSeized = make([][]float64, len(sc.Orgs)), make([][]float64, len(sc.Orgs))
		a.outside, a.outsideSeen = make([][]float64, len(sc.Orgs)), make([][]bool, len(sc.Orgs))
		for i := range sc.Orgs {
			a.routeAttempted[i], a.routeSeized[i] = make([]float64, len(sc.Orgs[i].Routes)), make([]float64, len(sc.Orgs[i].Routes))
			a.outside[i], a.outsideSeen[i] = make([]float64, len(sc.Orgs[i].Outside)), make([]bool, len(sc.Orgs[i].Outside))
		}
		a.surges = sc.Surges
		if base != nil {
			a.surges = base.surges
		}
		a.before, a.during = make([][]periodSums, len(sc.Surges)), make([][]periodSums, len(sc.Surges))
		a.cfDuring, a.cfAfter = make([][]cfSums, len(a.surges)), make([][]cfSums, len(a.surges))
	}
	if len(sc.Orgs) == 0 {
		return
	}

	// Organisations: totals, final risks, kilograms by route and option.
	ts, rk := make([]traffic.Totals, len(sc.Orgs)), make([][]float64, len(sc.Orgs))
	for i := range sc.Orgs {
		o := g.Orgs[i]
		ts[i], rk[i] = o.Totals(), o.Risks()
		for rt := range sc.Orgs[i].Routes {
			for k := range o.Periods {
				if b := &o.Periods[k]; b.Counted {
					a.routeAttempted[i][rt] += b.Attempted[rt] / n
					a.routeSeized[i][rt] += b.Seized[rt] / n
				}
			}
		}
		for x := range sc.Orgs[i].Outside {
			for k := range o.Periods {
				if b := &o.Periods[k]; b.Counted {
					a.outside[i][x] += b.Outside[x] / n
					a.outsideSeen[i][x] = true
				}
			}
		}
	}
	a.totals = append(a.totals, ts)
	a.risks = append(a.risks, rk)

	a.addRoutes(sc, g, n, first)

	// The surges' windows: the run's own, or those of the run it is the
	// counterfactual of (whose scenario has the surges).
	if base == nil {
		for si, su := range sc.Surges {
			if f, k, ok := surgeBefore(a.books, a.start, a.period, su); ok {
				a.before[si] = append(a.before[si], sumPeriods(sc, g, f-k, f))
				a.during[si] = append(a.during[si], sumPeriods(sc, g, f, f+k))
			}
		}
	}
	w := a
	if base != nil {
		w = base
	}
	for si, su := range w.surges {
		if f, k, after, ok := surgeAfter(w.books, w.start, w.period, su); ok {
			a.cfDuring[si] = append(a.cfDuring[si], sumCF(sc, g, f, f+k))
			a.cfAfter[si] = append(a.cfAfter[si], sumCF(sc, g, f+k, f+k+after))
		}
	}
}

// addRoutes adds replication g's terms to routes.csv's rows (RoutesCSV
// says what they are), allocating them with the first replication.
func (a *orgAcc) addRoutes(sc *scenario.Scenario, g *traffic.Organisations, n float64, first bool) {
	if !a.orgsAny {
		return
	}
	if first {
		rows := 0
		for k := range a.books {
			if a.books[k].Counted {
				for i := range sc.Orgs {
					rows += len(sc.Orgs[i].Routes) + len(sc.Orgs[i].Outside)
				}
			}
		}
		a.routes = make([]float64, 2*rows)
	}
	row := a.routes
	for k := range a.books {
		if !a.books[k].Counted {
			continue
		}
		for i := range sc.Orgs {
			b := &g.Orgs[i].Periods[k]
			for r := range sc.Orgs[i].Routes {
				row[0] += b.Planned[r] / n
				row[1] += b.Choice.Route[r] / n
				row = row[2:]
			}
			for x := range sc.Orgs[i].Outside {
				row[0] += b.Outside[x] / n
				row[1] += b.Choice.Outside[x] / n
				row = row[2:]
			}
		}
	}
}
