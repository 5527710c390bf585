package sweep

import (
	"strings"

	"borderflow/border"
	"borderflow/market"
	"borderflow/report"
	"borderflow/scenario"
)

// The smugglers' metrics a sweep keeps when the scenario has
// organisations, over the statistics window (Totals of traffic.Org):
//
//	org_kg_outsourced        kilograms sent to outside options
//	org_outsourced_share     of the organisations' volume
//	org_kg_delivered_to_us   through the ports and between them
//	org_kg_own_loss          what the organisations themselves lost
//	org_kg_attempted_PORT    kilograms the ports drew for them, per port
//
// The sweep's paired differences against the baseline (policy 0, same
// seeds) are then each policy's displacement against its counterfactual:
// per port, and for outsourcing.
func orgMetricNames(sc *scenario.Scenario) []string {
	if len(sc.Orgs) == 0 {
		return nil
	}
	names := []string{"org_kg_outsourced", "org_outsourced_share", "org_kg_delivered_to_us", "org_kg_own_loss"}
	for _, p := range sc.Ports {
		names = append(names, "org_kg_attempted_"+ColumnSafe(p.Name))
	}
	return names
}

// ColumnSafe makes a name (a port's, "Eagle Pass") part of a CSV column
// name a script can use as an identifier: lower case, and every run of
// characters other than letters and digits one underscore ("eagle_pass").
func ColumnSafe(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

func orgMeasure(sc *scenario.Scenario, r *border.Result) []float64 {
	g := r.Organisations()
	if len(sc.Orgs) == 0 || g == nil {
		return nil
	}
	var out, attempted, toUS, own float64
	port := make([]float64, len(sc.Ports))
	for _, o := range g.Orgs {
		t := o.Totals()
		out += t.Outsourced
		attempted += t.Attempted
		toUS += t.DeliveredToUS
		own += t.OwnLoss
		for k := range o.Periods {
			b := &o.Periods[k]
			if !b.Counted {
				continue
			}
			for i, rt := range o.Cfg.Routes {
				port[rt.Port] += b.Attempted[i]
			}
		}
	}
	return append([]float64{out, ratio(out, attempted), toUS, own}, port...)
}

// The market's metrics, per drug of the scenario that has a price chain
// (package market; report.DrugFlows):
//
//	retail_price_change_pct_DRUG  the retail price increase interdiction
//	                              causes, % of the chain's retail price
//	border_price_change_pct_DRUG  the same at the border
//	effective_tax_rate_DRUG       replacement cost of seizures ÷ value
//	                              delivered
//
// Beside kg_seized and delay_cost_usd they give each policy's effect on
// prices and what it costs in delay; paired.csv has their differences
// from the baseline on the same seeds.
func marketMetricNames(sc *scenario.Scenario) []string {
	var names []string
	for _, d := range marketDrugs(sc) {
		n := sc.Drugs[d].Name
		names = append(names, "retail_price_change_pct_"+n, "border_price_change_pct_"+n, "effective_tax_rate_"+n)
	}
	return names
}

func marketDrugs(sc *scenario.Scenario) []int {
	var out []int
	for d, drug := range sc.Drugs {
		if _, ok := market.Chains[drug.Name]; ok {
			out = append(out, d)
		}
	}
	return out
}

func marketMeasure(sc *scenario.Scenario, r *border.Result) []float64 {
	ds := marketDrugs(sc)
	if len(ds) == 0 {
		return nil
	}
	seized, delivered := report.DrugFlows(sc, r)
	var v []float64
	for _, d := range ds {
		e := market.Of(market.Chains[sc.Drugs[d].Name], seized[d], delivered[d])
		v = append(v, e.RetailPct, e.BorderPct, e.TaxRate)
	}
	return v
}
