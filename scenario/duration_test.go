package scenario

import (
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]float64{
		"90s": 90, "45m": 2700, "2h": 7200, "7d": 604800, "1w": 604800, "1.5h": 5400,
		"1h30m": 5400, "250ms": 0.25, "0s": 0, " 365d ": 365 * 86400, "1d 12h": 129600, "+5m": 300, "5 m": 300,
	} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"":                      "empty duration",
		"90":                    "needs a unit",
		"1.5":                   "needs a unit",
		"-5m":                   "must not be negative",
		"1y":                    `unknown unit "y"`,
		"5 min":                 `unknown unit "min"`,
		"m":                     "not a duration",
		"1.2.3s":                "not a duration",
		"90s5":                  "number without a unit",
		"99999999999999999999w": "absurdly long",
		"NaN":                   "needs a unit",
	} {
		_, err := ParseDuration(in)
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseDuration(%q): got %v, want an error with %q", in, err, msg)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for sec, want := range map[float64]string{0: "0s", 90: "90s", 2700: "45m", 86400: "1d", 604800: "1w", 365 * 86400: "365d", 5400: "90m", 1.5: "1.5s"} {
		if got := FormatDuration(sec); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", sec, got, want)
		}
		if back, err := ParseDuration(FormatDuration(sec)); err != nil || back != sec {
			t.Errorf("round trip of %v: %v, %v", sec, back, err)
		}
	}
}
