package market

import (
	"math"
	"testing"
)

// A price rise lowers the quantity demanded by the stated elasticity:
// the rise comes from the chain (seizures as a tax on the crossing,
// passed down to retail), and the fall of the quantity over the rise of
// the price, both relative, is the elasticity within 10% (the
// constant-elasticity curve is exact in logarithms; the 10% is what the
// arc measure of a 5% rise may differ from the point elasticity).
func TestPriceRiseLowersDemandByElasticity(t *testing.T) {
	for name, e := range Elasticities {
		ch, ok := Chains[name]
		if !ok {
			t.Fatalf("%s: an elasticity with no price chain", name)
		}
		if !(e.Lo <= e.Value && e.Value <= e.Hi && e.Hi < 0) {
			t.Errorf("%s: %v not within its range [%v, %v] of negative values", name, e.Value, e.Lo, e.Hi)
		}
		if Demanded(ch, e.Value, ch.Retail) != 1 {
			t.Errorf("%s: at the chain's retail price the demand is not the baseline", name)
		}
		// Seizures that raise the delivered cost by 5% of retail.
		s := SeizedShareFor(ch, 5)
		dCost := CostPerDelivered(ch, 0, s) - CostPerDelivered(ch, 0, 0)
		p := Retail(ch, dCost)
		if math.Abs(p/ch.Retail-1.05) > 1e-9 {
			t.Fatalf("%s: retail %v, want +5%%", name, p)
		}
		q := Demanded(ch, e.Value, p)
		got := (q - 1) / (p/ch.Retail - 1)
		if math.Abs(got/e.Value-1) > 0.1 {
			t.Errorf("%s: a 5%% price rise moves the quantity by %.3f%%: elasticity %.3f, stated %.3f", name, 100*(q-1), got, e.Value)
		}
		if !(q < 1) {
			t.Errorf("%s: a price rise did not lower the quantity: %v", name, q)
		}
	}
}

// Nothing delivered, nothing bought; the cost of a delivered kilogram is
// Of's tax when the crossing is free.
func TestCostPerDelivered(t *testing.T) {
	ch := Chains["methamphetamine"]
	if c := CostPerDelivered(ch, 0, 1); !math.IsInf(c, 1) || Demanded(ch, -0.2, Retail(ch, c)) != 0 {
		t.Errorf("every load seized: cost %v, demand %v", c, Demanded(ch, -0.2, Retail(ch, c)))
	}
	e := Of(ch, 10, 90)
	if c := CostPerDelivered(ch, 0, 0.1); math.Abs(c-e.BorderUSD) > 1e-9 {
		t.Errorf("cost %v, Of's border rise %v", c, e.BorderUSD)
	}
	if c := CostPerDelivered(ch, 100, 0); c != 100 {
		t.Errorf("no loss: cost %v, want the crossing", c)
	}
}

// Partial adjustment: half the gap in a half-life, the target in the end.
func TestAdjust(t *testing.T) {
	theta := ThetaFor(7, 91)
	v := 1.0
	for k := 0; k < 13; k++ {
		v = Adjust(v, 0.5, theta)
	}
	if math.Abs(v-0.75) > 1e-9 {
		t.Errorf("after one half-life %v, want 0.75", v)
	}
	if ThetaFor(7, 0) != 1 || Adjust(1, 0.5, 1) != 0.5 {
		t.Error("a half-life of 0 does not adjust at once")
	}
}
