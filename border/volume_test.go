package border_test

import (
	"testing"

	"borderflow/border"
	"borderflow/scenario"
	"borderflow/sim"
)

// Volume defeats inspection: with booths, lots and secondary servers
// fixed, more traffic means a smaller share of vehicles inspected, a lower
// interdiction rate and longer waits — monotone over four volume levels,
// each the mean of eight replications. The same loads ride in more traffic
// (loads per year are fixed; the lane rates are scaled); there are more of
// them than shipped (2% of today's vehicles) and of fixed weight, so that
// the interdiction rate is measured to a few percent rather than drowned in
// the noise of a few dozen loads of very different weights. Above
// today's volume the fixed primary booths bind first: the queue grows for
// the whole week, fewer of the loads that arrive get through primary at all,
// and the waits run to days — the 1969 picture of Operation Intercept
// reached by volume instead of by policy.
func TestVolumeDefeatsInspection(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (four weeks of Eagle Pass): make test runs it in its step without -short")
	}
	factors := []float64{1, 1.5, 2, 3}
	var share, interdiction, wait []float64
	for _, f := range factors {
		sc, err := scenario.Embedded("eagle-pass")
		if err != nil {
			t.Fatal(err)
		}
		sc.Horizon = 7 * scenario.Day
		// Loads: 2% of the vehicles at today's volume, each of its flow's
		// mean weight, so that the interdiction rate measures detection
		// and not the luck of a few heavy loads.
		var loads, vehicles float64
		for _, l := range sc.Loads {
			loads += l.LoadsPerYear
		}
		for _, ln := range sc.Ports[0].Lanes {
			vehicles += ln.AnnualVolume
		}
		for i := range sc.Loads {
			sc.Loads[i].LoadsPerYear *= 0.02 * vehicles / loads
			sc.Loads[i].Kg = sim.Constant{Value: sc.Loads[i].Kg.Mean()}
		}
		for p := range sc.Ports {
			for l := range sc.Ports[p].Lanes {
				sc.Ports[p].Lanes[l].Rate *= f
			}
		}
		results, err := border.RunReplications(sc, 8, 2, border.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var arr, sec, kgA, kgS, wsum, wn float64
		for _, r := range results {
			for _, ls := range r.Ports[0].Lanes {
				arr += float64(ls.Arrivals)
				sec += float64(ls.Secondary)
				tot := ls.Totals()
				kgA += tot.KgAttempted
				kgS += tot.KgSeized
				wsum += ls.Wait.Sum()
				wn += float64(ls.Wait.N())
			}
		}
		share = append(share, sec/arr)
		interdiction = append(interdiction, kgS/kgA)
		wait = append(wait, wsum/wn/60)
		t.Logf("volume ×%.1f: %.2f%% inspected, interdiction %.1f%%, mean wait %.1f min", f, 100*sec/arr, 100*kgS/kgA, wsum/wn/60)
	}
	for i := 1; i < len(factors); i++ {
		if share[i] >= share[i-1] {
			t.Errorf("share inspected rose from ×%v to ×%v: %v", factors[i-1], factors[i], share)
		}
		if interdiction[i] >= interdiction[i-1] {
			t.Errorf("interdiction rose from ×%v to ×%v: %v", factors[i-1], factors[i], interdiction)
		}
		if wait[i] <= wait[i-1] {
			t.Errorf("wait fell from ×%v to ×%v: %v", factors[i-1], factors[i], wait)
		}
	}
}
