package ports

import (
	"math"
	"sort"
	"testing"

	"borderflow/sim"
)

// Buckets are 1/16 octaves: every value lands in the bucket whose bounds
// hold it.
func TestHistBucketBounds(t *testing.T) {
	for _, w := range []float64{1, 1.0001, 1.04, 1.0443, 1.5, 1.99, 2, 4, 4.757, 100, 3600, 86400, 1e6} {
		k := histBucket(w)
		lo := histLow * math.Exp2(float64(k-1)/histSteps)
		hi := histLow * math.Exp2(float64(k)/histSteps)
		if w < lo*(1-1e-12) || w >= hi*(1+1e-12) {
			t.Errorf("%v s in bucket %d = [%v, %v)", w, k, lo, hi)
		}
	}
	if histBucket(0.99) != 0 || histBucket(0) != 0 || histBucket(math.NaN()) != 0 || histBucket(1e12) != histBuckets-1 {
		t.Error("edge buckets")
	}
	if got := math.Exp2(0.5/histSteps) - 1; math.Abs(got-histHalfErr) > 1e-15 {
		t.Errorf("histHalfErr %v, want %v", histHalfErr, got)
	}
}

// Quantiles of the histogram are within ±2.2% (half a bucket) of the exact
// quantiles (rank ⌈q·n⌉) of lognormal waits; Reset empties it.
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
		if math.Abs(got-exact)/exact > histHalfErr {
			t.Errorf("p%.0f: %v, exact %v", 100*q, got, exact)
		}
	}
	if h.Count() != 50000 || testing.AllocsPerRun(100, func() { h.Add(42) }) != 0 {
		t.Error("count or allocations")
	}
	h.Reset()
	if h.Count() != 0 || h.Quantile(0.5) != 0 {
		t.Error("Reset left waits")
	}
	h.Add(0.2)
	h.Add(0.5)
	h.Add(30)
	if h.Quantile(0.5) != 0 || math.Abs(h.Quantile(0.95)-30)/30 > histHalfErr {
		t.Errorf("sub-second waits: p50 %v p95 %v", h.Quantile(0.5), h.Quantile(0.95))
	}
}

// histBucketSearch is the bucket as it was found before the table: the
// exponent by math.Frexp and a binary search of the mantissa's step.
func histBucketSearch(w float64) int {
	if !(w >= histLow) {
		return 0
	}
	frac, exp := math.Frexp(w / histLow)
	m := 2 * frac
	j := 0
	for step := histSteps / 2; step > 0; step /= 2 {
		if m >= histSplit[j+step] {
			j += step
		}
	}
	k := 1 + histSteps*(exp-1) + j
	if k >= histBuckets {
		k = histBuckets - 1
	}
	return k
}

// The table's bucket is the search's for every step edge of every octave
// and the floats next to it, for random waits over the whole range, and
// for 0, negatives, NaN, the infinities and the largest floats.
func TestHistBucketTable(t *testing.T) {
	if histLow != 1 {
		t.Fatal("histBucket reads the octave from the exponent: histLow must be 1")
	}
	check := func(w float64) {
		t.Helper()
		if got, want := histBucket(w), histBucketSearch(w); got != want {
			t.Fatalf("histBucket(%v) = %d, search %d", w, got, want)
		}
	}
	for e := -3; e < 30; e++ {
		for j := 0; j <= histSteps; j++ {
			x := math.Ldexp(histSplit[j], e)
			for i := 0; i < 4; i++ {
				x = math.Nextafter(x, 0)
			}
			for i := 0; i < 8; i++ {
				check(x)
				x = math.Nextafter(x, math.Inf(1))
			}
		}
		for s := 0; s <= 1<<histSegBits; s++ { // the table's own segment edges
			x := math.Ldexp(1+float64(s)/(1<<histSegBits), e)
			check(x)
			check(math.Nextafter(x, 0))
			check(math.Nextafter(x, math.Inf(1)))
		}
	}
	st := sim.NewStream(7, 0, "hist-table")
	for i := 0; i < 1000000; i++ {
		check(math.Exp2(40*st.Float64() - 4))
	}
	for _, w := range []float64{0, -1, -math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64,
		math.SmallestNonzeroFloat64, 1, math.Nextafter(1, 0), 1 << 22, 1<<22 - 1e-9, 1e300} {
		check(w)
	}
}
