package sweep

import (
	"math"
	"testing"
)

// The binormal ROC: chance at AUC 0.5, its area equals the AUC it was
// built from (numerical integration of hit over f), and a point maps back
// to its AUC.
func TestBinormalROC(t *testing.T) {
	for _, f := range []float64{0.01, 0.17, 0.5} {
		if h := binormalHit(0.5, f); math.Abs(h-f) > 1e-12 {
			t.Errorf("AUC 0.5 at f = %g: hit %g, want f (chance)", f, h)
		}
	}
	for _, auc := range []float64{0.55, 0.7, 0.8, 0.9, 0.97} {
		// Area by the midpoint rule on a fine grid.
		const n = 200000
		area := 0.0
		for i := 0; i < n; i++ {
			area += binormalHit(auc, (float64(i)+0.5)/n) / n
		}
		if math.Abs(area-auc) > 1e-4 {
			t.Errorf("area under the curve %g, want %g", area, auc)
		}
		for _, f := range []float64{0.02, 0.17} {
			h := binormalHit(auc, f)
			if h <= f || h >= 1 {
				t.Errorf("AUC %g at f = %g: hit %g should be above chance", auc, f, h)
			}
			if back := binormalAUC(f, h); math.Abs(back-auc) > 1e-9 {
				t.Errorf("AUC %g → (%g, %g) → %g", auc, f, h, back)
			}
		}
		if binormalHit(auc, 0.17) <= binormalHit(auc-0.05, 0.17) {
			t.Errorf("hit rate not increasing with AUC at %g", auc)
		}
	}
	// The built-in targeted-good point (2% false flags, 50% hits) is an
	// AUC of 0.927; targeted-poor (10%, 15%) 0.569 (Python statistics.NormalDist gives the same).
	if a := binormalAUC(0.02, 0.5); math.Abs(a-0.92678) > 1e-4 {
		t.Errorf("targeted-good AUC %g", a)
	}
	if a := binormalAUC(0.1, 0.15); math.Abs(a-0.56880) > 1e-4 {
		t.Errorf("targeted-poor AUC %g", a)
	}
}
