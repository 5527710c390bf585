package ports

import (
	"math"
	"sort"
	"testing"

	"borderflow/sim"
)

// Buckets are quarter octaves: every value lands in the bucket whose
// bounds hold it.
func TestHistBucketBounds(t *testing.T) {
	for _, w := range []float64{4, 4.5, 4.757, 4.76, 5.66, 6.73, 7.99, 8, 100, 3600, 86400, 1e6} {
		k := histBucket(w)
		lo := histLow * math.Exp2(float64(k-1)/4)
		hi := histLow * math.Exp2(float64(k)/4)
		if w < lo*(1-1e-12) || w >= hi*(1+1e-12) {
			t.Errorf("%v s in bucket %d = [%v, %v)", w, k, lo, hi)
		}
	}
	if histBucket(3.9) != 0 || histBucket(math.NaN()) != 0 || histBucket(1e12) != histBuckets-1 {
		t.Error("edge buckets")
	}
}

// Quantiles of the histogram are within ±9% (half a quarter octave) of the
// exact quantiles of lognormal waits.
func TestHistQuantiles(t *testing.T) {
	var h WaitHist
	s := sim.NewStream(1, 0, "hist")
	d := sim.LogNormalFromMeanCV(600, 1.5)
	xs := make([]float64, 50000)
	for i := range xs {
		xs[i] = d.Sample(s)
		h.Add(xs[i])
	}
	sort.Float64s(xs)
	for _, q := range []float64{0.5, 0.9, 0.95, 0.99} {
		exact := xs[int(math.Ceil(q*float64(len(xs))))-1]
		got := h.Quantile(q)
		if math.Abs(got-exact)/exact > 0.091 {
			t.Errorf("p%.0f: %v, exact %v", 100*q, got, exact)
		}
	}
	if h.Count() != 50000 || testing.AllocsPerRun(100, func() { h.Add(42) }) != 0 {
		t.Error("count or allocations")
	}
}
