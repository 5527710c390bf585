package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"borderflow/plots"
	"borderflow/report"
	"borderflow/scenario"
)

// runFiles makes every output file of a run: the time series, written
// into the run's temporary folder o as it is made (a year of hourly bins
// is tens of megabytes), and the rest in memory, returned for o: the
// report's files, the smugglers' (orgOutputs), the files made before
// (extra: the run without the response), then the charts drawn from those
// files and the series on disk. Nothing shows in the output folder unless
// everything could be made (o.commit).
func runFiles(ctx context.Context, o *outFolder, sc *scenario.Scenario, acc *report.Accumulator, sum *report.Summary, extra map[string][]byte, charts bool) (map[string][]byte, error) {
	files := map[string][]byte{}
	for name, b := range extra {
		files[name] = b
	}
	if err := orgOutputs(sc, acc, sum, files); err != nil {
		return nil, err
	}
	marketOutputs(acc, sum)                                      // cmd/borderflow/market.go
	if err := responseOutputs(sc, acc, sum, files); err != nil { // response.go
		return nil, err
	}
	var b bytes.Buffer
	for _, f := range []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"ports.csv", sum.PortsCSV},
		{"drugs.csv", sum.DrugsCSV},
		{"drugs_total.csv", sum.DrugsTotalCSV},
		{"replications.csv", sum.ReplicationsCSV},
	} {
		b.Reset()
		if err := f.write(&b); err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		files[f.name] = bytes.Clone(b.Bytes())
	}
	js, err := sum.JSON()
	if err != nil {
		return nil, err
	}
	files["summary.json"] = js
	if err := o.stream("series.csv", acc.SeriesCSV); err != nil {
		return nil, err
	}
	if err := stage(ctx, "charts"); err != nil {
		return nil, err
	}
	if charts {
		draw := func(ctx context.Context, files map[string][]byte) (map[string][]byte, error) {
			return plots.DrawFromContext(ctx, files, o.open)
		}
		if err := addCharts(ctx, files, draw); err == errInterrupted {
			return nil, err
		} else if err != nil {
			return nil, fmt.Errorf("charts: %w", err)
		}
	}
	return files, nil
}

// orgOutputs adds the smugglers' outputs: routes.csv and the summary's
// organisations, displacement and surges sections (report/org.go says
// what each holds).
func orgOutputs(sc *scenario.Scenario, acc *report.Accumulator, sum *report.Summary, files map[string][]byte) error {
	if sum.Extra == nil {
		sum.Extra = map[string]any{}
	}
	if s := report.Surges(sc); len(s) > 0 {
		sum.Extra["surges"] = s // the charts mark them whether or not there are organisations
	}
	if len(sc.Orgs) == 0 {
		return nil
	}
	var b bytes.Buffer
	if err := acc.RoutesCSV(&b); err != nil {
		return err
	}
	files["routes.csv"] = bytes.Clone(b.Bytes())
	sum.Extra["organisations"] = acc.Organisations()
	if d := acc.CounterfactualDisplacements(); len(d) > 0 {
		sum.Extra["displacement"] = d
		b.Reset()
		if err := report.DisplacementCSV(&b, d); err != nil {
			return err
		}
		files["displacement.csv"] = bytes.Clone(b.Bytes())
		b.Reset()
		if err := acc.CounterfactualRoutesCSV(&b); err != nil {
			return err
		}
		files["routes-counterfactual.csv"] = bytes.Clone(b.Bytes())
	} else if d := acc.Displacements(); len(d) > 0 {
		sum.Extra["displacement"] = d // no counterfactual: before against during
	}
	return nil
}
