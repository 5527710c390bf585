package sweep

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"borderflow/numfmt"
)

// marketTable prints, when the sweep has the market's metrics
// (sweep/orgmetrics.go), each policy's retail price effect per drug beside
// its kg seized and its delay cost: the retail price increase interdiction
// causes (% of the chain's retail price, mean over replications ± half
// its 95% interval) and the delay cost's paired difference from the baseline.
// Three drugs fit in 120 columns.
func (r *Results) marketTable(w io.Writer) error {
	m := &r.Manifest
	var drugs []string
	var cols []int
	for k, name := range m.Metrics {
		if d, ok := strings.CutPrefix(name, "retail_price_change_pct_"); ok {
			drugs = append(drugs, d)
			cols = append(cols, k)
		}
	}
	if len(drugs) == 0 {
		return nil
	}
	kg, dc := r.metric(mKgSeized), r.metric(mDelayCost)
	fmt.Fprintln(w)
	fmt.Fprintln(w, numfmt.Wrap("What seizures do to retail prices: the retail price increase interdiction causes, % of the retail price "+
		"(package market: replacement cost of the seized kg per kg delivered, added to every price from the border on), mean +/- half its 95% interval, "+
		"beside kg seized and the delay cost's difference from "+m.Policies[0].Name+".", 118, "  "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "policy\tkg seized\tΔ delay cost"
	for _, d := range drugs {
		if len(d) > 8 {
			d = d[:4] + "."
		}
		head += "\tretail " + d
	}
	fmt.Fprintln(tw, head+"\t")
	for p := range m.Policies {
		name := m.Policies[p].Name
		if len([]rune(name)) > 20 {
			name = string([]rune(name)[:19]) + "~"
		}
		k, _, _ := r.Mean(p, kg)
		dcost := "—"
		if p != 0 {
			d, _, _ := r.Paired(p, dc)
			dcost = numfmt.USD(d)
			if d > 0 {
				dcost = "+" + dcost
			}
		}
		row := fmt.Sprintf("%s\t%s\t%s", name, numfmt.Count(k), dcost)
		for _, c := range cols {
			x, lo, hi := r.Mean(p, c)
			row += fmt.Sprintf("\t%.3g%% +/-%.2g", x, (hi-lo)/2)
		}
		fmt.Fprintln(tw, row+"\t")
	}
	return tw.Flush()
}
