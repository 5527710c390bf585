package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// surgeRun runs surge-eagle-pass with a twentieth of its traffic and
// horizon days, reps replications. The organisations' loads then ride in
// fewer vehicles; what a load risks is set by the referral and detection
// rates, not by the volume (the lots are rarely full at these ports), so
// the smugglers face the same choice for a twentieth of the work.
func surgeRun(t *testing.T, seed uint64, horizon float64, reps int) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	sc, err := scenario.Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	sc.Seed = seed
	sc.Horizon = horizon
	res, err := border.RunReplications(sc, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc, res
}

// surgeRunFixed is surgeRun with the organisations' volumes fixed: the
// routing's answer alone, without the market's fall of the volume (a
// season of a surge at one port lowers it by a fraction of a per cent,
// which the before-during comparison of a port's tonne-scale loads cannot
// tell from luck; the counterfactual's paired comparison can,
// TestDemandFallPaired).
func surgeRunFixed(t *testing.T, seed uint64, horizon float64, reps int) (*scenario.Scenario, []*border.Result) {
	t.Helper()
	sc, err := scenario.Embedded("surge-eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	sc.Seed = seed
	sc.Horizon = horizon
	sc.Market.FixedVolumes = true
	res, err := border.RunReplications(sc, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return sc, res
}

// TestSurgeDisplacement is the balloon effect in surge-eagle-pass: while
// Eagle Pass inspects harder, the organisations learn it from their
// losses and send less through it and more through the other ports, and
// deliveries to the US fall by less than what Eagle Pass stopped seeing —
// each asserted on the 95% interval over replications.
func TestSurgeDisplacement(t *testing.T) {
	// 182 days: the 90 before the surge and the 90 of it (and two).
	sc, res := surgeRunFixed(t, 1, 182*scenario.Day, 12)
	ds := Displacements(sc, res)
	if len(ds) != 1 {
		t.Fatalf("%d displacement sections", len(ds))
	}
	d := ds[0]
	if d.Port != "Eagle Pass" || d.StartDay != 90 || d.EndDay != 180 || d.Periods != 13 || d.Overlapping {
		t.Fatalf("displacement %+v", d)
	}
	if d.BeforeDays[1] != d.DuringDays[0] || d.DuringDays[1]-d.DuringDays[0] != 91 || d.BeforeDays[1]-d.BeforeDays[0] != 91 {
		t.Errorf("compared %v with %v", d.BeforeDays, d.DuringDays)
	}
	show := func(name string, c Paired[Surge]) {
		t.Logf("%-28s before %8.1f during %8.1f change %8.1f [%8.1f, %8.1f]", name,
			c.Base.Mean, c.Treated.Mean, c.Difference.Mean, c.Difference.CI95[0], c.Difference.CI95[1])
	}
	show("Eagle Pass kg attempted", d.Surged.KgAttempted)
	show("Eagle Pass share", d.Surged.Share)
	show("other ports kg attempted", d.OtherPorts)
	show("US kg delivered", d.USDelivered)
	t.Logf("balloon %.1f [%.1f, %.1f]", d.Balloon.Mean, d.Balloon.CI95[0], d.Balloon.CI95[1])

	if hi := d.Surged.Share.Difference.CI95[1]; !(hi < 0) {
		t.Errorf("Eagle Pass's share of the planned kg did not fall: change %+v", d.Surged.Share.Difference)
	}
	if hi := d.Surged.KgAttempted.Difference.CI95[1]; !(hi < 0) {
		t.Errorf("kg attempted at Eagle Pass did not fall: change %+v", d.Surged.KgAttempted.Difference)
	}
	if lo := d.OtherPorts.Difference.CI95[0]; !(lo > 0) {
		t.Errorf("kg attempted at the other ports did not rise: change %+v", d.OtherPorts.Difference)
	}
	neighbours := 0.0
	for _, o := range d.Others {
		neighbours += o.Share.Difference.Mean
	}
	if math.Abs(neighbours+d.Surged.Share.Difference.Mean) > 1e-9 {
		t.Errorf("shares: Eagle Pass %v, the others %v", d.Surged.Share.Difference.Mean, neighbours)
	}
	// Balloon: deliveries to the US fall by less than the kilograms driven
	// from Eagle Pass (the paired difference of the two changes > 0).
	if lo := d.Balloon.CI95[0]; !(lo > 0) {
		t.Errorf("no balloon effect: US delivery change − Eagle Pass change = %+v", d.Balloon)
	}
	if !(d.USDelivered.Difference.Mean > d.Surged.KgAttempted.Difference.Mean) {
		t.Errorf("US deliveries fell by %v, Eagle Pass lost %v", -d.USDelivered.Difference.Mean, -d.Surged.KgAttempted.Difference.Mean)
	}
}

// TestOrgOutputs checks routes.csv and the organisations section on a
// short run: shares sum to one per organisation and period, kg planned add
// up to the volume, and the books balance.
func TestOrgOutputs(t *testing.T) {
	sc, res := surgeRun(t, 2, 5*scenario.Week, 2)
	var b bytes.Buffer
	if err := RoutesCSV(&b, sc, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"period", "day", "organisation", "port", "class", "concealment", "kg_planned", "share"}
	if len(rows) == 0 || !equal(rows[0], want) {
		t.Fatalf("header %v", rows)
	}
	perPeriod := 0
	for _, o := range sc.Orgs {
		perPeriod += len(o.Routes) + len(o.Outside)
	}
	// Warm-up 14 days, 35 more: five counted weekly periods.
	if got := len(rows) - 1; got != 5*perPeriod {
		t.Fatalf("%d rows, want %d", got, 5*perPeriod)
	}
	type key struct{ period, org string }
	share, kg := map[key]float64{}, map[key]float64{}
	for _, r := range rows[1:] {
		k := key{r[0], r[2]}
		s, _ := strconv.ParseFloat(r[7], 64)
		x, _ := strconv.ParseFloat(r[6], 64)
		share[k] += s
		kg[k] += x
		if r[4] == "" && r[5] != "" || r[4] != "" && r[5] == "" {
			t.Errorf("row %v", r)
		}
	}
	volume := map[string]float64{}
	for _, o := range sc.Orgs {
		volume[o.Name] = o.KgPerPeriod
	}
	for k, s := range share {
		if math.Abs(s-1) > 1e-4 || math.Abs(kg[k]-volume[k.org]) > 1e-3*volume[k.org] {
			t.Errorf("period %s, %s: shares sum to %v, kg to %v of %v", k.period, k.org, s, kg[k], volume[k.org])
		}
	}

	orgs := Organisations(sc, res)
	if len(orgs) != len(sc.Orgs) {
		t.Fatalf("%d organisations", len(orgs))
	}
	for _, o := range orgs {
		if d := o.KgAttempted.Mean - (o.KgSeized.Mean + o.KgDelivered.Mean + o.KgInside.Mean + o.KgOutsourced.Mean); math.Abs(d) > 1e-6*o.KgAttempted.Mean {
			t.Errorf("%s: attempted − (seized + delivered + inside + outsourced) = %v", o.Name, d)
		}
		if len(o.Routes) == 0 || o.PriorRisk <= 0 {
			t.Errorf("%s: %+v", o.Name, o)
		}
	}
	if _, err := json.Marshal(orgs); err != nil {
		t.Fatal(err)
	}
	if s := Surges(sc); len(s) != 1 || s[0] != (SurgeMark{Port: "Eagle Pass", StartDay: 90, EndDay: 180}) {
		t.Errorf("surges %+v", s)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
