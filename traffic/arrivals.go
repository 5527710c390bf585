package traffic

import (
	"math"
	"time"

	"borderflow/scenario"
	"borderflow/sim"
)

// Arrivals is a non-homogeneous Poisson process whose rate is
// Rate × HourProfile[hour of day] × DayProfile[day of week] ×
// MonthProfile[month of year]. A scenario that says "256,225 trucks a
// year" gets that many on average because the profiles have mean 1.
//
// The rate is constant within each hour, so the process is generated
// exactly by inverting its cumulative rate (Çinlar, Introduction to
// Stochastic Processes, 1975, §4.7): one unit-exponential draw is spent
// hour by hour until it runs out. This is thinning (Lewis and Shedler,
// Naval Research Logistics Quarterly 26(3), 1979) with each hour's own rate
// as the envelope, so no candidate is ever rejected — thinning against the
// peak rate would throw away about half the draws on a commercial profile.
type Arrivals struct {
	rate   float64
	hours  [24]float64
	days   [7]float64 // by simulated weekday: rotated to the calendar's
	months [12]float64
	yday0  int64 // the calendar's day of the year at time 0
	stream *sim.Stream
	// The hour Next looked at last (most gaps end in the hour they start
	// in): its rate and end, and the times [hourLo, hourHi] known to be
	// in it (hourOf).
	hourRate, hourEnd float64
	hourLo, hourHi    float64
	// To 448 bytes: the lanes of ports on two cores never write one
	// cache line (internal/cacheline).
	_ [48]byte
}

// monthOfDay maps a day of the year (0–364) to its month (0–11).
var monthOfDay = func() (m [365]int8) {
	d := 0
	for month, n := range [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31} {
		for i := 0; i < n; i++ {
			m[d] = int8(month)
			d++
		}
	}
	return m
}()

// MonthOf returns the month (0 = January) of simulated time t when time 0
// is 1 January (DefaultCalendar).
func MonthOf(t float64) int { return DefaultCalendar.MonthOf(t) }

// Calendar places simulated time on the calendar: time 0 is 00:00 of a
// date (scenario.Scenario.Start). The model's year has 365 days: a 29
// February counts as the 28th, so a run of several years keeps its months
// where they are.
type Calendar struct {
	weekday int // of time 0, Monday = 0
	yday    int // day of time 0 in a 365-day year, 0 = 1 January
}

// DefaultCalendar starts on 1 January 2024, a Monday.
var DefaultCalendar = CalendarOf(scenario.DefaultStart)

// CalendarOf is the calendar whose time 0 is the start of date start (the
// default calendar for a zero date).
func CalendarOf(start time.Time) Calendar {
	if start.IsZero() {
		start = scenario.DefaultStart
	}
	day := start.YearDay() - 1
	if isLeap(start.Year()) && start.Month() > time.February {
		day-- // the 365-day year has no 29 February
	} else if start.Month() == time.February && start.Day() == 29 {
		day--
	}
	return Calendar{weekday: (int(start.Weekday()) + 6) % 7, yday: day}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// MonthOf returns the month (0 = January) of simulated time t.
func (c Calendar) MonthOf(t float64) int {
	return int(monthOfDay[(int64(t/scenario.Day)+int64(c.yday))%365])
}

// NewArrivals returns an arrival process with mean rate (vehicles per
// second) and profiles with mean 1 (days from Monday, months from
// January) on calendar cal, drawing from stream. Months that are all zero
// (a lane built in code without them) mean a flat year. A zero rate never
// produces an arrival.
func NewArrivals(rate float64, hours [24]float64, days [7]float64, months [12]float64, cal Calendar, stream *sim.Stream) *Arrivals {
	var byDay [7]float64 // simulated weekday i is calendar weekday cal.weekday+i
	for i := range byDay {
		byDay[i] = days[(i+cal.weekday)%7]
	}
	return &Arrivals{rate: rate, hours: hours, days: byDay, months: flatIfZero(months), yday0: int64(cal.yday),
		stream: stream, hourLo: math.Inf(1), hourHi: math.Inf(-1)}
}

func flatIfZero(m [12]float64) [12]float64 {
	if m == [12]float64{} {
		return [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	}
	return m
}

// Rate returns the arrival rate at time t (vehicles per second).
func (a *Arrivals) Rate(t float64) float64 {
	// Integer arithmetic on the hour number is several times cheaper than
	// two math.Mod calls, and exact for the times a simulation reaches.
	hour := int64(t / scenario.Hour)
	day := hour / 24
	return a.rate * a.hours[hour%24] * a.days[day%7] * a.months[monthOfDay[(day+a.yday0)%365]]
}

// MonthFactor returns the mean of the month multipliers over [t0, t1)
// (1 for an empty interval): the expected vehicles in the interval are
// rate × (t1 − t0) × MonthFactor, since the hour and day profiles have
// mean 1 over whole weeks. Smugglers use it to turn planned loads into a
// share of a period's vehicles.
func MonthFactor(months [12]float64, cal Calendar, t0, t1 float64) float64 {
	if !(t1 > t0) {
		return 1
	}
	m := flatIfZero(months)
	sum := 0.0
	for t := t0; t < t1; {
		next := math.Min((math.Floor(t/scenario.Day)+1)*scenario.Day, t1)
		sum += m[cal.MonthOf(t)] * (next - t)
		t = next
	}
	return sum / (t1 - t0)
}

// Next returns the time of the first arrival after t, or +Inf when the
// rate is zero.
func (a *Arrivals) Next(t float64) float64 {
	if !(a.rate > 0) {
		return math.Inf(1)
	}
	e := a.stream.ExpFloat64() // the unit-rate work left before the next arrival
	// A week with no traffic at all ends the process: profiles with
	// zeros in every hour are rejected by the loader, so this only guards
	// against an endless loop.
	for limit := t + 2*scenario.Week; t < limit; {
		if !(t >= a.hourLo && t <= a.hourHi) {
			a.hourOf(t)
		}
		r, end := a.hourRate, a.hourEnd
		if span := end - t; r*span > e {
			return t + e/r
		} else {
			e -= r * span
		}
		t = end
	}
	return math.Inf(1)
}

// hourOf makes the hour of t, math.Floor(t/Hour), the known one: its rate,
// its end and an interval of times known to be in it, so that the next
// gaps starting in the same hour take neither the division nor the
// product of profiles. The interval is the hour less a margin at both
// ends, kept only if the division puts both ends in the hour: the floor
// of t/Hour is monotone in t, so every time between two times of an hour
// is in that hour, rounding near the edges included. t itself is in the
// hour, so the interval reaches it.
func (a *Arrivals) hourOf(t float64) {
	hour := math.Floor(t / scenario.Hour)
	h := int64(hour)
	day := h / 24
	a.hourRate = a.rate * a.hours[h%24] * a.days[day%7] * a.months[monthOfDay[(day+a.yday0)%365]]
	a.hourEnd = (hour + 1) * scenario.Hour
	lo, hi := hour*scenario.Hour, a.hourEnd
	m := 1e-6 + 1e-12*math.Abs(hi)
	lo, hi = lo+m, hi-m
	if !(lo <= hi) || math.Floor(lo/scenario.Hour) != hour || math.Floor(hi/scenario.Hour) != hour {
		lo, hi = t, t
	}
	a.hourLo, a.hourHi = math.Min(lo, t), math.Max(hi, t)
}
