package sim

import (
	"math"
	"slices"
	"testing"
)

// panics reports whether f panics.
func panics(f func()) (did bool) {
	defer func() { did = recover() != nil }()
	f()
	return false
}

// firing is one event as a test saw it run.
type firing struct {
	t   float64
	arg int
}

// recorder logs the events it is handed, in the order they run.
type recorder struct {
	env *Env
	log []firing
	fn  Action // rec.record, made once
}

func newRecorder(env *Env) *recorder {
	r := &recorder{env: env}
	r.fn = r.record
	return r
}

func (r *recorder) record(arg int) { r.log = append(r.log, firing{r.env.Now(), arg}) }

// TestEnvTiesRunInInsertionOrder schedules many events on a few distinct
// times, in scrambled time order, and checks the run order is exactly a
// stable sort by time of the insertion order: ties at equal times run
// first-in-first-out, as with SimPy's sequence number. With 4000 events on
// 5 times, a heap that ignored the sequence would reorder ties almost
// surely.
func TestEnvTiesRunInInsertionOrder(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	s := NewStream(7, 0, "ties")
	times := []float64{0, 1, 2.5, 2.5000000000000004, 10}
	var want []firing
	for i := range 4000 {
		at := times[s.IntN(len(times))]
		env.At(at, rec.fn, i)
		want = append(want, firing{at, i})
	}
	slices.SortStableFunc(want, func(a, b firing) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	env.Run()
	if !slices.Equal(rec.log, want) {
		t.Fatalf("run order differs from (time, insertion) order")
	}
	if env.Processed() != 4000 || env.Pending() != 0 {
		t.Errorf("Processed = %d, Pending = %d; want 4000, 0", env.Processed(), env.Pending())
	}
}

// tieChain schedules, while running at time 1, a zero-delay event: it must
// run after every event already queued for time 1.
type tieChain struct {
	rec *recorder
	env *Env
}

func (c *tieChain) first(arg int) {
	c.rec.record(arg)
	c.env.Timeout(0, c.rec.fn, 99)
}

// TestEnvZeroDelayRunsAfterQueuedTies checks that an event scheduled at
// the current time from inside an event joins the back of the ties.
func TestEnvZeroDelayRunsAfterQueuedTies(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	c := &tieChain{rec: rec, env: env}
	env.At(1, c.first, 0)
	env.At(1, rec.fn, 1)
	env.At(1, rec.fn, 2)
	env.At(2, rec.fn, 3)
	env.Run()
	want := []firing{{1, 0}, {1, 1}, {1, 2}, {1, 99}, {2, 3}}
	if !slices.Equal(rec.log, want) {
		t.Errorf("log = %v, want %v", rec.log, want)
	}
}

// TestEnvTimeOrderRandom checks that events scheduled at random times,
// some from inside other events, run in nondecreasing time and exactly in
// (time, insertion) order. The reference is a plain sort of what was
// scheduled, so any heap bug (a missed sift, a wrong child) shows.
func TestEnvTimeOrderRandom(t *testing.T) {
	env := NewEnv()
	s := NewStream(11, 0, "order")
	type sched struct {
		t   float64
		seq int
	}
	var all []sched
	var ran []sched
	var fn Action
	fn = func(arg int) {
		ran = append(ran, sched{env.Now(), arg})
		if len(all) < 20000 && s.Bernoulli(0.7) {
			for range 1 + s.IntN(3) {
				d := math.Floor(s.Float64()*50) / 4 // coarse: many ties
				all = append(all, sched{env.Now() + d, len(all)})
				env.Timeout(d, fn, len(all)-1)
			}
		}
	}
	for range 500 {
		at := math.Floor(s.Float64() * 100)
		all = append(all, sched{at, len(all)})
		env.At(at, fn, len(all)-1)
	}
	env.Run()
	want := slices.Clone(all)
	slices.SortStableFunc(want, func(a, b sched) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	if len(ran) != len(all) {
		t.Fatalf("ran %d events, scheduled %d", len(ran), len(all))
	}
	// The reference sort is valid because each event is scheduled no
	// earlier than the time of the event that schedules it.
	if !slices.Equal(ran, want) {
		for i := range ran {
			if ran[i] != want[i] {
				t.Fatalf("event %d: ran %+v, want %+v", i, ran[i], want[i])
			}
		}
	}
}

// TestEnvCancel covers the three promises of Cancel: a cancelled event
// never runs, cancelling an event that already ran (or an unknown id, or
// twice) changes nothing, and PeekTime skips cancelled events.
func TestEnvCancel(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	a := env.At(1, rec.fn, 1)
	b := env.At(2, rec.fn, 2)
	c := env.At(3, rec.fn, 3)
	env.At(4, rec.fn, 4)

	env.Cancel(a)
	if got := env.PeekTime(); got != 2 {
		t.Errorf("PeekTime after cancelling the front = %v, want 2", got)
	}
	env.Cancel(a) // twice
	if !env.Step() {
		t.Fatal("Step returned false with events queued")
	}
	if env.Now() != 2 || !slices.Equal(rec.log, []firing{{2, 2}}) {
		t.Fatalf("after one Step: now %v, log %v", env.Now(), rec.log)
	}
	env.Cancel(b)                // already ran: no-op
	env.Cancel(EventID(1 << 40)) // never issued: no-op
	env.Cancel(c)
	env.Cancel(c)
	if got := env.PeekTime(); got != 4 {
		t.Errorf("PeekTime = %v, want 4", got)
	}
	// A cancelled event scheduled after the ran-and-cancelled b must not
	// be confused with it, and later events must all run.
	d := env.Timeout(1, rec.fn, 5) // t = 3
	env.At(5, rec.fn, 6)
	env.Run()
	want := []firing{{2, 2}, {3, 5}, {4, 4}, {5, 6}}
	if !slices.Equal(rec.log, want) {
		t.Errorf("log = %v, want %v", rec.log, want)
	}
	if env.Processed() != 4 {
		t.Errorf("Processed = %d, want 4 (cancelled events do not count)", env.Processed())
	}
	env.Cancel(d) // ran: no-op
	if env.Step() {
		t.Error("Step on an empty queue returned true")
	}
	if got := env.PeekTime(); !math.IsInf(got, 1) {
		t.Errorf("PeekTime on an empty queue = %v, want +Inf", got)
	}
}

// TestEnvCancelOnlyQueuedEvents cancels every other event of a large
// queue and checks exactly the others run, in order.
func TestEnvCancelOnlyQueuedEvents(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	s := NewStream(3, 0, "cancel")
	ids := make([]EventID, 3000)
	ts := make([]float64, 3000)
	for i := range ids {
		ts[i] = s.Float64() * 100
		ids[i] = env.At(ts[i], rec.fn, i)
	}
	var want []firing
	for i := range ids {
		if i%2 == 0 {
			env.Cancel(ids[i])
		} else {
			want = append(want, firing{ts[i], i})
		}
	}
	slices.SortStableFunc(want, func(a, b firing) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	env.Run()
	if !slices.Equal(rec.log, want) {
		t.Errorf("ran %d events; want exactly the %d uncancelled ones in time order", len(rec.log), len(want))
	}
}

// canceller cancels, from inside an event, another event due at the same
// time: it must not run.
type canceller struct {
	env    *Env
	victim EventID
	rec    *recorder
}

func (c *canceller) fire(arg int) {
	c.rec.record(arg)
	c.env.Cancel(c.victim)
}

func TestEnvCancelFromInsideEvent(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	c := &canceller{env: env, rec: rec}
	env.At(1, c.fire, 0)
	c.victim = env.At(1, rec.fn, 1)
	env.At(1, rec.fn, 2)
	env.Run()
	if want := []firing{{1, 0}, {1, 2}}; !slices.Equal(rec.log, want) {
		t.Errorf("log = %v, want %v", rec.log, want)
	}
}

// TestEnvCancelRanEventsLeaveNoTrace is white-box: ids of events that
// already ran must not pile up in the cancelled set, which would leak
// memory and put a map lookup on every later event. The set may hold at
// most about twice the pending events (the amortised purge threshold),
// and it is empty once the queue drains.
func TestEnvCancelRanEventsLeaveNoTrace(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	var ran []EventID
	for i := range 10000 {
		ran = append(ran, env.At(float64(i), rec.fn, i))
	}
	for range 9000 {
		env.Step()
	}
	for _, id := range ran[:9000] {
		env.Cancel(id)
	}
	if n, p := len(env.cancelled.ids), env.Pending(); n > 2*p+16 {
		t.Errorf("cancelled set holds %d ids with %d events pending", n, p)
	}
	env.Run()
	if len(rec.log) != 10000 {
		t.Errorf("ran %d events, want 10000", len(rec.log))
	}
	if n := len(env.cancelled.ids); n != 0 {
		t.Errorf("cancelled set holds %d ids after the queue drained", n)
	}
}

// TestEnvRunUntil checks that RunUntil(t) runs exactly the events strictly
// before t, leaves an event at exactly t queued, and sets the clock to t.
func TestEnvRunUntil(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	env.At(1, rec.fn, 1)
	env.At(5, rec.fn, 5)
	env.At(7, rec.fn, 7)
	env.RunUntil(5)
	if env.Now() != 5 {
		t.Errorf("Now = %v after RunUntil(5)", env.Now())
	}
	if want := []firing{{1, 1}}; !slices.Equal(rec.log, want) {
		t.Errorf("RunUntil(5) ran %v, want %v (the event at 5 stays queued)", rec.log, want)
	}
	env.RunUntil(5) // no-op
	env.RunUntil(6)
	if want := []firing{{1, 1}, {5, 5}}; !slices.Equal(rec.log, want) || env.Now() != 6 {
		t.Errorf("RunUntil(6): now %v, ran %v", env.Now(), rec.log)
	}
	env.RunUntil(100) // past the last event: clock still moves to 100
	if env.Now() != 100 || len(rec.log) != 3 {
		t.Errorf("RunUntil(100): now %v, ran %d", env.Now(), len(rec.log))
	}
	if !panics(func() { env.RunUntil(99) }) {
		t.Error("RunUntil into the past did not panic")
	}
}

// randomWalkers is a self-scheduling model for comparing two runs: each
// walker fires at random gaps (many equal, to exercise ties at the RunUntil
// boundaries) and logs when it fired.
type randomWalkers struct {
	env  *Env
	s    *Stream
	log  []firing
	step Action
}

func newRandomWalkers(seed uint64) *randomWalkers {
	w := &randomWalkers{env: NewEnv(), s: NewStream(seed, 0, "walk")}
	w.step = w.fire
	for i := range 20 {
		w.env.At(float64(i%4), w.step, i)
	}
	return w
}

func (w *randomWalkers) fire(arg int) {
	w.log = append(w.log, firing{w.env.Now(), arg})
	w.env.Timeout(float64(w.s.IntN(4)), w.step, arg)
}

// TestEnvRunUntilSplits checks that RunUntil(t1), RunUntil(t2), … runs
// exactly the same events at the same times as one RunUntil(tn), with
// boundaries on event times (integers here) and between them.
func TestEnvRunUntilSplits(t *testing.T) {
	one := newRandomWalkers(5)
	one.env.RunUntil(1000)
	split := newRandomWalkers(5)
	for _, t1 := range []float64{0, 0, 1, 2.5, 3, 3, 17, 17.000001, 400, 999.5, 1000} {
		split.env.RunUntil(t1)
		if split.env.Now() != t1 {
			t.Fatalf("Now = %v after RunUntil(%v)", split.env.Now(), t1)
		}
	}
	if len(one.log) < 10000 {
		t.Fatalf("only %d events: the model is too small to test anything", len(one.log))
	}
	if !slices.Equal(one.log, split.log) {
		t.Errorf("split RunUntil ran %d events, one RunUntil %d, or in a different order",
			len(split.log), len(one.log))
	}
	for _, f := range one.log {
		if f.t >= 1000 {
			t.Fatalf("RunUntil(1000) ran an event at %v", f.t)
		}
	}
}

func TestEnvStepEmpty(t *testing.T) {
	env := NewEnv()
	if env.Step() {
		t.Error("Step on a new Env returned true")
	}
	rec := newRecorder(env)
	env.Timeout(2, rec.fn, 0)
	if !env.Step() || env.Now() != 2 {
		t.Errorf("Step ran nothing or left the clock at %v", env.Now())
	}
	if env.Step() {
		t.Error("Step after the last event returned true")
	}
	env.Run() // on an empty queue: returns at once
	if env.Now() != 2 {
		t.Errorf("Run on an empty queue moved the clock to %v", env.Now())
	}
}

// stopper stops the run when it fires.
type stopper struct {
	env *Env
	rec *recorder
}

func (s *stopper) fire(arg int) {
	s.rec.record(arg)
	s.env.Stop()
}

// TestEnvStop checks that Stop returns from Run and RunUntil after the
// running event, leaves the rest queued, and that the next Run resumes.
func TestEnvStop(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	st := &stopper{env: env, rec: rec}
	env.At(1, rec.fn, 1)
	env.At(2, st.fire, 2)
	env.At(2, rec.fn, 3) // a tie after the stop: must wait for the next Run
	env.At(3, st.fire, 4)
	env.At(4, rec.fn, 5)
	env.Run()
	if want := []firing{{1, 1}, {2, 2}}; !slices.Equal(rec.log, want) || env.Now() != 2 {
		t.Fatalf("Run with Stop at 2: now %v, ran %v", env.Now(), rec.log)
	}
	if env.Pending() != 3 {
		t.Errorf("Pending = %d after Stop, want 3", env.Pending())
	}
	// RunUntil stops at the stopping event and leaves the clock there.
	env.RunUntil(10)
	if want := []firing{{1, 1}, {2, 2}, {2, 3}, {3, 4}}; !slices.Equal(rec.log, want) || env.Now() != 3 {
		t.Fatalf("RunUntil with Stop at 3: now %v, ran %v", env.Now(), rec.log)
	}
	env.Run()
	if len(rec.log) != 5 || env.Now() != 4 {
		t.Errorf("Run after Stop: now %v, ran %v", env.Now(), rec.log)
	}
}

// TestEnvSchedulingPanics: a negative or NaN delay, a time in the past and
// a nil Action are programming errors inside the model and panic.
func TestEnvSchedulingPanics(t *testing.T) {
	env := NewEnv()
	rec := newRecorder(env)
	env.RunUntil(10)
	cases := map[string]func(){
		"Timeout(-1)":      func() { env.Timeout(-1, rec.fn, 0) },
		"Timeout(-1e-300)": func() { env.Timeout(-1e-300, rec.fn, 0) },
		"Timeout(NaN)":     func() { env.Timeout(math.NaN(), rec.fn, 0) },
		"At(past)":         func() { env.At(9.999, rec.fn, 0) },
		"At(NaN)":          func() { env.At(math.NaN(), rec.fn, 0) },
		"Timeout(nil)":     func() { env.Timeout(1, nil, 0) },
	}
	for name, f := range cases {
		if !panics(f) {
			t.Errorf("%s did not panic", name)
		}
	}
	if env.Pending() != 0 {
		t.Errorf("a panicking call left %d events queued", env.Pending())
	}
	if panics(func() { env.Timeout(0, rec.fn, 0); env.At(10, rec.fn, 0) }) {
		t.Error("a zero delay or At(now) panicked")
	}
}

// ticker is the hot path in miniature: one Action, made once, that
// reschedules itself with the entity index as data.
type ticker struct {
	env  *Env
	s    *Stream
	tick Action
}

func (k *ticker) fire(arg int) { k.env.Timeout(k.s.ExpFloat64(), k.tick, arg) }

// TestEnvHotPathAllocs requires zero allocations per event: Timeout and
// Step on a warmed heap (its backing array already at the size the model
// needs) must not allocate. This is the kernel's central performance
// promise; a closure, an interface conversion or a pointer per event would
// break it.
func TestEnvHotPathAllocs(t *testing.T) {
	k := &ticker{env: NewEnv(), s: NewStream(1, 0, "tick")}
	k.tick = k.fire
	for i := range 5000 { // more than NewEnv's initial capacity: the heap grows once
		k.env.Timeout(k.s.ExpFloat64(), k.tick, i)
	}
	for range 100000 {
		k.env.Step()
	}
	if got := testing.AllocsPerRun(10000, func() { k.env.Step() }); got != 0 {
		t.Errorf("Step of a self-rescheduling Action allocates %v times per event, want 0", got)
	}
	if got := testing.AllocsPerRun(100, func() { k.env.RunUntil(k.env.Now() + 1) }); got != 0 {
		t.Errorf("RunUntil allocates %v times per call, want 0", got)
	}
}

// The running event stays at the heap's root until its Action pushes
// (Env.hole): inside an Action, Pending and PeekTime must not see it, and
// Cancel of a queued event must still work, before and after a push.
func TestEnvRunningEventNotPending(t *testing.T) {
	env := NewEnv()
	var ran []int
	var id EventID
	env.At(1, func(int) {
		ran = append(ran, 1)
		if n := env.Pending(); n != 2 {
			t.Errorf("Pending inside the running event = %d, want 2", n)
		}
		if pt := env.PeekTime(); pt != 2 {
			t.Errorf("PeekTime inside the running event = %v, want 2", pt)
		}
		env.Cancel(id)                                           // the event at 2
		env.Timeout(0.5, func(int) { ran = append(ran, 15) }, 0) // at 1.5
		if pt := env.PeekTime(); pt != 1.5 {
			t.Errorf("PeekTime after the push = %v, want 1.5", pt)
		}
	}, 0)
	id = env.At(2, func(int) { ran = append(ran, 2) }, 0)
	env.At(3, func(int) {
		ran = append(ran, 3)
		env.Timeout(1, func(int) { ran = append(ran, 4) }, 0)
	}, 0)
	env.Run()
	if !slices.Equal(ran, []int{1, 15, 3, 4}) {
		t.Errorf("ran %v, want [1 15 3 4]", ran)
	}
	if env.Pending() != 0 {
		t.Errorf("Pending at the end = %d", env.Pending())
	}
}

// The heap orders events by the bits of their times (Env's timeKey), which
// order as the floats only for t ≥ +0: −0 must count as 0 (its sign bit
// would put it after every other time), and times from the smallest
// subnormal to +Inf must keep their order, ties by scheduling.
func TestEnvTimeKeyOrder(t *testing.T) {
	env := NewEnv()
	var ran []int
	rec := func(i int) { ran = append(ran, i) }
	times := []float64{math.Inf(1), 1e300, 3, math.SmallestNonzeroFloat64, math.Copysign(0, -1), 0, 3, 2.5, math.MaxFloat64, 1}
	for i, at := range times {
		env.At(at, rec, i)
	}
	s := env.NewSlot(rec)
	env.SetSlot(s, 2.5, 10) // a tie with event 7, scheduled after it
	for env.Step() {
	}
	// +Inf never runs: Step runs what is due before +Inf.
	want := []int{4, 5, 3, 9, 7, 10, 2, 6, 1, 8}
	if !slices.Equal(ran, want) {
		t.Fatalf("ran %v, want %v", ran, want)
	}
	if env.PeekTime() != math.Inf(1) || env.Pending() != 1 {
		t.Fatalf("left PeekTime %v, Pending %d; want the event at +Inf", env.PeekTime(), env.Pending())
	}
}

// Heaps of every size up to a few levels, filled and drained in random
// order with the running event's first push taking its place: each size
// has its own last, partly filled level, which siftDown handles apart from
// the four-child tournaments.
func TestEnvHeapSizes(t *testing.T) {
	s := NewStream(5, 0, "sizes")
	for n := 1; n <= 90; n++ {
		env := NewEnv()
		var got []float64
		left := 3 * n
		var fn Action
		fn = func(int) {
			got = append(got, env.Now())
			if left > 0 {
				left--
				env.Timeout(math.Floor(s.Float64()*8), fn, 0)
			}
		}
		for range n {
			env.At(math.Floor(s.Float64()*8), fn, 0)
		}
		env.Run()
		if len(got) != 4*n || !slices.IsSorted(got) {
			t.Fatalf("heap of %d: %d events, sorted %v", n, len(got), slices.IsSorted(got))
		}
	}
}

func TestEnvSlotIDPanics(t *testing.T) {
	for name, f := range map[string]func(*Env){
		"SetSlot(0)":   func(e *Env) { e.SetSlot(0, 1, 0) },
		"ClearSlot(0)": func(e *Env) { e.ClearSlot(0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s on an Env without that slot did not panic", name)
				}
			}()
			f(NewEnv())
		}()
	}
}
