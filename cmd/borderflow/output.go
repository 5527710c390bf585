package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// extras are the parts of the model that add sections to summary.json and
// files to the output folder (smugglers' routes, charts). Each is set by
// the file that wires that part in.
var extras []func(sc *scenario.Scenario, results []*border.Result, sum *report.Summary, files map[string][]byte) error

// chartsHook draws the charts of a run's files into more files; nil until
// the plots are wired in.
var chartsHook func(files map[string][]byte) error

// runFiles renders every output file of a run in memory, so that nothing
// is written unless everything could be made.
func runFiles(ctx context.Context, sc *scenario.Scenario, results []*border.Result, sum *report.Summary, charts bool) (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, x := range extras {
		if err := x(sc, results, sum, files); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := report.PortsCSV(&b, sc, results); err != nil {
		return nil, err
	}
	files["ports.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := report.SeriesCSV(&b, sc, results); err != nil {
		return nil, err
	}
	files["series.csv"] = bytes.Clone(b.Bytes())
	b.Reset()
	if err := report.DrugsCSV(&b, sc, sum); err != nil {
		return nil, err
	}
	files["drugs.csv"] = bytes.Clone(b.Bytes())
	js, err := sum.JSON()
	if err != nil {
		return nil, err
	}
	files["summary.json"] = js
	if err := stage(ctx, "charts"); err != nil {
		return nil, err
	}
	if charts && chartsHook != nil {
		if err := chartsHook(files); err != nil {
			return nil, fmt.Errorf("charts: %w", err)
		}
	}
	return files, nil
}

// outFor returns the output folder of a command: out, or out/NAME by
// default, cleaned and checked (cleanOut) before any work is done.
func outFor(out, name string, force bool) (string, error) {
	if out == "" {
		// Guarded here too, whatever loaded the name: the default output
		// must land inside out/.
		if err := scenario.CheckName(name); err != nil {
			return "", usagef("the name %q cannot name the output folder out/NAME: %v (give -out)", name, err)
		}
		out = filepath.Join("out", name)
	}
	return cleanOut(out, force)
}

// stageDone tells the test hook that the output is in place: a signal
// from now on no longer undoes the run.
func stageDone() {
	if stageHook != nil {
		stageHook("done")
	}
}
