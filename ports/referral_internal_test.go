package ports

import (
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// The referral table holds, for every part and load, the probability
// primaryDone computed per vehicle before it, 1 − (1 − rate)(1 − target)
// with the part's rate, to the last bit: at the start, in a surge that
// multiplies the rates (cut at 1 for the trusted parts' factors) and
// after it.
func TestReferralTable(t *testing.T) {
	sc, err := scenario.Embedded("laredo")
	if err != nil {
		t.Fatal(err)
	}
	n := len(sc.Ports[0].Lanes)
	factor := make([]float64, n)
	rate := make([]float64, n)
	for l := range factor {
		factor[l], rate[l] = 7.3, -1
	}
	rate[0] = 0.11
	sc.Surges = []scenario.Surge{{Port: 0, Start: 10 * scenario.Day, End: 11 * scenario.Day,
		ExtraBooths: make([]int, n), ReferralRate: rate, ReferralFactor: factor, SecondaryFactor: 1}}
	p := New(sim.NewEnv(), sc, 0, Window{Start: 0, End: 20 * scenario.Day, BinWidth: scenario.Hour},
		func(name string) *sim.Stream { return sim.NewStream(1, 0, name) }, nil)
	check := func(when string, surge bool) {
		t.Helper()
		parts := 0
		for l, ln := range p.lanes {
			want := ln.cfg.Referral.Rate
			if surge {
				if rate[l] >= 0 {
					want = rate[l]
				}
				want = min(1, want*factor[l])
			}
			if ln.referralRate != want {
				t.Fatalf("%s, lane %d: rate %v, want %v", when, l, ln.referralRate, want)
			}
			for part := 0; part <= len(ln.parts); part++ {
				for loaded := 0; loaded < len(ln.referralProb[part]); loaded++ {
					// primaryDone's computation before the table.
					r := ln.cfg.Referral
					q := r.TargetFalse
					if loaded > 0 {
						q = scenario.DrugTargetHit(r, ln.hitFactor[loaded-1])
					}
					rate := ln.referralRate
					if part != 0 {
						rate = ln.cfg.PartReferral(part-1, rate)
						parts++
					}
					if got, want := ln.referralProb[part][loaded], 1-(1-rate)*(1-q); got != want {
						t.Fatalf("%s, lane %d, part %d, loaded %d: %v, want %v", when, l, part, loaded, got, want)
					}
				}
			}
		}
		if parts == 0 {
			t.Fatalf("%s: no trusted parts checked", when)
		}
	}
	check("start", false)
	p.surgeOn(0)
	check("surge", true)
	p.surgeOff(0)
	check("after", false)
}
