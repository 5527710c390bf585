package main

import (
	"borderflow/report"
)

// marketOutputs adds summary.json's market section (report/market.go):
// per drug with a price chain, what the run's seizures do to its border
// and retail prices, and against the counterfactual when there is one.
func marketOutputs(acc *report.Accumulator, sum *report.Summary) {
	m := acc.Market()
	if len(m) == 0 {
		return
	}
	if sum.Extra == nil {
		sum.Extra = map[string]any{}
	}
	sum.Extra["market"] = m
}
