package border_test

import (
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// tail is P(X ≥ x) for the load-size distributions the generator writes:
// a lognormal, or a mixture of lognormals.
func tail(t *testing.T, d sim.Dist, x float64) float64 {
	t.Helper()
	switch d := d.(type) {
	case *sim.Truncated:
		if x > d.Max {
			return 0
		}
		return (tail(t, d.D, x) - tail(t, d.D, d.Max)) / d.Mass()
	case sim.LogNormal:
		return 0.5 * math.Erfc((math.Log(x)-d.Mu)/(d.Sigma*math.Sqrt2))
	case *sim.Mixture:
		p, sum := 0.0, 0.0
		for i, part := range d.Parts {
			p += d.Weights[i] * tail(t, part, x)
			sum += d.Weights[i]
		}
		return p / sum
	}
	t.Fatalf("load size %T: not a lognormal or a mixture", d)
	return 0
}

// The record loads happen: with the fitted load sizes, southwest-border
// sends a methamphetamine truck load at least as big as the Eagle Pass
// seizure of February 2024 (5,942.5 kg, data/record_seizures.csv) at least
// once in ten simulated years, and Roma sees a meth load at least as big
// as its 1,029 kg of liquid meth (March 2025) within a few decades: the
// expected number a year is Σ loads a year × P(weight ≥ record) over the
// flows. Before the fit (lognormal cv 2 around 71 kg) the Eagle Pass load
// had a probability of about 2·10⁻⁵ per load at Eagle Pass.
func TestRecordLoadsHappen(t *testing.T) {
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	var border, eaglePass, roma float64
	for _, f := range sc.Loads {
		if sc.Drugs[f.Drug].Name != "methamphetamine" {
			continue
		}
		truck := sc.Classes[sc.Ports[f.Port].Lanes[f.Lane].Class].Name == "truck"
		big := f.LoadsPerYear * tail(t, f.Kg, 5942.5)
		if truck {
			border += big
		}
		switch sc.Ports[f.Port].Name {
		case "Eagle Pass":
			eaglePass += big
		case "Roma":
			roma += f.LoadsPerYear * tail(t, f.Kg, 1029)
		}
	}
	t.Logf("meth truck loads ≥ 5,942.5 kg: %.2f a year on the border (one every %.1f years), %.4f at Eagle Pass (one every %.0f years)", border, 1/border, eaglePass, 1/eaglePass)
	t.Logf("meth loads ≥ 1,029 kg at Roma: %.3f a year (one every %.0f years)", roma, 1/roma)
	if !(border >= 0.1) {
		t.Errorf("an Eagle Pass-sized meth load once in %.0f years on the whole border, want at most ten", 1/border)
	}
	if !(roma >= 1.0/50) {
		t.Errorf("a Roma-sized meth load at Roma once in %.0f years", 1/roma)
	}
	if border > 50 {
		t.Errorf("%.0f Eagle Pass-sized loads a year: the tail is far heavier than the record", border)
	}
}
