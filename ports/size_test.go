package ports

import (
	"runtime"
	"testing"
	"unsafe"

	"borderflow/scenario"
	"borderflow/sim"
)

// A waiting vehicle costs its pool entry and its place in the booths'
// queue (sim's waiter, pinned by sim.TestWaiterSize): a few tens of
// bytes with the response off, loads kept apart, so that long queues
// stay cheap.
// The pool entry was 144 bytes before the loads and the image timer moved
// out of it; this fails if fields creep back.
func TestVehicleSize(t *testing.T) {
	if n := unsafe.Sizeof(vehicle{}); n > 48 {
		t.Fatalf("vehicle is %d bytes, want at most 48", n)
	}
}

// Memory per queued vehicle, measured: one booth of a minute a vehicle and
// ten arrivals a second, no response, so after 30,000 s about 300,000
// vehicles wait. The heap the port holds then, over the vehicles in the
// queue, is the pool entry (48 bytes, up to a quarter more while the pool's
// slice grows) and the queue's place (16 bytes): at most 100 bytes a
// vehicle: 71 now; 157 before the loads and the actions moved out.
func TestMemoryPerQueuedVehicle(t *testing.T) {
	var hours [24]float64
	var days [7]float64
	var booths [24]int
	for i := range hours {
		hours[i], booths[i] = 1, 1
	}
	for i := range days {
		days[i] = 1
	}
	const rate = 10.0
	sc := &scenario.Scenario{
		Name: "overloaded", Seed: 3, Replications: 1, Horizon: 86400, BinWidth: 3600,
		Classes: []scenario.Class{{Name: "car", ValueOfTime: 20}},
		Ports: []scenario.Port{{Name: "Test", State: "Texas", Lanes: []scenario.Lane{{
			Class: 0, Rate: rate, AnnualVolume: rate * 365 * 86400, HourProfile: hours, DayProfile: days,
			Booths: booths, PrimaryTime: sim.Exponential{Scale: 60},
		}}}},
	}
	if sc.Response != nil {
		t.Fatal("the response must be off")
	}
	env := sim.NewEnv()
	streams := func(name string) *sim.Stream { return sim.NewStream(sc.Seed, 0, name) }
	p := New(env, sc, 0, Window{Start: 0, End: sc.Horizon, BinWidth: sc.BinWidth}, streams, nil)
	p.Start()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	env.RunUntil(30000)
	runtime.GC()
	runtime.ReadMemStats(&after)
	q := p.lanes[0].booths.QueueLen()
	if q < 250000 {
		t.Fatalf("only %d vehicles queued: the lane is not overloaded", q)
	}
	perVehicle := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(q)
	t.Logf("%d queued, %.1f bytes each", q, perVehicle)
	if perVehicle > 100 {
		t.Errorf("%.1f bytes per queued vehicle, want at most 100", perVehicle)
	}
	runtime.KeepAlive(p)
}
