package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

func laredoDays(t *testing.T, reps int) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	sc, err := scenario.Embedded("laredo")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 2 * scenario.Day
	res, err := border.RunReplications(sc, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc, res
}

// The summary's numbers hold together: kilograms and loads add up, the
// means lie in their intervals, and the total of one port is that port.
func TestSummaryConsistent(t *testing.T) {
	sc, res := laredoDays(t, 3)
	s := Summarize(sc, res)
	if s.Replications != 3 || s.HorizonHours != 48 || s.Events == 0 {
		t.Fatalf("header %+v", s)
	}
	p := s.Ports[0]
	if math.Abs(p.KgAttempted-p.KgSeized-p.KgDelivered-p.KgInside) > 1e-6*p.KgAttempted {
		t.Errorf("kg: %v attempted ≠ %v seized + %v delivered + %v inside", p.KgAttempted, p.KgSeized, p.KgDelivered, p.KgInside)
	}
	// Means over replications: equal up to the rounding of dividing each
	// term by the number of replications.
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a)) }
	if !near(p.LoadsAttempted, p.LoadsSeized+p.LoadsDelivered+p.LoadsInside) {
		t.Errorf("loads do not add up")
	}
	for c, n := range p.Arrivals {
		if !near(n, p.Departures[c]+p.InsideAtEnd[c]) {
			t.Errorf("%s: arrivals %v ≠ departures %v + inside %v", c, n, p.Departures[c], p.InsideAtEnd[c])
		}
	}
	for k, ci := range p.CI95 {
		if ci[0] > ci[1] {
			t.Errorf("ci95[%s] = %v", k, ci)
		}
	}
	if ci := p.CI95["kg_seized"]; !(ci[0] <= p.KgSeized && p.KgSeized <= ci[1]) {
		t.Errorf("kg seized %v outside its interval %v", p.KgSeized, ci)
	}
	if s.Total.KgSeized != p.KgSeized || s.Total.Arrivals["truck"] != p.Arrivals["truck"] {
		t.Errorf("total of one port differs from the port")
	}
	if p.PressureWaitMinutes != sc.Ports[0].PressureWait/60 {
		t.Errorf("pressure threshold %v min", p.PressureWaitMinutes)
	}
}

// summary.json: valid JSON, the contract keys first, extra sections after
// them in name order, and the same bytes twice.
func TestSummaryJSON(t *testing.T) {
	sc, res := laredoDays(t, 2)
	s := Summarize(sc, res)
	s.Extra = map[string]any{"zeta": 1, "alpha": []int{2}}
	a, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.JSON()
	if !bytes.Equal(a, b) {
		t.Error("JSON differs between two calls")
	}
	var m map[string]any
	if err := json.Unmarshal(a, &m); err != nil {
		t.Fatalf("invalid JSON: %v", err)
	}
	if m["alpha"] == nil || m["zeta"] == nil || m["total"] == nil {
		t.Errorf("sections missing: %v", m)
	}
	text := string(a)
	if !(strings.Index(text, `"total"`) < strings.Index(text, `"alpha"`) && strings.Index(text, `"alpha"`) < strings.Index(text, `"zeta"`)) {
		t.Error("extra sections not after the standard ones in name order")
	}
	var table bytes.Buffer
	if err := s.Table(&table); err != nil || !strings.Contains(table.String(), "Laredo") {
		t.Errorf("table: %v\n%s", err, table.String())
	}
}
