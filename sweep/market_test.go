package sweep

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"borderflow/scenario"
)

// The market table has one row per policy with its kg seized, its delay
// cost's difference from the baseline and each drug's retail price change
// as the policies' means.
func TestMarketTable(t *testing.T) {
	sc, err := scenario.Embedded("south-texas")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"baseline", "more", "most"}
	metrics := MetricNames(sc)
	res := synthetic(t, sc, names, 2, func(p, rep, k int) float64 {
		switch n := metrics[k]; {
		case n == "retail_price_change_pct_methamphetamine":
			return 0.5*float64(p+1) + 0.1*float64(rep) // 0.55, 1.05, 1.55
		case strings.HasPrefix(n, "retail_price_change_pct_"):
			return 0.25
		case n == mKgSeized:
			return 1000 * float64(p+1)
		case n == mDelayCost:
			return 1e6 * float64(p+1)
		}
		return 0
	})
	var b bytes.Buffer
	if err := res.marketTable(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	t.Log("\n" + out)
	if !strings.Contains(out, "retail meth.") || !strings.Contains(out, "retail cocaine") || !strings.Contains(out, "retail fentanyl") {
		t.Errorf("drug columns missing:\n%s", out)
	}
	for p, n := range names {
		var row string
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 0 && f[0] == n {
				row = l
			}
		}
		if row == "" {
			t.Fatalf("no row for %s", n)
		}
		if want := fmt.Sprintf("%.3g%%", 0.5*float64(p+1)+0.05); !strings.Contains(row, want) {
			t.Errorf("%s: no meth retail change %s in %q", n, want, row)
		}
		if p > 0 && !strings.Contains(row, fmt.Sprintf("+$%d.0M", p)) {
			t.Errorf("%s: no delay cost difference +$%d.0M in %q", n, p, row)
		}
	}
}
