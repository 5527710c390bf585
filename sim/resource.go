package sim

import "fmt"

// request is a waiting claim on a Resource.
type request struct {
	priority int
	seq      uint64
	arg      int
	fn       Action
	since    float64 // when the request joined the queue
}

// waiter is one place in a FIFO resource's queue: 16 bytes, so a queue of
// waiting vehicles costs little more than their arrival times
// (TestWaiterSize). A request made with Claim runs the resource's own
// Action (SetGrant) with arg; one made with Request keeps its Action and
// argument in the side queue Resource.own, in the same order (own set).
type waiter struct {
	since float64 // when the request joined the queue
	arg   int32
	own   bool
}

func (a *request) before(b *request) bool {
	return a.priority < b.priority || (a.priority == b.priority && a.seq < b.seq)
}

// Resource is c identical servers (booths, scanners, unloading docks) with
// a queue — SimPy's Resource and PriorityResource in one. A request is
// granted at once when a server is free, otherwise it waits: first come,
// first served, or by priority (lower value first, FIFO within a priority)
// when the resource was made with NewPriorityResource.
//
// The capacity can change while the model runs: a booth that closes
// finishes its current vehicle first (busy may exceed the new capacity
// until enough servers are released), and a booth that opens takes the
// next in line at once.
//
// Grants are synchronous: the Action passed to Request runs inside Request
// (when a server is free) or inside the Release that frees the server. No
// event is scheduled for a grant, which keeps an M/M/c customer at two
// events (arrival, departure).
type Resource struct {
	env         *Env
	capacity    int
	busy        int
	prioritised bool

	// FIFO queue in fixed-size pages (no priority) …
	fifo fifo[waiter]
	own  fifo[request] // the Actions and arguments of waiters with own set
	// grantFn is what a request made with Claim runs when granted.
	grantFn Action
	// … or a binary min-heap on (priority, seq).
	heap []request
	seq  uint64

	waits     sums        // time from request to grant, for granted requests
	waitsView Tally       // what Waits last returned
	queueLen  TimeAverage // number waiting
	inService TimeAverage // number busy (utilisation = mean / capacity)
	peakBusy  int
}

// NewResource returns a FIFO resource with the given number of servers.
func NewResource(env *Env, capacity int) *Resource {
	if capacity < 0 {
		panic(fmt.Sprintf("sim: negative capacity %d", capacity))
	}
	r := &Resource{env: env, capacity: capacity}
	r.queueLen.Reset(env.Now(), 0)
	r.inService.Reset(env.Now(), 0)
	return r
}

// NewPriorityResource returns a resource whose queue is served by priority
// (lower value first) and FIFO within a priority.
func NewPriorityResource(env *Env, capacity int) *Resource {
	r := NewResource(env, capacity)
	r.prioritised = true
	return r
}

// Request asks for a server. When one is free, fn(arg) runs now; otherwise
// the request waits and fn(arg) runs when a server is released to it. The
// priority is ignored by a FIFO resource.
func (r *Resource) Request(arg, priority int, fn Action) {
	if r.busy < r.capacity && r.QueueLen() == 0 {
		r.grant(arg, fn, r.env.now)
		return
	}
	q := request{priority: priority, seq: r.seq, arg: arg, fn: fn, since: r.env.now}
	r.seq++
	if r.prioritised {
		r.heapPush(q)
	} else {
		r.fifo.push(waiter{since: r.env.now, own: true})
		r.own.push(q)
	}
	r.queueLen.Set(r.env.now, float64(r.QueueLen()))
}

// SetGrant sets the Action that requests made with Claim run when they
// are granted. Set it once, when the resource is built.
func (r *Resource) SetGrant(fn Action) {
	if fn == nil {
		panic("sim: SetGrant with a nil Action")
	}
	r.grantFn = fn
}

// Claim is Request(arg, 0, the Action given to SetGrant): the same order
// of grants, but a waiting claim on a FIFO resource takes 16 bytes, not
// the 40 of a request with its own Action. arg must fit in an int32 (a
// pool index).
func (r *Resource) Claim(arg int) {
	if r.grantFn == nil {
		panic("sim: Claim on a resource without SetGrant")
	}
	if r.prioritised || int(int32(arg)) != arg {
		r.Request(arg, 0, r.grantFn)
		return
	}
	if r.busy < r.capacity && r.fifo.len() == 0 {
		r.grant(arg, r.grantFn, r.env.now)
		return
	}
	r.seq++ // as Request does, so a mix of both keeps one sequence
	r.fifo.push(waiter{since: r.env.now, arg: int32(arg)})
	r.queueLen.Set(r.env.now, float64(r.fifo.len()))
}

// Release frees one server and, if the capacity allows, hands it to the
// next waiting request.
func (r *Resource) Release() {
	if r.busy <= 0 {
		panic("sim: Release on a resource with no busy server")
	}
	now := r.env.now
	if r.busy <= r.capacity && !r.prioritised && r.fifo.len() > 0 {
		// The server goes straight to the next claim in line: the number
		// busy is the same after as before, so it is only integrated up
		// to now. Setting it to busy−1 and back to busy at the same time,
		// as a release and a grant would, adds (busy−1)·0 to the
		// integral: the same bits.
		r.inService.advance(now)
		w := r.fifo.pop()
		r.queueLen.Set(now, float64(r.fifo.len()))
		r.waits.add(now - w.since)
		if w.own {
			q := r.own.pop()
			q.fn(q.arg)
		} else {
			r.grantFn(int(w.arg))
		}
		return
	}
	r.busy--
	r.inService.Set(now, float64(r.busy))
	r.serveWaiting()
}

// SetCapacity changes the number of servers now. Servers above the new
// capacity finish their current work; new servers start on the queue.
func (r *Resource) SetCapacity(c int) {
	if c < 0 {
		panic(fmt.Sprintf("sim: negative capacity %d", c))
	}
	r.capacity = c
	r.serveWaiting()
}

// Capacity returns the current number of servers.
func (r *Resource) Capacity() int { return r.capacity }

// Busy returns the number of servers in use. It may exceed Capacity for a
// while after the capacity was lowered.
func (r *Resource) Busy() int { return r.busy }

// PeakBusy returns the largest number of servers ever in use at once.
func (r *Resource) PeakBusy() int { return r.peakBusy }

// QueueLen returns the number of waiting requests.
func (r *Resource) QueueLen() int {
	if r.prioritised {
		return len(r.heap)
	}
	return r.fifo.len()
}

// Waits returns the statistics of waiting times (request to grant) of the
// requests granted so far: a snapshot, kept as running sums while the
// resource runs (sums), made a Tally when asked for.
func (r *Resource) Waits() *Tally {
	r.waitsView = r.waits.tally()
	return &r.waitsView
}

// ResetWaits forgets the waits recorded so far (at the end of a warm-up).
func (r *Resource) ResetWaits() { r.waits = sums{} }

// QueueLength returns the time-weighted queue length.
func (r *Resource) QueueLength() *TimeAverage { return &r.queueLen }

// InService returns the time-weighted number of busy servers; its mean
// over the capacity is the utilisation.
func (r *Resource) InService() *TimeAverage { return &r.inService }

func (r *Resource) serveWaiting() {
	if r.prioritised {
		for r.busy < r.capacity && len(r.heap) > 0 {
			q := r.heapPop()
			r.queueLen.Set(r.env.now, float64(len(r.heap)))
			r.grant(q.arg, q.fn, q.since)
		}
		return
	}
	for r.busy < r.capacity && r.fifo.len() > 0 {
		w := r.fifo.pop()
		r.queueLen.Set(r.env.now, float64(r.fifo.len()))
		if w.own {
			q := r.own.pop()
			r.grant(q.arg, q.fn, w.since)
		} else {
			r.grant(int(w.arg), r.grantFn, w.since)
		}
	}
}

func (r *Resource) grant(arg int, fn Action, since float64) {
	r.busy++
	if r.busy > r.peakBusy {
		r.peakBusy = r.busy
	}
	r.inService.Set(r.env.now, float64(r.busy))
	r.waits.add(r.env.now - since)
	fn(arg)
}

func (r *Resource) heapPush(q request) {
	r.heap = append(r.heap, q)
	h := r.heap
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h[i].before(&h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (r *Resource) heapPop() request {
	h := r.heap
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h[n] = request{}
	h = h[:n]
	r.heap = h
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if l+1 < n && h[l+1].before(&h[l]) {
			m = l + 1
		}
		if !h[m].before(&h[i]) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return top
}
