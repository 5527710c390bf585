package plots

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"borderflow/bug"
)

// Every chart is 1200 pixels wide: 900 points at 96 dots per inch. The SVG
// is the same drawing, 900 points wide.
const (
	dpi        = 96
	widthPx    = 1200
	panelPx    = 300 // height of one row of panels
	minHeightP = 600 // smallest chart height in pixels
)

// px converts pixels of the PNG to the points the drawing is made in.
func px(n int) vg.Length { return vg.Length(n) * vg.Inch / dpi }

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

func textStyle(f font.Font, size vg.Length) text.Style {
	return text.Style{Color: color.Black, Font: font.From(f, size), Handler: plot.DefaultTextHandler}
}

// figure is one chart file: a title, a grid of panels, a legend kept in a
// column to the right of the panels (so it never covers data) and a note
// under the title saying how to read it.
type figure struct {
	name    string // file stem: name.png and name.svg
	title   string
	note    string // one line under the title (units, aggregation)
	caption string // what a reader takes from the chart (index.html)
	rows    [][]*plot.Plot
	legend  []entry
	// labels are the names placed beside points (the frontier's), which
	// tests check for overlaps after drawing.
	labels *pointLabels
	// series counts the data series drawn (lines, areas, groups of bars,
	// sets of points) — not grid lines, thresholds or marks. Tests check
	// it against the data.
	series int
}

// entry is one line of a figure's legend; a header has no thumbnail and
// is set in bold.
type entry struct {
	label  string
	thumb  plot.Thumbnailer
	header bool
}

func (f *figure) heightPx() int {
	return max(minHeightP, panelPx*len(f.rows))
}

func (f *figure) add(label string, thumb plot.Thumbnailer) {
	if r := []rune(label); len(r) > maxLegendLabel {
		label = string(r[:maxLegendLabel-1]) + "…"
	}
	f.legend = append(f.legend, entry{label: label, thumb: thumb})
}

func (f *figure) header(label string) {
	f.legend = append(f.legend, entry{label: label, header: true})
}

// render draws the figure as PNG or SVG bytes.
func (f *figure) render(format string) ([]byte, error) {
	w, h := px(widthPx), px(f.heightPx())
	var b bytes.Buffer
	switch format {
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
		if err := f.draw(draw.New(c)); err != nil {
			return nil, err
		}
		// Charts are flat colours: the fastest deflate level costs
		// little in size and halves the time of a run's charts.
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&b, c.Image()); err != nil {
			return nil, fmt.Errorf("%s.png: %v", f.name, err)
		}
		return b.Bytes(), nil
	case "svg":
		c := vgsvg.New(w, h)
		if err := f.draw(draw.New(c)); err != nil {
			return nil, err
		}
		if _, err := c.WriteTo(&b); err != nil {
			return nil, fmt.Errorf("%s.svg: %v", f.name, err)
		}
		// Liberation Sans has Arial's metrics: a browser without it keeps
		// the layout with Arial or Helvetica, and with any other font the
		// text keeps its measured width (fitText).
		return fitText(bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
			[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))), nil
	default:
		return nil, fmt.Errorf("unknown chart format %q", format)
	}
}

const (
	margin   = vg.Length(8)
	legThumb = vg.Length(22)
	legGap   = vg.Length(5)
	legRow   = vg.Length(14)
)

func (f *figure) draw(c draw.Canvas) (err error) {
	defer func() {
		// gonum/plot panics on data it cannot place (NaN ranges and the
		// like); a chart must not take the run down with it.
		if r := recover(); r != nil {
			err = bug.Recovered("chart "+f.name, r)
		}
	}()
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	top := c.Max.Y - margin
	ts := textStyle(sansBold, 15)
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YTop
	c.FillText(ts, vg.Point{X: c.Min.X + margin, Y: top}, f.title)
	top -= ts.Height(f.title) + 3
	if f.note != "" {
		ns := textStyle(sans, 10)
		ns.Color = color.Gray{Y: 80}
		ns.XAlign, ns.YAlign = draw.XLeft, draw.YTop
		c.FillText(ns, vg.Point{X: c.Min.X + margin, Y: top}, f.note)
		top -= ns.Height(f.note)
	}
	top -= 6

	// The legend column.
	ls, hs := legendStyles()
	legW := f.legendWidth()
	right := c.Max.X - margin
	if legW > 0 {
		x := right - legW
		y := top - 4
		for i, e := range f.legend {
			if e.header {
				if i > 0 {
					y -= legRow / 2
				}
				c.FillText(hs, vg.Point{X: x, Y: y - legRow/2}, e.label)
			} else {
				tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
					Min: vg.Point{X: x, Y: y - legRow + 2},
					Max: vg.Point{X: x + legThumb, Y: y - 2},
				}}
				if e.thumb != nil { // a line continuing the one above
					e.thumb.Thumbnail(&tc)
				}
				c.FillText(ls, vg.Point{X: x + legThumb + legGap, Y: y - legRow/2}, e.label)
			}
			y -= legRow
		}
		right = x - 3*margin
	}

	area := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: c.Min.X + margin, Y: c.Min.Y + margin},
		Max: vg.Point{X: right, Y: top},
	}}
	if len(f.rows) == 0 {
		return nil
	}
	cols := len(f.rows[0])
	tiles := draw.Tiles{Rows: len(f.rows), Cols: cols, PadX: 24, PadY: 14}
	cs := plot.Align(f.rows, tiles, area)
	for j, row := range f.rows {
		for i, p := range row {
			if p != nil {
				p.Draw(cs[j][i])
			}
		}
	}
	return nil
}

func legendStyles() (label, header text.Style) {
	label, header = textStyle(sans, 10), textStyle(sansBold, 10)
	label.YAlign, header.YAlign = draw.YCenter, draw.YCenter
	return label, header
}

// maxLegendLabel bounds a legend line (in characters): the legend is a
// column beside the panels, and one long line would squeeze them.
const maxLegendLabel = 48

// legendWidth is the width of the legend column.
func (f *figure) legendWidth() vg.Length {
	ls, hs := legendStyles()
	var w vg.Length
	for _, e := range f.legend {
		if e.header {
			w = max(w, hs.Width(e.label))
		} else {
			w = max(w, legThumb+legGap+ls.Width(e.label))
		}
	}
	return w
}

// newPanel returns a plot in the house style: sans-serif text, light
// grid, no legend of its own (the figure's legend is outside the panels).
func newPanel(title, xLabel, yLabel string) *plot.Plot {
	p := basePanel(title, xLabel, yLabel)
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 225}
	g.Horizontal.Color = color.Gray{Y: 225}
	g.Vertical.Width, g.Horizontal.Width = 0.5, 0.5
	p.Add(g)
	return p
}

func basePanel(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(sansBold, 11)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	p.Title.Padding = 4
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(sans, 10)
		a.Label.TextStyle.XAlign, a.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
		a.Tick.Label = textStyle(sans, 9)
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Tick.Marker, p.Y.Tick.Marker = tidyTicks{}, tidyTicks{}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	return p
}

// newCategoryPanel is a panel whose x axis names categories (drugs,
// ports): no vertical grid lines through them.
// Each name is centred under its category — under its bars or mark — on
// up to three lines; only a single word too wide for its category turns
// the names aslant (and a slanted name ends at its category).
func newCategoryPanel(title, yLabel string, names []string) *plot.Plot {
	p := basePanel(title, "", yLabel)
	if len(names) > 0 {
		// A category's share of a panel in a row of two, about 300
		// points wide, less a gap between names.
		room := vg.Length(300) / vg.Length(len(names)) * 0.92
		wrapped, ok := wrapNames(p.X.Tick.Label, names, room)
		if ok {
			p.NominalX(wrapped...)
		} else {
			p.NominalX(names...)
			rotateX(p)
		}
	}
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal.Color = color.Gray{Y: 225}
	g.Horizontal.Width = 0.5
	p.Add(g)
	return p
}

// wrapNames breaks each name at spaces into lines no wider than room, at
// most three; ok is false when a word does not fit.
func wrapNames(st text.Style, names []string, room vg.Length) (_ []string, ok bool) {
	out := make([]string, len(names))
	for i, n := range names {
		var lines []string
		for _, w := range strings.Fields(n) {
			if st.Width(w) > room {
				return nil, false
			}
			if k := len(lines) - 1; k >= 0 && st.Width(lines[k]+" "+w) <= room {
				lines[k] += " " + w
			} else {
				lines = append(lines, w)
			}
		}
		if len(lines) > 3 {
			return nil, false
		}
		out[i] = strings.Join(lines, "\n")
	}
	return out, true
}

// tidyTicks label about six to ten round values (1, 2, 2.5 or 5 times a
// power of ten) as plain numbers — 75, not 75.00; 4000, not 4e+03 — with
// unlabelled minor ticks between them. gonum's default labels as few as
// two ticks on a long time axis.
type tidyTicks struct{}

func (tidyTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	raw := (hi - lo) / 7
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step, minor := 10*mag, 5
	for _, m := range []struct {
		f float64
		n int
	}{{1, 5}, {2, 4}, {2.5, 5}, {5, 5}} {
		if m.f*mag >= raw {
			step, minor = m.f*mag, m.n
			break
		}
	}
	var ts []plot.Tick
	sub := step / float64(minor)
	first := math.Ceil(lo/sub-1e-9) * sub
	if !(sub > 0) || math.IsInf(sub, 0) || math.IsNaN(first) || math.IsInf(first, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi) // a range too small or too large for round steps
	}
	for i := 0; i < 200; i++ {
		v := first + float64(i)*sub
		if v > hi+sub*1e-9 {
			break
		}
		k := math.Round(v / sub)
		v = k * sub
		t := plot.Tick{Value: v}
		if int64(k)%int64(minor) == 0 {
			// Round away the float noise of k × sub before printing.
			x, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
			t.Label = strconv.FormatFloat(x, 'f', -1, 64)
		}
		ts = append(ts, t)
	}
	return ts
}

// fromZero makes the y axis start at zero (counts, rates, waits) and
// leaves room above the data.
func fromZero(p *plot.Plot) {
	p.Y.Min = 0
	if !(p.Y.Max > 0) || math.IsInf(p.Y.Max, 0) {
		p.Y.Max = 1
	}
	p.Y.Max *= 1.05
}

// rotateX slants the x tick labels (port names) so that long names do not
// run into each other.
func rotateX(p *plot.Plot) {
	p.X.Tick.Label.Rotation = math.Pi / 7
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
}

func lineStyle(c color.Color, width vg.Length, dashed bool) draw.LineStyle {
	s := draw.LineStyle{Color: c, Width: width}
	if dashed {
		s.Dashes = []vg.Length{5, 3}
	}
	return s
}

// lineThumb is a legend thumbnail for a line style.
func lineThumb(s draw.LineStyle) plot.Thumbnailer { return &plotter.Line{LineStyle: s} }

// boxThumb is a legend thumbnail for a filled area or bar.
type boxThumb struct{ c color.Color }

func (b boxThumb) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	r.Min.Y += 1
	r.Max.Y -= 1
	c.SetColor(b.c)
	c.Fill(r.Path())
}

// markThumb is a legend thumbnail for a point, with a whisker when the
// points carry intervals.
type markThumb struct {
	c       color.Color
	shape   draw.GlyphDrawer
	whisker bool
}

func (m markThumb) Thumbnail(c *draw.Canvas) {
	mid := c.Center()
	if m.whisker {
		c.StrokeLine2(draw.LineStyle{Color: m.c, Width: 1}, mid.X, c.Min.Y, mid.X, c.Max.Y)
	}
	c.DrawGlyph(draw.GlyphStyle{Color: m.c, Radius: 3.5, Shape: m.shape}, mid)
}
