package sim

import (
	"fmt"
	"math"
	"testing"
)

// twoPass returns the mean and n−1 sample variance by the textbook
// two-pass formula, the reference for Welford's one-pass update.
func twoPass(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

func relNear(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))
}

func TestTallyEmpty(t *testing.T) {
	var tl Tally
	if tl.N() != 0 || tl.Mean() != 0 || tl.Variance() != 0 || tl.Std() != 0 ||
		tl.Min() != 0 || tl.Max() != 0 || tl.Sum() != 0 {
		t.Errorf("zero Tally reports %+v", tl)
	}
	tl.Add(-3)
	if tl.N() != 1 || tl.Mean() != -3 || tl.Variance() != 0 || tl.Min() != -3 || tl.Max() != -3 {
		t.Errorf("one observation: %+v", tl)
	}
}

func TestTallyMatchesTwoPass(t *testing.T) {
	s := NewStream(1, 0, "tally")
	xs := make([]float64, 10001)
	var tl Tally
	for i := range xs {
		xs[i] = 1e9 + 100*s.NormFloat64() // large offset: where Σx² − n·x̄² fails
		tl.Add(xs[i])
	}
	mean, variance := twoPass(xs)
	if !relNear(tl.Mean(), mean, 1e-14) || !relNear(tl.Variance(), variance, 1e-8) {
		t.Errorf("Tally mean %v var %v, two-pass %v %v", tl.Mean(), tl.Variance(), mean, variance)
	}
	lo, hi := xs[0], xs[0]
	var sum float64
	for _, x := range xs {
		lo, hi, sum = min(lo, x), max(hi, x), sum+x
	}
	if tl.Min() != lo || tl.Max() != hi || tl.Sum() != sum || tl.N() != int64(len(xs)) {
		t.Errorf("min %v max %v sum %v n %d, want %v %v %v %d", tl.Min(), tl.Max(), tl.Sum(), tl.N(), lo, hi, sum, len(xs))
	}
	if !relNear(tl.Std(), math.Sqrt(variance), 1e-8) {
		t.Errorf("Std %v, want %v", tl.Std(), math.Sqrt(variance))
	}
}

// TestTallyMerge checks the Chan–Golub–LeVeque merge against adding
// every observation to one Tally, for uneven and empty parts.
func TestTallyMerge(t *testing.T) {
	s := NewStream(1, 0, "merge")
	for _, split := range [][]int{{0, 100}, {100, 0}, {1, 99}, {37, 63}, {10, 20, 30, 40}, {0, 0}} {
		var all, merged Tally
		for _, n := range split {
			var part Tally
			for i := 0; i < n; i++ {
				x := 50 + 10*s.ExpFloat64()
				part.Add(x)
				all.Add(x)
			}
			merged.Merge(part)
		}
		if merged.N() != all.N() || !relNear(merged.Mean(), all.Mean(), 1e-13) ||
			!relNear(merged.Variance(), all.Variance(), 1e-11) || merged.Min() != all.Min() ||
			merged.Max() != all.Max() || !relNear(merged.Sum(), all.Sum(), 1e-13) {
			t.Errorf("split %v: merged %+v, all %+v", split, merged, all)
		}
	}
}

func TestTallyAddAllocs(t *testing.T) {
	var tl Tally
	if n := testing.AllocsPerRun(1000, func() { tl.Add(1.5) }); n != 0 {
		t.Errorf("Tally.Add allocates %v times", n)
	}
}

// TestTimeAverageKnown integrates a queue whose length is 0 on [0,10),
// 2 on [10,15), 1 on [15,30): ∫ = 0·10 + 2·5 + 1·15 = 25 over 30 s.
func TestTimeAverageKnown(t *testing.T) {
	var a TimeAverage
	a.Reset(0, 0)
	a.Add(10, 1)
	a.Add(10, 1) // two arrivals at the same instant
	a.Add(15, -1)
	if a.Value() != 1 || a.Max() != 2 {
		t.Errorf("Value %v Max %v, want 1 and 2", a.Value(), a.Max())
	}
	if got := a.Integral(30); got != 25 {
		t.Errorf("Integral(30) = %v, want 25", got)
	}
	if got := a.Mean(30); !relNear(got, 25.0/30, 1e-15) {
		t.Errorf("Mean(30) = %v, want %v", got, 25.0/30)
	}
	// Querying does not advance the clock: an earlier query still works.
	if got := a.Mean(20); got != 15.0/20 {
		t.Errorf("Mean(20) = %v, want 0.75", got)
	}
	a.Set(30, 4)
	if got := a.Integral(40); got != 25+40 {
		t.Errorf("Integral(40) after Set = %v, want 65", got)
	}
}

// TestTimeAverageReset models a warm-up period: what happened before
// Reset is forgotten and the mean runs from the reset time.
func TestTimeAverageReset(t *testing.T) {
	var a TimeAverage
	a.Set(5, 100) // zero value starts at time 0 with value 0
	if got := a.Integral(10); got != 500 {
		t.Errorf("zero value: Integral(10) = %v, want 500", got)
	}
	a.Reset(3600, 3)
	if a.Max() != 3 || a.Value() != 3 {
		t.Errorf("after Reset: Max %v Value %v, want 3 3", a.Max(), a.Value())
	}
	if got := a.Mean(3600); got != 3 {
		t.Errorf("Mean over an empty period = %v, want the value 3", got)
	}
	a.Set(3700, 1)
	if got := a.Mean(3800); got != 2 {
		t.Errorf("Mean(3800) = %v, want 2", got)
	}
}

func TestTimeAverageBackwardsPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Set before the last change did not panic")
		}
	}()
	var a TimeAverage
	a.Set(10, 1)
	a.Set(9, 2)
}

// TestTimeAverageLittlesLaw runs an M/M/1 queue by hand. If the system
// starts and ends empty, ∫N(t)dt equals the sum of the sojourn times
// exactly (the sample-path form of Little's law, L = λW), and for
// ρ = 0.5 the long-run mean number in system is ρ/(1−ρ) = 1
// (Kleinrock, Queueing Systems vol. 1, §3.2).
func TestTimeAverageLittlesLaw(t *testing.T) {
	arr, svc := NewStream(1, 0, "mm1-arrivals"), NewStream(1, 0, "mm1-service")
	const lambda, mu, n = 0.5, 1.0, 200000
	var inSystem TimeAverage
	var sojourn Tally
	var clock, free float64 // arrival time, time the server frees up
	for i := 0; i < n; i++ {
		clock += arr.ExpFloat64() / lambda
		start := math.Max(clock, free)
		free = start + svc.ExpFloat64()/mu
		sojourn.Add(free - clock)
	}
	// Replay the arrivals and departures in time order.
	arr, svc = NewStream(1, 0, "mm1-arrivals"), NewStream(1, 0, "mm1-service")
	clock, free = 0, 0
	departures := make([]float64, 0, 64) // FIFO: departure times in order
	for i := 0; i < n; i++ {
		clock += arr.ExpFloat64() / lambda
		for len(departures) > 0 && departures[0] <= clock {
			inSystem.Add(departures[0], -1)
			departures = departures[1:]
		}
		inSystem.Add(clock, 1)
		start := math.Max(clock, free)
		free = start + svc.ExpFloat64()/mu
		departures = append(departures, free)
	}
	for _, d := range departures {
		inSystem.Add(d, -1)
	}
	end := free
	if inSystem.Value() != 0 {
		t.Fatalf("system not empty at the end: %v", inSystem.Value())
	}
	if got, want := inSystem.Integral(end), sojourn.Sum(); !relNear(got, want, 1e-9) {
		t.Errorf("∫N dt = %v, Σ sojourn = %v", got, want)
	}
	if L := inSystem.Mean(end); math.Abs(L-1) > 0.05 {
		t.Errorf("M/M/1 mean number in system %v, want 1 ± 0.05", L)
	}
}

func TestTimeAverageAllocs(t *testing.T) {
	var a TimeAverage
	now := 0.0
	if n := testing.AllocsPerRun(1000, func() { now++; a.Add(now, 1) }); n != 0 {
		t.Errorf("TimeAverage.Add allocates %v times", n)
	}
}

func ExampleTimeAverage() {
	// A booth queue: empty for 10 s, two cars for 5 s, one car for 15 s.
	var q TimeAverage
	q.Reset(0, 0)
	q.Set(10, 2)
	q.Set(15, 1)
	fmt.Printf("mean queue %.3f, max %v\n", q.Mean(30), q.Max())
	// Output: mean queue 0.833, max 2
}

// The running sums a Resource keeps its waits in give the Tally of the same
// observations: the same count, sum and range, and the mean and variance
// to rounding, also with a large offset (where Σx² − n·x̄² fails) and when
// every observation is the same.
func TestSumsMatchTally(t *testing.T) {
	s := NewStream(2, 0, "sums")
	for _, offset := range []float64{0, 1e9} {
		var tl Tally
		var sm sums
		for i := 0; i < 20000; i++ {
			x := offset + 60*s.ExpFloat64()
			tl.Add(x)
			sm.add(x)
		}
		got := sm.tally()
		if got.N() != tl.N() || got.Sum() != tl.Sum() || got.Min() != tl.Min() || got.Max() != tl.Max() ||
			!relNear(got.Mean(), tl.Mean(), 1e-13) || !relNear(got.Variance(), tl.Variance(), 1e-8) {
			t.Errorf("offset %v: sums give %+v, Tally %+v", offset, got, tl)
		}
	}
	var same sums
	for i := 0; i < 1000; i++ {
		same.add(0.1)
	}
	if got := same.tally(); got.Variance() != 0 || got.Mean() != 0.1 {
		t.Errorf("constant observations: mean %v variance %v", got.Mean(), got.Variance())
	}
	if got := (&sums{}).tally(); got != (Tally{}) {
		t.Errorf("empty sums give %+v", got)
	}
}
