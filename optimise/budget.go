package optimise

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"borderflow/bug"
	"borderflow/scenario"

	"github.com/BurntSushi/toml"
)

// A budget file, documented key by key in docs/OPTIMISE.md:
//
//	objective = "loads_seized"   # or "kg_seized", or "kg_delivered" (minimised)
//	total = 2000                 # the budget a day; default: the cost of the scenario's own allocation
//	replications = 4             # of every allocation scored (common random numbers)
//	confirm = 10                 # fresh replications for the best against the baseline
//	horizon = "14d"              # simulated time per replication (default: the scenario's)
//	max_evaluations = 300        # allocations scored at most
//	shifts = [6, 14, 22]         # hours the shifts start; each runs to the next
//
//	[[resource]]
//	kind = "booths"              # officers at primary booths, per port, class and shift
//	class = "truck"
//	cost = 1                     # a day, per booth open one hour
//	min = -2                     # change to the booths of every hour of the shift
//	max = 3
//	ports = ["Laredo", "Roma"]   # default: every port with the lane
//
//	[[resource]]
//	kind = "servers"             # secondary staff or canine teams: servers of a method
//	method = "canine"
//	cost = 24                    # a day, per server (staffed round the clock)
//	min = 1                      # servers at each port
//	max = 6
//	scales_referral = true       # the lanes it serves refer in proportion to its servers
//
//	[[resource]]
//	kind = "portals"             # pre-primary portals of a class
//	class = "truck"
//	cost = 48
//	min = 1
//	max = 4
//	scales_share = true          # the share scanned in proportion to the portals
//
//	[[limit]]
//	class = "truck"
//	stat = "p95"                 # or "mean": of the primary wait
//	minutes = 60
//	port = "Eagle Pass"          # default: every port with the class

// Objectives.
const (
	LoadsSeized = "loads_seized"
	KgSeized    = "kg_seized"
	KgDelivered = "kg_delivered"
)

// Resource kinds.
const (
	Booths  = "booths"
	Servers = "servers"
	Portals = "portals"
)

// Budget is a decoded budget file.
type Budget struct {
	File      string
	Objective string
	// Total is the budget a day; TotalSet false means the cost of the
	// scenario's own allocation (a gain then comes from reallocating).
	Total    float64
	TotalSet bool
	// Replications score each allocation; Confirm are fresh ones for the
	// final comparison of the best with the baseline.
	Replications, Confirm int
	Horizon               float64 // 0: the scenario's
	MaxEvaluations        int
	// Shifts are the hours the shifts start, ascending; shift i runs from
	// Shifts[i] to Shifts[i+1] (the last to the first, across midnight).
	Shifts    []int
	Resources []Resource
	Limits    []Limit

	lines scenario.KeyLines // for messages about names the scenario lacks
}

// Resource is one kind of staff or equipment the optimiser may move.
type Resource struct {
	Kind   string
	Class  string   // booths, portals
	Method string   // servers
	Ports  []string // nil: every port that has it
	Cost   float64
	// Min and Max bound each variable: for booths the change to the
	// booths of every hour of a shift, for servers and portals the count.
	Min, Max int
	// Scales (servers: scales_referral; portals: scales_share) makes the
	// port use what it is given: the lanes whose secondary starts with
	// the method refer in proportion to its servers (random rate and
	// targeting flags × servers ÷ the scenario's, at most 1, the lot
	// grown alike), or the portals scan a share in proportion to their
	// number. Without it a server or portal more only shortens queues.
	Scales bool

	path string // resource[i], for messages
}

// Limit is a cap on a primary wait statistic of one class.
type Limit struct {
	Class   string
	Stat    string // "mean" or "p95"
	Minutes float64
	Port    string // "": every port with the class

	path string
}

// ReadBudget reads a budget file as a scenario is read (a regular file,
// the size limit counted while reading, stopped when ctx is done);
// problems come back as scenario.Errors.
func ReadBudget(ctx context.Context, path string) (*Budget, error) {
	data, err := scenario.ReadFile(ctx, path)
	if err != nil {
		var e *scenario.Error
		if errors.As(err, &e) {
			return nil, scenario.Errors{e}
		}
		return nil, err
	}
	return ParseBudget(path, data)
}

// ParseBudget decodes a budget file strictly: unknown keys, wrong types
// and values out of range are errors, all of them at once, as
// FILE:LINE: KEY: MSG.
func ParseBudget(file string, data []byte) (*Budget, error) {
	// The text's shape first (size, line length, UTF-8, nesting): the
	// TOML reader recurses once per nested array, and a budget file of a
	// million and a half opening brackets overflowed the stack.
	if err := scenario.CheckText(file, data); err != nil {
		return nil, err
	}
	raw := map[string]any{}
	if err := decodeTOML(data, &raw); bug.Is(err) {
		return nil, fmt.Errorf("%s: %w", file, err)
	} else if err != nil {
		e := &scenario.Error{File: file, Msg: "TOML: " + err.Error()}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Line, e.Key, e.Msg = pe.Position.Line, pe.LastKey, "TOML syntax: "+pe.Message
		}
		return nil, scenario.Errors{e}
	}
	d := &decoder{file: file, lines: scenario.ScanKeyLines(string(data))}
	_, port := raw["port"]
	if _, res := raw["resource"]; port && !res {
		// A scenario given as -budget: its every key was unknown.
		return nil, scenario.Errors{{File: file, Line: d.lines.Line("port"), Key: "port",
			Msg: "[[port]] tables make a scenario, not a budget file: give it as optimise's SCENARIO, and -budget a file of [[resource]] tables (docs/OPTIMISE.md)"}}
	}
	b := &Budget{lines: d.lines, File: file, Objective: LoadsSeized, Replications: 4, Confirm: 10, MaxEvaluations: 300, Shifts: []int{6, 14, 22}}
	top := d.table("", raw)
	if v, ok := top.get("objective"); ok {
		if s, ok := d.str("objective", v); ok {
			switch s {
			case LoadsSeized, KgSeized, KgDelivered:
				b.Objective = s
			default:
				d.errorf("objective", `want "loads_seized", "kg_seized" or "kg_delivered" (minimised), got %q%s`, s,
					scenario.DidYouMean(s, []string{LoadsSeized, KgSeized, KgDelivered}))
			}
		}
	}
	if v, ok := top.get("total"); ok {
		if x, ok := d.number("total", v, 0, 1e15, "a budget ≥ 0"); ok {
			b.Total, b.TotalSet = x, true
		}
	}
	if v, ok := top.get("replications"); ok {
		b.Replications, _ = d.integer("replications", v, 2, 1000, "replications")
	}
	if v, ok := top.get("confirm"); ok {
		b.Confirm, _ = d.integer("confirm", v, 2, 10000, "replications")
	}
	if v, ok := top.get("max_evaluations"); ok {
		b.MaxEvaluations, _ = d.integer("max_evaluations", v, 1, 1000000, "evaluations")
	}
	if v, ok := top.get("horizon"); ok {
		if h, ok := scenario.ExpectDuration(d.errorf, "horizon", v); ok {
			switch {
			case h <= 0:
				d.errorf("horizon", "must be positive")
			case h > scenario.MaxHorizon:
				d.errorf("horizon", "must be at most 36500d (a century), got %s", scenario.FormatDuration(h))
			default:
				b.Horizon = h
			}
		}
	}
	if v, ok := top.get("shifts"); ok {
		list, isList := v.([]any)
		switch {
		case !isList:
			d.errorf("shifts", "expected the hours the shifts start, such as [6, 14, 22], got %s", describe(v))
		case len(list) == 0:
			d.errorf("shifts", "needs at least one hour a shift starts, such as [6, 14, 22]")
		}
		var hours []int
		all := true
		for i, e := range list {
			h, ok := d.integer("shifts["+strconv.Itoa(i)+"]", e, 0, 23, "(an hour of the day)")
			hours, all = append(hours, h), all && ok
		}
		// The order is checked only of hours that are all good: a bad one
		// would be reported again as out of order.
		if all && (!sort.IntsAreSorted(hours) || hasDup(hours)) {
			d.errorf("shifts", "the hours must be ascending and different, got %v", hours)
		}
		b.Shifts = hours
	}
	if v, ok := top.get("resource"); ok {
		list, isList := v.([]map[string]any)
		if !isList {
			d.errorf("resource", "expected [[resource]] tables, got %s", describe(v))
		}
		for i, m := range list {
			b.Resources = append(b.Resources, d.resource("resource["+strconv.Itoa(i)+"]", m))
		}
	}
	if len(b.Resources) == 0 {
		d.errorf("resource", "no resources: add at least one [[resource]] the optimiser may move")
	}
	if v, ok := top.get("limit"); ok {
		list, isList := v.([]map[string]any)
		if !isList {
			d.errorf("limit", "expected [[limit]] tables, got %s", describe(v))
		}
		for i, m := range list {
			b.Limits = append(b.Limits, d.limit("limit["+strconv.Itoa(i)+"]", m))
		}
	}
	top.done()
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool {
			li, lj := d.errs[i].Line, d.errs[j].Line
			return li != 0 && (lj == 0 || li < lj)
		})
		return nil, d.errs
	}
	return b, nil
}

func hasDup(x []int) bool {
	for i := 1; i < len(x); i++ {
		if x[i] == x[i-1] {
			return true
		}
	}
	return false
}

func (d *decoder) resource(path string, m map[string]any) Resource {
	t := d.table(path, m)
	defer t.done()
	r := Resource{path: path}
	if v, ok := t.get("kind"); !ok {
		d.errorf(path, `kind is required: "booths", "servers" or "portals"`)
	} else if s, ok := d.str(t.at("kind"), v); ok {
		switch s {
		case Booths, Servers, Portals:
			r.Kind = s
		default:
			d.errorf(t.at("kind"), `want "booths", "servers" or "portals", got %q%s`, s, scenario.DidYouMean(s, []string{Booths, Servers, Portals}))
		}
	}
	// A key given with the wrong type (class = 5) is reported as such,
	// not also as missing.
	_, hasClass := t.get("class")
	_, hasMethod := t.get("method")
	if v, ok := t.get("class"); ok {
		r.Class = d.name(t.at("class"), v, `the name of a vehicle class, such as "truck"`)
	}
	if v, ok := t.get("method"); ok {
		r.Method = d.name(t.at("method"), v, `the name of a secondary method, such as "canine"`)
	}
	switch {
	case (r.Kind == Booths || r.Kind == Portals) && !hasClass:
		d.errorf(path, "class is required for %s", r.Kind)
	case r.Kind == Servers && !hasMethod:
		d.errorf(path, "method is required for servers (the secondary method whose servers move, e.g. \"canine\")")
	case r.Kind == Servers && r.Class != "":
		d.errorf(t.at("class"), "servers belong to a method, not a class: give method")
	case r.Kind != Servers && r.Method != "":
		d.errorf(t.at("method"), "only servers have a method")
	}
	if v, ok := t.get("ports"); ok {
		list, isList := v.([]any)
		switch {
		case !isList:
			d.errorf(t.at("ports"), `expected a list of port names such as ["Laredo"], got %s`, describe(v))
		case len(list) == 0:
			// It was taken for every port, as if left out.
			d.errorf(t.at("ports"), `needs at least one port, such as ["Laredo"] (leave ports out for every port)`)
		}
		for i, e := range list {
			if s, ok := d.str(t.at("ports")+"["+strconv.Itoa(i)+"]", e); ok {
				r.Ports = append(r.Ports, s)
			}
		}
	}
	if v, ok := t.get("cost"); !ok {
		d.errorf(path, "cost is required: what one unit costs a day (booths: per booth open one hour)")
	} else {
		r.Cost, _ = d.number(t.at("cost"), v, 0, 1e12, "a cost ≥ 0")
	}
	for _, k := range []string{"scales_referral", "scales_share"} {
		v, ok := t.get(k)
		if !ok {
			continue
		}
		if want := map[string]string{Servers: "scales_referral", Portals: "scales_share"}[r.Kind]; want != k {
			d.errorf(t.at(k), "only %s have %s", map[string]string{"scales_referral": "servers", "scales_share": "portals"}[k], k)
			continue
		}
		bv, isB := v.(bool)
		if !isB {
			d.errorf(t.at(k), "expected true or false, got %s", describe(v))
		}
		r.Scales = bv
	}
	lo, hi := 0, 10000
	if r.Kind == Booths {
		lo = -10000
	}
	read := map[string]bool{} // min and max read: a bad one is reported once
	for _, k := range []string{"min", "max"} {
		v, ok := t.get(k)
		if !ok {
			d.errorf(path, "%s is required", k)
			continue
		}
		x, ok := d.integer(t.at(k), v, lo, hi, "")
		read[k] = ok
		if k == "min" {
			r.Min = x
		} else {
			r.Max = x
		}
	}
	if read["min"] && read["max"] && r.Max < r.Min {
		d.errorf(t.at("max"), "must be at least min (%d), got %d", r.Min, r.Max)
	}
	if (r.Kind == Servers || r.Kind == Portals) && r.Min < 1 && read["min"] {
		d.errorf(t.at("min"), "a port keeps at least one of its %s, got %d", r.Kind, r.Min)
	}
	return r
}

func (d *decoder) limit(path string, m map[string]any) Limit {
	t := d.table(path, m)
	defer t.done()
	l := Limit{Stat: "mean", path: path}
	if v, ok := t.get("class"); !ok {
		d.errorf(path, "class is required")
	} else {
		l.Class = d.name(t.at("class"), v, `the name of a vehicle class, such as "truck"`)
	}
	if v, ok := t.get("stat"); ok {
		if s, ok := d.str(t.at("stat"), v); ok {
			if s != "mean" && s != "p95" {
				d.errorf(t.at("stat"), `want "mean" or "p95", got %q`, s)
			}
			l.Stat = s
		}
	}
	if v, ok := t.get("minutes"); !ok {
		d.errorf(path, "minutes is required: the limit on the primary wait")
	} else {
		x, ok := d.number(t.at("minutes"), v, 0, 1e6, "minutes > 0")
		if ok && x == 0 {
			d.errorf(t.at("minutes"), "must be positive")
		}
		l.Minutes = x
	}
	if v, ok := t.get("port"); ok {
		l.Port, _ = d.str(t.at("port"), v)
	}
	return l
}

// decodeTOML never panics: a panic inside the library becomes a
// bug.Error (exit 3).
func decodeTOML(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = bug.Recovered("the TOML reader", r)
		}
	}()
	_, err = toml.Decode(string(data), v)
	return err
}

type decoder struct {
	file  string
	lines scenario.KeyLines
	errs  scenario.Errors
}

func (d *decoder) errorf(key, format string, args ...any) {
	if len(d.errs) >= 100 {
		return
	}
	d.errs = append(d.errs, &scenario.Error{File: d.file, Line: d.lines.Line(key), Key: key, Msg: fmt.Sprintf(format, args...)})
}

type table struct {
	d     *decoder
	path  string
	m     map[string]any
	known map[string]bool
}

func (d *decoder) table(path string, m map[string]any) *table {
	return &table{d: d, path: path, m: m, known: map[string]bool{}}
}

func (t *table) at(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

func (t *table) get(k string) (any, bool) {
	t.known[k] = true
	v, ok := t.m[k]
	return v, ok
}

// done reports the keys nobody asked for, suggesting a known one.
func (t *table) done() {
	var known []string
	for k := range t.known {
		known = append(known, k)
	}
	sort.Strings(known)
	var ks []string
	for k := range t.m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		if !t.known[k] {
			t.d.errorf(t.at(k), "unknown key%s (known here: %s)", scenario.DidYouMean(k, known), strings.Join(known, ", "))
		}
	}
}

// describe names a TOML value's kind as the scenario loader's messages do.
func describe(v any) string { return scenario.DescribeValue(v) }

func (d *decoder) str(path string, v any) (string, bool) {
	return scenario.ExpectString(d.errorf, path, v)
}

// name reads a name (of a class, a method, a port): a string, or a
// problem saying what the key expects.
func (d *decoder) name(path string, v any, what string) string {
	s, ok := v.(string)
	if !ok {
		d.errorf(path, "expected %s, got %s", what, describe(v))
	}
	return s
}

func (d *decoder) number(path string, v any, lo, hi float64, what string) (float64, bool) {
	return scenario.ExpectNumber(d.errorf, path, v, lo, hi, what)
}

// integer reads a whole number within [lo, hi] (unit, if any, follows
// them in the message); false, with lo, when it is not one.
func (d *decoder) integer(path string, v any, lo, hi int, unit string) (int, bool) {
	n, ok := v.(int64)
	if !ok {
		if f, isF := v.(float64); isF && f == math.Trunc(f) {
			d.errorf(path, "expected an integer, got %v (write it without a decimal point)", f)
		} else {
			d.errorf(path, "expected an integer, got %s", describe(v))
		}
		return lo, false
	}
	if n < int64(lo) || n > int64(hi) {
		if unit != "" {
			unit = " " + unit
		}
		d.errorf(path, "must be between %d and %d%s, got %d", lo, hi, unit, n)
		return lo, false
	}
	return int(n), true
}

// errorf is a problem with the budget found against the scenario.
func (b *Budget) errorf(key, format string, args ...any) error {
	return scenario.Errors{{File: b.File, Line: b.lines.Line(key), Key: key, Msg: fmt.Sprintf(format, args...)}}
}
