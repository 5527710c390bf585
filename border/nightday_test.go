package border_test

import (
	"testing"

	"borderflow/border"
	"borderflow/scenario"
)

// Waits follow demand over the day: with the lanes staffed by shift
// (scenario.Staffing, cmd/genconfigs/staffing.go), every lane (port ×
// class) of southwest-border above a million vehicles crossing a year waits less
// on average between 01:00 and 05:00 than between 07:00 and 19:00, over
// a year in hourly bins. Staffed hour by hour at ρ ≈ 1 for each hour's
// own traffic, as before, most of these lanes waited longest at night
// (few booths queue longer than many at the same utilisation). The means
// are over the vehicles whose wait ended in those hours.
func TestNightsQuieterThanDays(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (a year of 28 ports in hourly bins)")
	}
	sc, err := scenario.Embedded("southwest-border")
	if err != nil {
		t.Fatal(err)
	}
	sc.BinWidth = 3600
	r, err := border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkNightsQuieter(t, sc, r)
}

func checkNightsQuieter(t *testing.T, sc *scenario.Scenario, r *border.Result) {
	t.Helper()
	if int(sc.Warmup)%86400 != 0 {
		t.Fatalf("warm-up %v s: bins must start at midnight", sc.Warmup)
	}
	lanes := 0
	for _, ps := range r.Ports {
		for _, ls := range ps.Lanes {
			// Its crossings, not its trips: a lane's own drivers' trips
			// are fewer than its crossings where the response sends it
			// other ports' drivers (data/trips_fit.csv).
			if ls.Arrivals <= 1e6 {
				continue
			}
			lanes++
			var nightSum, daySum float64
			var nightN, dayN int64
			for b, bin := range ls.Bins {
				switch h := b % 24; {
				case h >= 1 && h < 5:
					nightSum += bin.WaitSum
					nightN += int64(bin.WaitN)
				case h >= 7 && h < 19:
					daySum += bin.WaitSum
					dayN += int64(bin.WaitN)
				}
			}
			night, day := nightSum/float64(max(nightN, 1))/60, daySum/float64(max(dayN, 1))/60
			name := ps.Name + " " + sc.Classes[ls.Class].Name
			t.Logf("%-22s %10d a year: 01-05 %6.1f min, 07-19 %6.1f min", name, ls.Arrivals, night, day)
			if !(night < day) {
				t.Errorf("%s: waits %.1f min between 01:00 and 05:00, not below %.1f between 07:00 and 19:00", name, night, day)
			}
		}
	}
	if lanes < 10 {
		t.Errorf("%d lanes above a million vehicles a year, want the 17 of BTS 2024", lanes)
	}
}
