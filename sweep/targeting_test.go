package sweep

import (
	"bytes"
	"math"
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// The targeting sweep traces interdiction against intelligence quality at
// a fixed workload: clean trucks are flagged at 17% whatever the AUC (the
// share inspected is between 0.17 and (1 − π) 0.17 + π hit, ± 0.01), AUC 0.5 seizes what random selection at 17%
// seizes (same loads, same draws: the paired difference's interval holds
// 0), and each step up in AUC does not lose (tolerance 0.02), while 0.9
// beats 0.5 with the whole paired interval above 0. targeting.csv has
// one row per AUC, ascending.
func TestTargetingSweepTracesQuality(t *testing.T) {
	sc := trucksOnly(t, shipped(t, "eagle-pass", 7, 10), 200)
	pols := append([]Policy{{Name: "random-17", builtin: true, Referral: map[string]float64{"car": TodayCar, "truck": TodayTruck},
		TargetHit: map[string]float64{AllClasses: 0}, TargetFalse: map[string]float64{AllClasses: 0}}}, targetingSweep()...)
	res := run(t, "targeting", sc, pols)
	k, share := res.metric(mInterdiction), res.metric("share_inspected_truck")
	// The bench's trucks carry many loads (trucksOnly × 200): the share
	// referred is (1 − π) f + π hit(f), π the share of trucks loaded.
	// Each drug's carriers are flagged at its own hit rate
	// (scenario.DrugTargetHit: the drug's target_hit_factor scales what
	// targeting adds to the false-flag rate).
	type load struct{ pi, factor float64 }
	var loads []load
	pi := 0.0
	for _, f := range sc.Loads {
		x := f.LoadsPerYear / sc.Ports[f.Port].Lanes[f.Lane].AnnualVolume
		pi += x
		loads = append(loads, load{x, sc.Drugs[f.Drug].TargetHitFactor})
	}
	prev := -1.0
	for p := 1; p < len(pols); p++ {
		m, lo, hi := res.Mean(p, k)
		s, _, _ := res.Mean(p, share)
		t.Logf("%s: interdiction %.4f [%.4f, %.4f], trucks inspected %.4f", pols[p].Name, m, lo, hi, s)
		hit := binormalHit(TargetingAUCs[p-1], TodayTruck)
		want := (1 - pi) * TodayTruck
		for _, l := range loads {
			want += l.pi * scenario.DrugTargetHit(scenario.Referral{TargetHit: hit, TargetFalse: TodayTruck}, l.factor)
		}
		// (at high AUC the alarms fill the unloading docks and the lot
		// turns some referrals away, so fewer enter secondary)
		if s > want+0.01 || s < TodayTruck-0.01 {
			t.Errorf("%s inspects %.4f of trucks, want between %.2f and %.4f", pols[p].Name, s, TodayTruck, want)
		}
		if m < prev-0.02 {
			t.Errorf("%s: interdiction %.4f below the previous level's %.4f", pols[p].Name, m, prev)
		}
		prev = m
	}
	if _, lo, hi := res.Paired(1, k); lo > 0 || hi < 0 {
		t.Errorf("AUC 0.5 against random selection at the same rate: paired interval [%.4f, %.4f] excludes 0", lo, hi)
	}
	// Policy index of AUC 0.9 against AUC 0.5, replication by replication.
	i9 := 1
	for i, a := range TargetingAUCs {
		if a == 0.9 {
			i9 = i + 1
		}
	}
	if d := pairedDiff(res, i9, 1, k); d[1] <= 0 {
		t.Errorf("AUC 0.9 against 0.5: paired Δ interdiction %v, want the interval above 0", d)
	}
	files, err := res.Files()
	if err != nil {
		t.Fatal(err)
	}
	csv := files["targeting.csv"]
	if csv == nil {
		t.Fatal("no targeting.csv")
	}
	if !bytes.HasPrefix(csv, []byte("auc,interdiction_rate,interdiction_rate_lo,interdiction_rate_hi,loads_seized,")) ||
		bytes.Count(csv, []byte("\n")) != 1+len(TargetingAUCs) {
		t.Errorf("targeting.csv:\n%s", csv)
	}
}

// pairedDiff returns metric k of policy a minus policy b, replication by
// replication: mean, low, high.
func pairedDiff(r *Results, a, b, k int) [3]float64 {
	var out [3]float64
	out[0], out[1], out[2] = sim.PairedCI95(r.Column(a, k), r.Column(b, k))
	return out
}

// A targeting policy turns an AUC into the lane's hit and false-flag
// rates on the binormal curve, with random selection off.
func TestTargetAUCSetsTheLane(t *testing.T) {
	sc := shipped(t, "eagle-pass", 1, 1)
	p := Policy{Name: "x", TargetAUC: map[string]float64{"truck": 0.8}, TargetRate: map[string]float64{"truck": 0.1}}
	c, err := p.Apply(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, ln := range c.Ports[0].Lanes {
		if c.Classes[ln.Class].Name != "truck" {
			continue
		}
		r := ln.Referral
		if r.Rate != 0 || r.TargetFalse != 0.1 || r.TargetHit != binormalHit(0.8, 0.1) || math.Abs(binormalAUC(0.1, r.TargetHit)-0.8) > 1e-9 {
			t.Errorf("truck referral %+v", r)
		}
	}
	bad := Policy{Name: "y", TargetRate: map[string]float64{"truck": 0.1}}
	if _, err := bad.Apply(sc); err == nil {
		t.Error("target_rate without target_auc accepted")
	}
}
