package border

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestWakeSpinAdapts: the spinning budget doubles when the condition comes
// while the waiter spins and halves when it has to sleep for it, within
// its bounds; a waiter among more goroutines than processors never spins.
func TestWakeSpinAdapts(t *testing.T) {
	w := newWake(1)
	if w.spin != minSpin {
		t.Fatalf("initial budget %v, want %v", w.spin, minSpin)
	}
	for i := 0; i < 20; i++ {
		looks := 0
		w.wait(func() bool { looks++; return looks > 10 }) // comes during the spin
	}
	if w.spin != maxSpin {
		t.Fatalf("budget after conditions caught spinning: %v, want the cap %v", w.spin, maxSpin)
	}
	// The condition comes only once the waiter has given up spinning and
	// parked: the waiter sleeps and the budget halves.
	comeWhenParked := func(w *wake) func() bool {
		var ready atomic.Bool
		go func() {
			for !w.parked.Load() {
				runtime.Gosched()
			}
			ready.Store(true)
			w.signal()
		}()
		return ready.Load
	}
	w.wait(comeWhenParked(w))
	if w.spin != maxSpin/2 {
		t.Fatalf("budget after a sleep: %v, want %v", w.spin, maxSpin/2)
	}
	for i := 0; i < 8; i++ { // 1 ms halved 7 times is below the floor
		w.wait(comeWhenParked(w))
	}
	if w.spin != minSpin {
		t.Fatalf("budget after sleeps: %v, want the floor %v", w.spin, minSpin)
	}

	crowded := newWake(runtime.GOMAXPROCS(0) + 1)
	if crowded.spin != 0 {
		t.Fatalf("a waiter among more goroutines than processors spins (%v)", crowded.spin)
	}
}

// TestWakeNoLostSignal: a condition made true and signalled from another
// goroutine is always seen, whatever the timing (run it with -race): every
// seventh round the signal comes only after the waiter has parked, the
// others at once. A lost signal leaves the waiter asleep, so the rounds
// have a deadline, far beyond what they take.
func TestWakeNoLostSignal(t *testing.T) {
	const rounds = 2000
	w := newWake(2)
	var round atomic.Int64
	go func() {
		for k := int64(1); k <= rounds; k++ {
			if k%7 == 0 {
				for !w.parked.Load() {
					runtime.Gosched()
				}
			}
			round.Store(k)
			w.signal()
			for round.Load() != -k { // the waiter's answer
				runtime.Gosched()
			}
		}
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k := int64(1); k <= rounds; k++ {
			w.wait(func() bool { return round.Load() == k })
			round.Store(-k)
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatalf("the waiter is still waiting in round %d of %d after a minute: a signal was lost", round.Load(), rounds)
	}
}
