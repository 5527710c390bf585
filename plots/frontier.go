package plots

import (
	"image/color"
	"math"
	"strconv"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// policyFrontier: kilograms seized against the cost of delay, one labelled
// point per policy with its intervals both ways. Up and to the left is
// better: more seized for less delay.
func policyFrontier(files map[string][]byte) (*figure, error) {
	return frontierChart(files, "kg_seized", "contraband seized, kg", &figure{
		name:  "frontier",
		title: "Kilograms seized against the whole cost of delay, by policy",
		note:  "Each point a policy: mean over replications, whiskers the 95% interval. Up and to the left is better.",
		caption: "What each inspection policy buys and what it costs: kilograms seized against the whole cost of delay " +
			"(drivers' and cargo's time, detours, trips put off and not made).",
	})
}

// policyLoads: loads seized against the cost of delay — the frontier
// chart's twin in loads. Kilograms are dominated by the luck of a few
// heavy loads; the count of loads is the steadier measure of what a policy
// catches.
func policyLoads(files map[string][]byte) (*figure, error) {
	return frontierChart(files, "loads_seized", "loads seized", &figure{
		name:  "frontier-loads",
		title: "Loads seized against the whole cost of delay, by policy",
		note:  "Each point a policy: mean over replications, whiskers the 95% interval. Up and to the left is better.",
		caption: "The frontier chart counted in loads instead of kilograms: a few heavy loads decide the kilograms, " +
			"the number of loads says how often a policy catches a smuggler.",
	})
}

// logSpan is the ratio of the largest to the smallest value above which
// an axis is logarithmic: beyond it the small values are a smudge at
// the origin of a linear axis.
const logSpan = 100

// frontierChart draws policies.csv's yCol against delay_cost_usd, one
// labelled point per policy with its 95% intervals both ways. An axis
// whose means are all positive and span more than logSpan is
// logarithmic; the names are placed so that none overlaps another or a
// point (pointLabels).
func frontierChart(files map[string][]byte, yCol, yLabel string, f *figure) (*figure, error) {
	t, err := readTable(files, "policies.csv")
	if t == nil || err != nil {
		return nil, err
	}
	if !t.has("policy", yCol, "delay_cost_usd") || len(t.rows) == 0 {
		return nil, nil
	}
	var names []string
	for i := range t.rows {
		names = append(names, t.str(i, "policy"))
	}
	colours := portColours[:9] // the strong ones, for a few policies
	if len(names) > len(colours) {
		colours = portColours
	}
	pal := newPalette(colours, nil, names)
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
	hasX, hasY := t.has("delay_cost_usd_lo", "delay_cost_usd_hi"), t.has(yCol+"_lo", yCol+"_hi")
	// Kilograms, loads and dollars are never negative: an interval from
	// few replications that dips below zero is cut at zero.
	type point struct{ x, xlo, xhi, y, ylo, yhi float64 }
	pts := make([]point, len(names))
	xs, ys := make([]float64, len(names)), make([]float64, len(names))
	for i := range names {
		v, err := t.nums(i, "delay_cost_usd", "delay_cost_usd_lo", "delay_cost_usd_hi", yCol, yCol+"_lo", yCol+"_hi")
		if err != nil {
			return nil, err
		}
		q := point{scale * v[0], scale * max(0, v[1]), scale * v[2], v[3], max(0, v[4]), v[5]}
		if !hasX {
			q.xlo, q.xhi = q.x, q.x
		}
		if !hasY {
			q.ylo, q.yhi = q.y, q.y
		}
		pts[i], xs[i], ys[i] = q, q.x, q.y
	}
	f.caption += " " + frontierSays(names, xs, ys, yLabel, unit)
	logX, logY := isLogAxis(xs), isLogAxis(ys)
	xLabel := "delay cost, " + unit
	if logX {
		xLabel += " (log scale)"
	}
	if logY {
		yLabel += " (log scale)"
	}
	p := newPanel("", xLabel, yLabel)
	// The axes' ranges, from the means and the intervals (a log axis from
	// the smallest positive value: an interval reaching zero runs off its
	// bottom).
	xr, yr := axisRange{logX, math.Inf(1), math.Inf(-1)}, axisRange{logY, math.Inf(1), math.Inf(-1)}
	for _, q := range pts {
		xr.add(q.x, q.xlo, q.xhi)
		yr.add(q.y, q.ylo, q.yhi)
	}
	labels := &pointLabels{style: textStyle(sans, 9), radius: 4.5}
	for i, name := range names {
		c := pal.colour(name)
		q := pts[i]
		pt := plotter.XYs{{X: q.x, Y: q.y}}
		if hasX {
			xe := xyXErrs{XYs: pt, XErrors: plotter.XErrors{{Low: q.x - xr.clamp(q.xlo), High: max(0, q.xhi-q.x)}}}
			b, err := plotter.NewXErrorBars(xe)
			if err != nil {
				return nil, err
			}
			b.LineStyle, b.CapWidth = lineStyle(c, 1, false), 6
			p.Add(b)
		}
		if hasY {
			ye := xyErrs{XYs: pt, YErrors: plotter.YErrors{{Low: q.y - yr.clamp(q.ylo), High: max(0, q.yhi-q.y)}}}
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
		labels.pts = append(labels.pts, pt[0])
		labels.text = append(labels.text, name)
		f.series++
		f.add(name, markThumb{c, draw.CircleGlyph{}, hasX || hasY})
	}
	p.Add(labels)
	f.labels = labels
	p.X.Min, p.X.Max = xr.limits()
	p.Y.Min, p.Y.Max = yr.limits()
	if logX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	if logY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, logTicks{}
	}
	f.rows = [][]*plot.Plot{{p}}
	return f, nil
}

// isLogAxis reports whether values call for a log axis: all positive and
// spanning more than logSpan.
func isLogAxis(v []float64) bool {
	lo, hi := math.Inf(1), 0.0
	for _, x := range v {
		if !(x > 0) {
			return false
		}
		lo, hi = min(lo, x), max(hi, x)
	}
	return len(v) > 1 && hi > logSpan*lo
}

// axisRange collects an axis' extent: from zero on a linear axis, from
// the smallest positive value on a log one.
type axisRange struct {
	log    bool
	lo, hi float64
}

func (a *axisRange) add(vs ...float64) {
	for _, v := range vs {
		if a.log && !(v > 0) {
			continue
		}
		a.lo, a.hi = min(a.lo, v), max(a.hi, v)
	}
}

// limits returns the axis' min and max with a margin: 8% above on a
// linear axis (which starts at zero), a quarter of a decade each way on a
// log one.
func (a *axisRange) limits() (float64, float64) {
	if a.log {
		return a.lo / math.Pow(10, 0.25), a.hi * math.Pow(10, 0.25)
	}
	lo, hi := min(a.lo, 0), a.hi*1.08
	if !(hi > lo) || math.IsInf(hi, 0) {
		hi = lo + 1
	}
	return lo, hi
}

// clamp keeps an interval's end on the axis (a log axis has no zero).
func (a *axisRange) clamp(v float64) float64 {
	if a.log {
		lo, _ := a.limits()
		return max(v, lo)
	}
	return v
}

// logTicks label the powers of ten (and 2 and 5 times them over four
// decades or fewer) as plain numbers, with unlabelled ticks between.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	few := math.Log10(hi/lo) <= 4
	var ts []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for m := 1.0; m < 10; m++ {
			v := m * math.Pow(10, e)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || (few && (m == 2 || m == 5)) {
				x, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
				t.Label = strconv.FormatFloat(x, 'f', -1, 64)
			}
			ts = append(ts, t)
		}
	}
	return ts
}

// pointLabels names points beside them so that no name overlaps another
// name or any point: each name, in turn, takes the first free place among
// positions around its point, nearest first, and failing all of them a
// free row at the panel's right edge, joined to its point by a thin line.
type pointLabels struct {
	pts    plotter.XYs
	text   []string
	style  text.Style
	radius vg.Length // of the points' markers
	// placed holds the names' boxes of the last drawing (for tests);
	// the PNG and the SVG are drawn at once, hence the lock.
	mu     sync.Mutex
	placed []vg.Rectangle
}

func (l *pointLabels) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
}

func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	at := make([]vg.Point, len(l.pts))
	for i, q := range l.pts {
		at[i] = vg.Point{X: trX(q.X), Y: trY(q.Y)}
	}
	var taken []vg.Rectangle
	for _, a := range at {
		r := l.radius + 1
		taken = append(taken, vg.Rectangle{Min: vg.Point{X: a.X - r, Y: a.Y - r}, Max: vg.Point{X: a.X + r, Y: a.Y + r}})
	}
	var placed []vg.Rectangle
	defer func() {
		l.mu.Lock()
		l.placed = placed
		l.mu.Unlock()
	}()
	h := l.style.Height("Xg") + 1
	free := func(box vg.Rectangle) bool {
		if box.Min.X < c.Min.X || box.Max.X > c.Max.X || box.Min.Y < c.Min.Y || box.Max.Y > c.Max.Y {
			return false
		}
		for _, o := range taken {
			if box.Min.X < o.Max.X && o.Min.X < box.Max.X && box.Min.Y < o.Max.Y && o.Min.Y < box.Max.Y {
				return false
			}
		}
		return true
	}
	for i, a := range at {
		w := l.style.Width(l.text[i]) + 2
		gap := l.radius + 2
		var box vg.Rectangle
		found, leader := false, false
		// Right, left, above, below; then further out in rows, joined to
		// the point by a thin line once they are more than a row away.
		for k := 0; k < 12 && !found; k++ {
			leader = k >= 2
			dy := vg.Length(k) * h
			for _, o := range []vg.Point{
				{X: a.X + gap, Y: a.Y - h/2 + dy}, {X: a.X + gap, Y: a.Y - h/2 - dy},
				{X: a.X - gap - w, Y: a.Y - h/2 + dy}, {X: a.X - gap - w, Y: a.Y - h/2 - dy},
				{X: a.X - w/2, Y: a.Y + gap + dy}, {X: a.X - w/2, Y: a.Y - gap - h - dy},
			} {
				b := vg.Rectangle{Min: o, Max: vg.Point{X: o.X + w, Y: o.Y + h}}
				if free(b) {
					box, found = b, true
					break
				}
			}
		}
		if !found {
			// A row at the right edge, from the top down.
			for y := c.Max.Y - h; y >= c.Min.Y && !found; y -= h {
				b := vg.Rectangle{Min: vg.Point{X: c.Max.X - w, Y: y}, Max: vg.Point{X: c.Max.X, Y: y + h}}
				if free(b) {
					box, found, leader = b, true, true
				}
			}
		}
		if !found {
			continue // no room at all: the legend still names it
		}
		taken = append(taken, box)
		placed = append(placed, box)
		if leader {
			// To the nearest point of the name's box.
			x := min(max(a.X, box.Min.X), box.Max.X)
			y := min(max(a.Y, box.Min.Y), box.Max.Y)
			c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 150}, Width: 0.5}, a.X, a.Y, x, y)
		}
		ts := l.style
		ts.XAlign, ts.YAlign = draw.XLeft, draw.YBottom
		c.FillText(ts, vg.Point{X: box.Min.X + 1, Y: box.Min.Y}, l.text[i])
	}
}

// frontierSays is the sentence the frontier's data support: the policy
// that seizes most per dollar of delay, the one that seizes most, and the
// costliest, with their figures (x in unit, y in yLabel's).
func frontierSays(names []string, xs, ys []float64, yLabel, unit string) string {
	best, most, dear := 0, 0, 0
	for i := range names {
		if ratioOr0(ys[i], xs[i]) > ratioOr0(ys[best], xs[best]) {
			best = i
		}
		if ys[i] > ys[most] {
			most = i
		}
		if xs[i] > xs[dear] {
			dear = i
		}
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	out := "In this sweep " + names[best] + " seizes the most per dollar of delay (" + g(ys[best]) + " " + yLabel + " for " + g(xs[best]) + " " + unit + ")"
	if most != best {
		out += "; " + names[most] + " seizes the most (" + g(ys[most]) + ", for " + g(xs[most]) + " " + unit + ")"
	}
	if dear != most && dear != best {
		out += "; " + names[dear] + " costs the most (" + g(xs[dear]) + " " + unit + " for " + g(ys[dear]) + ")"
	}
	return out + "."
}

func ratioOr0(a, b float64) float64 {
	if b <= 0 {
		if a > 0 {
			return math.Inf(1)
		}
		return 0
	}
	return a / b
}
