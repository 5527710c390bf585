package sim

import (
	"fmt"
	"math"
)

// Env is the simulation environment: a simulated clock (float64 seconds)
// and an event queue. It is SimPy's Environment without generators: an
// entity's life is written as a chain of Actions (arrive → queue → serve →
// leave), each scheduling the next, which costs no goroutine and no
// allocation per event.
//
// An event waits in one of two places: the heap (heap.go), or one of the
// slots (slots.go), standing places for sources that always have exactly
// one next event. A cancelled event stays where it is until it reaches the
// front (cancel.go). The loop, step, runs whichever comes first.
//
// An Env is not safe for concurrent use; run one Env per goroutine (one per
// replication, or one per port between smuggler decision points).
type Env struct {
	now       float64
	seq       uint64
	heap      eventHeap
	cancelled cancelSet
	processed uint64
	stopped   bool
	slots     slots

	_ [8]byte // to 128 bytes: each group's Env on lines of its own (internal/cacheline)
}

// NewEnv returns an environment at time 0 with an empty event queue.
func NewEnv() *Env {
	return &Env{heap: eventHeap{ev: make([]event, 0, 1024)}, slots: newSlots()}
}

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
	return e.slots.add(fn)
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
	e.slots.set(s, timeKey(t), e.seq, arg)
	e.seq++
}

// ClearSlot disarms slot s: its pending event, if any, will not run.
func (e *Env) ClearSlot(s SlotID) {
	if s <= 0 {
		panic("sim: ClearSlot on a slot NewSlot did not make")
	}
	e.slots.clear(s)
}

// Now returns the current simulated time in seconds.
func (e *Env) Now() float64 { return e.now }

// Processed returns the number of events run so far (cancelled events are
// not counted).
func (e *Env) Processed() uint64 { return e.processed }

// Pending returns the number of events in the queue and the armed slots,
// including cancelled events that have not yet been discarded.
func (e *Env) Pending() int {
	e.heap.settle()
	return len(e.heap.ev) + e.slots.armed()
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

func (e *Env) push(t float64, fn Action, arg int) EventID {
	if fn == nil {
		panic("sim: scheduling a nil Action")
	}
	id := e.seq
	e.seq++
	e.heap.push(event{tk: timeKey(t), seq: id, fn: fn, arg: arg})
	return EventID(id)
}

// Cancel removes a scheduled event. Cancelling an event that has already
// run, or was already cancelled, does nothing.
func (e *Env) Cancel(id EventID) {
	if uint64(id) >= e.seq {
		return
	}
	e.heap.settle()
	e.cancelled.add(id, &e.heap)
}

// Stop makes the current Run or RunUntil return after the running event.
func (e *Env) Stop() { e.stopped = true }

// PeekTime returns the time of the next event, or +Inf when the queue is
// empty.
func (e *Env) PeekTime() float64 {
	e.heap.settle()
	first := e.slots.front()
	for len(e.heap.ev) > 0 {
		if e.cancelled.any && e.cancelled.dropFront(&e.heap) {
			continue
		}
		if before(first, &e.heap.ev[0]) != 0 {
			return first.time()
		}
		return e.heap.ev[0].time()
	}
	if first.tk != noKey {
		return first.time()
	}
	return math.Inf(1)
}

// Step runs the next event and reports whether there was one.
func (e *Env) Step() bool { return e.step(math.Inf(1)) }

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

// step runs the next event if it is due before t (every event when t is
// +Inf) and reports whether it ran one: the first slot's or the heap's
// first, whichever comes first, after dropping cancelled events that
// reached the front. It is Step and RunUntil's loop in one: the next
// event is found once per event, not once to peek and again to run it.
func (e *Env) step(t float64) bool {
	e.heap.settle() // an Action that steps the Env itself
	for {
		sl := e.slots.front()
		if len(e.heap.ev) == 0 || before(sl, &e.heap.ev[0]) != 0 {
			st := sl.time()
			if !(st < t) { // also when nothing is pending: noKey's time is a NaN
				return false
			}
			fn, arg := e.slots.take(sl)
			e.now = st
			e.processed++
			fn(arg)
			// The next first slot is found now, after fn has re-armed
			// its slot (usually), rather than at the next step: whether
			// the last event was a slot's is a coin toss, here it is
			// known.
			if e.slots.stale {
				e.slots.findFirst()
			}
			return true
		}
		if e.cancelled.any {
			if e.cancelled.dropFront(&e.heap) {
				continue
			}
			if len(e.heap.ev) == 1 {
				e.cancelled.reset() // every id left belongs to an event that ran
			}
		}
		ev := &e.heap.ev[0]
		et := ev.time()
		if !(et < t) {
			return false
		}
		e.now = et
		e.processed++
		e.heap.take() // removed by the first push of its Action, or by settle
		ev.fn(ev.arg)
		e.heap.settle()
		return true
	}
}
