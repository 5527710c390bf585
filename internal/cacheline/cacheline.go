// Package cacheline keeps the objects of ports that run on different
// cores on cache lines of their own.
//
// Ports that run on different cores must not write the same cache line.
// A core that writes a line takes it from every other core's cache, so two
// objects that share a line but belong to ports on two workers make each
// write a miss on the other core — false sharing. Go's allocator packs
// small objects of one size class side by side, and a scenario's ports are
// built one after another, so the Env of one group of ports and the Env of
// the next, or the random streams of one port and the next, end up in one
// line, and the coupled runner (border/coupled.go) then runs them on two
// cores: two workers then spend more CPU than one on the same events
// (docs/PERFORMANCE.md has the measurement).
//
// The rule: a type allocated one by one per port, lane or group and
// written while the ports run is padded so that its size class is a
// multiple of Size. The allocator places objects of a class at
// multiples of the class size from a page-aligned span, so each object's
// slot then starts on a line and its last line holds nothing else. (Every
// class above 512 bytes is a multiple of 64, runtime/sizeclasses.go, and
// the 8-byte header Go puts before such an object when it holds pointers
// lies in its own slot; below 512 bytes the size itself must be one.)
// Each such type has a test: Owns.
package cacheline

import (
	"runtime"
	"slices"
	"unsafe"
)

// Size is the cache line size in bytes of amd64 and arm64 servers.
const Size = 64

// lineSink holds Owns' objects while it looks at them: stored in
// a package variable, they escape to the heap, where the allocator's
// placement is what is measured.
var lineSink any

// Owns reports whether objects of type T, allocated one by one,
// each have cache lines of their own: whether their size class is a
// multiple of Size (see the rule above). It allocates a few hundred
// and takes the class as the smallest distance between two of them
// (neighbours in a span). Tests call it for each type the rule covers.
func Owns[T any]() bool {
	const n = 256
	ps := make([]*T, n)
	lineSink = ps
	addr := make([]uintptr, n)
	for i := range ps {
		ps[i] = new(T)
		addr[i] = uintptr(unsafe.Pointer(ps[i]))
	}
	slices.Sort(addr)
	class := ^uintptr(0)
	for i := 1; i < n; i++ {
		if d := addr[i] - addr[i-1]; d > 0 && d < class {
			class = d
		}
	}
	runtime.KeepAlive(ps)
	lineSink = nil
	return class%Size == 0
}

// Slice returns make([]T, n) with room for a whole number of cache
// lines, so that its backing array, allocated alone, has lines of its own
// (see the rule above): for a port's small counters and scratch written
// while it runs.
func Slice[T any](n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	c := max(n, 1)
	for size > 0 && c*size%Size != 0 { // at most Size steps
		c++
	}
	return make([]T, n, c)
}
