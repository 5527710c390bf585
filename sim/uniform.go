// Uniform draws of a Stream, on the generator of gorand.go.

package sim

// Float64 returns a uniform value in [0, 1) with 53 random bits: the
// top 53 of a Uint64 (math/rand/v2's Rand.Float64 takes the low 53; both
// are exactly uniform on the 2^53 multiples of 2^-53).
func (s *Stream) Float64() float64 {
	return float64(s.Uint64()>>11) * (1.0 / (1 << 53))
}

// Open01 returns a uniform value in the open interval (0, 1): the
// midpoint of one of 2^53 equal cells. It is never 0, so -log(u) and
// u^(1/a) are always finite.
func (s *Stream) Open01() float64 {
	return (float64(s.Uint64()>>11) + 0.5) * (1.0 / (1 << 53))
}

// IntN returns a uniform integer in [0, n). It panics if n <= 0.
func (s *Stream) IntN(n int) int {
	if n <= 0 {
		panic("invalid argument to IntN")
	}
	return int(s.uint64n(uint64(n)))
}

// Bernoulli reports true with probability p. p <= 0 is never true and
// p >= 1 is always true.
func (s *Stream) Bernoulli(p float64) bool { return s.Float64() < p }

// KeyFloat64 is the first Float64 of a stream restarted by Reseed(key,
// step), computed on a generator of its own on the stack: the same number,
// without writing a Stream's state. A vehicle's single draw (its trusted
// part, an alarm) costs a hash and one PCG step instead of a reseed.
func KeyFloat64(key, step uint64) float64 {
	k := splitmix64(key ^ splitmix64(step+0x632be59bd9b4e019))
	g := Stream{hi: splitmix64(k + 0x9e3779b97f4a7c15), lo: splitmix64(k + 0x3c6ef372fe94f82a)}
	return g.Float64()
}
