package report

import (
	"borderflow/border"
	"borderflow/market"
	"borderflow/scenario"
)

// MarketAtCost is a drug's market with the seized kilograms replaced at
// the organisation's own cost (production plus the crossing paid,
// market.AtCost) instead of the border price: the lower bound of the
// price effects, means over replications with 95% intervals.
type MarketAtCost struct {
	CrossingUSD    Interval `json:"crossing_cost_usd_per_kg"`
	ReplacementUSD Interval `json:"replacement_cost_usd_per_kg"`
	TaxRate        Interval `json:"effective_tax_rate"`
	BorderPct      Interval `json:"border_price_change_pct"`
	RetailPct      Interval `json:"retail_price_change_pct"`
}

// CrossingCosts returns one replication's mean crossing cost per kg by
// drug: the organisations' route costs and between-ports costs (a
// contract's fee) weighted by the kilograms they sent that way over the
// counted periods (0 for a drug no organisation carries).
func CrossingCosts(sc *scenario.Scenario, r *border.Result) []float64 {
	cost, kg := make([]float64, len(sc.Drugs)), make([]float64, len(sc.Drugs))
	if g := r.Organisations(); g != nil {
		for _, o := range g.Orgs {
			d := o.Cfg.Drug
			for k := range o.Periods {
				b := &o.Periods[k]
				if !b.Counted {
					continue
				}
				for i, rt := range o.Cfg.Routes {
					cost[d] += b.Attempted[i] * rt.CostPerKg
					kg[d] += b.Attempted[i]
				}
				for x, op := range o.Cfg.Outside {
					if op.ToUS {
						cost[d] += b.Outside[x] * op.CostPerKg
						kg[d] += b.Outside[x]
					}
				}
			}
		}
	}
	for d := range cost {
		cost[d] = ratio(cost[d], kg[d])
	}
	return cost
}

// marketAtCost returns drug d's market at cost over the replications.
func marketAtCost(reps []marketRep, d int, ch market.Chain) *MarketAtCost {
	n := len(reps)
	cross, repl, tax, bp, rp := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for j, r := range reps {
		seized, delivered := r.seized, r.delivered
		c := r.crossing[d]
		e := market.AtCost(ch, seized[d], delivered[d], c)
		cross[j], repl[j], tax[j], bp[j], rp[j] = c, ch.Production+c, e.TaxRate, e.BorderPct, e.RetailPct
	}
	// Costs and their effects are never negative: intervals cut at 0.
	nn := func(xs []float64) Interval { return intervalIn(xs, NonNegative) }
	return &MarketAtCost{CrossingUSD: nn(cross), ReplacementUSD: nn(repl), TaxRate: nn(tax),
		BorderPct: nn(bp), RetailPct: nn(rp)}
}
