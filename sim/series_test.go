package sim

import (
	"fmt"
	"math"
	"testing"
)

func TestSeriesBins(t *testing.T) {
	s := NewSeries(3600, 24*3600)
	if s.Len() != 24 || s.BinWidth() != 3600 {
		t.Fatalf("Len %d BinWidth %v, want 24 and 3600", s.Len(), s.BinWidth())
	}
	s.Add(0, 10)      // first instant of bin 0
	s.Add(3599.9, 20) // still bin 0
	s.Add(3600, 5)    // bin 1 starts at 3600
	s.Add(23*3600+1, 7)
	cases := []struct {
		i     int
		sum   float64
		count int64
		mean  float64
	}{{0, 30, 2, 15}, {1, 5, 1, 5}, {2, 0, 0, 0}, {23, 7, 1, 7}}
	for _, c := range cases {
		if s.Sum(c.i) != c.sum || s.Count(c.i) != c.count || s.Mean(c.i) != c.mean {
			t.Errorf("bin %d: sum %v count %d mean %v, want %v %d %v",
				c.i, s.Sum(c.i), s.Count(c.i), s.Mean(c.i), c.sum, c.count, c.mean)
		}
	}
}

func TestSeriesHorizonRoundsUp(t *testing.T) {
	if n := NewSeries(3600, 3601).Len(); n != 2 {
		t.Errorf("horizon 3601 s in hourly bins: Len %d, want 2", n)
	}
	if n := NewSeries(3600, 0).Len(); n != 0 {
		t.Errorf("horizon 0: Len %d, want 0", n)
	}
}

// TestSeriesGrows covers the drain period: vehicles still crossing
// after the planned horizon land in appended bins.
func TestSeriesGrows(t *testing.T) {
	s := NewSeries(60, 120)
	s.Add(125, 1)
	s.Add(601, 2)
	if s.Len() != 11 || s.Sum(2) != 1 || s.Sum(10) != 2 || s.Count(5) != 0 {
		t.Errorf("after growth: Len %d, sums %v %v", s.Len(), s.Sum(2), s.Sum(10))
	}
}

func TestSeriesNegativeTimePanics(t *testing.T) {
	for _, tm := range []float64{-1, math.NaN(), math.Inf(1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Add at time %v did not panic", tm)
				}
			}()
			NewSeries(60, 600).Add(tm, 1)
		}()
	}
}

func TestNewSeriesBadWidthPanics(t *testing.T) {
	for _, w := range []float64{0, -1, math.Inf(1), math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewSeries(%v, …) did not panic", w)
				}
			}()
			NewSeries(w, 600)
		}()
	}
}

func TestSeriesMerge(t *testing.T) {
	a, b := NewSeries(60, 120), NewSeries(60, 240)
	a.Add(10, 1)
	b.Add(20, 2)
	b.Add(200, 4)
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	if a.Len() != 4 || a.Sum(0) != 3 || a.Count(0) != 2 || a.Sum(3) != 4 || a.Count(3) != 1 {
		t.Errorf("merged: Len %d bin0 %v/%d bin3 %v/%d", a.Len(), a.Sum(0), a.Count(0), a.Sum(3), a.Count(3))
	}
	// Merging a shorter series leaves the extra bins alone.
	c := NewSeries(60, 60)
	c.Add(0, 1)
	if err := a.Merge(c); err != nil || a.Len() != 4 || a.Sum(0) != 4 {
		t.Errorf("merge of shorter: err %v Len %d bin0 %v", err, a.Len(), a.Sum(0))
	}
	if err := a.Merge(NewSeries(3600, 3600)); err == nil {
		t.Error("merge of different bin widths returned no error")
	}
	if a.Len() != 4 || a.Sum(0) != 4 {
		t.Error("failed merge changed the series")
	}
}

func TestSeriesAddAllocs(t *testing.T) {
	s := NewSeries(3600, 86400)
	tm := 0.0
	if n := testing.AllocsPerRun(1000, func() { tm += 10; s.Add(tm, 1) }); n != 0 {
		t.Errorf("Series.Add within the horizon allocates %v times", n)
	}
}

func ExampleSeries() {
	// Crossings per hour: three cars in the first hour, one in the second.
	crossings := NewSeries(3600, 2*3600)
	for _, t := range []float64{120, 1800, 3599, 4000} {
		crossings.Add(t, 1)
	}
	for i := 0; i < crossings.Len(); i++ {
		fmt.Printf("hour %d: %v\n", i, crossings.Sum(i))
	}
	// Output:
	// hour 0: 3
	// hour 1: 1
}
