package ports

import (
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// A diverted member stays a member where the destination's lane has a
// part of its name, and is general traffic where it has none.
func TestTrustedTransferKeepsItsPart(t *testing.T) {
	var h [24]float64
	var d [7]float64
	var b [24]int
	for i := range h {
		h[i], b[i] = 1, 2
	}
	for i := range d {
		d[i] = 1
	}
	sc := &scenario.Scenario{
		Name: "tt", Seed: 1, Replications: 1, Horizon: 3600, BinWidth: 3600,
		Classes:      []scenario.Class{{Name: "car", ValueOfTime: 20}},
		Drugs:        []scenario.Drug{{Name: "methamphetamine", ValuePerKg: 4400}},
		Concealments: []string{"vehicle_cavity"},
		Ports: []scenario.Port{{Name: "B", Lanes: []scenario.Lane{{
			Class: 0, HourProfile: h, DayProfile: d, Booths: b, PrimaryTime: sim.Constant{Value: 30},
			Trusted: []scenario.TrustedPart{{Name: "sentri", Share: 0.3, Booths: b, PrimaryTime: sim.Constant{Value: 20}, ReferralFactor: 1, LoadsShare: 0.3}},
		}}}},
		Response: &scenario.Response{RoadFactor: 1.3, GroupWithin: 900, PublishEvery: 3600,
			Coords:  make([]scenario.Coord, 1),
			Classes: []scenario.ClassResponse{{Active: true, Tolerance: 3600, Scale: 50, SpeedKmh: 60, CancelCost: 1, PostponeAfter: sim.Constant{Value: 3600}}}},
	}
	env := sim.NewEnv()
	p := New(env, sc, 0, Window{Start: 0, End: 3600, BinWidth: 3600}, func(name string) *sim.Stream { return sim.NewStream(1, 0, name) }, nil)
	p.Couple(&Coupling{Published: [][]float64{{0}}, Send: func(Transfer) {}}, nil)
	p.Start()
	for i, part := range []string{"sentri", "", "ready"} {
		p.Receive(Transfer{At: float64(100 * (i + 1)), From: 1, To: 0, Lane: 0, Key: uint64(i), Part: part})
	}
	env.RunUntil(3600)
	p.Finish()
	s := p.Lanes()[0].Stats
	if s.Response.DivertedIn != 3 || s.Parts[1].Arrivals != 1 || s.Parts[0].Arrivals != 2 {
		t.Errorf("diverted in %d: sentri %d, general %d; want 3: 1 sentri, 2 general (no ready part here)",
			s.Response.DivertedIn, s.Parts[1].Arrivals, s.Parts[0].Arrivals)
	}
}
