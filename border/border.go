package border

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"borderflow/ports"
	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// Options tune a run without changing its numbers.
type Options struct {
	// Workers is the number of goroutines that run ports side by side
	// between decision boundaries (≤ 1: sequential).
	Workers int
	// Progress, when set, is called as the run goes with the simulated
	// seconds done and the total: after each simulated day of a port, and
	// with Stop set after every few thousand events.
	Progress func(done, total float64)
	// Stop, when set and closed, makes the run return early with ErrStopped.
	Stop <-chan struct{}
	// Series, when set, gives replication rep's sink for its time series
	// (series.go): the ports hand it their bins as they close, and the
	// Result's lanes have no Bins. Unset, the Result keeps them.
	Series func(rep int) (SeriesSink, error)
}

// ErrStopped is returned when Options.Stop was closed during the run.
var ErrStopped = fmt.Errorf("run stopped")

// PortResult is one port's measurements in one replication.
type PortResult struct {
	Name  string
	State string
	Lanes []ports.LaneStats
}

// Result is one replication's measurements.
type Result struct {
	Replication int
	Events      uint64
	Ports       []PortResult
	Window      ports.Window
	// Orgs are the replication's adaptive organisations and their books
	// (nil when the scenario has none).
	Orgs *traffic.Organisations
	// Supply is the replication's market: prices, quantity demanded and
	// volume factors by decision period (nil without loads or
	// organisations).
	Supply *traffic.Supply
}

// WindowOf returns the statistics window of a scenario. Time-series bins
// are the scenario's bin width.
func WindowOf(sc *scenario.Scenario) ports.Window {
	w := ports.Window{Start: sc.Warmup, End: sc.Warmup + sc.Horizon, BinWidth: sc.BinWidth}
	if w.BinWidth <= 0 {
		w.BinWidth = scenario.Hour
	}
	return w
}

// Run simulates replication rep of sc: it builds the ports (and the
// organisations, if any), runs them to the end of the window and collects
// their measurements.
func Run(sc *scenario.Scenario, rep int, opt Options) (_ *Result, err error) {
	r := build(sc, rep)
	if opt.Series != nil {
		sink, serr := opt.Series(rep)
		if serr != nil {
			return nil, serr
		}
		streamSeries(r.pts, sink)
		defer func() {
			if cerr := sink.Close(err != nil); err == nil && cerr != nil {
				err = cerr
			}
		}()
	}
	if err := r.run(opt); err != nil {
		return nil, err
	}
	return r.collect(), nil
}

// replication is one replication's model while it runs.
type replication struct {
	sc   *scenario.Scenario
	rep  int
	win  ports.Window
	smug *traffic.Organisations // nil without organisations
	// supply is the market (nil without loads or organisations); without
	// organisations it moves the fixed flows only when a surge changes
	// their lanes' risk (flowsMove), and then the ports meet at every
	// decision boundary too.
	supply    *traffic.Supply
	flowsMove bool
	pts       []*ports.Port
	cp        *coupled // nil without a response (coupled.go)
	// rate is each port's vehicles per second: the order in which ports
	// are run (busiest first) and their weights in the progress.
	rate []float64
	// outcomes are the organisations' loads and the seizures at each port
	// since the last decision boundary; fixed are each lane's fixed flows,
	// to which the organisations' plans are added.
	outcomes [][]outcome
	fixed    [][][]traffic.LoadSource
}

type outcome struct {
	load   traffic.Load
	seized bool
}

// build makes replication rep of sc ready to run: every port built and
// started, wired to the others when drivers divert.
func build(sc *scenario.Scenario, rep int) *replication {
	r := &replication{sc: sc, rep: rep, win: WindowOf(sc)}
	streams := func(name string) *sim.Stream { return sim.NewStream(sc.Seed, rep, name) }
	if len(sc.Orgs) > 0 || len(sc.Loads) > 0 {
		r.supply = traffic.NewSupply(sc)
	}
	if len(sc.Orgs) > 0 {
		r.smug = traffic.NewOrganisations(sc, streams, r.win.Start, r.win.End)
		r.smug.Supply = r.supply
	}
	r.flowsMove = r.smug == nil && r.supply != nil && r.supply.Moves()
	r.pts = make([]*ports.Port, len(sc.Ports))
	envs, groups := portEnvs(sc) // coupled.go
	r.outcomes = make([][]outcome, len(sc.Ports))
	r.fixed = make([][][]traffic.LoadSource, len(sc.Ports))
	r.rate = make([]float64, len(sc.Ports))
	for i, p := range sc.Ports {
		for _, l := range p.Lanes {
			r.rate[i] += l.Rate
		}
		var report ports.LoadReport
		if r.smug != nil {
			report = func(l traffic.Load, seized bool) {
				// Every organisation's load, and every seizure (the
				// smugglers read CBP's announcements of big ones).
				if l.Org >= 0 || seized {
					r.outcomes[i] = append(r.outcomes[i], outcome{l, seized})
				}
			}
		}
		pt := ports.New(envs[i], sc, i, r.win, streams, report)
		r.fixed[i] = make([][]traffic.LoadSource, len(pt.Lanes()))
		for l, ln := range pt.Lanes() {
			r.fixed[i][l] = append([]traffic.LoadSource(nil), ln.Loads.Sources()...)
		}
		pt.Start()
		r.pts[i] = pt
	}
	r.cp = newCoupled(sc, r.pts, groups, envs, r.rate)
	return r
}

// run runs the ports to the end of the window. Without organisations
// nothing couples the ports but the drivers' response: each runs to the
// end on its own. With them, ports meet at every decision boundary, where
// the organisations learn what became of their loads and plan the next
// period.
func (r *replication) run(opt Options) error {
	sc, win := r.sc, r.win
	period := win.End
	if (r.smug != nil || r.flowsMove) && sc.DecisionPeriod > 0 {
		period = sc.DecisionPeriod
	}
	order := largestFirst(r.rate)
	total := 0.0
	for _, w := range r.rate {
		total += w
	}
	var mu sync.Mutex
	var done float64
	progress := func(p int, dt float64) {
		if opt.Progress == nil || total == 0 {
			return
		}
		mu.Lock()
		done += dt * r.rate[p] / total
		opt.Progress(done, win.End)
		mu.Unlock()
	}
	var buf []traffic.LoadSource
	for k, t := 0, 0.0; t < win.End; k++ {
		if r.smug != nil {
			r.tellOutcomes()
			// The organisations watch the ports: how many vehicles each
			// lane has seen and pulled into secondary since the start.
			for i, pt := range r.pts {
				for l, ln := range pt.Lanes() {
					r.smug.Watch(i, l, ln.Seen, ln.Pulled)
				}
			}
			var err error
			if buf, err = r.setFlows(buf, r.smug.Plan(k, t)); err != nil {
				return err
			}
		} else if r.supply != nil {
			r.supply.Step(t, math.Min(t+period, win.End)-t)
			if r.flowsMove {
				var err error
				if buf, err = r.setFlows(buf, nil); err != nil {
					return err
				}
			}
		}
		next := math.Min(t+period, win.End)
		if r.cp != nil {
			if !r.cp.run(t, next, opt.Workers, opt.Stop, progress) {
				return ErrStopped
			}
		} else if !runPorts(r.pts, order, next, opt.Workers, opt.Stop, progress) {
			return ErrStopped
		}
		t = next
	}
	return nil
}

// setFlows gives every lane its fixed flows, scaled by the market, and
// the organisations' plan for it (nil: none).
func (r *replication) setFlows(buf []traffic.LoadSource, plan [][][]traffic.LoadSource) ([]traffic.LoadSource, error) {
	for i, pt := range r.pts {
		for l, ln := range pt.Lanes() {
			buf = scaledFlows(buf[:0], r.fixed[i][l], r.supply)
			if i < len(plan) && l < len(plan[i]) {
				buf = append(buf, plan[i][l]...)
			}
			if err := ln.Loads.Set(buf); err != nil {
				return buf, fmt.Errorf("%s, %s: %v", r.sc.Ports[i].Name, r.sc.Classes[r.sc.Ports[i].Lanes[l].Class].Name, err)
			}
		}
	}
	return buf, nil
}

// tellOutcomes tells the organisations what became of the loads since the
// last call, port by port in order.
func (r *replication) tellOutcomes() {
	for i := range r.pts {
		for _, o := range r.outcomes[i] {
			r.smug.Outcome(i, o.load, o.seized)
		}
		r.outcomes[i] = r.outcomes[i][:0]
	}
}

// collect closes every port's statistics and the organisations' books
// and returns the replication's measurements.
func (r *replication) collect() *Result {
	res := &Result{Replication: r.rep, Window: r.win, Orgs: r.smug, Supply: r.supply}
	counted := map[*sim.Env]bool{}
	for i, pt := range r.pts {
		pt.Finish()
		pr := PortResult{Name: r.sc.Ports[i].Name, State: r.sc.Ports[i].State}
		for _, ln := range pt.Lanes() {
			pr.Lanes = append(pr.Lanes, ln.Stats)
		}
		res.Ports = append(res.Ports, pr)
		if !counted[pt.Env()] { // the ports of a group share one
			counted[pt.Env()] = true
			res.Events += pt.Env().Processed()
		}
	}
	if r.smug != nil {
		r.tellOutcomes()
		r.smug.Finish(r.win.End)
	}
	return res
}

// scaledFlows appends the fixed flows of one lane to buf with their
// loads per vehicle times the market's volume factor of their drug,
// scaled down together when they would need more than one load per
// vehicle.
func scaledFlows(buf, flows []traffic.LoadSource, supply *traffic.Supply) []traffic.LoadSource {
	n := len(buf)
	total := 0.0
	for _, f := range flows {
		if supply != nil {
			f.PerVehicle *= supply.Factor(f.Drug)
		}
		total += f.PerVehicle
		buf = append(buf, f)
	}
	if total > 1 {
		for i := n; i < len(buf); i++ {
			buf[i].PerVehicle *= (1 - 1e-9) / total
		}
	}
	return buf
}

// largestFirst orders ports (or groups of ports) by their vehicles per
// second, busiest first, so that a pool of workers ends together
// (longest-processing-time-first scheduling, Graham 1969) instead of
// waiting on San Ysidro picked up last.
func largestFirst(rate []float64) []int {
	order := make([]int, len(rate))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rate[order[a]] > rate[order[b]] })
	return order
}

// chunk is how far a port runs before it reports progress: a simulated
// day.
const chunk = scenario.Day

// stopEvery is how many events a port runs between looks at the stop
// channel. A simulated day of a busy port is millions of events, too many
// to run before answering Ctrl-C; a slice of 2^14 events is over within
// milliseconds (docs/PERFORMANCE.md gives the events per second), and one
// non-blocking receive per slice costs nothing measurable
// (BenchmarkStopCheck).
const stopEvery = 1 << 14

// runPorts advances every port to time t, on up to workers goroutines
// (Pool), busiest first (order). Each port owns its environment and
// streams, so the order and the interleaving change no number. It
// reports false when stop was closed.
func runPorts(pts []*ports.Port, order []int, t float64, workers int, stop <-chan struct{}, progress func(p int, dt float64)) bool {
	advance := func(i int) bool {
		env := pts[i].Env()
		for env.Now() < t {
			from := env.Now()
			end := math.Min(from+chunk, t)
			if stop == nil {
				env.RunUntil(end)
				progress(i, env.Now()-from)
				continue
			}
			// The events of RunUntil(end), in slices of stopEvery with a
			// look at stop (and a progress report) between them: the same
			// events in the same order.
			for {
				select {
				case <-stop:
					return false
				default:
				}
				at := env.Now()
				reached := runEvents(env, end, stopEvery)
				progress(i, env.Now()-at)
				if reached {
					break
				}
			}
		}
		return true
	}
	err := Pool(len(order), min(workers, len(pts)), nil, nil, func(k int, _ func(float64)) error {
		if !advance(order[k]) {
			return ErrStopped
		}
		return nil
	})
	return err == nil
}

// runEvents runs at most n of the events RunUntil(end) would run and
// reports whether it got to end (and set the clock there).
func runEvents(env *sim.Env, end float64, n int) bool {
	for ; n > 0; n-- {
		if env.PeekTime() >= end {
			env.RunUntil(end)
			return true
		}
		env.Step()
	}
	return false
}
