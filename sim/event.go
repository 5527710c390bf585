package sim

// Event is SimPy's event: something that will happen, with callbacks to run
// when it does. It moves from pending to triggered (Succeed) to processed
// (its callbacks have run). Events are for the rare moments a model wants
// several parties to react to one occurrence — a surge starting, a
// smuggler's decision period ending — not for the per-vehicle hot path,
// which uses Env.Timeout with an Action directly.
type Event struct {
	env       *Env
	callbacks []func(*Event)
	triggered bool
	processed bool
	fire      Action
}

// NewEvent returns a pending event.
func (e *Env) NewEvent() *Event {
	ev := &Event{env: e}
	ev.fire = ev.run
	return ev
}

// AddCallback registers fn to run when the event is processed. Adding a
// callback to a processed event runs it at once.
func (ev *Event) AddCallback(fn func(*Event)) {
	if ev.processed {
		fn(ev)
		return
	}
	ev.callbacks = append(ev.callbacks, fn)
}

// Succeed triggers the event: its callbacks run after delay seconds, in the
// order they were added. Triggering twice panics, as in SimPy.
func (ev *Event) Succeed(delay float64) {
	if ev.triggered {
		panic("sim: event triggered twice")
	}
	ev.triggered = true
	ev.env.Timeout(delay, ev.fire, 0)
}

// Triggered reports whether Succeed has been called.
func (ev *Event) Triggered() bool { return ev.triggered }

// Processed reports whether the callbacks have run.
func (ev *Event) Processed() bool { return ev.processed }

func (ev *Event) run(int) {
	ev.processed = true
	cbs := ev.callbacks
	ev.callbacks = nil
	for _, fn := range cbs {
		fn(ev)
	}
}
