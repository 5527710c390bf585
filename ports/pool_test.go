package ports

import (
	"math/rand/v2"
	"testing"
)

// The pool's free list hands slots out last released first, as the stack
// of slots it replaced did (the order matters: Finish sums the delay of
// the vehicles still inside in slot order), and grows the pool only when
// no slot is free.
func TestPoolReusesLastReleased(t *testing.T) {
	p := &Port{free: -1}
	var stack []int // the reference: a stack of released slots
	var live []int
	in := map[int]bool{}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 100000; i++ {
		if len(live) == 0 || r.IntN(100) < 52 {
			want := len(p.pool)
			if n := len(stack); n > 0 {
				want, stack = stack[n-1], stack[:n-1]
			}
			s, v := p.alloc()
			if v != &p.pool[s] {
				t.Fatalf("step %d: alloc's entry is not slot %d's", i, s)
			}
			if s != want || in[s] {
				t.Fatalf("step %d: alloc gave slot %d, want %d", i, s, want)
			}
			live, in[s] = append(live, s), true
			p.pool[s] = vehicle{live: true, key: uint64(i)}
			continue
		}
		// Release a live slot picked at random.
		j := r.IntN(len(live))
		s := live[j]
		live[j] = live[len(live)-1]
		live = live[:len(live)-1]
		delete(in, s)
		p.release(s, &p.pool[s])
		stack = append(stack, s)
	}
}
