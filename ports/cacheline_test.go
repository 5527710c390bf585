package ports

import (
	"testing"
	"unsafe"

	"borderflow/internal/cacheline"
	"borderflow/scenario"
	"borderflow/sim"
)

// What a port allocates per lane and writes while it runs starts on cache
// lines of its own (internal/cacheline), so two ports that run on two cores
// never write one line. A pool starts with room for 16 vehicles for the
// same reason: one or two vehicles' worth would share a line. (A lane's
// checkpoints are written only when one starts or ends, so they may share.)
func TestPortTypesOwnTheirCacheLines(t *testing.T) {
	for name, owns := range map[string]bool{
		"Port":         cacheline.Owns[Port](),
		"Lane":         cacheline.Owns[Lane](),
		"laneResponse": cacheline.Owns[laneResponse](),
		"partLane":     cacheline.Owns[partLane](),
		"prePrimary":   cacheline.Owns[prePrimary](),
		"16 vehicles":  cacheline.Owns[[16]vehicle](),
	} {
		if !owns {
			t.Errorf("%s objects share cache lines: pad it (internal/cacheline)", name)
		}
	}
	if n := unsafe.Sizeof(vehicle{}) * poolStart; n%cacheline.Size != 0 {
		t.Errorf("a new pool is %d bytes, not a whole number of cache lines", n)
	}
}

// The small slices a port writes while it runs (inspections and drugs
// counted, the ports diverted to, the response's choice weights) are
// whole cache lines (cacheline.Slice), in Laredo as texas-dps-2022 builds it
// (the response on, diversion to the other Texas ports).
func TestPortSlicesAreWholeCacheLines(t *testing.T) {
	sc, err := scenario.Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	pi := -1
	for i := range sc.Ports {
		if sc.Ports[i].Name == "Laredo" {
			pi = i
		}
	}
	if pi < 0 || sc.Response == nil {
		t.Fatal("texas-dps-2022: no Laredo, or no response")
	}
	win := Window{Start: 0, End: scenario.Day, BinWidth: scenario.Hour}
	p := New(sim.NewEnv(), sc, pi, win, func(n string) *sim.Stream { return sim.NewStream(sc.Seed, 0, n) }, nil)
	opts := make([][]Option, len(p.lanes))
	opts[0] = []Option{{Port: 1, Lane: 0, Drive: 3600}, {Port: 2, Lane: 0, Drive: 7200}}
	p.Couple(&Coupling{}, opts) // lane 0 with two options, the others with none
	whole := func(name string, capacity int, size uintptr) {
		t.Helper()
		if b := uintptr(capacity) * size; b == 0 || b%cacheline.Size != 0 {
			t.Errorf("%s: room for %d (%d bytes), not whole cache lines", name, capacity, b)
		}
	}
	for _, ln := range p.lanes {
		whole("Inspections", cap(ln.Stats.Inspections), 8)
		whole("Drugs", cap(ln.Stats.Drugs), unsafe.Sizeof(DrugStats{}))
		whole("DivertedTo", cap(ln.Stats.Response.DivertedTo), 8)
		whole("choice weights", cap(ln.rs.w), 8)
	}
}
