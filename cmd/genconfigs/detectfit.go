package main

// `genconfigs -fit-detection data/detection_fit.csv`: the targeting fit
// (detect.go) counts each load seized with its lane's baseline probability,
// which leaves out what a year of traffic does to it: officers refer half
// as often past the pressure wait, full lots turn referrals away, trusted
// lanes refer less. This runs a year of southwest-border with the fitted
// factors and records, by drug, the simulated events over the baseline
// count (sim_over_baseline); the generator then fits each factor to CBP's
// events ÷ that ratio, so that the simulated year, not the baseline
// count, seizes CBP's events. Two rounds (the ratio moves a little with
// the factor); seed 1, detectFitReps replications.

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"borderflow/border"
	"borderflow/data"
	"borderflow/scenario"
)

const detectFitReps = 2

// detectionRatio is, by drug (CBP's name), the simulated year's seizure
// events over the baseline count at the same factors
// (data/detection_fit.csv); 1 where the file has no row.
var detectionRatio map[string]float64

// readDetectionFit reads data/detection_fit.csv.
func readDetectionFit() (map[string]float64, error) {
	t, err := data.Read("detection_fit.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("drug", "sim_over_baseline")
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for i, r := range t.Rows {
		x, err := strconv.ParseFloat(r[c[1]], 64)
		if err != nil || !(x > 0.2 && x <= 2) {
			return nil, fmt.Errorf("data/%s:%d: sim_over_baseline %q: want a number from 0.2 to 2", t.Name, i+2, r[c[1]])
		}
		out[r[c[0]]] = x
	}
	return out, nil
}

// fitDetectionBySimulation runs the rounds and writes the ratios to path.
func fitDetectionBySimulation(path string) error {
	ratio := map[string]float64{}
	for _, ds := range drugSpecs {
		ratio[ds.csvName] = 1
	}
	var lines []string
	for round := 0; round < 2; round++ {
		detectionRatio = ratio
		g, err := newGen()
		if err != nil {
			return err
		}
		files, err := g.scenarios()
		if err != nil {
			return err
		}
		sc, err := scenario.Parse("southwest-border.toml", []byte(files["southwest-border"]))
		if err != nil {
			return err
		}
		res, err := border.RunReplications(sc, detectFitReps, 2, border.Options{})
		if err != nil {
			return err
		}
		events := map[string]float64{}
		for _, r := range res {
			for _, ps := range r.Ports {
				for _, ls := range ps.Lanes {
					for d, x := range ls.Drugs {
						events[sc.Drugs[d].Name] += float64(x.LoadsSeized) / detectFitReps
					}
				}
			}
		}
		next := map[string]float64{}
		lines = lines[:0]
		for _, ds := range drugSpecs {
			f := g.detect[ds.csvName]
			next[ds.csvName] = events[ds.name] / f.expected
			cbp := f.events * f.ratio
			fmt.Fprintf(os.Stderr, "round %d: %s factor %v, baseline %.1f events a year, simulated %.1f (CBP %.0f): ratio %.4f\n",
				round+1, ds.name, f.factor, f.expected, events[ds.name], cbp, next[ds.csvName])
			lines = append(lines, fmt.Sprintf("%s,%.4f,%.1f,%.1f,%.0f", ds.csvName, next[ds.csvName], f.expected, events[ds.name], cbp))
		}
		ratio = next
	}
	out := "drug,sim_over_baseline,baseline_events,simulated_events,cbp_events\n" + strings.Join(lines, "\n") + "\n"
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(out), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// loadDetectionRatio reads data/detection_fit.csv into detectionRatio,
// unless a fit running in this process has set it.
func loadDetectionRatio() error {
	if detectionRatio != nil {
		return nil
	}
	r, err := readDetectionFit()
	if err != nil {
		return err
	}
	detectionRatio = r
	return nil
}

// fittedGen returns a gen with the detection fitted, as newGen makes it
// (without the coordinates and the staffing and trips fits).
func fittedGen() (*gen, error) {
	ports, err := readPorts()
	if err != nil {
		return nil, err
	}
	seizures, err := readSeizures()
	if err != nil {
		return nil, err
	}
	cvs, err := readLoadCV()
	if err != nil {
		return nil, err
	}
	flows, flowIn, err := drugFlows()
	if err != nil {
		return nil, err
	}
	g := &gen{ports: ports, seizure: seizures, loadCV: cvs, flows: flows, flowIn: flowIn, share: officeShares(seizures)}
	if g.detect, err = g.fitDetection(); err != nil {
		return nil, err
	}
	return g, nil
}
