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
