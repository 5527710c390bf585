package ports

import "math"

// WaitHist is a coarse histogram of waiting times for quantiles over time
// (one per lane and time bin, so it must be small): bucket 0 holds waits
// under histLow seconds, and each octave above it is split in four
// (bucket k ≥ 1 holds [histLow·2^((k-1)/4), histLow·2^(k/4))), so a
// quantile read from it is within ±9% of the true value, up to
// histLow·2^((histBuckets-1)/4) ≈ 48 days. The bucket comes from the
// float's exponent and three comparisons of its mantissa — no logarithm on
// the per-vehicle path. The exact p50/p95/p99 of a whole run come from
// sim.Sketch (1% relative error); this histogram only draws the curves of
// the waits chart.
type WaitHist [histBuckets]uint32

const (
	histBuckets = 81
	histLow     = 4.0 // seconds; a power of two, so octaves start at the exponent
)

// quarter-octave steps of the mantissa m ∈ [1, 2): 2^(1/4), 2^(1/2), 2^(3/4).
const q1, q2, q3 = 1.189207115002721, 1.4142135623730951, 1.681792830507429

// Add counts one wait of w seconds.
func (h *WaitHist) Add(w float64) {
	h[histBucket(w)]++
}

func histBucket(w float64) int {
	if !(w >= histLow) {
		return 0
	}
	frac, exp := math.Frexp(w / histLow) // w/histLow = frac·2^exp, frac ∈ [0.5, 1)
	m := 2 * frac                        // ∈ [1, 2): w/histLow = m·2^(exp-1)
	k := 1 + 4*(exp-1)
	switch {
	case m >= q3:
		k += 3
	case m >= q2:
		k += 2
	case m >= q1:
		k++
	}
	if k >= histBuckets {
		k = histBuckets - 1
	}
	return k
}

// Merge adds o's counts.
func (h *WaitHist) Merge(o *WaitHist) {
	for i := range h {
		h[i] += o[i]
	}
}

// Count returns the number of waits counted.
func (h *WaitHist) Count() int64 {
	var n int64
	for _, c := range h {
		n += int64(c)
	}
	return n
}

// Quantile returns the q-quantile in seconds: the geometric middle of the
// bucket holding it (0 for bucket 0 and for an empty histogram).
func (h *WaitHist) Quantile(q float64) float64 {
	n := h.Count()
	if n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(n)))
	if rank < 1 {
		rank = 1
	}
	var seen int64
	for k, c := range h {
		seen += int64(c)
		if seen >= rank {
			if k == 0 {
				return 0
			}
			return histLow * math.Exp2((float64(k)-0.5)/4)
		}
	}
	return 0
}
