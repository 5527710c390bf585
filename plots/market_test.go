package plots

import "testing"

// The price chart is drawn from summary.json's market section, and only
// then.
func TestMarketChart(t *testing.T) {
	with := []byte(`{"market":[{"drug":"methamphetamine","price_chain_usd_per_kg":{"production":400,"border":3500,"wholesale":7200,"retail":20000},"border_price_change_usd_per_kg":{"mean":260},"retail_price_change_pct":{"mean":1.3}}]}`)
	for _, tc := range []struct {
		summary []byte
		want    bool
	}{{with, true}, {[]byte(`{"scenario":"x"}`), false}} {
		_, figs, err := buildRun(map[string][]byte{"summary.json": tc.summary})
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, f := range figs {
			if f.name == "market" {
				got = true
				if _, err := f.render("png"); err != nil {
					t.Fatal(err)
				}
			}
		}
		if got != tc.want {
			t.Errorf("market chart drawn %v, want %v", got, tc.want)
		}
	}
}
