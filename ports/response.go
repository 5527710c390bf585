package ports

import (
	"math"

	"borderflow/internal/cacheline"
	"borderflow/scenario"
)

// This file is the drivers' answer to delay (scenario.Response): at each
// presentation of a trip at a port — a new arrival, or a postponed trip
// coming back — a driver who expects a wait above the class's tolerance
// chooses, by a logit on generalised cost, among waiting here, driving to
// another port, coming back later or not travelling. A port without a
// response (the scenario has no [response] section) never calls any of
// it: every vehicle waits however long the queue, as before. A postponed
// or diverted trip comes back by arrive.go; the response's state is in
// port.go, what it exchanges with other ports in coupling.go.

// closedWait is what a driver expects at a lane that opens no booth in
// any hour, or whose booths have no rate to go by: a month (it only needs
// to be longer than any tolerance).
const closedWait = 30 * scenario.Day

// setupResponse gives the port's lanes their response, if the scenario
// has one. Called by New.
func (p *Port) setupResponse(sc *scenario.Scenario, idx int, streams Streams) {
	r := sc.Response
	if r == nil {
		return
	}
	p.resp = &portResponse{self: idx} // its actions are set by New (arrive.go's)
	for _, ln := range p.lanes {
		cr := &r.Classes[ln.cfg.Class]
		cls := sc.Classes[ln.cfg.Class]
		ln.rs = &laneResponse{
			cfg:         cr,
			stream:      streams("port/" + p.cfg.Name + "/" + cls.Name + "/response"),
			vot:         cls.ValueOfTime / scenario.Hour,
			own:         cr.OwnValueOfTime,
			perKm:       cr.DetourCostPerKm,
			speed:       cr.SpeedKmh / scenario.Hour,
			meanPrimary: ln.cfg.PrimaryTime.Mean(),
		}
		ln.Stats.Response.DivertedTo = cacheline.Slice[int64](len(sc.Ports)) // lines of its own (internal/cacheline)
	}
}

// Couple gives the port its view of the others and the lanes their
// options (destination lanes of the same class). Call before Start.
func (p *Port) Couple(c *Coupling, options [][]Option) {
	if p.resp == nil {
		return
	}
	p.resp.coupling = c
	for l, ln := range p.lanes {
		if l < len(options) {
			ln.rs.options = options[l]
			ln.rs.w = cacheline.Slice[float64](3 + len(options[l])) // written at each choice: lines of its own
		}
	}
}

// Responds reports whether the port's drivers answer delay.
func (p *Port) Responds() bool { return p.resp != nil }

// ExpectedWait is the wait a driver joining lane l now can expect: the
// queue in front of it over the open booths, each at the rate a busy booth
// started vehicles in the last rateHours hours (booths blocked by vehicles
// held for the lot start fewer; with none busy, one over the mean primary
// time), plus a checkpoint's queue or a closure's remaining time.
func (p *Port) ExpectedWait(l int) float64 { return p.expectedWait(p.lanes[l]) }

func (p *Port) expectedWait(ln *Lane) float64 {
	extra := 0.0
	if ln.ck != nil && ln.ck.on != nil {
		extra = p.checkpointWait(ln)
		if ln.closed() {
			// Closed until extra from now, then the queue at the hour's
			// booths.
			h := int(math.Mod(p.env.Now()+extra, scenario.Day) / scenario.Hour)
			b := math.Max(1, float64(ln.cfg.Booths[h]))
			return extra + float64(ln.booths.QueueLen())*ln.rs.meanPrimary/b
		}
	}
	q := ln.booths.QueueLen()
	if ln.booths.Capacity() == 0 {
		// No booth open now (the lane's hours, or a gap in its roster):
		// nobody is served until the booths open again, so an empty queue
		// is not a free crossing.
		return extra + p.untilOpen(ln, q)
	}
	if q == 0 {
		return extra
	}
	if ln.rs.saturated {
		return extra + float64(q)/ln.rs.rate
	}
	c := float64(ln.booths.Capacity())
	per := ln.rs.per
	if per <= 0 && ln.rs.meanPrimary > 0 {
		per = 1 / ln.rs.meanPrimary
	}
	if per <= 0 {
		return closedWait
	}
	return extra + float64(q)/(c*per)
}

// untilOpen is what a driver expects at lane ln while none of its booths
// is open, with q vehicles queued: the time until the next hour with
// booths, then the queue at those booths at the mean primary time
// (closedWait if no hour of the day has a booth).
func (p *Port) untilOpen(ln *Lane, q int) float64 {
	now := p.env.Now()
	hourStart := math.Floor(now/scenario.Hour) * scenario.Hour
	h0 := int(math.Mod(now, scenario.Day) / scenario.Hour)
	for k := 1; k <= 24; k++ {
		if b := ln.cfg.Booths[(h0+k)%24] + ln.extraBooths; b > 0 {
			return hourStart + float64(k)*scenario.Hour - now + float64(q)*ln.rs.meanPrimary/float64(b)
		}
	}
	return closedWait
}

// expectedWaitOf is the wait the driver of vehicle v expects at lane ln:
// at the booths it would queue for (pickBooths), its part's own estimated
// like queueWait (plus a checkpoint's), the general ones as
// expectedWait says.
func (p *Port) expectedWaitOf(ln *Lane, v *vehicle) float64 {
	if v.part == 0 || ln.parts == nil {
		return p.expectedWait(ln)
	}
	b := p.pickBooths(ln, v)
	if b == 0 || ln.closed() {
		return p.expectedWait(ln)
	}
	pl := ln.parts[b-1]
	w := queueWait(pl.booths, pl.meanPrimary)
	if ln.ck != nil && ln.ck.on != nil {
		w += p.checkpointWait(ln)
	}
	return w
}

// throughput is the vehicles the booths started per second over the last
// rateHours hours, and whether they were busy nearly all the time they
// were open (then that rate is what the queue will see, whatever the
// schedule opens: booths blocked behind a full lot, or every booth taken).
func (rs *laneResponse) throughput() (float64, bool) {
	n := min(rs.hours, rateHours)
	starts, busy, open := 0, 0.0, 0.0
	for i := 0; i < n; i++ {
		starts += rs.hist[i]
		busy += rs.busy[i]
		open += rs.open[i]
	}
	if n == 0 || open <= 0 || busy < 0.9*open {
		return 0, false
	}
	return math.Max(float64(starts), 0.5) / (float64(n) * scenario.Hour), true
}

// perBooth is the vehicles a busy booth started per second over the last
// rateHours full hours (0 when no booth was busy): one over the mean
// primary time when booths serve freely, less when they are blocked by
// vehicles held for the lot. Counting per busy booth, not per hour, keeps
// a quiet night (booths idle, few starts) from looking slow.
func (rs *laneResponse) perBooth() float64 {
	n := min(rs.hours, rateHours)
	starts, busy := 0, 0.0
	for i := 0; i < n; i++ {
		starts += rs.hist[i]
		busy += rs.busy[i]
	}
	if busy <= 0 {
		return 0
	}
	// Booths busy and no vehicle started (all held for the lot): fewer
	// than one in that time, not the nominal rate.
	return math.Max(float64(starts), 0.5) / busy
}

// responseTick closes the hour's service count (from tick).
func (p *Port) responseTick() {
	now := p.env.Now()
	for _, ln := range p.lanes {
		rs := ln.rs
		bi := ln.booths.InService().Integral(now)
		oi := ln.boothsOpen.Integral(now)
		rs.hist[rs.hours%rateHours] = rs.served
		rs.busy[rs.hours%rateHours] = bi - rs.busyAt
		rs.open[rs.hours%rateHours] = oi - rs.openAt
		rs.hours++
		rs.served, rs.busyAt, rs.openAt = 0, bi, oi
		rs.rate, rs.saturated = rs.throughput()
		rs.per = rs.perBooth()
	}
}

// Choices, in the order of laneResponse.w.
const (
	choiceStay = iota
	choicePostpone
	choiceCancel
	choiceDivert // + option index
)

// present is a trip's decision at the port; it reports whether the vehicle
// went elsewhere (postponed, cancelled, diverted) instead of joining. A
// vehicle that has just come from another port (arrived) may put its trip
// off or give it up, but does not leave again.
func (p *Port) present(slot int, v *vehicle, ln *Lane, fresh, arrived bool) bool {
	rs := ln.rs
	counted := p.bin(p.env.Now()) >= 0
	if counted {
		switch {
		case arrived:
			ln.Stats.Response.DivertedIn++
		case fresh:
			ln.Stats.Response.Trips++
		default:
			ln.Stats.Response.Reappeared++
		}
	}
	if !rs.cfg.Active {
		return false
	}
	u := rs.stream.Float64()
	w := 0.0 // what expectedWaitOf answers when nothing is ahead, without the call
	if !nothingAhead(ln, v) {
		w = p.expectedWaitOf(ln, v) // trusted.go: at the booths it would use
	}
	if w > rs.cfg.Tolerance {
		return p.choose(slot, v, ln, u, w, counted, arrived)
	}
	return false
}

// nothingAhead reports whether the driver of v sees nothing ahead: most
// find no queue, and a general vehicle at a lane without checkpoints and
// nobody waiting expects no wait (expectedWaitOf's answer is 0:
// TestNothingAheadExpectsNoWait).
func nothingAhead(ln *Lane, v *vehicle) bool {
	return v.part == 0 && ln.ck == nil && ln.booths.QueueLen() == 0 && ln.booths.Capacity() > 0
}

// saltOwnCost draws a trip's own value of time from its vehicle's key, so
// the trip keeps it when it is put off or diverted, and the same trip has
// the same value under any policy.
const saltOwnCost = 1<<20 + 128

// ownValue is what a second of delay costs the driver or carrier of v,
// USD: the class's value of time, or the trip's draw from the scenario's
// distribution of carriers.
func (p *Port) ownValue(rs *laneResponse, v *vehicle) float64 {
	if rs.own == nil {
		return rs.vot
	}
	p.scratch.Reseed(v.key, saltOwnCost)
	return rs.own.Sample(p.scratch) / scenario.Hour
}

// choose is the decision of a driver who expects wait w above the
// tolerance, with the presentation's uniform u (present). The driver
// weighs the costs they bear (ownValue, the detour's kilometres, putting
// the trip off or giving it up), not the economy's.
func (p *Port) choose(slot int, v *vehicle, ln *Lane, u, w float64, counted, arrived bool) bool {
	rs := ln.rs
	cr := rs.cfg
	vot := p.ownValue(rs, v)
	divert := u >= cr.NeverDivert
	if divert {
		u = (u - cr.NeverDivert) / (1 - cr.NeverDivert)
	} else {
		u /= cr.NeverDivert
	}

	inf := math.Inf(1)
	cost := rs.w
	if cost == nil {
		rs.w = cacheline.Slice[float64](3)
		cost = rs.w
	}
	cost[choiceStay] = vot * w
	late := cr.MaxWait > 0
	if late && w > cr.MaxWait { // the load would miss its delivery
		cost[choiceStay] = inf
	}
	cost[choicePostpone], cost[choiceCancel] = inf, inf
	if int(v.tries) < cr.MaxPostpones {
		cost[choicePostpone] = cr.PostponeCost
	}
	if !v.loaded { // an organisation's load is not given up: it is put off
		cost[choiceCancel] = cr.CancelCost
	} else if cost[choicePostpone] == inf {
		cost[choicePostpone] = cr.PostponeCost
	}
	var pub [][]float64
	// A load's port is its organisation's choice (traffic/org.go): the
	// driver carrying it may wait or come back later, not change port.
	if c := p.resp.coupling; c != nil && cr.Divert && divert && !arrived && !v.loaded {
		pub = c.Published
	}
	for i, o := range rs.options {
		cost[choiceDivert+i] = inf
		if pub != nil && !(late && pub[o.Port][o.Lane] > cr.MaxWait) {
			cost[choiceDivert+i] = vot*(pub[o.Port][o.Lane]+o.Drive) + rs.perKm*o.Drive*rs.speed
		}
	}
	n := choiceDivert + len(rs.options)
	best := inf
	for _, c := range cost[:n] {
		best = math.Min(best, c)
	}
	sum := 0.0
	for i, c := range cost[:n] {
		e := 0.0
		if c < inf {
			e = math.Exp(-(c - best) / cr.Scale)
		}
		cost[i] = e // the weights replace the costs
		sum += e
	}
	pick, x := choiceStay, u*sum
	for i := 0; i < n; i++ {
		if x < cost[i] {
			pick = i
			break
		}
		x -= cost[i]
	}
	now := p.env.Now()
	s := &ln.Stats.Response
	switch {
	case pick == choiceStay:
		return false
	case pick == choicePostpone:
		if counted {
			s.Postponed++
		}
		v.tries++
		v.away = true
		p.env.Timeout(cr.PostponeAfter.Sample(rs.stream), p.resp.reappearA, slot)
	case pick == choiceCancel:
		if counted {
			s.Cancelled++
		}
		p.release(slot, v)
	default:
		o := rs.options[pick-choiceDivert]
		if counted {
			s.DivertedOut++
			s.DivertedTo[o.Port]++
			s.DetourSeconds += o.Drive
		}
		t := Transfer{At: now + o.Drive, From: p.resp.self, To: o.Port, Lane: o.Lane,
			Key: v.key, Loaded: v.loaded, Tries: v.tries, Part: partName(ln, v)}
		if v.loaded {
			t.Load = *p.loadOf(v)
		}
		p.release(slot, v)
		p.resp.coupling.Send(t)
	}
	return true
}

// finishResponse counts the trips still postponed or on the road.
func (p *Port) finishResponse() {
	for i := range p.pool {
		v := &p.pool[i]
		if !v.live || !v.away {
			continue
		}
		s := &p.lanes[v.lane].Stats.Response
		if v.inbound {
			s.InTransitAtEnd++
		} else {
			s.PendingAtEnd++
		}
	}
}

// PopulationLimitDays bounds the vehicles one lane holds at once, in
// days of its mean arrivals (at least MinPopulationLimit): a lane that
// holds three days of traffic has no steady state to measure (the
// unstable rule flags a quarter of a day left inside at the end), and
// without a bound an overloaded lane's queue — and the memory it takes —
// grows for the whole horizon (884 MB for a year of inspect-everything at
// Eagle Pass before the bound). Newcomers past it are refused and counted
// (ResponseStats.Refused). Assumption.
const (
	PopulationLimitDays = 3.0
	MinPopulationLimit  = 1000
)

func populationLimit(rate float64) int {
	n := PopulationLimitDays * rate * scenario.Day
	if n < MinPopulationLimit {
		return MinPopulationLimit
	}
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(n)
}

// refuse turns a vehicle away from a lane past its population limit.
func (p *Port) refuse(slot int, v *vehicle) {
	if p.bin(p.env.Now()) >= 0 {
		p.lanes[v.lane].Stats.Response.Refused++
	}
	p.release(slot, v)
}
