package main

import (
	"math"
	"strconv"
	"testing"

	"borderflow/data"
	"borderflow/scenario"
)

// Each drug's flow is what data/drug_flows.csv's consumption, purity and
// shares give (recomputed here from the file), not CBP's seizures divided
// by a rate: the kilograms southwest-border tries to carry through the
// ports in a year, Σ loads a year × mean kg over its flows, are the
// flow's best estimate; the flow's range holds it; and the detection fit
// gives CBP's FY2023 port events over those flows.
func TestFlowsFromConsumption(t *testing.T) {
	tb, err := data.Read("drug_flows.csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Cols("drug", "quantity", "best")
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]map[string]float64{}
	for _, r := range tb.Rows {
		v, err := strconv.ParseFloat(r[c[2]], 64)
		if err != nil {
			t.Fatal(err)
		}
		if in[r[c[0]]] == nil {
			in[r[c[0]]] = map[string]float64{}
		}
		in[r[c[0]]][r[c[1]]] = v
	}
	sw, err := readSWSeized()
	if err != nil {
		t.Fatal(err)
	}
	flows, _, err := drugFlows()
	if err != nil {
		t.Fatal(err)
	}
	gen, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse("southwest-border.toml", []byte(gen["southwest-border"]))
	if err != nil {
		t.Fatal(err)
	}
	tried := map[string]float64{}
	for _, f := range sc.Loads {
		tried[sc.Drugs[f.Drug].Name] += f.LoadsPerYear * f.Kg.Mean()
	}
	for _, ds := range drugSpecs {
		x := in[ds.name]
		want := ((x["consumption_pure"]*1000/x["purity"]+x["us_seized"]*1000)*x["sw_share"] + sw[ds.csvName]) * x["poe_share"]
		f := flows[ds.csvName]
		if math.Abs(f.best/want-1) > 1e-12 || !(f.low < f.best && f.best < f.high) {
			t.Errorf("%s: flow %+v, want best %v inside its range", ds.name, f, want)
		}
		// Rounding: loads a year to a tenth, load sizes to 3 digits.
		if got := tried[ds.name]; math.Abs(got/f.best-1) > 0.01 {
			t.Errorf("%s: southwest-border tries %.0f kg a year, the flow is %.0f", ds.name, got, f.best)
		}
		if fit := sc.Drugs[drugIndex(t, sc, ds.name)].TargetHitFactor; fit <= 0 {
			t.Errorf("%s: target_hit_factor %v", ds.name, fit)
		}
	}
	// The fit: the baseline count of events a year over the flows, times
	// what a simulated year does to it (data/detection_fit.csv), is CBP's.
	fits := fitsOf(t)
	events, err := readOFOEvents()
	if err != nil {
		t.Fatal(err)
	}
	for d, f := range fits {
		if f.atBound || !(f.ratio > 0) || math.Abs(f.expected*f.ratio/events[d]-1) > 0.005 {
			t.Errorf("%s: fitted %v baseline events × %v against CBP's %v (at bound %v)", d, f.expected, f.ratio, events[d], f.atBound)
		}
	}
}

func drugIndex(t *testing.T, sc *scenario.Scenario, name string) int {
	t.Helper()
	for i, d := range sc.Drugs {
		if d.Name == name {
			return i
		}
	}
	t.Fatalf("no drug %s", name)
	return -1
}

// fitsOf runs the generator's detection fit, as generate does.
func fitsOf(t *testing.T) map[string]detectFit {
	t.Helper()
	g, err := newGen()
	if err != nil {
		t.Fatal(err)
	}
	return g.detect
}
