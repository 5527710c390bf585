package market

import (
	"math"
	"strconv"
	"testing"

	"borderflow/data"
)

// The shipped chains are the numbers of data/market_prices.csv.
func TestChainsFromData(t *testing.T) {
	tb, err := data.Read("market_prices.csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Cols("drug", "level", "usd_per_kg")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range tb.Rows {
		ch, ok := Chains[r[c[0]]]
		if !ok {
			t.Errorf("no chain for %s", r[c[0]])
			continue
		}
		want, _ := strconv.ParseFloat(r[c[2]], 64)
		got := map[string]float64{"production": ch.Production, "border": ch.Border, "wholesale": ch.Wholesale, "retail": ch.Retail}[r[c[1]]]
		if got != want {
			t.Errorf("%s %s: chain %v, data %v", r[c[0]], r[c[1]], got, want)
		}
		seen++
	}
	if seen != 4*len(Chains) {
		t.Errorf("%d rows for %d chains", seen, len(Chains))
	}
	for _, ch := range Chains {
		if !(ch.Production < ch.Border && ch.Border < ch.Wholesale && ch.Wholesale < ch.Retail) {
			t.Errorf("%s: prices do not rise down the chain: %+v", ch.Drug, ch)
		}
	}
}

// No interdiction, no price effect; more interdiction, a higher border
// price, strictly; the retail effect is always smaller in relative terms
// than the border effect (by the factor B/R).
func TestEffectRules(t *testing.T) {
	for _, ch := range Chains {
		if e := Of(ch, 0, 1000); e.TaxRate != 0 || e.BorderUSD != 0 || e.RetailPct != 0 {
			t.Errorf("%s: no seizures, effect %+v", ch.Drug, e)
		}
		prev := 0.0
		for _, s := range []float64{0.01, 0.05, 0.1, 0.3, 0.6, 0.9} {
			e := Of(ch, 1000*s, 1000*(1-s))
			if !(e.BorderUSD > prev) {
				t.Errorf("%s: seized share %v, border price +%v not above +%v", ch.Drug, s, e.BorderUSD, prev)
			}
			prev = e.BorderUSD
			if !(e.RetailPct < e.BorderPct) {
				t.Errorf("%s: retail +%v%% not below border +%v%%", ch.Drug, e.RetailPct, e.BorderPct)
			}
			if math.Abs(e.TaxRate-s/(1-s)) > 1e-12 || math.Abs(e.RetailPct/e.BorderPct-ch.Border/ch.Retail) > 1e-12 {
				t.Errorf("%s: %+v", ch.Drug, e)
			}
		}
		// The inverse: the seized share that moves retail by 10%.
		s := SeizedShareFor(ch, 10)
		if e := Of(ch, s, 1-s); math.Abs(e.RetailPct-10) > 1e-9 {
			t.Errorf("%s: seizing %v moves retail by %v%%", ch.Drug, s, e.RetailPct)
		}
	}
	// Meth with 6.9% of the flow seized at the ports (the rate the
	// generated flows implied when this was written): border +7.5%,
	// retail +1.3%.
	e := Of(Chains["methamphetamine"], 0.069, 0.931)
	if math.Abs(e.BorderPct-7.41) > 0.01 || math.Abs(e.RetailPct-1.30) > 0.01 {
		t.Errorf("meth at 6.9%%: %+v", e)
	}
}
