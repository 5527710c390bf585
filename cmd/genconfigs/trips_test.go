package main

import (
	"strconv"
	"testing"

	"borderflow/data"
)

// One round of the trips fit: a lane short of its count gains what it
// missed, one over loses it, down to the share of its count tied to it;
// a lane held there and still over is settled (a gap reported, not
// fitted away), as is one within tolerance.
func TestTripStep(t *testing.T) {
	for _, c := range []struct {
		name                  string
		class                 string
		trips, bts, crossings float64
		wantTrips             float64
		wantSettled           bool
	}{
		{"short of its count", "car", 1000000, 1000000, 900000, 1100000, false},
		{"diverted drivers on top", "car", 1000000, 1000000, 1400000, 600000, false},
		{"within 2%", "car", 1000000, 1000000, 1015000, 985000, true},
		{"cut to the floor", "car", 400000, 1000000, 1500000, 300000, false},
		{"held at the floor, still over", "car", 300000, 1000000, 1500000, 300000, true},
		{"truck floor is half", "truck", 60000, 100000, 150000, 50000, false},
		{"small lane within Poisson noise", "truck", 800, 800, 870, 730, true},
	} {
		got, settled := tripStep(c.class, c.trips, c.bts, c.crossings)
		if got != c.wantTrips || settled != c.wantSettled {
			t.Errorf("%s: %v trips, settled %v; want %v, %v", c.name, got, settled, c.wantTrips, c.wantSettled)
		}
	}
}

// The shipped fit: every lane of southwest-border has a row, its trips
// at least its floor, and each row's crossings (the fit's last year) are
// its BTS count within the fit's tolerance unless the lane is held at its
// floor; TestYearAgainstRealCounts (border) checks them on the year itself.
func TestTripsFitShipped(t *testing.T) {
	trips, err := readTripsFit()
	if err != nil {
		t.Fatal(err)
	}
	ports, err := readPorts()
	if err != nil {
		t.Fatal(err)
	}
	tb, err := data.Read("trips_fit.csv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := tb.Cols("port", "class", "crossings")
	if err != nil {
		t.Fatal(err)
	}
	crossings := map[[2]string]float64{}
	for _, r := range tb.Rows {
		x, err := strconv.ParseFloat(r[c[2]], 64)
		if err != nil {
			t.Fatalf("data/trips_fit.csv: %v", err)
		}
		crossings[[2]string{r[c[0]], r[c[1]]}] = x
	}
	for _, r := range ports {
		for class, bts := range map[string]float64{"car": r.cars, "truck": r.trucks} {
			if k := [2]string{r.name, class}; bts > 0 {
				if _, settled := tripStep(class, trips[k], bts, crossings[k]); !settled {
					t.Errorf("%s %s: %.0f trips crossed %.0f against BTS's %.0f: not settled; rerun -fit-trips", r.name, class, trips[k], crossings[k], bts)
				}
			}
			n, ok := trips[[2]string{r.name, class}]
			switch {
			case bts == 0 && ok:
				t.Errorf("%s %s: trips for a lane BTS counts nothing at", r.name, class)
			case bts > 0 && !ok:
				t.Errorf("%s %s: no row in data/trips_fit.csv", r.name, class)
			case ok && n < tripsFloor[class]*bts-0.5:
				t.Errorf("%s %s: %.0f trips, below the floor %.0f", r.name, class, n, tripsFloor[class]*bts)
			}
		}
	}
}
