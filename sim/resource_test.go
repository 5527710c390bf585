package sim

import (
	"math"
	"slices"
	"testing"
)

// lane drives a Resource with a fixed list of vehicles: vehicle i arrives
// at arrive[i] with priority prio[i], holds a booth for service[i] once
// granted, then releases it. It logs grants and departures so that tests
// can compare them with a reference computed by hand.
type lane struct {
	env     *Env
	booth   *Resource
	arrive  []float64
	service []float64
	prio    []int

	granted  []firing // (time, vehicle) in grant order
	start    []float64
	departed []float64

	arrival, grant, depart Action
}

func newLane(env *Env, booth *Resource, arrive, service []float64, prio []int) *lane {
	l := &lane{env: env, booth: booth, arrive: arrive, service: service, prio: prio}
	if l.prio == nil {
		l.prio = make([]int, len(arrive))
	}
	l.start = make([]float64, len(arrive))
	l.departed = make([]float64, len(arrive))
	for i := range l.start {
		l.start[i], l.departed[i] = math.NaN(), math.NaN()
	}
	l.arrival, l.grant, l.depart = l.onArrive, l.onGrant, l.onDepart
	for i, a := range arrive {
		env.At(a, l.arrival, i)
	}
	return l
}

func (l *lane) onArrive(i int) { l.booth.Request(i, l.prio[i], l.grant) }

func (l *lane) onGrant(i int) {
	l.granted = append(l.granted, firing{l.env.Now(), i})
	l.start[i] = l.env.Now()
	l.env.Timeout(l.service[i], l.depart, i)
}

func (l *lane) onDepart(i int) {
	l.departed[i] = l.env.Now()
	l.booth.Release()
}

// fifoStarts is the reference for a first-come-first-served queue with c
// servers: vehicle i, in arrival order, starts at max(its arrival, the
// earliest time a server is free) — Lindley's recursion generalised to c
// servers (Kiefer & Wolfowitz 1955). It uses the same floating-point sums
// as the kernel (start + service), so the comparison can be exact.
func fifoStarts(c int, arrive, service []float64) []float64 {
	free := make([]float64, c)
	start := make([]float64, len(arrive))
	for i, a := range arrive {
		k := 0
		for j := range free {
			if free[j] < free[k] {
				k = j
			}
		}
		start[i] = math.Max(a, free[k])
		free[k] = start[i] + service[i]
	}
	return start
}

// TestResourceFIFO checks a FIFO resource exactly against fifoStarts: the
// grant order is the request order and every start time is bit-for-bit the
// reference, as is the mean wait the resource tallies (to rounding of the
// running mean).
func TestResourceFIFO(t *testing.T) {
	for _, c := range []int{1, 2, 5} {
		env := NewEnv()
		booth := NewResource(env, c)
		s := NewStream(uint64(c), 0, "fifo")
		n := 2000
		arrive := make([]float64, n)
		service := make([]float64, n)
		at := 0.0
		for i := range n {
			if !s.Bernoulli(0.2) { // 20% of vehicles arrive together with the previous one
				at += s.ExpFloat64() / (0.9 * float64(c))
			}
			arrive[i] = at
			service[i] = s.ExpFloat64()
		}
		l := newLane(env, booth, arrive, service, nil)
		env.Run()
		want := fifoStarts(c, arrive, service)
		var sumWait float64
		for i := range n {
			if l.granted[i].arg != i {
				t.Fatalf("c=%d: grant %d went to vehicle %d", c, i, l.granted[i].arg)
			}
			if l.start[i] != want[i] {
				t.Fatalf("c=%d: vehicle %d started at %v, want %v", c, i, l.start[i], want[i])
			}
			if l.departed[i] != want[i]+service[i] {
				t.Fatalf("c=%d: vehicle %d left at %v, want %v", c, i, l.departed[i], want[i]+service[i])
			}
			sumWait += want[i] - arrive[i]
		}
		w := booth.Waits()
		if w.N() != int64(n) || math.Abs(w.Mean()-sumWait/float64(n)) > 1e-12*sumWait {
			t.Errorf("c=%d: Waits N=%d mean=%v, want %d, %v", c, w.N(), w.Mean(), n, sumWait/float64(n))
		}
		if booth.Busy() != 0 || booth.QueueLen() != 0 {
			t.Errorf("c=%d: after the run busy=%d queue=%d", c, booth.Busy(), booth.QueueLen())
		}
	}
}

// priorityStarts is the reference for one non-preemptive server with a
// priority queue: when the server frees, it takes the waiting vehicle with
// the lowest (priority, arrival index); when none waits, the next arrival.
func priorityStarts(arrive, service []float64, prio []int) (order []int) {
	n := len(arrive)
	done := make([]bool, n)
	free := math.Inf(-1)
	for range n {
		best := -1
		for i := range n {
			if done[i] || arrive[i] > free {
				continue
			}
			if best < 0 || prio[i] < prio[best] {
				best = i // ties keep the lower index: FIFO within a priority
			}
		}
		if best < 0 { // idle: the next arrival (arrival times are distinct)
			for i := range n {
				if !done[i] && (best < 0 || arrive[i] < arrive[best]) {
					best = i
				}
			}
		}
		done[best] = true
		free = math.Max(free, arrive[best]) + service[best]
		order = append(order, best)
	}
	return order
}

// TestResourcePriority checks NewPriorityResource exactly: lower priority
// values first, FIFO within a priority, against priorityStarts on a busy
// single booth with random priorities.
func TestResourcePriority(t *testing.T) {
	env := NewEnv()
	booth := NewPriorityResource(env, 1)
	s := NewStream(9, 0, "priority")
	n := 3000
	arrive := make([]float64, n)
	service := make([]float64, n)
	prio := make([]int, n)
	at := 0.0
	for i := range n {
		at += s.ExpFloat64() / 0.95 // ρ = 0.95: long queues, many priority decisions
		arrive[i] = at
		service[i] = s.ExpFloat64()
		prio[i] = s.IntN(4) - 1 // −1 … 2: negative priorities are allowed
	}
	l := newLane(env, booth, arrive, service, prio)
	env.Run()
	want := priorityStarts(arrive, service, prio)
	jumped := 0
	for k := range n {
		if l.granted[k].arg != want[k] {
			t.Fatalf("grant %d went to vehicle %d (priority %d), want %d (priority %d)",
				k, l.granted[k].arg, prio[l.granted[k].arg], want[k], prio[want[k]])
		}
		if want[k] != k {
			jumped++
		}
	}
	if jumped < n/4 {
		t.Fatalf("only %d vehicles served out of arrival order: the test exercises too little", jumped)
	}
}

// TestResourcePriorityBatch: a booth busy with one car while a batch of
// six waits; the batch is served by (priority, arrival). The same batch on
// a FIFO resource is served in arrival order: the priority is ignored.
func TestResourcePriorityBatch(t *testing.T) {
	prio := []int{0, 3, 1, 3, 0, 1, -2}
	arrive := []float64{0, 1, 2, 3, 4, 5, 6}
	service := []float64{10, 1, 1, 1, 1, 1, 1}
	for _, pq := range []bool{true, false} {
		env := NewEnv()
		var booth *Resource
		if pq {
			booth = NewPriorityResource(env, 1)
		} else {
			booth = NewResource(env, 1)
		}
		l := newLane(env, booth, arrive, service, prio)
		env.Run()
		var got []int
		for _, g := range l.granted {
			got = append(got, g.arg)
		}
		want := []int{0, 1, 2, 3, 4, 5, 6}
		if pq {
			want = []int{0, 6, 4, 2, 5, 1, 3}
		}
		if !slices.Equal(got, want) {
			t.Errorf("priority=%v: served %v, want %v", pq, got, want)
		}
	}
}

// shiftLane is a random port lane whose booths open and close while it
// runs, some by a fixed schedule of SetCapacity events, some by SetCapacity from
// inside another event.
// It checks the capacity rules at every grant and after every event.
type shiftLane struct {
	t        *testing.T
	env      *Env
	booth    *Resource
	arrS     *Stream
	svcS     *Stream
	capS     *Stream
	arrivals int
	finished int
	maxBusy  int
	overCap  int // events after which busy > capacity (a closing booth finishing)
	start    []float64
	service  []float64

	arrive, grant, depart, supervise Action
}

func (l *shiftLane) onArrive(int) {
	i := l.arrivals
	l.arrivals++
	l.start = append(l.start, math.NaN())
	l.service = append(l.service, l.svcS.ExpFloat64()/1.2)
	l.booth.Request(i, 0, l.grant)
	if l.arrivals < 20000 {
		l.env.Timeout(l.arrS.ExpFloat64()/2.5, l.arrive, 0)
	}
}

func (l *shiftLane) onGrant(i int) {
	// Busy counts this grant: it may not take the count above capacity.
	if l.booth.Busy() > l.booth.Capacity() {
		l.t.Fatalf("t=%v: grant to %d made busy %d > capacity %d",
			l.env.Now(), i, l.booth.Busy(), l.booth.Capacity())
	}
	l.start[i] = l.env.Now()
	l.env.Timeout(l.service[i], l.depart, i)
}

func (l *shiftLane) onDepart(i int) {
	// A booth that closed while this vehicle was in it still finished it:
	// the departure is exactly start + service, never cut short.
	if want := l.start[i] + l.service[i]; l.env.Now() != want {
		l.t.Fatalf("vehicle %d left at %v, want %v", i, l.env.Now(), want)
	}
	l.finished++
	l.booth.Release()
}

// onSupervise sets the number of open booths from inside an event, as a
// shift supervisor reacting to the queue would.
func (l *shiftLane) onSupervise(int) {
	l.booth.SetCapacity(l.capS.IntN(6))
	if l.arrivals < 20000 {
		l.env.Timeout(l.capS.ExpFloat64()*30, l.supervise, 0)
	}
}

// TestResourceCapacityChanges runs shiftLane and checks, after every event:
// vehicles are conserved (arrived = finished + in booths + waiting); no
// vehicle waits while a booth is free (an opening booth takes the next in
// line at once, and a release hands the booth over at once); busy above
// capacity happens only after a closing (asserted to occur, so the rule is
// exercised); and PeakBusy is the largest busy count seen.
func TestResourceCapacityChanges(t *testing.T) {
	env := NewEnv()
	l := &shiftLane{t: t, env: env, booth: NewResource(env, 3),
		arrS: NewStream(4, 0, "arrivals"), svcS: NewStream(4, 0, "service"), capS: NewStream(4, 0, "capacity")}
	l.arrive, l.grant, l.depart, l.supervise = l.onArrive, l.onGrant, l.onDepart, l.onSupervise
	env.Timeout(0, l.arrive, 0)
	env.Timeout(15, l.supervise, 0)
	for k := range 300 { // a fixed booth schedule on top of the supervisor
		env.At(float64(k)*25+7, l.booth.SetCapacity, (k*7)%5)
	}
	capChanges := 0
	lastCap := l.booth.Capacity()
	for env.Step() {
		b := l.booth
		if b.Capacity() != lastCap {
			capChanges++
			lastCap = b.Capacity()
		}
		if l.arrivals != l.finished+b.Busy()+b.QueueLen() {
			t.Fatalf("t=%v: %d arrived, %d finished, %d busy, %d waiting",
				env.Now(), l.arrivals, l.finished, b.Busy(), b.QueueLen())
		}
		if b.QueueLen() > 0 && b.Busy() < b.Capacity() {
			t.Fatalf("t=%v: %d waiting with %d of %d booths busy",
				env.Now(), b.QueueLen(), b.Busy(), b.Capacity())
		}
		if b.Busy() > b.Capacity() {
			l.overCap++
		}
		l.maxBusy = max(l.maxBusy, b.Busy())
		if env.Now() > 1e5 {
			break // the supervisor may have closed every booth for good
		}
	}
	if capChanges < 100 || l.overCap == 0 {
		t.Fatalf("%d capacity changes, %d events with busy > capacity: the test exercises too little",
			capChanges, l.overCap)
	}
	if l.booth.PeakBusy() != l.maxBusy {
		t.Errorf("PeakBusy = %d, largest busy seen %d", l.booth.PeakBusy(), l.maxBusy)
	}
	if l.booth.Waits().N() != int64(l.arrivals-l.booth.QueueLen()) {
		t.Errorf("Waits().N() = %d, want %d granted", l.booth.Waits().N(), l.arrivals-l.booth.QueueLen())
	}
}

// TestResourceOpeningBoothTakesNextAtOnce: three cars wait at a lane with
// no open booth; two booths open at t=5 and take two cars at exactly 5;
// one closes at t=6 while busy, and its car still finishes at 5+4 = 9.
func TestResourceOpeningBoothTakesNextAtOnce(t *testing.T) {
	env := NewEnv()
	booth := NewResource(env, 0)
	l := newLane(env, booth, []float64{0, 1, 2}, []float64{4, 4, 4}, nil)
	env.At(5, booth.SetCapacity, 2)
	env.At(6, booth.SetCapacity, 1)
	env.RunUntil(5.5)
	if want := []firing{{5, 0}, {5, 1}}; !slices.Equal(l.granted, want) {
		t.Fatalf("granted %v, want %v", l.granted, want)
	}
	env.RunUntil(6.5)
	if booth.Busy() != 2 || booth.Capacity() != 1 {
		t.Errorf("after closing one of two busy booths: busy %d, capacity %d; want 2, 1", booth.Busy(), booth.Capacity())
	}
	env.Run()
	// Car 2 waits for both cars to leave at 9: the first release brings busy
	// to 1 = capacity, so no grant; the second hands the booth over.
	if want := []firing{{5, 0}, {5, 1}, {9, 2}}; !slices.Equal(l.granted, want) {
		t.Errorf("granted %v, want %v", l.granted, want)
	}
	if !slices.Equal(l.departed, []float64{9, 9, 13}) {
		t.Errorf("departures %v, want [9 9 13]", l.departed)
	}
}

// TestResourceObservables checks QueueLen, Busy, Waits, QueueLength and
// InService on a case worked by hand: one booth, three cars at t=0, four
// seconds each. Waits are 0, 4, 8 (mean 4, max 8); the queue holds 2 cars
// on [0,4), 1 on [4,8), 0 after, so its time average over [0,12] is
// (8+4)/12 = 1; the booth is busy all of [0,12].
func TestResourceObservables(t *testing.T) {
	env := NewEnv()
	booth := NewResource(env, 1)
	newLane(env, booth, []float64{0, 0, 0}, []float64{4, 4, 4}, nil)
	check := func(at float64, queue, busy int, waits int64) {
		t.Helper()
		env.RunUntil(at)
		if booth.QueueLen() != queue || booth.Busy() != busy || booth.Waits().N() != waits {
			t.Errorf("t=%v: queue %d busy %d waits.N %d; want %d %d %d",
				at, booth.QueueLen(), booth.Busy(), booth.Waits().N(), queue, busy, waits)
		}
	}
	check(1, 2, 1, 1)
	check(5, 1, 1, 2)
	check(9, 0, 1, 3)
	check(12.5, 0, 0, 3)
	w := booth.Waits()
	if w.Mean() != 4 || w.Max() != 8 || w.Min() != 0 {
		t.Errorf("waits mean %v min %v max %v; want 4 0 8", w.Mean(), w.Min(), w.Max())
	}
	if got := booth.QueueLength().Mean(12); got != 1 {
		t.Errorf("time-average queue length = %v, want 1", got)
	}
	if got := booth.QueueLength().Max(); got != 2 {
		t.Errorf("max queue length = %v, want 2", got)
	}
	if got := booth.InService().Mean(12); got != 1 {
		t.Errorf("time-average busy = %v, want 1", got)
	}
	if booth.PeakBusy() != 1 || booth.Capacity() != 1 {
		t.Errorf("PeakBusy %d Capacity %d, want 1 1", booth.PeakBusy(), booth.Capacity())
	}
}

// zeroService releases the booth inside the grant: a re-entrant Release
// from within Request or from within another Release.
type zeroService struct {
	booth  *Resource
	served []int
	grant  Action
}

func (z *zeroService) onGrant(i int) {
	z.served = append(z.served, i)
	z.booth.Release()
}

// TestResourceReentrantRelease: vehicles waiting behind a closed booth,
// each released inside its own grant, are all served in FIFO order when
// the booth opens, and the resource ends idle.
func TestResourceReentrantRelease(t *testing.T) {
	env := NewEnv()
	z := &zeroService{booth: NewResource(env, 0)}
	z.grant = z.onGrant
	for i := range 100 {
		z.booth.Request(i, 0, z.grant)
	}
	z.booth.SetCapacity(1)
	z.booth.Request(100, 0, z.grant) // free booth, empty queue: granted inside Request
	if len(z.served) != 101 || !slices.IsSorted(z.served) || z.booth.Busy() != 0 || z.booth.QueueLen() != 0 {
		t.Errorf("served %d in order %v, busy %d, queue %d", len(z.served), slices.IsSorted(z.served),
			z.booth.Busy(), z.booth.QueueLen())
	}
}

// followOn is a grant that brings another vehicle: each of the first
// vehicles, when granted, makes vehicle i+100 arrive at the same instant
// (as a tow truck arriving with the car it follows would).
type followOn struct {
	booth  *Resource
	served []int
	grant  Action
}

func (f *followOn) onGrant(i int) {
	f.served = append(f.served, i)
	if i < 100 {
		f.booth.Request(i+100, 0, f.grant)
	}
}

// TestResourceRequestInsideGrant: when two booths open on a line of three,
// the first grant's follow-on request arrives while the line is still
// being served. It must join the back of the line, not take the second
// free booth ahead of vehicles already waiting.
func TestResourceRequestInsideGrant(t *testing.T) {
	env := NewEnv()
	f := &followOn{booth: NewResource(env, 0)}
	f.grant = f.onGrant
	for i := range 3 {
		f.booth.Request(i, 0, f.grant)
	}
	f.booth.SetCapacity(2)
	if want := []int{0, 1}; !slices.Equal(f.served, want) {
		t.Errorf("served %v, want %v", f.served, want)
	}
	if f.booth.QueueLen() != 3 || f.booth.Busy() != 2 {
		t.Errorf("queue %d busy %d, want 3 2", f.booth.QueueLen(), f.booth.Busy())
	}
	f.booth.Release()
	f.booth.Release()
	if want := []int{0, 1, 2, 100}; !slices.Equal(f.served, want) {
		t.Errorf("served %v, want %v", f.served, want)
	}
}

func TestResourcePanics(t *testing.T) {
	env := NewEnv()
	r := NewResource(env, 1)
	cases := map[string]func(){
		"Release idle":            func() { r.Release() },
		"NewResource(-1)":         func() { NewResource(env, -1) },
		"NewPriorityResource(-1)": func() { NewPriorityResource(env, -1) },
		"SetCapacity(-1)":         func() { r.SetCapacity(-1) },
	}
	for name, f := range cases {
		if !panics(f) {
			t.Errorf("%s did not panic", name)
		}
	}
}

// burstLane is a deterministic busy lane for the allocation test: five
// cars every 10 s at two booths, 3 s each, so a queue of three forms and
// drains in every cycle, going through both the immediate-grant and the
// queued-grant paths.
type burstLane struct {
	env    *Env
	booth  *Resource
	cycle  Action
	grant  Action
	depart Action
}

func (b *burstLane) onCycle(int) {
	for i := range 5 {
		b.booth.Request(i, i%3, b.grant)
	}
	b.env.Timeout(10, b.cycle, 0)
}
func (b *burstLane) onGrant(i int) { b.env.Timeout(3, b.depart, i) }
func (b *burstLane) onDepart(int)  { b.booth.Release() }

// TestResourceAllocs requires the Resource hot path (Request, queueing,
// grant, Release, the statistics) to allocate nothing once its buffers
// have grown to the model's needs, for both queue disciplines.
func TestResourceAllocs(t *testing.T) {
	for _, pq := range []bool{false, true} {
		env := NewEnv()
		b := &burstLane{env: env}
		if pq {
			b.booth = NewPriorityResource(env, 2)
		} else {
			b.booth = NewResource(env, 2)
		}
		b.cycle, b.grant, b.depart = b.onCycle, b.onGrant, b.onDepart
		env.Timeout(0, b.cycle, 0)
		env.RunUntil(100)
		if got := testing.AllocsPerRun(1000, func() { env.Step() }); got != 0 {
			t.Errorf("priority=%v: %v allocations per event, want 0", pq, got)
		}
		if b.booth.PeakBusy() != 2 || b.booth.QueueLength().Max() != 3 {
			t.Errorf("priority=%v: peak busy %d, max queue %v; want 2, 3",
				pq, b.booth.PeakBusy(), b.booth.QueueLength().Max())
		}
	}
}

// A Release with claims waiting hands the server straight to the next one
// (Resource.Release): the number busy is only integrated up to now, not set
// to busy−1 and back. The integrals must be bit for bit those of the
// release-then-grant sequence, which the reference here replays with its
// own TimeAverages from the resource's grants and releases, through
// capacity changes (a closing booth's server retires at its release) and
// random ties.
func TestReleaseHandsOnSameIntegrals(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		s := NewStream(seed, 0, "handon")
		env := NewEnv()
		r := NewResource(env, 3)
		var busyRef, queueRef TimeAverage
		busy, queued := 0, 0
		var waits Tally
		since := map[int]float64{}
		var grant, depart Action
		grant = func(i int) {
			queued = r.QueueLen()
			queueRef.Set(env.Now(), float64(queued))
			busy++
			busyRef.Set(env.Now(), float64(busy))
			waits.Add(env.Now() - since[i])
			env.Timeout(math.Floor(s.Float64()*6)+s.Float64()/3, depart, i) // ties, and times that round
		}
		depart = func(i int) {
			busy--
			busyRef.Set(env.Now(), float64(busy)) // as Release did before it handed on
			r.Release()
		}
		r.SetGrant(grant)
		next := 0
		var arrive Action
		arrive = func(int) {
			since[next] = env.Now()
			r.Claim(next)
			if r.QueueLen() != queued {
				queued = r.QueueLen()
				queueRef.Set(env.Now(), float64(queued))
			}
			next++
			if next < 3000 {
				env.Timeout(math.Floor(s.Float64()*3)*1.1, arrive, 0)
			}
		}
		env.At(0, arrive, 0)
		for h := 1; h < 20; h++ {
			c := s.IntN(5)
			env.At(float64(h*200), func(int) { r.SetCapacity(c) }, 0)
		}
		env.Run()
		end := env.Now() + 1
		if a, b := r.InService().Integral(end), busyRef.Integral(end); a != b {
			t.Fatalf("seed %d: ∫busy %v, reference %v", seed, a, b)
		}
		if a, b := r.QueueLength().Integral(end), queueRef.Integral(end); a != b || r.QueueLength().Max() != queueRef.Max() {
			t.Fatalf("seed %d: ∫queue %v max %v, reference %v max %v", seed, a, r.QueueLength().Max(), b, queueRef.Max())
		}
		if w := r.Waits(); w.N() != waits.N() || w.Max() != waits.Max() || math.Abs(w.Mean()-waits.Mean()) > 1e-9*waits.Mean() {
			t.Fatalf("seed %d: waits %+v, reference %+v", seed, *w, waits)
		}
	}
}
