package sim

import "testing"

// The kernel's types that each group of ports allocates and writes while
// it runs start on cache lines of their own (cacheline.go): without the
// padding an Env is 112 bytes and a Stream 16, and consecutive ones share
// lines.
func TestKernelTypesOwnTheirCacheLines(t *testing.T) {
	for name, owns := range map[string]bool{
		"Env":      OwnsCacheLines[Env](),
		"Stream":   OwnsCacheLines[Stream](),
		"Resource": OwnsCacheLines[Resource](),
	} {
		if !owns {
			t.Errorf("%s objects share cache lines: pad it (cacheline.go)", name)
		}
	}
}

// OwnsCacheLines tells a type that shares lines from one that does not.
func TestOwnsCacheLinesTellsThemApart(t *testing.T) {
	type shares struct{ a, b uint64 } // 16 bytes: four to a line
	type owns struct{ a [8]uint64 }   // 64 bytes
	if OwnsCacheLines[shares]() {
		t.Error("16-byte objects said to own their lines")
	}
	if !OwnsCacheLines[owns]() {
		t.Error("64-byte objects said to share lines")
	}
}

// LineSlice's backing arrays are whole cache lines, n entries long.
func TestLineSliceWholeLines(t *testing.T) {
	check := func(name string, n, length, capacity int, size uintptr) {
		t.Helper()
		if length != n {
			t.Errorf("%s: len %d, want %d", name, length, n)
		}
		if b := uintptr(capacity) * size; b%CacheLine != 0 || capacity < n {
			t.Errorf("%s(%d): cap %d (%d bytes): not whole lines", name, n, capacity, b)
		}
	}
	for _, n := range []int{0, 1, 3, 8, 13, 28, 100} {
		f := LineSlice[float64](n)
		check("float64", n, len(f), cap(f), 8)
		type drug struct{ a, b, c, d, e, f float64 } // 48 bytes
		d := LineSlice[drug](n)
		check("48-byte", n, len(d), cap(d), 48)
	}
}
