package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// orgScenario is two small ports, a surge at one, and an organisation
// that can use both or sell elsewhere.
const orgScenario = `name = "two-ports"
horizon = "42d"
warmup = "7d"
replications = 2

[class.truck]
value_of_time = 36

[drug.methamphetamine]
value_per_kg = 19700

[[port]]
name = "North"
  [[port.method]]
  name = "imaging"
  servers = 2
  time = { dist = "constant", value = "8m" }
  detect = { hidden_compartment = 0.7, commingled = 0.5, manifest_fraud = 0.3, liquid_bottles = 0.3, vehicle_cavity = 0.6 }
  [port.lane.truck]
  daily_volume = 500
  booths = 2
  primary_time = { dist = "exponential", mean = "90s" }
  referral_rate = 0.2
  lot_capacity = 10
  secondary = [{ method = "imaging" }]

[[port]]
name = "South"
  [[port.method]]
  name = "imaging"
  servers = 2
  time = { dist = "constant", value = "8m" }
  detect = { hidden_compartment = 0.7, commingled = 0.5, manifest_fraud = 0.3, liquid_bottles = 0.3, vehicle_cavity = 0.6 }
  [port.lane.truck]
  daily_volume = 500
  booths = 2
  primary_time = { dist = "exponential", mean = "90s" }
  referral_rate = 0.2
  lot_capacity = 10
  secondary = [{ method = "imaging" }]

[[surge]]
port = "North"
start = "21d"
end = "42d"
referral_rate = { truck = 0.8 }

[[organisation]]
name = "cartel"
drug = "methamphetamine"
kg_per_period = 700
load_kg = { dist = "constant", value = 10 }
temperature = 700
learning_rate = 0.5
loss_tolerance = 0.0473
route = [
  { port = "North", class = "truck", concealment = "commingled", cost_per_kg = 500 },
  { port = "South", class = "truck", concealment = "commingled", cost_per_kg = 800 },
]
  [[organisation.outside]]
  name = "mexico"
  kind = "market"
  value_per_kg = 6000
`

// TestRunWritesOrganisations: a scenario with organisations and a surge
// gets routes.csv and the organisations, displacement and surges sections,
// the same bytes whatever the number of workers.
func TestRunWritesOrganisations(t *testing.T) {
	base := t.TempDir()
	path := filepath.Join(base, "two-ports.toml")
	if err := os.WriteFile(path, []byte(orgScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"1", "2"} {
		if code, _, stderr := borderflow(t, "run", path, "-workers", w, "-no-plots", "-out", filepath.Join(base, "w"+w)); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	dir := filepath.Join(base, "w1")
	m := readSummary(t, dir)
	for _, k := range []string{"organisations", "displacement", "surges"} {
		if _, ok := m[k]; !ok {
			t.Errorf("summary.json lacks %q", k)
		}
	}
	org := m["organisations"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "kg_attempted", "kg_seized", "kg_delivered", "kg_inside", "kg_outsourced", "outsourced_share", "routes"} {
		if _, ok := org[k]; !ok {
			t.Errorf("organisation lacks %q", k)
		}
	}
	route := org["routes"].([]any)[0].(map[string]any)
	if _, ok := route["final_perceived_risk"]; !ok {
		t.Errorf("route lacks final_perceived_risk: %v", route)
	}
	d := m["displacement"].([]any)[0].(map[string]any)
	for _, k := range []string{"port", "surged_port", "other_ports_kg_attempted", "us_kg_delivered", "outsourced_share", "drugs", "balloon_share"} {
		if _, ok := d[k]; !ok {
			t.Errorf("displacement lacks %q", k)
		}
	}
	if d["method"] != "counterfactual" {
		t.Errorf("displacement method %v, want counterfactual", d["method"])
	}
	if _, err := os.Stat(filepath.Join(dir, "routes-counterfactual.csv")); err != nil {
		t.Errorf("no routes-counterfactual.csv: %v", err)
	}
	// -no-counterfactual: one run, before against during.
	if code, _, stderr := borderflow(t, "run", path, "-no-counterfactual", "-no-plots", "-out", filepath.Join(base, "nocf")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	nd := readSummary(t, filepath.Join(base, "nocf"))["displacement"].([]any)[0].(map[string]any)
	if _, ok := nd["balloon"]; !ok || nd["method"] != nil {
		t.Errorf("-no-counterfactual displacement %v", nd)
	}
	if _, err := os.Stat(filepath.Join(base, "nocf", "routes-counterfactual.csv")); err == nil {
		t.Errorf("routes-counterfactual.csv written with -no-counterfactual")
	}
	s := m["surges"].([]any)[0].(map[string]any)
	if s["port"] != "North" || s["start_day"] != 21.0 || s["end_day"] != 42.0 {
		t.Errorf("surges %v", s)
	}
	b, err := os.ReadFile(filepath.Join(dir, "routes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if lines[0] != "period,day,organisation,port,class,concealment,kg_planned,share" {
		t.Errorf("routes.csv header %q", lines[0])
	}
	// Six counted weeks × (two routes + one outside option).
	if len(lines) != 1+6*3 || !strings.HasPrefix(lines[3], "0,0,cartel,mexico,,,") {
		t.Errorf("routes.csv:\n%s", b)
	}
	wall := regexp.MustCompile(`"wall_seconds": [0-9.e+-]+`)
	for _, f := range []string{"summary.json", "routes.csv", "routes-counterfactual.csv"} {
		x, _ := os.ReadFile(filepath.Join(base, "w1", f))
		y, _ := os.ReadFile(filepath.Join(base, "w2", f))
		if x, y = wall.ReplaceAll(x, nil), wall.ReplaceAll(y, nil); len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}
}
