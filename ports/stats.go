package ports

import "borderflow/sim"

// Bin holds one lane's counts for one time bin (an hour by default), the
// bin [Start + b·BinWidth, Start + (b+1)·BinWidth) of the window (the last
// one cut at the window's end). Each event is filed in the bin of the
// moment it happens: an arrival when the vehicle arrives, a departure when
// it leaves, a wait when it ends at a booth. Counts are int32 and
// quantiles float32 to keep a year of hourly bins for the whole border
// small.
type Bin struct {
	Arrivals   int32
	Departures int32
	Referrals  int32
	Missed     int32 // referrals released uninspected because the lot was full
	Secondary  int32 // vehicles that entered the secondary lot
	Seizures   int32
	WaitN      int32   // vehicles whose wait for a booth ended in the bin (they reached one)
	WaitP50    float32 // median of those waits, seconds (WaitHist: within ±2.2%)
	WaitP95    float32 // their 95th percentile, seconds
	WaitSum    float64 // their primary waits, seconds
	KgSeized   float64
	QueueInt   float64 // ∫ primary queue length dt over the bin (vehicle-seconds)
	LotInt     float64 // ∫ secondary lot occupancy dt over the bin
	// The waits for a checkpoint (checkpoint.go) that ended in the bin:
	// how many, their sum (seconds), their 95th percentile (WaitHist) and
	// the longest.
	CheckpointWaitN   int32
	CheckpointWaitP95 float32
	CheckpointWaitSum float64
	CheckpointWaitMax float32
}

// DrugStats counts the loads of one drug through one lane.
type DrugStats struct {
	LoadsAttempted, LoadsSeized, LoadsDelivered int64
	KgAttempted, KgSeized, KgDelivered          float64
}

// LaneStats is everything measured for one port lane (one vehicle class)
// over the statistics window. Only vehicles that arrive inside the window
// are counted, so arrivals = departures + still inside at the end.
type LaneStats struct {
	Class      int
	Arrivals   int64
	Departures int64
	Referrals  int64
	Missed     int64 // missed referrals: lot full
	Secondary  int64 // vehicles that entered secondary
	// Inspections counts secondary inspections by method index of the port.
	Inspections []int64
	FalseAlarms int64 // alarms raised on vehicles carrying nothing
	// Shortfall: vehicles the referral rule meant to inspect and did not,
	// by cause (shortfall.go).
	Shortfall Shortfall
	// PrePrimary: the lane's pre-primary scanning (preprimary.go).
	PrePrimary PrePrimaryStats

	Wait    sim.Tally  // primary queue wait, seconds
	WaitQ   sim.Sketch // its quantiles
	Sojourn sim.Tally  // arrival to departure, seconds, of the vehicles that left
	// DelayInside is the time spent so far by the vehicles still inside
	// when the window closed, seconds.
	DelayInside float64
	QueueMean   float64 // time-average primary queue length
	QueueMax    float64
	LotMean     float64 // time-average secondary lot occupancy
	Booths      float64 // time-average booths open

	Drugs []DrugStats // by drug index

	// Response is what drivers did instead of waiting (response.go); zero
	// without a response.
	Response ResponseStats
	// Checkpoint counts the lane's vehicles through a checkpoint
	// (checkpoint.go).
	Checkpoint CheckpointStats
	// Parts are the lane's traffic by trusted part (trusted.go): index 0
	// the general traffic, i+1 the scenario lane's Trusted[i]; nil for a
	// lane without trusted parts.
	Parts []PartStats

	Bins []Bin // the time series, bin width from the scenario
}

// InsideAtEnd returns the vehicles that arrived in the window and had not
// left when it closed.
func (s *LaneStats) InsideAtEnd() int64 { return s.Arrivals - s.Departures }

// DelaySeconds is the delay of every counted vehicle: arrival to departure
// for those that left, arrival to the end of the window for those inside.
func (s *LaneStats) DelaySeconds() float64 { return s.Sojourn.Sum() + s.DelayInside }

// Totals sums the drug statistics over drugs.
func (s *LaneStats) Totals() DrugStats {
	var t DrugStats
	for _, d := range s.Drugs {
		t.LoadsAttempted += d.LoadsAttempted
		t.LoadsSeized += d.LoadsSeized
		t.LoadsDelivered += d.LoadsDelivered
		t.KgAttempted += d.KgAttempted
		t.KgSeized += d.KgSeized
		t.KgDelivered += d.KgDelivered
	}
	return t
}

// CheckpointStats counts a lane's vehicles stopped at a checkpoint: a
// stage like primary, with its waits, and, at a checkpoint with a
// detection method, the loads it found.
type CheckpointStats struct {
	Inspected int64   // vehicles through a checkpoint's inspection
	Wait      float64 // seconds waited for it, summed
	// Waits are the waits for a checkpoint that ended in the window (the
	// vehicle reached a team, or the checkpoint ended while it waited),
	// seconds; WaitQ their quantiles (nil for a lane without checkpoints).
	Waits sim.Tally
	WaitQ *sim.Sketch
	// LoadsInspected are the loaded vehicles inspected by a checkpoint
	// with a detection method; LoadsSeized and KgSeized what it found.
	LoadsInspected, LoadsSeized int64
	KgSeized                    float64
}

// PartStats counts one part of a lane (index 0 of LaneStats.Parts is the
// general traffic), for the vehicles that arrived in the window.
type PartStats struct {
	Arrivals  int64
	Referrals int64
	// AtGeneral counts a part's vehicles that were served at the general
	// booths (always 0 for the general part).
	AtGeneral int64
	Wait      sim.Tally  // primary wait, seconds
	WaitQ     sim.Sketch // its quantiles
	// Loads and kilograms of contraband in the part's vehicles.
	LoadsAttempted, LoadsSeized int64
	KgAttempted, KgSeized       float64
	Booths                      float64 // time-average booths open (the general part: the lane's general booths)
}

// PrePrimaryStats counts one lane's pre-primary scanning.
type PrePrimaryStats struct {
	Scanned int64 // vehicles that drove through a portal
	Read    int64 // images read before the vehicle finished primary
	// Unread images were not read by the time their vehicle finished
	// primary (the reviewers had fallen behind): scanned, but not really
	// inspected.
	Unread      int64
	Alarms      int64 // read images that raised an alarm (each a referral)
	FalseAlarms int64 // of which on vehicles carrying nothing
	// LoadsAlarmed counts loaded vehicles whose image raised an alarm.
	LoadsAlarmed int64
	PortalWait   sim.Tally // seconds waited for a portal
}

// ResponseStats counts what drivers of one lane did instead of waiting.
// Events are counted when they happen inside the statistics window.
type ResponseStats struct {
	Trips       int64 // new trips presented here (the arrival process's vehicles)
	Reappeared  int64 // postponed trips presented again
	Cancelled   int64 // trips not made
	Postponed   int64 // trips put off to later
	DivertedOut int64 // drivers who left for another port
	DivertedIn  int64 // drivers who came from another port (then joined, put off or gave up)
	// DivertedTo counts DivertedOut by destination port index.
	DivertedTo []int64
	// PendingAtEnd: postponed trips not yet back when the window closed;
	// InTransitAtEnd: diverted vehicles on the road to this port then.
	PendingAtEnd, InTransitAtEnd int64
	// DetourSeconds is the drive time of the detours taken from here.
	DetourSeconds float64
	// Refused counts vehicles turned away because the lane held more than
	// its population limit (PopulationLimitDays): the lane is unstable.
	// Counted with or without a response.
	Refused int64
}
