package market

import (
	"math"
	"testing"
)

// At cost: no seizures, no effect; the effect is Of's times (production +
// crossing) ÷ border price, so below it while the crossing costs less
// than the border price less production; retail moves less than the
// border in relative terms.
func TestAtCost(t *testing.T) {
	for _, ch := range Chains {
		if e := AtCost(ch, 0, 1000, 100); e.BorderUSD != 0 || e.TaxRate != 0 || e.RetailPct != 0 {
			t.Errorf("%s: no seizures, effect %+v", ch.Drug, e)
		}
		crossing := 0.1 * (ch.Border - ch.Production)
		for _, s := range []float64{0.01, 0.1, 0.5} {
			e, full := AtCost(ch, 1000*s, 1000*(1-s), crossing), Of(ch, 1000*s, 1000*(1-s))
			if k := (ch.Production + crossing) / ch.Border; math.Abs(e.BorderUSD-k*full.BorderUSD) > 1e-9*full.BorderUSD || !(e.BorderUSD < full.BorderUSD) {
				t.Errorf("%s: at cost +$%v, at the border price +$%v (ratio want %v)", ch.Drug, e.BorderUSD, full.BorderUSD, k)
			}
			if !(e.RetailPct < e.BorderPct) || e.RetailUSD != e.BorderUSD {
				t.Errorf("%s: %+v", ch.Drug, e)
			}
		}
	}
}
