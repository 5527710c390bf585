package sim

import "math"

// Tally accumulates observations one at a time, such as the wait of
// each vehicle that leaves a booth, and reports their count, mean,
// variance and range without storing them. The zero value is an empty
// Tally ready to use.
//
// Mean and variance use Welford's update (Welford, "Note on a method
// for calculating corrected sums of squares and products",
// Technometrics 4(3), 1962), which stays accurate when the mean is
// large compared with the spread, unlike Σx² − n·x̄².
type Tally struct {
	n        int64
	mean     float64
	m2       float64 // Σ(x − mean)²
	sum      float64
	min, max float64
}

// Add records the observation x.
func (t *Tally) Add(x float64) {
	t.n++
	if t.n == 1 {
		t.min, t.max = x, x
	} else if x < t.min { // plain comparisons: math.Min/Max handle NaN and ±0 at a cost on the hot path
		t.min = x
	} else if x > t.max {
		t.max = x
	}
	t.sum += x
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
}

// N returns the number of observations.
func (t Tally) N() int64 { return t.n }

// Mean returns the sample mean, or 0 when empty.
func (t Tally) Mean() float64 { return t.mean }

// Variance returns the sample variance with the n−1 denominator, or 0
// with fewer than two observations.
func (t Tally) Variance() float64 {
	if t.n < 2 {
		return 0
	}
	return t.m2 / float64(t.n-1)
}

// Std returns the sample standard deviation, √Variance.
func (t Tally) Std() float64 { return math.Sqrt(t.Variance()) }

// Min returns the smallest observation, or 0 when empty.
func (t Tally) Min() float64 { return t.min }

// Max returns the largest observation, or 0 when empty.
func (t Tally) Max() float64 { return t.max }

// Sum returns the sum of the observations.
func (t Tally) Sum() float64 { return t.sum }

// Merge adds the observations summarised by o, as if each had been
// passed to Add; this combines the tallies of parallel workers or of
// several booths. It uses the pairwise formula of Chan, Golub &
// LeVeque, "Updating formulae and a pairwise algorithm for computing
// sample variances", Stanford CS tech. report STAN-CS-79-773, 1979:
// with δ = x̄_b − x̄_a and n = n_a + n_b,
// x̄ = x̄_a + δ·n_b/n and M2 = M2_a + M2_b + δ²·n_a·n_b/n.
func (t *Tally) Merge(o Tally) {
	if o.n == 0 {
		return
	}
	if t.n == 0 {
		*t = o
		return
	}
	na, nb := float64(t.n), float64(o.n)
	n := na + nb
	d := o.mean - t.mean
	t.mean += d * nb / n
	t.m2 += o.m2 + d*d*na*nb/n
	t.n += o.n
	t.sum += o.sum
	t.min = math.Min(t.min, o.min)
	t.max = math.Max(t.max, o.max)
}

// sums is a Tally kept as running sums of the observations shifted by the
// first one, Σ(x−K) and Σ(x−K)² (the shifted-data algorithm of Chan, Golub
// and LeVeque, "Algorithms for computing the sample variance: analysis and
// recommendations", The American Statistician 37(3), 1983): no division
// per observation, where Welford's update divides by n. A Resource keeps
// its waits so (they are per grant, on the kernel's hot path); Tally keeps
// Welford's update because the model's outputs are its means, to the last
// digit.
type sums struct {
	n             int64
	shift, s1, s2 float64
	sum, min, max float64
}

func (s *sums) add(x float64) {
	s.n++
	if s.n == 1 {
		s.min, s.max, s.shift = x, x, x
	} else if x < s.min {
		s.min = x
	} else if x > s.max {
		s.max = x
	}
	s.sum += x
	d := x - s.shift
	s.s1 += d
	s.s2 += d * d
}

// tally returns the Tally of the same observations.
func (s *sums) tally() Tally {
	if s.n == 0 {
		return Tally{}
	}
	n := float64(s.n)
	m2 := s.s2 - s.s1*s.s1/n
	if m2 < 0 { // rounding, when the observations are (nearly) all equal
		m2 = 0
	}
	return Tally{n: s.n, mean: s.shift + s.s1/n, m2: m2, sum: s.sum, min: s.min, max: s.max}
}

// TimeAverage integrates a piecewise-constant quantity over simulated
// time, such as the number of vehicles queued at a port or the number
// of booths open, and reports its time-weighted mean
// (1/(t−t₀))∫_{t₀}^{t} v(s) ds, the L in Little's law L = λW.
//
// The zero value starts at time 0 with value 0. Times passed to Set
// and Add must not decrease; a decrease panics, as it means the event
// clock went backwards.
type TimeAverage struct {
	start    float64 // time of the last Reset
	last     float64 // time of the last change
	value    float64 // value since last
	integral float64 // ∫ v from start to last
	max      float64
}

// Reset starts a new observation period at time t with value v,
// discarding what was recorded before, e.g. at the end of a warm-up.
func (a *TimeAverage) Reset(t, v float64) {
	*a = TimeAverage{start: t, last: t, value: v, max: v}
}

// Set records that the value changed to v at time t.
func (a *TimeAverage) Set(t, v float64) {
	a.advance(t)
	a.value = v
	if v > a.max {
		a.max = v
	}
}

// Add records that the value changed by dv at time t: +1 when a
// vehicle joins the queue, −1 when one leaves it.
func (a *TimeAverage) Add(t, dv float64) { a.Set(t, a.value+dv) }

// advance accumulates the current value up to time t.
func (a *TimeAverage) advance(t float64) {
	if t < a.last {
		panic("sim: TimeAverage time went backwards")
	}
	a.integral += a.value * (t - a.last)
	a.last = t
}

// Value returns the current value.
func (a TimeAverage) Value() float64 { return a.value }

// Max returns the largest value held since the last Reset.
func (a TimeAverage) Max() float64 { return a.max }

// Integral returns ∫ v(s) ds from the last Reset to time t ≥ the time
// of the last change, assuming the value holds until t. It does not
// modify a.
func (a TimeAverage) Integral(t float64) float64 {
	if t < a.last {
		panic("sim: TimeAverage time went backwards")
	}
	return a.integral + a.value*(t-a.last)
}

// Mean returns the time-weighted average from the last Reset to t. Over
// an empty period (t equal to the reset time) it returns the current
// value, the limit of the average as the period shrinks.
func (a TimeAverage) Mean(t float64) float64 {
	if t == a.start {
		return a.value
	}
	return a.Integral(t) / (t - a.start)
}
