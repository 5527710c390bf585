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
// their load sources (Plan). The border package drives them (border.Run);
// they know nothing of queues and booths.
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
	period     float64       // decision period, seconds
	start, end float64       // statistics window
	fixed      [][]float64   // by port and lane: the fixed flows' loads per vehicle, configured
	flowsAt    [][][]int     // by port and lane: the fixed flows there (index into sc.Loads)
	watch      [][]laneWatch // by port and lane: what spotters see
	Orgs       []*Org
	// Supply is the market the organisations' volumes follow (supply.go);
	// nil keeps every volume as configured.
	Supply *Supply
	// Capped counts the lane-periods where the organisations' loads had
	// to be scaled down to fit the lane's vehicles.
	Capped int
}

// Org is one organisation of a replication: its beliefs and its books.
type Org struct {
	// Cfg is the scenario's organisation with the costs of outside options
	// that have a baseline share filled in (Calibrate).
	Cfg     *scenario.Organisation
	Beliefs []Belief     // by route
	Outside []Belief     // by outside option (a contract's is not used)
	Periods []PeriodBook // by period, from time 0 (warm-up included)

	index   int
	outside *sim.Stream
	meters  []kgMeter // by route: what the ports drew in the current period
	seen    []int     // by route: loads whose fate was reported this period
	lost    []int     // by route: of which seized
	news    []int     // by route: loads whose fate was learnt in the last closed period
	factor  []float64 // by route: what the channels make of the last period (org_observe.go)
	oSeen   []int     // by outside option: loads shipped this period
	oLost   []int     // by outside option: of which lost

	lanes     [][2]int // the port-lanes of its routes, in route order
	ports     []int    // the ports of its routes, in route order
	spotBase  map[[2]int]*running
	annBase   []running // by port
	announced []int     // by port: announced seizures this period
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
	g.flowsAt = make([][][]int, len(sc.Ports))
	g.watch = make([][]laneWatch, len(sc.Ports))
	for p := range sc.Ports {
		g.fixed[p] = make([]float64, len(sc.Ports[p].Lanes))
		g.flowsAt[p] = make([][]int, len(sc.Ports[p].Lanes))
		g.watch[p] = make([]laneWatch, len(sc.Ports[p].Lanes))
	}
	for i, f := range sc.Loads {
		// As ports.New computes it: loads a year ÷ vehicles a year.
		if lc := &sc.Ports[f.Port].Lanes[f.Lane]; lc.Rate > 0 {
			g.fixed[f.Port][f.Lane] += scenario.LoadsPerVehicle(f.LoadsPerYear, lc.Rate)
			g.flowsAt[f.Port][f.Lane] = append(g.flowsAt[f.Port][f.Lane], i)
		}
	}
	for i := range sc.Orgs {
		cfg := Calibrate(sc, &sc.Orgs[i])
		o := &Org{
			Cfg:       cfg,
			index:     i,
			Beliefs:   priors(sc, cfg),
			Outside:   outsidePriors(cfg),
			outside:   streams("org/" + cfg.Name + "/outside"),
			meters:    make([]kgMeter, len(cfg.Routes)),
			seen:      make([]int, len(cfg.Routes)),
			lost:      make([]int, len(cfg.Routes)),
			news:      make([]int, len(cfg.Routes)),
			factor:    make([]float64, len(cfg.Routes)),
			oSeen:     make([]int, len(cfg.Outside)),
			oLost:     make([]int, len(cfg.Outside)),
			spotBase:  map[[2]int]*running{},
			annBase:   make([]running, len(sc.Ports)),
			announced: make([]int, len(sc.Ports)),
		}
		inPorts := map[int]bool{}
		for r, rt := range cfg.Routes {
			o.meters[r].d = RouteLoadKg(cfg, r)
			o.factor[r] = 1
			k := [2]int{rt.Port, rt.Lane}
			if o.spotBase[k] == nil {
				o.spotBase[k] = &running{}
				o.lanes = append(o.lanes, k)
			}
			if !inPorts[rt.Port] {
				inPorts[rt.Port] = true
				o.ports = append(o.ports, rt.Port)
			}
		}
		g.Orgs = append(g.Orgs, o)
	}
	return g
}

// RouteLoadKg is the load-size distribution of route r of o: the route's
// own (a route of few big loads or of many small ones) or the
// organisation's.
func RouteLoadKg(o *scenario.Organisation, r int) sim.Dist {
	if d := o.Routes[r].LoadKg; d != nil {
		return d
	}
	return o.LoadKg
}

// DecisionPeriod returns the organisations' decision period of sc in
// seconds: the scenario's, or a day when it sets none (as the border
// does).
func DecisionPeriod(sc *scenario.Scenario) float64 {
	if sc.DecisionPeriod > 0 {
		return sc.DecisionPeriod
	}
	return scenario.Day
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

// Outcome records the fate of a load at port p: one of the
// organisations' for their books and beliefs, and any seized load (fixed
// flows too) large enough for CBP to announce it.
func (g *Organisations) Outcome(p int, l Load, seized bool) {
	if seized {
		for _, o := range g.Orgs {
			if l.Kg >= o.Cfg.Observe.AnnounceKg {
				o.announced[p]++
			}
		}
	}
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
// books and the period's news to the beliefs: all evidence fades by one
// period, then the own loads and outside shipments are added, then what
// o observed of others (org_observe.go).
func (g *Organisations) close(o *Org) {
	if n := len(o.Periods); n > 0 {
		b := &o.Periods[n-1]
		for r := range o.meters {
			m := &o.meters[r]
			b.Attempted[r] += m.kg
			b.Loads[r] += m.loads
			m.kg, m.loads = 0, 0
		}
	}
	lambda := o.Cfg.LearningRate
	for r := range o.Beliefs {
		b := &o.Beliefs[r]
		b.fade(lambda)
		b.observe(float64(o.seen[r]), float64(o.lost[r]))
		o.news[r] = o.seen[r]
		o.seen[r], o.lost[r] = 0, 0
	}
	for i := range o.Outside {
		b := &o.Outside[i]
		b.fade(lambda)
		b.observe(float64(o.oSeen[i]), float64(o.oLost[i]))
		o.oSeen[i], o.oLost[i] = 0, 0
	}
	g.observeOthers(o)
}

// Risks returns o's current perceived risk by route: the own-loss
// posterior times what the channels made of the last period.
func (o *Org) Risks() []float64 {
	out := make([]float64, len(o.Beliefs))
	for r := range o.Beliefs {
		out[r] = math.Min(1, o.Beliefs[r].Risk()*o.factor[r])
	}
	return out
}

// OutsideRisks returns o's current perceived risk by outside option.
func (o *Org) OutsideRisks() []float64 {
	out := make([]float64, len(o.Outside))
	for i := range o.Outside {
		out[i] = o.Outside[i].Risk()
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
	choices := make([]Choice, len(g.Orgs))
	risks, orisks := make([][]float64, len(g.Orgs)), make([][]float64, len(g.Orgs))
	for i, o := range g.Orgs {
		g.close(o)
		risks[i], orisks[i] = o.Risks(), o.OutsideRisks()
		choices[i] = Choose(o.Cfg, risks[i], orisks[i])
	}
	if g.Supply != nil {
		g.Supply.step(now, length, g.Orgs, choices, risks, orisks)
	}
	for i, o := range g.Orgs {
		cfg := o.Cfg
		risk, c := risks[i], choices[i]
		kgPerPeriod := cfg.KgPerPeriod
		if g.Supply != nil {
			kgPerPeriod *= g.Supply.Factor(cfg.Drug)
		}
		nr, no := len(cfg.Routes), len(cfg.Outside)
		b := PeriodBook{
			Start: now, Length: length, Counted: now >= g.start-1e-6,
			Choice: c, Risk: risk, Volume: kgPerPeriod * length / g.period,
			Planned: make([]float64, nr), Outside: make([]float64, no), OutsideSeized: make([]float64, no),
			Attempted: make([]float64, nr), Seized: make([]float64, nr), Delivered: make([]float64, nr),
			Loads: make([]int64, nr),
		}
		for r, rt := range cfg.Routes {
			mean := o.meters[r].d.Mean()
			b.Planned[r] = b.Volume * c.Route[r]
			if b.Planned[r] <= 0 {
				continue
			}
			perVehicle := 0.0
			if lane := &sc.Ports[rt.Port].Lanes[rt.Lane]; lane.Rate > 0 && mean > 0 {
				// Loads per period ÷ vehicles expected in the period (the
				// lane's rate, scaled by the months the period spans); for
				// a short last period both shrink alike.
				vehicles := lane.Rate * g.period * MonthFactor(lane.MonthProfile, CalendarOf(g.sc.Start), now, now+g.period)
				perVehicle = kgPerPeriod * c.Route[r] / mean / vehicles
			}
			plan[rt.Port][rt.Lane] = append(plan[rt.Port][rt.Lane], LoadSource{
				Drug: cfg.Drug, Concealment: rt.Concealment, Org: o.index, Route: o.routeCode(r, len(o.Periods)),
				PerVehicle: perVehicle, Kg: &o.meters[r],
			})
		}
		for i, op := range cfg.Outside {
			b.Outside[i] = b.Volume * c.Outside[i]
			b.OutsideSeized[i] = o.shipOutside(i, b.Outside[i], op.SeizeProb)
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
			room := 1 - g.fixedAt(p, l)
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
			if g.sc.Ports[rt.Port].Lanes[rt.Lane].Rate <= 0 || !(o.meters[r].d.Mean() > 0) {
				b.Capped += b.Planned[r]
			}
		}
	}
}

// fixedAt returns the fixed flows' loads per vehicle at lane l of port
// p, with the market's volume factors.
func (g *Organisations) fixedAt(p, l int) float64 {
	if g.Supply == nil {
		return g.fixed[p][l]
	}
	x := 0.0
	for _, i := range g.flowsAt[p][l] {
		f := &g.sc.Loads[i]
		x += scenario.LoadsPerVehicle(f.LoadsPerYear, g.sc.Ports[p].Lanes[l].Rate) * g.Supply.Factor(f.Drug)
	}
	return x
}

// shipOutside sends kg along outside option i as loads drawn from the
// organisation's load-size distribution (the last one holds the rest),
// each lost with probability q, and returns the kilograms lost; the loads
// and losses are the option's news for the beliefs. Only the
// organisation's own stream is used, in a fixed order.
func (o *Org) shipOutside(i int, kg, q float64) float64 {
	if kg <= 0 {
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
		o.oSeen[i]++
		if q > 0 && o.outside.Float64() < q {
			lost += w
			o.oLost[i]++
		}
		left -= w
	}
	return lost
}

// Finish closes the last period once every outcome has been reported.
func (g *Organisations) Finish(now float64) {
	for _, o := range g.Orgs {
		g.close(o)
	}
}

// Totals are an organisation's kilograms over the counted periods.
type Totals struct {
	Attempted      float64 // at the ports plus outsourced
	AttemptedPorts float64
	Seized         float64 // at the ports
	Delivered      float64 // through the ports
	Inside         float64 // still in a port at the end
	Outsourced     float64
	OutsideSeized  float64 // of the outsourced kg, lost
	OutsideToUS    float64 // of the outsourced kg, delivered to the US between ports
	OutsideOther   float64 // of the outsourced kg, sold in another market
	Capped         float64 // planned but not carried (not attempted)
	Planned        float64 // the organisation's volume over the counted periods
	Loads          int64   // loads drawn at the ports
	DeliveredToUS  float64 // through the ports plus between them
	// OwnLoss is what the organisation itself lost: seized at the ports
	// plus lost on outside options it bears the risk of (a contractor
	// bears its own).
	OwnLoss         float64
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
			if !op.Contract {
				t.OwnLoss += b.OutsideSeized[i]
			}
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
	t.OwnLoss += t.Seized
	return t
}
