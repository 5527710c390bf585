package sweep

import (
	"fmt"
	"math"
	"strconv"

	"borderflow/report"
)

// The checksums of a shard (SumsFile) detect a file cut short or damaged
// after the sweep wrote it, not one edited on purpose: whoever edits
// pairs.csv can rewrite sha256sums.txt too. So merge and -resume also
// check every value against what a simulation can produce, wherever it
// came from — a shard, a whole sweep's folder or a journal: a value
// outside its metric's range is refused with its file, line and metric.

// maxMagnitude bounds every metric: 2^53, the largest float64 up to which
// every whole number is held exactly, so no count made one by one, nor a
// sum of kilograms, hours or dollars of a century of the whole border,
// reaches it — while a mean over the pairs of a sweep of values within it
// cannot overflow (a forged 1e308 did, and was written as an empty cell).
const maxMagnitude = 1 << 53

// parseValue reads one metric of pairs.csv: the number must be written as
// the sweep writes numbers (exact: the shortest form that reads back to
// the same float64, so "1_000", "+5", "1e3" or "0x10" are refused) and
// lie in the metric's range.
func parseValue(metric, s string) (float64, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || exact(x) != s {
		return 0, fmt.Errorf("%s: %q is not a number as a sweep writes it (such as 12.5, 0.031 or 1.2e+06)", metric, s)
	}
	// A sweep writes only finite metrics (Measure): NaN or Inf is a
	// corrupt or forged file, and would rank as a number.
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%s: %q is not a finite number", metric, s)
	}
	// The same ranges as shape the metric's interval (metricRange).
	var what string
	switch metricRange(metric) {
	case report.Unit:
		if x < 0 || x > 1 {
			what = "a share: between 0 and 1"
		}
	case report.NonNegative:
		if x < 0 || x > maxMagnitude {
			what = "a count or an amount: at least 0 and at most 2^53"
		}
	default:
		if math.Abs(x) > maxMagnitude {
			what = "at most 2^53 either side of 0"
		}
	}
	if what != "" {
		return 0, fmt.Errorf("%s: %s is a value no simulation gives (%s)", metric, s, what)
	}
	return x, nil
}
