package sim

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"unsafe"
)

// TestSketchKeyRange recomputes the hard-coded bucket range from its
// definition, ⌈log_γ x⌉ at the ends of the supported range.
func TestSketchKeyRange(t *testing.T) {
	key := func(x float64) int { return int(math.Ceil(sketchLog(x) * sketchMultiplier)) }
	// L is exact at powers of two and increasing between them.
	for e := -10; e <= 30; e++ {
		if got := sketchLog(math.Ldexp(1, e)); got != float64(e) {
			t.Errorf("L(2^%d) = %v", e, got)
		}
	}
	for x := 1.0; x < 2; x += 1.0 / 64 {
		if y := sketchLog(x); math.Abs(sketchLogInverse(y)-x) > 1e-12 || sketchLog(x+1.0/64) <= y {
			t.Errorf("L near %v: not invertible or not increasing", x)
		}
	}
	if k := key(sketchMinValue); k != sketchMinKey {
		t.Errorf("key(1e-3) = %d, sketchMinKey = %d", k, sketchMinKey)
	}
	if k := key(sketchMaxValue); k != sketchMaxKey {
		t.Errorf("key(1e9) = %d, sketchMaxKey = %d", k, sketchMaxKey)
	}
}

// TestSketchBucketError checks the per-value guarantee directly: every
// value in range is reported within α by its bucket's representative.
func TestSketchBucketError(t *testing.T) {
	for x := sketchMinValue; x <= sketchMaxValue; x *= 1.0007 {
		v := sketchValue(sketchKey(x))
		if rel := math.Abs(v-x) / x; rel > sketchAlpha*(1+1e-9) {
			t.Fatalf("x=%v reported as %v: relative error %v", x, v, rel)
		}
	}
}

// TestSketchQuantileAccuracy compares p50, p95 and p99 with exact
// quantiles of 100k samples. The sketch answers for rank ⌊q(n−1)⌋, so
// the reference is that order statistic; the 1e-9 slack covers the
// rounding of log at bucket boundaries.
func TestSketchQuantileAccuracy(t *testing.T) {
	const n = 100000
	dists := map[string]Dist{
		"lognormal":   LogNormalFromMeanCV(600, 1.5), // border waits: median minutes, long tail
		"exponential": Exponential{Scale: 45},
		"wide":        LogNormal{Mu: 0, Sigma: 4}, // spans many decades, including the zero bucket
	}
	for name, d := range dists {
		s := NewStream(1, 0, "sketch-"+name)
		var sk Sketch
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = d.Sample(s)
			sk.Add(xs[i])
		}
		slices.Sort(xs)
		for _, q := range []float64{0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1} {
			exact := xs[int(q*float64(n-1))]
			got := sk.Quantile(q)
			if exact < sketchMinValue {
				if got != 0 {
					t.Errorf("%s p%v: exact %v is in the zero bucket, got %v", name, 100*q, exact, got)
				}
				continue
			}
			if rel := math.Abs(got-exact) / exact; rel > sk.RelativeError()*(1+1e-9) {
				t.Errorf("%s p%v: sketch %v, exact %v, relative error %.4f", name, 100*q, got, exact, rel)
			}
		}
		if sk.Max() != xs[n-1] || sk.Quantile(1) != xs[n-1] {
			t.Errorf("%s: Max %v, Quantile(1) %v, want exact max %v", name, sk.Max(), sk.Quantile(1), xs[n-1])
		}
		if sk.Count() != n {
			t.Errorf("%s: Count %d, want %d", name, sk.Count(), n)
		}
	}
}

func TestSketchEmptyAndEdges(t *testing.T) {
	var sk Sketch
	if sk.Quantile(0.5) != 0 || sk.Count() != 0 || sk.Max() != 0 {
		t.Errorf("empty sketch: q50 %v count %d max %v", sk.Quantile(0.5), sk.Count(), sk.Max())
	}
	sk.Add(0)
	sk.Add(-1e-12) // rounding noise below zero counts as zero
	sk.Add(5e-4)
	if sk.Quantile(0.5) != 0 {
		t.Errorf("values below 1e-3 reported as %v, want 0", sk.Quantile(0.5))
	}
	if sk.Quantile(1) != 5e-4 {
		t.Errorf("Quantile(1) = %v, want the exact max 5e-4", sk.Quantile(1))
	}
	sk.Add(1e12) // above the range: clamped into the top bucket
	sk.Add(2e12)
	if got := sk.Quantile(0.8); math.Abs(got-1e9)/1e9 > sketchAlpha {
		t.Errorf("value above 1e9 reported as %v, want the top bucket ≈ 1e9", got)
	}
	if sk.Max() != 2e12 || sk.Quantile(1) != 2e12 {
		t.Errorf("Max %v, Quantile(1) %v, want exact 2e12", sk.Max(), sk.Quantile(1))
	}
	if NewSketch().Count() != 0 {
		t.Error("NewSketch not empty")
	}
	for _, q := range []float64{-0.1, 1.1, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Quantile(%v) did not panic", q)
				}
			}()
			sk.Quantile(q)
		}()
	}
}

// TestSketchMerge checks that merging per-replication sketches gives
// exactly the sketch of all values: buckets are shared, so it must.
func TestSketchMerge(t *testing.T) {
	var all, merged, empty Sketch
	d := LogNormalFromMeanCV(300, 1)
	for r := 0; r < 4; r++ {
		s := NewStream(1, r, "merge")
		var part Sketch
		for i := 0; i < 10000*(r+1); i++ {
			x := d.Sample(s)
			part.Add(x)
			all.Add(x)
		}
		merged.Merge(&part)
	}
	merged.Merge(&empty)
	if merged != all {
		t.Error("merged sketch differs from the sketch of all values")
	}
	empty.Merge(&all)
	if empty != all {
		t.Error("merge into an empty sketch differs from the source")
	}
}

func TestSketchMemoryAndAllocs(t *testing.T) {
	// The buckets are a fixed array: 1383 counters and a few words.
	if size := unsafe.Sizeof(Sketch{}); size > 12*1024 {
		t.Errorf("Sketch is %d bytes, want at most 12 KiB", size)
	}
	var sk Sketch
	x := 0.0
	if n := testing.AllocsPerRun(1000, func() { x += 17.3; sk.Add(x) }); n != 0 {
		t.Errorf("Sketch.Add allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = sk.Quantile(0.95) }); n != 0 {
		t.Errorf("Sketch.Quantile allocates %v times", n)
	}
}

func BenchmarkSketchAdd(b *testing.B) {
	var sk Sketch
	s := NewStream(1, 0, "bench")
	for b.Loop() {
		sk.Add(s.ExpFloat64() * 60)
	}
}

func ExampleSketch() {
	var waits Sketch
	for i := 1; i <= 1000; i++ {
		waits.Add(float64(i)) // waits of 1 s … 1000 s; exact p50 500 s, p99 990 s
	}
	fmt.Printf("p50 %.0f s, p99 %.0f s, max %.0f s (±%.0f%%)\n",
		waits.Quantile(0.5), waits.Quantile(0.99), waits.Max(), 100*waits.RelativeError())
	// Output: p50 502 s, p99 994 s, max 1000 s (±1%)
}
