package ports

import (
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// A lane with no booth open in some hours (a port that closes at night,
// written as an hourly booths list with zeros) is no free crossing while
// it is shut: a driver there, or one weighing it from another port,
// expects the time until its booths open plus the queue at them, not the
// empty queue's nothing. Without it the response sent drivers to closed
// ports, where they waited for the morning.
func TestClosedHoursAreNotAFreeCrossing(t *testing.T) {
	sc, err := scenario.Parse("closed-hours.toml", []byte(`
name = "closed-hours"
seed = 1
horizon = "2d"
warmup = "1h"
[class.car]
value_of_time = 20
[[port]]
name = "Night"
state = "Test"
  [port.lane.car]
  daily_volume = 1
  booths = [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0]
  primary_time = { dist = "exponential", mean = "60s" }
[[port]]
name = "Day"
state = "Test"
  [port.lane.car]
  daily_volume = 1
  booths = 2
  primary_time = { dist = "exponential", mean = "60s" }
[response]
[response.class.car]
tolerance = "1h"
cancel_cost = 70
postpone_cost = 65
postpone_after = { dist = "uniform", min = "2h", max = "12h" }
[response.coordinates]
"Night" = [30.0, -100.0]
"Day" = [30.1, -100.0]
`))
	if err != nil {
		t.Fatal(err)
	}
	env := sim.NewEnv()
	win := Window{Start: 0, End: 2 * scenario.Day, BinWidth: scenario.Hour}
	p := New(env, sc, 0, win, func(n string) *sim.Stream { return sim.NewStream(sc.Seed, 0, n) }, nil)
	ln := p.lanes[0] // no arrivals: the probes queue their own vehicles
	type probe struct {
		at, want float64
		queued   int
	}
	probes := []probe{
		{at: 2 * scenario.Hour, want: 4 * scenario.Hour},                             // shut since 22:00, opens at 06:00
		{at: 12 * scenario.Hour, want: 0},                                            // open, nobody queued
		{at: 23*scenario.Hour + 1800, want: 6*scenario.Hour + 1800 + 150, queued: 5}, // 5 queued at the 2 booths that open, 60 s each
	}
	for _, pr := range probes {
		pr := pr
		env.At(pr.at, func(int) {
			p.applyBooths(ln)
			for range pr.queued {
				ln.booths.Request(0, 0, func(int) {})
			}
			if pr.queued > 0 && ln.booths.QueueLen() != pr.queued {
				t.Fatalf("at %v h: %d queued, want %d", pr.at/scenario.Hour, ln.booths.QueueLen(), pr.queued)
			}
			got := p.expectedWait(ln)
			if math.Abs(got-pr.want) > 1e-6 {
				t.Errorf("at %v h: expected wait %v s, want %v s", pr.at/scenario.Hour, got, pr.want)
			}
			v := &vehicle{}
			if nothingAhead(ln, v) != (pr.want == 0) {
				t.Errorf("at %v h: nothingAhead %v with an expected wait of %v s", pr.at/scenario.Hour, nothingAhead(ln, v), pr.want)
			}
		}, 0)
	}
	env.RunUntil(win.End)
}
