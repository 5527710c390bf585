package report

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// The response section: absent without a response; with one, the parts of
// the cost of delay add up to their total, summary's
// delay_cost_usd is their total (driver time its first part), and the flows between ports sum to the diverted out.
func TestResponsesAddUp(t *testing.T) {
	sc, err := scenario.Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	// The DPS checkpoints open on the window's third day.
	sc.Horizon = 4 * scenario.Day
	if testing.Short() {
		sc.Horizon = 3 * scenario.Day
	}
	res, err := border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rs := Responses(sc, []*border.Result{res})
	if rs == nil {
		t.Fatal("no response section")
	}
	c := rs.Cost
	if sum := c.DriverTime + c.CargoTime + c.Checkpoint + c.Detour + c.Postponed + c.Cancelled; math.Abs(sum-c.Total) > 1e-6*c.Total {
		t.Errorf("parts %v ≠ total %v", sum, c.Total)
	}
	if c.Checkpoint <= 0 || c.CargoTime <= 0 {
		t.Errorf("texas-dps-2022 with no checkpoint or cargo cost: %+v", c)
	}
	s := Summarize(sc, []*border.Result{res})
	if math.Abs(c.Total-s.Total.DelayCostUSD) > 1e-6*c.Total {
		t.Errorf("response total %v, summary delay cost %v", c.Total, s.Total.DelayCostUSD)
	}
	if d := s.Total.DelayCostPartsUSD["driver_time"]; math.Abs(c.DriverTime-d) > 1e-6*c.DriverTime {
		t.Errorf("driver time %v, summary's %v", c.DriverTime, d)
	}
	out, flows := 0.0, 0.0
	for _, t := range rs.Total {
		out += t.DivertedOut
	}
	for _, f := range rs.Flows {
		flows += f.Vehicles
	}
	if out == 0 || math.Abs(out-flows) > 1e-9 {
		t.Errorf("diverted out %v, flows %v", out, flows)
	}
	if rs.Total["truck"].CheckpointInspected == 0 {
		t.Error("no truck through the DPS checkpoints")
	}
	sc.Response, sc.Checkpoints = nil, nil
	res, err = border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if Responses(sc, []*border.Result{res}) != nil {
		t.Error("a response section without a response")
	}
}
