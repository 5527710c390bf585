package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// run -response-counterfactual: the scenario run again on the same seeds
// without its [response] (every vehicle waits however long the queue), so
// that the outputs set the waits with the drivers' answer to delay beside
// the waits without it: summary.json's response_counterfactual,
// response-counterfactual.csv, series-no-response.csv and the
// response-waits chart (report/response_cf.go, plots/response_waits.go).
// It is asked for, not automatic: it doubles the run's work, and without
// the response an overloaded lane fills to its population limit.

// checkResponseCounterfactual refuses -response-counterfactual before
// any simulation when there is no response to switch off. (Its time
// series, like the run's, is on disk: the memory does not grow with it.)
func checkResponseCounterfactual(sc *scenario.Scenario) error {
	if sc.Response == nil {
		return usagef("run: -response-counterfactual: %s has no [response] section, so there is no response to switch off", sc.Name)
	}
	return nil
}

// noResponseRun is what the outputs need of the run without the
// response: each replication's measures and its series.csv. Its
// replications are folded as they finish (report.Accumulator) and dropped.
type noResponseRun struct {
	sum *report.Summary
	acc *report.Accumulator // its time series, on disk
}

// runWithoutResponse runs sc without its [response] on sc's seeds, its
// time series spilled into a folder in scratch (the run's work files).
func runWithoutResponse(sc *scenario.Scenario, workers int, opt border.Options, scratch string) (*noResponseRun, error) {
	csc := *sc
	csc.Valuation = sc.Valuations() // the same economy's costs in both runs
	csc.Response = nil
	acc := report.NewAccumulator(&csc, sc.Replications)
	dir := filepath.Join(scratch, "no-response")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	opt.Series = acc.SpillSeries(dir)
	if err := border.FoldReplications(&csc, sc.Replications, workers, opt, foldInto(acc)); err != nil {
		return nil, err
	}
	return &noResponseRun{sum: acc.Summary(), acc: acc}, nil
}

// responseCounterfactualOutputs adds the comparison to the run's outputs:
// summary.json's response_counterfactual section, and the files
// response-counterfactual.csv and series-no-response.csv (nil without the
// counterfactual run).
func responseCounterfactualOutputs(o *outFolder, sc *scenario.Scenario, sum *report.Summary, wr *noResponseRun) (map[string][]byte, error) {
	if wr == nil {
		return nil, nil
	}
	e := report.ResponseEffects(sc, sum.Measures(), wr.sum.Measures())
	if e == nil {
		return nil, nil
	}
	if sum.Extra == nil {
		sum.Extra = map[string]any{}
	}
	sum.Extra["response_counterfactual"] = e
	var b bytes.Buffer
	if err := report.ResponseEffectCSV(&b, e); err != nil {
		return nil, fmt.Errorf("response-counterfactual.csv: %w", err)
	}
	if err := o.stream("series-no-response.csv", wr.acc.SeriesCSV); err != nil {
		return nil, err
	}
	return map[string][]byte{"response-counterfactual.csv": b.Bytes()}, nil
}
