package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// xRange fixes a time panel's x axis to the statistics window.
func xRange(p *plot.Plot, h *timeGrid, a timeAxis) {
	p.X.Min, p.X.Max = h.start[0]/a.unit, h.end()/a.unit
}

// markSurges draws the staff surges of summary.json on a time panel as
// dashed lines at their start and end (named when label is set), and says
// so in the legend once.
func (r *run) markSurges(f *figure, p *plot.Plot, a timeAxis, label bool) {
	if r.sum == nil || len(r.sum.surges) == 0 {
		return
	}
	for _, s := range r.sum.surges {
		b := band{x0: s.StartDay * 24 / a.unit, x1: s.EndDay * 24 / a.unit, strip: math.NaN()}
		if label {
			b.label = "surge: " + s.Port
		}
		p.Add(b)
	}
	if label {
		p.Y.Max *= 1.1 // room for the names above the data
	}
	for _, e := range f.legend {
		if e.label == surgeLegend {
			return
		}
	}
	f.header("Mark")
	f.add(surgeLegend, lineThumb(draw.LineStyle{Color: color.Gray{Y: 40}, Width: 0.8, Dashes: []vg.Length{3, 2}}))
}

const surgeLegend = "staff surge (start, end)"

// medianDashes dash the median beside the solid 95th percentile.
var medianDashes = []vg.Length{5, 3}

// shownPorts returns the busiest ports of the hourly grid (by arrivals)
// and whether the rest are summed as "other".
func (h *timeGrid) shownPorts() ([]string, bool) {
	return top(h.ports, func(p string) float64 { return h.total("arrivals", portIs(p)) }, topPorts)
}

// throughput: one panel per vehicle class; departures per hour stacked by
// port (the busiest eight and "other") and the arrivals (demand) as a
// dashed line. Where the line runs above the areas, queues are growing.
func (r *run) throughput() (*figure, error) {
	h := r.ts
	if h == nil {
		return nil, nil
	}
	a := h.axis()
	shown, other := h.shownPorts()
	f := &figure{
		name:  "throughput",
		title: "Throughput: vehicles crossing per hour, by port and class",
		note: "Areas: vehicles that left the port (primary and any secondary) per hour, stacked by port; dashed line: " +
			"arrivals (demand). " + capitalize(a.note) + ".",
		caption: "How many vehicles each port moves over simulated time, class by class. The stacked areas are " +
			"throughput by port; the dashed line is demand. Where demand runs above throughput the queue is growing.",
	}
	for _, c := range h.classes {
		p := a.panel(c, "vehicles per hour")
		var layers [][]float64
		var colours []color.Color
		for _, port := range shown {
			if _, ok := h.cells[portClass{port, c}]; !ok {
				continue
			}
			layers = append(layers, h.rate(a, "departures", portClassIs(port, c)))
			colours = append(colours, r.ports.colour(port))
		}
		if other {
			layers = append(layers, h.rate(a, "departures", notIn(shown, c)))
			colours = append(colours, otherColour)
		}
		if err := stack(p, a.x, layers, colours); err != nil {
			return nil, err
		}
		if _, err := line(p, a.x, h.rate(a, "arrivals", classIs(c)), lineStyle(totalColour, 1, true)); err != nil {
			return nil, err
		}
		f.series += len(layers) + 1
		fromZero(p)
		xRange(p, h, a)
		f.rows = append(f.rows, []*plot.Plot{p})
	}
	f.header("Port")
	for _, port := range shown {
		f.add(port, boxThumb{r.ports.colour(port)})
	}
	if other {
		f.add(fmt.Sprintf("%s (%d ports)", otherName, len(h.ports)-len(shown)), boxThumb{otherColour})
	}
	f.header("Demand")
	f.add("arrivals, all ports", lineThumb(lineStyle(totalColour, 1, true)))
	for i, row := range f.rows {
		r.markSurges(f, row[0], a, i == 0)
	}
	return f, nil
}

// waits: the median and 95th percentile wait for a primary booth, by class
// (over all ports), and — with several ports — the 95th percentile by
// port; the wait-pressure threshold as a red line when the scenario sets
// one.
func (r *run) waits() (*figure, error) {
	h := r.ts
	if h == nil {
		return nil, nil
	}
	a := h.axis()
	multi := len(h.ports) > 1
	// Each wait is counted when it ends, at a booth: a bin in a jam shows
	// the long waits of the vehicles that got through in it, and a bin in
	// which vehicles queued but none got through has no wait to show — a
	// gap, shaded, never a wait of zero.
	note := "Wait before a primary booth, by the time it ended; shaded: vehicles queued but none reached a booth. " +
		capitalize(a.note) + "."
	if multi {
		note = "Wait before a primary booth, by the time it ended; over several ports, the ports' percentiles averaged " +
			"weighted by vehicles; shaded: vehicles queued but none reached a booth. " + capitalize(a.note) + "."
	}
	f := &figure{
		name:  "waits",
		title: "Waits: median and 95th-percentile wait at primary",
		note:  note,
		caption: "How long vehicles wait for a primary booth over simulated time: the median (dashed) and the 95th " +
			"percentile (solid) by class. When a pressure threshold is set, the red line marks the wait above which " +
			"officers cut referrals to secondary.",
	}
	// Compute every series first: the unit (minutes or, for long waits,
	// hours) depends on the largest.
	type series struct {
		y    []float64
		look look
	}
	var byClass, byPort []series
	var classJams, portJams [][2]float64
	jams := func(sel selection) (out [][2]float64) {
		for g, j := range h.jammed(a, sel) {
			if j {
				x0, x1 := h.span(a, g)
				out = append(out, [2]float64{x0, x1})
			}
		}
		return out
	}
	for i, c := range h.classes {
		// A class is its colour and marker; the 95th percentile solid,
		// the median dashed.
		l := lookOf(i, r.classes.colour(c), 1.4).withDashes(nil, 1.4)
		byClass = append(byClass,
			series{h.waitMean(a, "wait_p95_min", classIs(c)), l},
			series{h.waitMean(a, "wait_p50_min", classIs(c)), l.withDashes(medianDashes, 1.1)})
		classJams = append(classJams, jams(classIs(c))...)
	}
	var shown []string
	if multi {
		shown, _ = h.shownPorts()
		for i, port := range shown {
			byPort = append(byPort, series{h.waitMean(a, "wait_p95_min", portIs(port)), lookOf(i, r.ports.colour(port), 1.2)})
			portJams = append(portJams, jams(portIs(port))...)
		}
	}
	thresholds := r.thresholds()
	// The unit and the y range follow the data alone: a threshold above
	// every wait would squash the curves into the floor.
	most := 0.0
	for _, s := range append(append([]series(nil), byClass...), byPort...) {
		for _, v := range s.y {
			if v > most {
				most = v
			}
		}
	}
	unit, scale := "minutes", 1.0
	if most > 180 {
		unit, scale = "hours", 1.0/60
	}
	jammed := false
	panel := func(title string, ss []series, jam [][2]float64) (*plot.Plot, error) {
		p := a.panel(title, "wait, "+unit)
		if len(jam) > 0 {
			sort.Slice(jam, func(i, j int) bool { return jam[i][0] < jam[j][0] })
			p.Add(spans{x: mergeSpans(jam), fill: jamColour})
			jammed = true
		}
		for _, s := range ss {
			y := make([]float64, len(s.y))
			for i, v := range s.y {
				y[i] = v * scale
			}
			if err := lookLine(p, a.x, y, s.look); err != nil {
				return nil, err
			}
		}
		for _, t := range thresholds {
			p.Add(hline{y: t.minutes * scale, style: lineStyle(thresholdColour, 1, true)})
		}
		fromZero(p)
		xRange(p, h, a)
		return p, nil
	}

	title := "By class"
	if multi {
		title = "By class, all ports"
	}
	p, err := panel(title, byClass, classJams)
	if err != nil {
		return nil, err
	}
	f.series += len(byClass)
	f.rows = append(f.rows, []*plot.Plot{p})

	f.header("Class")
	for i := range h.classes {
		f.add(h.classes[i], lookThumb{byClass[2*i].look})
	}
	f.header("Line")
	f.add("95th percentile", lineThumb(lineStyle(color.Gray{Y: 60}, 1.4, false)))
	f.add("median", lineThumb(draw.LineStyle{Color: color.Gray{Y: 60}, Width: 1.1, Dashes: medianDashes}))
	var q *plot.Plot
	if multi {
		title := "95th percentile by port, all classes"
		if len(shown) < len(h.ports) {
			title = fmt.Sprintf("95th percentile, the %d busiest of %d ports (by arrivals), all classes", len(shown), len(h.ports))
		}
		if q, err = panel(title, byPort, portJams); err != nil {
			return nil, err
		}
		// One y range for both panels, so that they read alike.
		p.Y.Max = max(p.Y.Max, q.Y.Max)
		q.Y.Max = p.Y.Max
		f.series += len(byPort)
		f.rows = append(f.rows, []*plot.Plot{q})
	}
	for _, t := range thresholds {
		f.add(t.label, lineThumb(lineStyle(thresholdColour, 1, true)))
		if t.minutes*scale > p.Y.Max {
			f.add("(above the waits shown)", nil)
		}
	}
	if multi {
		f.header("Port")
		for i, port := range shown {
			f.add(port, lookThumb{byPort[i].look})
		}
	}
	if jammed {
		f.header("Shaded")
		f.add("queue, no vehicle reached a booth", boxThumb{jamColour})
	}
	for i, row := range f.rows {
		r.markSurges(f, row[0], a, i == 0)
	}
	return f, nil
}

type threshold struct {
	minutes float64
	label   string
}

// thresholds lists the distinct wait-pressure thresholds of summary.json
// (none when the key is absent), each with the ports it applies to.
func (r *run) thresholds() []threshold {
	if r.sum == nil || len(r.sum.pressure) == 0 {
		return nil
	}
	byValue := map[float64][]string{}
	for port, m := range r.sum.pressure {
		byValue[m] = append(byValue[m], port)
	}
	var out []threshold
	for m, ports := range byValue {
		sort.Strings(ports)
		label := fmt.Sprintf("pressure threshold %s min", trimNum(m))
		switch n := len(r.sum.Ports); {
		case n <= 1 || ports[0] == "":
		case len(ports) == n:
			label += " (every port)"
		case len(ports) <= 3:
			label += " (" + strings.Join(ports, ", ") + ")"
		default:
			// A list of 28 names would push the panels off the chart.
			label += fmt.Sprintf(" (%d of %d ports)", len(ports), n)
		}
		out = append(out, threshold{m, label})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].minutes < out[j].minutes })
	return out
}

// secondary: referrals, secondary inspections and missed referrals (lot
// full) per hour over all ports; the secondary lot's occupancy by port.
func (r *run) secondary() (*figure, error) {
	h := r.ts
	if h == nil {
		return nil, nil
	}
	a := h.axis()
	f := &figure{
		name:  "secondary",
		title: "Secondary inspection: referrals, inspections and missed referrals",
		note:  "Top: vehicles per hour over all ports and classes. Bottom: mean vehicles in the secondary lot. " + capitalize(a.note) + ".",
		caption: "Vehicles sent to secondary inspection and those that could not be: a missed referral is a vehicle " +
			"released uninspected because the secondary lot was full. The lower panel shows the lot filling up.",
	}
	p := a.panel("Referrals and inspections, all ports", "vehicles per hour")
	// Referrals dashed and on top: without missed referrals they equal
	// the inspections and would hide them.
	for _, m := range []struct {
		col    string
		c      color.Color
		dashed bool
	}{{"secondary", inspectColour, false}, {"missed_referrals", missedColour, false}, {"referrals", referralColour, true}} {
		if _, err := line(p, a.x, h.rate(a, m.col, all), lineStyle(m.c, 1.3, m.dashed)); err != nil {
			return nil, err
		}
	}
	f.series += 3
	fromZero(p)
	xRange(p, h, a)

	shown, other := h.shownPorts()
	q := a.panel("Secondary lot occupancy", "vehicles in the lot")
	lotLook := func(i int) look {
		if i == len(shown) {
			return lookOf(i, otherColour, 1.2)
		}
		return lookOf(i, r.ports.colour(shown[i]), 1.2)
	}
	for i, port := range shown {
		if err := lookLine(q, a.x, h.level(a, "lot_occupancy", portIs(port)), lotLook(i)); err != nil {
			return nil, err
		}
	}
	if other {
		if err := lookLine(q, a.x, h.level(a, "lot_occupancy", notIn(shown, "")), lotLook(len(shown))); err != nil {
			return nil, err
		}
	}
	f.series += len(shown)
	if other {
		f.series++
	}
	fromZero(q)
	xRange(q, h, a)
	f.rows = [][]*plot.Plot{{p}, {q}}

	f.header("Vehicles")
	f.add("referred to secondary", lineThumb(lineStyle(referralColour, 1.3, true)))
	f.add("inspected in secondary", lineThumb(lineStyle(inspectColour, 1.3, false)))
	f.add("missed: lot full", lineThumb(lineStyle(missedColour, 1.3, false)))
	f.header("Lot, by port")
	for i, port := range shown {
		f.add(port, lookThumb{lotLook(i)})
	}
	if other {
		f.add(fmt.Sprintf("%s (%d ports)", otherName, len(h.ports)-len(shown)), lookThumb{lotLook(len(shown))})
	}
	for i, row := range f.rows {
		r.markSurges(f, row[0], a, i == 0)
	}
	return f, nil
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// trimNum prints a number with at most three significant decimals.
func trimNum(x float64) string { return fmt.Sprintf("%.4g", x) }
