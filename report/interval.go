package report

import (
	"math"

	"borderflow/sim"
)

// Range is the set of values a quantity can take; it decides the shape of
// the quantity's interval, so that no bound lies outside it.
type Range int

const (
	// Real quantities (differences) get the Student-t interval
	// x̄ ± t·s/√n (sim.MeanCI95).
	Real Range = iota
	// NonNegative quantities (counts, kilograms, hours, dollars, minutes)
	// get the Student-t interval with its lower bound cut at 0.
	NonNegative
	// Unit quantities (rates and shares, in [0, 1]) get the Student-t
	// interval on the log-odds scale: logit(x̄) ± t·s/(√n·x̄(1−x̄)) (the
	// delta method), mapped back with the logistic function. It contains
	// x̄, lies inside (0, 1), and is the ordinary interval when that one
	// is narrow; when every replication gives the same rate it is that
	// point.
	Unit
)

// CI95 returns the 95% interval of the mean of xs (one value per
// independent replication) for a quantity of range r; ok is false with
// fewer than two values, when there is no interval to give.
func CI95(xs []float64, r Range) (lo, hi float64, ok bool) {
	if len(xs) < 2 {
		return 0, 0, false
	}
	m := mean(xs)
	_, l, h := sim.MeanCI95(xs)
	half := (h - l) / 2
	if half == 0 || math.IsNaN(half) {
		return m, m, true
	}
	switch r {
	case NonNegative:
		return math.Max(0, m-half), m + half, true
	case Unit:
		if m <= 0 || m >= 1 {
			return math.Max(0, math.Min(1, m)), math.Max(0, math.Min(1, m)), true
		}
		z, dz := math.Log(m/(1-m)), half/(m*(1-m))
		return logistic(z - dz), logistic(z + dz), true
	}
	return m - half, m + half, true
}

func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// Mean is the mean of xs summed in order, as every figure of summary.json
// is (0 for none).
func Mean(xs []float64) float64 { return mean(xs) }
