package scenario

import (
	"fmt"
	"strings"
)

// Defaults of an [[organisation]], from NarcoLogic (Magliocca et al.,
// PNAS 2019; github.com/nickmags13/NarcoABM, load_expmntl_parms.m and
// narcologic_v1.m, data/calibration_facts.csv).
const (
	// DefaultLearningRate is NarcoLogic's rt_learn, the network agents'
	// weight of new information.
	DefaultLearningRate = 0.6551
	// DefaultLossTolerance is no cap (1): organisations outsource by
	// comparing expected profits (traffic.Choose). NarcoLogic's losslim,
	// 0.0473, is a cap a scenario may set; as the default it made
	// organisations outsource from day 0 whenever their prior risk was
	// above it.
	DefaultLossTolerance = 1.0
	// DefaultPriorAlpha and DefaultPriorBeta give a prior mean risk of
	// 0.02, NarcoLogic's slprob_0 (and the DHS 2.1% seizure effectiveness
	// for cocaine at land ports, data/calibration_facts.csv). The weight, 50
	// loads, is an assumption: enough that one early loss does not scare
	// an organisation off a route, little enough that a few weeks of a
	// busy route outweigh it.
	DefaultPriorAlpha = 1.0
	DefaultPriorBeta  = 49.0
	// DefaultSpotters is the weight, in loads per period, of what
	// spotters see of a lane's referral share (assumption: watchers at a
	// crossing see every shift, but a share of clean traffic pulled aside
	// says less about a load's fate than a load does; ten loads is a day
	// or two of a main route's own loads in the shipped scenarios, so a
	// surge shows within a period, and a season of the organisation's
	// own loads still outweighs it). docs/SCENARIOS.md, observe.
	DefaultSpotters = 10.0
	// DefaultAnnouncements is the weight of CBP's seizure announcements
	// at a port-lane (assumption: a count of a few big seizures a period
	// is a noisy signal, so it weighs less than the spotters).
	DefaultAnnouncements = 2.0
	// DefaultAnnounceKg is the smallest seizure CBP announces
	// (assumption: 100 lb; CBP's local press releases are about seizures
	// of tens to thousands of pounds; the two in docs/SOURCES.md are 2,268
	// and 13,101 lb).
	DefaultAnnounceKg = 45.0
	// DefaultTemperatureShare is the logit temperature as a share of the
	// value per kg when none is given (assumption): about the noise in a
	// risk learned from a hundred loads (√(0.08·0.92/100) ≈ 0.027), so an
	// organisation's decisions are about as sharp as its knowledge — a
	// lasting rise of 3.5 percentage points of risk cuts a route's share
	// by a factor e, one unlucky week does not empty it.
	DefaultTemperatureShare = 0.035
)

// organisations reads the [[organisation]] array: adaptive smuggling
// organisations with their routes and outside options.
func (d *decoder) organisations(top *table) {
	lower := map[string]named{}
	for _, t := range top.tableList("organisation", "[[organisation]]") {
		o, ok := d.organisation(t)
		if o.Name != "" {
			if prev, dup := lower[strings.ToLower(o.Name)]; dup {
				d.errorf(t.at("name"), "duplicate organisation name %q (already used by %s)", o.Name, prev.by(o.Name))
				ok = false
			} else {
				lower[strings.ToLower(o.Name)] = named{o.Name, t.path}
			}
		}
		if ok {
			d.s.Orgs = append(d.s.Orgs, o)
		}
	}
}

// organisation reads one [[organisation]]; ok is false after a problem.
func (d *decoder) organisation(t *table) (o Organisation, ok bool) {
	defer t.done()
	errs := len(d.errs)
	o.Name, _ = t.name("name", "the organisation name")
	o.Drug = d.ref(t, "drug", "drug", d.drugIdx)
	if !t.has("kg_per_period") {
		d.errorf(t.path, "kg_per_period is required: kilograms moved in each decision period (decision_period, default 7d)")
	}
	o.KgPerPeriod = t.number("kg_per_period", 0, bounds{lo: 0, loOpen: true, hi: 1e9, unit: "kg"})
	o.LoadKg = t.dist("load_kg", kgDist, true)

	def := 0.0
	if o.Drug >= 0 {
		def = d.s.Drugs[o.Drug].ValuePerKg
	}
	if !t.has("value_per_kg") && def <= 0 && o.Drug >= 0 {
		d.errorf(t.path, "value_per_kg is required: the drug %q has no value_per_kg to default to", d.s.Drugs[o.Drug].Name)
	}
	o.ValuePerKg = t.number("value_per_kg", def, bounds{lo: 0, hi: maxValue, unit: "USD per kg"})

	o.LearningRate = t.prob("learning_rate", DefaultLearningRate)
	o.LossTolerance = t.number("loss_tolerance", DefaultLossTolerance, bounds{lo: 0, hi: 1, unit: "(share of the volume)"})
	o.Temperature = t.number("temperature", DefaultTemperatureShare*o.ValuePerKg, bounds{lo: 0, hi: maxValue, unit: "USD per kg"})
	o.PriorAlpha, o.PriorBeta = DefaultPriorAlpha, DefaultPriorBeta
	if pt := t.sub("prior", "{ weight = 20 } (mean: each route's baseline risk) or { alpha = 1, beta = 49 }"); pt != nil {
		pos := bounds{lo: 0, loOpen: true, hi: 1e9, unit: "loads"}
		if pt.has("weight") {
			if pt.has("alpha") || pt.has("beta") {
				d.errorf(pt.at("weight"), "give either weight (the mean is each route's baseline risk) or alpha and beta, not both")
			}
			o.PriorWeight = pt.number("weight", 0, pos)
		}
		o.PriorAlpha = pt.number("alpha", DefaultPriorAlpha, pos)
		o.PriorBeta = pt.number("beta", DefaultPriorBeta, pos)
		pt.done()
	}
	o.Observe = Observation{Spotters: DefaultSpotters, Announcements: DefaultAnnouncements, AnnounceKg: DefaultAnnounceKg}
	if ot := t.sub("observe", "{ spotters = 10, announcements = 2, announce_kg = 45 }"); ot != nil {
		w := bounds{lo: 0, hi: 1e6, unit: "loads per period"}
		o.Observe.Spotters = ot.number("spotters", DefaultSpotters, w)
		o.Observe.Announcements = ot.number("announcements", DefaultAnnouncements, w)
		o.Observe.AnnounceKg = ot.number("announce_kg", DefaultAnnounceKg, bounds{lo: 0, hi: 1e6, unit: "kg"})
		ot.done()
	}

	seen := map[[3]int]bool{}
	routes := t.tableList("route", `[[organisation.route]] or route = [{ port = "Laredo", class = "truck", concealment = "commingled", cost_per_kg = 900 }]`)
	if len(routes) == 0 && !t.has("route") {
		d.errorf(t.path, "needs at least one route through a port ([[organisation.route]] with port, class and concealment)")
	}
	for _, rt := range routes {
		r, rok := d.route(rt)
		if !rok {
			continue
		}
		key := [3]int{r.Port, r.Lane, r.Concealment}
		if seen[key] {
			d.errorf(rt.path, "the route %s × %s × %s is listed twice", d.s.Ports[r.Port].Name,
				d.s.Classes[d.s.Ports[r.Port].Lanes[r.Lane].Class].Name, d.s.Concealments[r.Concealment])
			continue
		}
		seen[key] = true
		o.Routes = append(o.Routes, r)
	}

	names := map[string]bool{}
	share := 0.0
	for _, ot := range t.tableList("outside", `[[organisation.outside]] with name, kind = "market", "between_ports" or "contract", value_per_kg, cost_per_kg, seize_prob`) {
		op := d.outside(ot, o.ValuePerKg)
		share += op.BaselineShare
		if share >= 1 {
			d.errorf(ot.at("baseline_share"), "the organisation's baseline shares add up to %g; they must stay below 1 (the rest goes through the ports)", share)
		}
		if op.Name == "" {
			continue
		}
		if names[op.Name] {
			d.errorf(ot.at("name"), "duplicate outside option %q in this organisation", op.Name)
			continue
		}
		names[op.Name] = true
		o.Outside = append(o.Outside, op)
	}
	return o, len(d.errs) == errs
}

// route reads one route of an organisation: port × class × concealment.
func (d *decoder) route(t *table) (r Route, ok bool) {
	defer t.done()
	errs := len(d.errs)
	r.Port = d.ref(t, "port", "port", d.portIdx)
	class := d.ref(t, "class", "class", d.classIdx)
	r.Lane = d.laneIndex(t.at("class"), r.Port, class)
	r.Concealment = d.ref(t, "concealment", "concealment", d.concealIdx)
	r.CostPerKg = t.number("cost_per_kg", 0, bounds{lo: 0, hi: maxValue, unit: "USD per kg"})
	if t.has("load_kg") {
		r.LoadKg = t.dist("load_kg", kgDist, true)
	}
	if r.Port >= 0 && r.Lane >= 0 && !d.unknownVolume[[2]int{r.Port, r.Lane}] && d.s.Ports[r.Port].Lanes[r.Lane].Rate <= 0 {
		d.errorf(t.at("class"), "the %s lane of %s has no traffic to hide loads in", d.s.Classes[class].Name, d.s.Ports[r.Port].Name)
	}
	return r, len(d.errs) == errs && r.Port >= 0 && r.Lane >= 0 && r.Concealment >= 0
}

// outside reads one outside option; value is the organisation's value per
// kg, the default for a between-ports route.
func (d *decoder) outside(t *table, value float64) OutsideOption {
	defer t.done()
	var op OutsideOption
	name, ok := t.name("name", "the option name")
	kind, kok := t.name("kind", `"market" or "between_ports"`)
	switch {
	case !kok:
	case kind == "between_ports":
		op.ToUS = true
	case kind == "contract":
		op.ToUS, op.Contract = true, true
	case kind == "market":
		if !t.has("value_per_kg") {
			d.errorf(t.path, "value_per_kg is required for a market: the price the drug fetches there")
		}
	default:
		d.errorf(t.at("kind"), "unknown kind %q%s (want \"market\", \"between_ports\" or \"contract\")", kind,
			DidYouMean(kind, []string{"market", "between_ports", "contract"}))
		kok = false
	}
	op.ValuePerKg = t.number("value_per_kg", value, bounds{lo: 0, hi: maxValue, unit: "USD per kg"})
	if t.has("baseline_share") && t.has("cost_per_kg") {
		d.errorf(t.at("baseline_share"), "give either cost_per_kg or baseline_share (which sets the cost), not both")
	}
	op.CostPerKg = t.number("cost_per_kg", 0, bounds{lo: 0, hi: maxValue, unit: "USD per kg"})
	op.BaselineShare = t.number("baseline_share", 0, bounds{lo: 0, hi: 0.999, unit: "(share of the volume)"})
	op.SeizeProb = t.prob("seize_prob", 0)
	if ok && kok {
		op.Name = name
	}
	return op
}

// named is the first holder of a name that must be unique ignoring case.
type named struct{ name, path string }

// by says who holds the name already: "port[0]", or `port[0] as "Eagle
// Pass"` when only the case differs (the earlier message repeated the
// name itself, "duplicate ... "X" (already used by "X")").
func (n named) by(name string) string {
	if n.name == name {
		return n.path
	}
	return fmt.Sprintf("%s as %q: names are compared ignoring case", n.path, n.name)
}
