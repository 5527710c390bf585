package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"borderflow/numfmt"
	"borderflow/scenario"
)

// The whole cost of delay, computed here by hand from the counts the run
// writes (vehicle-hours in ports.csv; detours, trips put off and not made
// in response.csv; checkpoint waits in summary.json's response section)
// and the scenario's values (value_of_time, cargo_value_of_time,
// postpone_cost, lost_trade), is what every output shows as the delay
// cost: summary.json's total and its parts, the run table, index.html,
// and the sweep's policies.csv (the frontier's data) for its baseline,
// which is the scenario as run runs it on the same seeds. texas-dps-2022
// has every part: DPS checkpoints, drivers who divert, put trips off and
// give them up.
func TestWholeCostEverywhere(t *testing.T) {
	const name = "texas-dps-2022"
	sc, err := scenario.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	// Three days: the DPS checkpoints open on the third. Carriers who
	// weigh their own costs rarely give a load up, so giving up is made
	// cheap here for the test to have trips not made.
	args := []string{"-reps", "2", "-horizon", "3d", "-set", "response.class.truck.cancel_cost=100"}
	code, table, stderr := borderflow(t, append([]string{"run", name, "-out", dir}, args...)...)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}

	// By hand, lane by lane (means over replications: every part is
	// linear in the counts).
	classIdx := map[string]int{}
	for i, c := range sc.Classes {
		classIdx[c.Name] = i
	}
	ports, pc := readCSVFile(t, filepath.Join(dir, "ports.csv"))
	resp, rc := readCSVFile(t, filepath.Join(dir, "response.csv"))
	var sum struct {
		Total struct {
			DelayCostUSD float64            `json:"delay_cost_usd"`
			Parts        map[string]float64 `json:"delay_cost_parts_usd"`
		} `json:"total"`
		Response struct {
			Ports map[string]map[string]struct {
				Inspected float64 `json:"checkpoint_inspected"`
				WaitHours float64 `json:"checkpoint_wait_hours_mean"`
			} `json:"ports"`
		} `json:"response"`
	}
	js, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js, &sum); err != nil {
		t.Fatal(err)
	}
	f := func(s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	hand := map[string]float64{}
	for i, row := range ports[1:] {
		port, class := row[pc["port"]], row[pc["class"]]
		r := resp[i+1]
		if r[rc["port"]] != port || r[rc["class"]] != class {
			t.Fatalf("response.csv row %d is %s %s, ports.csv's %s %s", i+1, r[rc["port"]], r[rc["class"]], port, class)
		}
		c := classIdx[class]
		vot := sc.Classes[c].ValueOfTime
		cr := sc.Response.Classes[c]
		ck := sum.Response.Ports[port][class]
		ckHours := ck.Inspected * ck.WaitHours
		inPort := f(row[pc["delay_vehicle_hours"]]) - ckHours
		hand["driver_time"] += inPort * vot
		hand["cargo_time"] += inPort * cr.CargoValueOfTime
		hand["checkpoint_time"] += ckHours * (vot + cr.CargoValueOfTime)
		hand["detour"] += f(r[rc["detour_vehicle_hours"]]) * (vot + cr.CargoValueOfTime)
		hand["postponed_trips"] += f(r[rc["postponed"]]) * cr.PostponeCost
		hand["cancelled_trips"] += f(r[rc["cancelled"]]) * cr.LostTrade
	}
	whole := 0.0
	for k, x := range hand {
		if x <= 0 {
			t.Errorf("%s has no %s cost: the test needs every part", name, k)
		}
		whole += x
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s: %v, by hand %v", what, got, want)
		}
	}
	near("summary.json total.delay_cost_usd", sum.Total.DelayCostUSD, whole)
	for k, x := range hand {
		near("summary.json total.delay_cost_parts_usd."+k, sum.Total.Parts[k], x)
	}

	// The run table and index.html print the sum in their money unit.
	money := numfmt.MoneyFor(whole)
	shown := money.Format(whole)
	var totalAll, totalParts bool
	for _, l := range strings.Split(table, "\n") {
		fs := strings.Fields(l)
		if len(fs) >= 2 && fs[0] == "total" && strings.Contains(l, " "+shown+" [") {
			totalAll = true
		}
		if len(fs) >= 8 && fs[0] == "total" && fs[7] == shown { // an UNSTABLE mark may follow
			totalParts = true
		}
	}
	if !totalAll || !totalParts {
		t.Errorf("the run table does not show the whole cost %s %s (total row %v, parts table %v):\n%s", shown, money.Name, totalAll, totalParts, table)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The headline, the summary table's total and the parts table's.
	if h := "<dd>" + numfmt.USD(whole) + " <small>"; !strings.Contains(string(page), h) {
		t.Errorf("index.html's headline does not show the whole cost as %q", h)
	}
	if n := strings.Count(string(page), ">"+shown+"</td>") + strings.Count(string(page), ">"+shown+" <strong"); n < 2 {
		t.Errorf("index.html shows the whole cost %s in %d cells, want the summary's total and the parts table's", shown, n)
	}

	// The sweep's baseline is the run: its delay_cost_usd (policies.csv,
	// the frontier's x) is the same sum.
	sdir := filepath.Join(t.TempDir(), "sweep")
	mustSweep(t, append([]string{"sweep", name, "-out", sdir, "-quiet"}, args...)...)
	pol, col := readCSVFile(t, filepath.Join(sdir, "policies.csv"))
	if pol[1][col["policy"]] != "baseline" {
		t.Fatalf("policies.csv's first policy is %s", pol[1][col["policy"]])
	}
	near("policies.csv baseline delay_cost_usd", f(pol[1][col["delay_cost_usd"]]), whole)
	near("policies.csv baseline driver_time_cost_usd", f(pol[1][col["driver_time_cost_usd"]]), hand["driver_time"])
	if _, err := os.Stat(filepath.Join(sdir, "frontier.png")); err != nil {
		t.Errorf("no frontier chart: %v", err)
	}
}
