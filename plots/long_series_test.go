package plots

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"borderflow/internal/chartsynth"
)

// A series with more bins than a chart has points (120 days by the hour:
// groups of 6 bins) read with summary.json's horizon is added up in
// groups as it is read, one cell per point, and gives every value the
// charts draw — rates, levels, waits weighted by the waits that ended,
// vehicles inside, jams, totals — as the same file read bin by bin (no
// horizon: every bin kept) does, within rounding (the group's sums are
// added in another order).
func TestLongSeriesGroupedAsRead(t *testing.T) {
	const hours = 24 * 120
	files := chartsynth.Run(3, hours, false, false, false)
	grouped, err := readSeries(files, hours)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := readSeries(files, 0)
	if err != nil {
		t.Fatal(err)
	}
	if whole.per != 1 || len(whole.start) != hours {
		t.Fatalf("read whole: %d bins of %d", len(whole.start), whole.per)
	}
	ga, wa := grouped.axis(), whole.axis()
	if grouped.per != 6 || len(grouped.start) != hours/6 || len(ga.groups) != len(grouped.start) {
		t.Fatalf("grouped as read: %d cells of %d bins, %d points; want %d cells of 6", len(grouped.start), grouped.per, len(ga.groups), hours/6)
	}
	if len(ga.x) != len(wa.x) || ga.note != wa.note || ga.label != wa.label {
		t.Fatalf("axes: %d points %q, whole %d %q", len(ga.x), ga.note, len(wa.x), wa.note)
	}
	same := func(what string, g, w []float64) {
		t.Helper()
		for i := range w {
			if math.IsNaN(w[i]) != math.IsNaN(g[i]) || math.Abs(g[i]-w[i]) > 1e-12*math.Max(1, math.Abs(w[i])) {
				t.Fatalf("%s, point %d: grouped %v, whole %v", what, i, g[i], w[i])
			}
		}
	}
	same("x", ga.x, wa.x)
	for _, sel := range []struct {
		name string
		s    selection
	}{{"all", all}, {"a port", portIs(grouped.ports[1])}, {"a class", classIs(grouped.classes[0])}} {
		same(sel.name+" arrivals", grouped.rate(ga, "arrivals", sel.s), whole.rate(wa, "arrivals", sel.s))
		same(sel.name+" queue", grouped.level(ga, "queue_length", sel.s), whole.level(wa, "queue_length", sel.s))
		same(sel.name+" lot", grouped.level(ga, "lot_occupancy", sel.s), whole.level(wa, "lot_occupancy", sel.s))
		for _, c := range waitCols {
			same(sel.name+" "+c, grouped.waitMean(ga, c, sel.s), whole.waitMean(wa, c, sel.s))
		}
		same(sel.name+" inside", grouped.inside(ga, sel.s), whole.inside(wa, sel.s))
		same(sel.name+" totals", []float64{grouped.total("departures", sel.s), grouped.meanWait(sel.s)},
			[]float64{whole.total("departures", sel.s), whole.meanWait(sel.s)})
		gj, wj := grouped.jammed(ga, sel.s), whole.jammed(wa, sel.s)
		for i := range wj {
			if gj[i] != wj[i] {
				t.Fatalf("%s jammed, point %d: grouped %v, whole %v", sel.name, i, gj[i], wj[i])
			}
		}
	}
	for i := range ga.groups {
		g0, g1 := grouped.span(ga, i)
		w0, w1 := whole.span(wa, i)
		if g0 != w0 || math.Abs(g1-w1) > 1e-12*w1 {
			t.Fatalf("point %d spans %v–%v, whole %v–%v", i, g0, g1, w0, w1)
		}
	}
}

// A short series (at most maxPoints bins) is read bin by bin whatever the
// horizon: its charts are drawn from exactly the values of the file.
func TestShortSeriesReadWhole(t *testing.T) {
	files := chartsynth.Run(2, 72, false, false, false)
	h, err := readSeries(files, 72)
	if err != nil {
		t.Fatal(err)
	}
	if h.per != 1 || len(h.start) != 72 {
		t.Fatalf("%d cells of %d bins", len(h.start), h.per)
	}
}

// Grouping as read needs every bin on the grid of the first row's width:
// a row off it is refused with its file and line, not put in a group it
// does not belong to.
func TestLongSeriesOffGridRefused(t *testing.T) {
	files := chartsynth.Run(1, 24*60, false, false, false)
	b := files["series.csv"]
	i := bytes.Index(b, []byte("\n5,1,"))
	if i < 0 {
		t.Fatal("no row of hour 5")
	}
	files["series.csv"] = append(append(append([]byte(nil), b[:i]...), "\n5.5,1,"...), b[i+len("\n5,1,"):]...)
	_, err := readSeries(files, 24*60)
	if err == nil || !strings.Contains(err.Error(), "series.csv:7: bin_start_hours 5.5 is not a whole number of bins") {
		t.Fatalf("got %v", err)
	}
}
