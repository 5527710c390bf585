package main

import (
	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

// marketOutputs adds summary.json's market section (report/market.go):
// per drug with a price chain, what the run's seizures do to its border
// and retail prices, and against the counterfactual when there is one.
func marketOutputs(sc *scenario.Scenario, results []*border.Result, sum *report.Summary) {
	m := report.Market(sc, results, sum.Counterfactual)
	if len(m) == 0 {
		return
	}
	if sum.Extra == nil {
		sum.Extra = map[string]any{}
	}
	sum.Extra["market"] = m
}
