package compare

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func folder(t *testing.T, summary, reps string) string {
	t.Helper()
	d := t.TempDir()
	if err := os.WriteFile(filepath.Join(d, "summary.json"), []byte(summary), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "replications.csv"), []byte(reps), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

const sum2 = `{"scenario":"s","seed":1,"replications":2,"horizon_hours":24,"warmup_hours":1}`
const header = "replication,port,class,departures,wait_mean_min,wait_p95_min,kg_attempted,kg_seized,interdiction_rate\n"

// The border's rows add lanes up replication by replication: sums, the
// mean wait weighted by departures, the interdiction rate as kg seized
// over kg attempted; a p95 is left out. Differences are paired.
func TestTotalsAndPairing(t *testing.T) {
	a := folder(t, sum2, header+
		"0,P,car,100,2,5,10,1,0.1\n0,P,truck,300,6,9,30,3,0.1\n"+
		"1,P,car,100,4,5,10,0,0\n1,P,truck,100,8,9,10,5,0.5\n")
	b := folder(t, sum2, header+
		"0,P,car,100,3,5,10,2,0.2\n0,P,truck,300,6,9,30,3,0.1\n"+
		"1,P,car,100,5,5,10,1,0.1\n1,P,truck,100,8,9,10,5,0.5\n")
	ra, err := Read(a)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Pair(ra, rb)
	if err != nil {
		t.Fatal(err)
	}
	// A's mean wait: rep 0 (100·2+300·6)/400 = 5, rep 1 (100·4+100·8)/200 = 6.
	// B's: rep 0 5.25, rep 1 6.5: differences 0.25 and 0.5.
	r, ok := c.Lookup("all", "all", "wait_mean_min")
	if !ok || math.Abs(r.A-5.5) > 1e-12 || math.Abs(r.Diff-0.375) > 1e-12 {
		t.Errorf("border wait: %+v", r)
	}
	// Interdiction: A 4/40 and 5/20, B 5/40 and 6/20.
	r, _ = c.Lookup("all", "all", "interdiction_rate")
	if math.Abs(r.A-(0.1+0.25)/2) > 1e-12 || math.Abs(r.Diff-(0.025+0.05)/2) > 1e-12 {
		t.Errorf("border interdiction: %+v", r)
	}
	// kg seized: differences +1 and +1 in both replications: an interval of one point.
	r, _ = c.Lookup("all", "all", "kg_seized")
	if r.Diff != 1 || r.Lo != 1 || r.Hi != 1 || !r.Significant() {
		t.Errorf("border kg seized: %+v", r)
	}
	if _, ok := c.Lookup("all", "all", "wait_p95_min"); ok {
		t.Error("a p95 added over lanes")
	}
	if !strings.HasPrefix(string(c.CSV()), "port,class,measure,a_mean,b_mean,difference,difference_lo,difference_hi,relative_change\nall,all,") {
		t.Errorf("compare.csv:\n%s", c.CSV())
	}
}

func TestReadRefusesBrokenFiles(t *testing.T) {
	for _, c := range []struct{ reps, want string }{
		{header + "0,P,car,1,1,1,1,1,0.1\n", "replication 1 of P car is missing"},
		{header + "0,P,car,1,1,1,1,1,0.1\n0,P,car,1,1,1,1,1,0.1\n", "appears twice"},
		{header + "0,P,car,1,1,1,1,1,0.1\n1,P,car,1,1,1,1,NaN,0.1\n", "want a finite number"},
		{header + "0,P,car,1,1,1,1,1,0.1\n2,P,car,1,1,1,1,1,0.1\n", "want 0 to 1"},
		{"port,class\n", "header must start"},
	} {
		_, err := Read(folder(t, sum2, c.reps))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.reps, err, c.want)
		}
	}
	if _, err := Read(folder(t, `{"seed":1}`, header)); err == nil || !strings.Contains(err.Error(), "not a run's summary") {
		t.Errorf("summary without a scenario: %v", err)
	}
}

func TestPairSaysWhy(t *testing.T) {
	ok := header + "0,P,car,1,1,1,1,1,0.1\n1,P,car,1,1,1,1,1,0.1\n"
	a, _ := Read(folder(t, sum2, ok))
	other := header + "0,Q,car,1,1,1,1,1,0.1\n1,Q,car,1,1,1,1,1,0.1\n"
	b, _ := Read(folder(t, sum2, other))
	if _, err := Pair(a, b); err == nil || !strings.Contains(err.Error(), "P car only in") {
		t.Errorf("different ports: %v", err)
	}
	c, _ := Read(folder(t, strings.Replace(sum2, `"horizon_hours":24`, `"horizon_hours":48`, 1), ok))
	if _, err := Pair(a, c); err == nil || !strings.Contains(err.Error(), "different horizons") {
		t.Errorf("different horizons: %v", err)
	}
}
