package traffic

import (
	"math"

	"borderflow/sim"
)

// Day and Week are the lengths of the profile periods in simulated seconds.
// Simulated time 0 is a Monday at 00:00.
const (
	Hour = 3600.0
	Day  = 24 * Hour
	Week = 7 * Day
)

// Arrivals is a non-homogeneous Poisson process whose rate is
// Rate × HourProfile[hour of day] × DayProfile[day of week]. A scenario
// that says "256,225 trucks a year" gets that many on average because both
// profiles have mean 1.
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
	days   [7]float64
	stream *sim.Stream
}

// NewArrivals returns an arrival process with mean rate (vehicles per
// second) and profiles with mean 1, drawing from stream. A zero rate never
// produces an arrival.
func NewArrivals(rate float64, hours [24]float64, days [7]float64, stream *sim.Stream) *Arrivals {
	return &Arrivals{rate: rate, hours: hours, days: days, stream: stream}
}

// Rate returns the arrival rate at time t (vehicles per second).
func (a *Arrivals) Rate(t float64) float64 {
	// Integer arithmetic on the hour number is several times cheaper than
	// two math.Mod calls, and exact for the times a simulation reaches.
	hour := int64(t / Hour)
	return a.rate * a.hours[hour%24] * a.days[(hour/24)%7]
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
	for limit := t + 2*Week; t < limit; {
		hour := math.Floor(t / Hour)
		end := (hour + 1) * Hour
		h := int64(hour)
		r := a.rate * a.hours[h%24] * a.days[(h/24)%7]
		if span := end - t; r*span > e {
			return t + e/r
		} else {
			e -= r * span
		}
		t = end
	}
	return math.Inf(1)
}
