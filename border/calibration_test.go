package border_test

import (
	"math"
	"strconv"
	"testing"

	"borderflow/border"
	"borderflow/data"
	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// refCSV reads a file of the reference data in data/ (package
// borderflow/data) and the index of each column.
func refCSV(t *testing.T, name string) ([][]string, map[string]int) {
	t.Helper()
	tb, err := data.Read(name)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range tb.Header {
		col[h] = i
	}
	return append([][]string{tb.Header}, tb.Rows...), col
}

// bts2024 reads the BTS 2024 per-port counts (trucks, personal vehicles).
func bts2024(t *testing.T) map[string][2]float64 {
	t.Helper()
	rows, col := refCSV(t, "southwest_ports_summary.csv")
	out := map[string][2]float64{}
	for _, r := range rows[1:] {
		tr, _ := strconv.ParseFloat(r[col["trucks"]], 64)
		pv, _ := strconv.ParseFloat(r[col["personal_vehicles"]], 64)
		out[r[col["port_name"]]] = [2]float64{tr, pv}
	}
	return out
}

// Calibration of the arrival process: a simulated year of the trips drawn
// at Eagle Pass, Roma, Laredo and the whole border is within 1% of the
// BTS 2024 counts. Arrivals are drawn by the model's own generator and
// streams for 365 days; the tolerance is 1% because a Poisson count of n
// has a standard deviation of √n (0.47% for Roma's 45,862 trucks, the
// smallest lane tested) and BTS's 2024 had 366 days against our 365
// (0.27%). This checks the trips, not the crossings: in the scenarios of
// one port the two are BTS's count alike (there is nowhere to divert to),
// but southwest-border draws each lane's trips net of the drivers its
// response moves between ports (data/trips_fit.csv, cmd/genconfigs
// trips.go), so there each lane is checked against the fit's trips and
// only the border's totals and months against BTS (diversion moves trips
// between ports; the trips given up are a fraction of a percent). That
// the crossings match BTS lane by lane is TestYearAgainstRealCounts's.
func TestCalibrationAgainstBTS(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (a year of arrivals at 28 ports): make test runs it in its step without -short")
	}
	bts := bts2024(t)
	netTrips := map[[2]string]float64{} // data/trips_fit.csv: southwest-border's trips
	rows, col := refCSV(t, "trips_fit.csv")
	for _, r := range rows[1:] {
		n, err := strconv.ParseFloat(r[col["trips"]], 64)
		if err != nil {
			t.Fatalf("data/trips_fit.csv: %v", err)
		}
		netTrips[[2]string{r[col["port"]], r[col["class"]]}] = n
	}
	for _, name := range []string{"eagle-pass", "roma", "laredo", "southwest-border"} {
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		var simTotal, btsTotal [2]float64
		var simMonth [2][12]float64
		for _, p := range sc.Ports {
			want, ok := bts[p.Name]
			if !ok {
				t.Errorf("%s: port %s not in the BTS data", name, p.Name)
				continue
			}
			for _, l := range p.Lanes {
				cls := sc.Classes[l.Class].Name
				k := 1
				if cls == "truck" {
					k = 0
				}
				stream := sim.NewStream(sc.Seed, 0, "port/"+p.Name+"/"+cls+"/arrivals")
				a := traffic.NewArrivals(l.Rate, l.HourProfile, l.DayProfile, l.MonthProfile, traffic.DefaultCalendar, stream)
				n := 0.0
				for at := a.Next(0); at < 365*scenario.Day; at = a.Next(at) {
					n++
					simMonth[k][traffic.MonthOf(at)]++
				}
				simTotal[k] += n
				btsTotal[k] += want[k]
				if name != "southwest-border" {
					if rel := math.Abs(n-want[k]) / want[k]; rel > 0.01 {
						t.Errorf("%s %s %s: simulated %.0f a year, BTS 2024 %.0f (%.2f%% off)", name, p.Name, cls, n, want[k], 100*rel)
					}
				} else if trips, ok := netTrips[[2]string{p.Name, cls}]; !ok {
					t.Errorf("%s %s %s: no row in data/trips_fit.csv", name, p.Name, cls)
				} else if math.Abs(n-trips) > math.Max(0.01*trips, 3*math.Sqrt(trips)) {
					t.Errorf("%s %s %s: simulated %.0f trips a year, data/trips_fit.csv %.0f", name, p.Name, cls, n, trips)
				}
			}
		}
		for k, cls := range []string{"trucks", "personal vehicles"} {
			rel := math.Abs(simTotal[k]-btsTotal[k]) / btsTotal[k]
			t.Logf("%s %s: simulated %.0f, BTS 2024 %.0f (%.3f%% off)", name, cls, simTotal[k], btsTotal[k], 100*rel)
			if rel > 0.01 {
				t.Errorf("%s %s: %.2f%% off BTS", name, cls, 100*rel)
			}
		}
		if name == "southwest-border" || name == "laredo" {
			checkMonths(t, name, sc, simMonth)
		}
		if name == "southwest-border" && (btsTotal[0] != 7617207 || btsTotal[1] != 76884566) {
			t.Errorf("southwest-border covers %.0f trucks and %.0f personal vehicles, want all 7,617,207 and 76,884,566", btsTotal[0], btsTotal[1])
		}
	}
}

// checkMonths compares simulated monthly arrivals with BTS's 2024 months
// for the scenario's ports, class by class, within 2%. A month's count
// depends on its weekdays as well as its season, and the model's 365-day
// year loses 29 February, so both sides are compared per day weighted by
// the class's day-of-week profile — ours on the model's calendar, BTS's on
// 2024's. A month of Laredo trucks (about 250,000) has a Poisson noise of
// 0.2%.
func checkMonths(t *testing.T, name string, sc *scenario.Scenario, sim [2][12]float64) {
	t.Helper()
	rows, col := refCSV(t, "southwest_ports_monthly_2019_2025.csv")
	in := map[string]bool{}
	for _, p := range sc.Ports {
		in[p.Name] = true
	}
	var bts [2][12]float64
	for _, r := range rows[1:] {
		if r[col["year"]] != "2024" || !in[r[col["port_name"]]] {
			continue
		}
		m, _ := strconv.Atoi(r[col["month"]])
		for k, c := range []string{"trucks", "personal_vehicles"} {
			n, _ := strconv.ParseFloat(r[col[c]], 64) // empty: no such traffic
			bts[k][m-1] += n
		}
	}
	var profile [2][7]float64 // the day-of-week profile of each class
	for _, p := range sc.Ports {
		for _, l := range p.Lanes {
			k := 1
			if sc.Classes[l.Class].Name == "truck" {
				k = 0
			}
			profile[k] = l.DayProfile
		}
	}
	weighted := func(days [7]float64, months []int) (w [12]float64) {
		d := 0 // both calendars start on a Monday
		for m, n := range months {
			for i := 0; i < n; i++ {
				w[m] += days[d%7]
				d++
			}
		}
		return w
	}
	for k, cls := range []string{"trucks", "personal vehicles"} {
		ours := weighted(profile[k], []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31})
		theirs := weighted(profile[k], []int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31})
		for m := range 12 {
			got, want := sim[k][m]/ours[m], bts[k][m]/theirs[m]
			if rel := math.Abs(got-want) / want; rel > 0.02 {
				t.Errorf("%s %s, month %d: %.0f a weighted day simulated, BTS 2024 %.0f (%.1f%% off)", name, cls, m+1, got, want, 100*rel)
			}
		}
	}
}

// The full model counts the same arrivals: a year of Roma through
// border.Run is within 1% of BTS too.
func TestCalibrationRomaFullModel(t *testing.T) {
	if testing.Short() {
		t.Skip("heavy (a year of Roma): make test runs it in its step without -short")
	}
	bts := bts2024(t)["Roma"]
	sc, err := scenario.Embedded("roma")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 365 * scenario.Day
	r, err := border.Run(sc, 0, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range r.Ports[0].Lanes {
		k := 1
		if sc.Classes[ls.Class].Name == "truck" {
			k = 0
		}
		if rel := math.Abs(float64(ls.Arrivals)-bts[k]) / bts[k]; rel > 0.01 {
			t.Errorf("Roma %s: %d arrivals, BTS %.0f", sc.Classes[ls.Class].Name, ls.Arrivals, bts[k])
		}
		if ls.Arrivals != ls.Departures+ls.InsideAtEnd() {
			t.Errorf("conservation broken")
		}
	}
}
