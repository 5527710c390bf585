package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"borderflow/bug"
	"borderflow/sim"

	"github.com/BurntSushi/toml"
)

// This file is the TOML shape users write (documented key by key in
// docs/SCENARIOS.md): one function per section, each reading its tables
// through the accessors in table.go and filling the Scenario. Sections run
// in an order that lets later ones check references to earlier ones:
// concealments, classes, drugs and profiles, then ports (which name
// classes, methods and concealments), then loads and surges (which name
// ports). A new section is a new function called from decode.

// Limits beyond which a value is taken for a typo rather than a plan.
const (
	maxVolume       = 1e9   // vehicles a year at one lane (all US–Mexico ports: 8.5e7)
	maxBooths       = 10000 // booths or servers at one port
	maxLot          = 1e6   // places in a secondary lot
	maxReplications = 10000 // replications of one run
	maxBins         = 1e7   // time-series bins over the horizon (MaxBins)
	maxHorizon      = MaxHorizon
	maxLoadsPerYear = 1e7
	maxValue        = 1e9 // USD per kg
	// maxValueOfTime bounds a vehicle-hour's value, as own_value_of_time
	// is bounded: at 1e9 a day of an overloaded lane cost more than the
	// charts take (1e15 USD), and the run failed after simulating.
	maxValueOfTime = 1e6
	// maxHitFactor bounds a drug's target_hit_factor: past a thousand the
	// lanes' target_hit is a typo rather than intelligence.
	maxHitFactor  = 1000
	maxMultiplier = 1e6 // a profile entry
)

// DefaultConcealments are the model's concealment methods (docs/SOURCES.md,
// "Concealment methods"), used when a scenario does not list its own.
var DefaultConcealments = []string{"hidden_compartment", "commingled", "manifest_fraud", "liquid_bottles", "vehicle_cavity"}

// Parse decodes and checks a scenario written in TOML. name is the file
// name shown in messages (and, without directory and extension, the
// scenario's name when it has no name key). Problems come back as Errors:
// every problem found, one per line, as FILE:LINE: KEY: MSG.
func Parse(name string, data []byte) (*Scenario, error) {
	return parse(name, name, data, nil)
}

// parse decodes data with the overrides applied to the TOML document
// first, in order, so that they pass every check the file's own keys do.
func parse(file, source string, data []byte, ovs []Override) (*Scenario, error) {
	if err := checkShape(file, data); err != nil {
		return nil, Errors{err}
	}
	raw, err := decodeTOML(data)
	if bug.Is(err) {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err != nil {
		return nil, Errors{syntaxError(file, err)}
	}
	d := &decoder{file: file, lines: ScanKeyLines(string(data)), s: &Scenario{Source: source,
		origin: &origin{file: file, source: source, data: data, overrides: ovs}}}
	if e := otherKind(file, d.lines, raw); e != nil {
		return nil, Errors{e}
	}
	var bad Errors
	for _, o := range ovs {
		canon, err := o.apply(raw)
		if err != nil {
			// "port[9]: out of range" is said of the element, which
			// becomes the key, so that it is not named twice.
			key, msg := o.Path, err.Error()
			if at, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(o.Path, at) {
				key, msg = at, rest
			}
			bad = append(bad, &Error{File: o.Arg, Key: key, Msg: msg})
			continue
		}
		d.overridden = append(d.overridden, overridden{path: canon, arg: o.Arg})
	}
	if len(bad) > 0 {
		return nil, bad
	}
	d.decode(raw, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	if len(d.errs) == 0 {
		// The rules between sections and the limits live in Validate, the
		// one check every way of building a scenario ends in.
		if err := d.s.Validate(); err != nil {
			for _, e := range err.(Errors) {
				d.errorf(e.Key, "%s", e.Msg)
			}
		}
	}
	if len(d.errs) > 0 {
		d.errs.sortByLine()
		return nil, d.errs
	}
	return d.s, nil
}

// otherKind recognises the other TOML files borderflow reads, a sweep's
// policies file and an optimiser's budget, given where a scenario is
// expected: each key was otherwise reported as unknown, with "horizon:
// required" and "no ports", and not what the file is.
func otherKind(file string, lines KeyLines, raw map[string]any) *Error {
	if _, ok := raw["port"]; ok {
		return nil
	}
	for _, k := range []struct{ key, what string }{
		{"policy", "this is a policies file ([[policy]] tables), for sweep -policies FILE (docs/POLICIES.md)"},
		{"resource", "this is a budget file ([[resource]] tables), for optimise -budget FILE (docs/OPTIMISE.md)"},
	} {
		if _, ok := raw[k.key]; ok {
			return &Error{File: file, Line: lines.Line(k.key), Key: k.key, Msg: k.what + ", not a scenario ([[port]] tables)"}
		}
	}
	return nil
}

// Limits on the raw text, checked before the TOML reader sees it: the
// reader's time grows with the square of a dotted key's depth (a 3,000-part
// key takes it a third of a second), and no scenario needs lines or files
// anywhere near these sizes (the whole-border scenario is 150 KB with lines
// under 400 characters).
const (
	maxFileBytes = 8 << 20
	maxLineBytes = 4096
)

// checkShape refuses files too big or with lines too long to be scenarios.
func checkShape(file string, data []byte) *Error {
	if len(data) > maxFileBytes {
		return &Error{File: file, Key: "(file)", Msg: fmt.Sprintf("%d bytes: a scenario is at most %d MB", len(data), maxFileBytes>>20)}
	}
	line, start := 1, 0
	for i, c := range data {
		if c != '\n' {
			continue
		}
		if i-start > maxLineBytes {
			return &Error{File: file, Line: line, Key: "(line)", Msg: fmt.Sprintf("%d characters: lines are at most %d", i-start, maxLineBytes)}
		}
		line, start = line+1, i+1
	}
	if len(data)-start > maxLineBytes {
		return &Error{File: file, Line: line, Key: "(line)", Msg: fmt.Sprintf("%d characters: lines are at most %d", len(data)-start, maxLineBytes)}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte{'\n'})
		return &Error{File: file, Line: line, Key: "(text)", Msg: "not valid UTF-8: a TOML file is UTF-8 text"}
	}
	if line, ok := checkNesting(data); !ok {
		return &Error{File: file, Line: line, Key: "(nesting)", Msg: fmt.Sprintf("arrays and inline tables nested more than %d deep: no scenario needs that", maxNesting)}
	}
	return nil
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// maxNesting caps how deeply arrays and inline tables nest. The TOML
// reader recurses once per level, and a file of a million and a half
// opening brackets (one per line, within the size and line limits)
// overflowed Go's stack — a crash no recover catches — so the depth is
// counted here first. The shipped scenarios nest at most 4 deep (a
// mixture's parts inside a lane's inline table).
const maxNesting = 64

// checkNesting counts the nesting of [ and { outside strings and
// comments; it returns the line where the depth exceeds maxNesting.
// Table headers ([port], [[port]]) open and close on their line, so
// they count for 1 or 2 while they are read.
func checkNesting(data []byte) (line int, ok bool) {
	line, depth := 1, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i-- // the newline is counted by the loop
		case '"', '\'':
			triple := i+2 < len(data) && data[i+1] == c && data[i+2] == c
			if triple {
				i += 3
				for i < len(data) && !(data[i] == c && i+2 < len(data) && data[i+1] == c && data[i+2] == c) {
					if data[i] == '\n' {
						line++
					}
					if c == '"' && data[i] == '\\' {
						i++
						if i < len(data) && data[i] == '\n' {
							line++
						}
					}
					i++
				}
				i += 2
				continue
			}
			for i++; i < len(data) && data[i] != c && data[i] != '\n'; i++ {
				if c == '"' && data[i] == '\\' {
					i++
				}
			}
			if i < len(data) && data[i] == '\n' {
				line++
			}
		case '[', '{':
			depth++
			if depth > maxNesting {
				return line, false
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return line, true
}

// decodeTOML parses TOML into the library's generic tree. It never
// panics: a panic inside the library on some odd input becomes a
// bug.Error (exit 3: the program's fault, not the file's).
func decodeTOML(data []byte) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, bug.Recovered("the TOML reader", r)
		}
	}()
	raw = map[string]any{}
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// syntaxError turns the library's error into an Error with its line.
func syntaxError(file string, err error) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Line: pe.Position.Line, Key: pe.LastKey, Msg: "TOML syntax: " + pe.Message}
	}
	var ppe *toml.ParseError
	if errors.As(err, &ppe) {
		return &Error{File: file, Line: ppe.Position.Line, Key: ppe.LastKey, Msg: "TOML syntax: " + ppe.Message}
	}
	return &Error{File: file, Msg: "TOML: " + err.Error()}
}

// decode reads the whole document.
func (d *decoder) decode(raw map[string]any, defaultName string) {
	top := d.newTable("", raw)
	d.broken = map[string]bool{}
	d.lost = map[string]map[string]bool{}
	d.lostLane = map[[2]int]bool{}
	d.unknownVolume = map[[2]int]bool{}
	d.settings(top, defaultName)
	d.concealments(top)
	d.classes(top)
	d.drugs(top)
	d.profileSection(top)
	d.ports(top)
	d.loads(top)
	d.surges(top)
	d.organisations(top)
	d.response(top)    // response.go
	d.checkpoints(top) // checkpoint.go
	d.market(top)      // market.go
	top.done()
}

// settings reads the top-level keys: name, run length and statistics.
func (d *decoder) settings(top *table, defaultName string) {
	s := d.s
	s.Name = top.str("name", defaultName)
	if err := CheckName(s.Name); err != nil {
		d.errorf("name", "%v", err)
	}
	s.Description = top.str("description", "")
	s.Start = d.startDate(top)
	s.Seed = uint64(top.integer("seed", 1, 0, math.MaxInt64, ""))
	s.Replications = int(top.integer("replications", 1, 1, maxReplications, ""))

	h, ok := top.duration("horizon", 0)
	switch {
	case !ok && !top.has("horizon"):
		d.errorf("horizon", `required: the simulated time after the warm-up, e.g. horizon = "365d"`)
	case ok && h <= 0:
		d.errorf("horizon", "must be positive")
		ok = false
	case ok && h > maxHorizon:
		d.errorf("horizon", "must be at most 36500d (a century), got %s", FormatDuration(h))
		ok = false
	}
	s.Horizon = h
	// The warm-up against the horizon, and the bins and decision periods
	// against both, are Validate's (validate.go).
	s.Warmup, _ = top.duration("warmup", 0)

	bin, bok := top.duration("bin", Hour)
	if bok && bin <= 0 {
		d.errorf("bin", "must be positive")
	}
	s.BinWidth = bin

	dp, dok := top.duration("decision_period", Week)
	if dok && dp <= 0 {
		d.errorf("decision_period", "must be positive")
	}
	s.DecisionPeriod = dp
}

// concealments reads the list of concealment method names.
func (d *decoder) concealments(top *table) {
	d.concealIdx = map[string]int{}
	list := DefaultConcealments
	if top.has("concealments") {
		raw, ok := top.list("concealments", `["hidden_compartment", "commingled"]`)
		if !ok {
			raw = nil
			d.broken["concealment"] = true // every detect table would be "unknown"
		}
		list = nil
		for i, e := range raw {
			p := indexPath("concealments", i)
			name, isStr := e.(string)
			switch {
			case !isStr:
				d.errorf(p, "expected a concealment name, got %s", describe(e))
				d.broken["concealment"] = true
				continue
			case strings.TrimSpace(name) == "":
				d.errorf(p, "must not be empty")
				d.broken["concealment"] = true
				continue
			case nameChars(name) != "":
				d.errorf(p, "%s: use letters, digits and underscores", nameChars(name))
				d.broken["concealment"] = true
				continue
			}
			if _, dup := d.concealIdx[name]; dup {
				d.errorf(p, "concealment %q is listed twice", name)
				continue
			}
			d.concealIdx[name] = len(list)
			list = append(list, name)
		}
		if ok && len(list) == 0 && len(raw) == 0 {
			d.errorf("concealments", "needs at least one concealment method (or leave it out for the default list)")
		}
	} else {
		for i, c := range list {
			d.concealIdx[c] = i
		}
	}
	d.s.Concealments = append([]string(nil), list...)
}

// named returns the sub-tables of a [section.NAME] table, sorted by name
// so that the order of the indices does not depend on map iteration.
func (d *decoder) named(top *table, section, example string) []*table {
	st := top.sub(section, example)
	if st == nil {
		if top.has(section) {
			d.broken[section] = true
		}
		return nil
	}
	var out []*table
	for _, name := range sortedKeys(st.m) {
		st.known[name] = true
		if strings.TrimSpace(name) == "" {
			d.errorf(st.at(name), "a %s name must not be empty", section)
			continue
		}
		if msg := nameChars(name); msg != "" {
			// The key quoted, as TOML writes it: its characters raw
			// would be printed into the message.
			d.errorf(st.at(strconv.Quote(name)), "%s: use letters, digits, spaces and punctuation", msg)
			d.lose(section, name)
			st.known[name] = true
			continue
		}
		if t := d.asTable(st.at(name), st.m[name], example); t != nil {
			out = append(out, t)
		} else {
			d.lose(section, name)
		}
	}
	return out
}

// lastPart is the name of a [section.NAME] table.
func lastPart(t *table, section string) string { return strings.TrimPrefix(t.path, section+".") }

// classes reads [class.NAME] tables. Classes are sorted by name.
func (d *decoder) classes(top *table) {
	d.classIdx = map[string]int{}
	for _, t := range d.named(top, "class", "[class.truck]") {
		name := lastPart(t, "class")
		c := Class{Name: name, ValueOfTime: t.number("value_of_time", 0, bounds{lo: 0, hi: maxValueOfTime, unit: "USD per vehicle-hour"})}
		d.classIdx[name] = len(d.s.Classes)
		d.s.Classes = append(d.s.Classes, c)
		t.done()
	}
}

// drugs reads [drug.NAME] tables. Drugs are sorted by name.
func (d *decoder) drugs(top *table) {
	d.drugIdx = map[string]int{}
	for _, t := range d.named(top, "drug", "[drug.fentanyl]") {
		name := lastPart(t, "drug")
		g := Drug{Name: name, ValuePerKg: t.number("value_per_kg", 0, bounds{lo: 0, hi: maxValue, unit: "USD per kg"}),
			TargetHitFactor: t.number("target_hit_factor", 1, bounds{lo: 0, hi: maxHitFactor, unit: "(a multiplier of the lanes' target_hit)"})}
		if g.TargetHitFactor == 0 && t.has("target_hit_factor") {
			d.errorf(t.at("target_hit_factor"), "target_hit_factor must be above 0 (1: the lanes' own target_hit)")
		}
		if t.has("flow_range") {
			if r, ok := t.numbers("flow_range", 2, bounds{lo: 0, hi: 1e6, unit: "(a multiplier of the flows)"}, "[0.5, 2]"); ok {
				if !(r[0] > 0 && r[0] <= 1 && r[1] >= 1) {
					d.errorf(t.at("flow_range"), "flow_range must be [low, high] with 0 < low ≤ 1 ≤ high (multipliers of the scenario's flows of the drug), got %v", r)
				} else {
					g.FlowRange = [2]float64{r[0], r[1]}
				}
			}
		}
		d.drugIdx[name] = len(d.s.Drugs)
		d.s.Drugs = append(d.s.Drugs, g)
		t.done()
	}
}

// profile is an arrival profile: multipliers with mean 1.
type profile struct {
	hours [24]float64
	days  [7]float64
}

// flatProfile has every multiplier 1.
func flatProfile() profile {
	var p profile
	for i := range p.hours {
		p.hours[i] = 1
	}
	for i := range p.days {
		p.days[i] = 1
	}
	return p
}

// profileSection reads [profile.NAME] tables.
func (d *decoder) profileSection(top *table) {
	d.profiles = map[string]profile{}
	for _, t := range d.named(top, "profile", "[profile.commercial]") {
		d.profiles[lastPart(t, "profile")] = d.readProfile(t)
		t.done()
	}
}

// readProfile reads hours (24 numbers) and days (7 numbers, Monday first)
// from t, each normalised to mean 1; a missing list is flat.
func (d *decoder) readProfile(t *table) profile {
	p := flatProfile()
	b := bounds{lo: 0, hi: maxMultiplier, unit: ""}
	if h, ok := t.numbers("hours", 24, b, "[24 numbers, hour 0 to 23]"); ok {
		if normalise(h) {
			copy(p.hours[:], h)
		} else {
			d.errorf(t.at("hours"), "the hour multipliers must not all be 0")
		}
	}
	if w, ok := t.numbers("days", 7, b, "[7 numbers, Monday to Sunday]"); ok {
		if normalise(w) {
			copy(p.days[:], w)
		} else {
			d.errorf(t.at("days"), "the day multipliers must not all be 0")
		}
	}
	return p
}

// daysInMonth are the months of the model's 365-day year.
var daysInMonth = [12]float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// months reads a lane's months (12 multipliers, January first), scaled so
// that their mean weighted by the days of each month is 1; none is flat.
func (d *decoder) months(t *table) [12]float64 {
	out := [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	m, ok := t.numbers("months", 12, bounds{lo: 0, hi: maxMultiplier, unit: ""}, "[12 numbers, January to December]")
	if !ok {
		return out
	}
	sum := 0.0
	for i, x := range m {
		sum += x * daysInMonth[i]
	}
	if !(sum > 0) {
		d.errorf(t.at("months"), "the month multipliers must not all be 0")
		return out
	}
	for i, x := range m {
		out[i] = x * 365 / sum
	}
	return out
}

// normalise scales x to mean 1; false if it sums to 0.
func normalise(x []float64) bool {
	sum := 0.0
	for _, v := range x {
		sum += v
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return false
	}
	n := float64(len(x))
	for i := range x {
		x[i] *= n / sum
	}
	return true
}

// ref reads a required reference by name to something defined elsewhere
// (a port, class, drug, concealment, method) and returns its index, or -1.
func (d *decoder) ref(t *table, k, what string, idx map[string]int) int {
	name, ok := t.name(k, what)
	if !ok {
		return -1
	}
	return d.resolve(t.at(k), name, what, idx)
}

// lose records that the definition of name (a class, drug, profile) could
// not be read, so that references to it are not reported as well.
func (d *decoder) lose(what, name string) {
	if d.lost[what] == nil {
		d.lost[what] = map[string]bool{}
	}
	d.lost[what][name] = true
}

// allTables reports whether every element of the array at key k of t
// became one of the n tables read from it (or the key is absent): an
// element that is not a table was reported, and its name is unknown.
func allTables(t *table, k string, n int) bool {
	switch v := t.m[k].(type) {
	case nil:
		return true
	case []map[string]any:
		return len(v) == n
	case []any:
		return len(v) == n
	}
	return false
}

// resolve looks a name up among what is defined.
func (d *decoder) resolve(path, name, what string, idx map[string]int) int {
	if i, ok := idx[name]; ok {
		return i
	}
	if d.broken[what] || d.lost[what][name] {
		return -1 // already reported: the section or the definition is broken
	}
	list := names(idx)
	d.errorf(path, "unknown %s %q%s (defined: %s)", what, name, DidYouMean(name, list), oneOf(list))
	return -1
}

// ports reads the [[port]] array.
func (d *decoder) ports(top *table) {
	d.portIdx = map[string]int{}
	list := top.tableList("port", "[[port]]")
	if len(list) == 0 && !top.has("port") {
		d.errorf("port", "no ports: a scenario needs at least one [[port]]")
	}
	if len(list) > MaxPorts {
		// Validate's limit, said before decoding a hundred thousand ports
		d.errorf("port", "%s", tooManyPorts(len(list)))
		d.broken["port"] = true
		for _, t := range list {
			t.knowAll()
		}
		return
	}
	if !allTables(top, "port", len(list)) {
		d.broken["port"] = true // an element that is not a table has no name
	}
	lower := map[string]named{}
	for _, t := range list {
		p, laneOf := d.port(t)
		if p.Name == "" {
			d.broken["port"] = true // its name was missing or not a string
		}
		if p.Name != "" {
			if prev, dup := lower[strings.ToLower(p.Name)]; dup {
				d.errorf(t.at("name"), "duplicate port name %q (already used by %s)", p.Name, prev.by(p.Name))
			} else {
				lower[strings.ToLower(p.Name)] = named{p.Name, t.path}
				d.portIdx[p.Name] = len(d.s.Ports)
			}
		}
		d.s.Ports = append(d.s.Ports, p)
		d.laneOf = append(d.laneOf, laneOf)
	}
}

// port reads one [[port]] with its methods and lanes. laneOf maps class
// index to lane index.
func (d *decoder) port(t *table) (Port, map[int]int) {
	defer t.done()
	var p Port
	p.Name, _ = t.name("name", "the port name")
	p.State = t.label("state", "")
	wait, waitSet := t.duration("pressure_wait", 0)
	p.PressureWait = wait
	p.PressureFactor = t.prob("pressure_factor", 1)
	if t.has("pressure_factor") && !waitSet && !t.has("pressure_wait") {
		d.errorf(t.at("pressure_factor"), "has no effect without pressure_wait (the primary wait above which referrals are cut)")
	}

	methodIdx := map[string]int{}
	methods := t.tableList("method", "[[port.method]]")
	// A method whose name cannot be read makes the port's steps' methods
	// unknowable: they are not reported as unknown too.
	d.broken["method"] = !allTables(t, "method", len(methods))
	defer delete(d.broken, "method")
	for _, mt := range methods {
		m := d.method(mt)
		if m.Name == "" {
			d.broken["method"] = true
		}
		if m.Name != "" {
			if _, dup := methodIdx[m.Name]; dup {
				d.errorf(mt.at("name"), "duplicate method name %q at this port", m.Name)
			} else {
				methodIdx[m.Name] = len(p.Methods)
			}
		}
		p.Methods = append(p.Methods, m)
	}

	laneOf := map[int]int{}
	lt := t.sub("lane", "[port.lane.truck]")
	if lt == nil {
		if t.has("lane") { // not a table: none of its lanes can be read
			for c := range d.s.Classes {
				d.lostLane[[2]int{len(d.s.Ports), c}] = true
			}
		}
		return p, laneOf
	}
	// Lanes in class order, whatever the order in the file.
	var byClass []*table
	var classOf []int
	for _, cname := range sortedKeys(lt.m) {
		lt.known[cname] = true
		c := d.resolve(lt.at(cname), cname, "class", d.classIdx)
		ct := d.asTable(lt.at(cname), lt.m[cname], "[port.lane.truck]")
		if c < 0 || ct == nil {
			if ct != nil {
				ct.knowAll()
			}
			if c >= 0 {
				d.lostLane[[2]int{len(d.s.Ports), c}] = true
			}
			continue
		}
		byClass = append(byClass, ct)
		classOf = append(classOf, c)
	}
	for range byClass {
		// selection by smallest class index: at most a handful of lanes
		best := -1
		for i := range byClass {
			if byClass[i] != nil && (best < 0 || classOf[i] < classOf[best]) {
				best = i
			}
		}
		laneOf[classOf[best]] = len(p.Lanes)
		d.curLanes = p.Lanes
		p.Lanes = append(p.Lanes, d.lane(byClass[best], classOf[best], methodIdx))
		byClass[best] = nil
	}
	lt.done()
	return p, laneOf
}

// method reads one [[port.method]]: a secondary inspection method.
func (d *decoder) method(t *table) Method {
	defer t.done()
	var m Method
	m.Name, _ = t.name("name", "the method name")
	if !t.has("servers") {
		d.errorf(t.path, "servers is required (inspection teams, scanners or docks working in parallel)")
	}
	m.Servers = int(t.integer("servers", 1, 1, maxBooths, ""))
	m.Time = t.dist("time", timeDist, true)
	m.FalseAlarm = t.prob("false_alarm", 0)

	m.Detect = d.detectTable(t, true)
	return m
}

// lane reads one [port.lane.CLASS] table.
func (d *decoder) lane(t *table, class int, methodIdx map[string]int) Lane {
	defer t.done()
	l := Lane{Class: class}

	annualSet, dailySet := t.has("annual_volume"), t.has("daily_volume")
	switch {
	case annualSet && dailySet:
		d.errorf(t.at("daily_volume"), "give annual_volume or daily_volume, not both")
	case !annualSet && !dailySet:
		d.errorf(t.path, "needs annual_volume (vehicles a year) or daily_volume (vehicles a day)")
	}
	nerr := len(d.errs)
	annual := t.number("annual_volume", 0, bounds{lo: 0, hi: maxVolume, unit: "vehicles a year"})
	if dailySet && !annualSet {
		annual = 365 * t.number("daily_volume", 0, bounds{lo: 0, hi: maxVolume / 365, unit: "vehicles a day"})
	}
	if len(d.errs) > nerr || annualSet == dailySet {
		d.unknownVolume[[2]int{len(d.s.Ports), len(d.curLanes)}] = true
	}
	l.AnnualVolume = annual
	l.Rate = annual / (365 * Day)

	p := d.laneProfile(t)
	l.HourProfile, l.DayProfile = p.hours, p.days
	l.MonthProfile = d.months(t)

	// (a lane with traffic and no booth ever open is Validate's to refuse)
	staff, rostered := d.staffing(t) // staffing.go
	switch {
	case rostered && t.has("booths"):
		d.errorf(t.at("booths"), "give booths (by hour) or a staffing roster, not both")
	case rostered:
		l.Staffing = staff
		l.Booths = staff.Booths()
	case t.has("booths"):
		l.Booths = d.booths(t)
	case l.Rate > 0 && !t.has("staffing"): // a staffing of the wrong type is reported as such
		d.errorf(t.path, "booths is required: primary booths open, a number or 24 numbers (hour 0 to 23), or a [staffing] roster")
	}

	l.PrimaryTime = t.dist("primary_time", timeDist, l.Rate > 0)
	if l.PrimaryTime == nil {
		l.PrimaryTime = zeroTime
	}
	l.Referral = Referral{
		Rate:        t.prob("referral_rate", 0),
		TargetHit:   t.prob("target_hit", 0),
		TargetFalse: t.prob("target_false", 0),
	}
	l.LotCapacity = int(t.integer("lot_capacity", 0, 0, maxLot, "places"))
	l.Steps = d.steps(t, methodIdx)
	l.PrePrimary = d.prePrimary(t, l.Steps)
	l.Trusted = d.trusted(t, &l) // trusted.go
	switch full := t.str("when_lot_full", "release"); full {
	case "release":
	case "hold":
		l.HoldWhenFull = true
	default:
		d.errorf(t.at("when_lot_full"), "want \"release\" (wave the vehicle through uninspected) or \"hold\" (it waits at the booth for a place), got %q", full)
	}
	// A lot without a sequence, or a sequence without a lot: Validate.
	return l
}

// zeroTime is the primary time of a lane without traffic.
var zeroTime sim.Dist = sim.Constant{}

// laneProfile reads the lane's arrival profile: a named profile, an
// inline profile = { hours = [...], days = [...] }, hours and days given
// in the lane itself, or nothing (flat).
func (d *decoder) laneProfile(t *table) profile {
	inline := t.has("hours") || t.has("days")
	v, ok := t.lookup("profile")
	if !ok {
		return d.readProfile(t)
	}
	if inline {
		d.errorf(t.at("profile"), "give either profile or hours/days, not both")
		return flatProfile()
	}
	switch v := v.(type) {
	case string:
		if p, ok := d.profiles[v]; ok {
			return p
		}
		if d.broken["profile"] || d.lost["profile"][v] {
			return flatProfile() // its definition was reported
		}
		list := sortedKeys(d.profiles)
		d.errorf(t.at("profile"), "unknown profile %q%s (defined: %s)", v, DidYouMean(v, list), oneOf(list))
	case map[string]any:
		pt := d.newTable(t.at("profile"), v)
		p := d.readProfile(pt)
		pt.done()
		return p
	default:
		d.errorf(t.at("profile"), "expected a profile name or { hours = [...], days = [...] }, got %s", describe(v))
	}
	return flatProfile()
}

// booths reads the primary booths: one number for every hour, or 24.
func (d *decoder) booths(t *table) [24]int {
	var out [24]int
	v, _ := t.lookup("booths")
	path := t.at("booths")
	switch v := v.(type) {
	case int64:
		n := int(d.integer(path, v, 0, 0, maxBooths, "booths"))
		for h := range out {
			out[h] = n
		}
	case []any:
		if len(v) != 24 {
			d.errorf(path, "expected one number or 24 numbers (booths open in hour 0 to 23), got %d numbers", len(v))
			return out
		}
		for h, e := range v {
			out[h] = int(d.integer(indexPath(path, h), e, 0, 0, maxBooths, "booths"))
		}
	default:
		d.integer(path, v, 0, 0, maxBooths, "booths") // reports the type
	}
	return out
}

// steps reads the secondary sequence.
func (d *decoder) steps(t *table, methodIdx map[string]int) []Step {
	var out []Step
	// (a first step that runs only on alarm is Validate's to refuse)
	list := t.tableList("secondary", `[{ method = "imaging" }, { method = "unload", only_on_alarm = true }]`)
	d.lostStep = !allTables(t, "secondary", len(list))
	for _, st := range list {
		m := d.ref(st, "method", "method", methodIdx)
		nerr := len(d.errs)
		alarm := st.boolean("only_on_alarm", false)
		st.done()
		if len(d.errs) > nerr {
			d.lostStep = true // a bad only_on_alarm was read as false
		}
		if m >= 0 {
			out = append(out, Step{Method: m, OnlyOnAlarm: alarm})
		} else {
			d.lostStep = true
		}
	}
	return out
}

// laneIndex returns the lane of class at port, reporting when there is none.
func (d *decoder) laneIndex(path string, port, class int) int {
	if port < 0 || class < 0 || port >= len(d.laneOf) {
		return -1
	}
	if l, ok := d.laneOf[port][class]; ok {
		return l
	}
	if d.lostLane[[2]int{port, class}] {
		return -1 // its table was reported
	}
	d.errorf(path, "port %q has no %s lane", d.s.Ports[port].Name, d.s.Classes[class].Name)
	return -1
}

// loads reads the [[load]] array: fixed contraband flows.
func (d *decoder) loads(top *table) {
	for _, t := range top.tableList("load", "[[load]]") {
		f := LoadFlow{
			Drug:        d.ref(t, "drug", "drug", d.drugIdx),
			Port:        d.ref(t, "port", "port", d.portIdx),
			Concealment: d.ref(t, "concealment", "concealment", d.concealIdx),
		}
		class := d.ref(t, "class", "class", d.classIdx)
		f.Lane = d.laneIndex(t.at("class"), f.Port, class)
		if !t.has("loads_per_year") {
			d.errorf(t.path, "loads_per_year is required")
		}
		f.LoadsPerYear = t.number("loads_per_year", 0, bounds{lo: 0, hi: maxLoadsPerYear, unit: "loads a year"})
		f.Kg = t.dist("kg", kgDist, true)
		t.done()
		if f.Lane >= 0 && !d.unknownVolume[[2]int{f.Port, f.Lane}] {
			if v := d.s.Ports[f.Port].Lanes[f.Lane].AnnualVolume; f.LoadsPerYear > v {
				d.errorf(t.at("loads_per_year"), "more loads a year (%v) than vehicles in the lane (%v)", f.LoadsPerYear, v)
			}
		}
		if f.Drug >= 0 && f.Port >= 0 && f.Lane >= 0 && f.Concealment >= 0 && f.Kg != nil {
			d.s.Loads = append(d.s.Loads, f)
		}
	}
}

// surges reads the [[surge]] array: time-bounded reinforcements.
func (d *decoder) surges(top *table) {
	for _, t := range top.tableList("surge", "[[surge]]") {
		s := Surge{Port: d.ref(t, "port", "port", d.portIdx), SecondaryFactor: 1}
		start, _ := t.duration("start", 0)
		end, endOK := t.duration("end", 0)
		switch {
		case !t.has("end"):
			d.errorf(t.path, `end is required: when the surge ends, from the end of the warm-up, e.g. end = "30d"`)
		case endOK && end <= start:
			d.errorf(t.at("end"), "the surge must end after it starts (start %s, end %s)", FormatDuration(start), FormatDuration(end))
		}
		s.Start, s.End = start, end
		s.SecondaryFactor = t.number("secondary_factor", 1, bounds{lo: 0, loOpen: true, hi: 1000, unit: "(multiplier)"})

		var lanes int
		if s.Port >= 0 {
			lanes = len(d.s.Ports[s.Port].Lanes)
		}
		s.ExtraBooths = make([]int, lanes)
		s.ReferralRate = make([]float64, lanes)
		for i := range s.ReferralRate {
			s.ReferralRate[i] = -1
		}
		if bt := t.sub("extra_booths", "{ truck = 1 }"); bt != nil {
			for _, c := range d.byClass(bt, s.Port) {
				s.ExtraBooths[c.lane] = int(bt.integer(c.key, 0, 0, maxBooths, "booths"))
			}
			bt.done()
		}
		if rt := t.sub("referral_rate", "{ truck = 0.3 }"); rt != nil {
			for _, c := range d.byClass(rt, s.Port) {
				s.ReferralRate[c.lane] = rt.prob(c.key, -1)
			}
			rt.done()
		}
		t.done()
		if s.Port >= 0 {
			// Surges at one port may overlap: they compose (scenario.Surge).
			d.s.Surges = append(d.s.Surges, s)
		}
	}
}

type classKey struct {
	key  string
	lane int
}

// byClass resolves the keys of a { CLASS = value } table to lanes of port.
func (d *decoder) byClass(t *table, port int) []classKey {
	var out []classKey
	for _, k := range sortedKeys(t.m) {
		c, ok := d.classIdx[k]
		if !ok {
			t.known[k] = true
			d.resolve(t.at(k), k, "class", d.classIdx)
			continue
		}
		if port < 0 {
			t.known[k] = true
			continue
		}
		l := d.laneIndex(t.at(k), port, c)
		if l < 0 {
			t.known[k] = true
			continue
		}
		out = append(out, classKey{k, l})
	}
	return out
}
