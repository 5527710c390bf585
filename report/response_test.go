package report

import (
	"math"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/traffic"
)

// The response section: absent without a response; with one, the parts of
// the cost of delay add up to their total, driver time equals summary's
// delay_cost_usd, and the flows between ports sum to the diverted out.
func TestResponsesAddUp(t *testing.T) {
	sc, err := scenario.Embedded("texas-dps-2022")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 2 * traffic.Day
	if testing.Short() {
		sc.Horizon = traffic.Day
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
	if sum := c.DriverTime + c.CargoTime + c.Detour + c.Postponed + c.Cancelled; math.Abs(sum-c.Total) > 1e-6*c.Total {
		t.Errorf("parts %v ≠ total %v", sum, c.Total)
	}
	s := Summarize(sc, []*border.Result{res})
	if math.Abs(c.DriverTime-s.Total.DelayCostUSD) > 1e-6*c.DriverTime {
		t.Errorf("driver time %v, summary delay cost %v", c.DriverTime, s.Total.DelayCostUSD)
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
