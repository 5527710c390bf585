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
