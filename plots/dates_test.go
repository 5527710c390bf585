package plots

import (
	"strings"
	"testing"
	"time"
)

// Time axes of a dated series are labelled with dates: hours over a day
// or two, days over weeks, months over a year (the year on January).
func TestDateTicks(t *testing.T) {
	origin := time.Date(2024, time.July, 2, 0, 0, 0, 0, time.UTC)
	labels := func(d dateTicks, lo, hi float64) string {
		var ls []string
		for _, tk := range d.Ticks(lo, hi) {
			ls = append(ls, tk.Label)
		}
		return strings.Join(ls, ",")
	}
	if got := labels(dateTicks{origin, 24}, 0, 60); got != "2 Jul,9 Jul,16 Jul,23 Jul,30 Jul,6 Aug,13 Aug,20 Aug,27 Aug" {
		t.Errorf("60 days: %s", got)
	}
	if got := labels(dateTicks{origin, 24}, 0, 365); got != "Aug 2024,Oct,Dec,Feb,Apr,Jun" && got != "Aug 2024,Sep,Oct,Nov,Dec,Jan 2025,Feb,Mar,Apr,May,Jun" {
		t.Errorf("a year: %s", got)
	}
	if got := labels(dateTicks{origin, 1}, 0, 48); !strings.HasPrefix(got, "2 Jul 00:00,06:00,12:00,18:00,3 Jul 00:00") {
		t.Errorf("two days: %s", got)
	}
	// Tick values are back on the axis's scale.
	for _, tk := range (dateTicks{origin, 24}).Ticks(0, 60) {
		if d := origin.Add(time.Duration(tk.Value * 24 * float64(time.Hour))); d.Hour() != 0 || d.Minute() != 0 {
			t.Errorf("tick %q at %v is not a midnight", tk.Label, d)
		}
	}
}

// series.csv's date column dates the grid: the chart's axis then carries
// dates; a series without it keeps hours or days after the warm-up.
func TestSeriesDatesTheAxis(t *testing.T) {
	csv := "bin_start_hours,bin_hours,port,class,arrivals,date\n" +
		"0,24,P,car,10,2024-07-02T00:00\n24,24,P,car,12,2024-07-03T00:00\n48,24,P,car,9,2024-07-04T00:00\n72,24,P,car,9,2024-07-05T00:00\n"
	h, err := readSeries(map[string][]byte{"series.csv": []byte(csv)}, 96)
	if err != nil {
		t.Fatal(err)
	}
	a := h.axis()
	if !a.origin.Equal(time.Date(2024, time.July, 2, 0, 0, 0, 0, time.UTC)) || a.label != "date (UTC)" {
		t.Errorf("axis origin %v, label %q", a.origin, a.label)
	}
	if _, ok := a.panel("x", "y").X.Tick.Marker.(dateTicks); !ok {
		t.Error("a dated series' panel does not tick dates")
	}
	undated := "bin_start_hours,bin_hours,port,class,arrivals\n0,24,P,car,10\n24,24,P,car,12\n48,24,P,car,9\n72,24,P,car,9\n"
	h, err = readSeries(map[string][]byte{"series.csv": []byte(undated)}, 96)
	if err != nil {
		t.Fatal(err)
	}
	if a := h.axis(); !a.origin.IsZero() || !strings.Contains(a.label, "after warm-up") {
		t.Errorf("undated series: origin %v, label %q", a.origin, a.label)
	}
}
