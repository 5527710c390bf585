package traffic

import (
	"math"

	"borderflow/market"
	"borderflow/scenario"
)

// Supply is the market above the routes in one replication: how much of
// each drug the US buys at the price the crossing sets, and how much the
// organisations and the fixed flows send (package market has the rules).
//
// At every decision boundary, for each drug with a price chain:
//
//  1. each supplier's expected cost of a kilogram delivered across the
//     border (market.CostPerDelivered): an organisation's from its
//     perceived risks and the costs of the ways it chose (the US-bound
//     ones: its routes, and outside options into the US); a fixed flow's
//     from the risk at its lane with the surges in force (RiskInForce; its
//     crossing cost is not known, so 0);
//  2. the change of that cost from the supplier's baseline (an
//     organisation's prior beliefs, a flow's lane as configured), averaged
//     over the drug's suppliers weighted by what they deliver at the
//     baseline, moves the retail price (market.Retail);
//  3. the quantity bought at that price (market.Demanded, the drug's
//     elasticity) is the target of every supplier's volume, as a share of
//     its configured volume: suppliers fill the orders of the market they
//     serve, and a seized load is the supplier's loss, not re-sent;
//  4. the volume factor moves a share θ of the way to the target
//     (market.Adjust, θ from the scenario's half-life).
//
// The configured volumes are the market at the chain's prices, which were
// observed with the ports working as they ordinarily do (the scenario's
// MarketReference: a sweep's policy is measured against the scenario it
// changed): with no policy,
// the factor stays near 1 (an organisation's beliefs wander around its
// prior). With the scenario's fixed_volumes it stays at 1.
type Supply struct {
	sc     *scenario.Scenario
	period float64
	theta  float64
	fixed  bool
	// changed: a fixed flow's lane differs from the market reference's
	// (a sweep's policy), so its cost moves from the start.
	changed bool
	drugs   []drugSupply // by drug index
	flows   []flowSupply // by sc.Loads index
	orgs    []orgSupply  // by organisation index
	// Periods is the market in each decision period, from time 0.
	Periods []MarketBook
}

// MarketBook is the market in one decision period.
type MarketBook struct {
	Start, Length float64 // seconds from time 0
	// By drug: the retail price (USD per kg; 0 without a chain), the
	// quantity demanded and the volume factor in force, as shares of the
	// baseline.
	Retail, Demanded, Factor []float64
	// FlowKg is each fixed flow's planned kilograms in the period (its
	// loads a year × mean load × the period's length, times the factor).
	FlowKg []float64
}

type drugSupply struct {
	chain      market.Chain
	ok         bool // has a price chain
	elasticity float64
	factor     float64
	weight     float64 // kg delivered per period at the baseline, all suppliers
}

type flowSupply struct {
	kgPerSecond float64 // configured
	baseCost    float64 // per kg delivered, the lane as configured
	weight      float64 // kg delivered per period at the baseline
}

type orgSupply struct {
	baseCost float64
	weight   float64
}

// NewSupply returns the market of sc for one replication.
func NewSupply(sc *scenario.Scenario) *Supply {
	s := &Supply{sc: sc, period: DecisionPeriod(sc), fixed: sc.Market.FixedVolumes}
	s.theta = market.ThetaFor(s.period, sc.Market.HalfLife)
	s.drugs = make([]drugSupply, len(sc.Drugs))
	for d, dr := range sc.Drugs {
		ds := &s.drugs[d]
		ds.factor = 1
		ds.chain, ds.ok = market.Chains[dr.Name]
		if e, ok := market.Elasticities[dr.Name]; ok && ds.ok {
			ds.elasticity = e.Value
		} else {
			ds.ok = false
		}
	}
	ref := sc.MarketReference()
	if !sameShape(ref, sc) {
		ref = sc
	}
	for _, f := range sc.Loads {
		fs := flowSupply{kgPerSecond: f.LoadsPerYear * f.Kg.Mean() / scenario.Year}
		ds := &s.drugs[f.Drug]
		if ds.ok {
			base := laneRisk(ref, f.Drug, f.Port, f.Lane, f.Concealment, ref.Ports[f.Port].Lanes[f.Lane].Referral.Rate)
			own := laneRisk(sc, f.Drug, f.Port, f.Lane, f.Concealment, sc.Ports[f.Port].Lanes[f.Lane].Referral.Rate)
			s.changed = s.changed || own != base
			fs.baseCost = market.CostPerDelivered(ds.chain, 0, base)
			fs.weight = fs.kgPerSecond * s.period * (1 - base)
			ds.weight += fs.weight
		}
		s.flows = append(s.flows, fs)
	}
	for i := range sc.Orgs {
		cfg := Calibrate(ref, &ref.Orgs[i])
		var os orgSupply
		if ds := &s.drugs[cfg.Drug]; ds.ok {
			pr, opr := priors(ref, cfg), outsidePriors(cfg)
			risk, orisk := make([]float64, len(pr)), make([]float64, len(opr))
			for r := range pr {
				risk[r] = pr[r].Risk()
			}
			for x := range opr {
				orisk[x] = opr[x].Risk()
			}
			crossing, loss, us := orgCrossing(cfg, Choose(cfg, risk, orisk), risk, orisk)
			os.baseCost = market.CostPerDelivered(ds.chain, crossing, loss)
			os.weight = cfg.KgPerPeriod * us * (1 - loss)
			ds.weight += os.weight
		}
		s.orgs = append(s.orgs, os)
	}
	return s
}

// sameShape reports whether ref has the ports, lanes, flows and
// organisations of sc in the same places, so that sc's indices name the
// same things in ref.
func sameShape(ref, sc *scenario.Scenario) bool {
	if len(ref.Ports) != len(sc.Ports) || len(ref.Orgs) != len(sc.Orgs) || len(ref.Drugs) != len(sc.Drugs) {
		return false
	}
	for p := range sc.Ports {
		if len(ref.Ports[p].Lanes) != len(sc.Ports[p].Lanes) {
			return false
		}
	}
	for i := range sc.Orgs {
		if len(ref.Orgs[i].Routes) != len(sc.Orgs[i].Routes) || len(ref.Orgs[i].Outside) != len(sc.Orgs[i].Outside) || ref.Orgs[i].Drug != sc.Orgs[i].Drug {
			return false
		}
	}
	return true
}

// orgCrossing returns what an organisation expects of the part of its
// volume it sends into the US under choice c: the crossing cost per kg
// sent and the loss share (the routes, at their perceived risks; outside
// options into the US, a contract at its fee and no loss of the
// organisation's), and that part's share of the volume.
func orgCrossing(cfg *scenario.Organisation, c Choice, risk, orisk []float64) (crossing, loss, us float64) {
	for r, rt := range cfg.Routes {
		us += c.Route[r]
		crossing += c.Route[r] * rt.CostPerKg
		loss += c.Route[r] * risk[r]
	}
	for x, op := range cfg.Outside {
		if !op.ToUS {
			continue
		}
		us += c.Outside[x]
		crossing += c.Outside[x] * op.CostPerKg
		if !op.Contract {
			loss += c.Outside[x] * orisk[x]
		}
	}
	if us > 0 {
		crossing /= us
		loss /= us
	}
	return crossing, loss, us
}

// Moves reports whether the market can move in a run without
// organisations: with fixed volumes it cannot, and with only fixed flows
// it moves only when a surge changes the risk at a flow's lane, or a
// policy changed it from the start.
func (s *Supply) Moves() bool {
	if s.fixed || len(s.sc.Loads) == 0 {
		return false
	}
	if s.changed {
		return true
	}
	for _, f := range s.sc.Loads {
		for _, su := range s.sc.Surges {
			if su.Port == f.Port && s.drugs[f.Drug].ok {
				return true
			}
		}
	}
	return false
}

// Factor returns drug d's volume factor in force.
func (s *Supply) Factor(d int) float64 { return s.drugs[d].factor }

// step opens the period [now, now+length): the market's price from the
// suppliers' expected costs, the quantity bought, the new volume
// factors and the flows' planned kilograms. orgs are the organisations
// with their choices and risks for the period (none without them).
func (s *Supply) step(now, length float64, orgs []*Org, choices []Choice, risks, orisks [][]float64) {
	nd := len(s.drugs)
	b := MarketBook{Start: now, Length: length, Retail: make([]float64, nd), Demanded: make([]float64, nd),
		Factor: make([]float64, nd), FlowKg: make([]float64, len(s.flows))}
	dCost := make([]float64, nd)
	for i, f := range s.sc.Loads {
		fs := &s.flows[i]
		if ds := &s.drugs[f.Drug]; ds.ok && fs.weight > 0 {
			risk := RiskInForce(s.sc, f.Drug, f.Port, f.Lane, f.Concealment, now, now+length)
			dCost[f.Drug] += fs.weight * (market.CostPerDelivered(ds.chain, 0, risk) - fs.baseCost)
		}
	}
	for i, o := range orgs {
		os := &s.orgs[i]
		if ds := &s.drugs[o.Cfg.Drug]; ds.ok && os.weight > 0 {
			crossing, loss, _ := orgCrossing(o.Cfg, choices[i], risks[i], orisks[i])
			dCost[o.Cfg.Drug] += os.weight * (market.CostPerDelivered(ds.chain, crossing, loss) - os.baseCost)
		}
	}
	for d := range s.drugs {
		ds := &s.drugs[d]
		if !ds.ok {
			b.Demanded[d], b.Factor[d] = 1, ds.factor
			continue
		}
		dc := 0.0
		if ds.weight > 0 {
			dc = dCost[d] / ds.weight
		}
		b.Retail[d] = market.Retail(ds.chain, dc)
		b.Demanded[d] = market.Demanded(ds.chain, ds.elasticity, b.Retail[d])
		if !s.fixed {
			ds.factor = market.Adjust(ds.factor, b.Demanded[d], s.theta)
		}
		b.Factor[d] = ds.factor
	}
	for i, f := range s.sc.Loads {
		b.FlowKg[i] = s.flows[i].kgPerSecond * length * s.drugs[f.Drug].factor
	}
	s.Periods = append(s.Periods, b)
}

// Step opens the period [now, now+length) of a run without
// organisations.
func (s *Supply) Step(now, length float64) { s.step(now, length, nil, nil, nil, nil) }

// FlowTotals returns each fixed flow's planned kilograms over [start,
// end) (each period counted for the part of it inside).
func (s *Supply) FlowTotals(start, end float64) []float64 {
	out := make([]float64, len(s.flows))
	for _, b := range s.Periods {
		in := math.Min(end, b.Start+b.Length) - math.Max(start, b.Start)
		if !(in > 0) || !(b.Length > 0) {
			continue
		}
		for i, kg := range b.FlowKg {
			out[i] += kg * in / b.Length
		}
	}
	return out
}
