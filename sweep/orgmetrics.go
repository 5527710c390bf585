package sweep

import (
	"borderflow/border"
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
		names = append(names, "org_kg_attempted_"+p.Name)
	}
	return names
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
