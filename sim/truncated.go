package sim

import (
	"fmt"
	"math"
)

// Truncated is a distribution cut at Max: what D gives, conditioned on
// being at most Max. A load cannot weigh more than its vehicle carries (a
// pickup's payload, a trailer's legal cargo), whatever tail the fitted
// distribution has. Build it with NewTruncated.
type Truncated struct {
	D    Dist
	Max  float64
	mass float64 // P(D ≤ Max)
	mean float64 // E[D | D ≤ Max]
}

// maxRejections bounds the redraws of one sample. NewTruncated refuses a
// cut that keeps less than minTruncatedMass of the distribution, so the
// chance of needing more is below 0.5^64; past it Sample returns Max.
const (
	maxRejections    = 64
	minTruncatedMass = 0.5
)

// Below is implemented by the distributions Truncated can cut: P(X ≤ x)
// and E[X; X ≤ x], the partial expectation.
type Below interface {
	Below(x float64) (mass, partial float64)
}

// NewTruncated returns d cut at max. d must implement Below (a lognormal,
// constant, uniform or exponential, or a mixture of them) and keep at
// least half its mass at or below max.
func NewTruncated(d Dist, max float64) (*Truncated, error) {
	b, ok := d.(Below)
	if !ok {
		return nil, fmt.Errorf("this distribution cannot be cut at a limit (lognormal, constant, uniform, exponential and mixtures of them can)")
	}
	if !(max > 0) || math.IsInf(max, 0) {
		return nil, fmt.Errorf("a limit of %v: want a positive number", max)
	}
	mass, partial := b.Below(max)
	if math.IsNaN(partial) {
		return nil, fmt.Errorf("a part of the mixture cannot be cut at a limit (lognormal, constant, uniform, exponential and mixtures of them can)")
	}
	if !(mass >= minTruncatedMass) {
		return nil, fmt.Errorf("a limit of %v keeps only %.3g of the distribution (at least %v wanted): the mean or the spread is too large for it", max, mass, minTruncatedMass)
	}
	return &Truncated{D: d, Max: max, mass: mass, mean: partial / mass}, nil
}

// Sample draws from D until the value is at most Max (rejection: the
// values at most Max keep their relative frequencies). The first draw
// is D's own, so a cut that is never reached changes no number.
func (t *Truncated) Sample(s *Stream) float64 {
	for i := 0; i < maxRejections; i++ {
		if x := t.D.Sample(s); x <= t.Max {
			return x
		}
	}
	return t.Max
}

// Mean is E[D | D ≤ Max].
func (t *Truncated) Mean() float64 { return t.mean }

// Mass is P(D ≤ Max): the share of D's draws kept.
func (t *Truncated) Mass() float64 { return t.mass }

// Validate reports a Truncated that NewTruncated did not build.
func (t *Truncated) Validate() error {
	if t.D == nil || !(t.mass >= minTruncatedMass) {
		return fmt.Errorf("truncated: not built with NewTruncated")
	}
	return nil
}

// Below returns P(X ≤ x) and E[X; X ≤ x] = e^(μ+σ²/2) Φ((ln x − μ − σ²)/σ)
// (Johnson, Kotz & Balakrishnan, vol. 1, ch. 14).
func (d LogNormal) Below(x float64) (mass, partial float64) {
	if !(x > 0) {
		return 0, 0
	}
	if d.Sigma == 0 {
		v := math.Exp(d.Mu)
		if v <= x {
			return 1, v
		}
		return 0, 0
	}
	z := (math.Log(x) - d.Mu) / d.Sigma
	return normCDF(z), d.Mean() * normCDF(z-d.Sigma)
}

// Below returns P(X ≤ x) and E[X; X ≤ x].
func (d Constant) Below(x float64) (mass, partial float64) {
	if d.Value <= x {
		return 1, d.Value
	}
	return 0, 0
}

// Below returns P(X ≤ x) and E[X; X ≤ x].
func (d Uniform) Below(x float64) (mass, partial float64) {
	switch {
	case x >= d.Max:
		return 1, d.Mean()
	case x < d.Min:
		return 0, 0
	case d.Max == d.Min:
		return 1, d.Min
	}
	mass = (x - d.Min) / (d.Max - d.Min)
	return mass, mass * (d.Min + x) / 2
}

// Below returns P(X ≤ x) and E[X; X ≤ x] = θ(1 − e^(−x/θ)) − x e^(−x/θ).
func (d Exponential) Below(x float64) (mass, partial float64) {
	if !(x > 0) {
		return 0, 0
	}
	e := math.Exp(-x / d.Scale)
	return 1 - e, d.Scale*(1-e) - x*e
}

// Below returns P(X ≤ x) and E[X; X ≤ x] over the parts; 0, NaN when a
// part cannot say.
func (m *Mixture) Below(x float64) (mass, partial float64) {
	total := 0.0
	for i, p := range m.Parts {
		b, ok := p.(Below)
		if !ok {
			return 0, math.NaN()
		}
		pm, pp := b.Below(x)
		mass += m.Weights[i] * pm
		partial += m.Weights[i] * pp
		total += m.Weights[i]
	}
	return mass / total, partial / total
}

func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }
