package plots

import (
	"os"
	"path/filepath"
	"testing"
)

// The optimiser's trade-off chart: two panels of the same allocations,
// the feasible and infeasible ones and the path as series.
func TestTradeoffChart(t *testing.T) {
	files := map[string][]byte{
		"optimise.json": []byte(`{"budget_total": 10}`),
		"explored.csv": []byte("index,cost,loads_seized,loads_seized_lo,loads_seized_hi,worst_wait_ratio,feasible,on_path,best,changes\n" +
			"0,10,5,4,6,1.2,false,true,false,base\n" +
			"1,11,6,5,7,0.9,true,false,false,a +1\n" +
			"2,10,7,6,8,0.8,true,true,true,b +1\n"),
	}
	f, err := tradeoff(files)
	if err != nil || f == nil {
		t.Fatal(f, err)
	}
	// per panel: feasible, infeasible, path
	if f.series != 6 || len(f.rows[0]) != 2 {
		t.Errorf("series %d, panels %d", f.series, len(f.rows[0]))
	}
	out, err := DrawOptimise(files)
	if err != nil || out["tradeoff.png"] == nil || out["tradeoff.svg"] == nil {
		t.Fatalf("%v %v", len(out), err)
	}
	if dir := os.Getenv("REDRAW"); dir != "" { // redraw a real run's chart
		in := map[string][]byte{}
		for _, n := range []string{"explored.csv", "optimise.json"} {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			in[n] = b
		}
		out, err := DrawOptimise(in)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "tradeoff.png"), out["tradeoff.png"], 0o644)
		os.WriteFile(filepath.Join(dir, "tradeoff.svg"), out["tradeoff.svg"], 0o644)
	}
}
