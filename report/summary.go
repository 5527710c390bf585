package report

import (
	"fmt"
	"math"
	"slices"

	"borderflow/border"
	"borderflow/scenario"
)

// Wait is a wait-time summary in minutes.
type Wait struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	Max  float64 `json:"max"`
}

// Drug is one drug's loads and kilograms.
type Drug struct {
	LoadsAttempted   float64 `json:"loads_attempted"`
	LoadsSeized      float64 `json:"loads_seized"`
	LoadsDelivered   float64 `json:"loads_delivered"`
	KgAttempted      float64 `json:"kg_attempted"`
	KgSeized         float64 `json:"kg_seized"`
	KgDelivered      float64 `json:"kg_delivered"`
	KgInside         float64 `json:"kg_inside"`
	InterdictionRate float64 `json:"interdiction_rate"`
	// InterdictionRange is the interdiction rate's interval carrying the
	// range of the flow estimate (scenario [drug] flow_range): the 95%
	// interval over replications (the rate itself with one) divided by the
	// flow range's high and low multipliers, what the rate would be with
	// the same seizures were the flows at either end. Absent without a
	// flow_range.
	InterdictionRange *[2]float64 `json:"interdiction_range,omitempty"`
}

// Port is one port's outcomes (or the total over ports), each number the
// mean over replications.
type Port struct {
	Name  string `json:"name"`
	State string `json:"state,omitempty"`
	// PressureWaitMinutes is the primary wait above which the port cuts
	// its referrals (absent when the port has no such rule).
	PressureWaitMinutes  float64            `json:"pressure_wait_minutes,omitempty"`
	Arrivals             map[string]float64 `json:"arrivals"`
	Departures           map[string]float64 `json:"departures"`
	InsideAtEnd          map[string]float64 `json:"inside_at_end"`
	WaitMinutes          map[string]Wait    `json:"wait_minutes"`
	QueueLength          map[string]float64 `json:"queue_length_mean"`
	Referrals            float64            `json:"referrals"`
	SecondaryInspections float64            `json:"secondary_inspections"`
	InspectionsByMethod  map[string]float64 `json:"inspections_by_method"`
	MissedReferrals      float64            `json:"missed_referrals"`
	FalseAlarms          float64            `json:"false_alarms"`
	// NotInspected counts the vehicles the referral rule meant to
	// inspect and did not, by cause: waved_through (the pressure rule),
	// lot_full (released: the same as missed_referrals), held (at a booth
	// for a lot place when the window closed), queued (no decision yet
	// when it closed), image_unread (scanned at pre-primary, the image not
	// read before the vehicle finished primary).
	NotInspected map[string]float64 `json:"not_inspected"`
	// PrePrimary sums the pre-primary scanning of the port's lanes
	// (absent without portals): scanned, images_read, images_unread (not
	// read before the vehicle finished primary: scanned, not inspected),
	// image_alarms, image_false_alarms, loads_alarmed.
	PrePrimary        map[string]float64 `json:"preprimary,omitempty"`
	LoadsAttempted    float64            `json:"loads_attempted"`
	LoadsSeized       float64            `json:"loads_seized"`
	LoadsDelivered    float64            `json:"loads_delivered"`
	LoadsInside       float64            `json:"loads_inside"`
	KgAttempted       float64            `json:"kg_attempted"`
	KgSeized          float64            `json:"kg_seized"`
	KgDelivered       float64            `json:"kg_delivered"`
	KgInside          float64            `json:"kg_inside"`
	InterdictionRate  float64            `json:"interdiction_rate"`
	DelayVehicleHours float64            `json:"delay_vehicle_hours"`
	// DelayCostUSD is the whole cost of delay at the economy's cost
	// (CostParts.Total), DelayCostPartsUSD its parts by CostPartKeys.
	DelayCostUSD      float64            `json:"delay_cost_usd"`
	DelayCostPartsUSD map[string]float64 `json:"delay_cost_parts_usd"`
	Drugs             map[string]Drug    `json:"drugs"`
	// CI95 holds [low, high] 95% intervals over replications for the main
	// numbers (present with two or more replications).
	CI95 map[string][2]float64 `json:"ci95,omitempty"`
	// Unstable says, per class, whether the lane is overloaded (see
	// Unstable): its queue was still growing when the window closed.
	Unstable map[string]bool `json:"unstable,omitempty"`
	// Trusted splits each lane with trusted-traveller parts into its
	// general traffic and each part, by class then part (trusted.go);
	// absent without parts.
	Trusted map[string]map[string]*TrustedPart `json:"trusted,omitempty"`
	// Checkpoint is each class's checkpoint stage (checkpoint.go):
	// vehicles inspected, their waits, the loads seized; absent without a
	// staffed checkpoint.
	Checkpoint map[string]*CheckpointSummary `json:"checkpoint,omitempty"`
}

// Total is the border's entry in summary.json: a Port whose unstable is
// one boolean, true when any port's lane is.
type Total struct {
	Port
	Unstable bool `json:"unstable"`
}

// Summary is the content of summary.json.
type Summary struct {
	Scenario    string `json:"scenario"`
	Description string `json:"description,omitempty"`
	// Overrides are the run's -set arguments, PATH=VALUE, in order.
	Overrides    []string `json:"overrides,omitempty"`
	Seed         uint64   `json:"seed"`
	Replications int      `json:"replications"`
	HorizonHours float64  `json:"horizon_hours"`
	WarmupHours  float64  `json:"warmup_hours"`
	// Start is the calendar date of simulated time 0, the warm-up's first
	// day; statistics start WarmupHours later.
	Start       string  `json:"start"`
	Events      uint64  `json:"events"`
	WallSeconds float64 `json:"wall_seconds"`
	Ports       []Port  `json:"ports"`
	Total       Total   `json:"total"`
	// Extra sections (organisations, displacement, …) added by the parts
	// of the model that produce them, keyed by their JSON name.
	Extra map[string]any `json:"-"`

	sc       *scenario.Scenario
	measures []*Measures // by replication
}

// UnstableShare is the overload rule: a lane is unstable when the
// vehicles still inside at the end of the window (means over
// replications) exceed this share of its mean daily arrivals. A stable
// queue holds a few minutes' to hours' traffic at the end; a queue that
// holds more than a quarter of a day's arrivals was growing for much of
// the run, or is bounded only at hours (drivers give up past their
// tolerance), and its waits and delay cost may depend on the horizon more
// than on the port (assumption). The rule is a level, not a test of
// growth: docs/OUTPUTS.md.
const UnstableShare = 0.25

// Unstable applies the overload rule to mean arrivals and vehicles inside
// at the end over a window of horizon seconds.
func Unstable(arrivals, inside, horizon float64) bool {
	if horizon <= 0 {
		return false
	}
	return UnstableExcess(arrivals, inside, horizon) > 0
}

// UnstableExcess is how many vehicles inside at the end exceed the
// overload rule's level, UnstableShare of the mean daily arrivals
// (negative: the room left below it). It is linear in its arguments, so
// the mean of the excesses of several replications is the excess of their
// means: a sweep applies the rule on means with it (sweep's
// unstable_excess). 0 for an empty window.
func UnstableExcess(arrivals, inside, horizon float64) float64 {
	if horizon <= 0 {
		return 0
	}
	return inside - UnstableShare*arrivals/(horizon/scenario.Day)
}

// Summarize averages the replications of sc: every figure is the mean
// over replications of the replication's figure (Measure), with its 95%
// interval (CI95) when there are two or more.
func Summarize(sc *scenario.Scenario, results []*border.Result) *Summary {
	return summarize(sc, MeasureAll(sc, results), events(results))
}

func events(results []*border.Result) uint64 {
	n := uint64(0)
	for _, r := range results {
		n += r.Events
	}
	return n
}

// summarize is Summarize of the replications' measures and events
// (Accumulator.Summary).
func summarize(sc *scenario.Scenario, measures []*Measures, events uint64) *Summary {
	s := &Summary{
		Scenario: sc.Name, Description: sc.Description, Seed: sc.Seed, Replications: len(measures),
		HorizonHours: sc.Horizon / scenario.Hour, WarmupHours: sc.Warmup / scenario.Hour, Start: startDate(sc),
		Events: events, sc: sc, measures: measures,
	}
	for p := range sc.Ports {
		var methods []string
		for _, m := range sc.Ports[p].Methods {
			methods = append(methods, m.Name)
		}
		port := s.group(methods, func(m *Measures) *Group { return &m.Ports[p] })
		port.Name, port.State = sc.Ports[p].Name, sc.Ports[p].State
		port.Checkpoint = s.checkpoints(p, &port, func(m *Measures) *Group { return &m.Ports[p] })
		if sc.Ports[p].PressureWait > 0 && sc.Ports[p].PressureFactor < 1 {
			port.PressureWaitMinutes = sc.Ports[p].PressureWait / 60
		}
		s.Ports = append(s.Ports, port)
		for _, u := range port.Unstable {
			s.Total.Unstable = s.Total.Unstable || u
		}
	}
	var all []string
	if len(s.measures) > 0 {
		all = s.measures[0].Methods
	}
	s.Total.Port = s.group(all, func(m *Measures) *Group { return &m.Total })
	s.Total.Port.Name = "total"
	s.Total.Port.Checkpoint = s.checkpoints(-1, &s.Total.Port, func(m *Measures) *Group { return &m.Total })
	s.Total.Port.Unstable = nil
	return s
}

// Measures returns the measures of every replication (read-only).
func (s *Summary) Measures() []*Measures { return s.measures }

// UnstableWarnings says, one line per unstable lane, which port and class
// were overloaded and by how much.
func (s *Summary) UnstableWarnings() []string {
	var out []string
	days := s.HorizonHours / 24
	for _, p := range s.Ports {
		for _, c := range s.classNames() {
			if !p.Unstable[c] {
				continue
			}
			daily := p.Arrivals[c] / days
			out = append(out, fmt.Sprintf("%s %s is unstable: %.0f vehicles still inside at the end, %.0f%% of its %.0f mean daily arrivals (more than %.0f%%): its queue was still growing, or is hours long, and its waits and delay cost may depend on the horizon",
				p.Name, c, p.InsideAtEnd[c], 100*ratio(p.InsideAtEnd[c], daily), daily, 100*UnstableShare))
		}
	}
	return out
}

// classNames are the scenario's classes in scenario order.
func (s *Summary) classNames() []string {
	var out []string
	if s.sc != nil {
		for _, c := range s.sc.Classes {
			out = append(out, c.Name)
		}
	}
	return out
}

// group summarises one port (or the border) over the replications.
//
// methods are the inspection methods to list: the port's own, or every
// method for the border.
func (s *Summary) group(methods []string, of func(m *Measures) *Group) Port {
	sc, ms := s.sc, s.measures
	p := Port{
		Arrivals: map[string]float64{}, Departures: map[string]float64{}, InsideAtEnd: map[string]float64{},
		WaitMinutes: map[string]Wait{}, QueueLength: map[string]float64{}, InspectionsByMethod: map[string]float64{},
		Drugs: map[string]Drug{}, Unstable: map[string]bool{},
	}
	if len(ms) == 0 {
		return p
	}
	ci := map[string][2]float64{}
	stat := func(k string, r Range, f func(g *Group) float64) float64 {
		xs := over(ms, func(m *Measures) float64 { return f(of(m)) })
		if lo, hi, ok := CI95(xs, r); ok && k != "" {
			ci[k] = [2]float64{lo, hi}
		}
		return mean(xs)
	}
	g0 := of(ms[0])
	for c, cls := range sc.Classes {
		if !g0.Classes[c].Present {
			continue
		}
		cs := func(f func(c *Class) float64) func(g *Group) float64 {
			return func(g *Group) float64 { return f(&g.Classes[c]) }
		}
		n := cls.Name
		p.Arrivals[n] = stat("", 0, cs(func(c *Class) float64 { return c.Arrivals }))
		p.Departures[n] = stat("", 0, cs(func(c *Class) float64 { return c.Departures }))
		p.InsideAtEnd[n] = stat("", 0, cs(func(c *Class) float64 { return c.Inside() }))
		p.QueueLength[n] = stat("", 0, cs(func(c *Class) float64 { return c.QueueMean }))
		p.WaitMinutes[n] = Wait{
			Mean: stat("wait_minutes."+n+".mean", NonNegative, cs(func(c *Class) float64 { return c.Wait.Mean })),
			P50:  stat("", 0, cs(func(c *Class) float64 { return c.Wait.P50 })),
			P95:  stat("", 0, cs(func(c *Class) float64 { return c.Wait.P95 })),
			Max:  stat("", 0, cs(func(c *Class) float64 { return c.Wait.Max })),
		}
		p.Unstable[n] = Unstable(p.Arrivals[n], p.InsideAtEnd[n], sc.Horizon)
	}
	for x, name := range ms[0].Methods {
		if slices.Contains(methods, name) {
			p.InspectionsByMethod[name] = stat("", 0, func(g *Group) float64 { return g.Methods[x] })
		}
	}
	for d, dr := range sc.Drugs {
		fl := func(f func(f Flow) float64) func(g *Group) float64 {
			return func(g *Group) float64 { return f(g.Drug(d)) }
		}
		p.Drugs[dr.Name] = Drug{
			LoadsAttempted:   stat("", 0, fl(func(f Flow) float64 { return f.LoadsAttempted })),
			LoadsSeized:      stat("", 0, fl(func(f Flow) float64 { return f.LoadsSeized })),
			LoadsDelivered:   stat("", 0, fl(func(f Flow) float64 { return f.LoadsDelivered })),
			KgAttempted:      stat("", 0, fl(func(f Flow) float64 { return f.KgAttempted })),
			KgSeized:         stat("", 0, fl(func(f Flow) float64 { return f.KgSeized })),
			KgDelivered:      stat("", 0, fl(func(f Flow) float64 { return f.KgDelivered })),
			KgInside:         stat("", 0, fl(func(f Flow) float64 { return f.KgInside() })),
			InterdictionRate: stat("", 0, fl(func(f Flow) float64 { return f.Rate() })),
		}
		if r := dr.FlowRange; r[0] > 0 {
			rates := over(ms, func(m *Measures) float64 { return of(m).Drug(d).Rate() })
			lo, hi, ok := CI95(rates, Unit)
			if !ok {
				lo, hi = mean(rates), mean(rates)
			}
			x := p.Drugs[dr.Name]
			x.InterdictionRange = &[2]float64{lo / r[1], math.Min(1, hi/r[0])}
			p.Drugs[dr.Name] = x
		}
	}
	sum := func(f func(c *Class) float64) func(g *Group) float64 {
		return func(g *Group) float64 { return g.Sum(f) }
	}
	flow := func(f func(f Flow) float64) func(g *Group) float64 {
		return func(g *Group) float64 { return f(g.Flow()) }
	}
	p.Referrals = stat("", 0, sum(func(c *Class) float64 { return c.Referrals }))
	p.SecondaryInspections = stat("secondary_inspections", NonNegative, sum(func(c *Class) float64 { return c.Secondary }))
	p.MissedReferrals = stat("missed_referrals", NonNegative, sum(func(c *Class) float64 { return c.Missed }))
	p.FalseAlarms = stat("", 0, sum(func(c *Class) float64 { return c.FalseAlarms }))
	p.NotInspected = map[string]float64{
		"waved_through": stat("", 0, sum(func(c *Class) float64 { return c.Waved })),
		"lot_full":      p.MissedReferrals,
		"held":          stat("", 0, sum(func(c *Class) float64 { return c.Held })),
		"queued":        stat("", 0, sum(func(c *Class) float64 { return c.Queued })),
		"image_unread":  stat("", 0, sum(func(c *Class) float64 { return c.PrePrimary[2] })),
	}
	if g0.Sum(func(c *Class) float64 { return b2f(c.Portals) }) > 0 {
		p.PrePrimary = map[string]float64{}
		for i, k := range prePrimaryKeys {
			p.PrePrimary[k] = stat("", 0, sum(func(c *Class) float64 { return c.PrePrimary[i] }))
		}
	}
	p.LoadsAttempted = stat("", 0, flow(func(f Flow) float64 { return f.LoadsAttempted }))
	p.LoadsSeized = stat("loads_seized", NonNegative, flow(func(f Flow) float64 { return f.LoadsSeized }))
	p.LoadsDelivered = stat("", 0, flow(func(f Flow) float64 { return f.LoadsDelivered }))
	p.LoadsInside = stat("", 0, flow(func(f Flow) float64 { return f.LoadsInside() }))
	p.KgAttempted = stat("kg_attempted", NonNegative, flow(func(f Flow) float64 { return f.KgAttempted }))
	p.KgSeized = stat("kg_seized", NonNegative, flow(func(f Flow) float64 { return f.KgSeized }))
	p.KgDelivered = stat("", 0, flow(func(f Flow) float64 { return f.KgDelivered }))
	p.KgInside = stat("", 0, flow(func(f Flow) float64 { return f.KgInside() }))
	p.InterdictionRate = stat("interdiction_rate", Unit, flow(func(f Flow) float64 { return f.Rate() }))
	p.DelayVehicleHours = stat("delay_vehicle_hours", NonNegative, sum(func(c *Class) float64 { return c.DelayHours }))
	p.DelayCostUSD = stat("delay_cost_usd", NonNegative, sum(func(c *Class) float64 { return c.Cost.Total }))
	p.DelayCostPartsUSD = map[string]float64{}
	for i, k := range costPartKeys {
		p.DelayCostPartsUSD[k] = stat("delay_cost_parts_usd."+k, NonNegative, sum(func(c *Class) float64 { return c.Cost.Parts()[i] }))
	}
	if len(ci) > 0 {
		p.CI95 = ci
	}
	p.Trusted = s.trustedGroup(of) // trusted.go
	return p
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// startDate is the scenario's start as summary.json writes it.
func startDate(sc *scenario.Scenario) string {
	if sc.Start.IsZero() {
		return scenario.DefaultStart.Format("2006-01-02")
	}
	return sc.Start.Format("2006-01-02")
}
