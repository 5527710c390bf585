package sim

import (
	"math"
	"testing"
)

// A cut distribution keeps its values at most Max in their proportions:
// sampled, its mean is the computed E[D | D ≤ Max], nothing is drawn
// above Max, and a cut that is never reached changes no number drawn.
func TestTruncated(t *testing.T) {
	ln := LogNormalFromMeanCV(100, 2)
	mix, err := NewMixture([]float64{0.9, 0.1}, []Dist{ln, LogNormalFromMeanCV(1000, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		d    Dist
		max  float64
	}{
		{"lognormal", ln, 500},
		{"mixture", mix, 2000},
		{"uniform", Uniform{Min: 10, Max: 20}, 15},
		{"exponential", Exponential{Scale: 50}, 100},
		{"constant", Constant{Value: 3}, 5},
	} {
		tr, err := NewTruncated(c.d, c.max)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		s := NewStream(1, 0, c.name)
		const n = 400000
		sum, hi := 0.0, 0.0
		for i := 0; i < n; i++ {
			x := tr.Sample(s)
			sum += x
			hi = math.Max(hi, x)
		}
		if hi > c.max {
			t.Errorf("%s: drew %v above %v", c.name, hi, c.max)
		}
		if got := sum / n; math.Abs(got/tr.Mean()-1) > 0.01 {
			t.Errorf("%s: sampled mean %v, Mean %v", c.name, got, tr.Mean())
		}
	}
	// Exact values: the uniform cut in the middle, the lognormal's mass.
	if tr, _ := NewTruncated(Uniform{Min: 10, Max: 20}, 15); tr.Mean() != 12.5 || tr.Mass() != 0.5 {
		t.Errorf("uniform cut at 15: mean %v, mass %v", tr.Mean(), tr.Mass())
	}
	if tr, _ := NewTruncated(ln, math.Exp(ln.Mu)); math.Abs(tr.Mass()-0.5) > 1e-12 {
		t.Errorf("lognormal cut at its median keeps %v", tr.Mass())
	}
	// Far above the tail: the same numbers as the distribution itself.
	far, _ := NewTruncated(ln, 1e12)
	a, b := NewStream(1, 0, "same"), NewStream(1, 0, "same")
	for i := 0; i < 1000; i++ {
		if x, y := far.Sample(a), ln.Sample(b); x != y {
			t.Fatalf("draw %d: %v cut, %v uncut", i, x, y)
		}
	}
	// Refused: a distribution that cannot say its mass, a cut keeping
	// less than half, a bad maximum.
	if _, err := NewTruncated(Gamma{Shape: 2, Scale: 1}, 10); err == nil {
		t.Error("a gamma cut")
	}
	if _, err := NewTruncated(ln, 1); err == nil {
		t.Error("a cut keeping almost nothing accepted")
	}
	if _, err := NewTruncated(ln, 0); err == nil {
		t.Error("max 0 accepted")
	}
	bad, _ := NewMixture([]float64{1, 1}, []Dist{ln, Gamma{Shape: 2, Scale: 1}})
	if _, err := NewTruncated(bad, 1e6); err == nil {
		t.Error("a mixture with a gamma part cut")
	}
}
