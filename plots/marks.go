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

// look tells one line of a panel from the others without its colour: a
// dash pattern and a marker shape, by the line's place in the panel, so
// that lines that coincide (ports with the same zero queue, classes with
// the same wait) stay apart, and so do colours a reader cannot tell apart.
type look struct {
	line  draw.LineStyle
	glyph draw.GlyphStyle
	index int // place in the panel: staggers the markers of coinciding lines
}

var (
	lookDashes = [][]vg.Length{nil, {6, 3}, {2, 2}, {8, 3, 2, 3}}
	lookGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.TriangleGlyph{}, draw.RingGlyph{},
		draw.CrossGlyph{}, draw.PyramidGlyph{}, draw.PlusGlyph{}, draw.SquareGlyph{}}
)

// lookOf is the i-th line's look: no two of the first 32 share both dash
// and marker.
func lookOf(i int, c color.Color, width vg.Length) look {
	return look{
		line:  draw.LineStyle{Color: c, Width: width, Dashes: lookDashes[(i+i/len(lookGlyphs))%len(lookDashes)]},
		glyph: draw.GlyphStyle{Color: c, Radius: 2.6, Shape: lookGlyphs[i%len(lookGlyphs)]},
		index: i,
	}
}

// withDashes is the look with another dash pattern (the median's dashes
// beside the 95th percentile's solid line of the same class).
func (l look) withDashes(d []vg.Length, width vg.Length) look {
	l.line.Dashes, l.line.Width = d, width
	return l
}

// lookLine draws y over x with the look: the line (broken where y is NaN)
// and a marker every few points, staggered by the line's place so that
// the markers of coinciding lines alternate instead of covering each
// other.
func lookLine(p *plot.Plot, x, y []float64, l look) error {
	if err := gappyLine(p, x, y, l.line); err != nil {
		return err
	}
	step := max(1, len(x)/12)
	var pts plotter.XYs
	for i := (l.index * max(1, step/4)) % step; i < len(x); i += step {
		if !math.IsNaN(y[i]) {
			pts = append(pts, plotter.XY{X: x[i], Y: y[i]})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	s.GlyphStyle = l.glyph
	p.Add(s)
	return nil
}

// lookThumb is a legend thumbnail for a look: the line with its marker.
type lookThumb struct{ look }

func (t lookThumb) Thumbnail(c *draw.Canvas) {
	mid := c.Center()
	c.StrokeLine2(t.line, c.Min.X, mid.Y, c.Max.X, mid.Y)
	c.DrawGlyph(t.glyph, mid)
}
