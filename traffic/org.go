package traffic

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
)

// Organisations are the adaptive smuggling organisations of one
// replication. At each decision boundary they learn from the fate of
// their loads (Outcome), choose how to split the next period's volume
// among their routes and outside options (Choose), and hand the ports
// their load sources (Plan). The border package drives them through its
// Smugglers interface; they know nothing of queues and booths.
//
// Books. Every load is booked to the period that planned it (the period
// rides in Load.Route, see routeCode), so a load planned in one week and
// seized in the next still counts for the first. For each organisation
//
//	kg attempted = kg seized + kg delivered + kg inside + kg outsourced
//
// holds exactly: attempted is what the ports drew for the organisation's
// routes (every load's weight, as drawn) plus what it sent to outside
// options; seized and delivered are the outcomes the ports reported;
// inside is what was still in a port when the run ended; outsourced is
// counted when it is allocated to an outside option, and splits into
// seized outside (a between-ports route's losses, or another market's),
// delivered to the US (between-ports routes) and sold elsewhere. Volume
// planned for a lane that could not carry it (more loads than vehicles)
// is capped, reported apart, and not attempted. Totals count the periods
// that start at or after the end of the warm-up; learning uses every
// period.
type Organisations struct {
	sc         *scenario.Scenario
	period     float64 // decision period, seconds
	start, end float64 // statistics window
	fixed      [][]float64
	Orgs       []*Org
	// Capped counts the lane-periods where the organisations' loads had
	// to be scaled down to fit the lane's vehicles.
	Capped int
}

// Org is one organisation of a replication: its beliefs and its books.
type Org struct {
	Cfg     *scenario.Organisation
	Beliefs []Belief     // by route
	Periods []PeriodBook // by period, from time 0 (warm-up included)

	index   int
	outside *sim.Stream
	meters  []kgMeter // by route: what the ports drew in the current period
	seen    []int     // by route: loads whose fate was reported this period
	lost    []int     // by route: of which seized
}

// PeriodBook is what an organisation planned in one period and what
// became of it. Kilograms by route are of loads planned in this period,
// whenever their fate was known.
type PeriodBook struct {
	Start, Length float64 // seconds from time 0
	Counted       bool    // starts at or after the end of the warm-up
	Choice        Choice
	Risk          []float64 // perceived risk by route when deciding
	Volume        float64   // kg to move in the period (kg per period × length/period)
	Planned       []float64 // kg by route, as decided
	Capped        float64   // kg planned that no lane could carry
	Outside       []float64 // kg by outside option
	OutsideSeized []float64 // of which lost
	Attempted     []float64 // kg by route drawn at the ports
	Seized        []float64
	Delivered     []float64
	Loads         []int64 // loads by route drawn at the ports
}

// kgMeter is the load-size distribution of one route in one period: it
// draws as the organisation's distribution does and adds up what it drew.
// Each route goes through one port, so only that port's goroutine touches
// its meter between two decision boundaries.
type kgMeter struct {
	d     sim.Dist
	loads int64
	kg    float64
}

func (m *kgMeter) Sample(s *sim.Stream) float64 {
	x := m.d.Sample(s)
	m.loads++
	m.kg += x
	return x
}

func (m *kgMeter) Mean() float64 { return m.d.Mean() }

// NewOrganisations builds the organisations of sc for one replication.
// streams gives named random streams ("org/NAME/outside" draws the fate of
// outsourced loads; decisions draw nothing); [start, end) is the
// statistics window.
func NewOrganisations(sc *scenario.Scenario, streams func(string) *sim.Stream, start, end float64) *Organisations {
	g := &Organisations{sc: sc, period: DecisionPeriod(sc), start: start, end: end}
	g.fixed = make([][]float64, len(sc.Ports))
	for p := range sc.Ports {
		g.fixed[p] = make([]float64, len(sc.Ports[p].Lanes))
	}
	for _, f := range sc.Loads {
		// As ports.New computes it: loads a year ÷ vehicles a year.
		if lc := &sc.Ports[f.Port].Lanes[f.Lane]; lc.Rate > 0 {
			g.fixed[f.Port][f.Lane] += f.LoadsPerYear / (lc.Rate * 365 * Day)
		}
	}
	for i := range sc.Orgs {
		cfg := &sc.Orgs[i]
		o := &Org{
			Cfg:     cfg,
			index:   i,
			Beliefs: make([]Belief, len(cfg.Routes)),
			outside: streams("org/" + cfg.Name + "/outside"),
			meters:  make([]kgMeter, len(cfg.Routes)),
			seen:    make([]int, len(cfg.Routes)),
			lost:    make([]int, len(cfg.Routes)),
		}
		for r := range o.meters {
			o.meters[r].d = cfg.LoadKg
		}
		g.Orgs = append(g.Orgs, o)
	}
	return g
}

// DecisionPeriod returns the organisations' decision period of sc in
// seconds: the scenario's, or a day when it sets none (as the border
// does).
func DecisionPeriod(sc *scenario.Scenario) float64 {
	if sc.DecisionPeriod > 0 {
		return sc.DecisionPeriod
	}
	return Day
}

// Period returns the decision period in seconds.
func (g *Organisations) Period() float64 { return g.period }

// Window returns the statistics window.
func (g *Organisations) Window() (start, end float64) { return g.start, g.end }

// routeCode is the Route a load carries: the route index plus the number
// of routes times the period that planned it, so that an outcome finds
// both its route (for learning) and its period (for the books).
func (o *Org) routeCode(r, period int) int { return period*len(o.Cfg.Routes) + r }

func (o *Org) decode(code int) (r, period int) {
	n := len(o.Cfg.Routes)
	return code % n, code / n
}

// Outcome records the fate of one of the organisations' loads.
func (g *Organisations) Outcome(p int, l Load, seized bool) {
	if l.Org < 0 || l.Org >= len(g.Orgs) {
		return
	}
	o := g.Orgs[l.Org]
	r, k := o.decode(l.Route)
	b := &o.Periods[k]
	o.seen[r]++
	if seized {
		o.lost[r]++
		b.Seized[r] += l.Kg
	} else {
		b.Delivered[r] += l.Kg
	}
}

// close ends the current period of o: what the ports drew goes to the
// books and the period's news to the beliefs.
func (o *Org) close() {
	if n := len(o.Periods); n > 0 {
		b := &o.Periods[n-1]
		for r := range o.meters {
			m := &o.meters[r]
			b.Attempted[r] += m.kg
			b.Loads[r] += m.loads
			m.kg, m.loads = 0, 0
		}
	}
	for r := range o.Beliefs {
		o.Beliefs[r].observe(o.seen[r], o.lost[r], o.Cfg.LearningRate)
		o.seen[r], o.lost[r] = 0, 0
	}
}

// Risks returns o's current perceived risk by route.
func (o *Org) Risks() []float64 {
	out := make([]float64, len(o.Beliefs))
	for r := range o.Beliefs {
		out[r] = o.Beliefs[r].Risk(o.Cfg.PriorAlpha, o.Cfg.PriorBeta)
	}
	return out
}

// Plan closes the period that ends at now, lets every organisation choose,
// and returns their load sources for the period that starts at now, by
// port and lane. The share of a lane's vehicles that carry a route's load
// is the route's planned loads ÷ the lane's expected vehicles in a period
// (Rate × period × the period's month factor), capped so that all loads of
// the lane, fixed flows included, stay within one per vehicle.
func (g *Organisations) Plan(period int, now float64) [][][]LoadSource {
	sc := g.sc
	plan := make([][][]LoadSource, len(sc.Ports))
	for p := range sc.Ports {
		plan[p] = make([][]LoadSource, len(sc.Ports[p].Lanes))
	}
	length := math.Min(now+g.period, g.end) - now
	for _, o := range g.Orgs {
		o.close()
		cfg := o.Cfg
		risk := o.Risks()
		c := Choose(cfg, risk)
		nr, no := len(cfg.Routes), len(cfg.Outside)
		b := PeriodBook{
			Start: now, Length: length, Counted: now >= g.start-1e-6,
			Choice: c, Risk: risk, Volume: cfg.KgPerPeriod * length / g.period,
			Planned: make([]float64, nr), Outside: make([]float64, no), OutsideSeized: make([]float64, no),
			Attempted: make([]float64, nr), Seized: make([]float64, nr), Delivered: make([]float64, nr),
			Loads: make([]int64, nr),
		}
		mean := cfg.LoadKg.Mean()
		for r, rt := range cfg.Routes {
			b.Planned[r] = b.Volume * c.Route[r]
			if b.Planned[r] <= 0 {
				continue
			}
			perVehicle := 0.0
			if lane := &sc.Ports[rt.Port].Lanes[rt.Lane]; lane.Rate > 0 && mean > 0 {
				// Loads per period ÷ vehicles expected in the period (the
				// lane's rate, scaled by the months the period spans); for
				// a short last period both shrink alike.
				vehicles := lane.Rate * g.period * MonthFactor(lane.MonthProfile, now, now+g.period)
				perVehicle = cfg.KgPerPeriod * c.Route[r] / mean / vehicles
			}
			plan[rt.Port][rt.Lane] = append(plan[rt.Port][rt.Lane], LoadSource{
				Drug: cfg.Drug, Concealment: rt.Concealment, Org: o.index, Route: o.routeCode(r, len(o.Periods)),
				PerVehicle: perVehicle, Kg: &o.meters[r],
			})
		}
		for i, op := range cfg.Outside {
			b.Outside[i] = b.Volume * c.Outside[i]
			b.OutsideSeized[i] = o.shipOutside(b.Outside[i], op.SeizeProb)
		}
		o.Periods = append(o.Periods, b)
	}
	g.cap(plan)
	return plan
}

// cap scales down the organisations' loads on any lane where, with the
// fixed flows, they would need more than one load per vehicle, and books
// the kilograms that could not be carried.
func (g *Organisations) cap(plan [][][]LoadSource) {
	for p := range plan {
		for l, srcs := range plan[p] {
			total := 0.0
			for _, s := range srcs {
				total += s.PerVehicle
			}
			room := 1 - g.fixed[p][l]
			if total <= room {
				continue
			}
			g.Capped++
			f := math.Max(0, room) / total * (1 - 1e-9)
			for i := range srcs {
				s := &srcs[i]
				o := g.Orgs[s.Org]
				r, _ := o.decode(s.Route)
				b := &o.Periods[len(o.Periods)-1]
				b.Capped += b.Planned[r] * (1 - f)
				s.PerVehicle *= f
			}
		}
	}
	// Lanes with no traffic (and loads that weigh nothing) have
	// PerVehicle 0 above: everything planned there is capped.
	for _, o := range g.Orgs {
		b := &o.Periods[len(o.Periods)-1]
		for r, rt := range o.Cfg.Routes {
			if g.sc.Ports[rt.Port].Lanes[rt.Lane].Rate <= 0 || !(o.Cfg.LoadKg.Mean() > 0) {
				b.Capped += b.Planned[r]
			}
		}
	}
}

// shipOutside sends kg along an outside option as loads drawn from the
// organisation's load-size distribution (the last one holds the rest),
// each lost with probability q, and returns the kilograms lost. Only the
// organisation's own stream is used, in a fixed order.
func (o *Org) shipOutside(kg, q float64) float64 {
	if kg <= 0 || q <= 0 {
		return 0
	}
	mean := o.Cfg.LoadKg.Mean()
	lost := 0.0
	for left := kg; left > 1e-9*kg; {
		w := o.Cfg.LoadKg.Sample(o.outside)
		if !(w > 0) {
			w = mean
		}
		w = math.Min(w, left)
		if o.outside.Float64() < q {
			lost += w
		}
		left -= w
	}
	return lost
}

// Finish closes the last period once every outcome has been reported.
func (g *Organisations) Finish(now float64) {
	for _, o := range g.Orgs {
		o.close()
	}
}

// Totals are an organisation's kilograms over the counted periods.
type Totals struct {
	Attempted       float64 // at the ports plus outsourced
	AttemptedPorts  float64
	Seized          float64 // at the ports
	Delivered       float64 // through the ports
	Inside          float64 // still in a port at the end
	Outsourced      float64
	OutsideSeized   float64 // of the outsourced kg, lost
	OutsideToUS     float64 // of the outsourced kg, delivered to the US between ports
	OutsideOther    float64 // of the outsourced kg, sold in another market
	Capped          float64 // planned but not carried (not attempted)
	Planned         float64 // the organisation's volume over the counted periods
	Loads           int64   // loads drawn at the ports
	DeliveredToUS   float64 // through the ports plus between them
	ExpectedLossAvg float64 // mean over counted periods of the plan's expected loss share
}

// Totals sums o's books over the counted periods.
func (o *Org) Totals() Totals {
	var t Totals
	n := 0
	for k := range o.Periods {
		b := &o.Periods[k]
		if !b.Counted {
			continue
		}
		n++
		t.Planned += b.Volume
		t.Capped += b.Capped
		t.ExpectedLossAvg += b.Choice.ExpectedLoss
		for r := range b.Attempted {
			t.AttemptedPorts += b.Attempted[r]
			t.Seized += b.Seized[r]
			t.Delivered += b.Delivered[r]
			t.Loads += b.Loads[r]
		}
		for i, op := range o.Cfg.Outside {
			t.Outsourced += b.Outside[i]
			t.OutsideSeized += b.OutsideSeized[i]
			if op.ToUS {
				t.OutsideToUS += b.Outside[i] - b.OutsideSeized[i]
			} else {
				t.OutsideOther += b.Outside[i] - b.OutsideSeized[i]
			}
		}
	}
	if n > 0 {
		t.ExpectedLossAvg /= float64(n)
	}
	t.Inside = t.AttemptedPorts - t.Seized - t.Delivered
	if math.Abs(t.Inside) < 1e-9*math.Max(1, t.AttemptedPorts) {
		t.Inside = 0 // rounding in the sums, not a load
	}
	t.Attempted = t.AttemptedPorts + t.Outsourced
	t.DeliveredToUS = t.Delivered + t.OutsideToUS
	return t
}
