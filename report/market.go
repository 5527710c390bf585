package report

import (
	"borderflow/border"
	"borderflow/market"
	"borderflow/scenario"
)

// MarketDrug is one drug's market in summary.json: what interdiction in
// the run does to its prices (package market says the rule), means over
// replications with 95% intervals. The price changes are against the same
// market without interdiction; against_counterfactual gives the policy's
// change against the counterfactual's (the same seeds without the
// surges), paired.
type MarketDrug struct {
	Drug             string        `json:"drug"`
	Chain            MarketChain   `json:"price_chain_usd_per_kg"`
	KgSeized         Interval      `json:"kg_seized"`
	KgDelivered      Interval      `json:"kg_delivered"`
	TaxRate          Interval      `json:"effective_tax_rate"`
	BorderUSD        Interval      `json:"border_price_change_usd_per_kg"`
	BorderPct        Interval      `json:"border_price_change_pct"`
	RetailUSD        Interval      `json:"retail_price_change_usd_per_kg"`
	RetailPct        Interval      `json:"retail_price_change_pct"`
	ReplacementShare float64       `json:"replacement_cost_share_of_retail"`
	SeizedFor10Pct   float64       `json:"seized_share_for_retail_plus_10pct"`
	Counterfactual   *MarketVsBase `json:"against_counterfactual,omitempty"`
	// AtCost replaces the seized kilograms at the organisation's own cost
	// instead of the border price: the lower bound (report/market_cost.go).
	AtCost *MarketAtCost `json:"at_own_cost"`
	// Demand is the quantity the US bought at the price the crossing set,
	// and the suppliers' answer (report/supply.go).
	Demand *MarketDemand `json:"demand,omitempty"`
}

// MarketChain is a drug's price chain.
type MarketChain struct {
	Production float64 `json:"production"`
	Border     float64 `json:"border"`
	Wholesale  float64 `json:"wholesale"`
	Retail     float64 `json:"retail"`
}

// MarketVsBase is the policy's price changes against the counterfactual's.
type MarketVsBase struct {
	KgDelivered Paired[Policy] `json:"kg_delivered"`
	TaxRate     Paired[Policy] `json:"effective_tax_rate"`
	BorderPct   Paired[Policy] `json:"border_price_change_pct"`
	RetailPct   Paired[Policy] `json:"retail_price_change_pct"`
	// USMarket splits the policy's change of the kilograms delivered into
	// the US (report/supply.go).
	USMarket *USMarket `json:"us_market,omitempty"`
}

// DrugFlows returns one replication's expected kilograms seized and
// delivered into the US by drug: at the ports, each load seized or
// delivered counts the mean weight of a load of its lane and drug (the
// weight is drawn independently of the load's fate, so this is the
// expected replacement cost the market responds to, without the luck of
// which tonne-scale load happened to be caught; the fixed flows' mean, or
// the lane's mean attempted load where only organisations cross), and for
// the organisations between the ports (Border Patrol's seizures and what
// got through); sold in other markets counts as neither.
func DrugFlows(sc *scenario.Scenario, r *border.Result) (seized, delivered []float64) {
	seized, delivered, _ = drugFlows(sc, r)
	return seized, delivered
}

// drugFlows is DrugFlows and the kilograms still inside the ports at the
// end (loads neither seized nor delivered, at the same mean weights).
func drugFlows(sc *scenario.Scenario, r *border.Result) (seized, delivered, inside []float64) {
	seized, delivered, inside = make([]float64, len(sc.Drugs)), make([]float64, len(sc.Drugs)), make([]float64, len(sc.Drugs))
	type key struct{ p, l, d int }
	kg, n := map[key]float64{}, map[key]float64{}
	for _, f := range sc.Loads {
		k := key{f.Port, f.Lane, f.Drug}
		kg[k] += f.LoadsPerYear * f.Kg.Mean()
		n[k] += f.LoadsPerYear
	}
	for p, ps := range r.Ports {
		for l, ls := range ps.Lanes {
			for d, ds := range ls.Drugs {
				mean := ratio(ds.KgAttempted, float64(ds.LoadsAttempted))
				if k := (key{p, l, d}); n[k] > 0 {
					mean = kg[k] / n[k]
				}
				seized[d] += float64(ds.LoadsSeized) * mean
				delivered[d] += float64(ds.LoadsDelivered) * mean
				inside[d] += float64(ds.LoadsAttempted-ds.LoadsSeized-ds.LoadsDelivered) * mean
			}
		}
	}
	if g := r.Organisations(); g != nil {
		for _, o := range g.Orgs {
			for k := range o.Periods {
				b := &o.Periods[k]
				if !b.Counted {
					continue
				}
				for x, op := range o.Cfg.Outside {
					if op.ToUS {
						seized[o.Cfg.Drug] += b.OutsideSeized[x]
						delivered[o.Cfg.Drug] += b.Outside[x] - b.OutsideSeized[x]
					}
				}
			}
		}
	}
	return seized, delivered, inside
}

// marketRep is what the market section needs of one replication: its
// DrugFlows and CrossingCosts, by drug.
type marketRep struct {
	seized, delivered, crossing []float64
	inside                      []float64 // at the ports at the end
	supply                      supplyRep
}

// effects returns, by replication, each drug's market effect.
func effects(sc *scenario.Scenario, reps []marketRep) [][]market.Effect {
	out := make([][]market.Effect, len(reps))
	for j, r := range reps {
		seized, delivered := r.seized, r.delivered
		for d, drug := range sc.Drugs {
			ch, ok := market.Chains[drug.Name]
			if !ok {
				out[j] = append(out[j], market.Effect{})
				continue
			}
			out[j] = append(out[j], market.Of(ch, seized[d], delivered[d]))
		}
	}
	return out
}

// Market summarises the market of every drug that has a price chain and
// crossed in the run (nil when none did); cf, when not nil, is the
// counterfactual.
func Market(sc *scenario.Scenario, results, cf []*border.Result) []MarketDrug {
	a := accumulate(sc, results)
	if len(cf) == len(results) {
		c := a.Counterfactual(sc)
		for _, r := range cf {
			c.Add(r)
		}
	}
	return a.Market()
}

// marketOf is Market of the replications' flows (and the
// counterfactual's when cf is not nil).
func marketOf(sc *scenario.Scenario, reps, cf []marketRep) []MarketDrug {
	if len(reps) == 0 {
		return nil
	}
	es := effects(sc, reps)
	var cs [][]market.Effect
	if cf != nil && len(cf) == len(reps) {
		cs = effects(sc, cf)
	}
	var out []MarketDrug
	for d, drug := range sc.Drugs {
		ch, ok := market.Chains[drug.Name]
		if !ok {
			continue
		}
		col := func(x [][]market.Effect, f func(market.Effect) float64) []float64 {
			v := make([]float64, len(x))
			for j := range x {
				v[j] = f(x[j][d])
			}
			return v
		}
		kgDel := func(e market.Effect) float64 { return e.KgDelivered }
		if sum(col(es, kgDel)) == 0 {
			continue
		}
		tax := func(e market.Effect) float64 { return e.TaxRate }
		bPct := func(e market.Effect) float64 { return e.BorderPct }
		rPct := func(e market.Effect) float64 { return e.RetailPct }
		// Every figure is never negative (seizures only add to the price:
		// Δ = B·s/(1−s) ≥ 0), so each interval is cut at 0; the tax rate,
		// seized ÷ delivered, may exceed 1 (a blockade).
		nonNegative := func(xs []float64) Interval { return intervalIn(xs, NonNegative) }
		m := MarketDrug{
			Drug:             drug.Name,
			Chain:            MarketChain{Production: ch.Production, Border: ch.Border, Wholesale: ch.Wholesale, Retail: ch.Retail},
			KgSeized:         nonNegative(col(es, func(e market.Effect) float64 { return e.KgSeized })),
			KgDelivered:      nonNegative(col(es, kgDel)),
			TaxRate:          nonNegative(col(es, tax)),
			BorderUSD:        nonNegative(col(es, func(e market.Effect) float64 { return e.BorderUSD })),
			BorderPct:        nonNegative(col(es, bPct)),
			RetailUSD:        nonNegative(col(es, func(e market.Effect) float64 { return e.RetailUSD })),
			RetailPct:        nonNegative(col(es, rPct)),
			ReplacementShare: ch.Border / ch.Retail,
			SeizedFor10Pct:   market.SeizedShareFor(ch, 10),
			AtCost:           marketAtCost(reps, d, ch),
		}
		if e, ok := market.Elasticities[drug.Name]; ok {
			m.Demand = marketDemand(sc, reps, d, e.Value)
		}
		if cs != nil {
			m.Counterfactual = &MarketVsBase{
				KgDelivered: paired[Policy](col(es, kgDel), col(cs, kgDel)),
				TaxRate:     paired[Policy](col(es, tax), col(cs, tax)),
				BorderPct:   paired[Policy](col(es, bPct), col(cs, bPct)),
				RetailPct:   paired[Policy](col(es, rPct), col(cs, rPct)),
				USMarket:    usMarket(reps, cf, d),
			}
		}
		out = append(out, m)
	}
	return out
}
