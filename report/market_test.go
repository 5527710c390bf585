package report

import (
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// The market on the model: with interdiction switched off (nobody referred)
// no price moves; raising interdiction raises the border price of every
// drug, strictly; and the retail effect is always the smaller one in
// relative terms. Interdiction is raised through targeting (the share of
// loaded vehicles intelligence flags, with no random referral): it adds
// referrals of loaded vehicles only, so the lots do not fill and the
// pressure rule does not wave more through — raising the random referral
// rate at a small port such as Roma fills its lots and seizes less ("volume
// defeats inspection"), which is the ports' story, not the market's. Six
// replications: with four, Roma's few fentanyl loads were seized as often
// at targeting 0.1 as at 0.3 once its lanes were staffed by shift.
func TestMarketInterdiction(t *testing.T) {
	sc, err := scenario.Embedded("roma")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 120 * scenario.Day
	prev := map[string]float64{}
	for i, rate := range []float64{0, 0.1, 0.3, 0.6, 0.9} {
		s := sc.Clone()
		// The lanes' targeting alone, the same for every drug (the
		// shipped per-drug factors would flag every fentanyl carrier at
		// 0.3 and leave no market to price).
		for d := range s.Drugs {
			s.Drugs[d].TargetHitFactor = 1
		}
		// Roma's fentanyl flow is a few loads a year: ten times it, so that
		// some get through at every targeting and each drug has a market.
		for f := range s.Loads {
			if s.Drugs[s.Loads[f].Drug].Name == "fentanyl" {
				s.Loads[f].LoadsPerYear *= 10
			}
		}
		for p := range s.Ports {
			for l := range s.Ports[p].Lanes {
				ln := &s.Ports[p].Lanes[l]
				ln.Referral = scenario.Referral{TargetHit: rate}
			}
		}
		res, err := border.RunReplications(s, 6, 2, border.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := Market(s, res, nil)
		if len(m) != 3 {
			t.Fatalf("targeting %v: market of %d drugs", rate, len(m))
		}
		for _, d := range m {
			t.Logf("targeting %.1f %-16s tax %.4f border %+.2f%% retail %+.3f%%", rate, d.Drug, d.TaxRate.Mean, d.BorderPct.Mean, d.RetailPct.Mean)
			if i == 0 {
				if d.BorderPct.Mean != 0 || d.RetailPct.Mean != 0 || d.TaxRate.Mean != 0 {
					t.Errorf("%s: no interdiction, prices move: %+v", d.Drug, d)
				}
				continue
			}
			if !(d.BorderPct.Mean > prev[d.Drug]) {
				t.Errorf("%s: targeting %v, border price +%v%% not above +%v%%", d.Drug, rate, d.BorderPct.Mean, prev[d.Drug])
			}
			if !(d.RetailPct.Mean < d.BorderPct.Mean) {
				t.Errorf("%s: retail +%v%% not below border +%v%%", d.Drug, d.RetailPct.Mean, d.BorderPct.Mean)
			}
			prev[d.Drug] = d.BorderPct.Mean
		}
	}
}
