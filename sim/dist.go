package sim

import (
	"errors"
	"fmt"
	"math"
)

// Dist is the distribution of a random quantity of the model, such as
// the gap between two vehicles arriving at a port or the time a booth
// officer spends on one car, in simulated seconds.
//
// Sample draws from the caller's Stream, never from a global generator,
// so each replication is reproducible. Mean returns the analytic mean,
// which tests and validation compare with observed averages.
//
// The implementations below are small value structs with exported
// parameters, as in gonum's distuv. Sample does not allocate.
type Dist interface {
	Sample(s *Stream) float64
	Mean() float64
}

// validator is implemented by every distribution in this file, so a
// caller (the scenario loader's tests) can check parameters before a run.
type validator interface {
	Validate() error
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Exponential is the exponential distribution with scale (= mean)
// Scale: the gap between arrivals of a Poisson stream of vehicles.
//
// The parameter is called Scale rather than Mean because a Go struct
// cannot have a field and a method with the same name; it matches
// Gamma.Scale, of which this is the Shape = 1 case.
type Exponential struct {
	Scale float64
}

// Sample returns Scale·E with E a rate-1 exponential from the stream.
func (d Exponential) Sample(s *Stream) float64 { return d.Scale * s.ExpFloat64() }

// Mean returns Scale.
func (d Exponential) Mean() float64 { return d.Scale }

// Validate reports whether the mean is positive and finite.
func (d Exponential) Validate() error {
	if !(d.Scale > 0) || !finite(d.Scale) {
		return fmt.Errorf("exponential: mean %v must be positive and finite", d.Scale)
	}
	return nil
}

// LogNormal is the distribution of exp(Mu + Sigma·Z) with Z standard
// normal. Service times of manual inspections are right-skewed in this
// way: most are short, a few take many times the median.
type LogNormal struct {
	Mu, Sigma float64
}

// LogNormalFromMeanCV returns the log-normal with the given mean and
// coefficient of variation (std/mean), which is how wait and service
// times are usually reported. From E[X] = exp(μ+σ²/2) and
// CV² = exp(σ²)−1 (Johnson, Kotz & Balakrishnan, Continuous Univariate
// Distributions vol. 1, 2nd ed., ch. 14): σ² = ln(1+CV²),
// μ = ln(mean) − σ²/2.
func LogNormalFromMeanCV(mean, cv float64) LogNormal {
	s2 := math.Log1p(cv * cv)
	return LogNormal{Mu: math.Log(mean) - s2/2, Sigma: math.Sqrt(s2)}
}

// Sample returns exp(Mu + Sigma·Z), the exponential by exp (within
// an ulp of math.Exp and cheaper: exp.go).
func (d LogNormal) Sample(s *Stream) float64 {
	return exp(d.Mu + d.Sigma*s.NormFloat64())
}

// Mean returns exp(Mu + Sigma²/2).
func (d LogNormal) Mean() float64 { return math.Exp(d.Mu + d.Sigma*d.Sigma/2) }

// Validate reports whether Mu is finite and Sigma non-negative and finite.
func (d LogNormal) Validate() error {
	if !finite(d.Mu) {
		return fmt.Errorf("lognormal: mu %v must be finite", d.Mu)
	}
	if !(d.Sigma >= 0) || !finite(d.Sigma) {
		return fmt.Errorf("lognormal: sigma %v must be non-negative and finite", d.Sigma)
	}
	return nil
}

// Gamma is the gamma distribution with shape k = Shape and scale
// θ = Scale (mean kθ, variance kθ²). With shape above 1 it models a
// service made of several exponential steps (document check, question,
// plate read).
type Gamma struct {
	Shape, Scale float64
}

// Sample uses Marsaglia & Tsang, "A simple method for generating gamma
// variables", ACM TOMS 26(3), 2000: for k ≥ 1, with d = k − 1/3 and
// c = 1/√(9d), draw Z normal and accept v = (1+cZ)³ with the squeeze
// and log tests; return d·v·θ. For k < 1 it uses the boost from the
// same paper: Gamma(k) = Gamma(k+1)·U^(1/k).
func (d Gamma) Sample(s *Stream) float64 {
	k := d.Shape
	boost := 1.0
	if k < 1 {
		boost = math.Exp(math.Log(s.Open01()) / k) // U^(1/k), cheaper than math.Pow
		k++
	}
	dd := k - 1.0/3
	c := 1 / math.Sqrt(9*dd)
	for {
		z := s.NormFloat64()
		v := 1 + c*z
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := s.Open01()
		z2 := z * z
		// Squeeze: accepts about 98% of candidates without a log.
		if u < 1-0.0331*z2*z2 {
			return dd * v * boost * d.Scale
		}
		if math.Log(u) < 0.5*z2+dd*(1-v+math.Log(v)) {
			return dd * v * boost * d.Scale
		}
	}
}

// Mean returns Shape·Scale.
func (d Gamma) Mean() float64 { return d.Shape * d.Scale }

// Validate reports whether shape and scale are positive and finite.
func (d Gamma) Validate() error {
	if !(d.Shape > 0) || !finite(d.Shape) {
		return fmt.Errorf("gamma: shape %v must be positive and finite", d.Shape)
	}
	if !(d.Scale > 0) || !finite(d.Scale) {
		return fmt.Errorf("gamma: scale %v must be positive and finite", d.Scale)
	}
	return nil
}

// Triangular is the triangular distribution on [Min, Max] with peak at
// Mode: the usual choice when only a minimum, a typical and a maximum
// duration are known (Law, Simulation Modeling and Analysis, §6.11).
type Triangular struct {
	Min, Mode, Max float64
}

// Sample inverts the CDF (Law, §8.3.15): with F(c) = (c−a)/(b−a),
// u < F(c) gives a + √(u(b−a)(c−a)), otherwise b − √((1−u)(b−a)(b−c)).
// When Min = Max it returns Min.
func (d Triangular) Sample(s *Stream) float64 {
	a, c, b := d.Min, d.Mode, d.Max
	if a == b {
		return a
	}
	u := s.Float64()
	w := b - a
	if u < (c-a)/w {
		return a + math.Sqrt(u*w*(c-a))
	}
	return b - math.Sqrt((1-u)*w*(b-c))
}

// Mean returns (Min + Mode + Max)/3.
func (d Triangular) Mean() float64 { return (d.Min + d.Mode + d.Max) / 3 }

// Validate reports whether the parameters are finite and Min ≤ Mode ≤ Max.
func (d Triangular) Validate() error {
	if !finite(d.Min) || !finite(d.Mode) || !finite(d.Max) {
		return fmt.Errorf("triangular: min %v, mode %v, max %v must be finite", d.Min, d.Mode, d.Max)
	}
	if !(d.Min <= d.Mode && d.Mode <= d.Max) {
		return fmt.Errorf("triangular: need min <= mode <= max, got min %v, mode %v, max %v", d.Min, d.Mode, d.Max)
	}
	return nil
}

// Uniform is the continuous uniform distribution on [Min, Max).
type Uniform struct {
	Min, Max float64
}

// Sample returns Min + (Max−Min)·U.
func (d Uniform) Sample(s *Stream) float64 { return d.Min + (d.Max-d.Min)*s.Float64() }

// Mean returns (Min + Max)/2.
func (d Uniform) Mean() float64 { return (d.Min + d.Max) / 2 }

// Validate reports whether the bounds are finite and Min ≤ Max.
func (d Uniform) Validate() error {
	if !finite(d.Min) || !finite(d.Max) {
		return fmt.Errorf("uniform: min %v and max %v must be finite", d.Min, d.Max)
	}
	if !(d.Min <= d.Max) {
		return fmt.Errorf("uniform: need min <= max, got min %v, max %v", d.Min, d.Max)
	}
	return nil
}

// Constant always returns Value, e.g. a fixed toll-booth transaction
// time, or to switch randomness off in a test.
type Constant struct {
	Value float64
}

// Sample returns Value and draws nothing from the stream.
func (d Constant) Sample(*Stream) float64 { return d.Value }

// Mean returns Value.
func (d Constant) Mean() float64 { return d.Value }

// Validate reports whether Value is finite.
func (d Constant) Validate() error {
	if !finite(d.Value) {
		return fmt.Errorf("constant: value %v must be finite", d.Value)
	}
	return nil
}

// Empirical is a discrete table: Sample returns Values[i] with
// probability Weights[i]/ΣWeights, such as a vehicle's number of
// occupants or a share of trucks by commodity class.
//
// Build it with NewEmpirical, which validates the table and
// precomputes the cumulative weights that Sample searches; a literal
// Empirical{...} has no such table and its Sample panics.
type Empirical struct {
	Values, Weights []float64

	cum  []float64 // cum[i] = Weights[0] + … + Weights[i]
	last int       // index of the last positive weight, for rounding at the top
	mean float64
}

// NewEmpirical returns the table of values with the given weights
// (not necessarily normalised). It copies both slices, and returns an
// error if their lengths differ, the table is empty, a value is not
// finite, a weight is negative or not finite, or the weights sum to 0.
func NewEmpirical(values, weights []float64) (*Empirical, error) {
	d := &Empirical{
		Values:  append([]float64(nil), values...),
		Weights: append([]float64(nil), weights...),
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	d.cum = make([]float64, len(weights))
	var sum, wsum float64
	for i, w := range d.Weights {
		sum += w
		d.cum[i] = sum
		wsum += w * d.Values[i]
		if w > 0 {
			d.last = i
		}
	}
	d.mean = wsum / sum
	return d, nil
}

// check validates Values and Weights, without looking at the
// precomputed table.
func (d *Empirical) check() error {
	if len(d.Values) != len(d.Weights) {
		return fmt.Errorf("empirical: %d values but %d weights", len(d.Values), len(d.Weights))
	}
	if len(d.Values) == 0 {
		return errors.New("empirical: empty table")
	}
	var sum float64
	for i, w := range d.Weights {
		if !finite(d.Values[i]) {
			return fmt.Errorf("empirical: value %d is %v, must be finite", i, d.Values[i])
		}
		if !(w >= 0) || !finite(w) {
			return fmt.Errorf("empirical: weight %d is %v, must be non-negative and finite", i, w)
		}
		sum += w
	}
	if !(sum > 0) || !finite(sum) {
		return fmt.Errorf("empirical: weights sum to %v, must be positive and finite", sum)
	}
	return nil
}

// Sample draws u uniform on [0, ΣW) and returns the value of the first
// cell whose cumulative weight exceeds u, found by binary search in
// O(log n). Cells of weight 0 are never returned.
func (d *Empirical) Sample(s *Stream) float64 {
	n := len(d.cum)
	if n == 0 {
		panic("sim: Empirical.Sample on a table not built by NewEmpirical")
	}
	u := s.Float64() * d.cum[n-1]
	// Smallest i with cum[i] > u; written out because sort.Search's
	// closure is not guaranteed to stay off the heap.
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.cum[m] > u {
			hi = m
		} else {
			lo = m + 1
		}
	}
	if lo > d.last {
		// u rounded up to ΣW: take the top cell that has weight.
		lo = d.last
	}
	return d.Values[lo]
}

// Mean returns ΣWᵢVᵢ / ΣWᵢ.
func (d *Empirical) Mean() float64 { return d.mean }

// Validate reports whether the table is well formed and was built by
// NewEmpirical.
func (d *Empirical) Validate() error {
	if err := d.check(); err != nil {
		return err
	}
	if len(d.cum) != len(d.Weights) {
		return errors.New("empirical: table not built by NewEmpirical")
	}
	return nil
}

// Mixture draws from one of several distributions, chosen with
// probabilities proportional to Weights: a car whose primary inspection
// is the usual questioning or, one time in ten, the opening of a
// compartment (Villegas et al., TRR 1942, 2006: 34 s on average, 70 s when
// a compartment is opened). Build it with NewMixture.
type Mixture struct {
	Weights []float64
	Parts   []Dist
	cum     []float64
	// logn holds the parts when every one is a LogNormal (the primary
	// times of the shipped scenarios): Sample then calls it directly, not
	// through the interface. The same numbers either way.
	logn []LogNormal
	mean float64 // Mean, computed once by NewMixture (callers ask per vehicle)
}

// NewMixture returns the mixture of parts with the given weights.
func NewMixture(weights []float64, parts []Dist) (*Mixture, error) {
	m := &Mixture{Weights: append([]float64(nil), weights...), Parts: append([]Dist(nil), parts...)}
	if err := m.check(); err != nil {
		return nil, err
	}
	total := 0.0
	for _, w := range m.Weights {
		total += w
		m.cum = append(m.cum, total)
	}
	m.mean = m.weightedMean()
	for _, p := range m.Parts {
		l, ok := p.(LogNormal)
		if !ok {
			m.logn = nil
			break
		}
		m.logn = append(m.logn, l)
	}
	return m, nil
}

func (m *Mixture) check() error {
	if len(m.Parts) == 0 || len(m.Parts) != len(m.Weights) {
		return fmt.Errorf("mixture: %d weights for %d parts", len(m.Weights), len(m.Parts))
	}
	total := 0.0
	for i, w := range m.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("mixture: weight %d is %v, want a finite number ≥ 0", i, w)
		}
		if m.Parts[i] == nil {
			return fmt.Errorf("mixture: part %d is missing", i)
		}
		total += w
	}
	if !(total > 0) {
		return fmt.Errorf("mixture: the weights sum to 0")
	}
	return nil
}

// Validate reports a mixture that NewMixture did not build.
func (m *Mixture) Validate() error {
	if err := m.check(); err != nil {
		return err
	}
	if len(m.cum) != len(m.Weights) {
		return fmt.Errorf("mixture: not built with NewMixture")
	}
	return nil
}

// Sample draws the part with one uniform number, then the value from it.
// A part of a mixture of lognormals is drawn here directly (LogNormal's
// Sample written out: the normal's ziggurat and one exp), the per-vehicle
// primary time of every shipped lane.
func (m *Mixture) Sample(s *Stream) float64 {
	last := len(m.cum) - 1
	u := s.Float64() * m.cum[last]
	i := 0
	for i < last && m.cum[i] <= u {
		i++
	}
	if i < len(m.logn) { // every part a LogNormal (logn is nil otherwise)
		l := &m.logn[i]
		// s.NormFloat64() written out: its first strip test (gorand.go)
		// here, so that it inlines whatever the compiler's profile says.
		u := s.Uint64()
		j := int32(u)
		k := u >> 32 & 0x7F
		z := float64(j) * float64(zigWn[k])
		if absInt32(j) >= zigKn[k] {
			z = s.normSlow(u)
		}
		return exp(l.Mu + l.Sigma*z)
	}
	return m.Parts[i].Sample(s)
}

// Mean is the weighted mean of the parts' means.
func (m *Mixture) Mean() float64 {
	if len(m.cum) > 0 { // built by NewMixture
		return m.mean
	}
	return m.weightedMean()
}

func (m *Mixture) weightedMean() float64 {
	sum, total := 0.0, 0.0
	for i, p := range m.Parts {
		sum += m.Weights[i] * p.Mean()
		total += m.Weights[i]
	}
	return sum / total
}
