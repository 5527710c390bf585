package main

import (
	"bytes"

	"borderflow/report"
	"borderflow/scenario"
)

// The drivers' answer to delay: summary.json's response section (diverted,
// postponed, cancelled, refused, the cost of delay by part) and
// response.csv, when the scenario has a response or a lane reached its
// population limit (report/response.go).
func responseOutputs(sc *scenario.Scenario, acc *report.Accumulator, sum *report.Summary, files map[string][]byte) error {
	rs := acc.Responses()
	if rs == nil {
		return nil
	}
	if sum.Extra == nil {
		sum.Extra = map[string]any{}
	}
	sum.Extra["response"] = rs
	var b bytes.Buffer
	if err := report.ResponseCSV(&b, sc, rs); err != nil {
		return err
	}
	files["response.csv"] = b.Bytes()
	var d bytes.Buffer
	if err := report.DiversionsCSV(&d, rs); err != nil {
		return err
	}
	files["diversions.csv"] = d.Bytes()
	return nil
}
