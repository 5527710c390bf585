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

// hoursInPort reads response-counterfactual.csv's mean hours in the port
// with and without the response by lane (none without the file or its
// columns).
func hoursInPort(files map[string][]byte) (map[portClass][2]float64, error) {
	t, err := readTable(files, "response-counterfactual.csv")
	if t == nil || err != nil || !t.has("port", "class", "hours_in_port_mean_with", "hours_in_port_mean_without") {
		return nil, err
	}
	out := map[portClass][2]float64{}
	for i := range t.rows {
		v, err := t.nums(i, "hours_in_port_mean_with", "hours_in_port_mean_without")
		if err != nil {
			return nil, err
		}
		out[portClass{t.str(i, "port"), t.str(i, "class")}] = [2]float64{v[0], v[1]}
	}
	return out, nil
}

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
// shortened most: the mean wait at primary over time, and the vehicles in
// the port (arrived and not yet left: every stage's queue), each with the response (solid, the port's colour) and without it
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
	g, err := readSeriesFrom(r.open, "series-no-response.csv", horizon)
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
	a := h.axis()
	shortened := map[portClass]float64{}
	for _, k := range lanes {
		sel := portClassIs(k.port, k.class)
		for i, v := range g.inside(a, sel) {
			shortened[k] += v - h.inside(a, sel)[i]
		}
	}
	sort.SliceStable(lanes, func(i, j int) bool { return shortened[lanes[i]] > shortened[lanes[j]] })
	// Lanes the response did not change (a class that does not answer
	// delay, a port without queues) have nothing to show.
	changed := lanes[:0:0]
	for _, k := range lanes {
		if shortened[k] > 0.01*shortened[lanes[0]] && shortened[k] > 0 {
			changed = append(changed, k)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	shown := pickLanes(changed, responseLanes)
	inPort, err := hoursInPort(r.files)
	if err != nil {
		return nil, err
	}

	type laneSeries struct {
		waitWith, waitWithout, queueWith, queueWithout []float64
	}
	ss := make([]laneSeries, len(shown))
	most := 0.0
	for i, k := range shown {
		sel := portClassIs(k.port, k.class)
		ss[i] = laneSeries{h.waitMean(a, "wait_mean_min", sel), g.waitMean(a, "wait_mean_min", sel),
			h.inside(a, sel), g.inside(a, sel)}
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
		note: "Solid: this run; dashed: the same seeds without [response]. Left: wait at primary; right: vehicles arrived, " +
			"not yet left. Titles: means with / without. " + capitalize(a.note) + ".",
		caption: "What the drivers' answer to delay does to the queues. Without it (dashed: the same scenario and seeds, " +
			"series-no-response.csv) nobody diverts, puts a trip off or stays home, so an overloaded lane's queue grows " +
			"until the lane is full (its population limit: newcomers are then refused) and the wait grows with the " +
			"horizon; with it (solid) drivers facing a long wait go elsewhere or later and the queue stays bounded. " +
			"Shown: the lanes whose queues the response shortened most (by class in turn); the titles give the run's " +
			"mean wait at primary and mean time in the port (every stage: secondary, a checkpoint), with and without.",
	}
	without := lineStyle(counterfactualColour, 1.2, true)
	for i, k := range shown {
		c := r.ports.colour(k.port)
		with := lineStyle(c, 1.6, false)
		name := k.port + " " + k.class
		sel := portClassIs(k.port, k.class)
		wp := a.panel(fmt.Sprintf("%s: primary wait %s / %s", name,
			numfmt.Minutes(h.meanWait(sel)), numfmt.Minutes(g.meanWait(sel))), "mean wait, "+unit)
		if err := gappyLine(wp, a.x, scaled(ss[i].waitWithout), without); err != nil {
			return nil, err
		}
		if err := gappyLine(wp, a.x, scaled(ss[i].waitWith), with); err != nil {
			return nil, err
		}
		qTitle := name + ": vehicles in the port"
		if v, ok := inPort[k]; ok {
			qTitle = fmt.Sprintf("%s: time in the port %s / %s", name, numfmt.Minutes(60*v[0]), numfmt.Minutes(60*v[1]))
		}
		qp := a.panel(qTitle, "vehicles in the port")
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
