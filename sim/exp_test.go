package sim

import (
	"math"
	"math/big"
	"testing"
)

// ulps is the distance between a and b in units in the last place: the
// number of float64 values between them (0 when equal, 1 when neighbours).
func ulps(a, b float64) uint64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	if ia > ib {
		return uint64(ia - ib)
	}
	return uint64(ib - ia)
}

// TestExpAgainstMathExp: Exp is within one ulp of math.Exp on 2·10^7
// arguments (10^7 in -short): uniform over [-10, 20] (the lognormal primary
// times' Mu + Sigma·Z and the drivers' logit costs), normal draws like the
// model's, uniform over [-708, 709.4] (nearly all the range where e^x is a
// normal double) and near the edges of Exp's special case (|x| about 2^-54
// and 512); and on the special values. Where the two are 2 ulps apart,
// math.Exp is the one that is wrong: there Exp must be within 0.52 ulp of
// e^x computed in 200-bit arithmetic and math.Exp more than one ulp from
// it (it happens about once in 10^5 arguments). Beyond that range amd64's math.Exp
// is itself wrong (+Inf above 709.44, where e^x is still below
// MaxFloat64, and coarse on subnormal results), so there Exp is checked
// against e^x in 200-bit arithmetic (TestExpEdgesExact).
func TestExpAgainstMathExp(t *testing.T) {
	n := 5_000_000
	if testing.Short() {
		n = 2_500_000
	}
	s := NewStream(1, 0, "exp-test")
	var same, one, mathOff int
	check := func(x float64) {
		got, want := exp(x), math.Exp(x)
		switch d := ulps(got, want); {
		case d == 0:
			same++
		case d == 1:
			one++
		default:
			// amd64's math.Exp is itself up to 2 ulps from e^x (about
			// one argument in 10^5): allowed only if Exp is then within
			// one ulp of e^x and math.Exp is not.
			eg, ew := ulpError(got, x), ulpError(want, x)
			if eg > 0.52 || ew <= 1 {
				t.Fatalf("exp(%v) = %v (%.3f ulp from e^x), math.Exp %v (%.3f ulp): %d ulps apart", x, got, eg, want, ew, d)
			}
			mathOff++
		}
	}
	edges := [...]float64{0x1p-54, 512}
	for i := 0; i < n; i++ {
		check(-10 + 30*s.Float64())
		check(3.4 + 0.8*s.NormFloat64())
		check(-708 + (708+709.4)*s.Float64())
		x := edges[i%len(edges)] * (1 + (s.Float64()-0.5)*0x1p-20)
		if i&2 == 0 {
			x = -x
		}
		check(x)
	}
	t.Logf("%d arguments: %d the same as math.Exp, %d one ulp apart, %d where math.Exp is more than an ulp from e^x (Exp within 0.52)", same+one+mathOff, same, one, mathOff)
	if mathOff > (same+one)/10000 {
		t.Errorf("math.Exp off by more than an ulp %d times: more than expected", mathOff)
	}
	specials := []float64{0, math.Copysign(0, -1), 1, -1, 5e-324, -5e-324, 0x1p-1022,
		0x1p-54, -0x1p-54, 0x1p-53, -0x1p-53, 511.9999, 512, -512, -708, 709.4}
	for _, x := range specials {
		if got, want := exp(x), math.Exp(x); ulps(got, want) > 1 {
			t.Errorf("exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
	// Exactly as math.Exp: overflow, underflow, infinities, NaN.
	for _, x := range []float64{709.79, 710, 1000, 1023.99, 1024, 1e300, math.MaxFloat64, math.Inf(1),
		-745.2, -746, -1000, -1024, -1e300, -math.MaxFloat64, math.Inf(-1)} {
		if got, want := exp(x), math.Exp(x); got != want {
			t.Errorf("exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
	if !math.IsNaN(exp(math.NaN())) {
		t.Errorf("exp(NaN) = %v", exp(math.NaN()))
	}
	if exp(0) != 1 || exp(1) != math.E {
		t.Errorf("exp(0) = %v, exp(1) = %v", exp(0), exp(1))
	}
}

// TestExpEdgesExact: where amd64's math.Exp is not to be trusted, Exp is
// within one ulp of e^x computed in 200-bit arithmetic: results near
// MaxFloat64 (x up to the overflow threshold 709.78) and subnormal results
// (x from -708.4 down to -745.13, an ulp there being 2^-1074).
func TestExpEdgesExact(t *testing.T) {
	s := NewStream(3, 0, "exp-edges")
	n := 3000
	if testing.Short() {
		n = 500
	}
	for _, r := range [][2]float64{{709.4, 709.78}, {-745.13, -708.4}} {
		for i := 0; i < n; i++ {
			x := r[0] + (r[1]-r[0])*s.Float64()
			ef, _ := bigExp(x, 200).Float64()
			if got := exp(x); ulps(got, ef) > 1 {
				t.Fatalf("exp(%v) = %v, e^x = %v", x, got, ef)
			}
		}
	}
}

// TestExpTable computes the table again, in 300-bit arithmetic:
// 2^(j/128) = H·(1+T) with H the nearest double.
func TestExpTable(t *testing.T) {
	const prec = 300
	c := new(big.Float).SetPrec(prec).SetInt64(2)
	for i := 0; i < 7; i++ {
		c.Sqrt(c) // 2^(1/128)
	}
	p := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range expTab {
		h, _ := p.Float64()
		hb := new(big.Float).SetPrec(prec).SetFloat64(h)
		tt := new(big.Float).SetPrec(prec).Sub(p, hb)
		tt.Quo(tt, hb)
		tf, _ := tt.Float64()
		want := [2]uint64{math.Float64bits(tf), math.Float64bits(h) - uint64(j)<<45}
		if expTab[j] != want {
			t.Errorf("expTab[%d] = %#x, want %#x", j, expTab[j], want)
		}
		p.Mul(p, c)
	}
}

// TestExpCorrectlyRoundedMostly sets Exp beside e^x computed in 200-bit
// arithmetic on 20,000 arguments of the model's range: the error is below
// 0.52 ulp everywhere (the method's bound, about 0.51), so Exp and
// math.Exp differ only where e^x is close to half-way between two doubles.
func TestExpCorrectlyRoundedMostly(t *testing.T) {
	s := NewStream(2, 0, "exp-exact")
	const prec = 200
	worst := 0.0
	for i := 0; i < 20000; i++ {
		x := -10 + 30*s.Float64()
		exact := bigExp(x, prec)
		got := new(big.Float).SetPrec(prec).SetFloat64(exp(x))
		// error in ulps of the result
		diff := new(big.Float).SetPrec(prec).Sub(got, exact)
		d, _ := diff.Float64()
		ef, _ := exact.Float64()
		ulp := math.Nextafter(ef, math.Inf(1)) - ef
		if e := math.Abs(d / ulp); e > worst {
			worst = e
		}
	}
	t.Logf("largest error %.4f ulp", worst)
	if worst > 0.52 {
		t.Errorf("largest error %.4f ulp, want at most 0.52", worst)
	}
}

// ulpError is |v − e^x| in ulps of e^x, e^x in 200-bit arithmetic.
func ulpError(v, x float64) float64 {
	exact := bigExp(x, 200)
	diff := new(big.Float).SetPrec(200).SetFloat64(v)
	diff.Sub(diff, exact)
	d, _ := diff.Float64()
	ef, _ := exact.Float64()
	return math.Abs(d / (math.Nextafter(ef, math.Inf(1)) - ef))
}

// bigExp is e^x to prec bits: e^x = (e^(x/2^m))^(2^m) with the Taylor series
// of the small argument.
func bigExp(x float64, prec uint) *big.Float {
	const m = 20
	y := new(big.Float).SetPrec(prec + 64).SetFloat64(x)
	y.SetMantExp(y, -m)
	sum := new(big.Float).SetPrec(prec + 64).SetInt64(1)
	term := new(big.Float).SetPrec(prec + 64).SetInt64(1)
	for k := int64(1); k < 40; k++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetInt64(k))
		sum.Add(sum, term)
	}
	for i := 0; i < m; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetPrec(prec)
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float64, 1024)
	s := NewStream(1, 0, "bench")
	for i := range xs {
		xs[i] = 3.4 + 0.8*s.NormFloat64()
	}
	var sink float64
	i := 0
	for b.Loop() {
		sink += exp(xs[i&1023])
		i++
	}
	_ = sink
}

func BenchmarkMathExp(b *testing.B) {
	xs := make([]float64, 1024)
	s := NewStream(1, 0, "bench")
	for i := range xs {
		xs[i] = 3.4 + 0.8*s.NormFloat64()
	}
	var sink float64
	i := 0
	for b.Loop() {
		sink += math.Exp(xs[i&1023])
		i++
	}
	_ = sink
}

// The latency benchmarks feed each result into the next argument, as the
// model's draw feeds the event heap: the length of the dependency chain,
// which is where the table method gains most.
func BenchmarkExpLatency(b *testing.B) {
	x, sink := 3.4, 0.0
	for b.Loop() {
		y := exp(x)
		sink += y
		x = 3.4 + y*0x1p-60
	}
	_ = sink
}

func BenchmarkMathExpLatency(b *testing.B) {
	x, sink := 3.4, 0.0
	for b.Loop() {
		y := math.Exp(x)
		sink += y
		x = 3.4 + y*0x1p-60
	}
	_ = sink
}
