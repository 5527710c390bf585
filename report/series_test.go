package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"borderflow/border"
	"borderflow/ports"
	"borderflow/scenario"
)

// series.csv from hand-made bins: each row's bin start and width in hours
// (the last cut at the horizon), counts and levels averaged over
// replications, the wait mean pooled over them, the quantiles weighted by
// each replication's waits, and empty wait cells where no wait ended.
func TestSeriesCSVRows(t *testing.T) {
	sc := &scenario.Scenario{
		Classes: []scenario.Class{{Name: "car"}},
		Ports:   []scenario.Port{{Name: "A", Lanes: []scenario.Lane{{Class: 0}}}},
	}
	win := ports.Window{Start: 5400, End: 5400 + 2.5*1200, BinWidth: 1200} // 20 min bins, 50 min
	mk := func(bins ...ports.Bin) *border.Result {
		return &border.Result{Window: win, Ports: []border.PortResult{{Name: "A", Lanes: []ports.LaneStats{{Bins: bins}}}}}
	}
	r1 := mk(ports.Bin{Arrivals: 4, Departures: 2, WaitN: 1, WaitSum: 600, WaitP50: 600, WaitP95: 600, QueueInt: 2400},
		ports.Bin{Arrivals: 2, QueueInt: 12000},
		ports.Bin{Arrivals: 1, WaitN: 2, WaitSum: 240, WaitP50: 60, WaitP95: 180, LotInt: 600})
	r2 := mk(ports.Bin{Arrivals: 2, Departures: 4, WaitN: 3, WaitSum: 360, WaitP50: 120, WaitP95: 240, QueueInt: 1200},
		ports.Bin{},
		ports.Bin{Arrivals: 3, WaitN: 0, LotInt: 0})
	var b bytes.Buffer
	if err := SeriesCSV(&b, sc, []*border.Result{r1, r2}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(SeriesColumns, ",") || len(recs) != 4 {
		t.Fatalf("header %v, %d rows", recs[0], len(recs)-1)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	// The date column: the scenario's start (the default, 1 January 2024,
	// for a scenario built in code) plus the warm-up (1.5 h) plus the bin.
	for i, want := range []string{"2024-01-01T01:30", "2024-01-01T01:50", "2024-01-01T02:10"} {
		if got := recs[i+1][col["date"]]; got != want {
			t.Errorf("row %d: date %s, want %s", i+1, got, want)
		}
	}
	want := []map[string]string{
		{"bin_start_hours": "0", "bin_hours": "0.3333333333333333", "arrivals": "3", "departures": "3",
			"wait_count": "2", "wait_mean_min": "4", // (600+360) s / 4 waits
			"wait_p50_min": num((1*600 + 3*120) / 4.0 / 60), "wait_p95_min": num((1*600 + 3*240) / 4.0 / 60),
			"queue_length": num((2400 + 1200) / 1200.0 / 2)},
		{"bin_start_hours": "0.3333333333333333", "bin_hours": "0.3333333333333333", "arrivals": "1",
			"wait_count": "0", "wait_mean_min": "", "wait_p50_min": "", "wait_p95_min": "", "queue_length": "5"},
		{"bin_start_hours": "0.6666666666666666", "bin_hours": "0.16666666666666666", "arrivals": "2",
			"wait_count": "1", "wait_mean_min": "2", "wait_p50_min": "1", "wait_p95_min": "3",
			"lot_occupancy": num(600 / 600.0 / 2)},
	}
	for i, w := range want {
		for c, v := range w {
			if got := recs[i+1][col[c]]; got != v {
				t.Errorf("row %d %s = %q, want %q", i+1, c, got, v)
			}
		}
	}
}

// A real run's series.csv: the bins tile the window (starts step by the
// bin, widths sum to the horizon), and every row's quantiles describe its
// own waits — the mean is at least 5% of the 95th percentile, which
// quantiles of 73-hour windows repeated on every row broke in a quarter
// of Eagle Pass's rows.
func TestSeriesCSVRun(t *testing.T) {
	sc, err := scenario.Embedded("eagle-pass")
	if err != nil {
		t.Fatal(err)
	}
	sc.Horizon = 2 * scenario.Day
	sc.Warmup = scenario.Day + 1.5*scenario.Hour
	sc.BinWidth = scenario.Hour / 3
	res, err := border.RunReplications(sc, 2, 2, border.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := SeriesCSV(&b, sc, res); err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(&b).ReadAll()
	if len(recs) != 1+2*144 { // two classes × 48 h of 20-minute bins
		t.Fatalf("%d rows, want %d", len(recs)-1, 2*144)
	}
	f := func(r []string, i int) float64 {
		x, err := strconv.ParseFloat(r[i], 64)
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		return x
	}
	var hours float64
	rows := 0
	for i, r := range recs[1:] {
		if i < 144 {
			if got := f(r, 0); math.Abs(got-float64(i)/3) > 1e-12 {
				t.Fatalf("row %d starts at %v h, want %v", i+1, got, float64(i)/3)
			}
			hours += f(r, 1)
		}
		if r[7] == "" {
			if f(r, 6) != 0 {
				t.Fatalf("row %d: %v waits but no mean", i+1, r[6])
			}
			continue
		}
		rows++
		if mean, p50, p95 := f(r, 7), f(r, 8), f(r, 9); 0.05*p95 > mean*1.03 || p50 > p95 {
			t.Fatalf("row %d: mean %v, p50 %v, p95 %v min", i+1, mean, p50, p95)
		}
	}
	if math.Abs(hours-48) > 1e-9 || rows < 200 {
		t.Fatalf("bins of one lane sum to %v h; %d rows with waits", hours, rows)
	}
}
