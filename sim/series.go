package sim

import (
	"fmt"
	"math"
)

// Series is a time series in fixed-width bins, such as the vehicles
// crossing a port in each hour or their mean wait by hour of the day.
// Bin i covers simulated times [i·w, (i+1)·w) for bin width w.
//
// NewSeries preallocates the bins for the planned horizon so that Add
// does not allocate; an Add past the horizon (a drain period after the
// last arrival) appends bins, amortised like append.
type Series struct {
	width  float64
	sums   []float64
	counts []int64
}

// NewSeries returns a Series with bins of binWidth seconds (3600 for
// hourly), preallocated to cover [0, horizon). It panics if binWidth is
// not positive and finite or horizon is negative or not finite.
func NewSeries(binWidth, horizon float64) *Series {
	if !(binWidth > 0) || !finite(binWidth) {
		panic(fmt.Sprintf("sim: NewSeries bin width %v must be positive and finite", binWidth))
	}
	if !(horizon >= 0) || !finite(horizon) {
		panic(fmt.Sprintf("sim: NewSeries horizon %v must be non-negative and finite", horizon))
	}
	n := int(math.Ceil(horizon / binWidth))
	return &Series{
		width:  binWidth,
		sums:   make([]float64, n),
		counts: make([]int64, n),
	}
}

// Add adds x to the bin that contains time t and counts one
// observation there. It panics if t is negative, infinite or NaN:
// the clock starts at 0 and is always finite.
func (s *Series) Add(t, x float64) {
	if !(t >= 0) || math.IsInf(t, 1) {
		panic(fmt.Sprintf("sim: Series.Add at time %v outside [0, ∞)", t))
	}
	i := int(t / s.width)
	if i >= len(s.sums) {
		s.grow(i + 1)
	}
	s.sums[i] += x
	s.counts[i]++
}

// grow extends the series to n bins, zero-filled.
func (s *Series) grow(n int) {
	s.sums = append(s.sums, make([]float64, n-len(s.sums))...)
	s.counts = append(s.counts, make([]int64, n-len(s.counts))...)
}

// Len returns the number of bins.
func (s *Series) Len() int { return len(s.sums) }

// BinWidth returns the width of a bin in seconds.
func (s *Series) BinWidth() float64 { return s.width }

// Sum returns the sum of the values added to bin i.
func (s *Series) Sum(i int) float64 { return s.sums[i] }

// Count returns the number of Adds to bin i.
func (s *Series) Count(i int) int64 { return s.counts[i] }

// Mean returns Sum(i)/Count(i), or 0 for a bin with no Adds.
func (s *Series) Mean(i int) float64 {
	if s.counts[i] == 0 {
		return 0
	}
	return s.sums[i] / float64(s.counts[i])
}

// Merge adds o bin by bin into s, growing s if o has more bins, e.g. to
// pool replications. It returns an error, and leaves s unchanged, if
// the bin widths differ: the bins would not line up.
func (s *Series) Merge(o *Series) error {
	if s.width != o.width {
		return fmt.Errorf("sim: merge of series with bin width %v into bin width %v", o.width, s.width)
	}
	if o.Len() > s.Len() {
		s.grow(o.Len())
	}
	for i := range o.sums {
		s.sums[i] += o.sums[i]
		s.counts[i] += o.counts[i]
	}
	return nil
}
