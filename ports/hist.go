package ports

import "math"

// WaitHist is a coarse histogram of waiting times for quantiles over time
// (one per lane and time bin, so it must be small): bucket 0 holds waits
// under histLow seconds, bucket k ≥ 1 holds [histLow·g^(k-1), histLow·g^k)
// with g = 1.25, so a quantile read from it is within ±12% of the true
// value, up to histLow·g^(histBuckets-1) ≈ 2.3 days. The exact p50/p95/p99
// of a whole run come from sim.Sketch (1% relative error); this histogram
// only draws the curves of the waits chart.
type WaitHist [histBuckets]uint32

const (
	histBuckets = 48
	histLow     = 5.0 // seconds
	histGrowth  = 1.25
)

var logGrowth = math.Log(histGrowth)

// Add counts one wait of w seconds.
func (h *WaitHist) Add(w float64) {
	h[histBucket(w)]++
}

func histBucket(w float64) int {
	if w < histLow {
		return 0
	}
	k := 1 + int(math.Log(w/histLow)/logGrowth)
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
			lo := histLow * math.Pow(histGrowth, float64(k-1))
			return lo * math.Sqrt(histGrowth)
		}
	}
	return 0
}
