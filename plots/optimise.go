package plots

import (
	"encoding/json"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DrawOptimise draws the trade-off the optimiser explored (tradeoff.png
// and .svg) from an optimise output folder's explored.csv.
func DrawOptimise(files map[string][]byte) (map[string][]byte, error) {
	f, err := tradeoff(files)
	if err != nil || f == nil {
		return nil, err
	}
	return renderAll([]*figure{f})
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
	p := newPanel(title, xLabel, obj)
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
