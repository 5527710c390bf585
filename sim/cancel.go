package sim

// cancelSet holds the ids of cancelled events. Cancellation is lazy: a
// cancelled event stays in the heap and is dropped when it reaches the
// front, so the hot path pays nothing while no event is cancelled.
type cancelSet struct {
	ids map[EventID]struct{}
	// any is len(ids) > 0, kept as a field: the loop reads it at every
	// event, and a map's length costs a nil check and a load.
	any bool
}

// add cancels id, an event that may still be in h (settled).
func (c *cancelSet) add(id EventID, h *eventHeap) {
	if c.ids == nil {
		c.ids = make(map[EventID]struct{})
	}
	c.ids[id] = struct{}{}
	// The id of an event that already ran never reaches the front of the
	// queue, so nothing would ever delete it: the set would grow with
	// every such call and every later event would pay a map lookup. The
	// set holds at most as many live ids as h has events, so once it is
	// more than twice that, drop the stale ones; the threshold makes the
	// purge O(1) amortised per add.
	if len(c.ids) > 2*len(h.ev)+16 {
		c.purge(h)
	}
	c.any = len(c.ids) > 0
}

// purge keeps only the cancelled ids still in h.
func (c *cancelSet) purge(h *eventHeap) {
	live := make(map[EventID]struct{}, len(h.ev))
	for i := range h.ev {
		id := EventID(h.ev[i].seq)
		if _, ok := c.ids[id]; ok {
			live[id] = struct{}{}
		}
	}
	c.ids = live
}

// dropFront removes h's first event if it was cancelled, and reports
// whether it did. When h is then empty every id left in the set belongs
// to an event that already ran, so the set is cleared and the hot path is
// free of map lookups again.
func (c *cancelSet) dropFront(h *eventHeap) bool {
	id := EventID(h.ev[0].seq)
	if _, ok := c.ids[id]; !ok {
		return false
	}
	h.removeTop()
	delete(c.ids, id)
	if len(h.ev) == 0 {
		clear(c.ids)
	}
	c.any = len(c.ids) > 0
	return true
}

// reset forgets every id: called when the last event in the heap, not
// cancelled, runs, so every id left belongs to an event that ran.
func (c *cancelSet) reset() {
	clear(c.ids)
	c.any = false
}
