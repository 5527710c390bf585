package report

import (
	"encoding/json"
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// TestDemandFallPaired: every vehicle referred at Eagle Pass for a week
// (fixed flows, a twentieth of the traffic), against the same ports
// without it on the same seeds. With the market answering, the
// demand-side fall of every drug is positive on its paired interval and
// the quantity bought lower; with fixed volumes it is exactly 0; in both,
// the parts add up to the kilograms delivered, and the balloon share is 0
// (fixed flows have nowhere else to go).
func TestDemandFallPaired(t *testing.T) {
	for _, fixed := range []bool{false, true} {
		sc, err := scenario.Embedded("eagle-pass")
		if err != nil {
			t.Fatal(err)
		}
		for l := range sc.Ports[0].Lanes {
			sc.Ports[0].Lanes[l].Rate /= 20
			sc.Ports[0].Lanes[l].AnnualVolume /= 20
		}
		sc.Horizon = 10 * scenario.Day
		rates := make([]float64, len(sc.Ports[0].Lanes))
		for l := range rates {
			rates[l] = 1
		}
		sc.Surges = []scenario.Surge{{Port: 0, Start: 2 * scenario.Day, End: 9 * scenario.Day, ReferralRate: rates, SecondaryFactor: 1}}
		sc.Market.FixedVolumes = fixed
		sc.DecisionPeriod = scenario.Day
		cf := sc.Clone()
		cf.Surges = nil
		res, err := border.RunReplications(sc, 3, 2, border.Options{})
		if err != nil {
			t.Fatal(err)
		}
		base, err := border.RunReplications(cf, 3, 2, border.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ms := Market(sc, res, base)
		if len(ms) == 0 {
			t.Fatal("no market")
		}
		for _, m := range ms {
			if m.Counterfactual == nil || m.Counterfactual.USMarket == nil || m.Demand == nil {
				t.Fatalf("%s: no US market against the counterfactual", m.Drug)
			}
			u := m.Counterfactual.USMarket
			t.Logf("fixed %v %s: baseline %.1f, extra seized %.1f, demand fall %.2f %v, held %.1f, not sent %.1f, delivered %.1f; demanded %+.4f",
				fixed, m.Drug, u.BaselineKg.Mean, u.ExtraSeizedKg.Mean, u.DemandFallKg.Mean, u.DemandFallKg.CI95, u.ExtraHeldKg.Mean, u.NotSentKg.Mean,
				u.KgDelivered.Treated.Mean, u.QuantityDemanded.Difference.Mean)
			parts := u.BaselineKg.Mean - u.ExtraSeizedKg.Mean - u.DemandFallKg.Mean - u.ExtraHeldKg.Mean - u.NotSentKg.Mean
			if math.Abs(parts-u.KgDelivered.Treated.Mean) > 1e-6*math.Max(1, u.BaselineKg.Mean) {
				t.Errorf("%s: the parts give %v, delivered %v", m.Drug, parts, u.KgDelivered.Treated.Mean)
			}
			if u.BalloonShare != nil && u.BalloonShare.Mean != 0 {
				t.Errorf("%s: balloon share %v of fixed flows", m.Drug, u.BalloonShare.Mean)
			}
			if fixed {
				if u.DemandFallKg.Mean != 0 || u.DemandFallKg.CI95 != [2]float64{0, 0} || m.Demand.Factor.Mean != 1 {
					t.Errorf("%s: fixed volumes, demand-side fall %+v, factor %v", m.Drug, u.DemandFallKg, m.Demand.Factor.Mean)
				}
				continue
			}
			if !(u.DemandFallKg.CI95[0] > 0) || !(u.QuantityDemanded.Difference.CI95[1] < 0) || !(u.RetailUSD.Difference.CI95[0] > 0) {
				t.Errorf("%s: demand-side fall %+v, quantity demanded %+v, retail %+v", m.Drug, u.DemandFallKg, u.QuantityDemanded.Difference, u.RetailUSD.Difference)
			}
		}
	}
}

// A Paired read back from summary.json has its three figures.
func TestPairedRoundTrip(t *testing.T) {
	p := paired[Policy]([]float64{1, 2, 3}, []float64{2, 2, 2})
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Paired[Policy]
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if q.Treated.Mean != 2 || q.Base.Mean != 2 || q.Difference.Mean != 0 || q.Treated.CI95 != p.Treated.CI95 {
		t.Errorf("%s read back as %+v", b, q)
	}
}
