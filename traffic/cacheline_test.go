package traffic

import (
	"testing"

	"borderflow/sim"
)

// A lane's arrivals and load plan are written at every arrival, so they
// start on cache lines of their own (sim/cacheline.go): lanes of ports
// that run on two cores never write one line.
func TestLaneTypesOwnTheirCacheLines(t *testing.T) {
	if !sim.OwnsCacheLines[Arrivals]() {
		t.Error("Arrivals objects share cache lines: pad it (sim/cacheline.go)")
	}
	if !sim.OwnsCacheLines[LoadPlan]() {
		t.Error("LoadPlan objects share cache lines: pad it (sim/cacheline.go)")
	}
}
