package plots

import (
	"encoding/json"
	"fmt"
	"html"
	"image/color"
	"strings"

	"borderflow/numfmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DrawOptimise draws the trade-off the optimiser explored (tradeoff.png
// and .svg) from an optimise output folder's explored.csv, and the
// folder's index.html.
func DrawOptimise(files map[string][]byte) (map[string][]byte, error) {
	f, err := tradeoff(files)
	if err != nil {
		return nil, err
	}
	var figs []*figure
	if f != nil {
		figs = append(figs, f)
	}
	out, err := renderAll(figs)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string][]byte{}
	}
	out["index.html"] = optimiseIndex(files, figs)
	return out, nil
}

// objectiveLabel is an objective's column name as a reader says it.
func objectiveLabel(obj string) string {
	switch obj {
	case "loads_seized":
		return "loads seized (mean a replication)"
	case "kg_seized":
		return "kg seized (mean a replication)"
	case "kg_delivered":
		return "kg delivered (mean a replication)"
	}
	return strings.ReplaceAll(obj, "_", " ")
}

// optimiseIndex is an optimise folder's index.html: what the search
// found against the scenario's own allocation, the changes, the wait
// limits, the chart, and the allocation table.
func optimiseIndex(files map[string][]byte, figs []*figure) []byte {
	var sm struct {
		Scenario     string     `json:"scenario"`
		Objective    string     `json:"objective"`
		Direction    string     `json:"direction"`
		Total        float64    `json:"budget_total"`
		BaselineCost float64    `json:"baseline_cost"`
		BestCost     float64    `json:"best_cost"`
		Replications int        `json:"replications"`
		Confirm      int        `json:"confirm_replications"`
		Evaluations  int        `json:"evaluations"`
		Changes      []string   `json:"changes"`
		BaselineMean float64    `json:"baseline_objective"`
		BestMean     float64    `json:"best_objective"`
		Gain         float64    `json:"gain"`
		GainCI95     [2]float64 `json:"gain_ci95"`
		BestFeasible bool       `json:"best_feasible"`
		BaseFeasible bool       `json:"baseline_feasible"`
		Limits       []struct {
			Port     string  `json:"port"`
			Class    string  `json:"class"`
			Stat     string  `json:"stat"`
			Minutes  float64 `json:"limit_minutes"`
			Baseline float64 `json:"baseline_minutes"`
			Best     float64 `json:"best_minutes"`
		} `json:"limits"`
	}
	_ = json.Unmarshal(files["optimise.json"], &sm)
	var b strings.Builder
	title := "optimise"
	if sm.Scenario != "" {
		title = "optimise " + sm.Scenario
	}
	pageHead(&b, title+" - borderflow")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(title))
	if sm.Objective != "" {
		obj := objectiveLabel(sm.Objective)
		fmt.Fprintf(&b, "<p class=\"meta\">Spend a budget of %s a day for the most %s (%s), within the wait limits; "+
			"%d allocations scored on %d replications each, the best confirmed on %d fresh ones against the scenario's own.</p>\n",
			numfmt.Grouped(sm.Total), html.EscapeString(strings.TrimSuffix(obj, " (mean a replication)")), html.EscapeString(sm.Direction),
			sm.Evaluations, sm.Replications, sm.Confirm)
		b.WriteString("<h2>Headline</h2>\n<dl class=\"headline\">\n")
		within := func(ok bool) string {
			if ok {
				return "within the limits"
			}
			return "breaks a limit"
		}
		fmt.Fprintf(&b, "<div><dt>the scenario's own allocation</dt><dd>%s <small>%s, cost %s</small></dd></div>\n",
			meanCount(sm.BaselineMean), within(sm.BaseFeasible), numfmt.Grouped(sm.BaselineCost))
		fmt.Fprintf(&b, "<div><dt>best found</dt><dd>%s <small>%s, cost %s</small></dd></div>\n",
			meanCount(sm.BestMean), within(sm.BestFeasible), numfmt.Grouped(sm.BestCost))
		fmt.Fprintf(&b, "<div><dt>gain on fresh replications, paired</dt><dd>%s <small>[%s, %s]</small></dd></div>\n",
			numfmt.Signed(sm.Gain, meanCount), numfmt.Signed(sm.GainCI95[0], meanCount), numfmt.Signed(sm.GainCI95[1], meanCount))
		b.WriteString("</dl>\n")
		if len(sm.Changes) > 0 {
			b.WriteString("<h2>What the best allocation changes</h2>\n<ul>\n")
			for _, c := range sm.Changes {
				fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(c))
			}
			b.WriteString("</ul>\n")
		}
		if len(sm.Limits) > 0 {
			b.WriteString("<h2>Wait limits</h2>\n<div class=\"wide\"><table>\n<tr><th class=\"name\">port</th><th>class</th><th>wait</th><th>limit, min</th><th>own allocation, min</th><th>best, min</th></tr>\n")
			for _, l := range sm.Limits {
				fmt.Fprintf(&b, "<tr><td class=\"name\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
					html.EscapeString(l.Port), html.EscapeString(l.Class), html.EscapeString(l.Stat), numfmt.Min(l.Minutes), numfmt.Min(l.Baseline), numfmt.Min(l.Best))
			}
			b.WriteString("</table></div>\n")
		}
	}
	charts(&b, figs)
	if t, err := readTable(files, "allocation.csv"); t != nil && err == nil && len(t.col) > 0 {
		b.WriteString("<h2>The allocation</h2>\n")
		csvTable(&b, t, nil)
	}
	dataLinks(&b, files, []string{"optimise.json", "allocation.csv", "explored.csv"})
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// tradeoff: every allocation the optimiser scored, its objective against
// its cost (beside the budget) and against its worst wait relative to the
// limit (beside 1); the path the search took.
func tradeoff(files map[string][]byte) (_ *figure, err error) {
	defer recoverChart(&err)
	t, err := readTable(files, "explored.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("index", "worst_wait_ratio", "feasible", "on_path", "best") || len(t.rows) == 0 {
		return nil, nil
	}
	obj := headers(t)[2] // the objective's column (after index and cost)
	f := &figure{
		name:  "tradeoff",
		title: "Optimiser: the allocations it tried",
		note:  "Each point an allocation of the budget scored by simulation (mean over replications); the line the path of accepted moves.",
		caption: "The trade-off the optimiser explored: the objective against what an allocation costs (right of the dashed " +
			"line is over budget: probes of what one more unit is worth) and against the worst wait relative to its limit " +
			"(right of the dashed line breaks a limit). The search moves from the scenario's own allocation to the best it found.",
	}
	var total float64
	if js := files["optimise.json"]; js != nil {
		var sm struct {
			Total float64 `json:"budget_total"`
		}
		if json.Unmarshal(js, &sm) == nil {
			total = sm.Total
		}
	}
	left, err := tradeoffPanel(t, f, "What the budget buys", "cost a day", "cost", obj, total, true)
	if err != nil {
		return nil, err
	}
	right, err := tradeoffPanel(t, f, "Within the wait limits", "worst wait ÷ its limit", "worst_wait_ratio", obj, 1, false)
	if err != nil {
		return nil, err
	}
	f.rows = [][]*plot.Plot{{left, right}}
	return f, nil
}

// tradeoffPanel draws the scored allocations against column x, the
// search's path, the baseline and the best, and a dashed line at limit
// (the budget, or a wait limit of 1); legend entries only once.
func tradeoffPanel(t *table, f *figure, title, xLabel, x, obj string, limit float64, legend bool) (*plot.Plot, error) {
	p := newPanel(title, xLabel, objectiveLabel(obj))
	var feas, infeas, path plotter.XYs
	var best, base plotter.XYs
	for i := range t.rows {
		v, err := t.nums(i, x, obj)
		if err != nil {
			return nil, err
		}
		pt := plotter.XY{X: v[0], Y: v[1]}
		if t.str(i, "feasible") == "true" {
			feas = append(feas, pt)
		} else {
			infeas = append(infeas, pt)
		}
		if t.str(i, "on_path") == "true" {
			path = append(path, pt)
		}
		if t.str(i, "best") == "true" {
			best = append(best, pt)
		}
		if i == 0 {
			base = append(base, pt)
		}
	}
	scatter := func(xy plotter.XYs, c color.Color, r vg.Length, shape draw.GlyphDrawer) error {
		if len(xy) == 0 {
			return nil
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: r, Shape: shape}
		p.Add(s)
		return nil
	}
	if err := scatter(feas, inspectColour, 2.5, draw.CircleGlyph{}); err != nil {
		return nil, err
	}
	f.series++
	if legend {
		f.add("allocation within the limits", markThumb{inspectColour, draw.CircleGlyph{}, false})
	}
	if len(infeas) > 0 {
		if err := scatter(infeas, missedColour, 2.5, draw.CircleGlyph{}); err != nil {
			return nil, err
		}
		f.series++
		if legend {
			f.add("allocation breaking a limit", markThumb{missedColour, draw.CircleGlyph{}, false})
		}
	}
	if len(path) > 1 {
		if _, err := line(p, xs(path), ys(path), lineStyle(totalColour, 1.4, false)); err != nil {
			return nil, err
		}
		f.series++
		if legend {
			f.add("the search's path", lineThumb(lineStyle(totalColour, 1.4, false)))
		}
	}
	if err := scatter(base, totalColour, 5, draw.BoxGlyph{}); err != nil {
		return nil, err
	}
	if legend {
		f.add("the scenario's own allocation", markThumb{totalColour, draw.BoxGlyph{}, false})
	}
	if err := scatter(best, totalColour, 6, draw.PyramidGlyph{}); err != nil {
		return nil, err
	}
	if legend {
		f.add("best found", markThumb{totalColour, draw.PyramidGlyph{}, false})
		f.add("the budget; a wait limit (dashed)", lineThumb(lineStyle(thresholdColour, 1, true)))
	}
	fromZero(p)
	vl, err := plotter.NewLine(plotter.XYs{{X: limit, Y: p.Y.Min}, {X: limit, Y: p.Y.Max}})
	if err != nil {
		return nil, err
	}
	vl.LineStyle = lineStyle(thresholdColour, 1, true)
	p.Add(vl)
	if limit > 0 {
		p.X.Max = max(p.X.Max, limit*1.05)
		p.X.Min = min(p.X.Min, limit*0.95)
	}
	if x == "worst_wait_ratio" {
		p.X.Min = 0
	}
	return p, nil
}

func xs(v plotter.XYs) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i].X
	}
	return out
}

func ys(v plotter.XYs) []float64 {
	out := make([]float64, len(v))
	for i := range v {
		out[i] = v[i].Y
	}
	return out
}
