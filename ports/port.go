package ports

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// LoadReport is told what became of every load when its vehicle leaves the
// port: seized or delivered. Smuggling organisations learn from it.
type LoadReport func(l traffic.Load, seized bool)

// Window is the statistics window in simulated seconds: vehicles arriving
// in [Start, End) are counted; the run stops at End.
type Window struct {
	Start, End float64
	BinWidth   float64 // seconds per Bin
}

// Port is one port of entry running on its own environment.
type Port struct {
	Name string
	env  *sim.Env
	cfg  *scenario.Port
	win  Window
	// The times [binLo, binHi] are known to be in time-series bin binK
	// (bin.go): bin answers them without a division. The fields every
	// vehicle reads are kept together at the start.
	binLo, binHi float64
	binK         int
	lanes        []*Lane
	methods      []*method
	pool         []vehicle
	// free is the last slot released (-1: none); each free slot's load
	// field holds the one released before it. A list through the pool
	// itself, last in first out as a stack of slots was, so slots are
	// handed out in the same order (Finish sums over the pool in slot
	// order), without a slice to grow or a write barrier per release.
	free int32
	// loads holds the loads of the vehicles that carry one (vehicle.load),
	// freeLoads its places free for reuse.
	loads     []traffic.Load
	freeLoads []int32
	// imageTimers is by pool slot: the end of a vehicle's wait at the booth
	// for its image (pre-primary lanes only; grown on first use).
	imageTimers []sim.EventID
	report      LoadReport
	// scratch is reseeded from a vehicle's key before each of its
	// secondary draws, so a vehicle's inspection times and alarms do not
	// depend on how many other vehicles were inspected before it: two
	// policies on the same seed inspect the same vehicle with the same luck.
	scratch *sim.Stream

	pressureWait   float64
	pressureFactor float64

	// Actions made once (method values), scheduled with a vehicle's slot
	// or a lane index as argument: no closure per event.
	arriveA, primaryStartA, primaryDoneA, stepStartA, stepDoneA, tickA sim.Action
	arrivalSlots                                                       []sim.SlotID // per lane: its next arrival
	surgeOnA, surgeOffA, binA                                          sim.Action
	surges                                                             []scenario.Surge

	resp *portResponse // drivers' answer to delay (response.go); nil: none
	// Pre-primary scanning (preprimary.go).
	scanStartA, scanDoneA, reviewDoneA, imageWaitOverA sim.Action
	reviews                                            []review
	freeReviews                                        []int32

	// binHours is the bin width in hours when bins are whole hours and
	// start on one: the hourly tick then closes them. Otherwise (0) bins
	// close at their own boundary events (binA).
	binHours int
	inForce  []bool // by surge: started and not ended

	ckOnA, ckOffA, ckStartA, ckDoneA sim.Action // checkpoint.go
}

// Lane is one vehicle class at a port.
type Lane struct {
	cfg      *scenario.Lane
	booths   *sim.Resource
	arrivals *traffic.Arrivals
	service  *sim.Stream
	// primary is cfg.PrimaryTime (the general booths' primary time),
	// here beside the stream it draws from.
	primary  sim.Dist
	referral *sim.Stream
	inspect  *sim.Stream // one key per vehicle for its secondary draws
	pre      *prePrimary // portals and image reviewers, nil without

	// The fields below up to Stats are read for every vehicle: they are
	// kept here, before the statistics' kilobytes.
	rs    *laneResponse    // response.go; nil without a response
	parts []*partLane      // trusted.go: the lane's trusted parts; nil without
	ck    *laneCheckpoints // checkpoint.go; nil without checkpoints
	// inside counts the vehicles in the lane (queue, booths, lot); past
	// popLimit the lane refuses newcomers (response.go, PopulationLimitDays).
	inside, popLimit int
	waitBin          int // the bin of the waits in waits
	// Loads decides which arriving vehicles carry contraband; smugglers
	// replace its sources at decision boundaries.
	Loads *traffic.LoadPlan

	referralRate float64
	// meant[part][loaded] is the referral rule's probability for a
	// vehicle of the part (0: general) carrying nothing (0) or a load (1),
	// 1 − (1 − rate)(1 − target), the rate the part's share of the lane's
	// (trusted.go): computed when the rate changes (setReferral), not per
	// vehicle.
	meant       [][2]float64
	extraBooths int
	lotCap      int
	lotUsed     int
	held        []int32 // referred vehicles waiting at their booths for a place (HoldWhenFull)
	lot         sim.TimeAverage
	boothsOpen  sim.TimeAverage

	// Seen counts every vehicle that reached the lane and Pulled those
	// that entered secondary, warm-up included: what spotters at the
	// crossing can see (traffic/org_observe.go).
	Seen, Pulled int64

	meanPrimary float64 // the mean of cfg.PrimaryTime, computed once (trusted.go asks per vehicle)

	queueAtStart, lotAtStart, boothsAtStart float64  // integrals at window start
	lastQueueInt, lastLotInt                float64  // integrals at the last bin boundary
	waits                                   WaitHist // waits that ended in bin waitBin, for its quantiles
	Stats                                   LaneStats
}

type method struct {
	cfg     *scenario.Method
	res     *sim.Resource
	servers int
}

// vehicle is the state of one vehicle inside the port, kept in a pool and
// reused: nothing of a vehicle is kept after it leaves. It is 48 bytes
// (TestVehicleSize): what a waiting vehicle costs besides its place in the
// booths' queue. A load is kept apart (Port.loads, by index) because few
// vehicles carry one, and so is the timer of a wait for an image
// (Port.imageTimers), which only pre-primary lanes use.
type vehicle struct {
	arrived float64
	wait    float64
	key     uint64 // seeds the vehicle's own secondary draws (Stream.Reseed)
	load    int32  // index in Port.loads when loaded; the next free slot when free (Port.free)
	lane    int16
	step    int16
	// response.go: times postponed.
	tries   int8
	loaded  bool
	alarm   bool
	counted bool
	decided bool // primary ended: the referral decision is made
	live    bool // in the port now (the pool slot is in use)
	// response.go: postponed or on the road here (away), on the road here
	// (inbound).
	away, inbound bool
	// Pre-primary scanning: through a portal, image read in time, alarm.
	scanned, read, imageAlarm bool
	awaiting, waited          bool // at the booth, waiting for its image to be read (once); the timer is in Port.imageTimers
	checked                   bool // through the lane's checkpoint (checkpoint.go)
	part, booth               int8 // trusted.go: its part, the booths it queued for (0: general)
}

// setLoad gives vehicle v load l (a place in the loads table).
func (p *Port) setLoad(v *vehicle, l traffic.Load) {
	v.loaded = true
	if n := len(p.freeLoads); n > 0 {
		v.load = p.freeLoads[n-1]
		p.freeLoads = p.freeLoads[:n-1]
		p.loads[v.load] = l
		return
	}
	v.load = int32(len(p.loads))
	p.loads = append(p.loads, l)
}

// loadOf returns the load of a loaded vehicle.
func (p *Port) loadOf(v *vehicle) *traffic.Load { return &p.loads[v.load] }

// dropLoad forgets the vehicle's load (seized, or the vehicle is gone).
func (p *Port) dropLoad(v *vehicle) {
	if v.loaded {
		v.loaded = false
		p.freeLoads = append(p.freeLoads, v.load)
	}
}

// release returns the vehicle's pool slot (and its load's place) for reuse.
func (p *Port) release(slot int, v *vehicle) {
	p.dropLoad(v)
	v.live = false
	v.load, p.free = p.free, int32(slot)
}

// Streams gives each port its random streams by name, so adding a port or
// a stream never changes another's numbers.
type Streams func(name string) *sim.Stream

// poolStart is a new pool's room, 768 bytes: a pool that grew from empty
// to one or two vehicles would share a cache line with another port's
// objects (sim/cacheline.go).
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
	if win.BinWidth >= traffic.Hour && math.Mod(win.BinWidth, traffic.Hour) == 0 && math.Mod(win.Start, traffic.Hour) == 0 {
		pt.binHours = int(win.BinWidth / traffic.Hour)
	}

	nbins := int(math.Ceil((win.End-win.Start)/win.BinWidth - 1e-9))
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
			cfg:          lc,
			booths:       sim.NewResource(env, lc.Booths[0]),
			arrivals:     traffic.NewArrivals(lc.Rate, lc.HourProfile, lc.DayProfile, lc.MonthProfile, streams(lp+"arrivals")),
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
			Inspections: sim.LineSlice[int64](len(cfg.Methods)), // written by the port as it runs: lines of its own
			Drugs:       sim.LineSlice[DrugStats](len(sc.Drugs)),
			Bins:        make([]Bin, nbins),
		}
		if len(lc.Trusted) > 0 {
			pt.setupTrusted(ln) // trusted.go
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
	pt.inForce = make([]bool, len(pt.surges))
	pt.setupCheckpoints(sc, p, streams)
	return pt
}

// Lanes returns the port's lanes in scenario order.
func (p *Port) Lanes() []*Lane { return p.lanes }

// Env returns the port's environment.
func (p *Port) Env() *sim.Env { return p.env }

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
		p.closeBin(ln, end, len(s.Bins)-1)
		p.flushWaits(ln)
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

// tick runs every hour: it applies the booth schedule and closes the time
// bins. arg is the hour number since time 0.
func (p *Port) tick(hour int) {
	now := p.env.Now()
	h := hour % 24
	if p.resp != nil {
		p.responseTick()
	}
	for _, ln := range p.lanes {
		c := ln.cfg.Booths[h] + ln.extraBooths
		if ln.ck != nil && ln.closed() {
			c = 0
		}
		if c != ln.booths.Capacity() {
			ln.booths.SetCapacity(c)
			ln.boothsOpen.Set(now, float64(c))
		}
		if ln.parts != nil {
			p.partTick(ln, h, now)
		}
		if now == p.win.Start {
			ln.markParts(now)
			ln.queueAtStart = ln.queueIntegral(now)
			ln.lotAtStart = ln.lot.Integral(now)
			ln.boothsAtStart = ln.boothsOpen.Integral(now)
			ln.lastQueueInt, ln.lastLotInt = ln.queueAtStart, ln.lotAtStart
		} else if now > p.win.Start && p.binHours > 0 {
			// The hour that ends now lies in one bin: bins are whole
			// hours from a whole hour. The index is counted, not taken
			// from now−ε, which rounds back to now after 2^24 s.
			h := int(math.Round((now - p.win.Start) / traffic.Hour))
			p.closeBin(ln, now, (h-1)/p.binHours)
		}
	}
	next := now + traffic.Hour
	if next < p.win.End {
		p.env.At(next, p.tickA, hour+1)
	}
	if now < p.win.Start && next > p.win.Start {
		// A warm-up that is not a whole number of hours: mark the
		// window's start with its own tick.
		p.env.At(p.win.Start, p.markStart, 0)
	}
}

func (p *Port) markStart(int) {
	now := p.env.Now()
	for _, ln := range p.lanes {
		ln.markParts(now)
		ln.queueAtStart = ln.queueIntegral(now)
		ln.lotAtStart = ln.lot.Integral(now)
		ln.boothsAtStart = ln.boothsOpen.Integral(now)
		ln.lastQueueInt, ln.lastLotInt = ln.queueAtStart, ln.lotAtStart
	}
}

// binBoundary closes bin k−1 of every lane at its end, Start + k·BinWidth,
// for bins that are not whole hours from a whole hour (any bin and warm-up
// the loader accepts), and schedules the next boundary.
func (p *Port) binBoundary(k int) {
	now := p.env.Now()
	for _, ln := range p.lanes {
		p.closeBin(ln, now, k-1)
	}
	if next := p.win.Start + float64(k+1)*p.win.BinWidth; next < p.win.End {
		p.env.At(next, p.binA, k+1)
	}
}

// closeBin adds the queue and lot integrals since the last boundary to bin
// b, which holds the span since that boundary.
func (p *Port) closeBin(ln *Lane, t float64, b int) {
	qi := ln.queueIntegral(t)
	li := ln.lot.Integral(t)
	if b >= 0 && b < len(ln.Stats.Bins) {
		ln.Stats.Bins[b].QueueInt += qi - ln.lastQueueInt
		ln.Stats.Bins[b].LotInt += li - ln.lastLotInt
	}
	ln.lastQueueInt, ln.lastLotInt = qi, li
}

// fileWait counts a wait of w seconds that ended (at a booth) in bin b.
// Waits end in time order, so the lane's histogram only ever holds the
// bin in progress: its quantiles are read when a later bin starts.
func (p *Port) fileWait(ln *Lane, b int, w float64) {
	if b != ln.waitBin {
		p.flushWaits(ln)
		ln.waitBin = b
	}
	ln.waits.Add(w)
	bn := &ln.Stats.Bins[b]
	bn.WaitN++
	bn.WaitSum += w
}

// flushWaits stores the quantiles of the waits of bin waitBin.
func (p *Port) flushWaits(ln *Lane) {
	if ln.waits.Count() == 0 {
		return
	}
	bn := &ln.Stats.Bins[ln.waitBin]
	bn.WaitP50 = float32(ln.waits.Quantile(0.5))
	bn.WaitP95 = float32(ln.waits.Quantile(0.95))
	ln.waits.Reset()
}

// alloc takes a pool slot for a new vehicle: its index and its entry.
func (p *Port) alloc() (int, *vehicle) {
	if s := p.free; s >= 0 {
		v := &p.pool[s]
		p.free = v.load
		return int(s), v
	}
	p.pool = append(p.pool, vehicle{})
	s := len(p.pool) - 1
	return s, &p.pool[s]
}

// arrive: a vehicle of lane l reaches the primary queue; the next one of
// the lane is scheduled.
func (p *Port) arrive(l int) {
	now := p.env.Now()
	ln := p.lanes[l]
	if t := ln.arrivals.Next(now); t < p.win.End {
		p.env.SetSlot(p.arrivalSlots[l], t, l)
	}
	slot, v := p.alloc()
	*v = vehicle{arrived: now, lane: int16(l), live: true, key: ln.inspect.Uint64()}
	if load, ok := ln.Loads.Draw(); ok {
		p.setLoad(v, load)
	}
	if ln.parts != nil {
		p.drawPart(v, ln) // trusted.go
	}
	if p.resp != nil && p.present(slot, v, ln, true, false) {
		return // postponed, cancelled or gone to another port
	}
	p.join(slot, v, ln, now)
}

// The vehicle's path through the port passes its slot, its pool entry and
// its lane from call to call rather than looking them up again in each
// (the pool does not move while an event runs: only arrive and Receive
// grow it, before they take the entry).

// join: the vehicle in slot (v, of lane ln) joins its lane's primary queue
// now.
func (p *Port) join(slot int, v *vehicle, ln *Lane, now float64) {
	v.arrived = now
	if ln.inside >= ln.popLimit {
		p.refuse(slot, v) // response.go: the lane is unstable
		return
	}
	ln.inside++
	ln.Seen++
	if b := p.bin(now); b >= 0 {
		v.counted = true
		ln.Stats.Arrivals++
		ln.Stats.Bins[b].Arrivals++
		if v.loaded {
			load := p.loadOf(v)
			d := &ln.Stats.Drugs[load.Drug]
			d.LoadsAttempted++
			d.KgAttempted += load.Kg
		}
		if ln.parts != nil {
			ln.partArrival(v, p.loads)
		}
	}
	if ln.pre == nil && ln.parts == nil { // approach and requestBooth's answer, without the calls
		ln.booths.Claim(slot)
		return
	}
	p.approach(slot, v, ln)
}

// primaryStart: a booth is free; the officer questions the driver.
func (p *Port) primaryStart(slot int) {
	now := p.env.Now()
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	v.wait = now - v.arrived
	if ln.rs != nil && v.booth == 0 {
		ln.rs.served++ // at the general booths, whose rate it measures
	}
	if v.counted {
		s := &ln.Stats
		s.Wait.Add(v.wait)
		if ln.parts == nil {
			s.WaitQ.Add(v.wait)
		} else {
			ln.partWait(v) // trusted.go: the part's sketch, merged into the lane's by Finish
		}
		if b := p.bin(now); b >= 0 {
			p.fileWait(ln, b, v.wait)
		}
	}
	p.env.Timeout(ln.primaryTimeOf(v), p.primaryDoneA, slot)
}

// primaryDone: the officer refers the vehicle to secondary or releases
// it, and the booth takes the next vehicle — unless the vehicle is held at
// the booth for a place in a full lot.
func (p *Port) primaryDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	if v.scanned && p.awaitImage(ln, v, slot) {
		return // the booth stays busy until the image is read or the wait ends
	}

	// The referral rule's probability for the vehicle's part and load
	// (setReferral).
	m := &ln.meant[v.part]
	pr := m[0]
	if v.loaded {
		pr = m[1]
	}
	meant := pr
	if v.wait > p.pressureWait && p.pressureWait > 0 {
		// Wait-time pressure: officers wave traffic through to keep it
		// moving (docs/SOURCES.md, "Volume defeats inspection").
		pr *= p.pressureFactor
	}
	// One uniform per vehicle whatever the policy: common random numbers.
	u := ln.referral.Float64()
	if p.imageReferral(ln, v) {
		meant, pr = 1, 1 // an image alarm is always followed up
	}
	v.decided = true
	if v.counted {
		ln.Stats.Shortfall.Decided++
		if u < meant {
			ln.Stats.Shortfall.Meant++
		}
	}
	if u >= pr {
		if u < meant && v.counted {
			ln.Stats.Shortfall.Waved++
		}
		p.boothsOf(ln, v).Release()
		p.depart(slot, v, ln)
		return
	}
	b := p.bin(p.env.Now())
	if v.counted {
		ln.Stats.Referrals++
		if ln.parts != nil {
			ln.Stats.Parts[v.part].Referrals++
		}
		if b >= 0 {
			ln.Stats.Bins[b].Referrals++
		}
	}
	if ln.lotUsed >= ln.lotCap || len(ln.cfg.Steps) == 0 {
		if ln.cfg.HoldWhenFull && len(ln.cfg.Steps) > 0 {
			ln.held = append(ln.held, int32(slot)) // the booth stays busy
			return
		}
		if v.counted {
			ln.Stats.Missed++
			if b >= 0 {
				ln.Stats.Bins[b].Missed++
			}
		}
		p.boothsOf(ln, v).Release()
		p.depart(slot, v, ln)
		return
	}
	p.boothsOf(ln, v).Release()
	p.enterLot(slot)
}

// enterLot parks a referred vehicle in the secondary lot and starts its
// secondary sequence.
func (p *Port) enterLot(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ln.lotUsed++
	ln.Pulled++
	ln.lot.Set(p.env.Now(), float64(ln.lotUsed))
	v.alarm = v.alarm || v.imageAlarm
	if v.counted {
		ln.Stats.Secondary++
		if b := p.bin(p.env.Now()); b >= 0 {
			ln.Stats.Bins[b].Secondary++
		}
	}
	p.nextStep(slot)
}

// admitHeld moves vehicles held at their booths into the lot while it has
// room, freeing their booths.
func (p *Port) admitHeld(ln *Lane) {
	for len(ln.held) > 0 && ln.lotUsed < ln.lotCap {
		slot := int(ln.held[0])
		ln.held = ln.held[1:]
		p.boothsOf(ln, &p.pool[slot]).Release()
		p.enterLot(slot)
	}
}

// nextStep sends the vehicle to the next step of its lane's secondary
// sequence that applies, or ends secondary.
func (p *Port) nextStep(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	steps := ln.cfg.Steps
	for int(v.step) < len(steps) {
		st := steps[v.step]
		if st.OnlyOnAlarm && !v.alarm || skipStep(v, st) {
			v.step++
			continue
		}
		p.methods[st.Method].res.Claim(slot)
		return
	}
	now := p.env.Now()
	ln.lotUsed--
	ln.lot.Set(now, float64(ln.lotUsed))
	p.admitHeld(ln)
	if v.loaded && v.alarm {
		p.seize(slot, now)
		return
	}
	p.depart(slot, v, ln)
}

func (p *Port) stepStart(slot int) {
	v := &p.pool[slot]
	m := p.methods[p.lanes[v.lane].cfg.Steps[v.step].Method]
	p.scratch.Reseed(v.key, 2*uint64(v.step))
	p.env.Timeout(m.cfg.Time.Sample(p.scratch), p.stepDoneA, slot)
}

// stepDone: an inspection ends with an alarm or not. A step that runs only
// on alarm confirms or clears the alarm (the unload finds the drugs or not);
// any other step raises the alarm or leaves it as it was.
func (p *Port) stepDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	st := ln.cfg.Steps[v.step]
	m := p.methods[st.Method]
	m.res.Release()
	pa := m.cfg.FalseAlarm
	if v.loaded {
		pa = m.cfg.Detect[p.loadOf(v).Concealment]
	}
	alarm := sim.KeyFloat64(v.key, 2*uint64(v.step)+1) < pa // as Reseed then Float64
	if v.counted {
		ln.Stats.Inspections[st.Method]++
		if alarm && !v.loaded {
			ln.Stats.FalseAlarms++
		}
	}
	if st.OnlyOnAlarm {
		v.alarm = alarm
	} else {
		v.alarm = v.alarm || alarm
	}
	v.step++
	p.nextStep(slot)
}

func (p *Port) seize(slot int, now float64) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	load := p.loadOf(v)
	if v.counted {
		d := &ln.Stats.Drugs[load.Drug]
		d.LoadsSeized++
		d.KgSeized += load.Kg
		if ln.parts != nil {
			ps := &ln.Stats.Parts[v.part]
			ps.LoadsSeized++
			ps.KgSeized += load.Kg
		}
		if b := p.bin(now); b >= 0 {
			ln.Stats.Bins[b].Seizures++
			ln.Stats.Bins[b].KgSeized += load.Kg
		}
	}
	if p.report != nil {
		p.report(*load, true)
	}
	p.dropLoad(v) // the vehicle leaves without its load
	p.leave(slot, v, ln, now)
}

func (p *Port) depart(slot int, v *vehicle, ln *Lane) {
	now := p.env.Now()
	if v.loaded {
		load := p.loadOf(v)
		if v.counted {
			d := &ln.Stats.Drugs[load.Drug]
			d.LoadsDelivered++
			d.KgDelivered += load.Kg
		}
		if p.report != nil {
			p.report(*load, false)
		}
	}
	p.leave(slot, v, ln, now)
}

func (p *Port) leave(slot int, v *vehicle, ln *Lane, now float64) {
	if ln.ck != nil && p.atCheckpoint(slot) {
		return // checkpoint.go: it leaves after the checkpoint
	}
	ln.inside--
	if v.counted {
		ln.Stats.Departures++
		ln.Stats.Sojourn.Add(now - v.arrived)
		if b := p.bin(now); b >= 0 {
			ln.Stats.Bins[b].Departures++
		}
	}
	p.release(slot, v)
}

// surgeOn and surgeOff put surge i in and out of force; the port's
// settings are then recomposed from every surge in force, so one surge's
// end never cuts another short (scenario.Surge states the rule).
func (p *Port) surgeOn(i int) {
	p.inForce[i] = true
	p.applySurges()
}

func (p *Port) surgeOff(i int) {
	p.inForce[i] = false
	p.applySurges()
}

// applySurges sets booths, referral rates, lots and secondary servers to
// the port's own settings changed by the surges in force, in order.
func (p *Port) applySurges() {
	factor := 1.0
	for _, ln := range p.lanes {
		ln.extraBooths = 0
		ln.referralRate = ln.cfg.Referral.Rate
	}
	for i := range p.surges {
		if !p.inForce[i] {
			continue
		}
		s := &p.surges[i]
		factor *= s.SecondaryFactor
		for l, ln := range p.lanes {
			if l < len(s.ExtraBooths) {
				ln.extraBooths += s.ExtraBooths[l]
			}
			if l < len(s.ReferralRate) && s.ReferralRate[l] >= 0 {
				ln.referralRate = s.ReferralRate[l]
			}
			if l < len(s.ReferralFactor) {
				ln.referralRate = math.Min(1, ln.referralRate*s.ReferralFactor[l])
			}
		}
	}
	for _, ln := range p.lanes {
		ln.setReferral()
	}
	for _, ln := range p.lanes {
		ln.lotCap = int(math.Round(float64(ln.cfg.LotCapacity) * factor))
		p.applyBooths(ln)
		p.admitHeld(ln)
	}
	for _, m := range p.methods {
		m.res.SetCapacity(int(math.Round(float64(m.servers) * factor)))
	}
}

func (p *Port) applyBooths(ln *Lane) {
	h := int(math.Mod(p.env.Now(), traffic.Day) / traffic.Hour)
	c := ln.cfg.Booths[h] + ln.extraBooths
	if ln.ck != nil && ln.closed() {
		c = 0
	}
	ln.booths.SetCapacity(c)
	ln.boothsOpen.Set(p.env.Now(), float64(c))
	if ln.parts != nil {
		p.applyPartBooths(ln)
	}
}

// setReferral computes the lane's referral probabilities (Lane.meant) from
// its current rate, as primaryDone computed them per vehicle: the same
// floats (TestReferralTable).
func (ln *Lane) setReferral() {
	r := ln.cfg.Referral
	if len(ln.meant) != 1+len(ln.parts) {
		ln.meant = make([][2]float64, 1+len(ln.parts))
	}
	for part := range ln.meant {
		rate := ln.referralRate
		if part != 0 {
			rate = ln.cfg.PartReferral(part-1, rate) // trusted.go
		}
		for loaded, q := range [2]float64{r.TargetFalse, r.TargetHit} {
			ln.meant[part][loaded] = 1 - (1-rate)*(1-q)
		}
	}
}
