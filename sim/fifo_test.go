package sim

import (
	"math/rand/v2"
	"runtime"
	"testing"
)

// The paged queue behaves as a plain slice queue under random pushes and
// pops, across page boundaries, emptying and refilling.
func TestFifoMatchesSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var q fifo[int]
	var model []int
	next := 0
	for step := 0; step < 200_000; step++ {
		// Phases of growth and drain make the queue cross many pages.
		grow := (step/5000)%2 == 0
		if len(model) == 0 || (grow && rng.IntN(10) < 7) || (!grow && rng.IntN(10) < 3) {
			q.push(next)
			model = append(model, next)
			next++
		} else {
			got, want := q.pop(), model[0]
			model = model[1:]
			if got != want {
				t.Fatalf("step %d: pop %d, want %d", step, got, want)
			}
		}
		if q.len() != len(model) {
			t.Fatalf("step %d: len %d, want %d", step, q.len(), len(model))
		}
	}
}

// A queue that grew to a million entries and drained holds one page, not
// its peak.
func TestFifoGivesBackPages(t *testing.T) {
	var q fifo[request]
	for i := 0; i < 1_000_000; i++ {
		q.push(request{arg: i})
	}
	if len(q.pages) != 1_000_000/fifoPage+1 {
		t.Fatalf("%d pages for a million entries", len(q.pages))
	}
	for i := 0; i < 1_000_000; i++ {
		if q.pop().arg != i {
			t.Fatal("out of order")
		}
	}
	if len(q.pages) != 1 || q.len() != 0 {
		t.Fatalf("drained queue keeps %d pages", len(q.pages))
	}
	runtime.KeepAlive(q)
}

func BenchmarkFifoPushPop(b *testing.B) {
	var q fifo[request]
	for i := 0; i < 64; i++ {
		q.push(request{arg: i})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.push(request{arg: i})
		_ = q.pop()
	}
}
