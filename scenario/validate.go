package scenario

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"borderflow/sim"
)

// Validate checks every rule the model relies on, on the decoded
// scenario: ranges, references between sections, the time axis, and the
// limits of limits.go. The decoder ends in it (so its messages get the
// file's lines), and so does everything that builds or changes a
// scenario in code — the command line's -set and -horizon, a sweep's
// policies — so that no path can run a scenario the loader would refuse.
//
// Problems come back as Errors keyed like the decoder's (horizon,
// port[0].lane.truck.booths, surge[1].start), with the scenario's source
// as the file and no line; nil when the scenario is sound.
func (s *Scenario) Validate() error {
	v := &validator{s: s}
	v.run()
	if len(v.errs) == 0 {
		return nil
	}
	file := s.Source
	if name, ok := strings.CutPrefix(file, "embedded:"); ok {
		file = name + ".toml"
	}
	for _, e := range v.errs {
		e.File = file
	}
	return v.errs
}

// validator collects the problems of one scenario.
type validator struct {
	s    *Scenario
	errs Errors
}

func (v *validator) errorf(key, format string, args ...any) {
	if len(v.errs) >= maxErrors {
		return
	}
	v.errs = append(v.errs, &Error{Key: key, Msg: fmt.Sprintf(format, args...)})
}

// text checks that a name or description is valid UTF-8 (TOML documents
// are UTF-8; a byte string that is not would break every output file).
func (v *validator) text(key, s string) {
	if !utf8.ValidString(s) {
		v.errorf(key, "is not valid UTF-8 text")
	}
}

// prob checks that x is a probability.
func (v *validator) prob(key string, x float64) {
	if !(x >= 0 && x <= 1) {
		v.errorf(key, "must be a probability between 0 and 1, got %v", x)
	}
}

// dist checks that a distribution is there and has a finite,
// non-negative mean.
func (v *validator) dist(key string, d sim.Dist) {
	if d == nil {
		v.errorf(key, "is required: a distribution")
		return
	}
	if m := d.Mean(); math.IsNaN(m) || math.IsInf(m, 0) || m < 0 {
		v.errorf(key, "the distribution has no finite non-negative mean (%v)", m)
	}
}

func (v *validator) run() {
	s := v.s
	if err := CheckName(s.Name); err != nil {
		v.errorf("name", "%v", err)
	}
	v.text("description", s.Description)
	if s.Seed > math.MaxInt64 {
		v.errorf("seed", "must be at most %d (2^63−1), got %d", int64(math.MaxInt64), s.Seed)
	}
	if s.Replications < 1 || s.Replications > maxReplications {
		v.errorf("replications", "must be from 1 to %d, got %d", maxReplications, s.Replications)
	}
	v.timeAxis()
	if len(s.Concealments) == 0 {
		v.errorf("concealments", "needs at least one concealment method")
	}
	for i, c := range s.Concealments {
		v.text(indexPath("concealments", i), c)
	}
	for _, c := range s.Classes {
		v.text("class."+c.Name, c.Name)
		if !(c.ValueOfTime >= 0 && c.ValueOfTime <= maxValue) {
			v.errorf("class."+c.Name+".value_of_time", "must be from 0 to %g USD per vehicle-hour, got %v", maxValue, c.ValueOfTime)
		}
	}
	for _, g := range s.Drugs {
		v.text("drug."+g.Name, g.Name)
		if !(g.ValuePerKg >= 0 && g.ValuePerKg <= maxValue) {
			v.errorf("drug."+g.Name+".value_per_kg", "must be from 0 to %g USD per kg, got %v", maxValue, g.ValuePerKg)
		}
		if !(g.TargetHitFactor >= 0 && g.TargetHitFactor <= maxHitFactor) {
			v.errorf("drug."+g.Name+".target_hit_factor", "must be from 0 to %g, got %v", float64(maxHitFactor), g.TargetHitFactor)
		}
	}
	v.ports()
	v.loads()
	v.surges()
	v.orgs()
	v.response()
	v.work()
}

// response checks the drivers' answer to delay (response.go) where code
// could break it: one entry per class and per port, and the rules on
// its times.
func (v *validator) response() {
	r := v.s.Response
	if r == nil {
		return
	}
	if len(r.Classes) != len(v.s.Classes) || len(r.Coords) != len(v.s.Ports) {
		v.errorf("response", "has %d classes and %d ports' coordinates for %d classes and %d ports", len(r.Classes), len(r.Coords), len(v.s.Classes), len(v.s.Ports))
	}
	if !(r.RoadFactor >= 1 && r.RoadFactor <= 10) {
		v.errorf("response.road_factor", "must be from 1 to 10 road km per straight km, got %v", r.RoadFactor)
	}
	roads := make([][2]int, 0, len(r.Roads))
	for k := range r.Roads {
		roads = append(roads, k)
	}
	sort.Slice(roads, func(i, j int) bool {
		return roads[i][0] < roads[j][0] || roads[i][0] == roads[j][0] && roads[i][1] < roads[j][1]
	})
	for _, k := range roads {
		km := r.Roads[k]
		if k[0] < 0 || k[1] >= len(v.s.Ports) || k[0] >= k[1] || !(km > 0) || math.IsInf(km, 0) {
			v.errorf("response.roads", "a road between ports %d and %d of %v km: want two different ports of the scenario, the lower first, and a positive length", k[0], k[1], km)
		}
	}
	if !(r.GroupWithin >= Minute) || math.IsInf(r.GroupWithin, 0) {
		v.errorf("response.group_within", "must be at least 1m, got %s", FormatDuration(r.GroupWithin))
	}
	if !(r.MaxDetour >= 0) || math.IsInf(r.MaxDetour, 0) {
		v.errorf("response.max_detour", "must not be negative")
	}
	// Each publication is an event at every port: a fraction of a
	// millisecond made a two-day run endless. CBP publishes its waits
	// about hourly; a minute is far finer, and bounds the events.
	if !(r.PublishEvery >= MinPublishEvery) || math.IsInf(r.PublishEvery, 0) {
		v.errorf("response.publish_every", "must be at least 1m (CBP publishes its waits about hourly), got %s", FormatDuration(r.PublishEvery))
	}
}

// timeAxis checks the horizon, the warm-up, the bins and the decision
// period against each other.
func (v *validator) timeAxis() {
	s := v.s
	hOK := true
	switch {
	case !(s.Horizon > 0):
		v.errorf("horizon", "must be positive")
		hOK = false
	case s.Horizon > maxHorizon:
		v.errorf("horizon", "must be at most 36500d (a century), got %s", FormatDuration(s.Horizon))
		hOK = false
	}
	switch {
	case !(s.Warmup >= 0) || math.IsInf(s.Warmup, 0):
		v.errorf("warmup", "must not be negative, got %v", s.Warmup)
	case hOK && s.Warmup >= s.Horizon:
		v.errorf("warmup", "the warm-up (%s) is not shorter than the horizon that follows it (%s): the horizon is the time kept after the warm-up, and must be the longer of the two", FormatDuration(s.Warmup), FormatDuration(s.Horizon))
	}
	switch {
	case !(s.BinWidth > 0) || math.IsInf(s.BinWidth, 0):
		v.errorf("bin", "must be positive")
	case hOK && s.Horizon/s.BinWidth > maxBins:
		v.errorf("bin", "too fine: %.0f bins over the horizon (at most %g)", s.Horizon/s.BinWidth, float64(maxBins))
	}
	// Only organisations and the market re-plan; without them the period
	// is unused.
	if s.Replans() && (!(s.DecisionPeriod > 0) || math.IsInf(s.DecisionPeriod, 0)) {
		v.errorf("decision_period", "must be positive")
	}
}

func (v *validator) className(c int) string {
	if c >= 0 && c < len(v.s.Classes) {
		return v.s.Classes[c].Name
	}
	return fmt.Sprintf("class#%d", c)
}

func (v *validator) ports() {
	s := v.s
	if len(s.Ports) == 0 {
		v.errorf("port", "no ports: a scenario needs at least one [[port]]")
	}
	names := map[string]int{}
	for i := range s.Ports {
		p := &s.Ports[i]
		pp := indexPath("port", i)
		if strings.TrimSpace(p.Name) == "" {
			v.errorf(pp+".name", "the port name must not be empty")
		} else if j, dup := names[strings.ToLower(p.Name)]; dup {
			v.errorf(pp+".name", "duplicate port name %q (already used by port[%d])", p.Name, j)
		} else {
			names[strings.ToLower(p.Name)] = i
		}
		v.text(pp+".name", p.Name)
		v.text(pp+".state", p.State)
		v.prob(pp+".pressure_factor", p.PressureFactor)
		if !(p.PressureWait >= 0) || math.IsInf(p.PressureWait, 0) {
			v.errorf(pp+".pressure_wait", "must not be negative, got %v", p.PressureWait)
		}
		for m := range p.Methods {
			mt := &p.Methods[m]
			mp := indexPath(pp+".method", m)
			v.text(mp+".name", mt.Name)
			if mt.Servers < 1 || mt.Servers > maxBooths {
				v.errorf(mp+".servers", "must be from 1 to %d, got %d", maxBooths, mt.Servers)
			}
			v.dist(mp+".time", mt.Time)
			v.prob(mp+".false_alarm", mt.FalseAlarm)
			if len(mt.Detect) != len(s.Concealments) {
				v.errorf(mp+".detect", "has %d entries for %d concealments", len(mt.Detect), len(s.Concealments))
			}
			for c, x := range mt.Detect {
				if c < len(s.Concealments) {
					v.prob(mp+".detect."+s.Concealments[c], x)
				}
			}
		}
		seen := map[int]bool{}
		for l := range p.Lanes {
			ln := &p.Lanes[l]
			if ln.Class < 0 || ln.Class >= len(s.Classes) {
				v.errorf(indexPath(pp+".lane", l), "class index %d out of range", ln.Class)
				continue
			}
			lp := pp + ".lane." + s.Classes[ln.Class].Name
			if seen[ln.Class] {
				v.errorf(lp, "the port has two %s lanes", s.Classes[ln.Class].Name)
			}
			seen[ln.Class] = true
			v.lane(lp, p, ln)
		}
	}
}

func (v *validator) lane(lp string, p *Port, ln *Lane) {
	if !(ln.Rate >= 0) || ln.Rate*365*Day > maxVolume {
		v.errorf(lp+".annual_volume", "must be from 0 to %g vehicles a year, got %v", maxVolume, ln.Rate*365*Day)
	}
	open := 0
	for h, b := range ln.Booths {
		if b < 0 || b > maxBooths {
			v.errorf(indexPath(lp+".booths", h), "must be from 0 to %d booths, got %d", maxBooths, b)
		}
		open += b
	}
	switch {
	case open == 0 && ln.Rate > 0 && ln.Staffing != nil:
		// The user wrote a roster, not booths.
		v.errorf(lp+".staffing.shifts", "no officer is ever on duty, but %.0f vehicles a year arrive", ln.Rate*365*Day)
	case open == 0 && ln.Rate > 0:
		v.errorf(lp+".booths", "no booth is ever open, but %.0f vehicles a year arrive", ln.Rate*365*Day)
	}
	for h, x := range ln.HourProfile {
		if !(x >= 0) || math.IsInf(x, 0) {
			v.errorf(indexPath(lp+".hours", h), "must be a finite non-negative multiplier, got %v", x)
		}
	}
	for d, x := range ln.DayProfile {
		if !(x >= 0) || math.IsInf(x, 0) {
			v.errorf(indexPath(lp+".days", d), "must be a finite non-negative multiplier, got %v", x)
		}
	}
	for m, x := range ln.MonthProfile {
		if !(x >= 0) || math.IsInf(x, 0) {
			v.errorf(indexPath(lp+".months", m), "must be a finite non-negative multiplier, got %v", x)
		}
	}
	v.dist(lp+".primary_time", ln.PrimaryTime)
	v.prob(lp+".referral_rate", ln.Referral.Rate)
	v.prob(lp+".target_hit", ln.Referral.TargetHit)
	v.prob(lp+".target_false", ln.Referral.TargetFalse)
	if ln.LotCapacity < 0 || ln.LotCapacity > maxLot {
		v.errorf(lp+".lot_capacity", "must be from 0 to %d places, got %d", int(maxLot), ln.LotCapacity)
	}
	switch {
	case ln.LotCapacity > 0 && len(ln.Steps) == 0:
		v.errorf(lp+".lot_capacity", "a secondary lot needs a secondary sequence, e.g. secondary = [{ method = \"imaging\" }]")
	case ln.LotCapacity == 0 && len(ln.Steps) > 0:
		v.errorf(lp+".secondary", "a secondary sequence needs lot_capacity > 0 (places for vehicles in secondary)")
	}
	if pp := ln.PrePrimary; pp != nil {
		v.prePrimary(lp+".preprimary", ln, pp)
	}
	v.trustedLane(lp, ln) // trusted.go
	for k, st := range ln.Steps {
		sp := indexPath(lp+".secondary", k)
		if st.Method < 0 || st.Method >= len(p.Methods) {
			v.errorf(sp+".method", "method index %d out of range (the port has %d methods)", st.Method, len(p.Methods))
		}
		if k == 0 && st.OnlyOnAlarm {
			v.errorf(sp+".only_on_alarm", "the first step cannot run only on alarm: nothing has raised one yet")
		}
	}
}

// laneOK reports whether (port, lane) names a lane of the scenario.
func (v *validator) laneOK(port, lane int) bool {
	return port >= 0 && port < len(v.s.Ports) && lane >= 0 && lane < len(v.s.Ports[port].Lanes)
}

func (v *validator) loads() {
	s := v.s
	perVehicle := map[[2]int]float64{}
	var order [][2]int
	for i, f := range s.Loads {
		fp := indexPath("load", i)
		if f.Drug < 0 || f.Drug >= len(s.Drugs) {
			v.errorf(fp+".drug", "drug index %d out of range", f.Drug)
		}
		if f.Concealment < 0 || f.Concealment >= len(s.Concealments) {
			v.errorf(fp+".concealment", "concealment index %d out of range", f.Concealment)
		}
		if !(f.LoadsPerYear >= 0 && f.LoadsPerYear <= maxLoadsPerYear) {
			v.errorf(fp+".loads_per_year", "must be from 0 to %g loads a year, got %v", float64(maxLoadsPerYear), f.LoadsPerYear)
		}
		v.dist(fp+".kg", f.Kg)
		if !v.laneOK(f.Port, f.Lane) {
			v.errorf(fp+".port", "port %d lane %d out of range", f.Port, f.Lane)
			continue
		}
		ln := &s.Ports[f.Port].Lanes[f.Lane]
		k := [2]int{f.Port, f.Lane}
		if _, ok := perVehicle[k]; !ok {
			order = append(order, k)
		}
		if ln.Rate > 0 {
			perVehicle[k] += LoadsPerVehicle(f.LoadsPerYear, ln.Rate)
		} else if f.LoadsPerYear > 0 {
			perVehicle[k] = math.Inf(1)
		}
	}
	for _, k := range order {
		if x := perVehicle[k]; x > 1 {
			pt := &s.Ports[k[0]]
			ln := &pt.Lanes[k[1]]
			v.errorf(indexPath("port", k[0])+".lane."+v.className(ln.Class),
				"the loads of this lane need %.3g loaded vehicles per vehicle: more loads a year than the %.0f vehicles of the lane", x, ln.Rate*365*Day)
		}
	}
}

func (v *validator) surges() {
	s := v.s
	for i, sg := range s.Surges {
		sp := indexPath("surge", i)
		if sg.Port < 0 || sg.Port >= len(s.Ports) {
			v.errorf(sp+".port", "port index %d out of range", sg.Port)
			continue
		}
		pt := &s.Ports[sg.Port]
		switch {
		case !(sg.Start >= 0):
			v.errorf(sp+".start", "must not be negative, got %v", sg.Start)
		case s.Horizon > 0 && sg.Start >= s.Horizon:
			v.errorf(sp+".start", "the surge starts at %s, after the horizon (%s) ends", FormatDuration(sg.Start), FormatDuration(s.Horizon))
		}
		if !(sg.End > sg.Start) {
			v.errorf(sp+".end", "the surge must end after it starts (start %s, end %s)", FormatDuration(sg.Start), FormatDuration(sg.End))
		}
		if !(sg.SecondaryFactor > 0 && sg.SecondaryFactor <= 1000) {
			v.errorf(sp+".secondary_factor", "must be more than 0 and at most 1000, got %v", sg.SecondaryFactor)
		}
		for _, n := range []int{len(sg.ExtraBooths), len(sg.ReferralRate)} {
			if n != len(pt.Lanes) {
				v.errorf(sp, "has %d lanes' settings for the %d lanes of %s", n, len(pt.Lanes), pt.Name)
			}
		}
		if sg.ReferralFactor != nil && len(sg.ReferralFactor) != len(pt.Lanes) {
			v.errorf(sp, "has %d lanes' referral factors for the %d lanes of %s", len(sg.ReferralFactor), len(pt.Lanes), pt.Name)
		}
		for l := range pt.Lanes {
			cp := v.className(pt.Lanes[l].Class)
			if l < len(sg.ExtraBooths) && (sg.ExtraBooths[l] < 0 || sg.ExtraBooths[l] > maxBooths) {
				v.errorf(sp+".extra_booths."+cp, "must be from 0 to %d booths, got %d", maxBooths, sg.ExtraBooths[l])
			}
			if l < len(sg.ReferralRate) && sg.ReferralRate[l] != -1 {
				v.prob(sp+".referral_rate."+cp, sg.ReferralRate[l])
			}
			if l < len(sg.ReferralFactor) && !(sg.ReferralFactor[l] >= 0 && sg.ReferralFactor[l] <= 1000) {
				v.errorf(sp+".referral_factor."+cp, "must be from 0 to 1000, got %v", sg.ReferralFactor[l])
			}
		}
	}
}

func (v *validator) orgs() {
	s := v.s
	names := map[string]int{}
	for i := range s.Orgs {
		o := &s.Orgs[i]
		op := indexPath("organisation", i)
		v.text(op+".name", o.Name)
		if strings.TrimSpace(o.Name) == "" {
			v.errorf(op+".name", "the organisation name must not be empty")
		} else if j, dup := names[strings.ToLower(o.Name)]; dup {
			v.errorf(op+".name", "duplicate organisation name %q (already used by organisation[%d])", o.Name, j)
		} else {
			names[strings.ToLower(o.Name)] = i
		}
		if o.Drug < 0 || o.Drug >= len(s.Drugs) {
			v.errorf(op+".drug", "drug index %d out of range", o.Drug)
		}
		if !(o.KgPerPeriod > 0 && o.KgPerPeriod <= 1e9) {
			v.errorf(op+".kg_per_period", "must be more than 0 and at most 1e9 kg, got %v", o.KgPerPeriod)
		}
		v.dist(op+".load_kg", o.LoadKg)
		v.prob(op+".learning_rate", o.LearningRate)
		v.prob(op+".loss_tolerance", o.LossTolerance)
		if !(o.ValuePerKg >= 0 && o.ValuePerKg <= maxValue) {
			v.errorf(op+".value_per_kg", "must be from 0 to %g USD per kg, got %v", maxValue, o.ValuePerKg)
		}
		if !(o.Temperature >= 0 && o.Temperature <= maxValue) {
			v.errorf(op+".temperature", "must be from 0 to %g USD per kg, got %v", maxValue, o.Temperature)
		}
		if !(o.PriorAlpha > 0 && o.PriorAlpha <= 1e9) || !(o.PriorBeta > 0 && o.PriorBeta <= 1e9) {
			v.errorf(op+".prior", "alpha and beta must be positive, got %v and %v", o.PriorAlpha, o.PriorBeta)
		}
		if len(o.Routes) == 0 {
			v.errorf(op+".route", "needs at least one route through a port ([[organisation.route]] with port, class and concealment)")
		}
		for r, rt := range o.Routes {
			rp := indexPath(op+".route", r)
			if !v.laneOK(rt.Port, rt.Lane) {
				v.errorf(rp+".port", "port %d lane %d out of range", rt.Port, rt.Lane)
				continue
			}
			if rt.Concealment < 0 || rt.Concealment >= len(s.Concealments) {
				v.errorf(rp+".concealment", "concealment index %d out of range", rt.Concealment)
			}
			if !(rt.CostPerKg >= 0 && rt.CostPerKg <= maxValue) {
				v.errorf(rp+".cost_per_kg", "must be from 0 to %g USD per kg, got %v", maxValue, rt.CostPerKg)
			}
			if ln := &s.Ports[rt.Port].Lanes[rt.Lane]; !(ln.Rate > 0) {
				v.errorf(rp+".class", "the %s lane of %s has no traffic to hide loads in", v.className(ln.Class), s.Ports[rt.Port].Name)
			}
		}
		for k, op2 := range o.Outside {
			xp := indexPath(op+".outside", k)
			v.text(xp+".name", op2.Name)
			v.prob(xp+".seize_prob", op2.SeizeProb)
			if !(op2.ValuePerKg >= 0 && op2.ValuePerKg <= maxValue) || !(op2.CostPerKg >= 0 && op2.CostPerKg <= maxValue) {
				v.errorf(xp, "value_per_kg and cost_per_kg must be from 0 to %g USD per kg", maxValue)
			}
		}
	}
}

// prePrimary checks a lane's scanning before the booths (preprimary.go).
func (v *validator) prePrimary(pp string, ln *Lane, p *PrePrimary) {
	v.prob(pp+".share", p.Share)
	if p.Portals < 1 || p.Portals > maxBooths {
		v.errorf(pp+".portals", "must be from 1 to %d, got %d", maxBooths, p.Portals)
	}
	if p.Reviewers < 1 || p.Reviewers > maxBooths {
		v.errorf(pp+".reviewers", "must be from 1 to %d, got %d", maxBooths, p.Reviewers)
	}
	v.dist(pp+".scan_time", p.ScanTime)
	v.dist(pp+".review_time", p.ReviewTime)
	if !(p.WaitForImage >= 0) || math.IsInf(p.WaitForImage, 0) {
		v.errorf(pp+".wait_for_image", "must not be negative, got %v", p.WaitForImage)
	}
	v.prob(pp+".false_alarm", p.FalseAlarm)
	if len(p.Detect) != len(v.s.Concealments) {
		v.errorf(pp+".detect", "has %d entries for %d concealments", len(p.Detect), len(v.s.Concealments))
	}
	for c, x := range p.Detect {
		if c < len(v.s.Concealments) {
			v.prob(pp+".detect."+v.s.Concealments[c], x)
		}
	}
	confirm := false
	for _, st := range ln.Steps {
		confirm = confirm || st.OnlyOnAlarm
	}
	if !confirm {
		v.errorf(pp, "an image alarm needs a confirming exam: the lane's secondary sequence needs a step with only_on_alarm = true")
	}
}
