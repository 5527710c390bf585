package plots

import (
	"encoding/json"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// marketDrug is what the price chart reads of summary.json's market
// section (report/market.go).
type marketDrug struct {
	Drug  string `json:"drug"`
	Chain struct {
		Production float64 `json:"production"`
		Border     float64 `json:"border"`
		Wholesale  float64 `json:"wholesale"`
		Retail     float64 `json:"retail"`
	} `json:"price_chain_usd_per_kg"`
	BorderUSD struct {
		Mean float64 `json:"mean"`
	} `json:"border_price_change_usd_per_kg"`
	RetailPct struct {
		Mean float64 `json:"mean"`
	} `json:"retail_price_change_pct"`
}

// The price chain's parts, bottom to top, and the one interdiction adds.
var (
	chainColours = []color.Color{
		color.RGBA{R: 120, G: 144, B: 156, A: 255}, // production
		color.RGBA{R: 176, G: 190, B: 197, A: 255}, // smuggling to the border
		color.RGBA{R: 211, G: 47, B: 47, A: 255},   // interdiction
		color.RGBA{R: 255, G: 204, B: 128, A: 255}, // wholesale markup
		color.RGBA{R: 255, G: 236, B: 179, A: 255}, // retail markup
	}
	chainParts = []string{"production", "to the border (beyond seizures)", "seizures' replacement cost", "border to US wholesale", "wholesale to retail"}
)

// market: what seizures do to price — each drug's price chain as a stacked
// bar, as shares of its retail price, with the part the run's seizures add
// at the border marked (summary.json's market section; skipped without).
func (r *run) market() (*figure, error) {
	b, ok := r.files["summary.json"]
	if !ok {
		return nil, nil
	}
	var s struct {
		Market []marketDrug `json:"market"`
	}
	if err := json.Unmarshal(b, &s); err != nil || len(s.Market) == 0 {
		return nil, nil // the summary's other readers report a bad file
	}
	var names []string
	for _, m := range s.Market {
		names = append(names, m.Drug)
	}
	p := newCategoryPanel("", "share of the retail price, %", names)
	for i, m := range s.Market {
		c := m.Chain
		if !(c.Retail > 0) {
			continue
		}
		seize := min(max(m.BorderUSD.Mean, 0), c.Border-c.Production)
		parts := []float64{c.Production, c.Border - c.Production - seize, seize, c.Wholesale - c.Border, c.Retail - c.Wholesale}
		base := 0.0
		for k, v := range parts {
			h := 100 * max(v, 0) / c.Retail
			x0, x1 := float64(i)-0.3, float64(i)+0.3
			poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: base}, {X: x1, Y: base}, {X: x1, Y: base + h}, {X: x0, Y: base + h}})
			if err != nil {
				return nil, err
			}
			poly.Color = chainColours[k]
			poly.LineStyle.Width = 0
			p.Add(poly)
			base += h
		}
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: float64(i), Y: 101}},
			Labels: []string{fmt.Sprintf("retail +%.2f%%", m.RetailPct.Mean)}})
		if err != nil {
			return nil, err
		}
		l.TextStyle[0].XAlign = -0.5
		p.Add(l)
	}
	p.Y.Min, p.Y.Max = 0, 108
	p.X.Min, p.X.Max = -0.6, float64(len(s.Market))-0.4
	f := &figure{
		name:  "market",
		title: "Price chain by drug, and the part the run's seizures add",
		note:  "Each drug's price chain (production, border, US wholesale, retail; data/market_prices.csv) as shares of its retail price; red: what the run's seizures add at the border.",
		caption: "A seized kilogram costs the trafficker what it is worth at the border, a share of its retail " +
			"price; the street price rises by the same dollars as the border price, a smaller share of it.",
	}
	for _, m := range s.Market {
		if m.Chain.Border > 0 {
			f.caption += fmt.Sprintf(" %s: border price %+.2f%%, retail %+.2f%%.", m.Drug, 100*m.BorderUSD.Mean/m.Chain.Border, m.RetailPct.Mean)
		}
	}
	f.rows = [][]*plot.Plot{{p}}
	f.header("Part of the price")
	for k, name := range chainParts {
		f.add(name, boxThumb{chainColours[k]})
	}
	return f, nil
}
