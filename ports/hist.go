package ports

import "math"

// WaitHist is a histogram of waiting times for the quantiles of one time
// bin (series.csv's wait_p50_min and wait_p95_min). Each lane keeps one,
// for the bin in progress, and reads its quantiles when the bin closes, so
// its size does not grow with the number of bins: bucket 0 holds waits
// under histLow seconds (reported as 0), and each octave above is split in
// histSteps (bucket k ≥ 1 holds [histLow·2^((k-1)/histSteps),
// histLow·2^(k/histSteps))), so a quantile read from it — the geometric
// middle of its bucket — is within ±2.2% of the true value, up to
// histLow·2^((histBuckets-1)/histSteps) ≈ 48 days. The bucket comes from
// the float's exponent, a table of its mantissa's leading bits and one
// comparison: no logarithm on the per-vehicle path. The p50/p95/p99 of a whole run come from
// sim.Sketch (1% relative error); an 11 KB sketch per lane is too big to
// clear at every bin boundary of a fine series.
type WaitHist struct {
	n      int64
	counts [histBuckets]uint32
}

const (
	histSteps   = 16                   // buckets per octave
	histLow     = 1.0                  // seconds; a power of two, so octaves start at the exponent
	histBuckets = 1 + 22*histSteps     // up to 2^22 s ≈ 48.5 days
	histHalfErr = 0.021897148654116627 // 2^(1/32) − 1: the largest relative error of a bucket's middle
)

// histSplit[j] is 2^(j/histSteps): the mantissa m ∈ [1, 2) is in step j
// when histSplit[j] ≤ m < histSplit[j+1].
var histSplit = func() (s [histSteps + 1]float64) {
	for j := range s {
		s[j] = math.Exp2(float64(j) / histSteps)
	}
	return s
}()

// Add counts one wait of w seconds.
func (h *WaitHist) Add(w float64) {
	h.counts[histBucket(w)]++
	h.n++
}

// histSegBits is how many leading bits of the mantissa pick a segment of
// [1, 2) in histStepAt: 256 segments of width 1/256, narrower than the
// narrowest step (2^(1/16) − 1 ≈ 0.044), so a segment holds at most one
// step's lower edge.
const histSegBits = 8

// histStepAt[s] is the step of the segment's start, 1 + s/256: the largest
// j with histSplit[j] ≤ it. A mantissa in segment s is in that step or,
// past the one edge the segment may hold, the next.
var histStepAt = func() (t [1 << histSegBits]int8) {
	for s := range t {
		m := 1 + float64(s)/(1<<histSegBits)
		j := 0
		for j+1 < histSteps && histSplit[j+1] <= m {
			j++
		}
		t[s] = int8(j)
	}
	return t
}()

// histSplitMant[j] is histSplit[j]'s mantissa bits (histSplit[j] ∈ [1, 2)
// for j < histSteps), and 2^52 — above every mantissa — for histSplit[16]
// = 2: a mantissa m ∈ [1, 2) is at least histSplit[j] exactly when its bits
// are at least histSplitMant[j].
var histSplitMant = func() (s [histSteps + 1]uint64) {
	for j := range s {
		s[j] = math.Float64bits(histSplit[j]) & (1<<52 - 1)
	}
	s[histSteps] = 1 << 52
	return s
}()

// histTop is the lower edge of the last bucket, histLow·2^22: every wait
// from there up is in it.
const histTop = histLow * (1 << ((histBuckets - 1) / histSteps))

// histBucket is the bucket of a wait of w seconds. The octave is the
// float's exponent and the step within it the mantissa's segment
// (histStepAt) and one comparison of its bits: the same bucket as the
// largest j with histSplit[j] ≤ m (TestHistBucketTable compares them over
// every edge). Small enough to inline.
func histBucket(w float64) int {
	if !(w >= histLow) || w > math.MaxFloat64 { // below 1 s, NaN, and +Inf (as math.Frexp put it) in bucket 0
		return 0
	}
	if w >= histTop {
		return histBuckets - 1
	}
	b := math.Float64bits(w) // histLow is 1: w = m·2^e, m ∈ [1, 2), e < 22
	mant := b & (1<<52 - 1)
	j := int(histStepAt[mant>>(52-histSegBits)])
	if mant >= histSplitMant[j+1] {
		j++
	}
	return 1 + histSteps*(int(b>>52)-1023) + j
}

// Count returns the number of waits counted.
func (h *WaitHist) Count() int64 { return h.n }

// Reset empties the histogram for the next bin.
func (h *WaitHist) Reset() { *h = WaitHist{} }

// Quantile returns the q-quantile in seconds: the value of rank ⌈q·n⌉
// (1-based), read as the geometric middle of the bucket holding it (0 for
// bucket 0 and for an empty histogram). At least a share 1−q of the waits
// are at or above the true value of that rank, so the mean of the waits is
// at least (1−q) times it.
func (h *WaitHist) Quantile(q float64) float64 {
	if h.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(q * float64(h.n)))
	if rank < 1 {
		rank = 1
	}
	var seen int64
	for k, c := range h.counts {
		seen += int64(c)
		if seen >= rank {
			if k == 0 {
				return 0
			}
			return histLow * math.Exp2((float64(k)-0.5)/histSteps)
		}
	}
	return 0
}
