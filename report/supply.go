package report

import (
	"borderflow/border"
	"borderflow/scenario"
)

// supplyRep is one replication's market above the routes, by drug, over
// the statistics window (traffic.Supply): the kilograms planned (the
// organisations' volumes and the fixed flows'), of which through the
// surged ports and elsewhere into the US (the other ports and the
// crossings between the ports), and the time means of the retail price,
// the quantity demanded and the volume factor.
type supplyRep struct {
	planned, surged, elsewhere   []float64
	retail, demanded, factor     []float64
	periodsCounted, periodsTotal int
}

// surgedPorts marks the ports of sc with a surge.
func surgedPorts(sc *scenario.Scenario) []bool {
	out := make([]bool, len(sc.Ports))
	for _, su := range sc.Surges {
		out[su.Port] = true
	}
	return out
}

// supplyOf returns r's supplyRep; surged marks the ports the run's policy
// surges (the counterfactual's own scenario has none).
func supplyOf(sc *scenario.Scenario, r *border.Result, surged []bool) supplyRep {
	nd := len(sc.Drugs)
	s := supplyRep{planned: make([]float64, nd), surged: make([]float64, nd), elsewhere: make([]float64, nd),
		retail: make([]float64, nd), demanded: make([]float64, nd), factor: make([]float64, nd)}
	start, end := r.Window.Start, r.Window.End
	if g := r.Organisations(); g != nil {
		for _, o := range g.Orgs {
			d := o.Cfg.Drug
			for k := range o.Periods {
				b := &o.Periods[k]
				if !b.Counted {
					continue
				}
				s.planned[d] += b.Volume
				for i, rt := range o.Cfg.Routes {
					if surged[rt.Port] {
						s.surged[d] += b.Planned[i]
					} else {
						s.elsewhere[d] += b.Planned[i]
					}
				}
				for x, op := range o.Cfg.Outside {
					if op.ToUS {
						s.elsewhere[d] += b.Outside[x]
					}
				}
			}
		}
	}
	if sp := r.Supply; sp != nil {
		for i, kg := range sp.FlowTotals(start, end) {
			f := &sc.Loads[i]
			s.planned[f.Drug] += kg
			if surged[f.Port] {
				s.surged[f.Drug] += kg
			} else {
				s.elsewhere[f.Drug] += kg
			}
		}
		// Time means over the window of what was in force.
		w := 0.0
		for _, b := range sp.Periods {
			in := min(end, b.Start+b.Length) - max(start, b.Start)
			if !(in > 0) {
				continue
			}
			w += in
			for d := range b.Retail {
				s.retail[d] += in * b.Retail[d]
				s.demanded[d] += in * b.Demanded[d]
				s.factor[d] += in * b.Factor[d]
			}
		}
		for d := range s.retail {
			s.retail[d], s.demanded[d], s.factor[d] = ratio(s.retail[d], w), ratio(s.demanded[d], w), ratio(s.factor[d], w)
		}
	}
	return s
}

// MarketDemand is a drug's demand in a run: the time means over the
// statistics window of the retail price the crossing sets, the quantity
// the US buys at it and the suppliers' volume factor (as shares of the
// baseline: the configured volumes at the chain's prices), and the
// kilograms the suppliers planned. With fixed volumes the factor is 1
// and the quantity demanded is what the market would have bought.
type MarketDemand struct {
	Elasticity  float64  `json:"price_elasticity"`
	HalfLifeDay float64  `json:"adjustment_half_life_days"`
	Fixed       bool     `json:"fixed_volumes"`
	RetailUSD   Interval `json:"retail_price_usd_per_kg"`
	Demanded    Interval `json:"quantity_demanded_share"`
	Factor      Interval `json:"volume_factor"`
	KgPlanned   Interval `json:"kg_planned"`
}

// USMarket is what a policy did to one drug's kilograms delivered into
// the US market against the counterfactual, paired by replication:
//
//	delivered = baseline − extra seized − demand-side fall − extra held − not sent
//
// baseline is the counterfactual's delivered kilograms; extra seized the
// policy's seizures (at the ports and between them) less the
// counterfactual's; the demand-side fall the kilograms the suppliers no
// longer planned because the market bought less at the higher price
// (exactly 0 with fixed_volumes); extra held the loads still inside the
// ports at the end (queued or in secondary) less the counterfactual's;
// not sent the rise of the kilograms planned that never set off towards
// the US: sold in other markets, planned for a lane with no room, or,
// since a fixed flow rides a share of a lane's vehicles, gone with the
// trips the drivers did not make (the [response]) and the luck of which
// vehicles carried one (delivered, seized and held count each load at its
// lane's mean weight, DrugFlows; planned kilograms are the plan's). The balloon share is the rise
// of the kilograms planned elsewhere into the US (the ports without a
// surge and the crossings between the ports) over the fall of those
// planned through the surged ports; it is left out when nothing fell
// there.
type USMarket struct {
	KgDelivered       Paired[Policy] `json:"kg_delivered"`
	BaselineKg        Interval       `json:"baseline_kg"`
	ExtraSeizedKg     Interval       `json:"extra_seized_kg"`
	DemandFallKg      Interval       `json:"demand_side_fall_kg"`
	ExtraHeldKg       Interval       `json:"extra_held_at_end_kg"`
	NotSentKg         Interval       `json:"not_sent_kg"`
	QuantityDemanded  Paired[Policy] `json:"quantity_demanded_share"`
	RetailUSD         Paired[Policy] `json:"retail_price_usd_per_kg"`
	SurgedReductionKg Interval       `json:"surged_ports_planned_fall_kg"`
	ElsewhereRiseKg   Interval       `json:"elsewhere_planned_rise_kg"`
	BalloonShare      *Interval      `json:"balloon_share,omitempty"`
}

// marketDemand is drug d's MarketDemand over the replications.
func marketDemand(sc *scenario.Scenario, reps []marketRep, d int, e float64) *MarketDemand {
	col := func(f func(supplyRep) []float64) []float64 {
		xs := make([]float64, len(reps))
		for j, r := range reps {
			xs[j] = f(r.supply)[d]
		}
		return xs
	}
	return &MarketDemand{
		Elasticity: e, HalfLifeDay: sc.Market.HalfLife / scenario.Day, Fixed: sc.Market.FixedVolumes,
		RetailUSD: intervalIn(col(func(s supplyRep) []float64 { return s.retail }), NonNegative),
		Demanded:  intervalIn(col(func(s supplyRep) []float64 { return s.demanded }), NonNegative),
		Factor:    intervalIn(col(func(s supplyRep) []float64 { return s.factor }), NonNegative),
		KgPlanned: intervalIn(col(func(s supplyRep) []float64 { return s.planned }), NonNegative),
	}
}

// usMarket is drug d's USMarket of the replications against the
// counterfactual's.
func usMarket(reps, cf []marketRep, d int) *USMarket {
	n := len(reps)
	del, cdel := make([]float64, n), make([]float64, n)
	extra, fall, held, other := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	red, rise := make([]float64, n), make([]float64, n)
	var balloon []float64
	for j := range reps {
		p, c := reps[j], cf[j]
		del[j], cdel[j] = p.delivered[d], c.delivered[d]
		extra[j] = p.seized[d] - c.seized[d]
		fall[j] = c.supply.planned[d] - p.supply.planned[d]
		held[j] = p.inside[d] - c.inside[d]
		other[j] = cdel[j] - extra[j] - fall[j] - held[j] - del[j]
		red[j] = c.supply.surged[d] - p.supply.surged[d]
		rise[j] = p.supply.elsewhere[d] - c.supply.elsewhere[d]
		if red[j] > 0 {
			balloon = append(balloon, rise[j]/red[j])
		}
	}
	col := func(x []marketRep, f func(supplyRep) []float64) []float64 {
		xs := make([]float64, len(x))
		for j, r := range x {
			xs[j] = f(r.supply)[d]
		}
		return xs
	}
	u := &USMarket{
		KgDelivered: paired[Policy](del, cdel), BaselineKg: intervalIn(cdel, NonNegative),
		ExtraSeizedKg: interval(extra), DemandFallKg: interval(fall), ExtraHeldKg: interval(held), NotSentKg: interval(other),
		QuantityDemanded:  paired[Policy](col(reps, func(s supplyRep) []float64 { return s.demanded }), col(cf, func(s supplyRep) []float64 { return s.demanded })),
		RetailUSD:         paired[Policy](col(reps, func(s supplyRep) []float64 { return s.retail }), col(cf, func(s supplyRep) []float64 { return s.retail })),
		SurgedReductionKg: interval(red), ElsewhereRiseKg: interval(rise),
	}
	if len(balloon) == n && n > 0 {
		b := interval(balloon)
		u.BalloonShare = &b
	}
	return u
}
