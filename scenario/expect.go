package scenario

import "math"

// The value checks that the files read beside scenarios (sweep's policies
// files, optimise's budget files) share: each reports a wrong value
// through the file's own errorf, at the key path, and says whether the
// value is good.

// Reporter records a problem at a key path (dotted, with [i] indices).
type Reporter func(key, format string, args ...any)

// ExpectString returns v as a string; anything else is reported as
// "expected a string, got …".
func ExpectString(errorf Reporter, path string, v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		errorf(path, "expected a string, got %s", describe(v))
	}
	return s, ok
}

// ExpectNumber returns v (an integer or a float) as a float within
// [lo, hi]; a value of another type, NaN, ±Inf or out of range is
// reported as "expected WHAT, got …".
func ExpectNumber(errorf Reporter, path string, v any, lo, hi float64, what string) (float64, bool) {
	x, ok := toNumber(v)
	if !ok {
		errorf(path, "expected %s, got %s", what, describe(v))
		return 0, false
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || x < lo || x > hi {
		errorf(path, "expected %s, got %v", what, x)
		return 0, false
	}
	return x, true
}

// ExpectDuration returns v, a duration string with a unit ("30d"), in
// seconds; a bare number, another type or a string that is not a
// duration is reported as the scenario decoder reports it.
func ExpectDuration(errorf Reporter, path string, v any) (float64, bool) {
	switch v := v.(type) {
	case string:
		sec, err := ParseDuration(v)
		if err != nil {
			errorf(path, "%v", err)
			return 0, false
		}
		return sec, true
	case int64, float64:
		errorf(path, `a duration needs a unit, e.g. "90s", "45m", "2h" or "7d", not the bare number %v`, v)
	default:
		errorf(path, `expected a duration string with a unit, e.g. "90s", got %s`, describe(v))
	}
	return 0, false
}
