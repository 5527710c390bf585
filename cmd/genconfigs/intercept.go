package main

import (
	"fmt"
	"strings"
)

// interceptSurges writes an inspection operation as one [[surge]] per
// port from the start of the horizon to end, every class referred at
// rate: the ports themselves keep their usual rates, so that a run
// measures the operation against the same ports without it (the
// counterfactual the run makes of a scenario's surges).
func (g *gen) interceptSurges(ports []string, end string, rate float64, note string) string {
	g.b.Reset()
	g.p("\n# The operation: at every port below, from the start to %s, %s.\n", end, note)
	for _, n := range ports {
		var classes []string
		for _, r := range g.ports {
			if r.name != n {
				continue
			}
			// The lanes the port block writes: a class with a 2024 count.
			for _, spec := range laneSpecs {
				annual := r.cars
				if spec.class == "truck" {
					annual = r.trucks
				}
				if annual > 0 {
					classes = append(classes, fmt.Sprintf("%s = %s", spec.class, num(rate)))
				}
			}
		}
		g.p("\n[[surge]]\nport = %q\nstart = \"0d\"\nend = %q\nreferral_rate = { %s }\n", n, end, strings.Join(classes, ", "))
	}
	return g.b.String()
}
