package plots

import (
	"context"
	"strings"
	"testing"

	"borderflow/internal/chartsynth"
)

// A sweep's page is titled with its sweep and scenario (from
// manifest.json), has one Charts heading, and shows a count that every
// replication gave alike as that count, not "1 [1, 1]"; a mean count keeps
// its decimal.
func TestSweepPageNamesItsScenario(t *testing.T) {
	files := chartsynth.Sweep()
	files["manifest.json"] = []byte(`{"sweep":"policies","scenario":"eagle-pass","seed":3,"replications":10,"horizon_hours":720,"warmup_hours":24}`)
	files["policies.csv"] = []byte("policy,loads_seized,loads_seized_lo,loads_seized_hi,kg_seized,kg_seized_lo,kg_seized_hi,delay_cost_usd,delay_cost_usd_lo,delay_cost_usd_hi\n" +
		"baseline,1,1,1,10,5,15,100,90,110\n" +
		"targeted,4.5,0,23.6,20,10,30,100,90,110\n")
	out, _, err := drawSweep(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["index.html"])
	for _, want := range []string{"<title>policies sweep of eagle-pass - borderflow</title>", "<h1>policies sweep of eagle-pass</h1>",
		"10 replication(s) a policy, 30 days simulated after 24 h of warm-up, seed 3",
		"1 <small>(every replication)</small>", "4.5 <small>[0, 23.6]</small>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<h2>Charts</h2>"); n != 1 {
		t.Errorf("%d Charts headings, want 1", n)
	}
	if strings.Contains(page, "[1, 1]") {
		t.Error(`a count every replication gave alike reads "[1, 1]"`)
	}
}
