package ports

import (
	"testing"
	"unsafe"
)

// A waiting vehicle costs its pool entry and its place in the booths'
// queue (sim's waiter, 16 bytes, pinned by sim.TestWaiterSize): issue #14
// asks for a few tens of bytes with the response off, loads kept apart.
// The pool entry was 144 bytes before the loads and the image timer moved
// out of it; this fails if fields creep back.
func TestVehicleSize(t *testing.T) {
	if n := unsafe.Sizeof(vehicle{}); n > 48 {
		t.Fatalf("vehicle is %d bytes, want at most 48", n)
	}
}
