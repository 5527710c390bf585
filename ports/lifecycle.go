// A port's life: New builds it from the scenario, Start schedules its
// first events, Finish closes its statistics at the end of the window.

package ports

import (
	"math"

	"borderflow/internal/cacheline"
	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// poolStart is a new pool's room, 768 bytes: a pool that grew from empty
// to one or two vehicles would share a cache line with another port's
// objects (internal/cacheline).
const poolStart = 16

// New builds port p of scenario sc on env. Fixed load flows of the
// scenario are installed in the lanes' load plans.
func New(env *sim.Env, sc *scenario.Scenario, p int, win Window, streams Streams, report LoadReport) *Port {
	cfg := &sc.Ports[p]
	pt := &Port{
		Name:           cfg.Name,
		env:            env,
		cfg:            cfg,
		win:            win,
		report:         report,
		pressureWait:   cfg.PressureWait,
		pressureFactor: cfg.PressureFactor,
		surges:         nil,
		binLo:          math.Inf(1),
		binHi:          math.Inf(-1),
		free:           -1,
		pool:           make([]vehicle, 0, poolStart),
	}
	if pt.pressureFactor == 0 && pt.pressureWait == 0 {
		pt.pressureFactor = 1
	}
	pt.arriveA = pt.arrive
	pt.primaryStartA = pt.primaryStart
	pt.primaryDoneA = pt.primaryDone
	pt.stepStartA = pt.stepStart
	pt.stepDoneA = pt.stepDone
	pt.tickA = pt.tick
	pt.surgeOnA = pt.surgeOn
	pt.surgeOffA = pt.surgeOff
	pt.scanStartA, pt.scanDoneA, pt.reviewDoneA = pt.scanStart, pt.scanDone, pt.reviewDone
	pt.imageWaitOverA = pt.imageWaitOver
	pt.binA = pt.binBoundary
	if win.BinWidth >= scenario.Hour && math.Mod(win.BinWidth, scenario.Hour) == 0 && math.Mod(win.Start, scenario.Hour) == 0 {
		pt.binHours = int(win.BinWidth / scenario.Hour)
	}

	nbins := win.Bins()
	pt.nbins = nbins
	pre := "port/" + cfg.Name + "/"
	pt.scratch = streams(pre + "secondary")
	for m := range cfg.Methods {
		mc := &cfg.Methods[m]
		res := sim.NewResource(env, mc.Servers)
		res.SetGrant(pt.stepStartA)
		pt.methods = append(pt.methods, &method{cfg: mc, res: res, servers: mc.Servers})
	}
	for l := range cfg.Lanes {
		lc := &cfg.Lanes[l]
		cls := sc.Classes[lc.Class].Name
		lp := pre + cls + "/"
		ln := &Lane{
			index:        l,
			cfg:          lc,
			booths:       sim.NewResource(env, lc.Booths[0]),
			arrivals:     traffic.NewArrivals(lc.Rate, lc.HourProfile, lc.DayProfile, lc.MonthProfile, traffic.CalendarOf(sc.Start), streams(lp+"arrivals")),
			service:      streams(lp + "primary"),
			primary:      lc.PrimaryTime,
			referral:     streams(lp + "referral"),
			inspect:      streams(lp + "inspect"),
			Loads:        traffic.NewLoadPlan(streams(lp+"loads"), streams(lp+"kg")),
			referralRate: lc.Referral.Rate,
			lotCap:       lc.LotCapacity,
			pre:          newPrePrimary(env, lc.PrePrimary),
			popLimit:     populationLimit(lc.Rate),
			meanPrimary:  lc.PrimaryTime.Mean(),
		}
		ln.booths.SetGrant(pt.primaryStartA)
		if ln.pre != nil {
			ln.pre.portals.SetGrant(pt.scanStartA)
		}
		ln.lot.Reset(0, 0)
		ln.boothsOpen.Reset(0, float64(lc.Booths[0]))
		ln.Stats = LaneStats{
			Class:       lc.Class,
			Inspections: cacheline.Slice[int64](len(cfg.Methods)), // written by the port as it runs: lines of its own
			Drugs:       cacheline.Slice[DrugStats](len(sc.Drugs)),
			Bins:        make([]Bin, nbins),
		}
		if len(lc.Trusted) > 0 {
			pt.setupTrusted(ln) // trusted.go
		}
		ln.hitFactor = make([]float64, len(sc.Drugs))
		for d, g := range sc.Drugs {
			ln.hitFactor[d] = g.TargetHitFactor
		}
		ln.setReferral()
		pt.lanes = append(pt.lanes, ln)
	}
	// Fixed flows: loads per year ÷ vehicles per year is the share of the
	// lane's vehicles that carry such a load.
	var fixed = make([][]traffic.LoadSource, len(pt.lanes))
	for _, f := range sc.Loads {
		if f.Port != p {
			continue
		}
		lc := &cfg.Lanes[f.Lane]
		perVehicle := 0.0
		if lc.Rate > 0 {
			perVehicle = scenario.LoadsPerVehicle(f.LoadsPerYear, lc.Rate)
		}
		fixed[f.Lane] = append(fixed[f.Lane], traffic.LoadSource{
			Drug: f.Drug, Concealment: f.Concealment, Org: -1, Route: -1,
			PerVehicle: perVehicle, Kg: f.Kg,
		})
	}
	for l, ln := range pt.lanes {
		if err := ln.Loads.Set(fixed[l]); err != nil {
			panic("ports: " + cfg.Name + ": " + err.Error()) // the scenario loader checks this
		}
	}
	for _, s := range sc.Surges {
		if s.Port == p {
			pt.surges = append(pt.surges, s)
		}
	}
	pt.setupResponse(sc, p, streams)
	if pt.resp != nil {
		pt.resp.reappearA, pt.resp.receiveA = pt.reappear, pt.receive
	}
	pt.inForce = make([]bool, len(pt.surges))
	pt.setupCheckpoints(sc, p, streams)
	return pt
}

// Start schedules the first arrival of every lane, the hourly tick (booth
// schedule and time series) and the surges.
func (p *Port) Start() {
	// Each lane's next arrival waits in a slot of its own outside the
	// event heap (sim.Env.NewSlot): same order of events, half the heap.
	p.arrivalSlots = make([]sim.SlotID, len(p.lanes))
	for l, ln := range p.lanes {
		p.arrivalSlots[l] = p.env.NewSlot(p.arriveA)
		if t := ln.arrivals.Next(0); t < p.win.End {
			p.env.SetSlot(p.arrivalSlots[l], t, l)
		}
	}
	p.env.At(0, p.tickA, 0)
	if p.binHours == 0 && p.win.Start+p.win.BinWidth < p.win.End {
		p.env.At(p.win.Start+p.win.BinWidth, p.binA, 1)
	}
	p.startCheckpoints()
	for i, s := range p.surges {
		p.env.At(p.win.Start+s.Start, p.surgeOnA, i)
		if end := p.win.Start + s.End; end < p.win.End {
			p.env.At(end, p.surgeOffA, i)
		}
	}
}

// Finish closes the statistics at the end of the window. Call it once,
// after the environment has run to Window.End.
func (p *Port) Finish() {
	end, span := p.win.End, p.win.End-p.win.Start
	for _, ln := range p.lanes {
		s := &ln.Stats
		s.QueueMean = (ln.queueIntegral(end) - ln.queueAtStart) / span
		s.QueueMax = ln.booths.QueueLength().Max()
		s.LotMean = (ln.lot.Integral(end) - ln.lotAtStart) / span
		s.Booths = (ln.boothsOpen.Integral(end) - ln.boothsAtStart) / span
		if ln.parts != nil {
			s.Booths = ln.finishParts(end, span, s.Booths)
		}
		p.closeBin(ln, end, p.nbins-1)
		p.flushWaits(ln)
		p.flushCheckpointWaits(ln)
		p.closeBins(ln) // bin.go
	}
	if p.resp != nil {
		p.finishResponse()
	}
	// The delay of vehicles still inside counts too: in an overloaded run
	// they are the ones waiting longest.
	for i := range p.pool {
		if v := &p.pool[i]; v.live && v.counted && !v.away {
			p.lanes[v.lane].Stats.DelayInside += end - v.arrived
			if !v.decided {
				p.lanes[v.lane].Stats.Shortfall.QueuedAtEnd++
			}
		}
	}
	for _, ln := range p.lanes {
		for _, slot := range ln.held {
			if p.pool[slot].counted {
				ln.Stats.Shortfall.HeldAtEnd++
			}
		}
	}
}
