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

// Streams gives each port its random streams by name, so adding a port or
// a stream never changes another's numbers.
type Streams func(name string) *sim.Stream

// BinSink takes a lane's closed bins as the run goes: bins[i] is bin
// first+i of the port's lane lane (an index into Lanes). The calls for one
// lane come in bin order, every bin once; the slice is reused after the
// call returns. A port calls its sink from the goroutine that runs it.
type BinSink func(lane, first int, bins []Bin)

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
	sink     BinSink // where closed bins go (bin.go); nil: each lane's Stats.Bins
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
	// The bins still open (bin.go): bin emitted+i is in ring[(emitted+i)%binRing];
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

// binRing is how many of a lane's time-series bins are open at once
// (Lane.ring; bin.go says why a few are enough).
const binRing = 4

// The state of the optional features, each nil where a port or lane does
// not have it: the lane's checkpoints (checkpoint.go, checkstage.go), its
// trusted parts (trusted.go), its pre-primary portals (preprimary.go) and
// the drivers' response (response.go). The code of each is in its file.

// checkpoint is one of a lane's checkpoints (scenario.Checkpoint) while
// the port runs: its inspectors, the stream of their times, whether it is
// in force.
type checkpoint struct {
	cfg    *scenario.Checkpoint
	res    *sim.Resource
	time   *sim.Stream
	active bool
	mean   float64
}

// laneCheckpoints is a lane's checkpoints and the one in force, and the
// waits for them that ended in the time bin in progress (for the bin's
// quantile, as Lane.waits for primary).
type laneCheckpoints struct {
	all     []*checkpoint
	on      *checkpoint
	waits   WaitHist
	waitBin int
}

// partLane is one trusted part of a lane while the port runs.
type partLane struct {
	cfg          *scenario.TrustedPart
	primary      sim.Dist // cfg.PrimaryTime
	booths       *sim.Resource
	open         sim.TimeAverage
	meanPrimary  float64
	openAtStart  float64
	queueAtStart float64
	// cumShare and cumLoads are the parts' Share and LoadsShare summed
	// up to this one (drawPart).
	cumShare, cumLoads float64
	// To 128 bytes: the lanes of ports on two cores never write one
	// cache line (internal/cacheline).
	_ [16]byte
}

// prePrimary is a lane's portals and image reviewers.
type prePrimary struct {
	cfg     *scenario.PrePrimary
	portals *sim.Resource
	busy    int      // reviewers reading
	queue   []review // images waiting to be read, oldest first
	head    int
}

// review is an image waiting for, or being read by, a reviewer. key
// identifies the vehicle: its pool slot may have been reused by the time
// the image comes up.
type review struct {
	lane int16
	slot int32
	key  uint64
}

// portResponse is the port's side of the drivers' response: its index
// among the ports, its view of the others, and the actions that bring a
// postponed or diverted trip in (arrive.go).
type portResponse struct {
	self      int
	coupling  *Coupling
	reappearA sim.Action
	receiveA  sim.Action
}

// rateHours is how many past hours the service rate is measured over: long
// enough that an hour of blocked booths does not swing it, short enough to
// follow a day's pattern (assumption).
const rateHours = 3

// laneResponse is a lane's drivers' response: what delay and a detour
// cost them, the ports they may go to instead, and the booths' service
// in the last hours, from which expectedWait estimates the wait.
type laneResponse struct {
	cfg         *scenario.ClassResponse
	stream      *sim.Stream // one uniform per presentation, whatever the choice
	vot         float64     // USD per second of delay to the driver or carrier, when it is one value for all
	own         sim.Dist    // USD per vehicle-hour, one draw per trip (scenario.ClassResponse.OwnValueOfTime); nil: vot
	perKm       float64     // USD per road km of detour
	speed       float64     // km per second on a detour
	meanPrimary float64
	options     []Option
	served      int                // primary starts in the current hour
	busyAt      float64            // ∫ busy booths dt at the start of the hour
	openAt      float64            // ∫ open booths dt at the start of the hour
	open        [rateHours]float64 // booth-seconds open, by hour
	hist        [rateHours]int
	busy        [rateHours]float64 // booth-seconds busy, by hour
	hours       int                // full hours counted in hist
	w           []float64
	// What throughput and perBooth return, computed at each responseTick
	// (they read only the hours closed there): expectedWait runs at every
	// arrival.
	rate      float64
	saturated bool
	per       float64
	// To 256 bytes: the lanes of ports on two cores never write one
	// cache line (internal/cacheline).
	_ [16]byte
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
