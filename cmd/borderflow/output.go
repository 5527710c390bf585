package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"

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
func runFiles(sc *scenario.Scenario, results []*border.Result, sum *report.Summary, charts bool) (map[string][]byte, error) {
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
	if err := report.HourlyCSV(&b, sc, results); err != nil {
		return nil, err
	}
	files["hourly.csv"] = bytes.Clone(b.Bytes())
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
	if charts && chartsHook != nil {
		if err := chartsHook(files); err != nil {
			return nil, fmt.Errorf("charts: %w", err)
		}
	}
	return files, nil
}

// checkOut refuses an existing output folder unless force is set, before
// any simulation is done.
func checkOut(dir string, force bool) error {
	st, err := os.Stat(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %v", dir, err)
	}
	if !st.IsDir() {
		return usagef("output %s exists and is not a folder", dir)
	}
	if !force {
		return usagef("output folder %s already exists; use -force to replace it or -out to choose another", dir)
	}
	return nil
}

// writeOut writes files into a temporary folder beside dir and renames it
// into place once every file is written: a failed or interrupted run
// leaves any earlier folder as it was. With force an existing folder is
// replaced.
func writeOut(dir string, force bool, files map[string][]byte) error {
	if err := checkOut(dir, force); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(tmp, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(dir); err == nil {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir) // put the user's folder back
			return err
		}
		ok = true
		return os.RemoveAll(old)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	ok = true
	return nil
}
