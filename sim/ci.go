package sim

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// MeanCI95 returns the mean of xs, one value per independent
// replication, and the two-sided 95% Student-t confidence interval
// x̄ ± t_{0.975, n−1}·s/√n (Law, Simulation Modeling and Analysis,
// 5th ed., §4.5 and §9.4.1). With one value the interval is the point
// (lo = hi = mean); with none all three are 0.
func MeanCI95(xs []float64) (mean, lo, hi float64) {
	var t Tally
	for _, x := range xs {
		t.Add(x)
	}
	return tallyCI95(t)
}

// PairedCI95 returns the mean of the differences a[i]−b[i] and its 95%
// confidence interval. Pairing replication i of two scenarios run with
// the same streams (common random numbers) removes the variation they
// share, so the interval is usually much narrower than comparing two
// separate intervals (Law, §10.2.1, the paired-t interval). It panics
// if the lengths differ, which is a programming error.
func PairedCI95(a, b []float64) (meanDiff, lo, hi float64) {
	if len(a) != len(b) {
		panic("sim: PairedCI95 of slices of different lengths")
	}
	var t Tally
	for i := range a {
		t.Add(a[i] - b[i])
	}
	return tallyCI95(t)
}

// tallyCI95 is the Student-t 95% interval for the mean of t.
func tallyCI95(t Tally) (mean, lo, hi float64) {
	mean = t.Mean()
	if t.N() < 2 {
		return mean, mean, mean
	}
	// Quantile draws nothing, so the nil Src is never used.
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(t.N() - 1)}.Quantile(0.975)
	half := q * t.Std() / math.Sqrt(float64(t.N()))
	return mean, mean - half, mean + half
}
