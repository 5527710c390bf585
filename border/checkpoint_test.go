package border_test

import (
	"fmt"
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// carrierResponse is the trucks' response of the shipped scenarios
// (cmd/genconfigs/response.go): carriers weigh their own costs, a value of
// time drawn per trip.
const carrierResponse = `[response]
[response.class.truck]
tolerance = "3h"
never_divert = 0.5
scale = 100
speed_kmh = 60
own_value_of_time = { dist = "lognormal", mean = 10, cv = 1 }
detour_cost_per_km = 0.55
cargo_value_of_time = 1350
cancel_cost = 2000
postpone_cost = 600
postpone_after = { dist = "uniform", min = "4h", max = "24h" }
max_postpones = 1
`

// A checkpoint that passes 90%, 70% and then 40% of a port's truck demand
// (400 a day, flat; teams at 36 min a truck) for two weeks, on the same
// seed, with carriers answering on their own costs and a second port 40 km
// away: the less it passes, the longer the mean wait for it. At 40% the
// second week's mean wait is at least 5 h (the queue is held up by the
// carriers who wait, as at Pharr in April 2022), and fewer than half of
// the trips that do not cross at the port are given up: the rest wait,
// come back later or cross at the other port.
func TestCheckpointShareOfDemand(t *testing.T) {
	prev := -1.0
	for _, c := range []struct {
		share   float64
		servers int
	}{{0.9, 9}, {0.7, 7}, {0.4, 4}} {
		ck := fmt.Sprintf("[[checkpoint]]\nname = \"state inspection\"\nport = \"A\"\nclasses = [\"truck\"]\nstart = \"0d\"\nend = \"14d\"\nservers = %d\ntime = { dist = \"constant\", value = \"36m\" }\n", c.servers)
		sc := responseScenario(t, 2, 0.4, "", normalTruckLane, carrierResponse+ck)
		sc.Horizon = 14 * scenario.Day
		res, err := border.Run(sc, 0, border.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		checkBooks(t, res)
		a := res.Ports[0].Lanes[0]
		w := a.Checkpoint.Waits.Mean() / 3600
		var sum, n float64
		for d := 7; d < 14; d++ {
			sum += a.Bins[d].CheckpointWaitSum
			n += float64(a.Bins[d].CheckpointWaitN)
		}
		week2 := sum / n / 3600
		r := a.Response
		notHere := r.Trips - a.Departures
		t.Logf("%.0f%%: mean wait %.2f h, second week %.2f h; %d trips, %d crossed here, %d cancelled, %d postponed, %d diverted, %d inside at the end",
			100*c.share, w, week2, r.Trips, a.Departures, r.Cancelled, r.Postponed, r.DivertedOut, a.InsideAtEnd())
		if !(w > prev) {
			t.Errorf("%.0f%%: mean wait %.2f h, not above %.2f h at the larger share", 100*c.share, w, prev)
		}
		prev = w
		if c.share == 0.4 {
			if week2 < 5 {
				t.Errorf("40%%: the second week's mean wait %.2f h, want at least 5 h", week2)
			}
			if notHere <= 0 || float64(r.Cancelled) >= 0.5*float64(notHere) {
				t.Errorf("40%%: %d of the %d trips that did not cross here were cancelled, want fewer than half", r.Cancelled, notHere)
			}
		}
	}
}

// A checkpoint with a detection method seizes the loads that reach it at
// its detection rate: every truck is stopped, a third of the trucks carry
// a load, no truck is referred to secondary (nothing else can find the
// loads), and the checkpoint finds each with probability 0.3. The seized
// count lies within four standard deviations of the binomial mean (a false
// alarm once in 16,000 runs), and the seizures are the lane's.
func TestCheckpointDetectionRate(t *testing.T) {
	const p = 0.3
	lane := "  daily_volume = 300\n  booths = 2\n  primary_time = { dist = \"constant\", value = \"60s\" }\n  referral_rate = 0\n  lot_capacity = 5\n  secondary = [{ method = \"unload\" }]\n"
	ck := fmt.Sprintf(`[[checkpoint]]
name = "state inspection"
port = "A"
classes = ["truck"]
start = "0d"
end = "20d"
servers = 20
time = { dist = "constant", value = "10m" }
detect = { hidden_compartment = %v, commingled = %v, manifest_fraud = %v, liquid_bottles = %v, vehicle_cavity = %v }

[drug.cocaine]
value_per_kg = 1

[[load]]
drug = "cocaine"
port = "A"
class = "truck"
concealment = "hidden_compartment"
loads_per_year = 36500
kg = { dist = "lognormal", mean = 10, cv = 1 }
`, p, p, p, p, p)
	sc := responseScenario(t, 1, 0, "", lane, ck)
	if testing.Short() {
		sc.Horizon = 5 * scenario.Day
	}
	res, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls := res.Ports[0].Lanes[0]
	st := ls.Checkpoint
	n, k := float64(st.LoadsInspected), float64(st.LoadsSeized)
	if n < 100 {
		t.Fatalf("%v loads reached the checkpoint: too few to test", n)
	}
	if sd := math.Sqrt(n * p * (1 - p)); math.Abs(k-n*p) > 4*sd {
		t.Errorf("%v of %v loads seized, binomial mean %.1f ± %.1f (4 sd)", k, n, n*p, 4*sd)
	}
	tot := ls.Totals()
	if tot.LoadsSeized != st.LoadsSeized || tot.KgSeized != st.KgSeized {
		t.Errorf("lane seized %d loads (%.1f kg), the checkpoint %d (%.1f kg): only the checkpoint inspects", tot.LoadsSeized, tot.KgSeized, st.LoadsSeized, st.KgSeized)
	}
	if tot.LoadsDelivered+tot.LoadsSeized > tot.LoadsAttempted {
		t.Errorf("delivered %d + seized %d > attempted %d", tot.LoadsDelivered, tot.LoadsSeized, tot.LoadsAttempted)
	}
	t.Logf("%v loads inspected at the checkpoint, %v seized (%.3f, detection %v)", n, k, k/n, p)
}
