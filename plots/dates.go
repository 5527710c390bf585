package plots

import (
	"time"

	"gonum.org/v1/plot"
)

// dateTicks label a time axis with calendar dates: x is in units of unit
// hours from origin. A few hours are labelled by the hour, a few weeks by
// the day, longer spans by the month (the year on January and on the
// first tick), about six to ten ticks in all.
type dateTicks struct {
	origin time.Time
	unit   float64
}

func (d dateTicks) at(x float64) time.Time {
	return d.origin.Add(time.Duration(x * d.unit * float64(time.Hour)))
}

func (d dateTicks) x(t time.Time) float64 {
	return t.Sub(d.origin).Hours() / d.unit
}

func (d dateTicks) Ticks(lo, hi float64) []plot.Tick {
	t0, t1 := d.at(lo), d.at(hi)
	span := t1.Sub(t0)
	var ts []plot.Tick
	add := func(t time.Time, label string) {
		if x := d.x(t); x >= lo && x <= hi {
			ts = append(ts, plot.Tick{Value: x, Label: label})
		}
	}
	switch {
	case span > 60*24*time.Hour:
		months := int(span.Hours()/(24*30.4)) + 1
		step := 1
		for _, s := range []int{1, 2, 3, 6, 12, 24, 60} {
			step = s
			if months/s <= 10 {
				break
			}
		}
		m := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC)
		if m.Before(t0) {
			m = m.AddDate(0, 1, 0)
		}
		for ; !m.After(t1); m = m.AddDate(0, step, 0) {
			label := m.Format("Jan")
			if m.Month() == time.January || len(ts) == 0 {
				label = m.Format("Jan 2006")
			}
			add(m, label)
		}
	case span > 3*24*time.Hour:
		days := span.Hours() / 24
		step := 1
		for _, s := range []int{1, 2, 7, 14, 28} {
			step = s
			if days/float64(s) <= 10 {
				break
			}
		}
		day := time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC)
		if day.Before(t0) {
			day = day.AddDate(0, 0, 1)
		}
		for ; !day.After(t1); day = day.AddDate(0, 0, step) {
			add(day, day.Format("2 Jan"))
		}
	default:
		hours := span.Hours()
		step := 1
		for _, s := range []int{1, 2, 3, 6, 12, 24} {
			step = s
			if hours/float64(s) <= 12 {
				break
			}
		}
		h := t0.Truncate(time.Hour)
		if h.Before(t0) {
			h = h.Add(time.Hour)
		}
		for h.Hour()%step != 0 {
			h = h.Add(time.Hour)
		}
		for ; !h.After(t1); h = h.Add(time.Duration(step) * time.Hour) {
			label := h.Format("15:04")
			if h.Hour() == 0 || len(ts) == 0 {
				label = h.Format("2 Jan 15:04")
			}
			add(h, label)
		}
	}
	if len(ts) < 2 {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	return ts
}
