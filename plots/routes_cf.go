package plots

import (
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// counterfactualColour draws the counterfactual's boundaries on the
// routes chart.
var counterfactualColour = color.Gray{Y: 40}

// routesCounterfactual draws, over the routes chart's stacked shares, the
// same stack under the counterfactual (routes-counterfactual.csv: the
// same scenario and seeds without the surges) as dashed lines at each
// layer's upper edge, so that both paths show in one panel: where the
// shaded areas leave the dashes, the surge moved the loads. layers are
// the policy's selections in stacking order. It returns the lines drawn
// (none without the file).
func (r *run) routesCounterfactual(p *plot.Plot, timeCol, weightCol string, layers []func(string) bool) ([]*plotter.Line, error) {
	t, err := readTable(r.files, "routes-counterfactual.csv")
	if t == nil || err != nil || !t.has("port", timeCol, weightCol) || len(t.rows) == 0 {
		return nil, err
	}
	var drawn []*plotter.Line
	weight := map[float64]map[string]float64{}
	var ports []string
	seen := map[string]bool{}
	for i := range t.rows {
		v, err := t.nums(i, timeCol, weightCol)
		if err != nil {
			return nil, err
		}
		port := t.str(i, "port")
		if !seen[port] {
			seen[port] = true
			ports = append(ports, port)
		}
		if weight[v[0]] == nil {
			weight[v[0]] = map[string]float64{}
		}
		weight[v[0]][port] += v[1]
	}
	times := make([]float64, 0, len(weight))
	for x := range weight {
		times = append(times, x)
	}
	sort.Float64s(times)
	end := times[len(times)-1] + 1
	if len(times) > 1 {
		end = 2*times[len(times)-1] - times[len(times)-2]
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
	cum := make([]float64, len(times))
	for li, sel := range layers {
		if li == len(layers)-1 {
			break // the top edge is 100%
		}
		y := make([]float64, 0, len(x))
		for k, tm := range times {
			var num, den float64
			for _, port := range ports { // in order: float sums must not depend on map order
				w := weight[tm][port]
				den += w
				if sel(port) {
					num += w
				}
			}
			cum[k] += 100 * ratio(num, den)
			y = append(y, cum[k], cum[k])
		}
		l, err := line(p, x, y, lineStyle(counterfactualColour, 1.2, true))
		if err != nil {
			return nil, err
		}
		drawn = append(drawn, l)
	}
	return drawn, nil
}
