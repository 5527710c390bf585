package scenario

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Units of a duration, in seconds. A year is not a unit: "365d" says
// which year length is meant.
var durationUnits = map[string]float64{
	"ms": Second / 1000,
	"s":  Second,
	"m":  Minute,
	"h":  Hour,
	"d":  Day,
	"w":  Week,
}

// maxDuration is the longest duration accepted, in seconds (about 3,170
// years): anything longer is a typo, and keeping far from the float64
// limits keeps sums of durations finite.
const maxDuration = 1e11

// ParseDuration reads a duration written as numbers with units — "90s",
// "45m", "2h", "7d", "1w", "1.5h", "1h30m", "250ms" — and returns it in
// seconds. A bare number ("90") is an error, since it is not clear which
// unit was meant, and so is a negative duration.
func ParseDuration(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New(`empty duration: want a number and a unit, e.g. "90s"`)
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return 0, fmt.Errorf(`duration %q needs a unit, e.g. "90s", "45m", "2h", "7d"`, s)
	}
	if t[0] == '-' {
		return 0, fmt.Errorf("duration %q must not be negative", s)
	}
	t = strings.TrimPrefix(t, "+")
	var total float64
	for t != "" {
		i := 0
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, badDuration(s)
		}
		v, err := strconv.ParseFloat(t[:i], 64)
		if err != nil {
			return 0, badDuration(s)
		}
		t = strings.TrimLeft(t[i:], " ")
		j := 0
		for j < len(t) && (t[j] >= 'a' && t[j] <= 'z' || t[j] >= 'A' && t[j] <= 'Z') {
			j++
		}
		if j == 0 {
			return 0, fmt.Errorf(`duration %q: number without a unit, e.g. "90s"`, s)
		}
		unit, ok := durationUnits[t[:j]]
		if !ok {
			return 0, fmt.Errorf("duration %q: unknown unit %q (use ms, s, m, h, d or w)", s, t[:j])
		}
		t = strings.TrimLeft(t[j:], " ")
		total += v * unit
	}
	if math.IsInf(total, 0) || math.IsNaN(total) || total > maxDuration {
		return 0, fmt.Errorf("duration %q is absurdly long (more than %g s)", s, float64(maxDuration))
	}
	return total, nil
}

func badDuration(s string) error {
	return fmt.Errorf(`%q is not a duration: want numbers with units (ms, s, m, h, d, w), e.g. "90s" or "1h30m"`, s)
}

// FormatDuration writes seconds in the largest unit that keeps the number
// short: 90 → "90s", 2700 → "45m", 86400 → "1d". It is the inverse of
// ParseDuration for the values the shipped scenarios use.
func FormatDuration(sec float64) string {
	if sec == 0 {
		return "0s"
	}
	for _, u := range []struct {
		name string
		s    float64
	}{{"w", Week}, {"d", Day}, {"h", Hour}, {"m", Minute}} {
		if sec >= u.s && math.Mod(sec, u.s) == 0 {
			return strconv.FormatFloat(sec/u.s, 'f', -1, 64) + u.name
		}
	}
	return strconv.FormatFloat(sec, 'f', -1, 64) + "s"
}

// Limits on a scenario's time axis, shared with the command line's
// -horizon override: a century, and ten million time-series bins.
const (
	MaxHorizon = 36500 * Day
	MaxBins    = 1e7
)
