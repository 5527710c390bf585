package main

// Detection fitted to CBP's seizures. With the flows set from outside
// (flows.go), the one free detection parameter per drug is how well
// targeting flags the drug's carriers: scenario's [drug.NAME]
// target_hit_factor, multiplying every lane's target_hit for vehicles
// carrying it. It is fitted so that a year of the southwest-border
// flows, each load seized with its lane's baseline probability (referred
// at random or by targeting, then found by the lane's secondary sequence:
// traffic.BaselineRisk's arithmetic, without wait pressure or full lots),
// times what a simulated year does to that count (data/detection_fit.csv,
// `genconfigs -fit-detection`: detectfit.go), gives as many seizure events
// as CBP counted at the ports in FY2023
// (data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv, ofo_events). The
// interdiction rate is then an output: kg seized over the flow, whose
// range carries the flow's.
//
// No published range bounds the factor: what share of loaded vehicles
// CBP's targeting flags is not public. Its logical bound is targeting
// that flags every loaded vehicle (target_hit 1 in both classes); where
// even that cannot give CBP's events, the fit stops there and the gap
// is reported (gapNote), not closed by changing the flows.

import (
	"fmt"
	"math"
	"strconv"

	"borderflow/data"
	"borderflow/scenario"
)

// detectFit is the fitted targeting of one drug.
type detectFit struct {
	factor float64
	// events: CBP's FY2023 port events; expected: the fit's events a year
	// (below CBP's when the factor is at its bound).
	events, expected float64
	atBound          bool
	// baseline: the events the lanes' own targeting (factor 1) would give.
	baseline float64
	// ratio: a simulated year's events over the baseline count
	// (data/detection_fit.csv); events is CBP's ÷ ratio.
	ratio float64
}

// seizeProb is the probability that a load of the flow is seized when
// targeting flags the lane's target_hit × factor of loaded vehicles.
func seizeProb(l genLoad, factor float64) float64 {
	spec := laneSpecs[0]
	for _, s := range laneSpecs {
		if s.class == l.class {
			spec = s
		}
	}
	hit := scenario.DrugTargetHit(scenario.Referral{TargetHit: spec.targetHit}, factor)
	refer := 1 - (1-spec.referral)*(1-hit)
	return refer * methodSpecs[spec.first].detect[l.concealment] * methodSpecs[spec.alarm].detect[l.concealment]
}

// maxFactor is the factor at which targeting flags every loaded vehicle
// in both classes.
func maxFactor() float64 {
	m := 0.0
	for _, s := range laneSpecs {
		m = math.Max(m, 1/s.targetHit)
	}
	return m
}

// readOFOEvents returns CBP's FY2023 port seizure events by drug.
func readOFOEvents() (map[string]float64, error) { return readFY2023ByDrug("ofo_events", 1) }

// readFY2023ByDrug returns one column of
// data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv for FY2023, by drug
// as CBP names it, times scale.
func readFY2023ByDrug(column string, scale float64) (map[string]float64, error) {
	t, err := data.Read("cbp_sw_border_drug_seizures_fy2019_fy2023.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("fiscal_year", "drug_type", column)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, r := range t.Rows {
		if r[c[0]] != "2023" {
			continue
		}
		x, err := strconv.ParseFloat(r[c[2]], 64)
		if err != nil {
			return nil, fmt.Errorf("data/%s: %s: bad %s %q", t.Name, r[c[1]], column, r[c[2]])
		}
		out[r[c[1]]] = x * scale
	}
	return out, nil
}

// fitDetection fits each drug's target_hit_factor to CBP's FY2023 port
// events over the flows of every port (southwest-border).
func (g *gen) fitDetection() (map[string]detectFit, error) {
	events, err := readOFOEvents()
	if err != nil {
		return nil, err
	}
	byName := map[string]portRow{}
	var all []string
	for _, r := range g.ports {
		byName[r.name] = r
		all = append(all, r.name)
	}
	flows := g.loadFlows(all, byName)
	if g.err != nil {
		return nil, g.err
	}
	out := map[string]detectFit{}
	for _, ds := range drugSpecs {
		want, ok := events[ds.csvName]
		if !ok || want <= 0 {
			return nil, fmt.Errorf("data/cbp_sw_border_drug_seizures_fy2019_fy2023.csv: no FY2023 port events for %s", ds.csvName)
		}
		expected := func(k float64) float64 {
			n := 0.0
			for _, l := range flows {
				if l.drug.name == ds.name {
					n += l.perYear * seizeProb(l, k)
				}
			}
			return n
		}
		// The baseline count over-counts what a simulated year seizes by
		// the ratio detectfit.go measured: aim it at CBP's ÷ that.
		ratio := 1.0
		if r, ok := detectionRatio[ds.csvName]; ok {
			ratio = r
		}
		want /= ratio
		f := detectFit{events: want, baseline: expected(1), ratio: ratio}
		hi := maxFactor()
		if expected(hi) < want {
			f.factor, f.expected, f.atBound = hi, expected(hi), true
		} else {
			lo := 0.0
			for i := 0; i < 100; i++ {
				if m := (lo + hi) / 2; expected(m) < want {
					lo = m
				} else {
					hi = m
				}
			}
			f.factor = round3((lo + hi) / 2)
			f.expected = expected(f.factor)
		}
		out[ds.csvName] = f
	}
	return out, nil
}

// detectNote is the comment after a drug's target_hit_factor.
func (f detectFit) note() string {
	s := fmt.Sprintf("fitted (cmd/genconfigs/detect.go): %s seizure events a year over southwest-border's flows, counted at the lanes' baseline (the lanes' own targeting would give %s), × %.3f for what a simulated year does to them (data/detection_fit.csv) = CBP's %s at the ports in FY2023",
		thousands(f.expected), thousands(f.baseline), f.ratio, thousands(f.events*f.ratio))
	if f.atBound {
		s += fmt.Sprintf("; GAP: even targeting that flags every loaded vehicle falls %.0f%% short, so the flow estimate and CBP's counts cannot both hold with this inspection (docs/VALIDATION.md)", 100*(1-f.expected/f.events))
	}
	return s
}

// hitLine is a drug's target_hit_factor line of a generated scenario.
func (g *gen) hitLine(drug string) string {
	f := g.detect[drug]
	return fmt.Sprintf("target_hit_factor = %s   # %s\n", num(f.factor), f.note()) + g.flowRangeLine(drug)
}

// flowRangeLine is a drug's flow_range line of a generated scenario: the
// flow estimate's range as multipliers of its best value (flows.go).
func (g *gen) flowRangeLine(drug string) string {
	f := g.flows[drug]
	return fmt.Sprintf("flow_range = [%s, %s]   # the flow estimate's range, %s to %s kg a year through the ports against its best %s (cmd/genconfigs/flows.go): the interdiction rate's interval carries it\n",
		num(round3(f.low/f.best)), num(round3(f.high/f.best)), thousands(f.low), thousands(f.high), thousands(f.best))
}
