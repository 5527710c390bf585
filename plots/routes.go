package plots

import (
	"fmt"
	"image/color"
	"sort"

	"gonum.org/v1/plot"
)

// routes: the smugglers' route shares by port over time (routes.csv, when
// the run had adaptive organisations), stacked to 100%, with the staff
// surges of summary.json shaded. Read defensively: the chart is skipped
// when the file or the columns it needs are missing.
//
// routes.csv: period, day, organisation, port, class, concealment,
// kg_planned, share — one row per decision period and route. The share
// of a port at a time is its kilograms planned over all kilograms planned
// then (or, without kg_planned, its summed share).
func (r *run) routes() (*figure, error) {
	t, err := readTable(r.files, "routes.csv")
	if t == nil || err != nil {
		return nil, err
	}
	timeCol := "day"
	if !t.has(timeCol) {
		timeCol = "period"
	}
	weightCol := "kg_planned"
	if !t.has(weightCol) {
		weightCol = "share"
	}
	if !t.has("port", timeCol, weightCol) || len(t.rows) == 0 {
		return nil, nil
	}
	w, err := readRouteWeights(t, timeCol, weightCol)
	if err != nil {
		return nil, err
	}
	ports, times := w.ports, w.times
	shown, other := top(ports, func(p string) float64 { return w.total[p] }, topPorts)
	x := r.routeSteps(times, timeCol)
	var layers [][]float64
	var colours []color.Color
	var sels []func(string) bool
	add := func(sel func(string) bool, c color.Color) {
		sels = append(sels, sel)
		v := make([]float64, 0, len(x))
		for _, tm := range times {
			s := w.share(tm, sel)
			v = append(v, s, s)
		}
		layers = append(layers, v)
		colours = append(colours, c)
	}
	in := map[string]bool{}
	for _, p := range shown {
		in[p] = true
		add(func(q string) bool { return q == p }, r.ports.colour(p))
	}
	if other {
		add(func(q string) bool { return !in[q] }, otherColour)
	}

	xLabel := "simulated time (days after warm-up)"
	if timeCol == "period" {
		xLabel = "decision period"
	}
	what := "kilograms the organisations planned to move"
	if weightCol == "share" {
		what = "the organisations' route shares (summed)"
	}
	f := &figure{
		name:  "routes",
		title: "Route shares: where the smugglers send their loads",
		note:  fmt.Sprintf("Share of the %s through each route, by port, at each decision.", what),
		caption: "How the smuggling organisations spread their loads over the ports, decision by decision. When " +
			"pressure rises at one port (a shaded staff surge), watch the share move to the others.",
	}
	p := newPanel("", xLabel, "share of planned kg, %")
	if err := stack(p, x, layers, colours); err != nil {
		return nil, err
	}
	f.series = len(layers)
	cfLines, err := r.routesCounterfactual(p, timeCol, weightCol, sels) // plots/routes_cf.go
	if err != nil {
		return nil, err
	}
	cf := len(cfLines) > 0
	if cf {
		f.note += " Dashed: the same seeds without the surges (routes-counterfactual.csv)."
	}
	if timeCol == "day" && r.sum != nil {
		for _, s := range r.sum.surges {
			p.Add(band{x0: s.StartDay, x1: s.EndDay, strip: 101.5, fill: surgeColour, label: "surge: " + s.Port})
		}
	}
	p.Y.Min, p.Y.Max = 0, 100
	if timeCol == "day" && r.sum != nil && len(r.sum.surges) > 0 {
		p.Y.Max = 108 // a strip above the shares for the surges
	}
	p.X.Min, p.X.Max = x[0], x[len(x)-1]
	f.rows = [][]*plot.Plot{{p}}
	f.header("Route, by port")
	for _, port := range shown {
		f.add(port, boxThumb{r.ports.colour(port)})
	}
	if other {
		f.add(fmt.Sprintf("%s (%d more)", otherName, len(ports)-len(shown)), boxThumb{otherColour})
	}
	if timeCol == "day" && r.sum != nil && len(r.sum.surges) > 0 {
		f.header("Mark")
		f.add("staff surge (strip on top)", boxThumb{surgeColour})
	}
	if cf {
		f.add("without the surges", lineThumb(lineStyle(counterfactualColour, 1.2, true)))
	}
	return f, nil
}

// routeWeights is routes.csv (or routes-counterfactual.csv) as the routes
// chart reads it: each port's weight at each decision time, the ports in
// file order with each one's total, and the decision times in order.
type routeWeights struct {
	weight map[float64]map[string]float64
	total  map[string]float64
	ports  []string
	times  []float64
}

func readRouteWeights(t *table, timeCol, weightCol string) (*routeWeights, error) {
	w := &routeWeights{weight: map[float64]map[string]float64{}, total: map[string]float64{}}
	for i := range t.rows {
		v, err := t.nums(i, timeCol, weightCol)
		if err != nil {
			return nil, err
		}
		port := t.str(i, "port")
		if _, ok := w.total[port]; !ok {
			w.ports = append(w.ports, port)
		}
		w.total[port] += v[1]
		if w.weight[v[0]] == nil {
			w.weight[v[0]] = map[string]float64{}
		}
		w.weight[v[0]][port] += v[1]
	}
	w.times = make([]float64, 0, len(w.weight))
	for x := range w.weight {
		w.times = append(w.times, x)
	}
	sort.Float64s(w.times)
	return w, nil
}

// share is the percentage of the weight at decision time tm that goes
// through the ports sel selects.
func (w *routeWeights) share(tm float64, sel func(string) bool) float64 {
	var num, den float64
	for _, port := range w.ports { // in order: float sums must not depend on map order
		x := w.weight[tm][port]
		den += x
		if sel(port) {
			num += x
		}
	}
	return 100 * ratio(num, den)
}

// routeSteps is the x of a step line through decision times (each share
// holds from one decision to the next; the last held for one more step,
// or to the horizon): two points a decision.
func (r *run) routeSteps(times []float64, timeCol string) []float64 {
	end := times[len(times)-1] + 1
	if len(times) > 1 {
		end = times[len(times)-1] + (times[len(times)-1] - times[len(times)-2])
	}
	if timeCol == "day" && r.sum != nil && r.sum.HorizonHours/24 > times[len(times)-1] {
		end = r.sum.HorizonHours / 24
	}
	var x []float64
	for i, tm := range times {
		next := end
		if i+1 < len(times) {
			next = times[i+1]
		}
		x = append(x, tm, next)
	}
	return x
}

// routeTotals returns the ports of routes.csv in file order and each
// one's summed weight (kg_planned, or share), as the routes chart ranks
// them; nothing when the file or its columns are missing or bad.
func routeTotals(files map[string][]byte) ([]string, map[string]float64) {
	t, err := readTable(files, "routes.csv")
	if t == nil || err != nil {
		return nil, nil
	}
	weightCol := "kg_planned"
	if !t.has(weightCol) {
		weightCol = "share"
	}
	if !t.has("port", weightCol) {
		return nil, nil
	}
	var ports []string
	total := map[string]float64{}
	for i := range t.rows {
		w, err := t.num(i, weightCol)
		if err != nil {
			return nil, nil
		}
		p := t.str(i, "port")
		if _, ok := total[p]; !ok {
			ports = append(ports, p)
		}
		total[p] += w
	}
	return ports, total
}
