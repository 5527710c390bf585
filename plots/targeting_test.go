package plots

import (
	"testing"
)

// The targeting sweep's chart has the interdiction and loads curves; the
// policies' loads frontier one point per policy.
func TestTargetingAndLoadsCharts(t *testing.T) {
	files := map[string][]byte{
		"targeting.csv": []byte("auc,interdiction_rate,interdiction_rate_lo,interdiction_rate_hi,loads_seized,loads_seized_lo,loads_seized_hi,kg_seized,kg_seized_lo,kg_seized_hi,share_inspected\n" +
			"0.9,0.35,0.34,0.36,136,132,140,1362,1322,1401,0.21\n" +
			"0.5,0.08,0.07,0.09,33,28,37,332,286,377,0.17\n" +
			"0.7,0.2,0.19,0.22,80,74,87,809,747,870,0.19\n"),
		"policies.csv": []byte("policy,kg_seized,kg_seized_lo,kg_seized_hi,loads_seized,loads_seized_lo,loads_seized_hi,delay_cost_usd,delay_cost_usd_lo,delay_cost_usd_hi\n" +
			"baseline,10,-5,25,2,0,4,1000,900,1100\n" +
			"targeted,40,20,60,6,3,9,1200,1100,1300\n"),
	}
	figs, err := buildSweep(files)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range figs {
		got[f.name] = f.series
	}
	if got["targeting"] != 2 || got["frontier-loads"] != 2 || got["frontier"] != 2 {
		t.Errorf("series %v, want targeting 2, frontier 2, frontier-loads 2", got)
	}
	if _, err := renderAll(figs); err != nil {
		t.Fatal(err)
	}
	// Without loads in policies.csv (an older sweep) there is no loads chart.
	figs, err = buildSweep(map[string][]byte{"policies.csv": []byte("policy,kg_seized,delay_cost_usd\nbaseline,1,2\n")})
	if err != nil || len(figs) != 1 {
		t.Errorf("old policies.csv: %v, %v", chartNames(figs), err)
	}
}
