package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// targetingCurve: the share of contraband seized and the loads seized,
// each with its 95% interval, against the quality of the intelligence
// (the area under its binormal ROC) at a fixed referral workload —
// targeting.csv of the targeting sweep.
func targetingCurve(files map[string][]byte) (*figure, error) {
	t, err := readTable(files, "targeting.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("auc") || len(t.rows) == 0 {
		return nil, nil
	}
	col, err := sortedBy(t, "auc")
	if err != nil {
		return nil, err
	}
	xs, _ := col("auc", 1)
	f := &figure{
		name:  "targeting",
		title: "Intelligence quality: seizures at the same inspection workload",
		note:  "Each point a policy: targeting at today's referral rates with intelligence of the given AUC (binormal ROC); whiskers: 95% interval over replications.",
		caption: "What better intelligence buys when the number of vehicles inspected stays the same: at AUC 0.5 " +
			"targeting is random selection.",
	}
	xLabel := "intelligence quality (area under the ROC)"
	panel := func(title, yLabel, c string, scale float64, label string) (*plot.Plot, error) {
		p := newPanel(title, xLabel, yLabel)
		if !t.has(c) {
			return p, nil
		}
		y, err := col(c, scale)
		if err != nil {
			return nil, err
		}
		if err := curve(p, xs, y, lookOf(0, totalColour, 1.4)); err != nil {
			return nil, err
		}
		ci := t.has(c+"_lo", c+"_hi")
		if ci {
			lo, err := col(c+"_lo", scale)
			if err != nil {
				return nil, err
			}
			hi, err := col(c+"_hi", scale)
			if err != nil {
				return nil, err
			}
			if err := whiskers(p, xs, y, lo, hi, totalColour); err != nil {
				return nil, err
			}
		}
		f.series++
		f.add(label, markThumb{totalColour, draw.CircleGlyph{}, ci})
		fromZero(p)
		return p, nil
	}
	left, err := panel("Share of contraband seized", "kg seized, % of attempted", "interdiction_rate", 100, "kg seized, % of attempted")
	if err != nil {
		return nil, err
	}
	right, err := panel("Loads seized", "loads", "loads_seized", 1, "loads seized")
	if err != nil {
		return nil, err
	}
	f.rows = [][]*plot.Plot{{left, right}}
	return f, nil
}
