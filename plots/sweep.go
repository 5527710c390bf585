package plots

import (
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func drawSweep(files map[string][]byte) (map[string][]byte, []*figure, error) {
	figs, err := buildSweep(files)
	if err != nil {
		return nil, nil, err
	}
	out, err := renderAll(figs)
	if err != nil {
		return nil, nil, err
	}
	out["index.html"] = sweepIndex(files, figs)
	return out, figs, nil
}

func buildSweep(files map[string][]byte) (_ []*figure, err error) {
	defer recoverChart(&err)
	var figs []*figure
	for _, build := range []func(map[string][]byte) (*figure, error){volumeCurve, targetingCurve, policyFrontier, policyLoads} {
		f, err := build(files)
		if err != nil {
			return nil, err
		}
		if f != nil {
			figs = append(figs, f)
		}
	}
	return figs, nil
}

// volumeCurve: the interdiction rate (with its interval) and the share of
// vehicles inspected against the traffic multiple, beside the mean waits
// by class. Wait columns are every wait_mean_min_CLASS column of
// volume.csv; a column with _lo and _hi companions gets whiskers.
func volumeCurve(files map[string][]byte) (*figure, error) {
	t, err := readTable(files, "volume.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("volume_factor") || len(t.rows) == 0 {
		return nil, nil
	}
	order := make([]int, len(t.rows))
	x := make([]float64, len(t.rows))
	for i := range t.rows {
		order[i] = i
		if x[i], err = t.num(i, "volume_factor"); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
	col := func(c string, scale float64) ([]float64, error) {
		v := make([]float64, len(order))
		for k, i := range order {
			y, err := t.num(i, c)
			if err != nil {
				return nil, err
			}
			v[k] = scale * y
		}
		return v, nil
	}
	xs, _ := col("volume_factor", 1)

	f := &figure{
		name:  "volume",
		title: "Volume defeats inspection: more traffic, same capacity",
		note:  "Each point a sweep run at a multiple of the scenario's traffic; whiskers: 95% interval over replications.",
		caption: "What happens as traffic grows and inspection capacity does not: the share of vehicles inspected " +
			"and the share of contraband seized fall, while waits climb.",
	}
	xLabel := "traffic volume (multiple of the scenario's)"
	left := newPanel("Interdiction and inspection", xLabel, "%")
	if t.has("interdiction_rate") {
		y, err := col("interdiction_rate", 100)
		if err != nil {
			return nil, err
		}
		if err := curve(left, xs, y, lookOf(0, totalColour, 1.4)); err != nil {
			return nil, err
		}
		if t.has("interdiction_rate_lo", "interdiction_rate_hi") {
			lo, err := col("interdiction_rate_lo", 100)
			if err != nil {
				return nil, err
			}
			hi, err := col("interdiction_rate_hi", 100)
			if err != nil {
				return nil, err
			}
			if err := whiskers(left, xs, y, lo, hi, totalColour); err != nil {
				return nil, err
			}
		}
		f.series++
		f.add("kg seized, % of attempted", markThumb{totalColour, draw.CircleGlyph{}, t.has("interdiction_rate_lo", "interdiction_rate_hi")})
	}
	if t.has("share_inspected") {
		y, err := col("share_inspected", 100)
		if err != nil {
			return nil, err
		}
		l := lookOf(1, inspectColour, 1.4)
		if err := curve(left, xs, y, l); err != nil {
			return nil, err
		}
		f.series++
		f.add("vehicles inspected, %", lookThumb{l})
	}
	fromZero(left)

	right := newPanel("Mean wait at primary", xLabel, "wait, minutes")
	var classes []string
	for _, h := range headers(t) {
		if c, ok := strings.CutPrefix(h, "wait_mean_min_"); ok && !strings.HasSuffix(c, "_lo") && !strings.HasSuffix(c, "_hi") {
			classes = append(classes, c)
		}
	}
	pal := newPalette(classSpare, classColours, classes)
	if len(classes) > 0 {
		f.header("Mean wait")
	}
	waitScale := 1.0
	for _, c := range classes {
		y, err := col("wait_mean_min_"+c, 1)
		if err != nil {
			return nil, err
		}
		for _, v := range y {
			if v > 180 {
				waitScale = 1.0 / 60
			}
		}
	}
	if waitScale != 1 {
		right.Y.Label.Text = "wait, hours"
	}
	for i, c := range classes {
		name := "wait_mean_min_" + c
		y, err := col(name, waitScale)
		if err != nil {
			return nil, err
		}
		l := lookOf(i, pal.colour(c), 1.4)
		if err := curve(right, xs, y, l); err != nil {
			return nil, err
		}
		if t.has(name+"_lo", name+"_hi") {
			lo, _ := col(name+"_lo", waitScale)
			hi, _ := col(name+"_hi", waitScale)
			if err := whiskers(right, xs, y, lo, hi, pal.colour(c)); err != nil {
				return nil, err
			}
		}
		f.series++
		f.add(c, lookThumb{l})
	}
	fromZero(right)
	f.rows = [][]*plot.Plot{{left, right}}
	return f, nil
}

// headers lists a table's columns in file order.
func headers(t *table) []string {
	h := make([]string, 0, len(t.col))
	for c := range t.col {
		h = append(h, c)
	}
	sort.Slice(h, func(i, j int) bool { return t.col[h[i]] < t.col[h[j]] })
	return h
}

// curve draws a line with a marker at every point, in the look given.
func curve(p *plot.Plot, x, y []float64, lk look) error {
	l, err := line(p, x, y, lk.line)
	if err != nil {
		return err
	}
	s, err := plotter.NewScatter(l.XYs)
	if err != nil {
		return err
	}
	s.GlyphStyle = lk.glyph
	s.GlyphStyle.Radius = 3
	p.Add(s)
	return nil
}

// whiskers draws intervals [lo, hi] around y.
func whiskers(p *plot.Plot, x, y, lo, hi []float64, c color.Color) error {
	e := xyErrs{XYs: xys(x, y), YErrors: make(plotter.YErrors, len(x))}
	for i := range x {
		e.YErrors[i].Low = max(0, y[i]-lo[i])
		e.YErrors[i].High = max(0, hi[i]-y[i])
	}
	b, err := plotter.NewYErrorBars(e)
	if err != nil {
		return err
	}
	b.LineStyle = lineStyle(c, 1, false)
	b.CapWidth = 6
	p.Add(b)
	return nil
}

// policyFrontier: kilograms seized against the cost of delay, one labelled
// point per policy with its intervals both ways. Up and to the left is
// better: more seized for less delay.
func policyFrontier(files map[string][]byte) (*figure, error) {
	t, err := readTable(files, "policies.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("policy", "kg_seized", "delay_cost_usd") || len(t.rows) == 0 {
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
		name:  "frontier",
		title: "Policy frontier: contraband seized against the cost of delay",
		note:  "Each point a policy: mean over replications, whiskers the 95% interval. Up and to the left is better.",
		caption: "What each inspection policy buys and what it costs: kilograms seized against the value of the " +
			"time vehicles lost waiting. Inspecting everything stops trade long before it stops drugs.",
	}
	p := newPanel("", "delay cost, "+unit, "contraband seized, kg")
	hasX, hasY := t.has("delay_cost_usd_lo", "delay_cost_usd_hi"), t.has("kg_seized_lo", "kg_seized_hi")
	// Kilograms and dollars are never negative: an interval from few
	// replications that dips below zero is cut at zero.
	type point struct{ x, xlo, xhi, y, ylo, yhi float64 }
	pts := make([]point, len(names))
	var xMax, yMax float64
	for i := range names {
		v, err := t.nums(i, "delay_cost_usd", "delay_cost_usd_lo", "delay_cost_usd_hi", "kg_seized", "kg_seized_lo", "kg_seized_hi")
		if err != nil {
			return nil, err
		}
		pts[i] = point{scale * v[0], scale * max(0, v[1]), scale * v[2], v[3], max(0, v[4]), v[5]}
		xMax, yMax = max(xMax, pts[i].x, pts[i].xhi), max(yMax, pts[i].y, pts[i].yhi)
	}
	for i, name := range names {
		c := pal.colour(name)
		q := pts[i]
		pt := plotter.XYs{{X: q.x, Y: q.y}}
		if hasX {
			xe := xyXErrs{XYs: pt, XErrors: plotter.XErrors{{Low: max(0, q.x-q.xlo), High: max(0, q.xhi-q.x)}}}
			b, err := plotter.NewXErrorBars(xe)
			if err != nil {
				return nil, err
			}
			b.LineStyle, b.CapWidth = lineStyle(c, 1, false), 6
			p.Add(b)
		}
		if hasY {
			ye := xyErrs{XYs: pt, YErrors: plotter.YErrors{{Low: max(0, q.y-q.ylo), High: max(0, q.yhi-q.y)}}}
			b, err := plotter.NewYErrorBars(ye)
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
		// Policies that land close together (a few percent of each
		// axis) get their names one under the other, not on top.
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

// xyXErrs is points with horizontal intervals (plotter.NewXErrorBars).
type xyXErrs struct {
	plotter.XYs
	plotter.XErrors
}
