package main

import (
	"bytes"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// The smugglers' outputs: routes.csv and the summary's organisations,
// displacement and surges sections (report/org.go says what each holds).
func init() {
	extras = append(extras, orgOutputs)
}

func orgOutputs(sc *scenario.Scenario, results []*border.Result, sum *report.Summary, files map[string][]byte) error {
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
	if err := report.RoutesCSV(&b, sc, results); err != nil {
		return err
	}
	files["routes.csv"] = bytes.Clone(b.Bytes())
	sum.Extra["organisations"] = report.Organisations(sc, results)
	if d := report.CounterfactualDisplacements(sc, results, sum.Counterfactual); len(d) > 0 {
		sum.Extra["displacement"] = d
		b.Reset()
		if err := report.RoutesCSV(&b, sc, sum.Counterfactual); err != nil {
			return err
		}
		files["routes-counterfactual.csv"] = bytes.Clone(b.Bytes())
	} else if d := report.Displacements(sc, results); len(d) > 0 {
		sum.Extra["displacement"] = d // no counterfactual: before against during
	}
	return nil
}
