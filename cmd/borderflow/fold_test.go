package main

import (
	"path/filepath"
	"runtime"
	"testing"
	"unsafe"

	"borderflow/ports"
)

// A run folds each replication into its outputs and drops it: the live
// heap when replication 21 is folded is about what it was at replication
// 3, not 18 replications' time series more. The bins are made fine (20 s:
// 25,920 lane-bins, 1.7 MB of ports.Bin a replication) so that keeping
// the replications, as run once did, would add 30 MB, against a
// bound of 6 replications' bins for the reorder window (border.
// ReorderWindow: 4 with 2 workers), the one being simulated and the
// noise of a heap read after a forced collection. No time is measured.
func TestRunDropsFoldedReplications(t *testing.T) {
	const reps, from, to = 24, 3, 21
	heap := map[int]uint64{}
	foldHook = func(rep int) {
		if rep == from || rep == to {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			heap[rep] = ms.HeapAlloc
		}
	}
	defer func() { foldHook = nil }()
	dir := filepath.Join(t.TempDir(), "ep")
	code, _, stderr := borderflow(t, "run", "eagle-pass", "-horizon", "3d", "-set", "warmup=12h", "-set", "bin=20s",
		"-reps", "24", "-workers", "2", "-no-plots", "-quiet", "-out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(heap) != 2 {
		t.Fatalf("fold hook saw replications %v, want %d and %d", heap, from, to)
	}
	perRep := float64(2*3*24*3600/20) * float64(unsafe.Sizeof(ports.Bin{})) // two lanes
	grew := float64(heap[to]) - float64(heap[from])
	t.Logf("live heap %d MB at replication %d, %d MB at %d; one replication's bins %.1f MB",
		heap[from]>>20, from, heap[to]>>20, to, perRep/(1<<20))
	if grew > 6*perRep {
		t.Errorf("live heap grew by %.1f MB from replication %d to %d (%.1f replications' time series): replications are kept after they are folded",
			grew/(1<<20), from, to, grew/perRep)
	}
}
