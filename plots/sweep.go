package plots

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

func drawSweep(ctx context.Context, files map[string][]byte) (map[string][]byte, []*figure, error) {
	figs, err := buildSweep(files)
	if err != nil {
		return nil, nil, err
	}
	out, err := renderAllContext(ctx, figs)
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
	col, err := sortedBy(t, "volume_factor")
	if err != nil {
		return nil, err
	}
	xs, _ := col("volume_factor", 1)

	f := &figure{
		name:    "volume",
		title:   "Interdiction, inspection and waits against traffic volume, capacity fixed",
		note:    "Each point a sweep run at a multiple of the scenario's traffic; whiskers: 95% interval over replications.",
		caption: "What happens as traffic grows and inspection capacity does not.",
	}
	f.caption += volumeSays(t, col)
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

// xyXErrs is points with horizontal intervals (plotter.NewXErrorBars).
type xyXErrs struct {
	plotter.XYs
	plotter.XErrors
}

// sortedBy reads a sweep table's rows in increasing order of column x and
// returns a reader of any column in that order, times a scale.
func sortedBy(t *table, x string) (func(c string, scale float64) ([]float64, error), error) {
	order := make([]int, len(t.rows))
	xv := make([]float64, len(t.rows))
	for i := range t.rows {
		order[i] = i
		var err error
		if xv[i], err = t.num(i, x); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return xv[order[a]] < xv[order[b]] })
	return func(c string, scale float64) ([]float64, error) {
		v := make([]float64, len(order))
		for k, i := range order {
			y, err := t.num(i, c)
			if err != nil {
				return nil, err
			}
			v[k] = scale * y
		}
		return v, nil
	}, nil
}

// volumeSays is what the volume sweep's data say: the interdiction rate,
// the share inspected and the waits at the lowest and highest volume, and
// whether each rose or fell between them.
func volumeSays(t *table, col func(string, float64) ([]float64, error)) string {
	xs, err := col("volume_factor", 1)
	if err != nil || len(xs) < 2 {
		return ""
	}
	n := len(xs) - 1
	way := func(a, b float64) string {
		switch {
		case b > a:
			return "rises"
		case b < a:
			return "falls"
		}
		return "stays"
	}
	out := ""
	say := func(name, label string, scale float64, unit string) {
		if !t.has(name) {
			return
		}
		y, err := col(name, scale)
		if err != nil {
			return
		}
		out += fmt.Sprintf(" %s %s from %.1f%s at %g× the traffic to %.1f%s at %g×.", label, way(y[0], y[n]), y[0], unit, xs[0], y[n], unit, xs[n])
	}
	say("interdiction_rate", "The share of the contraband seized", 100, "%")
	say("share_inspected", "The share of vehicles inspected", 100, "%")
	for _, h := range headers(t) {
		if c, ok := strings.CutPrefix(h, "wait_mean_min_"); ok && !strings.HasSuffix(c, "_lo") && !strings.HasSuffix(c, "_hi") {
			say(h, "The mean "+c+" wait", 1, " min")
		}
	}
	return out
}
