package plots

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

// The routes chart draws the counterfactual's path as dashed lines, one per
// boundary between stacked ports, at its own shares.
func TestRoutesCounterfactual(t *testing.T) {
	routes := "period,day,organisation,port,class,concealment,kg_planned,share\n" +
		"0,0,o,A,truck,c,60,0.6\n0,0,o,B,truck,c,40,0.4\n1,7,o,A,truck,c,20,0.2\n1,7,o,B,truck,c,80,0.8\n"
	cf := "period,day,organisation,port,class,concealment,kg_planned,share\n" +
		"0,0,o,A,truck,c,60,0.6\n0,0,o,B,truck,c,40,0.4\n1,7,o,A,truck,c,55,0.55\n1,7,o,B,truck,c,45,0.45\n"
	for _, withCF := range []bool{false, true} {
		files := map[string][]byte{"routes.csv": []byte(routes)}
		if withCF {
			files["routes-counterfactual.csv"] = []byte(cf)
		}
		_, figs := layout(t, files)
		if len(figs) != 1 || figs[0].name != "routes" {
			t.Fatalf("figures %v", chartNames(figs))
		}
		r, _, err := buildRun(files)
		if err != nil {
			t.Fatal(err)
		}
		A := func(p string) bool { return p == "A" }
		B := func(p string) bool { return p == "B" }
		dashed, err := r.routesCounterfactual(plot.New(), "day", "kg_planned", []func(string) bool{A, B})
		if err != nil {
			t.Fatal(err)
		}
		if !withCF {
			if len(dashed) != 0 || strings.Contains(figs[0].note, "Dashed") {
				t.Errorf("dashes without a counterfactual")
			}
			continue
		}
		if len(dashed) != 1 || !strings.Contains(figs[0].note, "Dashed") {
			t.Fatalf("%d dashed lines, note %q", len(dashed), figs[0].note)
		}
		// The boundary between A and B: 60% then 55% (steps).
		got := dashed[0].XYs
		if math.Abs(got[0].Y-60) > 1e-9 || math.Abs(got[len(got)-1].Y-55) > 1e-9 {
			t.Errorf("counterfactual boundary %v", got)
		}
	}
}
