package traffic

import (
	"math"
	"testing"
	"time"

	"borderflow/scenario"
	"borderflow/sim"
)

// The arrivals follow the hour-of-day and day-of-week profiles: over 20
// weeks at 0.05 vehicles/s each hour's and each day's count is within 4
// standard deviations (√n) of its expectation, and the total within 4 of
// the Poisson mean.
func TestArrivalsFollowProfile(t *testing.T) {
	var hours [24]float64
	var days [7]float64
	for h := range hours {
		hours[h] = 0.2 + float64(h%12)/6 // 0.2 … 2.03, mean 1.12: normalised below
	}
	mean := 0.0
	for _, h := range hours {
		mean += h / 24
	}
	for h := range hours {
		hours[h] /= mean
	}
	days = [7]float64{1.2, 1.1, 1.1, 1.1, 1.1, 0.8, 0.6}
	const rate, weeks = 0.05, 20
	a := NewArrivals(rate, hours, days, [12]float64{}, DefaultCalendar, sim.NewStream(1, 0, "test"))
	var byHour [24]float64
	var byDay [7]float64
	n := 0.0
	for at := a.Next(0); at < weeks*scenario.Week; at = a.Next(at) {
		h := int64(at / scenario.Hour)
		byHour[h%24]++
		byDay[(h/24)%7]++
		n++
	}
	check := func(what string, got, want float64) {
		if math.Abs(got-want) > 4*math.Sqrt(want) {
			t.Errorf("%s: %v arrivals, want %.0f ± %.0f", what, got, want, 4*math.Sqrt(want))
		}
	}
	check("total", n, rate*weeks*scenario.Week)
	for h := range hours {
		check("hour", byHour[h], rate*hours[h]*scenario.Hour*7*weeks)
	}
	for d := range days {
		check("day", byDay[d], rate*days[d]*scenario.Day*weeks)
	}
	if a.Rate(9*scenario.Hour+scenario.Day) != rate*hours[9]*days[1] {
		t.Errorf("Rate at Tuesday 09:00 = %v", a.Rate(9*scenario.Hour+scenario.Day))
	}
	// A zero rate never arrives.
	if z := NewArrivals(0, hours, days, [12]float64{}, DefaultCalendar, sim.NewStream(1, 0, "z")); !math.IsInf(z.Next(0), 1) {
		t.Error("zero rate produced an arrival")
	}
}

// Months scale the rate month by month: with December at twice the rate of
// the other months, December's arrivals are twice a month's, and
// MonthFactor averages the multipliers over an interval.
func TestArrivalsMonths(t *testing.T) {
	var hours [24]float64
	var days [7]float64
	for i := range hours {
		hours[i] = 1
	}
	for i := range days {
		days[i] = 1
	}
	months := [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}
	a := NewArrivals(0.01, hours, days, months, DefaultCalendar, sim.NewStream(1, 0, "months"))
	var n [12]float64
	for at := a.Next(0); at < scenario.Year; at = a.Next(at) {
		n[MonthOf(at)]++
	}
	nov, dec := n[10]/30, n[11]/31 // per day
	if r := dec / nov; math.Abs(r-2) > 0.1 {
		t.Errorf("December/November per day = %.3f, want 2", r)
	}
	if MonthOf(0) != 0 || MonthOf(31*scenario.Day) != 1 || MonthOf(59*scenario.Day) != 2 || MonthOf(364*scenario.Day) != 11 || MonthOf(scenario.Year) != 0 {
		t.Error("MonthOf")
	}
	if f := MonthFactor(months, DefaultCalendar, 334*scenario.Day-scenario.Day, 334*scenario.Day+scenario.Day); math.Abs(f-1.5) > 1e-12 {
		t.Errorf("MonthFactor across 1 December = %v, want 1.5", f)
	}
	if f := MonthFactor([12]float64{}, DefaultCalendar, 0, scenario.Week); f != 1 {
		t.Errorf("zero months are flat, got %v", f)
	}
}

// nextByDivision is Next as it was before the hour was cached: the floor
// of t/Hour and the product of profiles for every hour a gap crosses.
func nextByDivision(a *Arrivals, t float64) float64 {
	if !(a.rate > 0) {
		return math.Inf(1)
	}
	e := a.stream.ExpFloat64()
	for limit := t + 2*scenario.Week; t < limit; {
		hour := math.Floor(t / scenario.Hour)
		end := (hour + 1) * scenario.Hour
		h := int64(hour)
		day := h / 24
		r := a.rate * a.hours[h%24] * a.days[day%7] * a.months[monthOfDay[day%365]]
		if span := end - t; r*span > e {
			return t + e/r
		} else {
			e -= r * span
		}
		t = end
	}
	return math.Inf(1)
}

// The cached hour gives exactly the arrival times of the division: the
// same draws and the same floats, along a year of arrivals at rates from
// sparse (gaps of many hours, hours of zero rate) to dense, and from
// times on and next to hour edges.
func TestArrivalsHourCacheExact(t *testing.T) {
	var hours [24]float64
	for h := range hours {
		hours[h] = float64(h%6) / 2.5 // zero every sixth hour
	}
	days := [7]float64{1.2, 1.1, 1.1, 1.1, 1.1, 0.8, 0.6}
	months := [12]float64{0.9, 1, 1.1, 1, 1, 1, 1, 1, 1, 1, 0.95, 1.05}
	for _, rate := range []float64{1e-5, 3e-4, 0.01, 0.3, 2} {
		a := NewArrivals(rate, hours, days, months, DefaultCalendar, sim.NewStream(5, 0, "hour-cache"))
		b := NewArrivals(rate, hours, days, months, DefaultCalendar, sim.NewStream(5, 0, "hour-cache"))
		n := 0
		for at := 0.0; at < scenario.Year && n < 300000; n++ {
			got, want := a.Next(at), nextByDivision(b, at)
			if got != want {
				t.Fatalf("rate %v, arrival %d after %v: %v, division %v", rate, n, at, got, want)
			}
			at = got
		}
		// From hour edges and the floats beside them, out of order too.
		for h := 0; h < 2000; h += 7 {
			x := float64(h) * scenario.Hour
			for i := 0; i < 3; i++ {
				x = math.Nextafter(x, 0)
			}
			for i := 0; i < 6; i++ {
				if got, want := a.Next(x), nextByDivision(b, x); got != want {
					t.Fatalf("rate %v: Next(%v) = %v, division %v", rate, x, got, want)
				}
				x = math.Nextafter(x, math.Inf(1))
			}
		}
	}
}

// A calendar that starts on another date moves the months and weekdays
// with it: starting on Monday 1 July 2024, day 0 is in July; starting on
// Saturday 6 July 2024, simulated day 0 has the profile's Saturday.
func TestCalendarStart(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	if c := CalendarOf(date(2024, time.July, 1)); c.MonthOf(0) != 6 || c.MonthOf(31*scenario.Day) != 7 || c.MonthOf(184*scenario.Day) != 0 {
		t.Errorf("from 1 July: months %d %d %d", c.MonthOf(0), c.MonthOf(31*scenario.Day), c.MonthOf(184*scenario.Day))
	}
	if c := CalendarOf(time.Time{}); c != DefaultCalendar || c.weekday != 0 || c.yday != 0 {
		t.Errorf("a zero date is not the default calendar: %+v", c)
	}
	// 29 February counts as the 28th: 1 March is the next day.
	if c := CalendarOf(date(2024, time.February, 29)); c.MonthOf(0) != 1 || c.MonthOf(scenario.Day) != 2 {
		t.Errorf("from 29 February: %d %d", c.MonthOf(0), c.MonthOf(scenario.Day))
	}
	if c := CalendarOf(date(2023, time.March, 1)); c.yday != 59 {
		t.Errorf("1 March 2023 is day %d of the year, want 59", c.yday)
	}
	days := [7]float64{1, 1, 1, 1, 1, 3, 0.5} // Saturday busy, Sunday quiet
	var hours [24]float64
	for i := range hours {
		hours[i] = 1
	}
	sat := NewArrivals(1, hours, days, [12]float64{}, CalendarOf(date(2024, time.July, 6)), sim.NewStream(1, 0, "sat"))
	if r0, r1 := sat.Rate(0), sat.Rate(scenario.Day); r0 != 3 || r1 != 0.5 {
		t.Errorf("from a Saturday: day 0 rate %v (want the Saturday's 3), day 1 %v (Sunday's 0.5)", r0, r1)
	}
	mon := NewArrivals(1, hours, days, [12]float64{}, DefaultCalendar, sim.NewStream(1, 0, "mon"))
	if mon.Rate(5*scenario.Day) != 3 {
		t.Errorf("the default calendar's day 5 is not a Saturday: %v", mon.Rate(5*scenario.Day))
	}
}
