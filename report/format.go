package report

import (
	"fmt"
	"math"
)

// The number formats of every table borderflow shows (terminal tables,
// index.html): short, and the same everywhere.

// Count formats a count: 12, 3.4, 456, 45k, 1.2M.
func Count(x float64) string {
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
func Minutes(m float64) string {
	if m >= 120 {
		return fmt.Sprintf("%.1f h", m/60)
	}
	return fmt.Sprintf("%.1f min", m)
}

// Pct formats a share as a percentage: 0.031 → "3.1%".
func Pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// USD formats dollars: $812, $45k, $8.3M, $1.25B.
func USD(x float64) string {
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
