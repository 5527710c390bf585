package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// A model whose sources re-arm their next event in a slot runs exactly the
// events, in exactly the order, of the same model scheduling them with At:
// slots change where the next event waits, not when it runs. Integer times
// make many ties, which must follow scheduling order in both.
func TestSlotsMatchAt(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		run := func(useSlots bool) [][3]float64 {
			rng := rand.New(rand.NewPCG(seed, 11))
			env := NewEnv()
			var log [][3]float64
			var slots []SlotID
			var arrive, done Action
			arrive = func(src int) {
				log = append(log, [3]float64{env.Now(), float64(src), 0})
				if env.Now() < 300 {
					t := env.Now() + float64(rng.IntN(3))
					if useSlots {
						env.SetSlot(slots[src], t, src)
					} else {
						env.At(t, arrive, src)
					}
				}
				env.Timeout(float64(rng.IntN(3)), done, src)
			}
			done = func(src int) { log = append(log, [3]float64{env.Now(), float64(src), 1}) }
			for s := 0; s < 3; s++ {
				if useSlots {
					slots = append(slots, env.NewSlot(arrive))
					env.SetSlot(slots[s], 0, s)
				} else {
					env.At(0, arrive, s)
				}
			}
			if env.Pending() != 3 {
				t.Fatalf("Pending = %d, want 3", env.Pending())
			}
			for env.PeekTime() < 1e18 {
				want := env.PeekTime()
				env.Step()
				if env.Now() != want {
					t.Fatalf("PeekTime said %v, the next event ran at %v", want, env.Now())
				}
			}
			return log
		}
		a, b := run(false), run(true)
		if len(a) != len(b) || len(a) < 300 {
			t.Fatalf("seed %d: %d events with At, %d with slots", seed, len(a), len(b))
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("seed %d: event %d is %v with At, %v with slots", seed, i, a[i], b[i])
			}
		}
	}
}

func TestClearSlot(t *testing.T) {
	env := NewEnv()
	ran := 0
	s := env.NewSlot(func(int) { ran++ })
	env.SetSlot(s, 5, 0)
	env.At(1, func(int) { env.ClearSlot(s) }, 0)
	env.At(2, func(int) {}, 0)
	env.Run()
	if ran != 0 || env.Now() != 2 {
		t.Fatalf("a cleared slot ran (%d) or the clock is %v", ran, env.Now())
	}
	env.SetSlot(s, 3, 0)
	env.RunUntil(3)
	if ran != 0 {
		t.Fatal("RunUntil(3) ran an event at exactly 3")
	}
	env.RunUntil(4)
	if ran != 1 || env.Pending() != 0 {
		t.Fatalf("ran %d, pending %d", ran, env.Pending())
	}
}

// An Env with one slot never rescans for its first (Env.SetSlot): the
// slot's events interleave with the heap's exactly as the same events
// scheduled with At (and Cancel, for a re-arm that replaces a pending
// event), whether it is re-armed earlier or later, left disarmed for a
// while, or joined by a second slot made while the model runs, which heap
// events then re-arm later and earlier than the other.
func TestOneSlotThenTwo(t *testing.T) {
	run := func(useSlots bool) []float64 {
		env := NewEnv()
		var log []float64
		var a, b SlotID
		var fa, fb Action
		pending := map[SlotID]EventID{}
		arm := func(s SlotID, fn Action, at float64) {
			if useSlots {
				env.SetSlot(s, at, 0)
				return
			}
			if id, ok := pending[s]; ok {
				env.Cancel(id)
			}
			pending[s] = env.At(at, fn, 0)
		}
		n := 0
		fa = func(int) {
			delete(pending, a)
			log = append(log, env.Now())
			n++
			switch {
			case n == 5:
				// disarmed until the heap's event at 20 re-arms it
			case n == 8:
				b = env.NewSlot(fb)
				arm(b, fb, env.Now()+0.5)
				arm(a, fa, env.Now()+2)
			case env.Now() < 60:
				arm(a, fa, env.Now()+float64(n%3)+0.25)
			}
		}
		fb = func(int) {
			delete(pending, b)
			log = append(log, -env.Now())
			if env.Now() < 40 {
				arm(b, fb, env.Now()+1.5)
			}
		}
		a = env.NewSlot(fa)
		arm(a, fa, 1)
		for _, at := range []float64{0.5, 3, 7.5, 12, 23.6} {
			env.At(at, func(int) { log = append(log, 1000+env.Now()) }, 0)
		}
		env.At(20, func(int) { arm(a, fa, 20.1) }, 0)
		for k := range 12 { // b re-armed from outside: later, then earlier, than a
			env.At(25+float64(k)*1.7, func(int) { arm(b, fb, env.Now()+float64(k%3)*1.9) }, 0)
		}
		for env.Step() {
		}
		return log
	}
	withSlots, withAt := run(true), run(false)
	if !slices.Equal(withSlots, withAt) || len(withAt) < 50 {
		t.Fatalf("with slots %v\nwith At    %v", withSlots, withAt)
	}
}
