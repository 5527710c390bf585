package numfmt

import (
	"fmt"
	"math"
	"strconv"
)

// Count formats a count: 12, 3.4, 456, 45k, 1.2M.
func Count(x float64) string {
	if x < 0 {
		return "-" + Count(-x)
	}
	switch {
	case x >= 10e6:
		return fmt.Sprintf("%.1fM", x/1e6)
	case x >= 100e3:
		return fmt.Sprintf("%.0fk", x/1e3)
	case x >= 100 || x == math.Trunc(x):
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.1f", x)
	}
}

// Minutes formats a wait given in minutes: "4.4 min", or hours past two.
// Tables that put several waits in one column use Min instead, so that
// the column has one unit.
func Minutes(m float64) string {
	if m >= 120 {
		return fmt.Sprintf("%.1f h", m/60)
	}
	return fmt.Sprintf("%.1f min", m)
}

// Min formats minutes without a unit (the column heading gives it):
// one decimal below 100, none above.
func Min(m float64) string {
	if math.Abs(m) >= 100 {
		return fmt.Sprintf("%.0f", m)
	}
	return fmt.Sprintf("%.1f", m)
}

// Pct formats a share as a percentage: 0.031 → "3.1%".
func Pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// USD formats dollars: $812, $45k, $8.3M, $1.25B.
func USD(x float64) string {
	if x < 0 {
		return "-" + USD(-x)
	}
	switch {
	case x >= 1e9:
		return fmt.Sprintf("$%.2fB", x/1e9)
	case x >= 1e6:
		return fmt.Sprintf("$%.1fM", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("$%.0fk", x/1e3)
	default:
		return fmt.Sprintf("$%.0f", x)
	}
}

// Signed puts a plain ASCII sign before f(|x|): "+12", "-3.4k".
func Signed(x float64, f func(float64) string) string {
	if x < 0 {
		return "-" + f(-x)
	}
	return "+" + f(x)
}

// Exact formats a number for a CSV file exactly as encoding/json writes it
// in summary.json: the shortest decimal that reads back as the same
// float64, without an exponent between 1e-6 and 1e21 (so a count is an
// integer: 2932694, not 2.93269e+06). NaN and infinities, which JSON
// cannot hold, are written as empty fields.
func Exact(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	abs := math.Abs(x)
	f := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		f = 'e'
	}
	s := strconv.FormatFloat(x, f, -1, 64)
	if f == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(s)
		if n >= 4 && s[n-4] == 'e' && s[n-3] == '-' && s[n-2] == '0' {
			s = s[:n-2] + s[n-1:]
		}
	}
	return s
}

// Int formats a whole count for a CSV file.
func Int(n int64) string { return strconv.FormatInt(n, 10) }
