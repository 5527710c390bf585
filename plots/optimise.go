package plots

import (
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
// its worst wait relative to the limit; the path the search took; the
// limit as a vertical line at 1.
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
		caption: "The trade-off the optimiser explored: the objective against the worst wait relative to its limit " +
			"(right of the dashed line breaks a limit). The search moves from the scenario's own allocation to the best it found.",
	}
	p := newPanel("", "worst wait ÷ its limit", obj)
	var feas, infeas, path plotter.XYs
	var best, base plotter.XYs
	for i := range t.rows {
		v, err := t.nums(i, "worst_wait_ratio", obj)
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
	f.add("allocation within the limits", markThumb{inspectColour, draw.CircleGlyph{}, false})
	if len(infeas) > 0 {
		if err := scatter(infeas, missedColour, 2.5, draw.CircleGlyph{}); err != nil {
			return nil, err
		}
		f.series++
		f.add("allocation breaking a limit", markThumb{missedColour, draw.CircleGlyph{}, false})
	}
	if len(path) > 1 {
		if _, err := line(p, xs(path), ys(path), lineStyle(totalColour, 1.4, false)); err != nil {
			return nil, err
		}
		f.series++
		f.add("the search's path", lineThumb(lineStyle(totalColour, 1.4, false)))
	}
	if err := scatter(base, totalColour, 5, draw.BoxGlyph{}); err != nil {
		return nil, err
	}
	f.add("the scenario's own allocation", markThumb{totalColour, draw.BoxGlyph{}, false})
	if err := scatter(best, totalColour, 6, draw.PyramidGlyph{}); err != nil {
		return nil, err
	}
	f.add("best found", markThumb{totalColour, draw.PyramidGlyph{}, false})
	fromZero(p)
	vl, err := plotter.NewLine(plotter.XYs{{X: 1, Y: p.Y.Min}, {X: 1, Y: p.Y.Max}})
	if err != nil {
		return nil, err
	}
	vl.LineStyle = lineStyle(thresholdColour, 1, true)
	p.Add(vl)
	p.X.Min = 0
	p.X.Max = max(p.X.Max*1.05, 1.1)
	f.rows = [][]*plot.Plot{{p}}
	return f, nil
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
