package border

import (
	"math"
	"sort"
	"sync/atomic"

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
	step      float64    // window length
	published [][]float64
	out       [][]ports.Transfer // diverted vehicles by sending group, this window
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
// published waits and the hand-over of diverted vehicles. Nil without a
// response.
func newCoupled(sc *scenario.Scenario, pts []*ports.Port, groups [][]int, envs []*sim.Env) *coupled {
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
	c.out = make([][]ports.Transfer, len(groups))
	c.published = make([][]float64, len(pts))
	for i, pt := range pts {
		c.published[i] = make([]float64, len(pt.Lanes()))
	}
	c.step = math.Min(r.Lookahead(groups), r.PublishEvery)

	// Groups busiest first, as largestFirst does for ports.
	rate := make([]float64, len(groups))
	for g, ps := range groups {
		c.order = append(c.order, g)
		for _, p := range ps {
			for _, l := range sc.Ports[p].Lanes {
				rate[g] += l.Rate
			}
		}
	}
	sort.SliceStable(c.order, func(a, b int) bool { return rate[c.order[a]] > rate[c.order[b]] })

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
	c.out[g] = append(c.out[g], t)
}

// run advances every group from now to until in windows of c.step, on up
// to workers goroutines. It reports false when stop was closed.
//
// A window has one job per group; the calling goroutine and workers−1
// helpers take them in c.order (busiest first) from a shared counter, so
// whoever is free takes the next one and nobody hands jobs out. Waking the
// helpers and waiting for them is one channel operation each per window: a
// year of southwest-border is about 25,000 windows of 24 groups.
func (c *coupled) run(now, until float64, workers int, stop <-chan struct{}, progress func(p int, dt float64)) bool {
	var (
		end  float64
		next atomic.Int64 // the next job of the window, an index in c.order
		wake []chan struct{}
		done chan struct{}
	)
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(c.order) {
				return
			}
			c.envs[c.order[i]].RunUntil(end)
		}
	}
	if helpers := min(workers, len(c.groups)) - 1; helpers > 0 {
		done = make(chan struct{}, helpers)
		for h := 0; h < helpers; h++ {
			w := make(chan struct{}, 1)
			wake = append(wake, w)
			go func() {
				for range w {
					work()
					done <- struct{}{}
				}
			}()
		}
		defer func() {
			for _, w := range wake {
				close(w)
			}
		}()
	}
	reported := now
	for t := now; t < until; {
		if stop != nil {
			select {
			case <-stop:
				return false
			default:
			}
		}
		end = math.Min(until, t+c.step)
		next.Store(0)
		for _, w := range wake {
			w <- struct{}{}
		}
		work()
		for range wake {
			<-done
		}
		for g := range c.out {
			for _, tr := range c.out[g] {
				c.pts[tr.To].Receive(tr)
			}
			c.out[g] = c.out[g][:0]
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
