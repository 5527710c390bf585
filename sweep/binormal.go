package sweep

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Targeting with imperfect intelligence as a receiver-operating curve:
// the binormal model with equal variances (Green and Swets, "Signal
// Detection Theory and Psychophysics", 1966; Metz, "Basic principles of
// ROC analysis", Seminars in Nuclear Medicine 8, 1978). Intelligence
// gives each vehicle a risk score, normal with mean 0 for clean vehicles
// and mean d′ for loaded ones, both with variance 1; officers refer the
// vehicles whose score is above a threshold. A threshold that flags a
// share f of the clean vehicles flags
//
//	hit(f) = Φ(d′ + Φ⁻¹(f))
//
// of the loaded ones, and the area under the curve is AUC = Φ(d′/√2).
// One number, the AUC, is the quality of the intelligence: 0.5 is no
// better than chance (hit = f, random selection), 1 is perfect. Since
// loads are rare, the share of all vehicles referred is about f whatever
// the quality, so a sweep over AUC at a fixed f compares intelligence at
// the same inspection workload.

// binormalHit returns the hit rate at false-flag rate f of the binormal
// ROC with area auc (0.5 ≤ auc < 1; auc below 0.5 is clamped to 0.5).
func binormalHit(auc, f float64) float64 {
	switch {
	case f <= 0:
		return 0
	case f >= 1:
		return 1
	}
	d := binormalSeparation(auc)
	return distuv.UnitNormal.CDF(d + distuv.UnitNormal.Quantile(f))
}

// binormalSeparation returns d′ = √2 Φ⁻¹(auc), the distance between the
// loaded and the clean score means in standard deviations.
func binormalSeparation(auc float64) float64 {
	auc = math.Max(0.5, math.Min(auc, 1-1e-12))
	return math.Sqrt2 * distuv.UnitNormal.Quantile(auc)
}

// binormalAUC returns the area under the binormal ROC through the point
// (f, hit): the AUC of the targeting a scenario's target_false and
// target_hit imply.
func binormalAUC(f, hit float64) float64 {
	if f <= 0 || f >= 1 || hit <= 0 || hit >= 1 {
		return math.NaN()
	}
	d := distuv.UnitNormal.Quantile(hit) - distuv.UnitNormal.Quantile(f)
	return distuv.UnitNormal.CDF(d / math.Sqrt2)
}
