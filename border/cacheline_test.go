package border

import (
	"testing"
	"unsafe"

	"borderflow/internal/cacheline"
)

// The coupled runner's outboxes and job counters are written by the
// workers of both cores within a window, each by its own: each is one
// cache line (internal/cacheline), in slices of whole lines.
func TestCoupledSlotsAreWholeCacheLines(t *testing.T) {
	if n := unsafe.Sizeof(outbox{}); n != cacheline.Size {
		t.Errorf("outbox is %d bytes, want %d", n, cacheline.Size)
	}
	if n := unsafe.Sizeof(jobCounter{}); n != cacheline.Size {
		t.Errorf("jobCounter is %d bytes, want %d", n, cacheline.Size)
	}
	if !cacheline.Owns[[3]outbox]() || !cacheline.Owns[[2]jobCounter]() {
		t.Error("slices of outboxes or job counters share cache lines")
	}
}
