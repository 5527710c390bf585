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

// Bins is the number of time-series bins in the window (the last one cut
// at End when BinWidth does not divide it).
func (w Window) Bins() int { return int(math.Ceil((w.End-w.Start)/w.BinWidth - 1e-9)) }

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
	nbins    int     // time-series bins in the window
	sink     BinSink // where closed bins go (binring.go); nil: each lane's Stats.Bins
	inForce  []bool  // by surge: started and not ended

	ckOnA, ckOffA, ckStartA, ckDoneA sim.Action // checkstage.go
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
	// referralProb[part][k] is the referral rule's probability for a vehicle of
	// the part (0: general) carrying nothing (k = 0) or a load of drug
	// k − 1, 1 − (1 − rate)(1 − target), the rate the part's share of the
	// lane's (trusted.go) and a load's target the lane's target_hit times
	// its drug's target_hit_factor: computed when the rate changes
	// (setReferral), not per vehicle.
	referralProb [][]float64
	// hitFactor is, by drug, the scenario's target_hit_factor.
	hitFactor   []float64
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
	// The bins still open (binring.go): bin emitted+i is in ring[(emitted+i)%binRing];
	// out gathers closed bins for the port's sink.
	ring    [binRing]Bin
	emitted int
	out     []Bin
	index   int // the lane's index in the port
	Stats   LaneStats
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

// Lanes returns the port's lanes in scenario order.
func (p *Port) Lanes() []*Lane { return p.lanes }

// Env returns the port's environment.
func (p *Port) Env() *sim.Env { return p.env }

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
