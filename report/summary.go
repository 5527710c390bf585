package report

import (
	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
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
	DelayCostUSD      float64            `json:"delay_cost_usd"`
	Drugs             map[string]Drug    `json:"drugs"`
	// CI95 holds [low, high] 95% intervals over replications for the main
	// numbers (present with two or more replications).
	CI95 map[string][2]float64 `json:"ci95,omitempty"`
}

// Summary is the content of summary.json.
type Summary struct {
	Scenario     string  `json:"scenario"`
	Description  string  `json:"description,omitempty"`
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	HorizonHours float64 `json:"horizon_hours"`
	WarmupHours  float64 `json:"warmup_hours"`
	Events       uint64  `json:"events"`
	WallSeconds  float64 `json:"wall_seconds"`
	Ports        []Port  `json:"ports"`
	Total        Port    `json:"total"`
	// Extra sections (organisations, displacement, …) added by the parts
	// of the model that produce them, keyed by their JSON name.
	Extra map[string]any `json:"-"`
	// Counterfactual holds the replications of the same scenario and seeds
	// without its surges (nil when not run): the parts that measure effects
	// against it read it (report/counterfactual.go).
	Counterfactual []*border.Result `json:"-"`
}

// one replication's numbers for one port (or the total), before averaging.
type sample struct {
	byClass map[string]*classSample
	methods map[string]float64
	drugs   map[string]*Drug
	scalar  map[string]float64
}

type classSample struct {
	arrivals, departures, queue float64
	wait                        Wait
}

// scalar keys, in the order they are averaged and given intervals.
var ciKeys = []string{"kg_seized", "kg_attempted", "interdiction_rate", "loads_seized", "secondary_inspections",
	"missed_referrals", "delay_vehicle_hours", "delay_cost_usd"}

// notInspectedKeys are the causes of Port.NotInspected.
var notInspectedKeys = []string{"waved_through", "lot_full", "held", "queued", "image_unread"}

// prePrimaryKeys are the counts of Port.PrePrimary.
var prePrimaryKeys = []string{"scanned", "images_read", "images_unread", "image_alarms", "image_false_alarms", "loads_alarmed"}

// Summarize averages the replications of sc.
func Summarize(sc *scenario.Scenario, results []*border.Result) *Summary {
	s := &Summary{
		Scenario: sc.Name, Description: sc.Description, Seed: sc.Seed, Replications: len(results),
		HorizonHours: sc.Horizon / 3600, WarmupHours: sc.Warmup / 3600,
	}
	for _, r := range results {
		s.Events += r.Events
	}
	np := len(sc.Ports)
	perPort := make([][]*sample, np+1) // last: total
	for _, r := range results {
		total := newSample()
		for p := range sc.Ports {
			ps := portSample(sc, p, &r.Ports[p])
			perPort[p] = append(perPort[p], ps)
			total.add(ps)
		}
		finishRates(total)
		// The total's waits: vehicle-weighted means over ports; the
		// quantiles and max over all vehicles need the merged sketches.
		totalWaits(sc, r, total)
		perPort[np] = append(perPort[np], total)
	}
	for p := 0; p <= np; p++ {
		name, state := "total", ""
		if p < np {
			name, state = sc.Ports[p].Name, sc.Ports[p].State
		}
		port := average(perPort[p])
		port.Name, port.State = name, state
		if p < np && sc.Ports[p].PressureWait > 0 && sc.Ports[p].PressureFactor < 1 {
			port.PressureWaitMinutes = sc.Ports[p].PressureWait / 60
		}
		if p < np {
			s.Ports = append(s.Ports, port)
		} else {
			s.Total = port
		}
	}
	return s
}

func newSample() *sample {
	return &sample{byClass: map[string]*classSample{}, methods: map[string]float64{}, drugs: map[string]*Drug{}, scalar: map[string]float64{}}
}

func portSample(sc *scenario.Scenario, p int, pr *border.PortResult) *sample {
	s := newSample()
	cfg := &sc.Ports[p]
	for l := range pr.Lanes {
		ls := &pr.Lanes[l]
		cls := sc.Classes[ls.Class]
		cs := &classSample{
			arrivals:   float64(ls.Arrivals),
			departures: float64(ls.Departures),
			queue:      ls.QueueMean,
			wait: Wait{
				Mean: ls.Wait.Mean() / 60,
				P50:  ls.WaitQ.Quantile(0.5) / 60,
				P95:  ls.WaitQ.Quantile(0.95) / 60,
				Max:  ls.Wait.Max() / 60,
			},
		}
		s.byClass[cls.Name] = cs
		s.scalar["referrals"] += float64(ls.Referrals)
		s.scalar["secondary_inspections"] += float64(ls.Secondary)
		s.scalar["missed_referrals"] += float64(ls.Missed)
		s.scalar["false_alarms"] += float64(ls.FalseAlarms)
		s.scalar["not_inspected.waved_through"] += float64(ls.Shortfall.Waved)
		s.scalar["not_inspected.lot_full"] += float64(ls.Missed)
		s.scalar["not_inspected.held"] += float64(ls.Shortfall.HeldAtEnd)
		s.scalar["not_inspected.queued"] += float64(ls.Shortfall.QueuedAtEnd)
		s.scalar["not_inspected.image_unread"] += float64(ls.PrePrimary.Unread)
		if cfg.Lanes[l].PrePrimary != nil {
			s.scalar["preprimary"] = 1
		}
		pp := &ls.PrePrimary
		for i, x := range []int64{pp.Scanned, pp.Read, pp.Unread, pp.Alarms, pp.FalseAlarms, pp.LoadsAlarmed} {
			s.scalar["preprimary."+prePrimaryKeys[i]] += float64(x)
		}
		for m, n := range ls.Inspections {
			s.methods[cfg.Methods[m].Name] += float64(n)
		}
		hours := ls.DelaySeconds() / 3600
		s.scalar["delay_vehicle_hours"] += hours
		s.scalar["delay_cost_usd"] += hours * cls.ValueOfTime
		for d, ds := range ls.Drugs {
			name := sc.Drugs[d].Name
			acc := s.drugs[name]
			if acc == nil {
				acc = &Drug{}
				s.drugs[name] = acc
			}
			acc.LoadsAttempted += float64(ds.LoadsAttempted)
			acc.LoadsSeized += float64(ds.LoadsSeized)
			acc.LoadsDelivered += float64(ds.LoadsDelivered)
			acc.KgAttempted += ds.KgAttempted
			acc.KgSeized += ds.KgSeized
			acc.KgDelivered += ds.KgDelivered
		}
	}
	for _, d := range sc.Drugs {
		if s.drugs[d.Name] == nil {
			s.drugs[d.Name] = &Drug{}
		}
	}
	finishRates(s)
	return s
}

// finishRates derives the loads and kg totals, what is still inside, and
// the interdiction rates from the per-drug counts.
func finishRates(s *sample) {
	for k := range map[string]bool{"loads_attempted": true, "loads_seized": true, "loads_delivered": true,
		"kg_attempted": true, "kg_seized": true, "kg_delivered": true} {
		s.scalar[k] = 0
	}
	for _, d := range s.drugs {
		d.KgInside = d.KgAttempted - d.KgSeized - d.KgDelivered
		d.InterdictionRate = ratio(d.KgSeized, d.KgAttempted)
		s.scalar["loads_attempted"] += d.LoadsAttempted
		s.scalar["loads_seized"] += d.LoadsSeized
		s.scalar["loads_delivered"] += d.LoadsDelivered
		s.scalar["kg_attempted"] += d.KgAttempted
		s.scalar["kg_seized"] += d.KgSeized
		s.scalar["kg_delivered"] += d.KgDelivered
	}
	s.scalar["loads_inside"] = s.scalar["loads_attempted"] - s.scalar["loads_seized"] - s.scalar["loads_delivered"]
	s.scalar["kg_inside"] = s.scalar["kg_attempted"] - s.scalar["kg_seized"] - s.scalar["kg_delivered"]
	s.scalar["interdiction_rate"] = ratio(s.scalar["kg_seized"], s.scalar["kg_attempted"])
}

// accumulate adds w times o's loads and kilograms (not the derived
// KgInside and InterdictionRate).
func (d *Drug) accumulate(o Drug, w float64) {
	d.LoadsAttempted += w * o.LoadsAttempted
	d.LoadsSeized += w * o.LoadsSeized
	d.LoadsDelivered += w * o.LoadsDelivered
	d.KgAttempted += w * o.KgAttempted
	d.KgSeized += w * o.KgSeized
	d.KgDelivered += w * o.KgDelivered
}

// add accumulates a port's sample into a total.
func (s *sample) add(o *sample) {
	for k, c := range o.byClass {
		acc := s.byClass[k]
		if acc == nil {
			acc = &classSample{}
			s.byClass[k] = acc
		}
		acc.arrivals += c.arrivals
		acc.departures += c.departures
		acc.queue += c.queue
	}
	for k, v := range o.methods {
		s.methods[k] += v
	}
	for k, d := range o.drugs {
		acc := s.drugs[k]
		if acc == nil {
			acc = &Drug{}
			s.drugs[k] = acc
		}
		acc.accumulate(*d, 1)
	}
	for _, k := range []string{"referrals", "secondary_inspections", "missed_referrals", "false_alarms", "delay_vehicle_hours", "delay_cost_usd"} {
		s.scalar[k] += o.scalar[k]
	}
	for _, k := range notInspectedKeys {
		s.scalar["not_inspected."+k] += o.scalar["not_inspected."+k]
	}
	for _, k := range prePrimaryKeys {
		s.scalar["preprimary."+k] += o.scalar["preprimary."+k]
	}
	s.scalar["preprimary"] = max(s.scalar["preprimary"], o.scalar["preprimary"])
}

// totalWaits computes the border-wide wait summary per class from the
// merged sketches and tallies of every port.
func totalWaits(sc *scenario.Scenario, r *border.Result, s *sample) {
	for c, cls := range sc.Classes {
		var t sim.Tally
		var q sim.Sketch
		for p := range r.Ports {
			for l := range r.Ports[p].Lanes {
				ls := &r.Ports[p].Lanes[l]
				if ls.Class != c {
					continue
				}
				t.Merge(ls.Wait)
				q.Merge(&ls.WaitQ)
			}
		}
		if cs := s.byClass[cls.Name]; cs != nil {
			cs.wait = Wait{Mean: t.Mean() / 60, P50: q.Quantile(0.5) / 60, P95: q.Quantile(0.95) / 60, Max: t.Max() / 60}
		}
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// average turns per-replication samples into a Port of means, with 95%
// intervals when there are two or more replications.
func average(xs []*sample) Port {
	n := float64(len(xs))
	p := Port{
		Arrivals: map[string]float64{}, Departures: map[string]float64{}, InsideAtEnd: map[string]float64{},
		WaitMinutes: map[string]Wait{}, QueueLength: map[string]float64{}, InspectionsByMethod: map[string]float64{},
		Drugs: map[string]Drug{},
	}
	if len(xs) == 0 {
		return p
	}
	for _, x := range xs {
		for k, c := range x.byClass {
			p.Arrivals[k] += c.arrivals / n
			p.Departures[k] += c.departures / n
			p.InsideAtEnd[k] += (c.arrivals - c.departures) / n
			p.QueueLength[k] += c.queue / n
			w := p.WaitMinutes[k]
			w.Mean += c.wait.Mean / n
			w.P50 += c.wait.P50 / n
			w.P95 += c.wait.P95 / n
			w.Max += c.wait.Max / n
			p.WaitMinutes[k] = w
		}
		for k, v := range x.methods {
			p.InspectionsByMethod[k] += v / n
		}
		for k, d := range x.drugs {
			a := p.Drugs[k]
			a.accumulate(*d, 1/n)
			a.KgInside += d.KgInside / n
			a.InterdictionRate += d.InterdictionRate / n
			p.Drugs[k] = a
		}
	}
	mean := func(k string) float64 {
		v := 0.0
		for _, x := range xs {
			v += x.scalar[k]
		}
		return v / n
	}
	p.Referrals = mean("referrals")
	p.SecondaryInspections = mean("secondary_inspections")
	p.MissedReferrals = mean("missed_referrals")
	p.FalseAlarms = mean("false_alarms")
	p.NotInspected = map[string]float64{}
	for _, k := range notInspectedKeys {
		p.NotInspected[k] = mean("not_inspected." + k)
	}
	if mean("preprimary") > 0 {
		p.PrePrimary = map[string]float64{}
		for _, k := range prePrimaryKeys {
			p.PrePrimary[k] = mean("preprimary." + k)
		}
	}
	p.LoadsAttempted = mean("loads_attempted")
	p.LoadsSeized = mean("loads_seized")
	p.LoadsDelivered = mean("loads_delivered")
	p.LoadsInside = mean("loads_inside")
	p.KgAttempted = mean("kg_attempted")
	p.KgSeized = mean("kg_seized")
	p.KgDelivered = mean("kg_delivered")
	p.KgInside = mean("kg_inside")
	p.InterdictionRate = mean("interdiction_rate")
	p.DelayVehicleHours = mean("delay_vehicle_hours")
	p.DelayCostUSD = mean("delay_cost_usd")
	if len(xs) >= 2 {
		p.CI95 = map[string][2]float64{}
		vals := make([]float64, len(xs))
		for _, k := range ciKeys {
			for i, x := range xs {
				vals[i] = x.scalar[k]
			}
			_, lo, hi := sim.MeanCI95(vals)
			p.CI95[k] = [2]float64{lo, hi}
		}
		for k := range p.WaitMinutes {
			for i, x := range xs {
				vals[i] = 0
				if c := x.byClass[k]; c != nil {
					vals[i] = c.wait.Mean
				}
			}
			_, lo, hi := sim.MeanCI95(vals)
			p.CI95["wait_minutes."+k+".mean"] = [2]float64{lo, hi}
		}
	}
	return p
}
