package sim

import (
	"testing"

	"borderflow/internal/cacheline"
)

// The kernel's types that each group of ports allocates and writes while
// it runs start on cache lines of their own (internal/cacheline): without the
// padding an Env is 112 bytes and a Stream 16, and consecutive ones share
// lines.
func TestKernelTypesOwnTheirCacheLines(t *testing.T) {
	for name, owns := range map[string]bool{
		"Env":      cacheline.Owns[Env](),
		"Stream":   cacheline.Owns[Stream](),
		"Resource": cacheline.Owns[Resource](),
	} {
		if !owns {
			t.Errorf("%s objects share cache lines: pad it (internal/cacheline)", name)
		}
	}
}
