package report

import (
	"reflect"
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// noSurges returns the results of sc without its surges on the same seeds.
func noSurges(t *testing.T, sc *scenario.Scenario, reps int) []*border.Result {
	t.Helper()
	cf := *sc
	cf.Surges = nil
	res, err := border.RunReplications(&cf, reps, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCounterfactualDisplacement is the balloon effect of surge-eagle-pass
// measured against the same seeds without the surge: until the surge the
// two runs are the same run (common random numbers), during it Eagle Pass
// sees less and the other ports more, the organisations outsource more
// (paired interval above 0), and after it the outsourcing falls back.
func TestCounterfactualDisplacement(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs of twelve replications of 270 days")
	}
	const reps = 12
	sc, res := surgeRun(t, 1, 270*scenario.Day, reps)
	cf := noSurges(t, sc, reps)
	for j := range res {
		g, c := res[j].Organisations(), cf[j].Organisations()
		for i := range g.Orgs {
			for k, b := range g.Orgs[i].Periods {
				if b.Start+b.Length > sc.Warmup+sc.Surges[0].Start {
					break
				}
				if !reflect.DeepEqual(b, c.Orgs[i].Periods[k]) {
					t.Fatalf("replication %d, %s, period %d: the runs differ before the surge", j, g.Orgs[i].Cfg.Name, k)
				}
			}
		}
	}
	ds := CounterfactualDisplacements(sc, res, cf)
	if len(ds) != 1 {
		t.Fatalf("%d displacement sections", len(ds))
	}
	d := ds[0]
	show := func(name string, x Paired[Policy]) {
		t.Logf("%-26s policy %9.1f  counterfactual %9.1f  difference %9.1f [%9.1f, %9.1f]", name,
			x.Treated.Mean, x.Base.Mean, x.Difference.Mean, x.Difference.CI95[0], x.Difference.CI95[1])
	}
	show("Eagle Pass kg planned", d.Surged.KgPlanned)
	show("Eagle Pass kg attempted", d.Surged.KgAttempted)
	show("other ports kg planned", d.OtherPortsPlanned)
	show("US kg delivered", d.USDelivered)
	share := func(name string, x Paired[Policy]) {
		t.Logf("%-26s policy %.4f  counterfactual %.4f  difference %+.4f [%+.4f, %+.4f]", name,
			x.Treated.Mean, x.Base.Mean, x.Difference.Mean, x.Difference.CI95[0], x.Difference.CI95[1])
	}
	share("outsourced share", d.OutsourcedShare)
	share("outsourced share after", d.OutsourcedAfter)
	show("own loss kg", d.OwnLoss)
	t.Logf("balloon share %.2f [%.2f, %.2f], ports alone %.2f", d.BalloonShare.Mean, d.BalloonShare.CI95[0], d.BalloonShare.CI95[1], d.BalloonSharePorts.Mean)
	if d.Method != "counterfactual" || d.Periods != 13 || d.DuringDays != [2]float64{91, 182} || d.AfterDays[0] != 182 {
		t.Errorf("compared %+v", d)
	}
	if hi := d.Surged.KgPlanned.Difference.CI95[1]; !(hi < 0) {
		t.Errorf("less was not planned through Eagle Pass: %+v", d.Surged.KgPlanned.Difference)
	}
	if lo := d.OtherPortsPlanned.Difference.CI95[0]; !(lo > 0) {
		t.Errorf("more was not planned through the other ports: %+v", d.OtherPortsPlanned.Difference)
	}
	if lo := d.OutsourcedShare.Difference.CI95[0]; !(lo > 0) {
		t.Errorf("outsourcing did not rise during the surge: %+v", d.OutsourcedShare.Difference)
	}
	if after, during := d.OutsourcedAfter.Difference.Mean, d.OutsourcedShare.Difference.Mean; !(after < during/2) {
		t.Errorf("outsourcing did not fall back after the surge: %v after, %v during", after, during)
	}
	if !(d.BalloonShare.Mean > 0.3 && d.BalloonShare.Mean < 1.5) {
		t.Errorf("balloon share %+v", d.BalloonShare)
	}
	// Per drug, the differences add up to the totals.
	tot := 0.0
	for _, x := range d.Drugs {
		tot += x.KgOutsourced.Difference.Mean
	}
	if diff := tot - d.Outsourced.Difference.Mean; diff*diff > 1e-12*(1+tot*tot) {
		t.Errorf("per drug outsourced %v, total %v", tot, d.Outsourced.Difference.Mean)
	}
}

// TestNoPressureOutsourcingFlat: without surges, a year of surge-eagle-pass
// keeps the outsourced share flat: every quarter's share is within the
// year's interval of the calibrated baseline, and the last quarter against
// the first (paired) contains 0.
func TestNoPressureOutsourcingFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("a year of eight replications")
	}
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
	sc.Surges = nil
	sc.Horizon = 364 * scenario.Day
	res, err := border.RunReplications(sc, 8, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	baseline, volume := 0.0, 0.0
	for _, o := range sc.Orgs {
		for _, op := range o.Outside {
			baseline += op.BaselineShare * o.KgPerPeriod
		}
		volume += o.KgPerPeriod
	}
	baseline /= volume
	quarters := make([][]float64, 4)
	for _, r := range res {
		g := r.Organisations()
		first := 0
		for first < len(g.Orgs[0].Periods) && !g.Orgs[0].Periods[first].Counted {
			first++
		}
		for q := 0; q < 4; q++ {
			s := sumCF(sc, g, first+13*q, first+13*(q+1))
			quarters[q] = append(quarters[q], ratio(s.outsourced, s.volume))
		}
	}
	for q := range quarters {
		iv := interval(quarters[q])
		t.Logf("quarter %d: outsourced share %.4f [%.4f, %.4f] (calibrated baseline %.4f)", q+1, iv.Mean, iv.CI95[0], iv.CI95[1], baseline)
		if d := iv.Mean/baseline - 1; d > 0.15 || d < -0.15 {
			t.Errorf("quarter %d: outsourced share %v, calibrated %v", q+1, iv.Mean, baseline)
		}
	}
	d := paired[Policy](quarters[3], quarters[0])
	t.Logf("last − first quarter: %.4f [%.4f, %.4f]", d.Difference.Mean, d.Difference.CI95[0], d.Difference.CI95[1])
	if !(d.Difference.CI95[0] < 0 && d.Difference.CI95[1] > 0) {
		t.Errorf("the outsourced share drifts without pressure: last − first quarter %+v", d.Difference)
	}
}

// TestCrackdownOutsourcing: in crackdown (every port refers 60% of trucks
// and 20% of cars from day 56 to 150) the organisations outsource more
// than on the same seeds without it — the paired interval above 0 — and
// come back after it.
func TestCrackdownOutsourcing(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs of eight replications of 240 days")
	}
	sc, err := scenario.Embedded("crackdown")
	if err != nil {
		t.Fatal(err)
	}
	for p := range sc.Ports {
		for l := range sc.Ports[p].Lanes {
			sc.Ports[p].Lanes[l].Rate /= 20
			sc.Ports[p].Lanes[l].AnnualVolume /= 20
		}
	}
	res, err := border.RunReplications(sc, 8, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds := CounterfactualDisplacements(sc, res, noSurges(t, sc, 8))
	if len(ds) == 0 {
		t.Fatal("no displacement")
	}
	d := ds[0]
	t.Logf("outsourced share: %+.4f [%+.4f, %+.4f] during, %+.4f [%+.4f, %+.4f] after", d.OutsourcedShare.Difference.Mean,
		d.OutsourcedShare.Difference.CI95[0], d.OutsourcedShare.Difference.CI95[1], d.OutsourcedAfter.Difference.Mean,
		d.OutsourcedAfter.Difference.CI95[0], d.OutsourcedAfter.Difference.CI95[1])
	if lo := d.OutsourcedShare.Difference.CI95[0]; !(lo > 0.05) {
		t.Errorf("outsourcing did not rise during the crackdown: %+v", d.OutsourcedShare.Difference)
	}
	if after := d.OutsourcedAfter.Difference.Mean; !(after < d.OutsourcedShare.Difference.Mean/4) {
		t.Errorf("outsourcing did not fall back after the crackdown: %v after", after)
	}
	if hi := d.PortsPlanned.Difference.CI95[1]; !(hi < 0) {
		t.Errorf("the ports did not lose volume: %+v", d.PortsPlanned.Difference)
	}
}
