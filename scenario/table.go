package scenario

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// The decoder walks the generic tree that BurntSushi/toml produces
// (map[string]any, []any, []map[string]any, string, int64, float64, bool,
// dates) rather than decoding into Go structs. That way every problem is
// collected instead of the first type mismatch aborting the decode, every
// message carries the full path with array indices, durations can refuse
// bare numbers (the library would read 90 into a time.Duration as 90 ns),
// and a key that no section asked for is an unknown key — exactly what
// MetaData.Undecoded reports for struct decoding, but with indices and a
// suggestion.

// decoder holds the problems found so far and what the sections have
// resolved, so later sections can check references to earlier ones.
type decoder struct {
	file  string
	lines KeyLines
	errs  Errors
	s     *Scenario

	classIdx   map[string]int
	drugIdx    map[string]int
	concealIdx map[string]int
	profiles   map[string]profile
	portIdx    map[string]int
	laneOf     []map[int]int // by port: class index → lane index

	// To avoid a cascade of messages from one mistake:
	broken map[string]bool // sections ("class", "drug", ...) that are not tables
	// lost are the names whose definition could not be read ([class.truck]
	// that is not a table): a reference to one is not "unknown" too.
	lost map[string]map[string]bool
	// lostLane are the (port, class) lanes whose table could not be read:
	// a load at one is not at a port that "has no truck lane" too.
	lostLane map[[2]int]bool
	// lostStep is whether a step of the lane being read named no method
	// that could be found: the lane's own sequence checks wait for it.
	lostStep      bool
	unknownVolume map[[2]int]bool // (port, lane) whose volume was wrong or missing
	curLanes      []Lane          // lanes of the port being read so far

	overridden []overridden // keys changed by overrides, in order
}

// overridden is a key an override changed (with indices, as the decoder
// names keys) and the override's argument, which problems at or under
// that key are reported against instead of a line of the file.
type overridden struct{ path, arg string }

// locate returns the file and line of a problem at key: the last
// override that changed the key or a table above it, else the file.
func (d *decoder) locate(key string) (string, int) {
	for i := len(d.overridden) - 1; i >= 0; i-- {
		p := d.overridden[i].path
		if key == p || strings.HasPrefix(key, p+".") || strings.HasPrefix(key, p+"[") {
			return d.overridden[i].arg, 0
		}
		// a table the override created: it is not in the file
		if _, inFile := d.lines[key]; !inFile && (strings.HasPrefix(p, key+".") || strings.HasPrefix(p, key+"[")) {
			return d.overridden[i].arg, 0
		}
	}
	return d.file, d.lines.Line(key)
}

// maxErrors caps how many problems one parse collects: enough for any
// real file, and a bound on the work for a hostile one.
const maxErrors = 200

func (d *decoder) errorf(key, format string, args ...any) {
	if len(d.errs) >= maxErrors {
		return
	}
	file, line := d.locate(key)
	d.errs = append(d.errs, &Error{File: file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// table is one TOML table being read by a section. Every accessor records
// the key it asks for as known; done reports the keys nobody asked for.
type table struct {
	d     *decoder
	path  string
	m     map[string]any
	known map[string]bool
}

func (d *decoder) newTable(path string, m map[string]any) *table {
	return &table{d: d, path: path, m: m, known: map[string]bool{}}
}

// asTable checks that v is a table; example shows how one is written.
func (d *decoder) asTable(path string, v any, example string) *table {
	m, ok := v.(map[string]any)
	if !ok {
		d.errorf(path, "expected a table like %s, got %s", example, describe(v))
		return nil
	}
	return d.newTable(path, m)
}

// at is the path of key k in t.
func (t *table) at(k string) string { return joinPath(t.path, k) }

// lookup returns the value of k, marking k as a known key.
func (t *table) lookup(k string) (any, bool) {
	t.known[k] = true
	v, ok := t.m[k]
	return v, ok
}

// has reports whether k is given, marking it as a known key.
func (t *table) has(k string) bool {
	_, ok := t.lookup(k)
	return ok
}

// done reports every key of t that no accessor asked for.
func (t *table) done() {
	known := make([]string, 0, len(t.known))
	for k := range t.known {
		known = append(known, k)
	}
	for _, k := range sortedKeys(t.m) {
		if !t.known[k] {
			t.d.errorf(t.at(k), "unknown key%s", DidYouMean(k, known))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// sub returns the table under k, or nil if k is absent or not a table.
func (t *table) sub(k, example string) *table {
	v, ok := t.lookup(k)
	if !ok {
		return nil
	}
	return t.d.asTable(t.at(k), v, example)
}

// tableList returns the tables of an array of tables ([[port]]) or of an
// inline array of inline tables (secondary = [{...}, {...}]).
func (t *table) tableList(k, example string) []*table {
	v, ok := t.lookup(k)
	if !ok {
		return nil
	}
	path := t.at(k)
	var out []*table
	switch v := v.(type) {
	case []map[string]any:
		for i, m := range v {
			out = append(out, t.d.newTable(indexPath(path, i), m))
		}
	case []any:
		for i, e := range v {
			if st := t.d.asTable(indexPath(path, i), e, example); st != nil {
				out = append(out, st)
			}
		}
	default:
		t.d.errorf(path, "expected an array of tables like %s, got %s", example, describe(v))
	}
	return out
}

// describe names a TOML value for a message.
func describe(v any) string {
	switch v := v.(type) {
	case bigInteger:
		return fmt.Sprintf("the integer %s, out of range (integers are at most 2^63−1 = %d either side of 0)", v, int64(math.MaxInt64))
	case bigFloat:
		return fmt.Sprintf("the number %s, out of range (numbers are at most about 1.8e308 either side of 0)", string(v))
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return fmt.Sprintf("the string %q", v)
	case int64:
		return fmt.Sprintf("the integer %d", v)
	case float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("a %T", v)
}

func (t *table) str(k, def string) string {
	v, ok := t.lookup(k)
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		t.d.errorf(t.at(k), "expected a string, got %s", describe(v))
		return def
	}
	return s
}

// label reads an optional string that is shown in tables and files (a
// port's state, a checkpoint's name): one with a control or invisible
// character is refused, as a name is.
func (t *table) label(k, def string) string {
	s := t.str(k, def)
	if msg := nameChars(s); msg != "" {
		t.d.errorf(t.at(k), "%s: use letters, digits, spaces and punctuation", msg)
		return def
	}
	return s
}

// name reads a required non-empty string.
func (t *table) name(k, what string) (string, bool) {
	if !t.has(k) {
		t.d.errorf(t.path, "%s is required (%s = \"...\")", k, k)
		return "", false
	}
	s := t.str(k, "")
	if strings.TrimSpace(s) == "" {
		if _, isStr := t.m[k].(string); isStr {
			t.d.errorf(t.at(k), "%s must not be empty", what)
		}
		return "", false
	}
	if msg := nameChars(s); msg != "" {
		t.d.errorf(t.at(k), "%s: use letters, digits, spaces and punctuation", msg)
		return "", false
	}
	return s, true
}

func (t *table) boolean(k string, def bool) bool {
	v, ok := t.lookup(k)
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.d.errorf(t.at(k), "expected true or false, got %s", describe(v))
		return def
	}
	return b
}

// bounds says which numbers a key accepts, for the check and the message.
type bounds struct {
	lo, hi      float64
	loOpen      bool   // lo itself is not allowed
	unit        string // shown after the numbers, e.g. "vehicles a year"
	probability bool
}

var (
	probability = bounds{lo: 0, hi: 1, probability: true}
)

// checkNumber reports whether x is finite and within b.
func (d *decoder) checkNumber(path string, x float64, b bounds) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		d.errorf(path, "must be a finite number, got %v", x)
		return false
	}
	unit := ""
	if b.unit != "" {
		unit = " " + b.unit
	}
	switch {
	case b.probability && (x < 0 || x > 1):
		d.errorf(path, "must be a probability between 0 and 1, got %v", x)
		return false
	case b.loOpen && x <= b.lo:
		if b.lo == 0 {
			d.errorf(path, "must be positive, got %v%s", x, unit)
		} else {
			d.errorf(path, "must be more than %v%s, got %v", b.lo, unit, x)
		}
		return false
	case x < b.lo:
		if b.lo == 0 {
			d.errorf(path, "must not be negative, got %v%s", x, unit)
		} else {
			d.errorf(path, "must be at least %v%s, got %v", b.lo, unit, x)
		}
		return false
	case x > b.hi:
		if strings.HasSuffix(unit, ")") { // " (coefficient of variation)"
			d.errorf(path, "must be at most %v%s; larger is absurd), got %v", b.hi, unit[:len(unit)-1], x)
		} else {
			d.errorf(path, "must be at most %v%s (larger is absurd), got %v", b.hi, unit, x)
		}
		return false
	}
	return true
}

// toNumber converts an integer or float TOML value.
func toNumber(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// number reads a number (integer or float) within b; def if absent or wrong.
func (t *table) number(k string, def float64, b bounds) float64 {
	v, ok := t.lookup(k)
	if !ok {
		return def
	}
	return t.d.number(t.at(k), v, def, b)
}

func (d *decoder) number(path string, v any, def float64, b bounds) float64 {
	x, ok := toNumber(v)
	if !ok {
		d.errorf(path, "expected a number, got %s", describe(v))
		return def
	}
	if !d.checkNumber(path, x, b) {
		return def
	}
	return x
}

func (t *table) prob(k string, def float64) float64 { return t.number(k, def, probability) }

// integer reads a whole number within [lo, hi].
func (t *table) integer(k string, def, lo, hi int64, unit string) int64 {
	v, ok := t.lookup(k)
	if !ok {
		return def
	}
	return t.d.integer(t.at(k), v, def, lo, hi, unit)
}

func (d *decoder) integer(path string, v any, def, lo, hi int64, unit string) int64 {
	n, ok := v.(int64)
	if !ok {
		if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && !math.IsInf(f, 0) {
			d.errorf(path, "expected an integer, got %v (write it without a decimal point)", f)
		} else if big, isBig := v.(bigInteger); isBig {
			d.errorf(path, "integer out of range: %s is outside the integers TOML holds, −2^63 to 2^63−1 (%d)", string(big), int64(math.MaxInt64))
		} else {
			d.errorf(path, "expected an integer, got %s", describe(v))
		}
		return def
	}
	if n < lo || n > hi {
		// as checkNumber says it, with the integer written out (2000000000, not 2e+09)
		u := ""
		if unit != "" {
			u = " " + unit
		}
		switch {
		case n < lo && lo == 0:
			d.errorf(path, "must not be negative, got %d%s", n, u)
		case n < lo:
			if lo == 1 { // "at least 1 lane", not "1 lanes"
				u = strings.TrimSuffix(u, "s")
			}
			d.errorf(path, "must be at least %d%s, got %d", lo, u, n)
		default:
			d.errorf(path, "must be at most %d%s (larger is absurd), got %d", hi, u, n)
		}
		return def
	}
	return n
}

// duration reads a duration string in seconds; set reports whether the
// key was given (and valid).
func (t *table) duration(k string, def float64) (sec float64, set bool) {
	v, ok := t.lookup(k)
	if !ok {
		return def, false
	}
	sec, ok = t.d.duration(t.at(k), v)
	if !ok {
		return def, false
	}
	return sec, true
}

func (d *decoder) duration(path string, v any) (float64, bool) {
	return ExpectDuration(d.errorf, path, v)
}

// list returns the elements of an inline array, or nil with an error.
func (t *table) list(k, example string) ([]any, bool) {
	v, ok := t.lookup(k)
	if !ok {
		return nil, false
	}
	a, ok := v.([]any)
	if !ok {
		t.d.errorf(t.at(k), "expected an array like %s, got %s", example, describe(v))
		return nil, false
	}
	return a, true
}

// numbers reads an array of numbers within b; n > 0 requires that length.
func (t *table) numbers(k string, n int, b bounds, example string) ([]float64, bool) {
	a, ok := t.list(k, example)
	if !ok {
		return nil, false
	}
	if n > 0 && len(a) != n {
		t.d.errorf(t.at(k), "expected %d numbers, got %d", n, len(a))
		return nil, false
	}
	out := make([]float64, len(a))
	good := true
	for i, e := range a {
		x, ok := toNumber(e)
		p := indexPath(t.at(k), i)
		if !ok {
			t.d.errorf(p, "expected a number, got %s", describe(e))
			good = false
			continue
		}
		if !t.d.checkNumber(p, x, b) {
			good = false
		}
		out[i] = x
	}
	return out, good
}
