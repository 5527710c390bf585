package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// policyLoads: loads seized against the cost of delay, one labelled point
// per policy with its intervals both ways — the frontier chart's twin in
// loads. Kilograms are dominated by the luck of a few heavy loads; the
// count of loads is the steadier measure of what a policy catches.
func policyLoads(files map[string][]byte) (*figure, error) {
	t, err := readTable(files, "policies.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("policy", "loads_seized", "delay_cost_usd") || len(t.rows) == 0 {
		return nil, nil
	}
	var names []string
	for i := range t.rows {
		names = append(names, t.str(i, "policy"))
	}
	pal := newPalette(portColours[:len(portColours)/2], nil, names)
	maxCost := 0.0
	for i := range t.rows {
		v, err := t.nums(i, "delay_cost_usd", "delay_cost_usd_hi")
		if err != nil {
			return nil, err
		}
		maxCost = max(maxCost, v[0], v[1])
	}
	scale, unit := 1.0, "USD"
	switch {
	case maxCost >= 1e9:
		scale, unit = 1e-9, "billion USD"
	case maxCost >= 1e6:
		scale, unit = 1e-6, "million USD"
	case maxCost >= 1e4:
		scale, unit = 1e-3, "thousand USD"
	}
	f := &figure{
		name:  "frontier-loads",
		title: "Policy frontier in loads: loads seized against the cost of delay",
		note:  "Each point a policy: mean over replications, whiskers the 95% interval. Up and to the left is better.",
		caption: "The frontier chart counted in loads instead of kilograms: a few heavy loads decide the kilograms, " +
			"the number of loads says how often a policy catches a smuggler.",
	}
	p := newPanel("", "delay cost, "+unit, "loads seized")
	hasX, hasY := t.has("delay_cost_usd_lo", "delay_cost_usd_hi"), t.has("loads_seized_lo", "loads_seized_hi")
	type point struct{ x, xlo, xhi, y, ylo, yhi float64 }
	pts := make([]point, len(names))
	var xMax, yMax float64
	for i := range names {
		v, err := t.nums(i, "delay_cost_usd", "delay_cost_usd_lo", "delay_cost_usd_hi", "loads_seized", "loads_seized_lo", "loads_seized_hi")
		if err != nil {
			return nil, err
		}
		// Counts and dollars are never negative: an interval that dips
		// below zero is cut at zero.
		pts[i] = point{scale * v[0], scale * max(0, v[1]), scale * v[2], v[3], max(0, v[4]), v[5]}
		xMax, yMax = max(xMax, pts[i].x, pts[i].xhi), max(yMax, pts[i].y, pts[i].yhi)
	}
	for i, name := range names {
		c := pal.colour(name)
		q := pts[i]
		pt := plotter.XYs{{X: q.x, Y: q.y}}
		if hasX {
			b, err := plotter.NewXErrorBars(xyXErrs{XYs: pt, XErrors: plotter.XErrors{{Low: max(0, q.x-q.xlo), High: max(0, q.xhi-q.x)}}})
			if err != nil {
				return nil, err
			}
			b.LineStyle, b.CapWidth = lineStyle(c, 1, false), 6
			p.Add(b)
		}
		if hasY {
			b, err := plotter.NewYErrorBars(xyErrs{XYs: pt, YErrors: plotter.YErrors{{Low: max(0, q.y-q.ylo), High: max(0, q.yhi-q.y)}}})
			if err != nil {
				return nil, err
			}
			b.LineStyle, b.CapWidth = lineStyle(c, 1, false), 6
			p.Add(b)
		}
		s, err := plotter.NewScatter(pt)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: 4.5, Shape: draw.CircleGlyph{}}
		p.Add(s)
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: pt, Labels: []string{name}})
		if err != nil {
			return nil, err
		}
		l.TextStyle[0] = textStyle(sans, 9)
		near := 0
		for _, o := range pts[:i] {
			if math.Abs(o.x-q.x) <= 0.12*max(xMax, 1e-300) && math.Abs(o.y-q.y) <= 0.04*max(yMax, 1e-300) {
				near++
			}
		}
		l.Offset = vg.Point{X: 6, Y: 4 - vg.Length(near)*11}
		p.Add(l)
		f.series++
		f.add(name, markThumb{c, draw.CircleGlyph{}, hasX || hasY})
	}
	p.X.Min, p.Y.Min = min(p.X.Min, 0), min(p.Y.Min, 0)
	p.X.Max *= 1.08
	p.Y.Max *= 1.08
	if p.X.Max <= p.X.Min {
		p.X.Max = p.X.Min + 1
	}
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min + 1
	}
	f.rows = [][]*plot.Plot{{p}}
	return f, nil
}
