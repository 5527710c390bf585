package scenario

import (
	"time"

	"borderflow/sim"
)

// Scenario is a checked scenario with every unit resolved: durations in
// simulated seconds, volumes in vehicles per second, probabilities in
// [0, 1]. The model (package border, ports, traffic) reads only this; the
// TOML shape users write lives in toml.go.
type Scenario struct {
	Name        string
	Description string
	Source      string // file name or "embedded:NAME", for messages and summary.json

	// Start is the calendar date of simulated time 0, the first day of the
	// warm-up (00:00 UTC): the months and weekdays of the traffic
	// profiles, and the dates of series.csv, follow it. Default 1 January
	// 2024.
	Start time.Time

	Seed         uint64
	Replications int
	Horizon      float64 // seconds simulated after warm-up
	Warmup       float64 // seconds simulated before statistics start
	BinWidth     float64 // seconds per bin of the time series (series.csv); default 3600

	Classes []Class // vehicle classes used anywhere, in a fixed order
	Drugs   []Drug
	Ports   []Port
	Loads   []LoadFlow     // fixed (non-adaptive) contraband flows
	Orgs    []Organisation // adaptive smuggling organisations (may be empty)
	Surges  []Surge

	// DecisionPeriod is how often organisations re-plan (seconds); ports are
	// independent between two decision points. Default one week.
	DecisionPeriod float64
	// Concealments lists the concealment method names in use (index = the
	// Concealment numbers used in LoadFlow, Route and Method.Detect).
	Concealments []string
	// Response is how traffic answers delay (response.go); nil: it does
	// not, every vehicle waits however long the queue.
	Response *Response
	// Valuation, when set, is the economy's valuation of delay by class
	// (economy.go), in place of the one read from the classes and the
	// response; nil for a scenario as loaded.
	Valuation []EconomyCost
	// Checkpoints are stages or closures at ports for a period
	// (checkpoint.go).
	Checkpoints []Checkpoint
	// Market is how supply and demand answer price (market.go).
	Market Market
	// marketRef is the scenario the market's baseline is measured on
	// (MarketReference); nil: this one.
	marketRef *Scenario

	// origin is the TOML the scenario was decoded from, for With; nil for
	// a scenario built in code.
	origin *origin
}

// Class is a vehicle class: truck, car (personal vehicle), bus.
type Class struct {
	Name string
	// ValueOfTime is the cost of one vehicle-hour of delay, USD.
	ValueOfTime float64
}

// Drug is a contraband drug with its value per kilogram.
type Drug struct {
	Name       string
	ValuePerKg float64 // USD at the US wholesale level
	// TargetHitFactor scales what the lanes' targeting adds to random
	// selection for vehicles carrying this drug (DrugTargetHit): how much
	// better than the lanes' average intelligence flags its carriers. 1, or 0 (unset): no
	// difference.
	TargetHitFactor float64
	// FlowRange is the range of the estimate the scenario's fixed flows of
	// this drug come from, as multipliers of those flows: [low, high] with
	// low ≤ 1 ≤ high ([0, 0]: none given). The interdiction rate's
	// interval in the outputs carries it (report.Drug).
	FlowRange [2]float64
}

// DrugTargetHit is the share of a lane's vehicles carrying a drug that
// targeting flags: the lane's false-flag rate plus the drug's
// TargetHitFactor times what the lane's targeting adds to it,
// target_false + factor × (target_hit − target_false), within [0, 1]
// (factor 0: unset, 1). Targeting no better than chance (target_hit =
// target_false, a sweep's AUC 0.5) stays no better than chance for every
// drug; with target_false 0, as the shipped lanes have, it is factor ×
// target_hit.
func DrugTargetHit(r Referral, factor float64) float64 {
	if factor == 0 || factor == 1 {
		return r.TargetHit
	}
	return min(1, max(0, r.TargetFalse+factor*(r.TargetHit-r.TargetFalse)))
}

// Port is one land port of entry.
type Port struct {
	Name    string
	State   string
	Lanes   []Lane   // one per class that crosses here (index into Scenario.Classes in Lane.Class)
	Methods []Method // secondary inspection methods (imaging, canine, unload)
	// PressureWait: when a vehicle waited longer than this at primary, the
	// referral probability is multiplied by PressureFactor (0 = off).
	PressureWait   float64
	PressureFactor float64
}

// Lane is what a port does with one vehicle class.
type Lane struct {
	Class int // index into Scenario.Classes
	// Rate is the mean arrival rate in vehicles per second, before the
	// profile; AnnualVolume is kept for reports.
	Rate         float64
	AnnualVolume float64
	HourProfile  [24]float64 // multipliers with mean 1
	DayProfile   [7]float64  // Monday..Sunday, multipliers with mean 1
	// MonthProfile multiplies the rate in each month of the 365-day year
	// that starts on simulated day 0 (a Monday, as 1 January 2024 was);
	// weighted by the days of each month its mean is 1, so the annual
	// volume is kept. All 1 when the scenario gives no months.
	MonthProfile [12]float64
	Booths       [24]int // primary booths open in each hour of the day
	// Staffing is the roster the booths come from (nil: the file gave
	// the booths by hour; staffing.go).
	Staffing    *Staffing
	PrimaryTime sim.Dist // seconds
	Referral    Referral
	LotCapacity int // places in the secondary lot; 0 = no secondary
	// HoldWhenFull: a referred vehicle that finds the lot full waits at its
	// booth for a place (blocking the booth) instead of being released
	// uninspected as a missed referral. Operation Intercept's "inspect
	// everything" is this: primary backs up behind secondary.
	HoldWhenFull bool
	Steps        []Step // the secondary sequence
	// PrePrimary is the lane's pre-primary scanning stage (nil: none;
	// preprimary.go).
	PrePrimary *PrePrimary
	// Trusted are the lane's trusted-traveller parts, in name order (nil:
	// none; trusted.go). Booths are then the general booths.
	Trusted []TrustedPart
}

// Referral is the primary officer's decision to send a vehicle to
// secondary. P(refer | loaded) = 1-(1-Rate)(1-TargetHit) and
// P(refer | clean) = 1-(1-Rate)(1-TargetFalse): random selection at Rate
// combined with targeting by imperfect intelligence.
type Referral struct {
	Rate        float64
	TargetHit   float64
	TargetFalse float64
}

// Step is one stage of the secondary sequence.
type Step struct {
	Method      int  // index into Port.Methods
	OnlyOnAlarm bool // run only if the sequence is in alarm (e.g. unload after an image anomaly)
}

// Method is a secondary inspection method with its own servers.
type Method struct {
	Name       string
	Servers    int
	Time       sim.Dist  // seconds per vehicle
	FalseAlarm float64   // P(alarm | no load)
	Detect     []float64 // P(alarm | load) by concealment index
}

// LoadFlow is a fixed stream of contraband loads that does not adapt.
type LoadFlow struct {
	Drug         int
	Port         int // index into Ports
	Lane         int // index into Ports[Port].Lanes
	Concealment  int
	LoadsPerYear float64
	Kg           sim.Dist
}

// Surge is a time-bounded reinforcement at one port.
//
// Surges compose: at any moment a port runs with its own settings
// changed by every surge in force, applied in the order of
// Scenario.Surges (the file's surges, then a sweep policy's). Extra
// booths add up; a surge's ReferralRate (≥ 0) sets a lane's random
// referral rate and its ReferralFactor then multiplies the rate in force
// (capped at 1); SecondaryFactors multiply. When a surge ends the port
// runs with the surges still in force, so each end restores what was
// there before the surge began (ports/schedule.go, Port.applySurges).
type Surge struct {
	Port         int
	Start, End   float64   // seconds from the start of the horizon (after warm-up)
	ExtraBooths  []int     // by lane index of the port
	ReferralRate []float64 // by lane index; -1 = unchanged
	// ReferralFactor multiplies the referral rate in force, by lane index
	// (nil: unchanged); a sweep policy's surge sets it.
	ReferralFactor  []float64
	SecondaryFactor float64 // multiplies servers of every method and lot capacities; 1 = unchanged
}

// Organisation is an independent smuggling organisation: it moves
// KgPerPeriod kilograms of one drug each decision period, split among its
// routes through the ports and its outside options by expected profit,
// and revises its perceived risk of each route from its own seizures
// (traffic/org.go; docs/SCENARIOS.md, [[organisation]]).
type Organisation struct {
	Name        string
	Drug        int      // index into Scenario.Drugs
	KgPerPeriod float64  // kilograms to move in each decision period
	LoadKg      sim.Dist // kilograms in one load
	ValuePerKg  float64  // USD per kg delivered at destination (US wholesale)
	Routes      []Route
	Outside     []OutsideOption
	// LearningRate is the weight of new information (NarcoLogic's
	// delta_rt): when a loss revises the beliefs about a route, the
	// earlier evidence keeps weight 1 − LearningRate.
	LearningRate float64
	// PriorAlpha and PriorBeta are the Beta prior of a route's risk (in
	// loads): prior mean PriorAlpha/(PriorAlpha+PriorBeta). With
	// PriorWeight > 0 they are unused: each route's prior has that weight
	// (in loads) and the route's baseline risk as its mean
	// (traffic.BaselineRisk), so the organisation starts at equilibrium.
	PriorAlpha, PriorBeta float64
	PriorWeight           float64
	// Observe are the weights of what the organisation learns from others
	// (traffic/org_observe.go): 0 switches a channel off.
	Observe Observation
	// LossTolerance is the expected share of the volume the organisation
	// accepts to lose (NarcoLogic losslim); above it, volume goes to the
	// outside options.
	LossTolerance float64
	// Temperature is the logit temperature, USD per kg of expected
	// profit: a route whose expected profit is Temperature lower gets 1/e
	// times the share.
	Temperature float64
}

// Route is a way through a port: port × vehicle class (lane) ×
// concealment, with the organisation's cost per kilogram.
type Route struct {
	Port        int // index into Scenario.Ports
	Lane        int // index into Ports[Port].Lanes
	Concealment int // index into Scenario.Concealments
	CostPerKg   float64
	// LoadKg is the route's load size (nil: the organisation's): the
	// organisation chooses few big loads or many small ones with the route.
	LoadKg sim.Dist
}

// OutsideOption is a way to sell without crossing a port: another market
// (ToUS false: the drug never reaches the US) or a between-ports route
// (ToUS true: tunnels, desert, the river — Border Patrol's ground, not
// the ports'). Its loss probability is known to the organisation.
type OutsideOption struct {
	Name       string
	ToUS       bool
	ValuePerKg float64 // USD per kg sold
	CostPerKg  float64
	SeizeProb  float64 // probability that a load is lost
	// Contract: a contractor carries the load across between the ports
	// for the fee CostPerKg and bears the loss (SeizeProb is its risk, not
	// the organisation's).
	Contract bool
	// BaselineShare > 0: CostPerKg is derived so that the organisation
	// sends this share of its volume here under its baseline beliefs
	// (traffic.Calibrate).
	BaselineShare float64
}

// Observation weighs the channels through which an organisation learns
// of risk beyond its own loads (traffic/org_observe.go).
type Observation struct {
	// Spotters is the weight, in loads per period, of the referral share
	// that watchers at a port see in each lane.
	Spotters float64
	// Announcements is the weight, in loads per period, of the seizures
	// CBP announces at a port-lane (those of at least AnnounceKg).
	Announcements float64
	AnnounceKg    float64
}
