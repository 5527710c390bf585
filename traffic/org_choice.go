package traffic

import (
	"math"

	"borderflow/scenario"
)

// Belief is what an organisation thinks of one way across (a route, or
// an outside option it bears the risk of): the probability that a load
// sent along it is lost. It is a Beta–Bernoulli posterior with
// forgetting (the "discounted" Beta of West and Harrison's dynamic
// models; NarcoLogic's perceived risk, Magliocca et al. PNAS 2019,
// calc_intrisk.m, is the same ratio with its own counting):
//
//	risk = (α + S) / (α + β + S + F)
//
// with a Beta(α, β) prior and S, F the discounted counts of loads lost
// and loads that went through. At the end of every decision period the
// evidence fades, S ← (1−λ)·S, F ← (1−λ)·F, and the period's news is
// added: the organisation's own loads (each a Bernoulli trial) and what
// it observed of others (org_observe.go), as pseudo-loads. λ is the
// learning rate (NarcoLogic's delta_rt, the weight of new information):
// evidence older than about 1/λ periods has faded, and what is left weighs
// about loads-per-period / λ against the prior's α + β.
//
// Deliveries count as much as losses: a route that is quiet for months
// (loads go through, none is lost) looks ever safer, down to what its
// recent loads say; an unused route drifts back to its prior.
type Belief struct {
	Alpha, Beta float64 // the prior
	S, F        float64 // discounted loads lost and loads delivered
}

// Risk returns the perceived risk.
func (b *Belief) Risk() float64 {
	return (b.Alpha + b.S) / (b.Alpha + b.Beta + b.S + b.F)
}

// fade discounts the evidence by one period of learning rate lambda.
func (b *Belief) fade(lambda float64) {
	b.S *= 1 - lambda
	b.F *= 1 - lambda
}

// observe adds n loads whose fate became known, s of them lost.
func (b *Belief) observe(n, s float64) {
	b.S += s
	b.F += n - s
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
	// the ports: Σ route share × risk ÷ Σ route share.
	ExpectedLoss float64
}

// Choose splits an organisation's volume given its perceived risk of each
// route and of each outside option (by option; a contract's is unused).
//
// Every way — route through a port or outside option — is valued on the
// same footing, its expected profit per kilogram:
//
//	route r:            value × (1 − risk_r) − cost_r
//	market, river:      value_i × (1 − risk_i) − cost_i   (risk_i learned)
//	contract:           value − fee_i                      (the contractor bears the loss)
//
// and the volume is shared by a logit (McFadden's conditional logit):
// share ∝ exp(profit / T). T, the temperature in USD per kg, is the spread
// of what the model does not see in a way's profit (a contact at the
// port, a driver, a broker): a way whose expected profit is T lower gets
// 1/e times the share. With T → 0 the organisation puts everything on the
// best way; with T much larger than the differences in cost and risk it
// ignores them.
//
// So outsourcing answers pressure: when the ports' risks rise, their
// expected profit falls against the outside options' and their share
// goes there (and to the other ports); at the baseline's risks the
// outsourced share is what the scenario calibrated (Calibrate). The loss
// tolerance, when a scenario sets one below 1, caps the expected loss
// share of the whole volume at the ports (NarcoLogic's losslim): volume
// above the cap goes to the outside options in their logit proportions.
func Choose(o *scenario.Organisation, risk, outsideRisk []float64) Choice {
	nr, no := len(o.Routes), len(o.Outside)
	c := Choice{Route: make([]float64, nr), Outside: make([]float64, no)}
	all := make([]float64, nr+no)
	for r, rt := range o.Routes {
		all[r] = o.ValuePerKg*(1-risk[r]) - rt.CostPerKg
	}
	for i := range o.Outside {
		all[nr+i] = OutsideProfit(&o.Outside[i], o.ValuePerKg, outsideRisk[i])
	}
	softmax(all, o.Temperature)
	copy(c.Route, all[:nr])
	copy(c.Outside, all[nr:])
	ports := 0.0
	for r := range c.Route {
		ports += c.Route[r]
		c.ExpectedLoss += c.Route[r] * risk[r]
	}
	if no > 0 && o.LossTolerance < 1 && c.ExpectedLoss > o.LossTolerance {
		// The cap: scale the ports' shares so that their expected loss
		// is the tolerance, and give the rest to the outside options in
		// their logit proportions (or equally when they had none).
		k := o.LossTolerance / c.ExpectedLoss
		moved := ports * (1 - k)
		out := 1 - ports
		for i := range c.Outside {
			if out > 0 {
				c.Outside[i] += moved * c.Outside[i] / out
			} else {
				c.Outside[i] += moved / float64(no)
			}
		}
		for r := range c.Route {
			c.Route[r] *= k
		}
		ports *= k
		c.ExpectedLoss *= k
	}
	if ports > 0 {
		c.ExpectedLoss /= ports
	} else {
		c.ExpectedLoss = 0
	}
	for i := range c.Outside {
		c.Outsourced += c.Outside[i]
	}
	return c
}

// OutsideProfit is an outside option's expected profit per kilogram:
// its value less the expected loss and the cost, or for a contract the
// organisation's value less the fee. value is the organisation's value
// per kilogram (what a contract delivers in the US).
func OutsideProfit(op *scenario.OutsideOption, value, risk float64) float64 {
	if op.Contract {
		return value - op.CostPerKg
	}
	return op.ValuePerKg*(1-risk) - op.CostPerKg
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
