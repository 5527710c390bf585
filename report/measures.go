package report

import (
	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

// Measures are what one replication measured, computed once and read by
// every output: summary.json, ports.csv, drugs.csv, replications.csv and
// the sweep's metrics. Everything is indexed by position (port, class,
// drug, method: the scenario's order), never by a map, and every sum runs
// in that order, so the same replication gives the same bits.
type Measures struct {
	// Methods names the secondary-inspection methods of every port, in
	// the order they first appear (port by port); Group.Methods is
	// indexed by it.
	Methods []string
	Ports   []Group // by port
	// Total is the border: each class summed over ports (in port order),
	// its waits from the merged tallies and sketches of every port.
	Total Group
}

// Group is one port's measures, or the border's.
type Group struct {
	Classes []Class   // by scenario class; Present says whether the port has the lane
	Methods []float64 // secondary inspections by method (Measures.Methods)
}

// Class is one class's measures at a port (one lane), or over the border.
type Class struct {
	Present              bool
	Arrivals, Departures float64
	Wait                 Wait    // primary wait, minutes
	QueueMean            float64 // time-average primary queue length, vehicles
	LotMean              float64 // time-average secondary lot occupancy, vehicles
	Booths               float64 // time-average primary booths open
	Referrals, Secondary float64
	Missed, FalseAlarms  float64
	// Waved, Held and Queued are the vehicles the referral rule meant to
	// inspect and did not (ports.Shortfall); Missed are the fourth cause.
	Waved, Held, Queued float64
	// Portals says whether the lane scans at pre-primary; PrePrimary
	// counts the scanning (ports.PrePrimaryStats).
	Portals    bool
	PrePrimary PrePrimary
	DelayHours float64 // vehicle-hours in the port
	// Cost is the cost of delay, whole and by part (cost.go).
	Cost  CostParts
	Drugs []Flow // by drug
	// Parts split a lane with trusted-traveller parts into its general
	// traffic and each part (trusted.go); nil without parts.
	Parts []Part
	// Checkpoint is the lane's checkpoint stage (checkpoint.go).
	Checkpoint CheckpointStage
}

// PrePrimary counts a lane's pre-primary scanning, in the order of
// prePrimaryKeys.
type PrePrimary [6]float64

// prePrimaryKeys name PrePrimary's counts in summary.json.
var prePrimaryKeys = []string{"scanned", "images_read", "images_unread", "image_alarms", "image_false_alarms", "loads_alarmed"}

// Flow is contraband: loads and kilograms attempted, seized, delivered.
type Flow struct {
	LoadsAttempted, LoadsSeized, LoadsDelivered float64
	KgAttempted, KgSeized, KgDelivered          float64
}

func (f *Flow) add(o Flow) {
	f.LoadsAttempted += o.LoadsAttempted
	f.LoadsSeized += o.LoadsSeized
	f.LoadsDelivered += o.LoadsDelivered
	f.KgAttempted += o.KgAttempted
	f.KgSeized += o.KgSeized
	f.KgDelivered += o.KgDelivered
}

// LoadsInside are the loads still in the port when the window closed.
func (f Flow) LoadsInside() float64 { return f.LoadsAttempted - f.LoadsSeized - f.LoadsDelivered }

// KgInside are the kilograms still in the port when the window closed.
// The three sums add the same loads' kilograms in different orders, so
// their difference carries rounding residue of the order of 1e-16 of the
// kilograms attempted; a difference that small is 0.
func (f Flow) KgInside() float64 {
	d := f.KgAttempted - f.KgSeized - f.KgDelivered
	if d <= 1e-9*f.KgAttempted {
		return 0
	}
	return d
}

// Rate is the interdiction rate: kilograms seized ÷ kilograms attempted
// (0 when nothing was attempted).
func (f Flow) Rate() float64 { return ratio(f.KgSeized, f.KgAttempted) }

// Inside are the vehicles that arrived in the window and had not left.
func (c *Class) Inside() float64 { return c.Arrivals - c.Departures }

// Flow sums the class's contraband over drugs.
func (c *Class) Flow() Flow {
	var f Flow
	for _, d := range c.Drugs {
		f.add(d)
	}
	return f
}

// Sum adds f over the classes present, in class order.
func (g *Group) Sum(f func(c *Class) float64) float64 {
	s := 0.0
	for i := range g.Classes {
		if g.Classes[i].Present {
			s += f(&g.Classes[i])
		}
	}
	return s
}

// Drug sums drug d over the classes present.
func (g *Group) Drug(d int) Flow {
	var f Flow
	for i := range g.Classes {
		if g.Classes[i].Present {
			f.add(g.Classes[i].Drugs[d])
		}
	}
	return f
}

// Flow sums the group's contraband over drugs (each drug summed over
// classes first, as Drug does).
func (g *Group) Flow() Flow {
	var f Flow
	if len(g.Classes) == 0 {
		return f
	}
	for d := range g.Classes[0].Drugs {
		f.add(g.Drug(d))
	}
	return f
}

// Measure computes the measures of one replication of sc.
func Measure(sc *scenario.Scenario, r *border.Result) *Measures {
	m := &Measures{}
	method := map[string]int{} // name → index in m.Methods (lookup only)
	for _, p := range sc.Ports {
		for _, x := range p.Methods {
			if _, ok := method[x.Name]; !ok {
				method[x.Name] = len(m.Methods)
				m.Methods = append(m.Methods, x.Name)
			}
		}
	}
	nc, nd := len(sc.Classes), len(sc.Drugs)
	newGroup := func() Group {
		g := Group{Classes: make([]Class, nc), Methods: make([]float64, len(m.Methods))}
		for c := range g.Classes {
			g.Classes[c].Drugs = make([]Flow, nd)
		}
		return g
	}
	m.Total = newGroup()
	waits := make([]sim.Tally, nc)
	sketches := make([]sim.Sketch, nc)
	for p, pc := range sc.Ports {
		g := newGroup()
		for l := range r.Ports[p].Lanes {
			ls := &r.Ports[p].Lanes[l]
			c := &g.Classes[ls.Class]
			c.Present = true
			c.Arrivals = float64(ls.Arrivals)
			c.Departures = float64(ls.Departures)
			c.Wait = Wait{
				Mean: ls.Wait.Mean() / 60,
				P50:  ls.WaitQ.Quantile(0.5) / 60,
				P95:  ls.WaitQ.Quantile(0.95) / 60,
				Max:  ls.Wait.Max() / 60,
			}
			c.QueueMean, c.LotMean, c.Booths = ls.QueueMean, ls.LotMean, ls.Booths
			c.Referrals = float64(ls.Referrals)
			c.Secondary = float64(ls.Secondary)
			c.Missed = float64(ls.Missed)
			c.FalseAlarms = float64(ls.FalseAlarms)
			c.Waved = float64(ls.Shortfall.Waved)
			c.Held = float64(ls.Shortfall.HeldAtEnd)
			c.Queued = float64(ls.Shortfall.QueuedAtEnd)
			c.Portals = pc.Lanes[l].PrePrimary != nil
			pp := &ls.PrePrimary
			for i, x := range []int64{pp.Scanned, pp.Read, pp.Unread, pp.Alarms, pp.FalseAlarms, pp.LoadsAlarmed} {
				c.PrePrimary[i] = float64(x)
			}
			c.DelayHours = ls.DelaySeconds() / scenario.Hour
			c.Cost = laneCost(sc, ls)
			for d, ds := range ls.Drugs {
				c.Drugs[d] = Flow{
					LoadsAttempted: float64(ds.LoadsAttempted), LoadsSeized: float64(ds.LoadsSeized),
					LoadsDelivered: float64(ds.LoadsDelivered),
					KgAttempted:    ds.KgAttempted, KgSeized: ds.KgSeized, KgDelivered: ds.KgDelivered,
				}
			}
			for x, n := range ls.Inspections {
				g.Methods[method[pc.Methods[x].Name]] += float64(n)
			}
			waits[ls.Class].Merge(ls.Wait)
			sketches[ls.Class].Merge(&ls.WaitQ)
		}
		m.Ports = append(m.Ports, g)
	}
	// The border: ports added in port order.
	for p := range m.Ports {
		g := &m.Ports[p]
		for c := range g.Classes {
			src, dst := &g.Classes[c], &m.Total.Classes[c]
			if !src.Present {
				continue
			}
			dst.Present = true
			dst.Arrivals += src.Arrivals
			dst.Departures += src.Departures
			dst.QueueMean += src.QueueMean
			dst.LotMean += src.LotMean
			dst.Booths += src.Booths
			dst.Referrals += src.Referrals
			dst.Secondary += src.Secondary
			dst.Missed += src.Missed
			dst.FalseAlarms += src.FalseAlarms
			dst.Waved += src.Waved
			dst.Held += src.Held
			dst.Queued += src.Queued
			dst.Portals = dst.Portals || src.Portals
			for i := range src.PrePrimary {
				dst.PrePrimary[i] += src.PrePrimary[i]
			}
			dst.DelayHours += src.DelayHours
			dst.Cost.add(src.Cost)
			for d := range src.Drugs {
				dst.Drugs[d].add(src.Drugs[d])
			}
		}
		for x, n := range g.Methods {
			m.Total.Methods[x] += n
		}
	}
	for c := range m.Total.Classes {
		m.Total.Classes[c].Wait = Wait{
			Mean: waits[c].Mean() / 60, P50: sketches[c].Quantile(0.5) / 60,
			P95: sketches[c].Quantile(0.95) / 60, Max: waits[c].Max() / 60,
		}
	}
	measureTrusted(sc, r, m)     // trusted.go
	measureCheckpoints(sc, r, m) // checkpoint.go
	return m
}

// MeasureAll measures every replication.
func MeasureAll(sc *scenario.Scenario, results []*border.Result) []*Measures {
	out := make([]*Measures, len(results))
	for i, r := range results {
		out[i] = Measure(sc, r)
	}
	return out
}

// over returns f of each replication's measures, in replication order.
func over(ms []*Measures, f func(m *Measures) float64) []float64 {
	out := make([]float64, len(ms))
	for i, m := range ms {
		out[i] = f(m)
	}
	return out
}

// mean is the mean of xs, summed in order (0 for none).
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
