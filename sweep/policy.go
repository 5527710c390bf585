package sweep

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"borderflow/scenario"
	"borderflow/sim"
)

// MaxPairs bounds a sweep's policies × replications. Every pair is one
// simulation, planned and recorded in memory (the journal, the paired
// differences); a million is weeks of computing even for the smallest
// shipped scenario, and `sweep -reps 2000000000` ran out of memory while
// planning, deaf to Ctrl-C.
const MaxPairs = 1_000_000

// CheckPairs refuses a sweep of more than MaxPairs pairs.
func CheckPairs(reps, policies int) error {
	if n := float64(reps) * float64(policies); n > MaxPairs {
		return fmt.Errorf("%d replications × %d policies is %.3g pairs, at most %d: each pair is one simulation, planned and recorded in memory",
			reps, policies, n, MaxPairs)
	}
	return nil
}

// AllClasses is the key of a per-class setting that applies to every class
// not named on its own: referral = 1 in a policies file is
// Referral{"*": 1}.
const AllClasses = "*"

// Policy is a named transformation of a scenario. Its zero value changes
// nothing. The settings apply in the order of the fields: the volume, the
// referral rates, the targeting, the imaging, then the surge (whose
// referral factor multiplies the rates set before it).
//
// Per-class settings are keyed by class name, or AllClasses for every
// class without its own entry. A policy is plain data so that it can be
// written into a part's manifest and compared between machines.
type Policy struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Set lists changes to the scenario, PATH=VALUE as -set takes them,
	// applied to its TOML before the policy's other changes: any key of
	// the scenario but those every policy shares (scenario.RunKeys).
	Set []string `json:"set,omitempty"`
	// Volume multiplies every lane's arrival rate; 0 means unchanged.
	// Capacity (booths, secondary servers, lots) and the contraband flows
	// (loads a year) stay fixed: more traffic hides the same loads.
	Volume float64 `json:"volume,omitempty"`
	// Referral sets the random referral rate, per class.
	Referral map[string]float64 `json:"referral,omitempty"`
	// TargetHit and TargetFalse set targeted selection per class: the
	// probability that intelligence flags a loaded vehicle and a clean one
	// (scenario.Referral).
	TargetHit   map[string]float64 `json:"target_hit,omitempty"`
	TargetFalse map[string]float64 `json:"target_false,omitempty"`
	// TargetAUC sets targeting per class as a point of a binormal
	// receiver-operating curve (binormalHit): intelligence of this
	// quality (area under the curve) flags TargetRate of the clean
	// vehicles (default: the lane's random referral rate, so the workload
	// stays) and the hit rate the curve gives of the loaded ones, and
	// replaces random selection (targeting.go).
	TargetAUC  map[string]float64 `json:"target_auc,omitempty"`
	TargetRate map[string]float64 `json:"target_rate,omitempty"`
	// Imaging lists classes of which every vehicle is imaged: referral 1,
	// and a secondary sequence of imaging then a full unload only on an
	// alarm. A port without an imaging method gets one (see ImagingMethod).
	Imaging []string `json:"imaging,omitempty"`
	// Hold lists classes whose referrals wait at their booth for a place
	// when the secondary lot is full, instead of being waved through
	// (scenario.Lane.HoldWhenFull): an inspect-everything policy that does
	// not give way to traffic.
	Hold []string `json:"hold,omitempty"`
	// Pressure overrides the ports' wait-time pressure rule
	// (pressure_wait, pressure_factor): "off" removes it, so no vehicle
	// the referral rule selects is waved through for having waited; ""
	// keeps the scenario's rule (overrides.go).
	Pressure string `json:"pressure,omitempty"`
	// ScanShare, Portals and Reviewers change the pre-primary stage per
	// class (preprimary.go): the share of vehicles scanned at the
	// portals, the portals and the officers reading images. A lane must
	// have a pre-primary stage to be changed.
	ScanShare map[string]float64 `json:"scan_share,omitempty"`
	Portals   map[string]int     `json:"portals,omitempty"`
	Reviewers map[string]int     `json:"reviewers,omitempty"`
	// Surge reinforces one port (nil: none).
	Surge *Surge `json:"surge,omitempty"`

	// src locates the policy in a policies file, for messages; nil for
	// built-in policies.
	src *source
	// builtin policies name the classes "car" and "truck" whether or not
	// the scenario has them; a class the scenario lacks is skipped.
	builtin bool
}

// Surge is a reinforcement of one port for a period, as scenario.Surge
// but written with names.
type Surge struct {
	// Port is the port's name; "" is the port with the most traffic.
	Port string `json:"port,omitempty"`
	// Secondary multiplies every secondary method's servers and every lot's
	// places; 0 means unchanged.
	Secondary float64 `json:"secondary,omitempty"`
	// ReferralFactor multiplies the random referral rate per class (capped
	// at 1).
	ReferralFactor map[string]float64 `json:"referral_factor,omitempty"`
	// ExtraBooths adds primary booths per class.
	ExtraBooths map[string]int `json:"extra_booths,omitempty"`
	// Start and End are seconds from the start of the horizon (after the
	// warm-up); End 0 is the end of the horizon.
	Start float64 `json:"start,omitempty"`
	End   float64 `json:"end,omitempty"`
}

// ImagingMethod is the secondary imaging method added to a port that has
// none when a policy images a class, unless another port of the scenario
// has one to copy. Non-intrusive imaging takes about 8 minutes end to end
// against up to 2 hours for a physical exam (CBP figures via Opportimes,
// data/calibration_facts.csv). Two systems, a 5% false-alarm rate and a
// 0.7 detection probability for every concealment are assumptions: no
// public figure gives them by concealment method.
var ImagingMethod = scenario.Method{
	Name:       "imaging",
	Servers:    2,
	Time:       sim.LogNormalFromMeanCV(8*60, 0.5),
	FalseAlarm: 0.05,
}

// imagingDetect is ImagingMethod's detection probability for every
// concealment method (an assumption, see ImagingMethod).
const imagingDetect = 0.7

// imagingLot is the number of secondary places given to a lane imaged in
// full that had no secondary lot: the queue in front of the scanners.
const imagingLot = 20

// Apply returns a deep copy of sc transformed by the policy. sc is not
// changed. Unknown class or port names are errors (with the file, line and
// key when the policy comes from a file).
func (p *Policy) Apply(sc *scenario.Scenario) (*scenario.Scenario, error) {
	c, err := p.applySet(sc)
	if err != nil {
		return nil, err
	}
	classes := map[string]bool{}
	for _, cl := range c.Classes {
		classes[cl.Name] = true
	}
	// Names first, so that a typo is reported whatever else is wrong.
	for _, k := range []struct {
		key string
		m   map[string]float64
	}{{"referral", p.Referral}, {"target_hit", p.TargetHit}, {"target_false", p.TargetFalse}} {
		if err := p.checkClasses(k.key, keys(k.m), classes, c); err != nil {
			return nil, err
		}
	}
	if err := p.checkClasses("imaging", p.Imaging, classes, c); err != nil {
		return nil, err
	}
	if err := p.checkClasses("hold", p.Hold, classes, c); err != nil {
		return nil, err
	}
	if p.Surge != nil {
		if err := p.checkClasses("surge.referral", keys(p.Surge.ReferralFactor), classes, c); err != nil {
			return nil, err
		}
		if err := p.checkClasses("surge.extra_booths", keys(p.Surge.ExtraBooths), classes, c); err != nil {
			return nil, err
		}
	}

	if p.Volume < 0 || math.IsNaN(p.Volume) || math.IsInf(p.Volume, 0) {
		return nil, p.errorf("volume", "must be a positive factor, got %v", p.Volume)
	}
	if p.Volume > 0 {
		for i := range c.Ports {
			for l := range c.Ports[i].Lanes {
				ln := &c.Ports[i].Lanes[l]
				ln.Rate *= p.Volume
				ln.AnnualVolume *= p.Volume
			}
		}
	}
	for i := range c.Ports {
		for l := range c.Ports[i].Lanes {
			ln := &c.Ports[i].Lanes[l]
			name := c.Classes[ln.Class].Name
			if x, ok := lookup(p.Referral, name); ok {
				ln.Referral.Rate = x
			}
			if x, ok := lookup(p.TargetHit, name); ok {
				ln.Referral.TargetHit = x
			}
			if x, ok := lookup(p.TargetFalse, name); ok {
				ln.Referral.TargetFalse = x
			}
		}
	}
	if err := p.applyTargeting(c); err != nil {
		return nil, err
	}
	if len(p.Imaging) > 0 {
		imageAll(c, p.Imaging)
	}
	if len(p.Hold) > 0 {
		hold := map[string]bool{}
		for _, n := range p.Hold {
			hold[n] = true
		}
		for i := range c.Ports {
			for l := range c.Ports[i].Lanes {
				ln := &c.Ports[i].Lanes[l]
				if hold[AllClasses] || hold[c.Classes[ln.Class].Name] {
					ln.HoldWhenFull = true
				}
			}
		}
	}
	if err := p.applyPressure(c); err != nil {
		return nil, err
	}
	if err := p.applyPrePrimary(c); err != nil {
		return nil, err
	}
	if p.Surge != nil {
		if err := p.surge(c); err != nil {
			return nil, err
		}
	}
	if err := p.checkLoads(c); err != nil {
		return nil, err
	}
	// Whatever the policy did, the result must be a scenario the loader
	// would accept.
	if err := c.Validate(); err != nil {
		return nil, p.errorf("policy", "makes a scenario the loader would refuse:\n%v", err)
	}
	// The market measures the policy against the ports as sc has them (a
	// policy that changes nothing is sc, and its own reference).
	if Hash(c) != Hash(sc) {
		c.SetMarketReference(sc)
	}
	return c, nil
}

// checkClasses reports the first name that is not a class of the scenario.
func (p *Policy) checkClasses(key string, names []string, classes map[string]bool, sc *scenario.Scenario) error {
	for _, n := range names {
		if n == AllClasses || classes[n] || p.builtin {
			continue
		}
		list := make([]string, len(sc.Classes))
		for i, c := range sc.Classes {
			list[i] = fmt.Sprintf("%q", c.Name)
		}
		k := key
		if key != "imaging" && key != "hold" {
			k = key + "." + n
		}
		return p.errorf(k, "unknown class %q: scenario %s has %s", n, sc.Name, strings.Join(list, ", "))
	}
	return nil
}

// lookup returns the value for class from a per-class map: its own entry,
// else the AllClasses entry.
func lookup[V any](m map[string]V, class string) (V, bool) {
	if v, ok := m[class]; ok {
		return v, true
	}
	v, ok := m[AllClasses]
	return v, ok
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// imageAll sends every vehicle of the named classes through imaging, then
// a full unload only if the image raises an alarm.
func imageAll(c *scenario.Scenario, classes []string) {
	want := map[string]bool{}
	for _, n := range classes {
		want[n] = true
	}
	for i := range c.Ports {
		pt := &c.Ports[i]
		var lanes []int
		for l := range pt.Lanes {
			if want[AllClasses] || want[c.Classes[pt.Lanes[l].Class].Name] {
				lanes = append(lanes, l)
			}
		}
		if len(lanes) == 0 {
			continue
		}
		img := findMethod(pt, "imag", "nii", "x-ray", "xray", "scan", "vacis", "gamma")
		if img < 0 {
			pt.Methods = append(pt.Methods, imagingFor(c))
			img = len(pt.Methods) - 1
		}
		unload := findMethod(pt, "unload", "physical", "devan", "strip")
		steps := []scenario.Step{{Method: img}}
		if unload >= 0 {
			steps = append(steps, scenario.Step{Method: unload, OnlyOnAlarm: true})
		}
		for _, l := range lanes {
			ln := &pt.Lanes[l]
			ln.Referral = scenario.Referral{Rate: 1}
			ln.Steps = append([]scenario.Step(nil), steps...)
			if ln.LotCapacity == 0 {
				ln.LotCapacity = imagingLot
			}
		}
	}
}

// findMethod returns the first method of pt whose name contains one of
// the words (case ignored), or -1.
func findMethod(pt *scenario.Port, words ...string) int {
	for m, mt := range pt.Methods {
		name := strings.ToLower(mt.Name)
		for _, w := range words {
			if strings.Contains(name, w) {
				return m
			}
		}
	}
	return -1
}

// imagingFor returns the imaging method to add to a port: a copy of the
// first imaging method of another port, else ImagingMethod.
func imagingFor(c *scenario.Scenario) scenario.Method {
	for i := range c.Ports {
		if m := findMethod(&c.Ports[i], "imag", "nii", "x-ray", "xray", "scan", "vacis", "gamma"); m >= 0 {
			mt := c.Ports[i].Methods[m]
			mt.Detect = append([]float64(nil), mt.Detect...)
			return mt
		}
	}
	m := ImagingMethod
	m.Detect = make([]float64, len(c.Concealments))
	for i := range m.Detect {
		m.Detect[i] = imagingDetect
	}
	return m
}

// surge appends the policy's surge to the scenario's surges.
func (p *Policy) surge(c *scenario.Scenario) error {
	s := p.Surge
	port := -1
	if s.Port == "" {
		port = largestPort(c)
	} else {
		var list []string
		for i, pt := range c.Ports {
			if pt.Name == s.Port {
				port = i
			}
			list = append(list, fmt.Sprintf("%q", pt.Name))
		}
		if port < 0 {
			return p.errorf("surge.port", "unknown port %q: scenario %s has %s", s.Port, c.Name, strings.Join(list, ", "))
		}
	}
	if port < 0 {
		return p.errorf("surge", "scenario %s has no port", c.Name)
	}
	end := s.End
	if end == 0 {
		end = c.Horizon
	}
	if s.Start < 0 || end <= s.Start {
		return p.errorf("surge", "the surge must end after it starts (start %s, end %s)",
			scenario.FormatDuration(s.Start), scenario.FormatDuration(end))
	}
	if s.Start >= c.Horizon {
		return p.errorf("surge.start", "the surge starts at %s, after the horizon (%s) ends",
			scenario.FormatDuration(s.Start), scenario.FormatDuration(c.Horizon))
	}
	factor := s.Secondary
	if factor == 0 {
		factor = 1 // scenario.Surge multiplies capacities by it: 0 would close secondary
	}
	if factor < 0 || math.IsNaN(factor) || math.IsInf(factor, 0) {
		return p.errorf("surge.secondary", "must be a positive factor, got %v", s.Secondary)
	}
	pt := &c.Ports[port]
	// The policy's referral factor multiplies the rate in force when the
	// surge runs — the lane's own, or the one a surge of the scenario sets
	// — so surges compose (scenario.Surge states the rule).
	sg := scenario.Surge{
		Port: port, Start: s.Start, End: end, SecondaryFactor: factor,
		ExtraBooths:    make([]int, len(pt.Lanes)),
		ReferralRate:   make([]float64, len(pt.Lanes)),
		ReferralFactor: make([]float64, len(pt.Lanes)),
	}
	for l := range pt.Lanes {
		ln := &pt.Lanes[l]
		name := c.Classes[ln.Class].Name
		sg.ReferralRate[l] = -1  // unchanged
		sg.ReferralFactor[l] = 1 // unchanged
		if f, ok := lookup(s.ReferralFactor, name); ok {
			if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
				return p.errorf("surge.referral."+name, "must be a non-negative factor, got %v", f)
			}
			sg.ReferralFactor[l] = f
		}
		if b, ok := lookup(s.ExtraBooths, name); ok {
			if b < 0 {
				return p.errorf("surge.extra_booths."+name, "must not be negative, got %d", b)
			}
			sg.ExtraBooths[l] = b
		}
	}
	c.Surges = append(c.Surges, sg)
	return nil
}

// largestPort returns the port with the most traffic (sum of its lanes'
// arrival rates), the first on ties, or -1 without ports.
func largestPort(c *scenario.Scenario) int {
	best, most := -1, -1.0
	for i, pt := range c.Ports {
		r := 0.0
		for _, ln := range pt.Lanes {
			r += ln.Rate
		}
		if r > most {
			best, most = i, r
		}
	}
	return best
}

// checkLoads refuses a volume so low that a lane would need more loads
// than it has vehicles (loads a year are fixed; vehicles are not).
func (p *Policy) checkLoads(c *scenario.Scenario) error {
	share := map[[2]int]float64{}
	var order [][2]int // first seen first, so the message does not depend on map order
	for _, f := range c.Loads {
		ln := &c.Ports[f.Port].Lanes[f.Lane]
		if ln.Rate > 0 {
			k := [2]int{f.Port, f.Lane}
			if _, ok := share[k]; !ok {
				order = append(order, k)
			}
			share[k] += scenario.LoadsPerVehicle(f.LoadsPerYear, ln.Rate)
		}
	}
	for _, k := range order {
		if s := share[k]; s > 1 {
			pt := &c.Ports[k[0]]
			return p.errorf("volume", "at %s the %s lane would carry %.3g loads per vehicle: the volume factor is too small for the scenario's loads",
				pt.Name, c.Classes[pt.Lanes[k[1]].Class].Name, s)
		}
	}
	return nil
}

// errorf returns a problem with the policy: a *scenario.Error with file,
// line and key when the policy comes from a file, else a plain error.
// applySet returns a copy of sc with the policy's Set applied: sc decoded
// again from its TOML with them after its own overrides, so that they pass
// every check the file's keys do. The ports and classes must stay those of
// sc: the sweep's measures and pairs are sc's.
func (p *Policy) applySet(sc *scenario.Scenario) (*scenario.Scenario, error) {
	if len(p.Set) == 0 {
		return sc.Clone(), nil
	}
	var ovs []scenario.Override
	for i, s := range p.Set {
		o, err := scenario.ParseSet(s)
		if err != nil {
			return nil, p.errorf(fmt.Sprintf("set[%d]", i), "%v", err)
		}
		if k, ok := scenario.SetsRunKey(o.Path); ok {
			return nil, p.errorf(fmt.Sprintf("set[%d]", i), "a policy cannot set %s: every policy of a sweep runs the scenario's %s, so that their replications pair (give it to the sweep: -set %s=...)", k, k, k)
		}
		o.Arg = fmt.Sprintf("policy %s: set %s", p.Name, s)
		ovs = append(ovs, o)
	}
	c, err := sc.With(ovs...)
	if err != nil {
		return nil, p.errorf("set", "%v", err)
	}
	if len(c.Ports) != len(sc.Ports) || len(c.Classes) != len(sc.Classes) {
		return nil, p.errorf("set", "a policy may not add or remove ports or classes: the sweep's measures are the scenario's")
	}
	for i := range c.Ports {
		if c.Ports[i].Name != sc.Ports[i].Name {
			return nil, p.errorf("set", "a policy may not rename or reorder ports (%s became %s)", sc.Ports[i].Name, c.Ports[i].Name)
		}
	}
	for i := range c.Classes {
		if c.Classes[i].Name != sc.Classes[i].Name {
			return nil, p.errorf("set", "a policy may not rename or reorder classes (%s became %s)", sc.Classes[i].Name, c.Classes[i].Name)
		}
	}
	return c, nil
}

func (p *Policy) errorf(key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if p.src != nil {
		path := p.src.path + "." + key
		return &scenario.Error{File: p.src.file, Line: p.src.lines.Line(path), Key: path, Msg: msg}
	}
	return fmt.Errorf("policy %s: %s: %s", p.Name, key, msg)
}
