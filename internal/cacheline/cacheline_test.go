package cacheline

import "testing"

// Owns tells a type that shares lines from one that does not.
func TestOwnsTellsThemApart(t *testing.T) {
	type shares struct{ a, b uint64 } // 16 bytes: four to a line
	type owns struct{ a [8]uint64 }   // 64 bytes
	if Owns[shares]() {
		t.Error("16-byte objects said to own their lines")
	}
	if !Owns[owns]() {
		t.Error("64-byte objects said to share lines")
	}
}

// Slice's backing arrays are whole cache lines, n entries long.
func TestSliceWholeLines(t *testing.T) {
	check := func(name string, n, length, capacity int, size uintptr) {
		t.Helper()
		if length != n {
			t.Errorf("%s: len %d, want %d", name, length, n)
		}
		if b := uintptr(capacity) * size; b%Size != 0 || capacity < n {
			t.Errorf("%s(%d): cap %d (%d bytes): not whole lines", name, n, capacity, b)
		}
	}
	for _, n := range []int{0, 1, 3, 8, 13, 28, 100} {
		f := Slice[float64](n)
		check("float64", n, len(f), cap(f), 8)
		type drug struct{ a, b, c, d, e, f float64 } // 48 bytes
		d := Slice[drug](n)
		check("48-byte", n, len(d), cap(d), 48)
	}
}
