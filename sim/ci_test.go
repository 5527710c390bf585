package sim

import (
	"fmt"
	"math"
	"testing"
)

// TestMeanCI95Textbook checks the interval against the tabulated
// Student-t quantile t_{0.975,9} = 2.262157 (e.g. Law, Table T.1).
// The ten values have mean 5.5 and sample variance 55/6.
func TestMeanCI95Textbook(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	mean, lo, hi := MeanCI95(xs)
	half := 2.262157 * math.Sqrt(55.0/6) / math.Sqrt(10)
	if mean != 5.5 || math.Abs(lo-(5.5-half)) > 1e-6 || math.Abs(hi-(5.5+half)) > 1e-6 {
		t.Errorf("MeanCI95 = %v [%v, %v], want 5.5 [%v, %v]", mean, lo, hi, 5.5-half, 5.5+half)
	}
}

// TestMeanCI95TwoValues uses t_{0.975,1} = 12.706205, the widest
// interval of the table.
func TestMeanCI95TwoValues(t *testing.T) {
	mean, lo, hi := MeanCI95([]float64{10, 12})
	half := 12.706205 * math.Sqrt2 / math.Sqrt(2)
	if mean != 11 || math.Abs(lo-(11-half)) > 1e-5 || math.Abs(hi-(11+half)) > 1e-5 {
		t.Errorf("MeanCI95 = %v [%v, %v], want 11 ± %v", mean, lo, hi, half)
	}
}

func TestMeanCI95Degenerate(t *testing.T) {
	if m, lo, hi := MeanCI95(nil); m != 0 || lo != 0 || hi != 0 {
		t.Errorf("n=0: %v [%v, %v], want zeros", m, lo, hi)
	}
	if m, lo, hi := MeanCI95([]float64{4.2}); m != 4.2 || lo != 4.2 || hi != 4.2 {
		t.Errorf("n=1: %v [%v, %v], want 4.2 [4.2, 4.2]", m, lo, hi)
	}
}

// TestMeanCI95Coverage checks the defining property: over many
// experiments of 5 normal replications the interval covers the true
// mean about 95% of the time (binomial SE of the rate ≈ 0.5% at 2000).
func TestMeanCI95Coverage(t *testing.T) {
	s := NewStream(1, 0, "coverage")
	const experiments = 2000
	covered := 0
	xs := make([]float64, 5)
	for e := 0; e < experiments; e++ {
		for i := range xs {
			xs[i] = 100 + 15*s.NormFloat64()
		}
		if _, lo, hi := MeanCI95(xs); lo <= 100 && 100 <= hi {
			covered++
		}
	}
	if rate := float64(covered) / experiments; math.Abs(rate-0.95) > 0.02 {
		t.Errorf("coverage %v, want 0.95 ± 0.02", rate)
	}
}

func TestPairedCI95(t *testing.T) {
	// Differences 1, 2, …, 10: the same interval as the textbook case.
	a := []float64{11, 22, 33, 44, 55, 66, 77, 88, 99, 110}
	b := []float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}
	d, lo, hi := PairedCI95(a, b)
	m, wantLo, wantHi := MeanCI95([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if math.Abs(d-m) > 1e-12 || math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 {
		t.Errorf("PairedCI95 = %v [%v, %v], want %v [%v, %v]", d, lo, hi, m, wantLo, wantHi)
	}
	defer func() {
		if recover() == nil {
			t.Error("PairedCI95 of different lengths did not panic")
		}
	}()
	PairedCI95(a, b[:3])
}

func ExampleMeanCI95() {
	// Mean wait (minutes) in five replications of one scenario.
	mean, lo, hi := MeanCI95([]float64{41.2, 38.9, 44.0, 40.3, 39.6})
	fmt.Printf("%.1f [%.1f, %.1f]\n", mean, lo, hi)
	// Output: 40.8 [38.3, 43.3]
}
