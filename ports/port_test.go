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
		Name: "test", Seed: 7, Replications: 1, Horizon: 3 * 86400, Warmup: 3600, BinWidth: 3600,
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
	_ = math.Abs
}
