package plots

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// kg is contraband attempted and seized (and the rate, which for a port
// is the summary's and may carry a 95% interval).
type kg struct {
	attempted, seized float64
	rate              float64
	ci                *[2]float64
}

// contraband is the seizure data of a run: per drug (all ports) and per
// port (all drugs), in order.
type contraband struct {
	drugs, ports []string
	byDrug       map[string]*kg
	byPort       map[string]*kg
	total        *kg
}

// contraband reads drugs.csv, or summary.json when drugs.csv is absent.
// The ports' interdiction intervals come from summary.json's ci95.
func (r *run) contraband() (*contraband, error) {
	c := &contraband{byDrug: map[string]*kg{}, byPort: map[string]*kg{}}
	t, err := readTable(r.files, "drugs.csv")
	if err != nil {
		return nil, err
	}
	if t.has("port", "drug", "kg_attempted", "kg_seized") {
		totalRows := false
		for i := range t.rows {
			if t.str(i, "port") == "total" {
				totalRows = true
			}
		}
		for i := range t.rows {
			port, d := t.str(i, "port"), t.str(i, "drug")
			v, err := t.nums(i, "kg_attempted", "kg_seized")
			if err != nil {
				return nil, err
			}
			if port == "total" || !totalRows {
				c.drug(d).attempted += v[0]
				c.drug(d).seized += v[1]
			}
			if port != "total" {
				c.port(port).attempted += v[0]
				c.port(port).seized += v[1]
			}
		}
	} else if r.sum != nil {
		for _, p := range r.sum.Ports {
			c.port(p.Name).attempted += p.KgAttempted
			c.port(p.Name).seized += p.KgSeized
		}
		drugs := []map[string]drug{r.sum.Total.Drugs}
		if len(r.sum.Total.Drugs) == 0 {
			drugs = drugs[:0]
			for _, p := range r.sum.Ports {
				drugs = append(drugs, p.Drugs)
			}
		}
		for _, m := range drugs {
			for _, d := range sortedKeys(m) {
				c.drug(d).attempted += m[d].KgAttempted
				c.drug(d).seized += m[d].KgSeized
			}
		}
	} else {
		return nil, nil
	}
	if len(c.drugs) == 0 && len(c.ports) == 0 {
		return nil, nil
	}
	for _, x := range c.byDrug {
		x.rate = ratio(x.seized, x.attempted)
	}
	c.total = &kg{}
	for _, p := range c.ports { // in order: float sums must not depend on map order
		x := c.byPort[p]
		x.rate = ratio(x.seized, x.attempted)
		c.total.attempted += x.attempted
		c.total.seized += x.seized
	}
	c.total.rate = ratio(c.total.seized, c.total.attempted)
	if r.sum != nil {
		for _, p := range r.sum.Ports {
			if x := c.byPort[p.Name]; x != nil {
				x.rate = p.InterdictionRate
				if ci, ok := p.CI95["interdiction_rate"]; ok {
					x.ci = &ci
				}
			}
		}
		if len(r.sum.Ports) > 0 {
			c.total.rate = r.sum.Total.InterdictionRate
			if ci, ok := r.sum.Total.CI95["interdiction_rate"]; ok {
				c.total.ci = &ci
			}
		}
	}
	return c, nil
}

func (c *contraband) drug(name string) *kg {
	x := c.byDrug[name]
	if x == nil {
		x = &kg{}
		c.byDrug[name] = x
		c.drugs = append(c.drugs, name)
	}
	return x
}

func (c *contraband) port(name string) *kg {
	x := c.byPort[name]
	if x == nil {
		x = &kg{}
		c.byPort[name] = x
		c.ports = append(c.ports, name)
	}
	return x
}

// shownPorts returns the ports with the most kilograms attempted, and the
// rest summed as "other" when there are many.
func (c *contraband) shownPorts() ([]string, *kg) {
	shown, other := top(c.ports, func(p string) float64 { return c.byPort[p].attempted }, topPorts)
	if !other {
		return shown, nil
	}
	rest := &kg{}
	in := map[string]bool{}
	for _, p := range shown {
		in[p] = true
	}
	for _, p := range c.ports {
		if !in[p] {
			rest.attempted += c.byPort[p].attempted
			rest.seized += c.byPort[p].seized
		}
	}
	rest.rate = ratio(rest.seized, rest.attempted)
	return shown, rest
}

// seizures: grouped bars of kilograms attempted and seized, by drug and by
// port.
func (r *run) seizures() (*figure, error) {
	c, err := r.contraband()
	if c == nil || err != nil {
		return nil, err
	}
	f := &figure{
		name:  "seizures",
		title: "Seizures: contraband attempted and seized",
		note:  "Kilograms carried into the ports (attempted) and seized, mean per replication.",
		caption: "How much of the contraband that came to the ports was seized, by drug and by port. The gap " +
			"between the two bars is what got through (or was still on its way at the end).",
	}
	drugPanel := newCategoryPanel("By drug, all ports", "kilograms", c.drugs)
	var dv [][2]float64
	for _, d := range c.drugs {
		dv = append(dv, [2]float64{c.byDrug[d].attempted, c.byDrug[d].seized})
	}
	if err := groupedBars(drugPanel, c.drugs, dv); err != nil {
		return nil, err
	}
	shown, rest := c.shownPorts()
	names := append([]string(nil), shown...)
	var pv [][2]float64
	for _, p := range shown {
		pv = append(pv, [2]float64{c.byPort[p].attempted, c.byPort[p].seized})
	}
	if rest != nil {
		names = append(names, otherName)
		pv = append(pv, [2]float64{rest.attempted, rest.seized})
	}
	portPanel := newCategoryPanel("By port, all drugs", "kilograms", names)
	if err := groupedBars(portPanel, names, pv); err != nil {
		return nil, err
	}
	f.series = 4
	f.rows = [][]*plot.Plot{{drugPanel, portPanel}}
	f.add("attempted", boxThumb{attemptedColour})
	f.add("seized", boxThumb{seizedColour})
	return f, nil
}

// groupedBars draws two bars (attempted, seized) per category.
func groupedBars(p *plot.Plot, names []string, v [][2]float64) error {
	if len(names) == 0 {
		fromZero(p)
		return nil
	}
	// About 380 points of panel width: leave a third of each category
	// empty.
	w := min(vg.Length(22), vg.Length(380)/vg.Length(max(len(names), 1))*0.33)
	for k, col := range []color.Color{attemptedColour, seizedColour} {
		vals := make(plotter.Values, len(v))
		for i := range v {
			vals[i] = v[i][k]
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return err
		}
		b.Color = col
		b.LineStyle.Width = 0
		b.Offset = (vg.Length(k) - 0.5) * w
		p.Add(b)
	}
	fromZero(p)
	return nil
}

// interdiction: the share of kilograms seized by port (with the 95%
// interval over replications when summary.json has one) and by drug.
func (r *run) interdiction() (*figure, error) {
	c, err := r.contraband()
	if c == nil || err != nil {
		return nil, err
	}
	f := &figure{
		name:  "interdiction",
		title: "Interdiction rate: share of the contraband seized",
		note:  "Kilograms seized as a share of kilograms attempted. Whiskers: 95% interval over replications (with two or more).",
		caption: "The share of the contraband that inspection caught, port by port and drug by drug, with its 95% " +
			"confidence interval over replications when the run had several.",
	}
	shown, _ := c.shownPorts()
	type mark struct {
		name string
		x    *kg
		c    color.Color
	}
	var pm []mark
	for _, p := range shown {
		pm = append(pm, mark{p, c.byPort[p], r.ports.colour(p)})
	}
	if len(c.ports) > 1 {
		pm = append(pm, mark{"all ports", c.total, totalColour})
	}
	names := make([]string, len(pm))
	whiskers := false
	for i, m := range pm {
		names[i] = m.name
		whiskers = whiskers || m.x.ci != nil
	}
	title := "By port, all drugs"
	if len(shown) < len(c.ports) {
		// The ports beyond these are not drawn (a rate of "other"
		// would mix them): say so.
		title = fmt.Sprintf("By port (the %d of %d with most kg), all drugs", len(shown), len(c.ports))
	}
	portPanel := newCategoryPanel(title, "seized, % of kg attempted", names)
	for i, m := range pm {
		if err := rateMark(portPanel, float64(i), m.x.rate, m.x.ci, m.c, draw.CircleGlyph{}); err != nil {
			return nil, err
		}
	}
	fromZero(portPanel)

	drugPanel := newCategoryPanel("By drug, all ports", "seized, % of kg attempted", c.drugs)
	for i, d := range c.drugs {
		if err := rateMark(drugPanel, float64(i), c.byDrug[d].rate, nil, r.drugs.colour(d), draw.BoxGlyph{}); err != nil {
			return nil, err
		}
	}
	fromZero(drugPanel)
	f.series = len(pm) + len(c.drugs)
	f.rows = [][]*plot.Plot{{portPanel, drugPanel}}
	f.header("Port")
	for _, m := range pm {
		f.add(m.name, markThumb{m.c, draw.CircleGlyph{}, whiskers})
	}
	f.header("Drug")
	for _, d := range c.drugs {
		f.add(d, markThumb{r.drugs.colour(d), draw.BoxGlyph{}, false})
	}
	return f, nil
}

// rateMark draws one interdiction rate (a fraction, shown in percent) at
// x, with its interval when known.
func rateMark(p *plot.Plot, x, rate float64, ci *[2]float64, c color.Color, shape draw.GlyphDrawer) error {
	pts := plotter.XYs{{X: x, Y: 100 * rate}}
	s, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: 4, Shape: shape}
	p.Add(s)
	if ci != nil {
		lo, hi := max(0, 100*ci[0]), 100*ci[1]
		e := xyErrs{XYs: pts, YErrors: plotter.YErrors{{Low: 100*rate - lo, High: hi - 100*rate}}}
		if e.YErrors[0].Low < 0 {
			e.YErrors[0].Low = 0
		}
		if e.YErrors[0].High < 0 {
			e.YErrors[0].High = 0
		}
		bars, err := plotter.NewYErrorBars(e)
		if err != nil {
			return err
		}
		bars.LineStyle = lineStyle(c, 1.2, false)
		bars.CapWidth = 8
		p.Add(bars)
	}
	return nil
}

// xyErrs is points with vertical intervals (plotter.NewYErrorBars).
type xyErrs struct {
	plotter.XYs
	plotter.YErrors
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func sortedKeys[V any](m map[string]V) []string {
	s := set{}
	for k := range m {
		s.add(k)
	}
	return s.list()
}
