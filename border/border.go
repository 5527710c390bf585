package border

import (
	"fmt"
	"math"
	"sort"
	"sync"
	"sync/atomic"

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

// Run simulates replication rep of sc.
func Run(sc *scenario.Scenario, rep int, opt Options) (_ *Result, err error) {
	win := WindowOf(sc)
	streams := func(name string) *sim.Stream { return sim.NewStream(sc.Seed, rep, name) }

	var smug *traffic.Organisations
	var supply *traffic.Supply
	if len(sc.Orgs) > 0 || len(sc.Loads) > 0 {
		supply = traffic.NewSupply(sc)
	}
	if len(sc.Orgs) > 0 {
		smug = traffic.NewOrganisations(sc, streams, win.Start, win.End)
		smug.Supply = supply
	}
	// Without organisations the market moves the fixed flows only when a
	// surge changes their lanes' risk; then the ports meet at every
	// decision boundary too.
	flowsMove := smug == nil && supply != nil && supply.Moves()

	type outcome struct {
		load   traffic.Load
		seized bool
	}
	pts := make([]*ports.Port, len(sc.Ports))
	envs, groups := portEnvs(sc) // coupled.go
	outcomes := make([][]outcome, len(sc.Ports))
	fixed := make([][][]traffic.LoadSource, len(sc.Ports))
	for i := range sc.Ports {
		i := i
		var rep ports.LoadReport
		if smug != nil {
			rep = func(l traffic.Load, seized bool) {
				// Every organisation's load, and every seizure (the
				// smugglers read CBP's announcements of big ones).
				if l.Org >= 0 || seized {
					outcomes[i] = append(outcomes[i], outcome{l, seized})
				}
			}
		}
		pts[i] = ports.New(envs[i], sc, i, win, streams, rep)
		fixed[i] = make([][]traffic.LoadSource, len(pts[i].Lanes()))
		for l, ln := range pts[i].Lanes() {
			fixed[i][l] = append([]traffic.LoadSource(nil), ln.Loads.Sources()...)
		}
		pts[i].Start()
	}
	if opt.Series != nil {
		sink, serr := opt.Series(rep)
		if serr != nil {
			return nil, serr
		}
		streamSeries(pts, sink)
		defer func() {
			if cerr := sink.Close(err != nil); err == nil && cerr != nil {
				err = cerr
			}
		}()
	}

	cp := newCoupled(sc, pts, groups, envs)

	// Without smugglers nothing couples the ports: each runs to the end on
	// its own. With them, ports meet at every decision boundary.
	period := win.End
	if (smug != nil || flowsMove) && sc.DecisionPeriod > 0 {
		period = sc.DecisionPeriod
	}
	order := largestFirst(sc)
	var weight []float64 // each port's share of the vehicles, for progress
	total := 0.0
	for _, p := range sc.Ports {
		w := 0.0
		for _, l := range p.Lanes {
			w += l.Rate
		}
		weight = append(weight, w)
		total += w
	}
	var mu sync.Mutex
	var done float64
	progress := func(p int, dt float64) {
		if opt.Progress == nil || total == 0 {
			return
		}
		mu.Lock()
		done += dt * weight[p] / total
		opt.Progress(done, win.End)
		mu.Unlock()
	}
	var buf []traffic.LoadSource
	for k, t := 0, 0.0; t < win.End; k++ {
		if smug != nil {
			for i := range pts {
				for _, o := range outcomes[i] {
					smug.Outcome(i, o.load, o.seized)
				}
				outcomes[i] = outcomes[i][:0]
			}
			// The organisations watch the ports: how many vehicles each
			// lane has seen and pulled into secondary since the start.
			for i, pt := range pts {
				for l, ln := range pt.Lanes() {
					smug.Watch(i, l, ln.Seen, ln.Pulled)
				}
			}
			plan := smug.Plan(k, t)
			for i, pt := range pts {
				for l, ln := range pt.Lanes() {
					buf = scaledFlows(buf[:0], fixed[i][l], supply)
					if i < len(plan) && l < len(plan[i]) {
						buf = append(buf, plan[i][l]...)
					}
					if err := ln.Loads.Set(buf); err != nil {
						return nil, fmt.Errorf("%s, %s: %v", sc.Ports[i].Name, sc.Classes[sc.Ports[i].Lanes[l].Class].Name, err)
					}
				}
			}
		} else if supply != nil {
			supply.Step(t, math.Min(t+period, win.End)-t)
			if flowsMove {
				for i, pt := range pts {
					for l, ln := range pt.Lanes() {
						buf = scaledFlows(buf[:0], fixed[i][l], supply)
						if err := ln.Loads.Set(buf); err != nil {
							return nil, fmt.Errorf("%s, %s: %v", sc.Ports[i].Name, sc.Classes[sc.Ports[i].Lanes[l].Class].Name, err)
						}
					}
				}
			}
		}
		next := math.Min(t+period, win.End)
		if cp != nil {
			if !cp.run(t, next, opt.Workers, opt.Stop, progress) {
				return nil, ErrStopped
			}
		} else if !runPorts(pts, order, next, opt.Workers, opt.Stop, progress) {
			return nil, ErrStopped
		}
		t = next
	}
	res := &Result{Replication: rep, Window: win, Orgs: smug, Supply: supply}
	counted := map[*sim.Env]bool{}
	for i, pt := range pts {
		pt.Finish()
		pr := PortResult{Name: sc.Ports[i].Name, State: sc.Ports[i].State}
		for _, ln := range pt.Lanes() {
			pr.Lanes = append(pr.Lanes, ln.Stats)
		}
		res.Ports = append(res.Ports, pr)
		if !counted[pt.Env()] { // the ports of a group share one
			counted[pt.Env()] = true
			res.Events += pt.Env().Processed()
		}
	}
	if smug != nil {
		for i := range pts {
			for _, o := range outcomes[i] {
				smug.Outcome(i, o.load, o.seized)
			}
		}
		smug.Finish(win.End)
	}
	return res, nil
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

// largestFirst orders ports by traffic, busiest first, so that a pool of
// workers ends together (longest-processing-time-first scheduling, Graham
// 1969) instead of waiting on San Ysidro picked up last.
func largestFirst(sc *scenario.Scenario) []int {
	order := make([]int, len(sc.Ports))
	rate := make([]float64, len(sc.Ports))
	for i, p := range sc.Ports {
		order[i] = i
		for _, l := range p.Lanes {
			rate[i] += l.Rate
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return rate[order[a]] > rate[order[b]] })
	return order
}

// chunk is how far a port runs before it reports progress: a simulated
// day.
const chunk = scenario.Day

// stopEvery is how many events a port runs between looks at the stop
// channel. A simulated day of a very busy lane is millions of events
// (6.5–12 s of wall time), too long to wait for Ctrl-C; 2^14 events take
// a few milliseconds at the model's 3–5 million events a second
// (docs/PERFORMANCE.md), and one non-blocking receive per 2^14 events
// costs nothing measurable (BenchmarkStopCheck).
const stopEvery = 1 << 14

// runPorts advances every port to time t, on up to workers goroutines,
// in the given order. Each port owns its environment and streams, so the
// order and the interleaving change no number. It reports false when stop
// was closed.
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
	if workers <= 1 || len(pts) == 1 {
		for _, i := range order {
			if !advance(i) {
				return false
			}
		}
		return true
	}
	var wg sync.WaitGroup
	var stopped atomic.Bool
	next := make(chan int)
	for w := 0; w < workers && w < len(pts); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if !stopped.Load() && !advance(i) {
					stopped.Store(true)
				}
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return !stopped.Load()
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
