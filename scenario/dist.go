package scenario

import (
	"math"
	"strings"

	"borderflow/sim"
)

// distKind says what a distribution measures, which decides how its
// parameters are written: durations ("90s") for times, plain numbers for
// kilograms.
type distKind int

const (
	timeDist distKind = iota // seconds; parameters are duration strings
	kgDist                   // kilograms; parameters are numbers
	usdDist                  // USD per vehicle-hour; parameters are numbers
)

// maxUSDPerHour is the largest value of an hour accepted: a truck's whole
// cargo is worth tens of thousands of dollars a day (Perryman's figure
// over the Texas trucks is about 1,350 USD an hour); a million is a typo.
const maxUSDPerHour = 1e6

// maxKg is the heaviest load parameter accepted. The largest single load
// on record at a US land port is about 5,900 kg (13,101 lb of meth, Eagle
// Pass, February 2024, docs/SOURCES.md); a thousand tonnes is a typo.
const maxKg = 1e6

// distNames are the distributions a scenario can name, with the keys each
// takes.
var distParams = map[string][]string{
	"constant":    {"value"},
	"empirical":   {"values", "weights"},
	"exponential": {"mean"},
	"gamma":       {"mean", "cv"},
	"lognormal":   {"mean", "cv"},
	"mixture":     {"of"},
	"triangular":  {"min", "mode", "max"},
	"uniform":     {"min", "max"},
}

const distExample = `{ dist = "lognormal", mean = "90s", cv = 0.6 }`

// dist reads a distribution table under key k: dist = NAME and that
// distribution's parameters. It returns nil after reporting a problem.
func (t *table) dist(k string, kind distKind, required bool) sim.Dist {
	v, ok := t.lookup(k)
	if !ok {
		if required {
			example := distExample
			if kind == kgDist {
				example = `{ dist = "lognormal", mean = 50, cv = 1.5 }`
			}
			t.d.errorf(t.path, "%s is required: a distribution like %s", k, example)
		}
		return nil
	}
	dt := t.d.asTable(t.at(k), v, distExample)
	if dt == nil {
		return nil
	}
	return distTable(dt, kind, true)
}

// distTable reads a distribution from its own table dt (dist = NAME and
// the parameters). A mixture's parts are such tables too, with a weight;
// mixtures do not nest (mixtureOK is false inside one).
func distTable(dt *table, kind distKind, mixtureOK bool) sim.Dist {
	t := dt
	defer dt.done()
	name, ok := dt.name("dist", "the distribution name")
	if !ok {
		dt.knowAll()
		return nil
	}
	if _, known := distParams[name]; !known {
		list := sortedKeys(distParams)
		t.d.errorf(dt.at("dist"), "unknown distribution %q%s (one of %s)", name, DidYouMean(name, list), oneOf(list))
		dt.knowAll()
		return nil
	}

	// param reads one required parameter: a duration for times, a
	// non-negative number of kilograms for loads.
	good := true
	param := func(p string) float64 {
		v, ok := dt.lookup(p)
		if !ok {
			t.d.errorf(dt.path, "%s is required for %s distribution (it takes %s)", p, article(name), joinParams(name))
			good = false
			return 0
		}
		return t.d.distValue(dt.at(p), v, kind, &good)
	}
	cv := func() float64 {
		if !dt.has("cv") {
			t.d.errorf(dt.path, "cv is required for %s distribution (it takes %s)", article(name), joinParams(name))
			good = false
			return 0
		}
		x := dt.number("cv", math.NaN(), bounds{lo: 0, hi: 100, unit: "(coefficient of variation)"})
		if math.IsNaN(x) {
			good = false
		}
		return x
	}

	var d sim.Dist
	switch name {
	case "constant":
		d = sim.Constant{Value: param("value")}
	case "exponential":
		m := param("mean")
		if good && m <= 0 {
			t.d.errorf(dt.at("mean"), "the mean of an exponential distribution must be positive")
			good = false
		}
		d = sim.Exponential{Scale: m}
	case "lognormal":
		m, c := param("mean"), cv()
		if good && m <= 0 {
			t.d.errorf(dt.at("mean"), "the mean of a lognormal distribution must be positive")
			good = false
		}
		d = sim.LogNormalFromMeanCV(m, c)
	case "gamma":
		m, c := param("mean"), cv()
		if good && m <= 0 {
			t.d.errorf(dt.at("mean"), "the mean of a gamma distribution must be positive")
			good = false
		}
		if good && c <= 0 {
			t.d.errorf(dt.at("cv"), "the cv of a gamma distribution must be positive (use constant for no variation)")
			good = false
		}
		// Mean kθ and CV 1/√k: k = 1/CV², θ = mean·CV².
		d = sim.Gamma{Shape: 1 / (c * c), Scale: m * c * c}
	case "triangular":
		lo, mode, hi := param("min"), param("mode"), param("max")
		if good && !(lo <= mode && mode <= hi) {
			t.d.errorf(dt.path, "a triangular distribution needs min <= mode <= max")
			good = false
		}
		d = sim.Triangular{Min: lo, Mode: mode, Max: hi}
	case "uniform":
		lo, hi := param("min"), param("max")
		if good && lo > hi {
			t.d.errorf(dt.path, "a uniform distribution needs min <= max")
			good = false
		}
		d = sim.Uniform{Min: lo, Max: hi}
	case "empirical":
		d = t.d.empirical(dt, kind, &good)
	case "mixture":
		if !mixtureOK {
			t.d.errorf(dt.at("dist"), "a mixture's parts cannot be mixtures")
			dt.knowAll()
			return nil
		}
		d = t.d.mixture(dt, kind, &good)
	}
	if kind == kgDist && mixtureOK {
		// A load's limit is known whatever else is wrong: it was reported
		// as an unknown key after a bad cv or mean.
		dt.has("limit")
	}
	if !good || d == nil {
		return nil
	}
	if v, ok := d.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			t.d.errorf(dt.path, "%v", err)
			return nil
		}
	}
	if kind == kgDist && mixtureOK && dt.has("limit") {
		// The vehicle's payload: loads are drawn below it (sim.Truncated).
		nerr := len(t.d.errs)
		lim := dt.number("limit", 0, bounds{lo: 0, hi: maxKg, unit: "kg"})
		if len(t.d.errs) > nerr {
			return nil // not a number: its 0 is no limit to judge
		}
		tr, err := sim.NewTruncated(d, lim)
		if err != nil {
			t.d.errorf(dt.at("limit"), "%v", err)
			return nil
		}
		d = tr
	}
	mean := d.Mean()
	if math.IsNaN(mean) || math.IsInf(mean, 0) {
		t.d.errorf(dt.path, "the distribution has no finite mean")
		return nil
	}
	if kind == kgDist && mean <= 0 {
		t.d.errorf(dt.path, "a load must weigh something: the mean is %v kg", mean)
		return nil
	}
	return d
}

// knowAll marks every key of t as known, to avoid a cascade of "unknown
// key" after a problem that makes the other keys meaningless.
func (t *table) knowAll() {
	for k := range t.m {
		t.known[k] = true
	}
}

func joinParams(name string) string {
	ps := distParams[name]
	s := ""
	for i, p := range ps {
		switch {
		case i == 0:
		case i == len(ps)-1:
			s += " and "
		default:
			s += ", "
		}
		s += p
	}
	return s
}

// distValue reads one parameter value of kind.
func (d *decoder) distValue(path string, v any, kind distKind, good *bool) float64 {
	if kind == timeDist {
		sec, ok := d.duration(path, v)
		if !ok {
			*good = false
		}
		return sec
	}
	x, ok := toNumber(v)
	if kind == usdDist {
		if !ok {
			d.errorf(path, "expected a number of USD per vehicle-hour, got %s", describe(v))
			*good = false
			return 0
		}
		if !d.checkNumber(path, x, bounds{lo: 0, hi: maxUSDPerHour, unit: "USD per vehicle-hour"}) {
			*good = false
		}
		return x
	}
	if !ok {
		d.errorf(path, "expected a number of kilograms, got %s", describe(v))
		*good = false
		return 0
	}
	if !d.checkNumber(path, x, bounds{lo: 0, hi: maxKg, unit: "kg"}) {
		*good = false
	}
	return x
}

// empirical reads values (durations or kilograms) and optional weights
// (equal when absent).
func (d *decoder) empirical(dt *table, kind distKind, good *bool) sim.Dist {
	raw, ok := dt.list("values", `["30s", "60s"]`)
	if !ok {
		if !dt.has("values") {
			d.errorf(dt.path, "values is required for an empirical distribution")
		}
		*good = false
		return nil
	}
	if len(raw) == 0 || len(raw) > 100000 {
		d.errorf(dt.at("values"), "expected between 1 and 100000 values, got %d", len(raw))
		*good = false
		return nil
	}
	values := make([]float64, len(raw))
	for i, e := range raw {
		values[i] = d.distValue(indexPath(dt.at("values"), i), e, kind, good)
	}
	weights := make([]float64, len(values))
	for i := range weights {
		weights[i] = 1
	}
	if dt.has("weights") {
		w, ok := dt.numbers("weights", len(values), bounds{lo: 0, hi: 1e12}, "[1, 2]")
		if !ok {
			*good = false
			return nil
		}
		weights = w
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		if sum <= 0 {
			d.errorf(dt.at("weights"), "the weights must not all be 0")
			*good = false
		}
	}
	if !*good {
		return nil
	}
	e, err := sim.NewEmpirical(values, weights)
	if err != nil {
		d.errorf(dt.path, "%v", err)
		*good = false
		return nil
	}
	return e
}

// mixture reads of = [{ weight = 0.9, dist = ..., ... }, ...]: parts drawn
// with probabilities proportional to their weights.
func (d *decoder) mixture(dt *table, kind distKind, good *bool) sim.Dist {
	const example = `[{ weight = 0.9, dist = "lognormal", mean = "30s", cv = 0.5 }, { weight = 0.1, dist = "constant", value = "70s" }]`
	if !dt.has("of") {
		d.errorf(dt.path, "of is required for a mixture: a list of weighted distributions like %s", example)
		*good = false
		return nil
	}
	parts := dt.tableList("of", example)
	if len(parts) == 0 {
		d.errorf(dt.at("of"), "a mixture needs at least one part, like %s", example)
		*good = false
		return nil
	}
	var weights []float64
	var dists []sim.Dist
	for _, pt := range parts {
		w := pt.number("weight", math.NaN(), bounds{lo: 0, hi: 1e9, unit: "(relative weight)"})
		if !pt.has("weight") {
			d.errorf(pt.path, "weight is required: the part's relative share of draws")
		}
		part := distTable(pt, kind, false)
		if math.IsNaN(w) || part == nil {
			*good = false
			continue
		}
		weights = append(weights, w)
		dists = append(dists, part)
	}
	if !*good {
		return nil
	}
	m, err := sim.NewMixture(weights, dists)
	if err != nil {
		d.errorf(dt.at("of"), "%v", err)
		*good = false
		return nil
	}
	return m
}

// article puts "a" or "an" before a distribution's name: "an
// exponential", "an empirical", "a uniform".
func article(name string) string {
	if name != "" && strings.ContainsRune("aeio", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}
