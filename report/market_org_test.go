package report

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// orgMarketRun runs south-texas (the four ports and the adaptive
// organisations of surge-eagle-pass, no surge) with a twentieth of its
// traffic for 63 days, every lane's referral (random and targeted) times
// f, and the crossing between the ports risk-free unless between is set.
// At a twentieth of the traffic the lots do not fill, so more referral is
// more inspection (TestMarketInterdiction says why that matters).
func orgMarketRun(t *testing.T, f float64, between bool) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	sc, err := scenario.Embedded("south-texas")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			ln := &sc.Ports[p].Lanes[l]
			ln.Rate /= 20
			ln.AnnualVolume /= 20
			ln.Referral.Rate = math.Min(1, ln.Referral.Rate*f)
			ln.Referral.TargetHit = math.Min(1, ln.Referral.TargetHit*f)
		}
	}
	if !between {
		for i := range sc.Orgs {
			for x := range sc.Orgs[i].Outside {
				sc.Orgs[i].Outside[x].SeizeProb = 0
			}
		}
	}
	sc.Horizon = 63 * scenario.Day
	res, err := border.RunReplications(sc, 2, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc, res
}

// The market with adaptive organisations, which respond to interdiction
// by moving routes and outsourcing the crossing: with interdiction
// switched off (no referral at the ports, no loss between them) no price
// moves; raising the ports' referral raises every drug's border price;
// retail always moves less in relative terms; replacing the seized kg at
// the organisation's own cost gives a smaller, positive effect.
func TestMarketInterdictionOrganisations(t *testing.T) {
	sc, res := orgMarketRun(t, 0, false)
	m := Market(sc, res, nil)
	if len(m) != 3 {
		t.Fatalf("market of %d drugs", len(m))
	}
	prev := map[string]float64{}
	for _, d := range m {
		if d.TaxRate.Mean != 0 || d.BorderPct.Mean != 0 || d.RetailPct.Mean != 0 || d.KgSeized.Mean != 0 {
			t.Errorf("%s: no interdiction, prices move: %+v", d.Drug, d)
		}
		if a := d.AtCost; a == nil || a.BorderPct.Mean != 0 || a.RetailPct.Mean != 0 || !(a.CrossingUSD.Mean > 0) {
			t.Errorf("%s: no interdiction, at own cost %+v", d.Drug, a)
		}
		if !(d.KgDelivered.Mean > 0) {
			t.Errorf("%s: nothing delivered", d.Drug)
		}
	}
	for _, f := range []float64{1, 3, 6} {
		sc, res := orgMarketRun(t, f, true)
		for _, d := range Market(sc, res, nil) {
			t.Logf("referral ×%g %-16s tax %.4f border %+.2f%% retail %+.3f%%", f, d.Drug, d.TaxRate.Mean, d.BorderPct.Mean, d.RetailPct.Mean)
			if !(d.BorderPct.Mean > prev[d.Drug]) {
				t.Errorf("referral ×%g: %s border price +%v%%, not above +%v%%", f, d.Drug, d.BorderPct.Mean, prev[d.Drug])
			}
			if !(d.RetailPct.Mean < d.BorderPct.Mean) {
				t.Errorf("referral ×%g: %s retail +%v%% not below border +%v%%", f, d.Drug, d.RetailPct.Mean, d.BorderPct.Mean)
			}
			prev[d.Drug] = d.BorderPct.Mean
			// At the organisation's own cost (production + crossing, below
			// the border price) the same seizures move prices less.
			if a := d.AtCost; !(a.BorderPct.Mean > 0 && a.BorderPct.Mean < d.BorderPct.Mean && a.RetailPct.Mean < a.BorderPct.Mean) {
				t.Errorf("referral ×%g: %s at own cost border +%v%% retail +%v%% (at the border price +%v%%)", f, d.Drug, a.BorderPct.Mean, a.RetailPct.Mean, d.BorderPct.Mean)
			}
		}
	}
}
