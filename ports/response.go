package ports

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// This file is the drivers' answer to delay (scenario.Response): at each
// presentation of a trip at a port — a new arrival, or a postponed trip
// coming back — a driver who expects a wait above the class's tolerance
// chooses, by a logit on generalised cost, among waiting here, driving to
// another port, coming back later or not travelling. A port without a
// response (the scenario has no [response] section) never calls any of
// it: every vehicle waits however long the queue, as before.

// ResponseStats counts what drivers of one lane did instead of waiting.
// Events are counted when they happen inside the statistics window.
type ResponseStats struct {
	Trips       int64 // new trips presented here (the arrival process's vehicles)
	Reappeared  int64 // postponed trips presented again
	Cancelled   int64 // trips not made
	Postponed   int64 // trips put off to later
	DivertedOut int64 // drivers who left for another port
	DivertedIn  int64 // drivers who came from another port and joined the queue
	// DivertedTo counts DivertedOut by destination port index.
	DivertedTo []int64
	// PendingAtEnd: postponed trips not yet back when the window closed;
	// InTransitAtEnd: diverted vehicles on the road to this port then.
	PendingAtEnd, InTransitAtEnd int64
	// DetourSeconds is the drive time of the detours taken from here.
	DetourSeconds float64
	// Refused counts vehicles turned away because the lane was past its
	// population limit (scenario.PopulationLimit): the lane is unstable.
	Refused int64
}

// Transfer is a diverted vehicle on its way to another port.
type Transfer struct {
	At       float64 // when it reaches the destination
	From, To int     // port indices
	Lane     int     // lane index at the destination
	Key      uint64
	Load     traffic.Load
	Loaded   bool
	Tries    int8
}

// Option is another port a lane's drivers may go to.
type Option struct {
	Port, Lane int     // destination port and its lane of the same class
	Drive      float64 // seconds
}

// Coupling is what a port knows of the others, set by the border.
type Coupling struct {
	// Published is the expected wait by port and lane (seconds) as last
	// published; the border writes it between windows only.
	Published [][]float64
	// Send takes a diverted vehicle (called inside the sending port's
	// event; the border delivers it to the destination no earlier than
	// Transfer.At).
	Send func(Transfer)
}

type portResponse struct {
	self      int
	coupling  *Coupling
	reappearA sim.Action
	receiveA  sim.Action
}

type laneResponse struct {
	cfg         *scenario.ClassResponse
	stream      *sim.Stream // one uniform per presentation, whatever the choice
	vot         float64     // USD per second of delay: driver + cargo
	meanPrimary float64
	options     []Option
	served      int     // primary starts in the current hour
	busyAt      float64 // ∫ busy booths dt at the start of the hour
	perBooth    float64 // vehicles a busy booth took per second in the last full hour
	w           []float64
}

// closedWait is what a driver expects at a lane whose booths are all
// closed and served nobody in the last hour: a month (it only needs to be
// longer than any tolerance).
const closedWait = 30 * traffic.Day

// setupResponse gives the port's lanes their response, if the scenario
// has one. Called by New.
func (p *Port) setupResponse(sc *scenario.Scenario, idx int, streams Streams) {
	r := sc.Response
	if r == nil {
		return
	}
	p.resp = &portResponse{self: idx}
	p.resp.reappearA = p.reappear
	p.resp.receiveA = p.receive
	for _, ln := range p.lanes {
		cr := &r.Classes[ln.cfg.Class]
		cls := sc.Classes[ln.cfg.Class]
		ln.rs = &laneResponse{
			cfg:         cr,
			stream:      streams("port/" + p.cfg.Name + "/" + cls.Name + "/response"),
			vot:         (cls.ValueOfTime + cr.CargoValueOfTime) / scenario.Hour,
			meanPrimary: ln.cfg.PrimaryTime.Mean(),
		}
		ln.Stats.Response.DivertedTo = make([]int64, len(sc.Ports))
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
			ln.rs.w = make([]float64, 3+len(options[l]))
		}
	}
}

// Responds reports whether the port's drivers answer delay.
func (p *Port) Responds() bool { return p.resp != nil }

// ExpectedWait is the wait a driver joining lane l now can expect: the
// queue in front of it over the rate at which the open booths serve it —
// each booth at the rate a busy booth took vehicles in the last hour (a
// booth blocked by a vehicle held for the lot takes fewer), or, when none
// was busy, one over the mean primary time.
func (p *Port) ExpectedWait(l int) float64 { return p.expectedWait(p.lanes[l]) }

func (p *Port) expectedWait(ln *Lane) float64 {
	q := ln.booths.QueueLen()
	if q == 0 {
		return 0
	}
	c := float64(ln.booths.Capacity())
	per := ln.rs.perBooth
	if per <= 0 && ln.rs.meanPrimary > 0 {
		per = 1 / ln.rs.meanPrimary
	}
	if c == 0 || per <= 0 {
		return closedWait
	}
	return float64(q) / (c * per)
}

// responseTick closes the hour's service count (from tick).
func (p *Port) responseTick() {
	now := p.env.Now()
	for _, ln := range p.lanes {
		bi := ln.booths.InService().Integral(now)
		busy := bi - ln.rs.busyAt
		ln.rs.perBooth = 0
		if ln.rs.served > 0 && busy > 0 {
			ln.rs.perBooth = float64(ln.rs.served) / busy
		}
		ln.rs.served, ln.rs.busyAt = 0, bi
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
// went elsewhere (postponed, cancelled, diverted) instead of joining.
func (p *Port) present(slot int, fresh bool) bool {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	rs := ln.rs
	counted := p.bin(p.env.Now()) >= 0
	if counted {
		if fresh {
			ln.Stats.Response.Trips++
		} else {
			ln.Stats.Response.Reappeared++
		}
	}
	if !rs.cfg.Active {
		return false
	}
	cr := rs.cfg
	u := rs.stream.Float64()
	w := p.expectedWait(ln)
	if w <= cr.Tolerance {
		return false
	}
	divert := u >= cr.NeverDivert
	if divert {
		u = (u - cr.NeverDivert) / (1 - cr.NeverDivert)
	} else {
		u /= cr.NeverDivert
	}

	inf := math.Inf(1)
	cost := rs.w
	if cost == nil {
		rs.w = make([]float64, 3)
		cost = rs.w
	}
	cost[choiceStay] = rs.vot * w
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
	if c := p.resp.coupling; c != nil && cr.Divert && divert {
		pub = c.Published
	}
	for i, o := range rs.options {
		cost[choiceDivert+i] = inf
		if pub != nil {
			cost[choiceDivert+i] = rs.vot * (pub[o.Port][o.Lane] + o.Drive)
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
		p.free = append(p.free, int32(slot))
		v.live = false
	default:
		o := rs.options[pick-choiceDivert]
		if counted {
			s.DivertedOut++
			s.DivertedTo[o.Port]++
			s.DetourSeconds += o.Drive
		}
		t := Transfer{At: now + o.Drive, From: p.resp.self, To: o.Port, Lane: o.Lane,
			Key: v.key, Load: v.load, Loaded: v.loaded, Tries: v.tries}
		p.free = append(p.free, int32(slot))
		v.live = false
		p.resp.coupling.Send(t)
	}
	return true
}

// reappear: a postponed trip is presented again.
func (p *Port) reappear(slot int) {
	v := &p.pool[slot]
	v.away = false
	if p.present(slot, false) {
		return
	}
	p.join(slot)
}

// Receive takes a vehicle diverted here; it joins the queue at t.At
// without choosing again (it has just chosen this port). Call from the
// goroutine that owns the port's environment, with t.At not before now.
func (p *Port) Receive(t Transfer) {
	slot := p.alloc()
	p.pool[slot] = vehicle{key: t.Key, load: t.Load, loaded: t.Loaded, tries: t.Tries,
		lane: int16(t.Lane), live: true, away: true, inbound: true}
	p.env.At(t.At, p.resp.receiveA, slot)
}

func (p *Port) receive(slot int) {
	v := &p.pool[slot]
	v.away, v.inbound = false, false
	if p.bin(p.env.Now()) >= 0 {
		p.lanes[v.lane].Stats.Response.DivertedIn++
	}
	p.join(slot)
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
