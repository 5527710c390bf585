package ports

import (
	"testing"
	"unsafe"

	"borderflow/sim"
)

// What a port allocates per lane and writes while it runs starts on cache
// lines of its own (sim/cacheline.go), so two ports that run on two cores
// never write one line. A pool starts with room for 16 vehicles for the
// same reason: one or two vehicles' worth would share a line. (A lane's
// checkpoints are written only when one starts or ends, so they may share.)
func TestPortTypesOwnTheirCacheLines(t *testing.T) {
	for name, owns := range map[string]bool{
		"Port":         sim.OwnsCacheLines[Port](),
		"Lane":         sim.OwnsCacheLines[Lane](),
		"laneResponse": sim.OwnsCacheLines[laneResponse](),
		"partLane":     sim.OwnsCacheLines[partLane](),
		"prePrimary":   sim.OwnsCacheLines[prePrimary](),
		"16 vehicles":  sim.OwnsCacheLines[[16]vehicle](),
	} {
		if !owns {
			t.Errorf("%s objects share cache lines: pad it (sim/cacheline.go)", name)
		}
	}
	if n := unsafe.Sizeof(vehicle{}) * poolStart; n%sim.CacheLine != 0 {
		t.Errorf("a new pool is %d bytes, not a whole number of cache lines", n)
	}
}
