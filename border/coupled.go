package border

import (
	"math"
	"runtime"
	"sync/atomic"
	"time"

	"borderflow/bug"
	"borderflow/ports"
	"borderflow/scenario"
	"borderflow/sim"
)

// Ports that exchange diverted vehicles (scenario.Response) run as a
// conservative parallel discrete-event simulation (Chandy and Misra 1979;
// Fujimoto, Parallel and Distributed Simulation Systems, 2000): a vehicle
// that leaves port A at time t reaches port B no earlier than t plus the
// drive between them, so every group of ports can run alone to the end of
// a window no longer than the shortest drive between groups (the
// lookahead). At the window's end the diverted vehicles are handed over in
// a fixed order (by sending group, then in the order they left) and every
// port publishes its expected waits for the next window. Ports closer than
// the response's group_within share one clock, so no lookahead is zero.
// The numbers depend on the windows, never on the workers.

// coupled is the state of such a run.
type coupled struct {
	pts       []*ports.Port
	groups    [][]int
	groupOf   []int
	envs      []*sim.Env // by group
	order     []int      // groups, busiest first
	rate      []float64  // vehicles per second by group
	step      float64    // window length
	published [][]float64
	out       []outbox // diverted vehicles by sending group, this window
}

// outbox is one sending group's diverted vehicles of the window. Groups
// on two cores append to their own outboxes at once, so each outbox has
// a cache line of its own (internal/cacheline): 24 bytes of slice and 40 of
// padding, in a slice of 64-byte elements whose size class is a multiple
// of 64.
type outbox struct {
	ts []ports.Transfer
	_  [40]byte
}

// portEnvs returns each port's environment: its own, or with a response
// its group's (the groups come back too; nil without a response).
func portEnvs(sc *scenario.Scenario) ([]*sim.Env, [][]int) {
	envs := make([]*sim.Env, len(sc.Ports))
	if sc.Response == nil {
		for i := range envs {
			envs[i] = sim.NewEnv()
		}
		return envs, nil
	}
	groups := sc.Response.Groups(len(sc.Ports))
	for _, g := range groups {
		env := sim.NewEnv()
		for _, p := range g {
			envs[p] = env
		}
	}
	return envs, groups
}

// newCoupled wires the ports of a scenario with a response: each lane's
// options (the other ports' lanes of its class within max_detour), the
// published waits and the hand-over of diverted vehicles; rate is each
// port's vehicles per second. Nil without a response.
func newCoupled(sc *scenario.Scenario, pts []*ports.Port, groups [][]int, envs []*sim.Env, rate []float64) *coupled {
	r := sc.Response
	if r == nil {
		return nil
	}
	c := &coupled{pts: pts, groups: groups, groupOf: make([]int, len(pts))}
	for g, ps := range groups {
		for _, p := range ps {
			c.groupOf[p] = g
		}
		c.envs = append(c.envs, envs[ps[0]])
	}
	c.out = make([]outbox, len(groups))
	c.published = make([][]float64, len(pts))
	for i, pt := range pts {
		c.published[i] = make([]float64, len(pt.Lanes()))
	}
	c.step = math.Min(r.Lookahead(groups), r.PublishEvery)

	// Groups busiest first, as ports are without a response.
	c.rate = make([]float64, len(groups))
	for g, ps := range groups {
		for _, p := range ps {
			c.rate[g] += rate[p]
		}
	}
	c.order = largestFirst(c.rate)

	cp := &ports.Coupling{Published: c.published, Send: c.send}
	for a, pt := range pts {
		opts := make([][]ports.Option, len(sc.Ports[a].Lanes))
		for l, ln := range sc.Ports[a].Lanes {
			cr := &r.Classes[ln.Class]
			if !cr.Active || !cr.Divert {
				continue
			}
			for b := range sc.Ports {
				if b == a {
					continue
				}
				d := r.DriveSeconds(a, b, cr.SpeedKmh)
				if !(d <= r.MaxDetour) {
					continue
				}
				for lb, other := range sc.Ports[b].Lanes {
					if other.Class == ln.Class {
						opts[l] = append(opts[l], ports.Option{Port: b, Lane: lb, Drive: d})
					}
				}
			}
		}
		pt.Couple(cp, opts)
	}
	return c
}

// send takes a diverted vehicle: at once within a group (one clock), at the
// window's end across groups.
func (c *coupled) send(t ports.Transfer) {
	g := c.groupOf[t.From]
	if c.groupOf[t.To] == g {
		c.pts[t.To].Receive(t)
		return
	}
	c.out[g].ts = append(c.out[g].ts, t)
}

// run advances every group from now to until in windows of c.step, on up
// to workers goroutines. It reports false when stop was closed.
//
// The calling goroutine and workers−1 helpers each own a share of the
// groups, dealt busiest first to the least loaded (longest processing time
// first, Graham 1969), so a group runs on the same goroutine window after
// window and finds its state in that core's cache; one that finishes its
// share takes what is left of the others'. Between windows the helpers
// wait for the next one by spinning a little, then sleeping (wake): a run
// has many short windows, and waking a sleeping goroutine at each would
// cost a good share of a window's work (docs/PERFORMANCE.md has the
// figures).
func (c *coupled) run(now, until float64, workers int, stop <-chan struct{}, progress func(p int, dt float64)) bool {
	n := max(1, min(workers, len(c.groups)))
	shares := c.shares(n)
	var (
		end     float64
		next    = make([]jobCounter, n) // the next job of each share in this window
		window  atomic.Int64            // the window the helpers are to run; −1: return
		done    atomic.Int64            // helpers done with the current window
		helpers = make([]*wake, n-1)
		mainW   = newWake(n)
		crash   atomic.Pointer[bug.Error] // a helper's panic, raised again here
	)
	work := func(w int) {
		if helperFault != nil {
			helperFault(w)
		}
		for k := 0; k < n; k++ { // its own share, then the others'
			sh := shares[(w+k)%n]
			ctr := &next[(w+k)%n].Int64
			for {
				i := int(ctr.Add(1)) - 1
				if i >= len(sh) {
					break
				}
				c.envs[sh[i]].RunUntil(end)
			}
		}
	}
	for h := range helpers {
		helpers[h] = newWake(n)
		go func(w int, me *wake) {
			for k := int64(1); ; k++ {
				me.wait(func() bool { x := window.Load(); return x == k || x < 0 })
				if window.Load() < 0 {
					return
				}
				helperWork(w, work, &crash)
				if done.Add(1) == int64(n-1) {
					mainW.signal()
				}
			}
		}(h+1, helpers[h])
	}
	defer func() {
		window.Store(-1)
		for _, h := range helpers {
			h.signal()
		}
	}()
	reported := now
	for t, k := now, int64(1); t < until; k++ {
		if stop != nil {
			select {
			case <-stop:
				return false
			default:
			}
		}
		end = math.Min(until, t+c.step)
		for i := range next {
			next[i].Store(0)
		}
		done.Store(0)
		window.Store(k)
		for _, h := range helpers {
			h.signal()
		}
		work(0)
		mainW.wait(func() bool { return done.Load() == int64(n-1) })
		if e := crash.Load(); e != nil {
			panic(e) // on the replication's goroutine, where runJob reports it
		}
		for g := range c.out {
			for _, tr := range c.out[g].ts {
				c.pts[tr.To].Receive(tr)
			}
			c.out[g].ts = c.out[g].ts[:0]
		}
		for p, pt := range c.pts {
			for l := range c.published[p] {
				c.published[p][l] = pt.ExpectedWait(l)
			}
		}
		if end-reported >= chunk || end >= until {
			for p := range c.pts {
				progress(p, end-reported)
			}
			reported = end
		}
		t = end
	}
	return true
}

// helperWork runs a helper's work for one window. A panic there would end
// the process with a stack trace and no report; it is kept in crash for
// the calling goroutine to raise again when the window ends, and the
// helper counts the window as done so that nothing waits for it.
func helperWork(w int, work func(int), crash *atomic.Pointer[bug.Error]) {
	defer func() {
		if r := recover(); r != nil {
			e := bug.Recovered("a coupled run's helper", r).(*bug.Error)
			crash.CompareAndSwap(nil, e)
		}
	}()
	work(w)
}

// helperFault, when set (tests only), runs at the start of each worker's
// work in every window.
var helperFault func(w int)

// jobCounter is the next job of one worker's share, on a cache line of
// its own: both workers take jobs from it (internal/cacheline).
type jobCounter struct {
	atomic.Int64
	_ [56]byte
}

// shares deals the groups (busiest first, c.order) to n workers: each to
// the one with the least traffic so far.
func (c *coupled) shares(n int) [][]int {
	out := make([][]int, n)
	load := make([]float64, n)
	for _, g := range c.order {
		w := 0
		for i := 1; i < n; i++ {
			if load[i] < load[w] {
				w = i
			}
		}
		out[w] = append(out[w], g)
		load[w] += c.rate[g]
	}
	return out
}

// wake lets one goroutine wait for a condition another makes true: it
// spins for a while (the condition usually comes within microseconds),
// then sleeps until signal. signal must be called after the condition is
// made true; the atomics order the flag and the condition, so no wake-up
// is lost. A signal may come late (a helper that made the last window's
// condition true and was descheduled before it signalled), so a wake-up
// is only a reason to look at the condition again.
//
// How long it spins adapts: windows are short and waking a sleeping
// goroutine, on a virtual machine above all, costs a good share of one
// (docs/PERFORMANCE.md), so sleeping at every window wastes wall time. But
// a spinning waiter on a machine whose cores are taken by other work only
// keeps the goroutine it waits for from running. So the budget doubles (up to
// maxSpin) when the condition came while spinning and halves (down to
// minSpin) when it did not: on a free machine the waits are short and
// caught by the spin, on a busy one they are long and the waiter sleeps.
type wake struct {
	parked atomic.Bool
	ch     chan struct{}
	spin   time.Duration // the current budget; 0: never spin
}

// newWake returns a wake for one of n goroutines running side by side.
// They spin only when each can have a processor of its own.
func newWake(n int) *wake {
	w := &wake{ch: make(chan struct{}, 1)}
	if n <= runtime.GOMAXPROCS(0) {
		w.spin = minSpin
	}
	return w
}

// The bounds of a wake's spinning budget (assumption: below 10 µs a spin
// catches nothing a sleep would not; 1 ms is about a window's work).
const (
	minSpin = 10 * time.Microsecond
	maxSpin = time.Millisecond
	// spinCheck is how many looks at the condition pass between readings
	// of the clock: a reading costs far more than a look.
	spinCheck = 64
)

func (w *wake) wait(cond func() bool) {
	if cond() {
		return
	}
	if w.spin > 0 {
		start := time.Now()
		for {
			for i := 0; i < spinCheck; i++ {
				if cond() {
					w.spin = min(maxSpin, 2*w.spin)
					return
				}
			}
			if time.Since(start) > w.spin {
				break
			}
		}
		w.spin = max(minSpin, w.spin/2)
	}
	for {
		w.parked.Store(true)
		if cond() {
			if !w.parked.CompareAndSwap(true, false) {
				<-w.ch // a signal took the flag: take what it sends
			}
			return
		}
		<-w.ch
		if cond() {
			return
		}
	}
}

func (w *wake) signal() {
	if w.parked.CompareAndSwap(true, false) {
		w.ch <- struct{}{}
	}
}
