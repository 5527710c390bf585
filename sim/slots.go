package sim

import "math/bits"

// SlotID names a slot of an Env.
type SlotID int

// slots are standing places for one pending event each, kept outside the
// event heap (Env.NewSlot). A disarmed slot's key is noKey. ev[0] is never
// armed, so that first — the slot that runs first, or a disarmed one when
// none is armed — always names one; unless stale: then it is found again,
// right after the Action of a slot that fired (which usually re-arms its
// slot at once, so the search is made once per firing) or when next
// needed. With one slot, first is that slot once it has been armed, and
// is never stale.
type slots struct {
	ev    []event
	first int
	stale bool
}

func newSlots() slots { return slots{ev: []event{{tk: noKey, seq: noKey}}} }

// add makes a disarmed slot that runs fn.
func (s *slots) add(fn Action) SlotID {
	s.ev = append(s.ev, event{tk: noKey, seq: noKey, fn: fn})
	return SlotID(len(s.ev) - 1)
}

// set arms slot id with key (tk, seq) and argument arg.
func (s *slots) set(id SlotID, tk, seq uint64, arg int) {
	sl := &s.ev[id]
	sl.tk, sl.seq, sl.arg = tk, seq, arg
	switch {
	case s.stale:
	case s.first == int(id):
		s.stale = len(s.ev) > 2 // with one slot, it is the first whatever its time
	case before(sl, &s.ev[s.first]) != 0:
		s.first = int(id)
	}
}

// clear disarms slot id.
func (s *slots) clear(id SlotID) {
	s.ev[id].tk, s.ev[id].seq = noKey, noKey
	if s.first == int(id) {
		s.stale = len(s.ev) > 2
	}
}

// front returns the slot that runs first (ev[0], never armed, when none
// is armed).
func (s *slots) front() *event {
	if s.stale {
		s.findFirst()
	}
	return &s.ev[s.first]
}

// take disarms sl, the first slot, which runs now, and returns its
// Action and argument.
func (s *slots) take(sl *event) (Action, int) {
	fn, arg := sl.fn, sl.arg
	sl.tk, sl.seq = noKey, noKey
	s.stale = len(s.ev) > 2 // with one slot, it stays the first
	return fn, arg
}

// findFirst finds the slot that runs first. An Env has few slots (one per
// lane of its ports), and which of them is first is a coin toss, so the
// best so far is kept by conditional moves, not branches.
func (s *slots) findFirst() {
	s.stale = false
	sl := s.ev
	f, tk, seq := 0, uint64(noKey), uint64(noKey)
	for i := 1; i < len(sl); i++ {
		t, q := sl[i].tk, sl[i].seq
		_, borrow := bits.Sub64(q, seq, 0)
		_, borrow = bits.Sub64(t, tk, borrow)
		if borrow != 0 {
			f, tk, seq = i, t, q
		}
	}
	s.first = f
}

// armed counts the armed slots.
func (s *slots) armed() int {
	n := 0
	for i := range s.ev {
		if s.ev[i].tk != noKey {
			n++
		}
	}
	return n
}
