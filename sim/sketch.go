package sim

import "math"

// Sketch estimates quantiles (p50, p95, p99 of border wait times) of a
// stream of non-negative values in fixed memory, with relative error
// at most 1% on every value from 1e-3 to 1e9: the DDSketch of Masson,
// Rim & Lee, "DDSketch: A fast and fully-mergeable quantile sketch with
// relative-error guarantees", PVLDB 12(12), 2019.
//
// The buckets follow DDSketch's quadratically interpolated mapping (as
// in DataDog's sketches-java): instead of log x, which costs a library
// call per vehicle, a key uses L(x) = e + (s−1)(5−s)/3 for x = s·2^e with
// s ∈ [1, 2) — the float's exponent and a quadratic in its mantissa. L is
// within the slopes 4 ln2/3 and 3 ln2/2 of log₂ x, so scaling it by
// m = 3/(4 ln2) / log₂ γ, with γ = (1+α)/(1−α) and α = 0.01, makes every
// bucket (L⁻¹((k−1)/m), L⁻¹(k/m)] at most a factor γ wide; reporting
// 2·lo·hi/(lo+hi) for any value in it is then within a factor 1±α of it
// (Masson et al., §2). Seconds from 1 ms to 1e9 s (31 years) take 1496
// buckets (8% more than the exact logarithmic mapping), so the counts
// live in a fixed array: Add never allocates and memory does not grow
// with the number of vehicles. Values below 1e-3 (including negatives from
// rounding) are counted in a zero bucket and reported as 0; values
// above 1e9 are counted in the top bucket.
//
// The zero value is an empty Sketch ready to use. A Sketch is about
// 11 KB, so pass it by pointer.
type Sketch struct {
	n      int64
	zero   int64 // values below sketchMinValue
	max    float64
	counts [sketchMaxKey - sketchMinKey + 1]int64
}

const (
	sketchAlpha    = 0.01
	sketchGamma    = (1 + sketchAlpha) / (1 - sketchAlpha)
	sketchMinValue = 1e-3
	sketchMaxValue = 1e9
	// sketchMinKey and sketchMaxKey are the keys of 1e-3 and 1e9;
	// TestSketchKeyRange recomputes them.
	sketchMinKey = -373
	sketchMaxKey = 1122
)

// sketchMultiplier is m: keys per unit of L (about 37.5 per octave).
var sketchMultiplier = 3 / (4 * math.Ln2) / math.Log2(sketchGamma)

// sketchLog is L(x), a quadratic interpolation of log₂ x between powers
// of two, exact at them. x must be a positive normal float.
func sketchLog(x float64) float64 {
	bits := math.Float64bits(x)
	e := float64(int64(bits>>52&0x7ff) - 1023)
	s := math.Float64frombits(bits&(1<<52-1) | 1023<<52) // the mantissa, in [1, 2)
	return e + (s-1)*(5-s)/3
}

// sketchLogInverse is L⁻¹(y).
func sketchLogInverse(y float64) float64 {
	e := math.Floor(y)
	return math.Ldexp(3-math.Sqrt(4-3*(y-e)), int(e))
}

// NewSketch returns an empty Sketch; new(Sketch) is equivalent.
func NewSketch() *Sketch { return new(Sketch) }

// sketchKey returns the bucket key of x ≥ sketchMinValue, clamped to the
// array.
func sketchKey(x float64) int {
	k := int(math.Ceil(sketchLog(x) * sketchMultiplier))
	return min(max(k, sketchMinKey), sketchMaxKey)
}

// sketchValue returns the representative value of bucket k, the point
// of its interval (lo, hi] with the smallest worst-case relative error.
func sketchValue(k int) float64 {
	lo := sketchLogInverse(float64(k-1) / sketchMultiplier)
	hi := sketchLogInverse(float64(k) / sketchMultiplier)
	return 2 * lo * hi / (lo + hi)
}

// Add records the value x. It panics on NaN, which can only come from a
// bug upstream.
func (s *Sketch) Add(x float64) {
	if math.IsNaN(x) {
		panic("sim: Sketch.Add(NaN)")
	}
	if s.n == 0 || x > s.max {
		s.max = x
	}
	s.n++
	if x < sketchMinValue {
		s.zero++
		return
	}
	s.counts[sketchKey(x)-sketchMinKey]++
}

// Count returns the number of values added.
func (s *Sketch) Count() int64 { return s.n }

// Max returns the largest value added, exactly, or 0 when empty.
func (s *Sketch) Max() float64 { return s.max }

// RelativeError returns α = 0.01, the bound on |estimate−true|/true of
// Quantile for true quantiles in [1e-3, 1e9].
func (s *Sketch) RelativeError() float64 { return sketchAlpha }

// Quantile returns an estimate of the q-quantile, 0 ≤ q ≤ 1, or 0 when
// empty. It is within RelativeError of the value of rank ⌊q(n−1)⌋
// (0-based) in sorted order, the lower quantile of Masson et al.
// Quantile(1) is the exact Max, and other estimates are capped at it,
// which only brings them closer.
// It panics if q is outside [0, 1].
func (s *Sketch) Quantile(q float64) float64 {
	if !(q >= 0 && q <= 1) {
		panic("sim: Sketch.Quantile outside [0, 1]")
	}
	if s.n == 0 {
		return 0
	}
	rank := int64(q * float64(s.n-1))
	if rank == s.n-1 {
		return s.max // the top rank is the maximum, known exactly
	}
	cum := s.zero
	if cum > rank {
		return 0
	}
	for i, c := range s.counts {
		cum += c
		if cum > rank {
			return min(sketchValue(i+sketchMinKey), s.max)
		}
	}
	return s.max // unreachable: the counts sum to n
}

// Merge adds the values recorded in o, as if each had been passed to
// Add, e.g. to pool the replications of one scenario. Both sketches
// have the same buckets, so the merged sketch keeps the 1% bound.
func (s *Sketch) Merge(o *Sketch) {
	if o.n == 0 {
		return
	}
	if s.n == 0 || o.max > s.max {
		s.max = o.max
	}
	s.n += o.n
	s.zero += o.zero
	for i, c := range o.counts {
		s.counts[i] += c
	}
}
