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
	// The condition comes only after 30 ms, far longer than the 1 ms
	// budget (so that a waiter descheduled for a while still misses it):
	// the waiter sleeps and the budget halves.
	var ready atomic.Bool
	go func() {
		time.Sleep(30 * time.Millisecond)
		ready.Store(true)
		w.signal()
	}()
	w.wait(ready.Load)
	if w.spin != maxSpin/2 {
		t.Fatalf("budget after a sleep: %v, want %v", w.spin, maxSpin/2)
	}
	for i := 0; i < 8; i++ { // 1 ms halved 7 times is below the floor
		var r atomic.Bool
		go func() {
			time.Sleep(30 * time.Millisecond)
			r.Store(true)
			w.signal()
		}()
		w.wait(r.Load)
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
// goroutine is always seen, whatever the timing (run it with -race).
func TestWakeNoLostSignal(t *testing.T) {
	w := newWake(2)
	var round atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k := int64(1); k <= 2000; k++ {
			if k%7 == 0 {
				time.Sleep(50 * time.Microsecond)
			}
			round.Store(k)
			w.signal()
			for round.Load() != -k { // the waiter's answer
				runtime.Gosched()
			}
		}
	}()
	for k := int64(1); k <= 2000; k++ {
		w.wait(func() bool { return round.Load() == k })
		round.Store(-k)
	}
	<-done
}
