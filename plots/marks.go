package plots

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// otherName labels the ports beyond the busiest few, summed.
const otherName = "other"

// topPorts is the number of ports a chart shows by name; the rest are
// summed as "other".
const topPorts = 8

// top returns the n names with the highest score (ties by name) and
// whether the rest are to be summed as "other". When only one name would
// be left over it is shown by name instead.
func top(names []string, score func(string) float64, n int) ([]string, bool) {
	s := append([]string(nil), names...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := score(s[i]), score(s[j])
		if a != b {
			return a > b
		}
		return s[i] < s[j]
	})
	if len(s) <= n+1 {
		return s, false
	}
	return s[:n], true
}

func xys(x, y []float64) plotter.XYs {
	v := make(plotter.XYs, len(x))
	for i := range x {
		v[i].X, v[i].Y = x[i], y[i]
	}
	return v
}

// line adds a line of y over x to p.
func line(p *plot.Plot, x, y []float64, s draw.LineStyle) (*plotter.Line, error) {
	l, err := plotter.NewLine(xys(x, y))
	if err != nil {
		return nil, err
	}
	l.LineStyle = s
	p.Add(l)
	return l, nil
}

// gappyLine adds y over x to p as a line broken where y is NaN (no
// value), one segment per run of values; a lone value is a dot.
func gappyLine(p *plot.Plot, x, y []float64, s draw.LineStyle) error {
	for i := 0; i < len(y); {
		if math.IsNaN(y[i]) {
			i++
			continue
		}
		j := i
		for j < len(y) && !math.IsNaN(y[j]) {
			j++
		}
		if j-i == 1 {
			sc, err := plotter.NewScatter(xys(x[i:j], y[i:j]))
			if err != nil {
				return err
			}
			sc.GlyphStyle = draw.GlyphStyle{Color: s.Color, Radius: s.Width, Shape: draw.CircleGlyph{}}
			p.Add(sc)
		} else if _, err := line(p, x[i:j], y[i:j], s); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// stack adds layers stacked from the bottom up as filled areas: each
// area's height is that layer's value.
func stack(p *plot.Plot, x []float64, layers [][]float64, colours []color.Color) error {
	base := make([]float64, len(x))
	for i, ly := range layers {
		pts := make(plotter.XYs, 0, 2*len(x))
		topY := make([]float64, len(x))
		for j := range x {
			topY[j] = base[j] + ly[j]
			pts = append(pts, plotter.XY{X: x[j], Y: topY[j]})
		}
		for j := len(x) - 1; j >= 0; j-- {
			pts = append(pts, plotter.XY{X: x[j], Y: base[j]})
		}
		poly, err := plotter.NewPolygon(pts)
		if err != nil {
			return err
		}
		poly.Color = colours[i]
		poly.LineStyle.Width = 0
		p.Add(poly)
		base = topY
	}
	return nil
}

// hline is a horizontal reference line (a threshold) across the panel.
type hline struct {
	y     float64
	style draw.LineStyle
}

// Plot draws the line when it lies in the panel's y range: the range
// follows the data, not the reference (the legend says when it is above).
func (h hline) Plot(c draw.Canvas, p *plot.Plot) {
	if h.y < p.Y.Min || h.y > p.Y.Max {
		return
	}
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// spans shades stretches of the x axis over the panel's full height
// (behind the data: add it first), e.g. the bins in which vehicles queued
// but none reached a booth. Adjacent spans merge.
type spans struct {
	x    [][2]float64
	fill color.Color
}

func (s spans) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	c.SetColor(s.fill)
	for _, x := range s.x {
		x0, x1 := max(trX(x[0]), c.Min.X), min(trX(x[1]), c.Max.X)
		if x1 > x0 {
			c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x1, Y: c.Max.Y}}.Path())
		}
	}
}

// mergeSpans joins touching or overlapping spans (sorted by start).
func mergeSpans(x [][2]float64) [][2]float64 {
	var out [][2]float64
	for _, s := range x {
		if n := len(out); n > 0 && s[0] <= out[n-1][1]+1e-9 {
			out[n-1][1] = max(out[n-1][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// band marks a span of the x axis (a surge): dashed lines at its ends
// through the data, and a filled strip with its name above the data (from
// y = strip up), so that the colours of the data stay true. With strip NaN
// there is no strip and the name sits at the top inside the span.
type band struct {
	x0, x1 float64
	strip  float64
	fill   color.Color
	label  string
}

func (b band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x0, x1 := trX(b.x0), trX(b.x1)
	x0, x1 = max(x0, c.Min.X), min(x1, c.Max.X)
	if x1 <= x0 {
		return
	}
	y0 := c.Max.Y - 12
	if !math.IsNaN(b.strip) {
		y0 = trY(b.strip)
		c.SetColor(b.fill)
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: c.Max.Y}}.Path())
	}
	edge := draw.LineStyle{Color: color.Gray{Y: 40}, Width: 0.8, Dashes: []vg.Length{3, 2}}
	c.StrokeLine2(edge, x0, c.Min.Y, x0, c.Max.Y)
	c.StrokeLine2(edge, x1, c.Min.Y, x1, c.Max.Y)
	if b.label != "" {
		ts := textStyle(sans, 8)
		ts.XAlign, ts.YAlign = draw.XLeft, draw.YCenter
		c.FillText(ts, vg.Point{X: x0 + 3, Y: (y0 + c.Max.Y) / 2}, b.label)
	}
}

func (b band) DataRange() (xmin, xmax, ymin, ymax float64) {
	return b.x0, b.x1, math.Inf(1), math.Inf(-1)
}
