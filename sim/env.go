package sim

import (
	"fmt"
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
// toss): each mispredicted branch costs 15–20 cycles.
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

// Env is the simulation environment: a simulated clock (float64 seconds)
// and an event queue. It is SimPy's Environment without generators: an
// entity's life is written as a chain of Actions (arrive → queue → serve →
// leave), each scheduling the next, which costs no goroutine and no
// allocation per event.
//
// An Env is not safe for concurrent use; run one Env per goroutine (one per
// replication, or one per port between smuggler decision points).
type Env struct {
	now       float64
	seq       uint64
	heap      []event // 4-ary min-heap ordered by (t, seq)
	cancelled map[EventID]struct{}
	// anyCancelled is len(cancelled) > 0, kept as a field: step reads it
	// at every event, and a map's length costs a nil check and a load.
	anyCancelled bool
	processed    uint64
	stopped      bool

	// Slots: standing places for one pending event each, outside the
	// heap (see NewSlot). A disarmed slot's key is noKey. slots[0] is never
	// armed, so that first — the slot that runs first, or a disarmed one
	// when none is armed — always names one; unless stale: then it is
	// found again, right after the Action of a slot that fired (which
	// usually re-arms its slot at once, so the search is made once per
	// firing) or when next needed. With one slot, first is that slot once
	// it has been armed, and is never stale.
	slots []event
	first int
	stale bool

	// hole: heap[0] is the event now running, taken but not yet removed.
	// Most events schedule one more (a service completion frees a booth
	// that starts the next service), so the first push while it runs puts
	// the new event at the root and sifts it down once, instead of a
	// sift-down to remove the old one and a sift-up to add the new one.
	// Events have distinct (t, seq), so any heap runs them in the same
	// order. Everything else that reads the heap settles the hole first.
	hole bool

	_ [16]byte // to 128 bytes: each group's Env on lines of its own (internal/cacheline)
}

// NewEnv returns an environment at time 0 with an empty event queue.
func NewEnv() *Env {
	return &Env{heap: make([]event, 0, 1024), slots: []event{{tk: noKey, seq: noKey}}}
}

// SlotID names a slot of an Env.
type SlotID int

// NewSlot makes a standing place for one pending event that runs fn,
// kept outside the event queue: a source that always has exactly one
// next event — a lane's next arrival — re-arms its slot with SetSlot each
// time it fires, instead of pushing through the heap. Arrivals are about
// half of all events, so taking them out halves the heap's work; the few
// slots of an Env (one per lane) are compared with the heap's front on
// each step. Slot events take their sequence number from the same counter
// as scheduled events, so the order of events — time, then scheduling
// order — is exactly what it would be with At.
func (e *Env) NewSlot(fn Action) SlotID {
	if fn == nil {
		panic("sim: a slot with a nil Action")
	}
	e.slots = append(e.slots, event{tk: noKey, seq: noKey, fn: fn})
	return SlotID(len(e.slots) - 1)
}

// SetSlot arms slot s to run its Action with arg at time t (not in the
// past), replacing what it held.
func (e *Env) SetSlot(s SlotID, t float64, arg int) {
	if !(t >= e.now) {
		panic(fmt.Sprintf("sim: SetSlot(%v) is before now (%v)", t, e.now))
	}
	if s <= 0 {
		panic("sim: SetSlot on a slot NewSlot did not make")
	}
	sl := &e.slots[s]
	sl.tk, sl.seq, sl.arg = timeKey(t), e.seq, arg
	e.seq++
	switch {
	case e.stale:
	case e.first == int(s):
		e.stale = len(e.slots) > 2 // with one slot, it is the first whatever its time
	case before(sl, &e.slots[e.first]) != 0:
		e.first = int(s)
	}
}

// ClearSlot disarms slot s: its pending event, if any, will not run.
func (e *Env) ClearSlot(s SlotID) {
	if s <= 0 {
		panic("sim: ClearSlot on a slot NewSlot did not make")
	}
	e.slots[s].tk, e.slots[s].seq = noKey, noKey
	if e.first == int(s) {
		e.stale = len(e.slots) > 2
	}
}

// firstSlot returns the slot that runs first (slots[0], never armed, when
// none is armed).
func (e *Env) firstSlot() *event {
	if e.stale {
		e.findFirst()
	}
	return &e.slots[e.first]
}

// findFirst finds the slot that runs first. An Env has few slots (2.6 on
// average in a border run), and which of them is first is a coin toss, so
// the best so far is kept by conditional moves, not branches.
func (e *Env) findFirst() {
	e.stale = false
	sl := e.slots
	f, tk, seq := 0, uint64(noKey), uint64(noKey)
	for i := 1; i < len(sl); i++ {
		t, s := sl[i].tk, sl[i].seq
		_, borrow := bits.Sub64(s, seq, 0)
		_, borrow = bits.Sub64(t, tk, borrow)
		if borrow != 0 {
			f, tk, seq = i, t, s
		}
	}
	e.first = f
}

// Now returns the current simulated time in seconds.
func (e *Env) Now() float64 { return e.now }

// Processed returns the number of events run so far (cancelled events are
// not counted).
func (e *Env) Processed() uint64 { return e.processed }

// Pending returns the number of events in the queue and the armed slots,
// including cancelled events that have not yet been discarded.
func (e *Env) Pending() int {
	e.settle()
	n := len(e.heap)
	for i := range e.slots {
		if e.slots[i].tk != noKey {
			n++
		}
	}
	return n
}

// Timeout schedules fn(arg) to run delay seconds from now — SimPy's
// env.timeout(delay) with the callback attached. A negative or NaN delay is
// a programming error and panics.
func (e *Env) Timeout(delay float64, fn Action, arg int) EventID {
	if !(delay >= 0) {
		panic(fmt.Sprintf("sim: Timeout with invalid delay %v", delay))
	}
	return e.push(e.now+delay, fn, arg)
}

// At schedules fn(arg) to run at absolute time t, which must not be in the
// past.
func (e *Env) At(t float64, fn Action, arg int) EventID {
	if !(t >= e.now) {
		panic(fmt.Sprintf("sim: At(%v) is before now (%v)", t, e.now))
	}
	return e.push(t, fn, arg)
}

// Cancel removes a scheduled event. Cancelling an event that has already
// run, or was already cancelled, does nothing. Cancellation is lazy: the
// event stays in the queue and is discarded when it reaches the front, so
// the hot path pays nothing while no event is cancelled.
func (e *Env) Cancel(id EventID) {
	if uint64(id) >= e.seq {
		return
	}
	e.settle()
	if e.cancelled == nil {
		e.cancelled = make(map[EventID]struct{})
	}
	e.cancelled[id] = struct{}{}
	// The id of an event that already ran never reaches the front of the
	// queue, so nothing would ever delete it: the set would grow with
	// every such call and every later event would pay a map lookup. The
	// set holds at most Pending() live ids, so once it is more than twice
	// that, drop the stale ones; the threshold makes the purge O(1)
	// amortised per Cancel.
	if len(e.cancelled) > 2*len(e.heap)+16 {
		e.purgeCancelled()
	}
	e.anyCancelled = len(e.cancelled) > 0
}

// purgeCancelled keeps only the cancelled ids still in the queue.
func (e *Env) purgeCancelled() {
	live := make(map[EventID]struct{}, len(e.heap))
	for i := range e.heap {
		id := EventID(e.heap[i].seq)
		if _, ok := e.cancelled[id]; ok {
			live[id] = struct{}{}
		}
	}
	e.cancelled = live
}

// Stop makes the current Run or RunUntil return after the running event.
func (e *Env) Stop() { e.stopped = true }

// PeekTime returns the time of the next event, or +Inf when the queue is
// empty.
func (e *Env) PeekTime() float64 {
	e.settle()
	first := e.firstSlot()
	for len(e.heap) > 0 {
		if len(e.cancelled) > 0 && e.dropCancelledFront() {
			continue
		}
		if before(first, &e.heap[0]) != 0 {
			return first.time()
		}
		return e.heap[0].time()
	}
	if first.tk != noKey {
		return first.time()
	}
	return math.Inf(1)
}

// Step runs the next event and reports whether there was one.
func (e *Env) Step() bool { return e.step(math.Inf(1)) }

// step runs the next event if it is due before t (every event when t is
// +Inf) and reports whether it ran one. It is Step and RunUntil's loop in
// one: the next event is found once per event, not once to peek and again
// to run it.
func (e *Env) step(t float64) bool {
	e.settle() // an Action that steps the Env itself
	if e.anyCancelled {
		return e.stepCancelled(t)
	}
	sl := e.firstSlot()
	if len(e.heap) == 0 || before(sl, &e.heap[0]) != 0 {
		st := sl.time()
		if !(st < t) { // also when nothing is pending: noKey's time is a NaN
			return false
		}
		fn, arg := sl.fn, sl.arg
		sl.tk, sl.seq = noKey, noKey
		e.stale = len(e.slots) > 2 // with one slot, it stays the first
		e.now = st
		e.processed++
		fn(arg)
		// The next first slot is found now, after fn has re-armed its
		// slot (usually), rather than at the next step: whether the last
		// event was a slot's is a coin toss, here it is known.
		if e.stale {
			e.findFirst()
		}
		return true
	}
	ev := &e.heap[0]
	et := ev.time()
	if !(et < t) {
		return false
	}
	e.now = et
	e.processed++
	e.hole = true // removed by the first push of fn, or by settle
	ev.fn(ev.arg)
	e.settle()
	return true
}

// stepCancelled is step while some queued events are cancelled: those are
// dropped as they reach the front.
func (e *Env) stepCancelled(t float64) bool {
	for {
		sl := e.firstSlot()
		if len(e.heap) == 0 || before(sl, &e.heap[0]) != 0 {
			st := sl.time()
			if !(st < t) { // also when no slot is armed: noKey's time is a NaN
				return false
			}
			fn, arg := sl.fn, sl.arg
			sl.tk, sl.seq = noKey, noKey
			e.stale = true
			e.now = st
			e.processed++
			fn(arg)
			return true
		}
		if e.dropCancelledFront() {
			if len(e.cancelled) == 0 {
				return e.step(t)
			}
			continue
		}
		ev := &e.heap[0]
		et := ev.time()
		if !(et < t) {
			return false
		}
		fn, arg := ev.fn, ev.arg
		if len(e.heap) == 1 {
			clear(e.cancelled) // every id left belongs to an event that ran (dropIfCancelled)
			e.anyCancelled = false
		}
		e.now = et
		e.processed++
		e.hole = true // removed by the first push of fn, or by settle
		fn(arg)
		e.settle()
		return true
	}
}

// Run runs events until the queue is empty or Stop is called.
func (e *Env) Run() {
	e.stopped = false
	for !e.stopped && e.step(math.Inf(1)) {
	}
}

// RunUntil runs every event scheduled strictly before t, then sets the
// clock to t. Events at exactly t stay queued, so consecutive calls
// RunUntil(t1), RunUntil(t2) run the same events as one RunUntil(t2).
func (e *Env) RunUntil(t float64) {
	if t < e.now {
		panic(fmt.Sprintf("sim: RunUntil(%v) is before now (%v)", t, e.now))
	}
	e.stopped = false
	for !e.stopped && e.step(t) {
	}
	if !e.stopped {
		e.now = t
	}
}

func (e *Env) dropCancelledFront() bool {
	id := EventID(e.heap[0].seq)
	if _, ok := e.cancelled[id]; ok {
		e.removeTop()
		e.dropIfCancelled(id)
		return true
	}
	return false
}

// dropIfCancelled reports whether id, just popped, was cancelled, and
// forgets it. When the queue is empty every id left in the set belongs to
// an event that already ran, so the set is cleared and the hot path is
// free of map lookups again.
func (e *Env) dropIfCancelled(id EventID) bool {
	_, ok := e.cancelled[id]
	if ok {
		delete(e.cancelled, id)
	}
	if len(e.heap) == 0 {
		clear(e.cancelled)
	}
	e.anyCancelled = len(e.cancelled) > 0
	return ok
}

func (e *Env) push(t float64, fn Action, arg int) EventID {
	if fn == nil {
		panic("sim: scheduling a nil Action")
	}
	id := e.seq
	e.seq++
	ev := event{tk: timeKey(t), seq: id, fn: fn, arg: arg}
	if e.hole {
		e.hole = false
		e.siftDown(ev)
		return EventID(id)
	}
	e.heap = append(e.heap, ev)
	// Sift up in a 4-ary heap: shallower than a binary heap, so fewer
	// cache misses per operation on large queues.
	h := e.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if before(&ev, &h[p]) == 0 {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = ev
	return EventID(id)
}

// settle removes the running event from the heap if no push has taken
// its place (hole).
func (e *Env) settle() {
	if e.hole {
		e.unhole()
	}
}

// unhole is settle's work, apart so that settle stays small enough to be
// inlined at every call.
//
//go:noinline
func (e *Env) unhole() {
	e.hole = false
	e.removeTop()
}

// removeTop removes the heap's first event.
func (e *Env) removeTop() {
	h := e.heap
	n := len(h) - 1
	last := h[n]
	h[n] = event{} // drop the Action reference for the garbage collector
	e.heap = h[:n]
	if n > 0 {
		e.siftDown(last)
	}
}

// siftDown puts last at the root of the heap (whose root is free) and
// moves it down to its place.
func (e *Env) siftDown(last event) {
	h := e.heap
	n := len(h)
	i := 0
	for {
		c := 4*i + 1
		if c+4 > n {
			break
		}
		// All four children: a tournament of three comparisons, the
		// winner of each picked by arithmetic on before's 0 or 1.
		ch := h[c : c+4 : c+4]
		a := before(&ch[1], &ch[0])
		b := 2 + before(&ch[3], &ch[2])
		m := a ^ ((a ^ b) & -before(&ch[b&3], &ch[a&3]))
		if before(&ch[m&3], &last) == 0 {
			h[i] = last
			return
		}
		h[i] = ch[m&3]
		i = c + m
	}
	if c := 4*i + 1; c < n { // the last level: one to three children
		m := c
		for j := c + 1; j < n; j++ {
			m ^= (m ^ j) & -before(&h[j], &h[m])
		}
		if before(&h[m], &last) != 0 {
			h[i] = h[m]
			i = m
		}
	}
	h[i] = last
}
