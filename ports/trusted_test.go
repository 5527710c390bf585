package ports_test

import (
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// trustedPort is one car lane, 0.1 cars a second (general primary 60 s
// on 5 booths), with a trusted part of share 0.3 (30 s on its own
// booths), random referral 0.2 and one load in a hundred cars.
func trustedPort(part scenario.TrustedPart) *scenario.Scenario {
	h, d, b := flat()
	for i := range b {
		b[i] = 5
	}
	const rate = 0.1
	sc := &scenario.Scenario{
		Name: "tt", Seed: 11, Replications: 1, Horizon: 3 * 86400, Warmup: 3600, BinWidth: 3600,
		Classes:      []scenario.Class{{Name: "car", ValueOfTime: 20}},
		Drugs:        []scenario.Drug{{Name: "methamphetamine", ValuePerKg: 4400}},
		Concealments: []string{"vehicle_cavity"},
		Ports: []scenario.Port{{
			Name: "Test",
			Lanes: []scenario.Lane{{
				Class: 0, Rate: rate, AnnualVolume: rate * 365 * 86400, HourProfile: h, DayProfile: d, Booths: b,
				PrimaryTime: expo(60), Referral: scenario.Referral{Rate: 0.2},
				LotCapacity: 1000, Steps: []scenario.Step{{Method: 0}},
			}},
			Methods: []scenario.Method{{Name: "imaging", Servers: 100, Time: expo(300), Detect: []float64{1}}},
		}},
		Loads: []scenario.LoadFlow{{Drug: 0, Port: 0, Lane: 0, Concealment: 0, LoadsPerYear: rate * 365 * 86400 * 0.01,
			Kg: sim.Exponential{Scale: 10}}},
	}
	if part.PrimaryTime == nil {
		part.PrimaryTime = expo(30)
	}
	sc.Ports[0].Lanes[0].Trusted = []scenario.TrustedPart{part}
	if err := sc.Validate(); err != nil {
		panic(err)
	}
	return sc
}

func threeBooths() [24]int {
	var b [24]int
	for i := range b {
		b[i] = 3
	}
	return b
}

// binomialOK reports whether k of n is within 4 standard deviations of
// share p.
func binomialOK(k, n int64, p float64) bool {
	sd := math.Sqrt(float64(n) * p * (1 - p))
	return math.Abs(float64(k)-float64(n)*p) <= 4*sd
}

// A trusted part takes its share of the arrivals and of the loads, waits
// far less than general traffic on its own booths and is referred at its
// own rate.
func TestTrustedLaneShareWaitsReferrals(t *testing.T) {
	sc := trustedPort(scenario.TrustedPart{Name: "sentri", Share: 0.3, Booths: threeBooths(),
		ReferralFactor: 0.25, LoadsShare: 0.5, UseGeneral: true})
	ls := run(t, sc).Ports[0].Lanes[0]
	if len(ls.Parts) != 2 {
		t.Fatalf("%d parts, want general and sentri", len(ls.Parts))
	}
	g, s := ls.Parts[0], ls.Parts[1]
	if g.Arrivals+s.Arrivals != ls.Arrivals || ls.Arrivals < 20000 {
		t.Fatalf("arrivals: general %d + sentri %d, lane %d", g.Arrivals, s.Arrivals, ls.Arrivals)
	}
	if !binomialOK(s.Arrivals, ls.Arrivals, 0.3) {
		t.Errorf("sentri arrivals %d of %d, want share 0.3 within 4 sd", s.Arrivals, ls.Arrivals)
	}
	// The load plan applies to both parts: loads in sentri cars by loads_share.
	tot := ls.Totals()
	if tot.LoadsAttempted < 100 || !binomialOK(s.LoadsAttempted, tot.LoadsAttempted, 0.5) ||
		g.LoadsAttempted+s.LoadsAttempted != tot.LoadsAttempted {
		t.Errorf("loads: sentri %d, general %d of %d, want half in sentri cars", s.LoadsAttempted, g.LoadsAttempted, tot.LoadsAttempted)
	}
	if s.LoadsSeized+g.LoadsSeized != tot.LoadsSeized || s.LoadsSeized == 0 {
		t.Errorf("seized: sentri %d + general %d != %d", s.LoadsSeized, g.LoadsSeized, tot.LoadsSeized)
	}
	// General: 0.07/s × 60 s on 5 booths (ρ 0.84); sentri: 0.03/s × 30 s
	// on 3 (ρ 0.3): its wait is a small fraction of the general one.
	if gw, sw := g.Wait.Mean(), s.Wait.Mean(); !(gw > 30 && sw < gw/10) {
		t.Errorf("mean waits: general %.1f s, sentri %.1f s: want sentri far below", gw, sw)
	}
	if s.WaitQ.Quantile(0.95) >= g.WaitQ.Quantile(0.95) {
		t.Errorf("p95 waits: sentri %.1f s not below general %.1f s", s.WaitQ.Quantile(0.95), g.WaitQ.Quantile(0.95))
	}
	// Referral: 0.2 × 0.25 for sentri cars, 0.2 for the others (the
	// loads, 1%, are referred at the same random rate: no targeting).
	if !binomialOK(s.Referrals, s.Arrivals, 0.05) {
		t.Errorf("sentri referrals %d of %d, want 0.05", s.Referrals, s.Arrivals)
	}
	if !binomialOK(g.Referrals, g.Arrivals, 0.2) {
		t.Errorf("general referrals %d of %d, want 0.2", g.Referrals, g.Arrivals)
	}
	if g.Referrals+s.Referrals != ls.Referrals {
		t.Errorf("referrals by part %d + %d != lane %d", g.Referrals, s.Referrals, ls.Referrals)
	}
	// The lane's booths are the general ones plus the part's.
	if math.Abs(ls.Booths-8) > 1e-9 || g.Booths != 5 || s.Booths != 3 {
		t.Errorf("booths: lane %v, general %v, sentri %v", ls.Booths, g.Booths, s.Booths)
	}
}

// The overflow rule: with use_general a part's vehicles take the general
// booths when those are quicker; without it they never do while their own
// booths are open, and always do when their own are closed.
func TestTrustedOverflowRule(t *testing.T) {
	var one [24]int
	for i := range one {
		one[i] = 1
	}
	// 0.05 cars/s × 30 s on one booth: overloaded alone (ρ 1.5).
	over := trustedPort(scenario.TrustedPart{Name: "sentri", Share: 0.5, Booths: one, ReferralFactor: 1, LoadsShare: 0.5, UseGeneral: true})
	s := run(t, over).Ports[0].Lanes[0].Parts[1]
	if s.AtGeneral < s.Arrivals/4 {
		t.Errorf("use_general: %d of %d overloaded sentri cars at the general booths, want many", s.AtGeneral, s.Arrivals)
	}
	if s.Wait.Mean() > 3600 {
		t.Errorf("use_general: sentri mean wait %.0f s: the overflow should keep it bounded", s.Wait.Mean())
	}

	own := trustedPort(scenario.TrustedPart{Name: "sentri", Share: 0.3, Booths: threeBooths(), ReferralFactor: 1, LoadsShare: 0.3})
	if s := run(t, own).Ports[0].Lanes[0].Parts[1]; s.AtGeneral != 0 || s.Arrivals == 0 {
		t.Errorf("use_general false: %d of %d sentri cars at the general booths, want none", s.AtGeneral, s.Arrivals)
	}

	night := threeBooths()
	for h := 0; h < 6; h++ {
		night[h] = 0
	}
	closed := trustedPort(scenario.TrustedPart{Name: "sentri", Share: 0.3, Booths: night, ReferralFactor: 1, LoadsShare: 0.3})
	s = run(t, closed).Ports[0].Lanes[0].Parts[1]
	// Hours 0-5 of flat traffic: a quarter of the part's cars.
	if f := float64(s.AtGeneral) / float64(s.Arrivals); f < 0.2 || f > 0.3 {
		t.Errorf("sentri booths closed 6 h a day: %.3f of its cars at the general booths, want about 0.25", f)
	}
}

// Drivers answer the wait at the booths they would use: with the general
// booths overloaded and the part's free, general drivers give up their
// trips and the part's do not (they expect no wait), so the part keeps
// its share of the trips.
func TestTrustedDriversExpectTheirOwnWait(t *testing.T) {
	sc := trustedPort(scenario.TrustedPart{Name: "sentri", Share: 0.3, Booths: threeBooths(), ReferralFactor: 1, LoadsShare: 0.3})
	ln := &sc.Ports[0].Lanes[0]
	for h := range ln.Booths {
		ln.Booths[h] = 3 // 0.07/s × 60 s on 3 booths: ρ 1.4, the queue grows
	}
	sc.Loads = nil
	sc.Response = &scenario.Response{
		RoadFactor: 1.3, GroupWithin: 900, MaxDetour: 6 * 3600, PublishEvery: 3600,
		Coords: make([]scenario.Coord, 1),
		Classes: []scenario.ClassResponse{{Active: true, Tolerance: 600, Scale: 5, SpeedKmh: 60,
			CancelCost: 1, PostponeAfter: sim.Constant{Value: 3600}, MaxPostpones: 0}},
	}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	ls := run(t, sc).Ports[0].Lanes[0]
	trips := ls.Response.Trips
	g, s := ls.Parts[0], ls.Parts[1]
	if ls.Response.Cancelled < trips/10 {
		t.Fatalf("only %d of %d trips cancelled: the general booths should be overloaded", ls.Response.Cancelled, trips)
	}
	if !binomialOK(s.Arrivals, trips, 0.3) {
		t.Errorf("sentri cars joined %d of %d trips, want their share 0.3: they expect no wait", s.Arrivals, trips)
	}
	if float64(g.Arrivals) > 0.6*float64(trips) {
		t.Errorf("general cars joined %d of %d trips: they should give up many", g.Arrivals, trips)
	}
}
