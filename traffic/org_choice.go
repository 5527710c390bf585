package traffic

import (
	"math"

	"borderflow/scenario"
)

// Belief is what an organisation thinks of one route's risk: the
// probability that a load sent along it is seized. It is the perceived
// risk of NarcoLogic (Magliocca et al., PNAS 2019; calc_intrisk.m in
// github.com/nickmags13/NarcoABM):
//
//	risk = (S + α) / (A + α + β)
//
// with S the discounted count of the organisation's own seizures on the
// route, A the discounted count of its loads whose fate it knows, and a
// Beta(α, β) prior. NarcoLogic counts time periods in A and discounts
// every period, so a trafficker who never loses a load grows ever more
// confident (α/(A+α+β) falls towards 0). Here beliefs move only when a
// seizure happens, as in NarcoLogic's reading of S&L events as the only
// news: the attempts that went through since the last loss are kept
// aside (Pending) and enter A together with the next loss. An
// organisation that never loses a load therefore keeps its prior, and one
// that loses one load in N keeps, between losses, the estimate it formed
// at the last loss.
//
// Discounting is per loss episode (the periods since the previous loss,
// closed by a period with at least one seizure), with the learning rate λ
// as NarcoLogic's delta_rt, the weight of new information:
//
//	S ← (1−λ)·S + seizures,  A ← (1−λ)·A + attempts since the last loss
//
// On a busy route (a loss every period) this is the per-period discount
// (1−λ) of NarcoLogic. On a quiet route it is not: discounting per
// calendar period would forget the long run of safe loads before the
// next loss arrives, and a rarely used route would look risky after every
// loss forever (A ≈ loads per period / λ). Counting the whole episode is
// the renewal estimator: over many episodes S/A tends to seizures per
// load. Over few episodes (a large λ keeps about 2/λ of them) a ratio of
// sums runs high, by Jensen's inequality: on a route losing one load in
// fifty the mean estimate is about 2% high at λ = 0.05, 17% at λ = 0.3
// and 50% at NarcoLogic's 0.66 (TestBeliefRenewal and its notes) — fast
// learners are also jumpy and somewhat pessimistic.
type Belief struct {
	S, A    float64 // discounted seizures and attempts at the last revision
	Pending float64 // attempts since the last revision (loads that went through)
	// Revisions counts the periods with a loss (for reports and tests).
	Revisions int
}

// Risk returns the perceived risk under the prior (alpha, beta).
func (b *Belief) Risk(alpha, beta float64) float64 {
	return (b.S + alpha) / (b.A + alpha + beta)
}

// observe closes one period's news about the route: n loads whose fate
// became known, s of them seized, with learning rate lambda.
func (b *Belief) observe(n, s int, lambda float64) {
	b.Pending += float64(n)
	if s == 0 {
		return
	}
	keep := 1 - lambda
	b.S = keep*b.S + float64(s)
	b.A = keep*b.A + b.Pending
	b.Pending = 0
	b.Revisions++
}

// Choice is an organisation's plan for one period, as shares of the
// period's volume.
type Choice struct {
	Route   []float64 // by route
	Outside []float64 // by outside option
	// Outsourced is the share sent to outside options (the sum of
	// Outside).
	Outsourced float64
	// ExpectedLoss is the expected loss share of the volume sent through
	// the ports: Σ route share × risk over the US routes' logit shares.
	ExpectedLoss float64
}

// Choose splits an organisation's volume given its perceived risk of each
// route.
//
// Routes. The expected profit of a kilogram sent along route r is
// value × (1 − risk_r) − cost_r, and the routes share the volume by a
// logit (McFadden's conditional logit): share_r ∝ exp(profit_r / T). T,
// the temperature in USD per kg, is the spread of what the model does not
// see in a route's profit (a contact at the port, a driver, a broker): a
// route whose expected profit is T lower gets 1/e times the share. With
// T → 0 the organisation puts everything on the best route, which real
// organisations do not do (seizures come from every port); with T much
// larger than the differences in cost and risk it ignores them.
//
// Outsourcing. Let ρ̄ be the expected loss share of the logit plan over
// the US routes. When ρ̄ exceeds the loss tolerance L (NarcoLogic's
// losslim, 0.0473), the organisation sends the share f = 1 − L/ρ̄ of its
// volume to its outside options, so that its expected loss at the ports,
// as a share of its whole volume, (1 − f)·ρ̄, equals L. f is 0 at ρ̄ = L
// and rises continuously with the excess. The outside options share f by
// the same logit over their own expected profit. Without outside options
// f is 0: the organisation has nowhere else to go.
func Choose(o *scenario.Organisation, risk []float64) Choice {
	c := Choice{Route: make([]float64, len(o.Routes)), Outside: make([]float64, len(o.Outside))}
	for r, rt := range o.Routes {
		c.Route[r] = o.ValuePerKg*(1-risk[r]) - rt.CostPerKg
	}
	softmax(c.Route, o.Temperature)
	for r := range c.Route {
		c.ExpectedLoss += c.Route[r] * risk[r]
	}
	if len(o.Outside) == 0 || !(c.ExpectedLoss > o.LossTolerance) {
		return c
	}
	f := 1 - o.LossTolerance/c.ExpectedLoss
	for i, op := range o.Outside {
		c.Outside[i] = op.ValuePerKg*(1-op.SeizeProb) - op.CostPerKg
	}
	softmax(c.Outside, o.Temperature)
	for i := range c.Outside {
		c.Outside[i] *= f
	}
	for r := range c.Route {
		c.Route[r] *= 1 - f
	}
	c.Outsourced = f
	return c
}

// softmax replaces x (profits) by the logit shares exp(x/t)/Σexp(x/t),
// subtracting the largest profit first so that nothing overflows. A
// temperature of 0 gives the best option everything (ties share).
func softmax(x []float64, t float64) {
	if len(x) == 0 {
		return
	}
	best := math.Inf(-1)
	for _, v := range x {
		best = math.Max(best, v)
	}
	sum := 0.0
	for i, v := range x {
		if t > 0 {
			x[i] = math.Exp((v - best) / t)
		} else if v == best {
			x[i] = 1
		} else {
			x[i] = 0
		}
		sum += x[i]
	}
	for i := range x {
		x[i] /= sum
	}
}
