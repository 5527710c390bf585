package traffic

import (
	"math"
	"sort"

	"borderflow/scenario"
)

// BaselineRisk is the probability that a load sent along route rt is
// seized when the port works as configured: no surge, no wait pressure,
// a lot with room. A vehicle loaded with the drug is referred with
// probability 1 − (1 − rate)(1 − target), target the lane's target_hit
// scaled by the drug's target_hit_factor (scenario.Referral,
// scenario.DrugTargetHit), and then goes
// through the lane's secondary sequence, where a step that runs on every
// vehicle raises the alarm with its detection probability for the
// concealment and a step that runs only on alarm confirms it with its
// own; the load is seized when the sequence ends in alarm.
//
// It is what an organisation that knows the port's ordinary practice
// expects, and the mean of its prior when the scenario asks for priors at
// equilibrium (prior = { weight = … }). Wait pressure and full lots only
// lower the true risk, so the prior errs on the cautious side.
func BaselineRisk(sc *scenario.Scenario, drug int, rt scenario.Route) float64 {
	return laneRisk(sc, drug, rt.Port, rt.Lane, rt.Concealment, sc.Ports[rt.Port].Lanes[rt.Lane].Referral.Rate)
}

// laneRisk is BaselineRisk of a load of drug hidden by concealment at lane
// l of port p when the lane refers at random at rate.
func laneRisk(sc *scenario.Scenario, drug, p, l, concealment int, rate float64) float64 {
	pt := &sc.Ports[p]
	ln := &pt.Lanes[l]
	if ln.LotCapacity <= 0 || len(ln.Steps) == 0 {
		return 0
	}
	refer := 1 - (1-rate)*(1-scenario.DrugTargetHit(ln.Referral, sc.Drugs[drug].TargetHitFactor))
	alarm := 0.0 // P(the sequence is in alarm)
	for _, st := range ln.Steps {
		d := pt.Methods[st.Method].Detect[concealment]
		if st.OnlyOnAlarm {
			alarm *= d
		} else {
			alarm += (1 - alarm) * d
		}
	}
	return refer * alarm
}

// RiskInForce is BaselineRisk with the surges in force: the mean over
// [from, to) (seconds from time 0) of the risk at the referral rate the
// port applies (a surge's rate replaces the lane's, its factor multiplies
// it, in the scenario's order, as ports.applySurges does). It is what a
// trafficker who knows the ports' practice, announced surges included,
// expects; like BaselineRisk it leaves out wait pressure and full lots.
func RiskInForce(sc *scenario.Scenario, drug, p, l, concealment int, from, to float64) float64 {
	if !(to > from) {
		to = from + 1
	}
	// The times at which the surges of p start or end split [from, to)
	// into pieces with one set of surges in force.
	cuts := []float64{from, to}
	for _, su := range sc.Surges {
		if su.Port != p {
			continue
		}
		for _, x := range [2]float64{sc.Warmup + su.Start, sc.Warmup + su.End} {
			if x > from && x < to {
				cuts = append(cuts, x)
			}
		}
	}
	sort.Float64s(cuts)
	risk := 0.0
	for i := 1; i < len(cuts); i++ {
		a, b := cuts[i-1], cuts[i]
		if !(b > a) {
			continue
		}
		mid := (a + b) / 2
		rate := sc.Ports[p].Lanes[l].Referral.Rate
		for _, su := range sc.Surges {
			if su.Port != p || mid < sc.Warmup+su.Start || mid >= sc.Warmup+su.End {
				continue
			}
			if l < len(su.ReferralRate) && su.ReferralRate[l] >= 0 {
				rate = su.ReferralRate[l]
			}
			if l < len(su.ReferralFactor) {
				rate = math.Min(1, rate*su.ReferralFactor[l])
			}
		}
		risk += (b - a) * laneRisk(sc, drug, p, l, concealment, rate)
	}
	return risk / (to - from)
}

// priors returns the Beta prior of each route of o.
func priors(sc *scenario.Scenario, o *scenario.Organisation) []Belief {
	out := make([]Belief, len(o.Routes))
	for r, rt := range o.Routes {
		if o.PriorWeight > 0 {
			m := BaselineRisk(sc, o.Drug, rt)
			// Keep both parameters positive so a route the ports never
			// inspect still learns from a loss.
			m = math.Min(math.Max(m, 1e-4), 1-1e-4)
			out[r] = Belief{Alpha: o.PriorWeight * m, Beta: o.PriorWeight * (1 - m)}
		} else {
			out[r] = Belief{Alpha: o.PriorAlpha, Beta: o.PriorBeta}
		}
	}
	return out
}

// outsidePriors returns the prior of each outside option of o: its
// configured loss probability, with the weight of the routes' priors.
func outsidePriors(o *scenario.Organisation) []Belief {
	w := o.PriorWeight
	if w <= 0 {
		w = o.PriorAlpha + o.PriorBeta
	}
	out := make([]Belief, len(o.Outside))
	for i, op := range o.Outside {
		m := math.Min(math.Max(op.SeizeProb, 1e-4), 1-1e-4)
		out[i] = Belief{Alpha: w * m, Beta: w * (1 - m)}
	}
	return out
}

// Calibrate returns a copy of o in which every outside option with a
// baseline share has the cost per kilogram that gives it that share of
// the volume when the organisation holds its prior beliefs (the
// baseline): the share of a way in the logit is exp(profit/T) ÷ Σ, so
// with A the sum over the ways without a baseline share and S the sum of
// the baseline shares, an option's profit must be T·ln(share·A/(1−S)).
// That makes the baseline's outsourcing a stated figure — for the
// between-ports crossing, the Border Patrol's share of the drug's
// seizures (docs/SCENARIOS.md) — which stays flat without pressure.
// With a temperature of 0 the logit has no interior shares and nothing is
// changed.
func Calibrate(sc *scenario.Scenario, o *scenario.Organisation) *scenario.Organisation {
	c := *o
	c.Outside = append([]scenario.OutsideOption(nil), o.Outside...)
	any := false
	for _, op := range c.Outside {
		any = any || op.BaselineShare > 0
	}
	if !any || !(c.Temperature > 0) {
		return &c
	}
	pr := priors(sc, &c)
	opr := outsidePriors(&c)
	var profits []float64
	for r, rt := range c.Routes {
		profits = append(profits, c.ValuePerKg*(1-pr[r].Risk())-rt.CostPerKg)
	}
	shares := 0.0
	for i := range c.Outside {
		if c.Outside[i].BaselineShare > 0 {
			shares += c.Outside[i].BaselineShare
		} else {
			profits = append(profits, OutsideProfit(&c.Outside[i], c.ValuePerKg, opr[i].Risk()))
		}
	}
	// log A by log-sum-exp, so that nothing overflows.
	best := math.Inf(-1)
	for _, v := range profits {
		best = math.Max(best, v)
	}
	sum := 0.0
	for _, v := range profits {
		sum += math.Exp((v - best) / c.Temperature)
	}
	logA := best/c.Temperature + math.Log(sum)
	for i := range c.Outside {
		op := &c.Outside[i]
		if op.BaselineShare <= 0 {
			continue
		}
		profit := c.Temperature * (math.Log(op.BaselineShare/(1-shares)) + logA)
		gross := c.ValuePerKg
		if !op.Contract {
			gross = op.ValuePerKg * (1 - opr[i].Risk())
		}
		op.CostPerKg = gross - profit
	}
	return &c
}
