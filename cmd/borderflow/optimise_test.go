package main

import (
	"borderflow/scenario"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// optimise through the command line: on the M/M/8 check scenario with a
// 0.15 s mean-wait limit (Erlang C: 0.877 s at 8 booths) and a budget two
// booth-hours a day above its own, the optimiser adds the booths the
// limit needs (M/M/9 waits 0.28 s, M/M/10 0.09 s) within the budget, and
// writes its files and chart.
func TestOptimiseCommand(t *testing.T) {
	dir := t.TempDir()
	budget := filepath.Join(dir, "b.toml")
	os.WriteFile(budget, []byte(`objective = "loads_seized"
total = 240   # 10 booths all day: 8 × 24 = 192 is the scenario's
replications = 2
confirm = 2
horizon = "2h"
shifts = [0]
[[resource]]
kind = "booths"
class = "car"
cost = 1
min = -2
max = 4
[[limit]]
class = "car"
minutes = 0.0025   # 0.15 s
`), 0o644)
	// mmc with a value of time, so that delay has a cost.
	src, err := scenario.ShippedTOML("mmc")
	if err != nil {
		t.Fatal(err)
	}
	priced := strings.Replace(string(src), "value_of_time = 0.0", "value_of_time = 20.0", 1)
	if priced == string(src) {
		t.Fatal("mmc's value_of_time line moved")
	}
	mmc := filepath.Join(dir, "mmc.toml")
	os.WriteFile(mmc, []byte(priced), 0o644)
	out := filepath.Join(dir, "opt")
	code, stdout, stderr := borderflow(t, "optimise", mmc, "-budget", budget, "-out", out, "-quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	var sum struct {
		Changes      []string `json:"changes"`
		BestFeasible bool     `json:"best_feasible"`
		BaseFeasible bool     `json:"baseline_feasible"`
		Evaluations  int      `json:"evaluations"`
		BestCost     float64  `json:"best_cost"`
		BaseDelay    float64  `json:"baseline_delay_cost_usd"`
		BestDelay    float64  `json:"best_delay_cost_usd"`
		DelayChange  float64  `json:"delay_cost_change_usd"`
	}
	b, err := os.ReadFile(filepath.Join(out, "optimise.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.BaseFeasible || !sum.BestFeasible || sum.BestCost != 240 || len(sum.Changes) != 1 || sum.Changes[0] != "M/M/8 car booths all day +2" {
		t.Errorf("optimise.json: %+v\n%s", sum, stdout)
	}
	// The folder has a page, and the chart's axes read as words.
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(page), "<h1>optimise mmc</h1>") || !strings.Contains(string(page), "M/M/8 car booths all day +2") ||
		!strings.Contains(string(page), `<img src="tradeoff.svg"`) {
		t.Errorf("index.html: %v\n%s", err, page)
	}
	if svg, _ := os.ReadFile(filepath.Join(out, "tradeoff.svg")); strings.Contains(string(svg), "loads_seized") || !strings.Contains(string(svg), "loads seized") {
		t.Error("tradeoff.svg labels an axis with the raw column name loads_seized")
	}
	// Two more booths: less delay, and the whole cost of delay says so.
	if !(sum.BestDelay > 0 && sum.BestDelay < sum.BaseDelay) || math.Abs(sum.DelayChange-(sum.BestDelay-sum.BaseDelay)) > 1e-6*sum.BaseDelay {
		t.Errorf("delay cost: baseline %v, best %v, change %v", sum.BaseDelay, sum.BestDelay, sum.DelayChange)
	}
	for _, f := range []string{"explored.csv", "allocation.csv", "tradeoff.png", "tradeoff.svg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Mistakes: exit 2 with the file and line.
	os.WriteFile(budget, []byte("[[resource]]\nkind = \"booths\"\nclass = \"truck\"\ncost = 1\nmin = 0\nmax = 1\n"), 0o644)
	code, _, stderr = borderflow(t, "optimise", "mmc", "-budget", budget, "-out", filepath.Join(dir, "x"))
	if code != 2 || !strings.Contains(stderr, "b.toml:3: resource[0].class: unknown class \"truck\"") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = borderflow(t, "optimise", "mmc")
	if code != 2 || !strings.Contains(stderr, "-budget FILE is required") {
		t.Errorf("no budget: exit %d: %s", code, stderr)
	}
}
