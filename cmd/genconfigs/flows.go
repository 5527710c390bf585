package main

// This file sets each drug's flow through the southwest-border ports from
// published estimates of what the US consumes, not from what CBP seizes:
// seizures are what the model is checked against (detection is fitted to
// them, detect.go), so a flow derived from them would make the
// interdiction rate the input coming back out. The estimates, their
// ranges and their sources are data/drug_flows.csv (docs/SOURCES.md,
// "Drug flows"); the flow is
//
//	(consumption ÷ purity + US seizures) × southwest share + southwest seizures
//
// kilograms a year crossing the southwest border, of which the ports'
// share crosses at the ports: consumption of pure drug (RAND; Kilmer et
// al. 2022) in the gross weight that crosses (DEA's purities), plus what
// is seized inside the US after crossing (DEA) and at or between the
// ports (CBP, data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv: seized
// kilograms are data, not a rate). The rest of the US supply comes by sea
// and air (the southwest share's complement), and the rest of what
// crosses the southwest border crosses between the ports: both are
// outside the ports' flows, as the organisations' outside options are.
// The low end of the range takes every input's low consumption and high
// purity, the high end the reverse.

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"borderflow/data"
)

// flowRange is a drug's flow through the southwest-border ports, kg a
// year: the estimate and its range.
type flowRange struct{ low, best, high float64 }

// flowInputs are the inputs of one drug's flow (data/drug_flows.csv), by
// quantity, each as low, best, high.
type flowInputs map[string][3]float64

// drugFlowQuantities are the quantities data/drug_flows.csv gives per
// drug; us_seized may be missing (none found), the others may not.
var drugFlowQuantities = []string{"consumption_pure", "purity", "sw_share", "poe_share", "us_seized"}

// readFlowInputs returns, by drug (the data's names: cocaine, fentanyl,
// methamphetamine), the inputs of data/drug_flows.csv.
func readFlowInputs() (map[string]flowInputs, error) {
	t, err := data.Read("drug_flows.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("drug", "quantity", "low", "best", "high", "unit")
	if err != nil {
		return nil, err
	}
	out := map[string]flowInputs{}
	for i, r := range t.Rows {
		known := false
		for _, q := range drugFlowQuantities {
			known = known || r[c[1]] == q
		}
		if !known {
			return nil, fmt.Errorf("data/%s:%d: unknown quantity %q (one of %s)", t.Name, i+2, r[c[1]], strings.Join(drugFlowQuantities, ", "))
		}
		var v [3]float64
		for j := range v {
			x, err := strconv.ParseFloat(r[c[2+j]], 64)
			if err != nil || x < 0 {
				return nil, fmt.Errorf("data/%s:%d: %s of %s %s: want a number ≥ 0", t.Name, i+2, t.Header[c[2+j]], r[c[0]], r[c[1]])
			}
			v[j] = x
		}
		if !(v[0] <= v[1] && v[1] <= v[2]) {
			return nil, fmt.Errorf("data/%s:%d: %s %s: want low ≤ best ≤ high", t.Name, i+2, r[c[0]], r[c[1]])
		}
		if r[c[5]] == "fraction" && v[2] > 1 {
			return nil, fmt.Errorf("data/%s:%d: %s %s: a fraction above 1", t.Name, i+2, r[c[0]], r[c[1]])
		}
		if out[r[c[0]]] == nil {
			out[r[c[0]]] = flowInputs{}
		}
		out[r[c[0]]][r[c[1]]] = v
	}
	for d, in := range out {
		for _, q := range drugFlowQuantities[:4] {
			if _, ok := in[q]; !ok {
				return nil, fmt.Errorf("data/%s: %s has no %s row", t.Name, d, q)
			}
		}
		if in["purity"][0] <= 0 {
			return nil, fmt.Errorf("data/%s: %s: purity must be above 0", t.Name, d)
		}
	}
	return out, nil
}

// readSWSeized returns the kilograms seized on the southwest border in
// FY2023, at and between the ports (OFO and USBP), by drug as CBP names
// it (data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv).
func readSWSeized() (map[string]float64, error) {
	return readFY2023ByDrug("total_lbs", lbToKg)
}

// portFlow returns the flow through the ports at one end of the range
// (0 low, 1 best, 2 high) given the southwest border's seizures (kg).
func (in flowInputs) portFlow(end int, swSeized float64) float64 {
	// Low flow: low consumption at high purity; high flow: the reverse.
	pur := in["purity"][2-end]
	kg := in["consumption_pure"][end] * 1000 / pur
	kg += in["us_seized"][end] * 1000
	return (kg*in["sw_share"][end] + swSeized) * in["poe_share"][end]
}

// drugFlows returns each drug's flow through the southwest-border ports,
// by CBP's drug name (drugSpec.csvName).
func drugFlows() (map[string]flowRange, map[string]flowInputs, error) {
	ins, err := readFlowInputs()
	if err != nil {
		return nil, nil, err
	}
	sw, err := readSWSeized()
	if err != nil {
		return nil, nil, err
	}
	out := map[string]flowRange{}
	byCSV := map[string]flowInputs{}
	for _, ds := range drugSpecs {
		in, ok := ins[ds.name]
		if !ok {
			return nil, nil, fmt.Errorf("data/drug_flows.csv: no rows for %s", ds.name)
		}
		s, ok := sw[ds.csvName]
		if !ok {
			return nil, nil, fmt.Errorf("data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv: no FY2023 row for %s", ds.csvName)
		}
		out[ds.csvName] = flowRange{in.portFlow(0, s), in.portFlow(1, s), in.portFlow(2, s)}
		byCSV[ds.csvName] = in
	}
	return out, byCSV, nil
}

// officeShares returns, by drug, each field office's share of the ports'
// flow: its share of the kilograms CBP seized at the southwest-border
// ports in FY2023 (assumption: a drug crosses where it is seized, each
// office seizing the same share of what crosses it; where the flows go
// is the one thing taken from the seizures, so the check of seizures by
// office tests the detection's spread over offices, not the shares).
func officeShares(seizure map[string]map[string]seized) map[string]map[string]float64 {
	total := map[string]float64{}
	var offices []string
	for fo := range seizure {
		offices = append(offices, fo)
	}
	sort.Strings(offices)
	for _, fo := range offices {
		for d, s := range seizure[fo] {
			total[d] += s.lbs
		}
	}
	out := map[string]map[string]float64{}
	for _, fo := range offices {
		out[fo] = map[string]float64{}
		for d, s := range seizure[fo] {
			if total[d] > 0 {
				out[fo][d] = s.lbs / total[d]
			}
		}
	}
	return out
}

// flowNote is the generated configs' account of where the flows come
// from: one line per drug with its estimate, range and inputs.
func (g *gen) flowNote() {
	g.p("#\n# The flow of each drug through the southwest-border ports, kg a year (cmd/genconfigs/flows.go,\n")
	g.p("# data/drug_flows.csv, docs/SOURCES.md \"Drug flows\"): (US consumption of pure drug ÷ purity + US\n")
	g.p("# seizures) × southwest share + CBP's southwest seizures (FY2023, at and between ports), × the ports' share:\n")
	for _, ds := range drugSpecs {
		f, in := g.flows[ds.csvName], g.flowIn[ds.csvName]
		g.p("#   %s: %s kg (range %s to %s): consumption %s pure t, purity %s, US seizures %s t, southwest share %s, ports' share %s\n",
			ds.name, thousands(f.best), thousands(f.low), thousands(f.high),
			num(in["consumption_pure"][1]), num(in["purity"][1]), num(in["us_seized"][1]), num(in["sw_share"][1]), num(in["poe_share"][1]))
	}
}
