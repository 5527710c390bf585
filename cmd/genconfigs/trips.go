package main

// Trips net of diversion (data/trips_fit.csv): BTS counts the vehicles
// that crossed at a port, the drivers who came there from another port
// included. A scenario of the whole border with the drivers' response on
// (southwest-border, border-closure, slowdown-1985) moves drivers between
// ports itself, so drawing each port's trips from its count would count
// the diverted drivers twice: once in the count of the port they crossed
// at, once in the trips of the port they left. There each lane draws the
// trips of data/trips_fit.csv instead, fitted by `genconfigs -fit-trips
// data/trips_fit.csv` so that a year of southwest-border crosses BTS's
// count at every lane: the trips a port's own drivers start there. The
// lanes stay sized and staffed for BTS's count, the traffic they serve.
// Scenarios of one port or of a few (no diversion from the rest of the
// border) draw BTS's counts.
//
// The fit starts from the file's trips (BTS's counts without it) and
// adds to each lane, round after round, what its crossings missed BTS's
// count by (diverted-in drivers hardly depend on a port's own trips, so
// the step is nearly exact), on a year of southwest-border (seed 1,
// replication 0, the run TestYearAgainstRealCounts checks). A lane's
// trips are kept at least the share of its count tied to it
// (tripsFloor): crossings of which fewer than that would be its own
// drivers mean the response sends it more than its count can hold, a gap
// of the response the fit does not hide.

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"borderflow/border"
	"borderflow/data"
	"borderflow/scenario"
)

// tripsFloor is, by class, the least share of a lane's BTS count drawn as
// its own trips: the [response] never_divert share (response.go), the
// drivers tied to one port who never go elsewhere.
var tripsFloor = map[string]float64{"car": 0.3, "truck": 0.5}

const (
	tripRounds = 6 // at most, of a year each
	// tripTolerance: a lane's crossings count as BTS's within 2% or three
	// Poisson standard deviations of its count, whichever is wider.
	tripTolerance = 0.02
)

// tripsOverride replaces the file's trips while the fit runs.
var tripsOverride map[[2]string]float64

// readTripsFit reads data/trips_fit.csv: the annual trips of each lane
// in the scenarios of the whole border, by port and class.
func readTripsFit() (map[[2]string]float64, error) {
	if tripsOverride != nil {
		return tripsOverride, nil
	}
	t, err := data.Read("trips_fit.csv")
	if err != nil {
		return nil, err
	}
	c, err := t.Cols("port", "class", "bts", "trips", "crossings")
	if err != nil {
		return nil, err
	}
	out := map[[2]string]float64{}
	for i, r := range t.Rows {
		x, err := strconv.ParseFloat(r[c[3]], 64)
		if err != nil || !(x > 0) {
			return nil, fmt.Errorf("data/%s:%d: trips: want a positive number of trips a year, got %q", t.Name, i+2, r[c[3]])
		}
		if r[c[1]] != "car" && r[c[1]] != "truck" {
			return nil, fmt.Errorf("data/%s:%d: class: want car or truck, got %q", t.Name, i+2, r[c[1]])
		}
		out[[2]string{r[c[0]], r[c[1]]}] = x
	}
	return out, nil
}

// tripsWithin says whether crossings are BTS's count bts within the fit's
// tolerance.
func tripsWithin(crossings, bts float64) bool {
	return math.Abs(crossings-bts) <= math.Max(tripTolerance*bts, 3*math.Sqrt(bts))
}

// tripStep is one round of the fit for a lane of class: the trips of
// the next round, from this round's trips and crossings and BTS's count
// bts, and whether the lane is settled (within tolerance, or held at its
// floor and still crossing more than bts).
func tripStep(class string, trips, bts, crossings float64) (float64, bool) {
	floor := math.Round(tripsFloor[class] * bts)
	next := math.Max(floor, math.Round(trips+bts-crossings))
	return next, tripsWithin(crossings, bts) || (trips <= floor && crossings > bts)
}

// fitTrips runs the rounds and writes the last round's trips and the
// crossings they gave to path.
func fitTrips(path string) error {
	ports, err := readPorts()
	if err != nil {
		return err
	}
	bts := map[[2]string]float64{}
	var keys [][2]string
	for _, r := range ports {
		for class, n := range map[string]float64{"car": r.cars, "truck": r.trucks} {
			if n > 0 {
				k := [2]string{r.name, class}
				bts[k] = n
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	trips := map[[2]string]float64{}
	if old, err := readTripsFit(); err == nil {
		trips = old
	}
	for _, k := range keys {
		if _, ok := trips[k]; !ok {
			trips[k] = bts[k]
		}
	}
	defer func() { tripsOverride = nil }()
	var crossings map[[2]string]float64
	for round := 1; ; round++ {
		tripsOverride = trips
		if crossings, err = yearCrossings(); err != nil {
			return err
		}
		worst, off := "", 0.0
		done := true
		next := map[[2]string]float64{}
		for _, k := range keys {
			var settled bool
			next[k], settled = tripStep(k[1], trips[k], bts[k], crossings[k])
			if settled {
				continue
			}
			done = false
			if rel := math.Abs(crossings[k]/bts[k] - 1); rel > off {
				worst, off = k[0]+" "+k[1], rel
			}
		}
		fmt.Fprintf(os.Stderr, "round %d: worst lane outside tolerance %q, %.1f%% off BTS\n", round, worst, 100*off)
		if done || round == tripRounds {
			break
		}
		trips = next
	}
	var b strings.Builder
	b.WriteString("port,class,bts,trips,crossings\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s,%s,%.0f,%.0f,%.0f\n", k[0], k[1], bts[k], trips[k], crossings[k])
		if rel := crossings[k]/bts[k] - 1; !tripsWithin(crossings[k], bts[k]) {
			fmt.Fprintf(os.Stderr, "%s %s: %.0f trips cross %.0f, %+.1f%% from BTS's %.0f\n", k[0], k[1], trips[k], crossings[k], 100*rel, bts[k])
		}
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// yearCrossings runs a year of southwest-border as the generator writes
// it and returns each lane's crossings (arrivals, diverted drivers
// included).
func yearCrossings() (map[[2]string]float64, error) {
	sc, r, err := generatedYear()
	if err != nil {
		return nil, err
	}
	out := map[[2]string]float64{}
	for _, ps := range r.Ports {
		for _, ls := range ps.Lanes {
			out[[2]string{ps.Name, sc.Classes[ls.Class].Name}] = float64(ls.Arrivals)
		}
	}
	return out, nil
}

// generatedYear runs replication 0 of southwest-border as the generator
// writes it now: the year the trips and the year-long staff fits are
// measured on.
func generatedYear() (*scenario.Scenario, *border.Result, error) {
	files, err := generate()
	if err != nil {
		return nil, nil, err
	}
	sc, err := scenario.Parse("southwest-border.toml", []byte(files["southwest-border"]))
	if err != nil {
		return nil, nil, err
	}
	r, err := border.Run(sc, 0, border.Options{Workers: 2})
	if err != nil {
		return nil, nil, err
	}
	return sc, r, nil
}
