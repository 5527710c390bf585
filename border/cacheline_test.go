package border

import (
	"testing"
	"unsafe"

	"borderflow/sim"
)

// The coupled runner's outboxes and job counters are written by the
// workers of both cores within a window, each by its own: each is one
// cache line (sim/cacheline.go), in slices of whole lines.
func TestCoupledSlotsAreWholeCacheLines(t *testing.T) {
	if n := unsafe.Sizeof(outbox{}); n != sim.CacheLine {
		t.Errorf("outbox is %d bytes, want %d", n, sim.CacheLine)
	}
	if n := unsafe.Sizeof(jobCounter{}); n != sim.CacheLine {
		t.Errorf("jobCounter is %d bytes, want %d", n, sim.CacheLine)
	}
	if !sim.OwnsCacheLines[[3]outbox]() || !sim.OwnsCacheLines[[2]jobCounter]() {
		t.Error("slices of outboxes or job counters share cache lines")
	}
}
