package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A policy may set any key -set accepts, here one outside the policy
// vocabulary (the truck primary time at Roma): it takes effect in that
// policy's replications only, and manifest.json records it.
func TestPolicySetsAnyKey(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "slow.toml")
	os.WriteFile(file, []byte(`[[policy]]
name = "baseline"

[[policy]]
name = "slow-primary"
set = ['port[Roma].lane.truck.primary_time = { dist = "lognormal", mean = "20m", cv = 0.6 }']
`), 0o644)
	out := filepath.Join(dir, "out")
	mustSweep(t, "sweep", "roma", "-policies", file, "-reps", "2", "-horizon", "2d", "-quiet", "-no-plots", "-out", out)
	f, err := os.Open(filepath.Join(out, "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "wait_mean_min_truck" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("pairs.csv has no wait_mean_min_truck: %v", recs[0])
	}
	wait := map[string][]float64{}
	for _, r := range recs[1:] {
		x, _ := strconv.ParseFloat(r[col], 64)
		wait[r[0]] = append(wait[r[0]], x)
	}
	for i := range wait["baseline"] {
		// One booth of 90 s trucks against one of 20 min at the same
		// arrivals (about 5 trucks an hour): the queue grows all day.
		if !(wait["slow-primary"][i] > 10*wait["baseline"][i]+10) {
			t.Errorf("replication %d: truck wait %.1f min with a 20 min primary, %.1f without: the set did not take effect", i, wait["slow-primary"][i], wait["baseline"][i])
		}
	}
	man, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if !strings.Contains(string(man), `"set": [`) {
		t.Errorf("manifest.json does not record the policy's set:\n%s", man)
	}

	// A key the scenario does not have, and a run key, are refused with the
	// file, line and key.
	for _, c := range []struct{ set, want string }{
		{`set = ["port[Roma].lane.truck.booth = 3"]`, "unknown key"},
		{`set = ["horizon = 30d"]`, ":3: policy[0].set[0]: a policy cannot set horizon"},
		{`set = "port[Roma].lane.truck.booths = 3"`, "expected a list of PATH=VALUE strings"},
	} {
		bad := filepath.Join(dir, "bad.toml")
		os.WriteFile(bad, []byte("[[policy]]\nname = \"x\"\n"+c.set+"\n"), 0o644)
		code, _, errs := sweepCLI(t, context.Background(), "sweep", "roma", "-policies", bad, "-reps", "2", "-horizon", "2d", "-quiet", "-no-plots", "-out", filepath.Join(dir, "bad"))
		if code != exitUsage || !strings.Contains(errs, c.want) || !strings.Contains(errs, bad) {
			t.Errorf("%s: exit %d, %s (want exit 2, the file and %q)", c.set, code, errs, c.want)
		}
	}
}
