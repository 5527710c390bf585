package scenario

import (
	"time"
)

// DefaultStart is the calendar date of simulated time 0 when a scenario
// gives none: 1 January 2024, the year of the BTS counts the shipped
// scenarios are built from (a Monday).
var DefaultStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// Dates a scenario may start on: the calendar arithmetic is exact for any
// date, but a date far from today's traffic is a typo.
var (
	minStart = time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	maxStart = time.Date(2199, time.December, 31, 0, 0, 0, 0, time.UTC)
)

// startDate reads start: a TOML date (start = 2024-07-01) or the same as a
// string ("2024-07-01").
func (d *decoder) startDate(top *table) time.Time {
	v, ok := top.lookup("start")
	if !ok {
		return DefaultStart
	}
	const want = "a date such as start = 2024-07-01 (the first day of the warm-up)"
	var t time.Time
	switch v := v.(type) {
	case time.Time:
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			d.errorf("start", "expected %s, got a date with a time of day", want)
			return DefaultStart
		}
		t = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		p, err := time.Parse("2006-01-02", v)
		if err != nil {
			d.errorf("start", "expected %s, got %s", want, describe(v))
			return DefaultStart
		}
		t = p
	default:
		d.errorf("start", "expected %s, got %s", want, describe(v))
		return DefaultStart
	}
	if t.Before(minStart) || t.After(maxStart) {
		d.errorf("start", "must be from 1900-01-01 to 2199-12-31, got %s", t.Format("2006-01-02"))
		return DefaultStart
	}
	return t
}
