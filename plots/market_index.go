package plots

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"

	"borderflow/numfmt"
)

// interval is a mean with its 95% interval as summary.json writes it (no
// ci95 with one replication).
type interval struct {
	Mean float64   `json:"mean"`
	CI95 []float64 `json:"ci95"`
}

// usMarketDrug is what index.html reads of a drug's market: the US
// market against the counterfactual (report/supply.go).
type usMarketDrug struct {
	Drug string `json:"drug"`
	Vs   *struct {
		US *struct {
			Delivered struct {
				Policy interval `json:"policy"`
			} `json:"kg_delivered"`
			Baseline    interval  `json:"baseline_kg"`
			ExtraSeized interval  `json:"extra_seized_kg"`
			DemandFall  interval  `json:"demand_side_fall_kg"`
			Held        interval  `json:"extra_held_at_end_kg"`
			NotSent     interval  `json:"not_sent_kg"`
			Balloon     *interval `json:"balloon_share"`
		} `json:"us_market"`
	} `json:"against_counterfactual"`
}

// marketSection writes index.html's US-market table: each drug's
// kilograms delivered into the US against the counterfactual, split into
// the baseline and what the policy took off it, and the balloon share,
// each with its paired 95% interval. Nothing without a counterfactual.
func marketSection(b *strings.Builder, raw []byte) {
	var s struct {
		Market []usMarketDrug `json:"market"`
	}
	if json.Unmarshal(raw, &s) != nil {
		return
	}
	var rows []usMarketDrug
	for _, m := range s.Market {
		if m.Vs != nil && m.Vs.US != nil {
			rows = append(rows, m)
		}
	}
	if len(rows) == 0 {
		return
	}
	kg := func(x interval) string {
		v := numfmt.Grouped(x.Mean)
		if len(x.CI95) == 2 {
			v += fmt.Sprintf(" [%s, %s]", numfmt.Grouped(x.CI95[0]), numfmt.Grouped(x.CI95[1]))
		}
		return html.EscapeString(v)
	}
	b.WriteString("<h2>US market against the counterfactual</h2>\n")
	b.WriteString("<p>Kilograms delivered into the US = baseline (the counterfactual's) − extra seized − demand-side fall " +
		"(what suppliers no longer sent because the market bought less at the higher price) − extra held in the ports at the end − not sent " +
		"(sold elsewhere, no room in a lane, gone with trips not made); each a paired difference with its 95% interval. " +
		"The balloon share is the rise of the kilograms planned elsewhere into the US over their fall at the surged ports.</p>\n")
	b.WriteString("<div class=\"wide\"><table>\n<tr><th>drug</th><th>baseline kg</th><th>extra seized kg</th><th>demand-side fall kg</th><th>extra held kg</th><th>not sent kg</th><th>delivered kg</th><th>balloon share %</th></tr>\n")
	for _, m := range rows {
		u := m.Vs.US
		balloon := "–"
		if u.Balloon != nil {
			balloon = fmt.Sprintf("%.1f", 100*u.Balloon.Mean)
			if len(u.Balloon.CI95) == 2 {
				balloon += fmt.Sprintf(" [%.1f, %.1f]", 100*u.Balloon.CI95[0], 100*u.Balloon.CI95[1])
			}
		}
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			html.EscapeString(m.Drug), kg(u.Baseline), kg(u.ExtraSeized), kg(u.DemandFall), kg(u.Held), kg(u.NotSent), kg(u.Delivered.Policy), balloon)
	}
	b.WriteString("</table></div>\n")
}
