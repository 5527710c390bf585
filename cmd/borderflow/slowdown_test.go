package main

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"
)

// slowdown-1985 tells what docs/SCENARIOS.md says it does: with the
// drivers' response, cars wait about two hours at San Ysidro's search, as
// in February 1985 ("two hours and longer"; more than two on average on
// the Sunday), San Ysidro passes about 19/31 of its cars, no lane is
// unstable; without the response the cars pile up in the port (14 days
// of 28 ports, twice: about 20 s). docs/SCENARIOS.md's figures of this run
// are its figure block slowdown-1985 (make figures, make proofs).
func TestSlowdown1985(t *testing.T) {
	if testing.Short() {
		t.Skip("14 days of the whole border, with and without the response; skipped with -short")
	}
	out := filepath.Join(t.TempDir(), "sd")
	if code, _, stderr := borderflow(t, "run", "slowdown-1985", "-response-counterfactual", "-no-plots", "-quiet", "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	m := readSummary(t, out)
	resp := m["response"].(map[string]any)
	sy := resp["ports"].(map[string]any)["San Ysidro"].(map[string]any)["car"].(map[string]any)
	syWait := sy["checkpoint_wait_hours_mean"].(float64)
	if syWait < 1 || syWait > 4 {
		t.Errorf("San Ysidro's cars wait %.2f h at the search: want about two hours, as in 1985", syWait)
	}
	if m["total"].(map[string]any)["unstable"].(bool) {
		t.Error("a lane is unstable with the response")
	}
	// San Ysidro's cars a day during the search (days 1–9) against the
	// days after the backlog cleared (11–13).
	rows, col := readCSVFile(t, filepath.Join(out, "series.csv"))
	byDay := map[int]float64{}
	for _, r := range rows[1:] {
		if r[col["port"]] != "San Ysidro" || r[col["class"]] != "car" {
			continue
		}
		h, _ := strconv.ParseFloat(r[col["bin_start_hours"]], 64)
		d, _ := strconv.ParseFloat(r[col["departures"]], 64)
		byDay[int(h/24)] += d
	}
	during, after := 0.0, 0.0
	for d := 1; d <= 9; d++ {
		during += byDay[d] / 9
	}
	for d := 11; d <= 13; d++ {
		after += byDay[d] / 3
	}
	if share := during / after; math.Abs(share-19.0/31) > 0.06 {
		t.Errorf("San Ysidro passes %.0f cars a day during the search, %.0f after: %.2f, want about 19/31", during, after, share)
	}
	var syLane map[string]any
	rc := m["response_counterfactual"].(map[string]any)
	for _, l := range rc["lanes"].([]any) {
		if x := l.(map[string]any); x["port"] == "San Ysidro" && x["class"] == "car" {
			syLane = x
		}
	}
	inPort := syLane["hours_in_port_mean"].(map[string]any)
	with := inPort["with_response"].(map[string]any)["mean"].(float64)
	without := inPort["without_response"].(map[string]any)["mean"].(float64)
	if without < 10*with {
		t.Errorf("San Ysidro's cars spend %.1f h in the port with the response, %.1f h without: want far longer without", with, without)
	}
}
