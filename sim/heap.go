package sim

import (
	"math"
	"math/bits"
)

// EventID names a scheduled event so that it can be cancelled. IDs are the
// insertion sequence numbers, so they are unique within one Env.
type EventID uint64

// Action is what an event does when it fires. The int argument is the
// entity the event is about (a vehicle's slot in a pool, a booth number):
// passing it as data instead of capturing it in a closure is what keeps the
// hot path free of allocation. Create each Action once (a method value
// such as p.arrive) and schedule it many times.
type Action func(arg int)

// event is one entry of the event queue. It is a plain struct held by value
// in the heap's slice: no pointer per event, no allocation per event.
//
// The time is kept as its bits (timeKey): times are never negative, and
// the bits of non-negative floats order as the floats do, so (tk, seq)
// is one 128-bit unsigned key and before compares it with a subtraction
// and its borrow — no branch. The heap's tournaments then pick the
// earliest child by arithmetic instead of by branches the processor
// cannot predict (which of two service completions ends first is a coin
// toss).
type event struct {
	tk  uint64 // timeKey(t)
	seq uint64
	fn  Action
	arg int
}

// timeKey returns the bits of t ≥ 0, which order as the times; the sign
// bit is cleared, so −0 (which passes the checks t ≥ now) counts as +0.
func timeKey(t float64) uint64 {
	return math.Float64bits(t) &^ (1 << 63)
}

// noKey is the key of a disarmed slot: after every event's (its time as a
// float is a NaN, so it is never "before" a horizon either).
const noKey = ^uint64(0)

// time returns the event's time.
func (a *event) time() float64 { return math.Float64frombits(a.tk) }

// before returns 1 if a runs before b and 0 if not: events run by time,
// then by insertion, so ties at equal times run first-in-first-out, as in
// SimPy's (time, priority, sequence) heap.
func before(a, b *event) int {
	_, borrow := bits.Sub64(a.seq, b.seq, 0)
	_, borrow = bits.Sub64(a.tk, b.tk, borrow)
	return int(borrow)
}

// eventHeap is the event queue: a 4-ary min-heap of events ordered by
// (time, seq), shallower than a binary heap, so fewer cache misses per
// operation on large queues.
//
// hole: ev[0] is the event now running, taken but not yet removed. Most
// events schedule one more (a service completion frees a booth that starts
// the next service), so the first push while it runs puts the new event at
// the root and sifts it down once, instead of a sift-down to remove the
// old one and a sift-up to add the new one. Events have distinct (t, seq),
// so any heap runs them in the same order. Everything else that reads the
// heap settles the hole first. (It pays: docs/PERFORMANCE.md.)
type eventHeap struct {
	ev   []event
	hole bool
}

// take marks the first event as running: it stays at ev[0], removed by
// the next push or by settle.
func (h *eventHeap) take() { h.hole = true }

// settle removes the running event if no push has taken its place.
func (h *eventHeap) settle() {
	if h.hole {
		h.unhole()
	}
}

// unhole is settle's work, apart so that settle stays small enough to be
// inlined at every call.
//
//go:noinline
func (h *eventHeap) unhole() {
	h.hole = false
	h.removeTop()
}

// push adds ev.
func (h *eventHeap) push(ev event) {
	if h.hole {
		h.hole = false
		h.siftDown(ev)
		return
	}
	h.ev = append(h.ev, ev)
	q := h.ev
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 4
		if before(&ev, &q[p]) == 0 {
			break
		}
		q[i] = q[p]
		i = p
	}
	q[i] = ev
}

// removeTop removes the first event.
func (h *eventHeap) removeTop() {
	q := h.ev
	n := len(q) - 1
	last := q[n]
	q[n] = event{} // drop the Action reference for the garbage collector
	h.ev = q[:n]
	if n > 0 {
		h.siftDown(last)
	}
}

// siftDown puts last at the root of the heap (whose root is free) and
// moves it down to its place.
func (h *eventHeap) siftDown(last event) {
	q := h.ev
	n := len(q)
	i := 0
	for {
		c := 4*i + 1
		if c+4 > n {
			break
		}
		// All four children: a tournament of three comparisons, the
		// winner of each picked by arithmetic on before's 0 or 1.
		ch := q[c : c+4 : c+4]
		a := before(&ch[1], &ch[0])
		b := 2 + before(&ch[3], &ch[2])
		m := a ^ ((a ^ b) & -before(&ch[b&3], &ch[a&3]))
		if before(&ch[m&3], &last) == 0 {
			q[i] = last
			return
		}
		q[i] = ch[m&3]
		i = c + m
	}
	if c := 4*i + 1; c < n { // the last level: one to three children
		m := c
		for j := c + 1; j < n; j++ {
			m ^= (m ^ j) & -before(&q[j], &q[m])
		}
		if before(&q[m], &last) != 0 {
			q[i] = q[m]
			i = m
		}
	}
	q[i] = last
}
