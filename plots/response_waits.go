package plots

import (
	"fmt"
	"math"
	"sort"

	"borderflow/numfmt"

	"gonum.org/v1/plot"
)

// responseLanes is how many lanes the response-waits chart shows: one row
// of two panels each.
const responseLanes = 4

// pickLanes takes up to n of the ranked lanes, class by class in turn
// (each class's best first, the classes in the order of their best), so
// that a class whose queues are longer in vehicles (cars) does not crowd
// out the others (trucks).
func pickLanes(ranked []portClass, n int) []portClass {
	var classes []string
	byClass := map[string][]portClass{}
	for _, k := range ranked {
		if byClass[k.class] == nil {
			classes = append(classes, k.class)
		}
		byClass[k.class] = append(byClass[k.class], k)
	}
	var out []portClass
	for len(out) < min(n, len(ranked)) {
		for _, c := range classes {
			if len(byClass[c]) > 0 && len(out) < n {
				out = append(out, byClass[c][0])
				byClass[c] = byClass[c][1:]
			}
		}
	}
	return out
}

// responseWaits: the waits with the drivers' answer to delay and without
// it (series.csv beside series-no-response.csv, which run
// -response-counterfactual writes: the same scenario and seeds without
// [response]). One row per lane, for the lanes whose queue the response
// shortened most: the mean wait at primary over time, and the vehicles
// queued, each with the response (solid, the port's colour) and without it
// (dashed, dark grey). Skipped when either series is missing or the two do
// not have the same bins.
func (r *run) responseWaits() (*figure, error) {
	h := r.ts
	if h == nil {
		return nil, nil
	}
	horizon := 0.0
	if r.sum != nil {
		horizon = r.sum.HorizonHours
	}
	g, err := readSeriesFile(r.files, "series-no-response.csv", horizon)
	if g == nil || err != nil {
		return nil, err
	}
	if len(g.start) != len(h.start) || g.start[0] != h.start[0] || g.end() != h.end() {
		return nil, nil // not the same run's bins: nothing to set side by side
	}
	var lanes []portClass
	for _, k := range g.keys(all) {
		if _, ok := h.cells[k]; ok {
			lanes = append(lanes, k)
		}
	}
	if len(lanes) == 0 {
		return nil, nil
	}
	shortened := func(k portClass) float64 {
		sel := portClassIs(k.port, k.class)
		return g.total("queue_length", sel) - h.total("queue_length", sel)
	}
	sort.SliceStable(lanes, func(i, j int) bool { return shortened(lanes[i]) > shortened(lanes[j]) })
	shown := pickLanes(lanes, responseLanes)

	a := h.axis()
	type laneSeries struct {
		waitWith, waitWithout, queueWith, queueWithout []float64
	}
	ss := make([]laneSeries, len(shown))
	most := 0.0
	for i, k := range shown {
		sel := portClassIs(k.port, k.class)
		ss[i] = laneSeries{h.waitMean(a, "wait_mean_min", sel), g.waitMean(a, "wait_mean_min", sel),
			h.level(a, "queue_length", sel), g.level(a, "queue_length", sel)}
		for _, v := range append(append([]float64(nil), ss[i].waitWith...), ss[i].waitWithout...) {
			if v > most { // NaN (no wait ended) is never above
				most = v
			}
		}
	}
	unit, scale := "minutes", 1.0
	switch {
	case most > 3*24*60:
		unit, scale = "days", 1.0/(24*60)
	case most > 180:
		unit, scale = "hours", 1.0/60
	}
	scaled := func(y []float64) []float64 {
		out := make([]float64, len(y))
		for i, v := range y {
			out[i] = v * scale
		}
		return out
	}
	f := &figure{
		name:  "response-waits",
		title: "Waits with and without the drivers' response",
		note: "Solid: this run; dashed: the same seeds without [response] (every vehicle waits). Left: mean wait of the " +
			"vehicles reaching a booth; right: vehicles queued. " + capitalize(a.note) + ".",
		caption: "What the drivers' answer to delay does to the queues. Without it (dashed: the same scenario and seeds, " +
			"series-no-response.csv) nobody diverts, puts a trip off or stays home, so an overloaded lane's queue grows " +
			"until the lane is full (its population limit: newcomers are then refused) and the wait grows with the " +
			"horizon; with it (solid) drivers facing a long wait go elsewhere or later and the queue stays bounded. " +
			"Shown: the lanes whose queue the response shortened most (by class in turn); each panel's title gives " +
			"the run's mean wait with and without.",
	}
	without := lineStyle(counterfactualColour, 1.2, true)
	for i, k := range shown {
		c := r.ports.colour(k.port)
		with := lineStyle(c, 1.6, false)
		name := k.port + " " + k.class
		sel := portClassIs(k.port, k.class)
		wp := newPanel(fmt.Sprintf("%s: wait at primary (mean %s with, %s without)", name,
			numfmt.Minutes(h.meanWait(sel)), numfmt.Minutes(g.meanWait(sel))), a.label, "mean wait, "+unit)
		if err := gappyLine(wp, a.x, scaled(ss[i].waitWithout), without); err != nil {
			return nil, err
		}
		if err := gappyLine(wp, a.x, scaled(ss[i].waitWith), with); err != nil {
			return nil, err
		}
		qp := newPanel(name+": vehicles queued", a.label, "vehicles queued")
		if _, err := line(qp, a.x, ss[i].queueWithout, without); err != nil {
			return nil, err
		}
		if _, err := line(qp, a.x, ss[i].queueWith, with); err != nil {
			return nil, err
		}
		for _, p := range []*plot.Plot{wp, qp} {
			fromZero(p)
			xRange(p, h, a)
			if math.IsInf(p.Y.Max, 0) || p.Y.Max <= p.Y.Min {
				p.Y.Max = p.Y.Min + 1
			}
		}
		f.series += 4
		f.rows = append(f.rows, []*plot.Plot{wp, qp})
	}
	f.header("Port")
	seen := set{}
	for _, k := range shown {
		if !seen[k.port] {
			seen.add(k.port)
			f.add(k.port, boxThumb{r.ports.colour(k.port)})
		}
	}
	f.header("Line")
	f.add("with the response (this run)", lineThumb(lineStyle(counterfactualColour, 1.6, false)))
	f.add("without the response", lineThumb(without))
	for i, row := range f.rows {
		for j, p := range row {
			r.markSurges(f, p, a, i == 0 && j == 0)
		}
	}
	return f, nil
}
