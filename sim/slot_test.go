package sim

import (
	"math/rand/v2"
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
