package traffic

import (
	"testing"

	"borderflow/scenario"
)

// A policy that changes the ports from the start (a sweep's copy of the
// scenario) moves the market against the scenario it changed, not
// against itself: with the reference set, inspecting every vehicle at
// Eagle Pass raises the price and lowers the quantity bought at once;
// without it the copy is its own baseline and nothing moves.
func TestPolicyMeasuredAgainstReference(t *testing.T) {
	sc, err := scenario.Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	pol := sc.Clone()
	for l := range pol.Ports[0].Lanes {
		pol.Ports[0].Lanes[l].Referral.Rate = 1
	}
	for _, withRef := range []bool{false, true} {
		p := pol.Clone()
		if withRef {
			p.SetMarketReference(sc)
		}
		s := NewSupply(p)
		if s.Moves() != withRef {
			t.Errorf("reference %v: Moves %v", withRef, s.Moves())
		}
		s.Step(0, scenario.Week)
		for d, dr := range p.Drugs {
			q := s.Periods[0].Demanded[d]
			switch {
			case withRef && !(q < 1):
				t.Errorf("%s: every vehicle referred, quantity bought %v of the baseline", dr.Name, q)
			case !withRef && q != 1:
				t.Errorf("%s: its own baseline, quantity bought %v", dr.Name, q)
			}
		}
	}
	if sc.MarketReference() != sc {
		t.Error("a scenario without a reference is not its own")
	}
}
