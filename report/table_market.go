package report

import (
	"fmt"
	"io"

	"borderflow/numfmt"
)

// marketTable prints, after the ports, each drug's US market: against the
// counterfactual, the kilograms delivered into the US split into the
// baseline and what the policy took off it (USMarket), with the balloon
// share; without one, the retail price and the quantity bought the run's
// interdiction leads to (MarketDemand). Nothing without a market section.
func (s *Summary) marketTable(w io.Writer) error {
	ms, _ := s.Extra["market"].([]MarketDrug)
	if len(ms) == 0 {
		return nil
	}
	iv := func(x Interval) string {
		if x.none {
			return numfmt.Grouped(x.Mean)
		}
		return fmt.Sprintf("%s [%s, %s]", numfmt.Grouped(x.Mean), numfmt.Grouped(x.CI95[0]), numfmt.Grouped(x.CI95[1]))
	}
	pct := func(x Interval) string {
		if x.none {
			return fmt.Sprintf("%.1f", 100*x.Mean)
		}
		return fmt.Sprintf("%.1f [%.1f, %.1f]", 100*x.Mean, 100*x.CI95[0], 100*x.CI95[1])
	}
	tb := numfmt.Table{Left: 2}
	paired := false
	for _, m := range ms {
		if m.Counterfactual != nil && m.Counterfactual.USMarket != nil {
			paired = true
		}
	}
	if paired {
		tb.Row("drug", "baseline kg", "extra seized kg", "demand fall kg", "held/not sent kg", "delivered kg", "balloon %")
		for _, m := range ms {
			if m.Counterfactual == nil || m.Counterfactual.USMarket == nil {
				continue
			}
			u := m.Counterfactual.USMarket
			balloon := "-"
			if u.BalloonShare != nil {
				balloon = pct(*u.BalloonShare)
			}
			tb.Row(m.Drug, iv(u.BaselineKg), iv(u.ExtraSeizedKg), iv(u.DemandFallKg),
				numfmt.Grouped(u.ExtraHeldKg.Mean)+" / "+numfmt.Grouped(u.NotSentKg.Mean), iv(u.KgDelivered.Treated), balloon)
		}
		fmt.Fprintf(w, "\nUS market, paired against the counterfactual: delivered = baseline - extra seized - demand-side fall\n- extra held - not sent (docs/OUTPUTS.md)\n")
	} else {
		tb.Row("drug", "retail USD/kg", "quantity demanded %", "volume factor %", "kg planned")
		for _, m := range ms {
			if m.Demand == nil {
				continue
			}
			d := m.Demand
			tb.Row(m.Drug, iv(d.RetailUSD), pct(d.Demanded), pct(d.Factor), iv(d.KgPlanned))
		}
		fmt.Fprintf(w, "\nUS market: retail price and quantity bought as shares of the baseline (docs/OUTPUTS.md)\n")
	}
	_, err := tb.WriteTo(w)
	return err
}
