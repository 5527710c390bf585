package plots

import (
	"image/color"

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
	w, err := readRouteWeights(t, timeCol, weightCol)
	if err != nil {
		return nil, err
	}
	times := w.times
	x := r.routeSteps(times, timeCol)
	cum := make([]float64, len(times))
	for li, sel := range layers {
		if li == len(layers)-1 {
			break // the top edge is 100%
		}
		y := make([]float64, 0, len(x))
		for k, tm := range times {
			cum[k] += w.share(tm, sel)
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
