package report

import (
	"encoding/csv"
	"encoding/json"
	"io"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// Interval is a mean over replications with its two-sided 95% interval
// (CI95); with fewer than two replications there is none, and
// summary.json has the mean alone.
type Interval struct {
	Mean float64    `json:"mean"`
	CI95 [2]float64 `json:"ci95"`
	none bool       // fewer than two replications: no interval
}

// MarshalJSON leaves out the interval of fewer than two replications.
func (iv Interval) MarshalJSON() ([]byte, error) {
	if iv.none {
		return json.Marshal(struct {
			Mean float64 `json:"mean"`
		}{iv.Mean})
	}
	type plain Interval
	return json.Marshal(plain(iv))
}

// interval is the mean of xs (one value per replication) with the
// Student-t interval: for differences and quantities of either sign.
func interval(xs []float64) Interval { return intervalIn(xs, Real) }

// intervalIn is the mean of xs with the interval suited to its range
// (CI95).
func intervalIn(xs []float64, r Range) Interval {
	lo, hi, ok := CI95(xs, r)
	return Interval{Mean: mean(xs), CI95: [2]float64{lo, hi}, none: !ok}
}

// column is f of each replication's sums, in replication order.
func column[T any](ps []T, f func(T) float64) []float64 {
	xs := make([]float64, len(ps))
	for j := range ps {
		xs[j] = f(ps[j])
	}
	return xs
}

// overlapping reports whether surge si of sc overlaps another surge (its
// figures then mix both).
func overlapping(sc *scenario.Scenario, si int) bool {
	su := sc.Surges[si]
	for sj, other := range sc.Surges {
		if sj != si && other.Start < su.End && su.Start < other.End {
			return true
		}
	}
	return false
}

// pairedInterval is the mean difference a − b, replication by
// replication, with its paired Student-t interval (sim.PairedCI95).
func pairedInterval(a, b []float64) Interval {
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return interval(d)
}

// OrgSummary is one organisation's books in summary.json: kilograms over
// the statistics window (decision periods that start after the warm-up),
// means over replications with 95% intervals. The identity
// kg_attempted = kg_seized + kg_delivered + kg_inside + kg_outsourced holds
// in every replication: seized, delivered and inside are at the ports;
// the outsourced kilograms split into kg_seized_outside (lost between the
// ports or in the other market), kg_outside_to_us and kg_outside_other_market.
type OrgSummary struct {
	Name                 string             `json:"name"`
	Drug                 string             `json:"drug"`
	KgPlanned            Interval           `json:"kg_planned"`
	KgAttempted          Interval           `json:"kg_attempted"`
	KgSeized             Interval           `json:"kg_seized"`
	KgDelivered          Interval           `json:"kg_delivered"`
	KgInside             Interval           `json:"kg_inside"`
	KgOutsourced         Interval           `json:"kg_outsourced"`
	OutsourcedShare      Interval           `json:"outsourced_share"`
	KgSeizedOutside      Interval           `json:"kg_seized_outside"`
	KgOutsideToUS        Interval           `json:"kg_outside_to_us"`
	KgOutsideOtherMarket Interval           `json:"kg_outside_other_market"`
	KgDeliveredToUS      Interval           `json:"kg_delivered_to_us"`
	KgCapped             Interval           `json:"kg_capped"`
	LoadsAttempted       Interval           `json:"loads_attempted"`
	InterdictionRate     Interval           `json:"interdiction_rate"`
	ExpectedLoss         Interval           `json:"expected_loss_share"`
	PriorRisk            float64            `json:"prior_risk"`
	Routes               []RouteSummary     `json:"routes"`
	Outside              map[string]float64 `json:"kg_outsourced_by_option"`
}

// RouteSummary is one route's kilograms, the share of them seized, and
// the organisation's perceived risk at the end of the run.
type RouteSummary struct {
	Port          string   `json:"port"`
	Class         string   `json:"class"`
	Concealment   string   `json:"concealment"`
	CostPerKg     float64  `json:"cost_per_kg"`
	KgAttempted   float64  `json:"kg_attempted"`
	KgSeized      float64  `json:"kg_seized"`
	SeizedShare   float64  `json:"seized_share"`
	PerceivedRisk Interval `json:"final_perceived_risk"`
}

// Organisations summarises the organisations' books (nil without any).
func Organisations(sc *scenario.Scenario, results []*border.Result) []OrgSummary {
	return accumulate(sc, results).Organisations()
}

// summaries is Organisations of the folded replications.
func (a *orgAcc) summaries(sc *scenario.Scenario) []OrgSummary {
	if !a.on() || len(sc.Orgs) == 0 {
		return nil
	}
	n := a.reps
	var out []OrgSummary
	for i := range sc.Orgs {
		cfg := &sc.Orgs[i]
		// Every column is kilograms or loads (never negative) but the
		// shares and rates, in [0, 1].
		col := func(f func(t traffic.Totals) float64, r ...Range) Interval {
			xs := make([]float64, n)
			for j, ts := range a.totals {
				xs[j] = f(ts[i])
			}
			if len(r) > 0 {
				return intervalIn(xs, r[0])
			}
			return intervalIn(xs, NonNegative)
		}
		s := OrgSummary{
			Name:                 cfg.Name,
			Drug:                 sc.Drugs[cfg.Drug].Name,
			KgPlanned:            col(func(t traffic.Totals) float64 { return t.Planned }),
			KgAttempted:          col(func(t traffic.Totals) float64 { return t.Attempted }),
			KgSeized:             col(func(t traffic.Totals) float64 { return t.Seized }),
			KgDelivered:          col(func(t traffic.Totals) float64 { return t.Delivered }),
			KgInside:             col(func(t traffic.Totals) float64 { return t.Inside }),
			KgOutsourced:         col(func(t traffic.Totals) float64 { return t.Outsourced }),
			OutsourcedShare:      col(func(t traffic.Totals) float64 { return ratio(t.Outsourced, t.Attempted) }, Unit),
			KgSeizedOutside:      col(func(t traffic.Totals) float64 { return t.OutsideSeized }),
			KgOutsideToUS:        col(func(t traffic.Totals) float64 { return t.OutsideToUS }),
			KgOutsideOtherMarket: col(func(t traffic.Totals) float64 { return t.OutsideOther }),
			KgDeliveredToUS:      col(func(t traffic.Totals) float64 { return t.DeliveredToUS }),
			KgCapped:             col(func(t traffic.Totals) float64 { return t.Capped }),
			LoadsAttempted:       col(func(t traffic.Totals) float64 { return float64(t.Loads) }),
			InterdictionRate:     col(func(t traffic.Totals) float64 { return ratio(t.Seized, t.AttemptedPorts) }, Unit),
			ExpectedLoss:         col(func(t traffic.Totals) float64 { return t.ExpectedLossAvg }, Unit),
			PriorRisk:            priorLoss(sc, cfg),
			Outside:              map[string]float64{},
		}
		for r, rt := range cfg.Routes {
			rs := RouteSummary{
				Port:        sc.Ports[rt.Port].Name,
				Class:       sc.Classes[sc.Ports[rt.Port].Lanes[rt.Lane].Class].Name,
				Concealment: sc.Concealments[rt.Concealment],
				CostPerKg:   rt.CostPerKg,
			}
			risks := make([]float64, n)
			for j, rk := range a.risks {
				risks[j] = rk[i][r]
			}
			rs.KgAttempted, rs.KgSeized = a.routeAttempted[i][r], a.routeSeized[i][r]
			rs.SeizedShare = ratio(rs.KgSeized, rs.KgAttempted)
			rs.PerceivedRisk = intervalIn(risks, Unit)
			s.Routes = append(s.Routes, rs)
		}
		for x, op := range cfg.Outside {
			if a.outsideSeen[i][x] {
				s.Outside[op.Name] += a.outside[i][x]
			}
		}
		out = append(out, s)
	}
	return out
}

// priorLoss is the expected loss share at the ports of an organisation's
// plan under its prior beliefs (each route's prior mean).
func priorLoss(sc *scenario.Scenario, cfg *scenario.Organisation) float64 {
	g := traffic.NewOrganisations(&scenario.Scenario{Ports: sc.Ports, Drugs: sc.Drugs, Orgs: []scenario.Organisation{*cfg}}, func(string) *sim.Stream { return nil }, 0, 0)
	o := g.Orgs[0]
	return traffic.Choose(o.Cfg, o.Risks(), o.OutsideRisks()).ExpectedLoss
}

// SurgeMark is a surge for the charts: days from the start of the
// statistics window.
type SurgeMark struct {
	Port     string  `json:"port"`
	StartDay float64 `json:"start_day"`
	EndDay   float64 `json:"end_day"`
}

// Surges lists the scenario's surges for the charts.
func Surges(sc *scenario.Scenario) []SurgeMark {
	var out []SurgeMark
	for _, s := range sc.Surges {
		out = append(out, SurgeMark{Port: sc.Ports[s.Port].Name, StartDay: s.Start / scenario.Day, EndDay: s.End / scenario.Day})
	}
	return out
}

// PortChange is the displacement seen at one port.
type PortChange struct {
	Port        string        `json:"port"`
	KgAttempted Paired[Surge] `json:"kg_attempted"`
	Share       Paired[Surge] `json:"share"`
}

// Displacement is what one surge did to the organisations, comparing the
// decision periods that start during the surge with as many periods just
// before it. Kilograms are what the ports drew for the organisations'
// loads planned in those periods; shares are of the kilograms the
// organisations planned through ports (their decision, as in routes.csv).
//
// Balloon is us_kg_delivered.change − port.kg_attempted.change: positive
// when deliveries to the US fall by less than the kilograms driven away
// from the surged port — the flow went elsewhere rather than away.
type Displacement struct {
	Port           string        `json:"port"`
	StartDay       float64       `json:"start_day"`
	EndDay         float64       `json:"end_day"`
	Periods        int           `json:"periods_compared"`
	BeforeDays     [2]float64    `json:"before_days"`
	DuringDays     [2]float64    `json:"during_days"`
	Overlapping    bool          `json:"overlapping_surges,omitempty"`
	Surged         PortChange    `json:"surged_port"`
	SurgedDelivery Paired[Surge] `json:"surged_port_kg_delivered"`
	OtherPorts     Paired[Surge] `json:"other_ports_kg_attempted"`
	Others         []PortChange  `json:"other_ports"`
	USDelivered    Paired[Surge] `json:"us_kg_delivered"`
	Outsourced     Paired[Surge] `json:"kg_outsourced"`
	Balloon        Interval      `json:"balloon"`
}

// periodSums are one replication's sums over a set of periods.
type periodSums struct {
	attempted, planned []float64 // by port
	delivered          []float64 // by port
	toUS, outsourced   float64
}

func sumPeriods(sc *scenario.Scenario, g *traffic.Organisations, from, to int) periodSums {
	s := periodSums{attempted: make([]float64, len(sc.Ports)), planned: make([]float64, len(sc.Ports)), delivered: make([]float64, len(sc.Ports))}
	for _, o := range g.Orgs {
		for k := from; k < to && k < len(o.Periods); k++ {
			b := &o.Periods[k]
			for r, rt := range o.Cfg.Routes {
				s.attempted[rt.Port] += b.Attempted[r]
				s.planned[rt.Port] += b.Planned[r]
				s.delivered[rt.Port] += b.Delivered[r]
			}
			for x, op := range o.Cfg.Outside {
				s.outsourced += b.Outside[x]
				if op.ToUS {
					s.toUS += b.Outside[x] - b.OutsideSeized[x]
				}
			}
		}
	}
	return s
}

// Displacements compares each surge's periods with those before it (nil
// without organisations or surges).
func Displacements(sc *scenario.Scenario, results []*border.Result) []Displacement {
	return accumulate(sc, results).Displacements()
}

// surgeBefore returns the periods a surge's displacement compares: the n
// that start during the surge from period first, against the n before
// (ok false when there are none).
func surgeBefore(books []traffic.PeriodBook, start, period float64, su scenario.Surge) (first, n int, ok bool) {
	a, b := start+su.Start, start+su.End
	first, during := -1, 0
	counted := 0 // counted periods before the surge
	for k := range books {
		switch {
		case books[k].Start >= a-1e-6 && books[k].Start < b-1e-6 && books[k].Length >= period-1e-6:
			if first < 0 {
				first = k
			}
			during++
		case books[k].Counted && books[k].Start < a-1e-6:
			counted++
		}
	}
	n = min(during, counted)
	return first, n, first >= 0 && n > 0
}

// displacements is Displacements of the folded replications.
func (a *orgAcc) displacements(sc *scenario.Scenario) []Displacement {
	if !a.on() || len(sc.Orgs) == 0 || len(sc.Surges) == 0 {
		return nil
	}
	start, period, books := a.start, a.period, a.books
	var out []Displacement
	for si, su := range sc.Surges {
		first, n, ok := surgeBefore(books, start, period, su)
		if !ok {
			continue
		}
		d := Displacement{
			Port: sc.Ports[su.Port].Name, StartDay: su.Start / scenario.Day, EndDay: su.End / scenario.Day, Periods: n,
			BeforeDays: [2]float64{(books[first-n].Start - start) / scenario.Day, (books[first].Start - start) / scenario.Day},
			DuringDays: [2]float64{(books[first].Start - start) / scenario.Day, (books[first+n-1].Start + period - start) / scenario.Day},
		}
		d.Overlapping = overlapping(sc, si)
		before, dur := a.before[si], a.during[si]
		portChange := func(p int) PortChange {
			kg := func(s periodSums) float64 { return s.attempted[p] }
			share := func(s periodSums) float64 { return ratio(s.planned[p], sum(s.planned)) }
			return PortChange{Port: sc.Ports[p].Name, KgAttempted: paired[Surge](column(dur, kg), column(before, kg)), Share: pairedIn[Surge](column(dur, share), column(before, share), Unit)}
		}
		d.Surged = portChange(su.Port)
		del := func(s periodSums) float64 { return s.delivered[su.Port] }
		d.SurgedDelivery = paired[Surge](column(dur, del), column(before, del))
		others := func(s periodSums) float64 { return sum(s.attempted) - s.attempted[su.Port] }
		d.OtherPorts = paired[Surge](column(dur, others), column(before, others))
		for p := range sc.Ports {
			if p != su.Port {
				d.Others = append(d.Others, portChange(p))
			}
		}
		us := func(s periodSums) float64 { return sum(s.delivered) + s.toUS }
		d.USDelivered = paired[Surge](column(dur, us), column(before, us))
		outs := func(s periodSums) float64 { return s.outsourced }
		d.Outsourced = paired[Surge](column(dur, outs), column(before, outs))
		// Balloon: (US delivered during − before) − (surged port attempted
		// during − before), paired by replication.
		bal := make([]float64, len(before))
		for j := range before {
			bal[j] = (us(dur[j]) - us(before[j])) - (dur[j].attempted[su.Port] - before[j].attempted[su.Port])
		}
		d.Balloon = interval(bal)
		out = append(out, d)
	}
	return out
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// RoutesCSV writes routes.csv: for every decision period of the
// statistics window, organisation and route, the kilograms planned and
// their share of the organisation's volume (means over replications); the
// outside options follow each organisation's routes with the option's
// name as port and no class or concealment. day is the period's start in
// days from the start of the statistics window.
func RoutesCSV(w io.Writer, sc *scenario.Scenario, results []*border.Result) error {
	return accumulate(sc, results).RoutesCSV(w)
}

// routesCSV is RoutesCSV of the folded replications: the rows' kilograms
// and shares were summed as they came (addRoutes).
func (a *orgAcc) routesCSV(w io.Writer, sc *scenario.Scenario) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"period", "day", "organisation", "port", "class", "concealment", "kg_planned", "share"})
	if !a.on() || !a.orgsAny {
		cw.Flush()
		return cw.Error()
	}
	start, books := a.start, a.books
	row := a.routes
	period := 0
	for k := range books {
		if !books[k].Counted {
			continue
		}
		day := num((books[k].Start - start) / scenario.Day)
		per := num(float64(period))
		period++
		for i := range sc.Orgs {
			cfg := &sc.Orgs[i]
			for _, rt := range cfg.Routes {
				cw.Write([]string{per, day, cfg.Name, sc.Ports[rt.Port].Name,
					sc.Classes[sc.Ports[rt.Port].Lanes[rt.Lane].Class].Name, sc.Concealments[rt.Concealment],
					num(row[0]), num(row[1])})
				row = row[2:]
			}
			for _, op := range cfg.Outside {
				cw.Write([]string{per, day, cfg.Name, op.Name, "", "", num(row[0]), num(row[1])})
				row = row[2:]
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
