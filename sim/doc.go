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
// Time is float64 simulated seconds everywhere.
//
// Randomness comes only from Streams derived from (master seed,
// replication, stream name): adding a stream or a port never changes the
// numbers another stream draws, which gives common random numbers across
// policies compared on the same seed.
package sim
