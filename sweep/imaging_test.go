package sweep

import (
	"testing"
)

// The imaging sweep ranks legacy secondary imaging against pre-primary
// portals with paired intervals, and each policy's shortfall has its
// cause: legacy scanners at the goal share fill the lot, portals at the
// goal share with today's reviewers leave images unread.
func TestImagingSweepRanksLegacyAgainstPortals(t *testing.T) {
	if testing.Short() {
		t.Skip("five policies × 3 replications of a week at Eagle Pass")
	}
	sc := shipped(t, "preprimary-eagle-pass", 7, 3)
	pols, err := Builtin("imaging")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := NewPlan("imaging", sc, pols)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := pl.Run(RunOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Collect(pl.Manifest, recs)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, p := range pols {
		idx[p.Name] = i
	}
	mean := func(pol, metric string) float64 {
		x, _, _ := res.Mean(idx[pol], res.metric(metric))
		return x
	}
	if s := mean("legacy-secondary", mScanned); s != 0 {
		t.Errorf("legacy-secondary scans %g at pre-primary", s)
	}
	if s := mean("portals-today", mScanned); s < 0.07 || s > 0.12 {
		t.Errorf("portals-today scans %.3f of vehicles (8%% of cars, 27%% of trucks: about 0.09)", s)
	}
	if s := mean("portals-today", "share_inspected_truck"); s > 0.05 {
		t.Errorf("portals-today sends %.3f of trucks to secondary: only alarms and targeting should", s)
	}
	if mean("legacy-goal", mMissed) <= 10*mean("legacy-secondary", mMissed)+10 {
		t.Errorf("legacy scanners at 70%% of trucks should fill the lot: missed %g vs %g", mean("legacy-goal", mMissed), mean("legacy-secondary", mMissed))
	}
	if mean("portals-goal-reviewers-today", mUnread) <= 3*mean("portals-goal", mUnread) {
		t.Errorf("today's reviewers at the goal share should leave more images unread: %g vs %g",
			mean("portals-goal-reviewers-today", mUnread), mean("portals-goal", mUnread))
	}
	for p := 1; p < len(pols); p++ {
		d, lo, hi := res.Paired(p, res.metric(mLoadsSeized))
		if !(lo <= d && d <= hi) {
			t.Errorf("%s: paired Δ loads %g outside its interval [%g, %g]", pols[p].Name, d, lo, hi)
		}
	}
}
