package ports_test

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

func flat() ([24]float64, [7]float64, [24]int) {
	var h [24]float64
	var d [7]float64
	var b [24]int
	for i := range h {
		h[i] = 1
	}
	for i := range d {
		d[i] = 1
	}
	return h, d, b
}

// testPort is one port with trucks, an imaging step and an unload only on
// alarm, and one fixed flow of loads.
func testPort(rate float64, booths int, referral, detect float64, lot int) *scenario.Scenario {
	h, d, b := flat()
	for i := range b {
		b[i] = booths
	}
	det := []float64{detect}
	return &scenario.Scenario{
		Name: "test", Seed: 7, Replications: 1, Horizon: 3 * 86400, Warmup: 3600, BinWidth: 3600, DecisionPeriod: 7 * 86400,
		Classes:      []scenario.Class{{Name: "truck", ValueOfTime: 60}},
		Drugs:        []scenario.Drug{{Name: "methamphetamine", ValuePerKg: 4400}},
		Concealments: []string{"commingled"},
		Ports: []scenario.Port{{
			Name: "Test", State: "Texas",
			Lanes: []scenario.Lane{{
				Class: 0, Rate: rate, AnnualVolume: rate * 365 * 86400, HourProfile: h, DayProfile: d, Booths: b,
				PrimaryTime: sim.Exponential{Scale: 60}, Referral: scenario.Referral{Rate: referral},
				LotCapacity: lot,
				Steps:       []scenario.Step{{Method: 0}, {Method: 1, OnlyOnAlarm: true}},
			}},
			Methods: []scenario.Method{
				{Name: "imaging", Servers: 2, Time: sim.Exponential{Scale: 300}, FalseAlarm: 0.05, Detect: det},
				{Name: "unload", Servers: 2, Time: sim.Exponential{Scale: 3600}, FalseAlarm: 0, Detect: []float64{1}},
			},
		}},
		Loads: []scenario.LoadFlow{{Drug: 0, Port: 0, Lane: 0, Concealment: 0, LoadsPerYear: rate * 365 * 86400 * 0.01,
			Kg: sim.Exponential{Scale: 100}}},
	}
}

func expo(m float64) sim.Exponential { return sim.Exponential{Scale: m} }

func run(t *testing.T, sc *scenario.Scenario) *border.Result {
	t.Helper()
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Conservation: every vehicle that arrives leaves or is still inside, and
// every kilogram attempted is seized, delivered or still inside.
func TestConservation(t *testing.T) {
	sc := testPort(1.0/100, 2, 0.3, 0.8, 5)
	r := run(t, sc)
	ls := &r.Ports[0].Lanes[0]
	if ls.Arrivals < 2000 {
		t.Fatalf("only %d arrivals", ls.Arrivals)
	}
	inside := ls.InsideAtEnd()
	if inside < 0 || ls.Departures+inside != ls.Arrivals {
		t.Fatalf("arrivals %d != departures %d + inside %d", ls.Arrivals, ls.Departures, inside)
	}
	tot := ls.Totals()
	if tot.LoadsAttempted == 0 {
		t.Fatal("no loads")
	}
	kgInside := tot.KgAttempted - tot.KgSeized - tot.KgDelivered
	if kgInside < -1e-6 || tot.LoadsSeized+tot.LoadsDelivered > tot.LoadsAttempted {
		t.Fatalf("kg: attempted %v seized %v delivered %v", tot.KgAttempted, tot.KgSeized, tot.KgDelivered)
	}
	if ls.Missed == 0 || ls.Secondary == 0 {
		t.Fatalf("want both inspections (%d) and missed referrals (%d) with a 5-place lot", ls.Secondary, ls.Missed)
	}
	if ls.Referrals != ls.Missed+ls.Secondary {
		t.Fatalf("referrals %d != missed %d + secondary %d", ls.Referrals, ls.Missed, ls.Secondary)
	}
}

// Detection probability 0 seizes nothing; 1 with every vehicle referred
// and ample capacity seizes every load that finished.
func TestDetectionExtremes(t *testing.T) {
	sc := testPort(1.0/100, 2, 1, 0, 1000)
	sc.Ports[0].Methods[0].Servers = 50
	sc.Ports[0].Methods[1].Servers = 50
	tot := run(t, sc).Ports[0].Lanes[0].Totals()
	if tot.LoadsSeized != 0 || tot.LoadsAttempted == 0 {
		t.Fatalf("detect 0: seized %d of %d", tot.LoadsSeized, tot.LoadsAttempted)
	}
	sc = testPort(1.0/100, 2, 1, 1, 1000)
	sc.Ports[0].Methods[0].Servers = 50
	sc.Ports[0].Methods[1].Servers = 50
	ls := run(t, sc).Ports[0].Lanes[0]
	tot = ls.Totals()
	if tot.LoadsDelivered != 0 || tot.LoadsSeized == 0 || ls.Missed != 0 {
		t.Fatalf("detect 1: seized %d, delivered %d, missed %d", tot.LoadsSeized, tot.LoadsDelivered, ls.Missed)
	}
}

// Same seed, same numbers; another seed, other numbers.
func TestDeterminism(t *testing.T) {
	a := run(t, testPort(1.0/100, 2, 0.3, 0.8, 5)).Ports[0].Lanes[0]
	b := run(t, testPort(1.0/100, 2, 0.3, 0.8, 5)).Ports[0].Lanes[0]
	if a.Arrivals != b.Arrivals || a.Wait.Mean() != b.Wait.Mean() || a.Totals() != b.Totals() {
		t.Fatal("same seed gave different results")
	}
	sc := testPort(1.0/100, 2, 0.3, 0.8, 5)
	sc.Seed = 8
	c := run(t, sc).Ports[0].Lanes[0]
	if c.Arrivals == a.Arrivals && c.Wait.Mean() == a.Wait.Mean() {
		t.Fatal("different seeds gave the same results")
	}
}

// Arrival counts follow the rate: 3 days at 0.01/s is 2592 on average.
func TestArrivalRate(t *testing.T) {
	var n []float64
	for s := uint64(1); s <= 10; s++ {
		sc := testPort(1.0/100, 2, 0, 0, 0)
		sc.Seed = s
		n = append(n, float64(run(t, sc).Ports[0].Lanes[0].Arrivals))
	}
	_, lo, hi := sim.MeanCI95(n)
	want := 3 * 86400 / 100.0
	// 95% interval from 10 replications with a margin of 1% for the
	// t-interval's own miss rate.
	if want < lo*0.99 || want > hi*1.01 {
		t.Fatalf("mean arrivals CI [%v, %v] misses %v", lo, hi, want)
	}
}

// When the lot is full, "hold" keeps the referred vehicle at its booth
// instead of waving it through: no missed referral, every referral enters
// secondary or is still waiting at the end, and primary waits grow.
func TestHoldWhenLotFull(t *testing.T) {
	release := testPort(1.0/100, 2, 0.5, 0.8, 2)
	hold := testPort(1.0/100, 2, 0.5, 0.8, 2)
	hold.Ports[0].Lanes[0].HoldWhenFull = true
	r := run(t, release).Ports[0].Lanes[0]
	h := run(t, hold).Ports[0].Lanes[0]
	if r.Missed == 0 {
		t.Fatal("the release case has no missed referral: the lot never filled")
	}
	if h.Missed != 0 {
		t.Errorf("hold: %d missed referrals", h.Missed)
	}
	if held := h.Referrals - h.Secondary; held < 0 || held > h.InsideAtEnd() {
		t.Errorf("hold: %d referrals, %d entered secondary, %d inside", h.Referrals, h.Secondary, h.InsideAtEnd())
	}
	if h.Wait.Mean() <= 2*r.Wait.Mean() {
		t.Errorf("holding did not back primary up: wait %.0f s against %.0f s", h.Wait.Mean(), r.Wait.Mean())
	}
}

// The delay of an overloaded port counts the vehicles still queued at the
// end: each has waited between 0 and the window's length.
func TestDelayCountsVehiclesInside(t *testing.T) {
	sc := testPort(1.0/30, 1, 0, 0, 0) // one booth, 60 s service, a truck every 30 s
	r := run(t, sc)
	ls := r.Ports[0].Lanes[0]
	inside := float64(ls.InsideAtEnd())
	span := r.Window.End - r.Window.Start
	if inside < 1000 || !(ls.DelayInside > 0) || ls.DelayInside > inside*span {
		t.Fatalf("%v inside, delay inside %v s", inside, ls.DelayInside)
	}
	if ls.DelaySeconds() != ls.Sojourn.Sum()+ls.DelayInside {
		t.Error("DelaySeconds is not departed + inside")
	}
}

// A surge changes the port only between its start and end: the referral
// rate it sets shows in the hourly bins of the surge and not outside.
func TestSurgeWindow(t *testing.T) {
	sc := testPort(1.0/30, 4, 0.05, 0.8, 1000)
	sc.Ports[0].Methods[0].Servers = 50
	sc.Ports[0].Methods[1].Servers = 50
	sc.Surges = []scenario.Surge{{Port: 0, Start: 86400, End: 2 * 86400, ExtraBooths: []int{0},
		ReferralRate: []float64{0.5}, SecondaryFactor: 2}}
	r := run(t, sc)
	ls := r.Ports[0].Lanes[0]
	share := func(from, to int) float64 {
		var ref, arr float64
		for b := from; b < to; b++ {
			ref += float64(ls.Bins[b].Referrals)
			arr += float64(ls.Bins[b].Arrivals)
		}
		return ref / arr
	}
	before, during, after := share(0, 24), share(25, 47), share(49, 72)
	t.Logf("referred: %.3f before, %.3f during, %.3f after", before, during, after)
	if math.Abs(before-0.05) > 0.02 || math.Abs(during-0.5) > 0.05 || math.Abs(after-0.05) > 0.02 {
		t.Errorf("referral shares %.3f / %.3f / %.3f, want 0.05 / 0.5 / 0.05", before, during, after)
	}
}

// Surges at one port compose (scenario.Surge): a surge that multiplies
// the referral rate inside one that sets it doubles the set rate, and the
// inner surge's end restores the outer surge's rate rather than the
// port's own, whichever of the two comes first in the scenario.
func TestSurgesCompose(t *testing.T) {
	outer := scenario.Surge{Port: 0, Start: 12 * 3600, End: 60 * 3600, ExtraBooths: []int{0},
		ReferralRate: []float64{0.3}, SecondaryFactor: 1}
	inner := scenario.Surge{Port: 0, Start: 24 * 3600, End: 48 * 3600, ExtraBooths: []int{0},
		ReferralRate: []float64{-1}, ReferralFactor: []float64{2}, SecondaryFactor: 1}
	for _, tc := range []struct {
		name   string
		surges []scenario.Surge
		middle float64 // referral while both are in force
	}{
		{"outer first", []scenario.Surge{outer, inner}, 0.6}, // 0.3 set, then × 2
		{"inner first", []scenario.Surge{inner, outer}, 0.3}, // 0.05 × 2, then 0.3 set
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := testPort(1.0/30, 4, 0.05, 0.8, 1000)
			sc.Ports[0].Methods[0].Servers = 50
			sc.Ports[0].Methods[1].Servers = 50
			sc.Surges = tc.surges
			if err := sc.Validate(); err != nil {
				t.Fatal(err)
			}
			ls := run(t, sc).Ports[0].Lanes[0]
			share := func(from, to int) float64 {
				var ref, arr float64
				for b := from; b < to; b++ {
					ref += float64(ls.Bins[b].Referrals)
					arr += float64(ls.Bins[b].Arrivals)
				}
				return ref / arr
			}
			// bins are hours after the one-hour warm-up; surge times count from it too
			got := []float64{share(0, 12), share(13, 24), share(25, 48), share(49, 60), share(61, 72)}
			want := []float64{0.05, 0.3, tc.middle, 0.3, 0.05}
			t.Logf("referred: %.3f", got)
			for i := range want {
				if math.Abs(got[i]-want[i]) > 0.05 {
					t.Errorf("period %d: referred %.3f, want %.2f (all: %.3f)", i, got[i], want[i], got)
				}
			}
		})
	}
}
