// Package sim is borderflow's discrete-event simulation kernel.
//
// It owns the simulated clock and the event queue (Env), multi-server
// queues (Resource), streaming statistics that keep no per-entity records
// (Tally, TimeAverage, Sketch), confidence intervals over
// replications, and named random streams with the distributions the model
// needs (Stream, Dist). It knows nothing of vehicles, ports, files or
// charts.
//
// The vocabulary is SimPy's — environment, event, timeout, resource — but
// not its design. SimPy (and simgo, its Go port, which runs every process as
// a goroutine) pays for a coroutine switch per event. Here an entity's life
// is a chain of Actions, func(arg int) values created once and scheduled
// with the entity's index as data, on a 4-ary heap of plain structs. An
// event costs no goroutine and no heap allocation, and ties at equal times
// run in insertion order, so runs are deterministic.
//
// Files, in reading order: heap.go (the event queue), slots.go (standing
// places for one event each, outside the queue), cancel.go (lazy
// cancellation), env.go (the clock and the loop that runs the events:
// read it first, with the car-wash example, example_test.go), stats.go,
// fifo.go, resource.go, sketch.go, ci.go, rand.go, gorand.go, uniform.go,
// exp.go, dist.go, truncated.go. No file uses a name defined in a later one
// (TestFileOrder).
//
// Time is float64 simulated seconds everywhere.
//
// Randomness comes only from Streams derived from (master seed,
// replication, stream name): adding a stream or a port never changes the
// numbers another stream draws, which gives common random numbers across
// policies compared on the same seed.
package sim
