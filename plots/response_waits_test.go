package plots

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"borderflow/internal/chartsynth"
)

// withoutResponseSeries is series.csv with the queues and waits of every
// lane grown and its departures cut (the run without the response): by
// factor, and more at ports with longer names, so that the lanes rank
// apart.
func withoutResponseSeries(t *testing.T, series []byte, factor float64) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(series)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		grow := factor * (1 + float64(len(r[col["port"]])))
		for _, c := range []string{"queue_length", "wait_mean_min", "wait_p50_min", "wait_p95_min"} {
			if x, err := strconv.ParseFloat(r[col[c]], 64); err == nil {
				r[col[c]] = strconv.FormatFloat(x*grow, 'g', -1, 64)
			}
		}
		// Fewer leave than arrive: the vehicles in the port pile up.
		if x, err := strconv.ParseFloat(r[col["departures"]], 64); err == nil {
			r[col["departures"]] = strconv.FormatFloat(x/(1+grow/100), 'g', -1, 64)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// The response-waits chart is drawn when the run wrote
// series-no-response.csv: a row of two panels (wait, queue) per lane, each
// with two lines, for the lanes whose queue the response shortened most,
// the classes taking turns; none without the file or with other bins.
func TestResponseWaitsChart(t *testing.T) {
	files := chartsynth.Run(4, 48, true, false, false)
	_, figs, err := buildRun(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if f.name == "response-waits" {
			t.Fatal("response-waits drawn without series-no-response.csv")
		}
	}
	files["series-no-response.csv"] = withoutResponseSeries(t, files["series.csv"], 30)
	r, figs, err := buildRun(files)
	if err != nil {
		t.Fatal(err)
	}
	var f *figure
	for _, g := range figs {
		if g.name == "response-waits" {
			f = g
		}
	}
	if f == nil {
		t.Fatal("no response-waits chart")
	}
	if len(f.rows) != responseLanes || len(f.rows[0]) != 2 || f.series != 4*responseLanes {
		t.Errorf("%d rows of %d panels, %d series; want %d rows of 2, %d series", len(f.rows), len(f.rows[0]), f.series, responseLanes, 4*responseLanes)
	}
	// The classes take turns: both appear among the lanes shown.
	classes := map[string]int{}
	for _, row := range f.rows {
		title := row[0].Title.Text
		for _, c := range r.ts.classes {
			if bytes.Contains([]byte(title), []byte(" "+c+": ")) {
				classes[c]++
			}
		}
	}
	if len(classes) < 2 {
		t.Errorf("lanes shown by class %v: want both classes", classes)
	}
	if _, err := renderAll([]*figure{f}); err != nil {
		t.Error(err)
	}
	// Another run's bins: nothing to set side by side.
	short := chartsynth.Run(4, 24, true, false, false)
	files["series-no-response.csv"] = withoutResponseSeries(t, short["series.csv"], 30)
	if _, figs, err = buildRun(files); err != nil {
		t.Fatal(err)
	}
	for _, g := range figs {
		if g.name == "response-waits" {
			t.Error("response-waits drawn beside a series of other bins")
		}
	}
}

// pickLanes takes the ranked lanes class by class in turn.
func TestPickLanes(t *testing.T) {
	ranked := []portClass{{"A", "car"}, {"B", "car"}, {"C", "car"}, {"A", "truck"}, {"B", "truck"}}
	got := pickLanes(ranked, 4)
	want := []portClass{{"A", "car"}, {"A", "truck"}, {"B", "car"}, {"B", "truck"}}
	if len(got) != len(want) {
		t.Fatalf("%v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
	if got := pickLanes(ranked[:2], 4); len(got) != 2 {
		t.Errorf("two lanes: %v", got)
	}
}
