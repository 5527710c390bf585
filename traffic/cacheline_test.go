package traffic

import (
	"testing"

	"borderflow/internal/cacheline"
)

// A lane's arrivals and load plan are written at every arrival, so they
// start on cache lines of their own (internal/cacheline): lanes of ports
// that run on two cores never write one line.
func TestLaneTypesOwnTheirCacheLines(t *testing.T) {
	if !cacheline.Owns[Arrivals]() {
		t.Error("Arrivals objects share cache lines: pad it (internal/cacheline)")
	}
	if !cacheline.Owns[LoadPlan]() {
		t.Error("LoadPlan objects share cache lines: pad it (internal/cacheline)")
	}
}
