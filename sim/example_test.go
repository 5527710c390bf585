package sim_test

import (
	"fmt"

	"borderflow/sim"
)

// carWash is SimPy's car wash example written for this kernel: a car wash
// has a few washing machines; a car that finds one free is washed at
// once, otherwise it waits in line until a machine is released.
//
// SimPy writes each car as a generator that yields a request and a
// timeout. Here a car's life is a chain of Actions — arrive → enter the
// wash → leave — each scheduling the next, and the car travels through
// the chain as its number (the int argument). The Actions are method
// values made once, so a car costs no closure and no goroutine.
type carWash struct {
	env      *sim.Env
	machines *sim.Resource
	washTime float64 // minutes

	arrive, enter, leave sim.Action
}

func newCarWash(env *sim.Env, machines int, washTime float64) *carWash {
	w := &carWash{env: env, machines: sim.NewResource(env, machines), washTime: washTime}
	w.arrive, w.enter, w.leave = w.onArrive, w.onEnter, w.onLeave
	return w
}

// onArrive: the car asks for a machine. If one is free, onEnter runs now,
// inside Request; otherwise it runs when a machine is released to it.
func (w *carWash) onArrive(car int) {
	fmt.Printf("%4.1f min  car %d arrives\n", w.env.Now(), car)
	w.machines.Request(car, 0, w.enter)
}

// onEnter: the car has a machine; it leaves washTime later.
func (w *carWash) onEnter(car int) {
	fmt.Printf("%4.1f min  car %d enters the car wash\n", w.env.Now(), car)
	w.env.Timeout(w.washTime, w.leave, car)
}

// onLeave: the car gives its machine to the next in line, if any.
func (w *carWash) onLeave(car int) {
	fmt.Printf("%4.1f min  car %d leaves the car wash\n", w.env.Now(), car)
	w.machines.Release()
}

// A car wash with two machines and a five-minute wash. Three cars wait
// when it opens; then a car arrives every two minutes. Cars that arrive at
// the same time are served in the order they were scheduled.
func Example_carWash() {
	env := sim.NewEnv()
	w := newCarWash(env, 2, 5)
	for car := range 6 {
		env.At(max(0, float64(car-2)*2), w.arrive, car)
	}
	env.Run()
	waits := w.machines.Waits()
	fmt.Printf("%d cars washed, mean wait %.2f min, longest %.0f min\n", waits.N(), waits.Mean(), waits.Max())
	// Output:
	//  0.0 min  car 0 arrives
	//  0.0 min  car 0 enters the car wash
	//  0.0 min  car 1 arrives
	//  0.0 min  car 1 enters the car wash
	//  0.0 min  car 2 arrives
	//  2.0 min  car 3 arrives
	//  4.0 min  car 4 arrives
	//  5.0 min  car 0 leaves the car wash
	//  5.0 min  car 2 enters the car wash
	//  5.0 min  car 1 leaves the car wash
	//  5.0 min  car 3 enters the car wash
	//  6.0 min  car 5 arrives
	// 10.0 min  car 2 leaves the car wash
	// 10.0 min  car 4 enters the car wash
	// 10.0 min  car 3 leaves the car wash
	// 10.0 min  car 5 enters the car wash
	// 15.0 min  car 4 leaves the car wash
	// 15.0 min  car 5 leaves the car wash
	// 6 cars washed, mean wait 3.00 min, longest 6 min
}

// inspection is a lane of primary inspection booths at a port of entry:
// each car holds a booth for a fixed inspection time.
type inspection struct {
	env   *sim.Env
	lane  *sim.Resource
	secs  float64
	start sim.Action
	done  sim.Action
}

func (in *inspection) onStart(car int) {
	fmt.Printf("t=%3.0f  booth takes car %d (%d of %d booths busy)\n",
		in.env.Now(), car, in.lane.Busy(), in.lane.Capacity())
	in.env.Timeout(in.secs, in.done, car)
}

func (in *inspection) onDone(int) { in.lane.Release() }

// A lane opens with one booth and six cars in line, 60 s per car. A second
// booth opens at t=90 s and takes the next car at once. One booth closes
// at t=130 s, while both are busy: the car in it is finished (it leaves at
// 150) but the booth takes no other, so car 4 waits for the remaining
// booth at 180.
func ExampleResource_SetCapacity() {
	env := sim.NewEnv()
	in := &inspection{env: env, lane: sim.NewResource(env, 1), secs: 60}
	in.start, in.done = in.onStart, in.onDone
	env.At(90, in.lane.SetCapacity, 2) // SetCapacity is an Action: schedule it
	env.At(130, in.lane.SetCapacity, 1)
	for car := range 6 {
		in.lane.Request(car, 0, in.start)
	}
	env.Run()
	fmt.Printf("last car done at t=%.0f s, mean wait %.0f s\n", env.Now(), in.lane.Waits().Mean())
	// Output:
	// t=  0  booth takes car 0 (1 of 1 booths busy)
	// t= 60  booth takes car 1 (1 of 1 booths busy)
	// t= 90  booth takes car 2 (2 of 2 booths busy)
	// t=120  booth takes car 3 (2 of 2 booths busy)
	// t=180  booth takes car 4 (1 of 1 booths busy)
	// t=240  booth takes car 5 (1 of 1 booths busy)
	// last car done at t=300 s, mean wait 115 s
}
