package border_test

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/market"
	"borderflow/scenario"
	"borderflow/traffic"
)

// smallScenario is an embedded scenario with a twentieth of its traffic
// (the loads keep their rates per year) over horizon days.
func smallScenario(t *testing.T, name string, horizon float64) *scenario.Scenario {
	t.Helper()
	sc, err := scenario.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	sc.Horizon = horizon * scenario.Day
	return sc
}

// interceptEaglePass is eagle-pass (fixed flows, no organisations) with
// every vehicle referred from day 2 to day 9 of ten.
func interceptEaglePass(t *testing.T) *scenario.Scenario {
	sc := smallScenario(t, "eagle-pass", 10)
	rates := make([]float64, len(sc.Ports[0].Lanes))
	for l := range rates {
		rates[l] = 1
	}
	sc.Surges = []scenario.Surge{{Port: 0, Start: 2 * scenario.Day, End: 9 * scenario.Day, ReferralRate: rates, SecondaryFactor: 1}}
	return sc
}

// volumes returns each organisation's planned kilograms and each fixed
// flow's over the statistics window of r.
func volumes(sc *scenario.Scenario, r *border.Result) (orgs, flows []float64) {
	if g := r.Organisations(); g != nil {
		for _, o := range g.Orgs {
			orgs = append(orgs, o.Totals().Planned)
		}
	}
	if r.Supply != nil {
		flows = r.Supply.FlowTotals(r.Window.Start, r.Window.End)
	}
	return orgs, flows
}

// With fixed_volumes, each organisation's and each load flow's volume is
// the same under the policy and without it (the counterfactual, on the
// same seeds), as before the market answered price; without it the
// policy lowers them (the same comparison fails, and the volumes fall in
// all). surge-eagle-pass has organisations only, the Eagle Pass intercept
// only flows.
func TestFixedVolumesSameAcrossPolicies(t *testing.T) {
	for _, mk := range []func() *scenario.Scenario{
		func() *scenario.Scenario { return smallScenario(t, "surge-eagle-pass", 150) },
		func() *scenario.Scenario { return interceptEaglePass(t) },
	} {
		for _, fixed := range []bool{true, false} {
			sc := mk()
			sc.Market.FixedVolumes = fixed
			cf := sc.Clone()
			cf.Surges = nil
			pol, err := border.Run(sc, 0, border.Options{})
			if err != nil {
				t.Fatal(err)
			}
			base, err := border.Run(cf, 0, border.Options{})
			if err != nil {
				t.Fatal(err)
			}
			po, pf := volumes(sc, pol)
			co, cfl := volumes(cf, base)
			if len(po)+len(pf) == 0 || len(po) != len(co) || len(pf) != len(cfl) {
				t.Fatalf("%s: volumes %v %v against %v %v", sc.Name, po, pf, co, cfl)
			}
			// Lower in all: an organisation of a drug the policy hardly
			// touches may plan a few grams more by the luck of its beliefs.
			same, total := true, 0.0
			for i := range po {
				same = same && po[i] == co[i]
				total += po[i] - co[i]
			}
			for i := range pf {
				same = same && pf[i] == cfl[i]
				total += pf[i] - cfl[i]
			}
			lower := total < 0
			switch {
			case fixed && !same:
				t.Errorf("%s, fixed volumes: organisations %v against %v, flows %v against %v", sc.Name, po, co, pf, cfl)
			case !fixed && (same || !lower):
				t.Errorf("%s, volumes answering price: organisations %v against %v, flows %v against %v (want lower under the policy)", sc.Name, po, co, pf, cfl)
			}
		}
	}
}

// The supply follows the demand: with a half-life of 0 (no lag) each
// period's volume factor is the quantity bought at that period's price,
// the price is the chain's retail plus the rise of the cost of a
// delivered kilogram (a flow's at its lane's risk with the surge in
// force, weighted by what the flows deliver at the baseline), and each
// flow's planned kilograms are its configured ones times the factor. The
// test recomputes the price from the market's rules and the ports'
// configuration, independently of the run.
func TestSupplyFollowsDemand(t *testing.T) {
	sc := interceptEaglePass(t)
	sc.Market.HalfLife = 0
	sc.DecisionPeriod = scenario.Day
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp := r.Supply
	if sp == nil || len(sp.Periods) != int(math.Ceil((sc.Warmup+sc.Horizon)/scenario.Day)) {
		t.Fatalf("supply %+v", sp)
	}
	// The ports as the surge leaves them: every vehicle referred.
	referAll := sc.Clone()
	for l := range referAll.Ports[0].Lanes {
		referAll.Ports[0].Lanes[l].Referral.Rate = 1
	}
	fell := false
	for _, b := range sp.Periods {
		for d, drug := range sc.Drugs {
			ch, e := market.Chains[drug.Name], market.Elasticities[drug.Name].Value
			dCost, w := 0.0, 0.0
			for _, f := range sc.Loads {
				if f.Drug != d {
					continue
				}
				rt := scenario.Route{Port: f.Port, Lane: f.Lane, Concealment: f.Concealment}
				base, risk := traffic.BaselineRisk(sc, d, rt), traffic.BaselineRisk(sc, d, rt)
				if s, mid := sc.Surges[0], b.Start+b.Length/2; mid >= sc.Warmup+s.Start && mid < sc.Warmup+s.End {
					risk = traffic.BaselineRisk(referAll, d, rt)
				}
				kg := f.LoadsPerYear * f.Kg.Mean() * (1 - base)
				dCost += kg * (market.CostPerDelivered(ch, 0, risk) - market.CostPerDelivered(ch, 0, base))
				w += kg
			}
			if w == 0 {
				continue
			}
			want := market.Demanded(ch, e, ch.Retail+dCost/w)
			if math.Abs(b.Factor[d]-want) > 1e-9 || math.Abs(b.Demanded[d]-want) > 1e-9 {
				t.Errorf("%s at day %.0f: factor %v, demanded %v, want %v", drug.Name, b.Start/scenario.Day, b.Factor[d], b.Demanded[d], want)
			}
			fell = fell || want < 0.99
		}
		for i, f := range sc.Loads {
			want := f.LoadsPerYear * f.Kg.Mean() / scenario.Year * b.Length * b.Factor[f.Drug]
			if math.Abs(b.FlowKg[i]-want) > 1e-9*want {
				t.Errorf("flow %d at day %.0f: %v kg planned, want %v", i, b.Start/scenario.Day, b.FlowKg[i], want)
			}
		}
	}
	if !fell {
		t.Error("inspecting every vehicle for a week did not lower the quantity bought by 1%")
	}
}
