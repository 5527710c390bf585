package sim

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

const distSamples = 200000

// sampleTally draws n samples of d into a Tally.
func sampleTally(d Dist, s *Stream, n int) Tally {
	var t Tally
	for i := 0; i < n; i++ {
		t.Add(d.Sample(s))
	}
	return t
}

func mustEmpirical(t testing.TB, values, weights []float64) *Empirical {
	t.Helper()
	e, err := NewEmpirical(values, weights)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// testDists are the distributions every generic test runs over, with
// parameters of the size the border model uses (seconds).
func testDists(t testing.TB) map[string]Dist {
	return map[string]Dist{
		"Exponential":     Exponential{Scale: 45},
		"LogNormal":       LogNormalFromMeanCV(90, 0.8),
		"LogNormalSigma0": LogNormal{Mu: 2, Sigma: 0},
		"Gamma2.5":        Gamma{Shape: 2.5, Scale: 20},
		"Gamma1":          Gamma{Shape: 1, Scale: 20},
		"Gamma0.4":        Gamma{Shape: 0.4, Scale: 50},
		"Triangular":      Triangular{Min: 30, Mode: 60, Max: 240},
		"TriangularLeft":  Triangular{Min: 30, Mode: 30, Max: 240},
		"TriangularRight": Triangular{Min: 30, Mode: 240, Max: 240},
		"Uniform":         Uniform{Min: 10, Max: 70},
		"Constant":        Constant{Value: 12},
		"Empirical":       mustEmpirical(t, []float64{1, 2, 3, 5}, []float64{0.55, 0.3, 0.1, 0.05}),
	}
}

// TestDistMeans compares the sample mean of 200k draws with the
// analytic Mean: by the central limit theorem a correct sampler lands
// within 4 standard errors except with probability 6e-5.
func TestDistMeans(t *testing.T) {
	for name, d := range testDists(t) {
		t.Run(name, func(t *testing.T) {
			if v, ok := d.(validator); !ok {
				t.Fatalf("%T has no Validate", d)
			} else if err := v.Validate(); err != nil {
				t.Fatal(err)
			}
			tl := sampleTally(d, NewStream(11, 0, name), distSamples)
			se := tl.Std() / math.Sqrt(float64(tl.N()))
			if diff := math.Abs(tl.Mean() - d.Mean()); diff > 4*se+1e-12*math.Abs(d.Mean()) {
				t.Errorf("sample mean %v, Mean() %v: off by %.1f SE", tl.Mean(), d.Mean(), diff/se)
			}
			if tl.Min() < 0 {
				t.Errorf("negative sample %v", tl.Min())
			}
		})
	}
}

// TestDistKolmogorovSmirnov compares the whole sampled distribution,
// not only its moments, with gonum's independent CDFs. The critical
// value of the Kolmogorov–Smirnov statistic at level 0.001 is
// 1.949/√n for large n (Massey, "The Kolmogorov-Smirnov test for
// goodness of fit", JASA 46, 1951).
func TestDistKolmogorovSmirnov(t *testing.T) {
	const n = 50000
	cases := []struct {
		name string
		d    Dist
		cdf  func(float64) float64
	}{
		{"Exponential", Exponential{Scale: 45}, distuv.Exponential{Rate: 1.0 / 45}.CDF},
		{"LogNormal", LogNormal{Mu: 4, Sigma: 0.7}, distuv.LogNormal{Mu: 4, Sigma: 0.7}.CDF},
		{"Gamma2.5", Gamma{Shape: 2.5, Scale: 20}, distuv.Gamma{Alpha: 2.5, Beta: 1.0 / 20}.CDF},
		{"Gamma0.4", Gamma{Shape: 0.4, Scale: 50}, distuv.Gamma{Alpha: 0.4, Beta: 1.0 / 50}.CDF},
		{"Triangular", Triangular{Min: 30, Mode: 60, Max: 240}, distuv.NewTriangle(30, 240, 60, nil).CDF},
		{"Uniform", Uniform{Min: 10, Max: 70}, distuv.Uniform{Min: 10, Max: 70}.CDF},
	}
	xs := make([]float64, n)
	for _, c := range cases {
		s := NewStream(13, 0, c.name)
		for i := range xs {
			xs[i] = c.d.Sample(s)
		}
		slices.Sort(xs)
		var dn float64
		for i, x := range xs {
			f := c.cdf(x)
			dn = max(dn, f-float64(i)/n, float64(i+1)/n-f)
		}
		if crit := 1.949 / math.Sqrt(n); dn > crit {
			t.Errorf("%s: KS statistic %v > %v", c.name, dn, crit)
		}
	}
}

func TestDistAnalyticMeans(t *testing.T) {
	cases := []struct {
		d    Dist
		want float64
	}{
		{Exponential{Scale: 45}, 45},
		{LogNormalFromMeanCV(90, 0.8), 90},
		{LogNormal{Mu: 1, Sigma: 2}, math.Exp(3)},
		{Gamma{Shape: 2.5, Scale: 20}, 50},
		{Triangular{Min: 0, Mode: 3, Max: 6}, 3},
		{Uniform{Min: 10, Max: 70}, 40},
		{Constant{Value: 12}, 12},
		{mustEmpirical(t, []float64{1, 2, 9}, []float64{1, 1, 0}), 1.5},
	}
	for _, c := range cases {
		if got := c.d.Mean(); math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("%T%+v: Mean() = %v, want %v", c.d, c.d, got, c.want)
		}
	}
}

// TestLogNormalFromMeanCV checks the moment inversion against the
// sample coefficient of variation as well as the mean.
func TestDistLogNormalFromMeanCV(t *testing.T) {
	d := LogNormalFromMeanCV(90, 0.5)
	tl := sampleTally(d, NewStream(11, 0, "lncv"), distSamples)
	if cv := tl.Std() / tl.Mean(); math.Abs(cv-0.5) > 0.01 {
		t.Errorf("sample CV %v, want 0.5", cv)
	}
}

// TestExponentialVariance checks the second moment, Var = mean².
// For the exponential the fourth central moment is 9θ⁴, so the sample
// variance has standard error √((μ₄−σ⁴)/n) = θ²√(8/n).
func TestDistExponentialVariance(t *testing.T) {
	const theta = 45.0
	tl := sampleTally(Exponential{Scale: theta}, NewStream(11, 0, "expvar"), distSamples)
	se := theta * theta * math.Sqrt(8.0/distSamples)
	if diff := math.Abs(tl.Variance() - theta*theta); diff > 4*se {
		t.Errorf("sample variance %v, want %v (off by %.1f SE)", tl.Variance(), theta*theta, diff/se)
	}
}

// TestGammaVariance checks Var = kθ² on both sides of the shape-1
// boost; the tolerance is loose (4% relative) because the fourth
// moment of a small-shape gamma is large.
func TestDistGammaVariance(t *testing.T) {
	for _, d := range []Gamma{{Shape: 0.4, Scale: 50}, {Shape: 2.5, Scale: 20}} {
		tl := sampleTally(d, NewStream(11, 0, "gammavar"), distSamples)
		want := d.Shape * d.Scale * d.Scale
		if rel := math.Abs(tl.Variance()-want) / want; rel > 0.04 {
			t.Errorf("%+v: sample variance %v, want %v", d, tl.Variance(), want)
		}
	}
}

// TestEmpiricalFrequencies checks each cell's share against its weight
// within 4 binomial standard errors, and that weight-0 cells, even the
// last one, are never drawn.
func TestDistEmpiricalFrequencies(t *testing.T) {
	values := []float64{0, 1, 2, 3, 4}
	weights := []float64{0, 5, 3, 2, 0}
	e := mustEmpirical(t, values, weights)
	s := NewStream(11, 0, "empirical")
	counts := make([]int, len(values))
	for i := 0; i < distSamples; i++ {
		counts[int(e.Sample(s))]++
	}
	for i, w := range weights {
		p := w / 10
		got := float64(counts[i]) / distSamples
		se := math.Sqrt(p * (1 - p) / distSamples)
		if math.Abs(got-p) > 4*se {
			t.Errorf("value %v: frequency %v, want %v ± %v", values[i], got, p, 4*se)
		}
	}
}

func TestDistEmpiricalCopiesInputs(t *testing.T) {
	v, w := []float64{1, 2}, []float64{1, 1}
	e := mustEmpirical(t, v, w)
	v[0], w[1] = 100, 0
	if e.Values[0] != 1 || e.Weights[1] != 1 || e.Mean() != 1.5 {
		t.Errorf("NewEmpirical aliases its inputs: %+v", e)
	}
}

func TestDistEmpiricalSingleValue(t *testing.T) {
	e := mustEmpirical(t, []float64{7}, []float64{0.2})
	s := NewStream(1, 0, "one")
	for i := 0; i < 100; i++ {
		if x := e.Sample(s); x != 7 {
			t.Fatalf("Sample = %v, want 7", x)
		}
	}
}

func TestDistEmpiricalLiteralPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Sample on a literal Empirical did not panic")
		}
	}()
	e := &Empirical{Values: []float64{1}, Weights: []float64{1}}
	if err := e.Validate(); err == nil {
		t.Error("Validate accepted a table not built by NewEmpirical")
	}
	e.Sample(NewStream(1, 0, "x"))
}

func TestDistDeterminism(t *testing.T) {
	for name, d := range testDists(t) {
		a, b := NewStream(5, 2, name), NewStream(5, 2, name)
		for i := 0; i < 1000; i++ {
			if x, y := d.Sample(a), d.Sample(b); x != y {
				t.Fatalf("%s: draw %d differs: %v vs %v", name, i, x, y)
			}
		}
	}
}

func TestDistValidate(t *testing.T) {
	bad := []validator{
		Exponential{},
		Exponential{Scale: -1},
		Exponential{Scale: math.Inf(1)},
		Exponential{Scale: math.NaN()},
		LogNormal{Mu: math.NaN(), Sigma: 1},
		LogNormal{Mu: 0, Sigma: -1},
		Gamma{Shape: 0, Scale: 1},
		Gamma{Shape: 1, Scale: 0},
		Gamma{Shape: math.Inf(1), Scale: 1},
		Triangular{Min: 2, Mode: 1, Max: 3},
		Triangular{Min: 1, Mode: 4, Max: 3},
		Triangular{Min: 1, Mode: 2, Max: math.Inf(1)},
		Uniform{Min: 2, Max: 1},
		Uniform{Min: math.NaN(), Max: 1},
		Constant{Value: math.Inf(-1)},
	}
	for _, d := range bad {
		if err := d.Validate(); err == nil {
			t.Errorf("%T%+v: Validate() = nil, want an error", d, d)
		}
	}
	good := []validator{
		Exponential{Scale: 1},
		LogNormal{Mu: -3, Sigma: 0},
		Gamma{Shape: 0.1, Scale: 3},
		Triangular{Min: 1, Mode: 1, Max: 1},
		Uniform{Min: 1, Max: 1},
		Constant{Value: -2},
	}
	for _, d := range good {
		if err := d.Validate(); err != nil {
			t.Errorf("%T%+v: Validate() = %v, want nil", d, d, err)
		}
	}
}

func TestDistNewEmpiricalErrors(t *testing.T) {
	cases := []struct {
		name    string
		v, w    []float64
		wantErr bool
	}{
		{"ok", []float64{1, 2}, []float64{1, 0}, false},
		{"length mismatch", []float64{1, 2}, []float64{1}, true},
		{"empty", nil, nil, true},
		{"negative weight", []float64{1, 2}, []float64{2, -1}, true},
		{"zero sum", []float64{1, 2}, []float64{0, 0}, true},
		{"NaN weight", []float64{1}, []float64{math.NaN()}, true},
		{"infinite value", []float64{math.Inf(1)}, []float64{1}, true},
	}
	for _, c := range cases {
		_, err := NewEmpirical(c.v, c.w)
		if (err != nil) != c.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", c.name, err, c.wantErr)
		}
	}
}

func TestDistTriangularDegenerate(t *testing.T) {
	d := Triangular{Min: 5, Mode: 5, Max: 5}
	s := NewStream(1, 0, "tri")
	for i := 0; i < 100; i++ {
		if x := d.Sample(s); x != 5 {
			t.Fatalf("Sample = %v, want 5", x)
		}
	}
}

func TestDistSampleAllocs(t *testing.T) {
	s := NewStream(1, 0, "allocs")
	var sink float64
	for name, d := range testDists(t) {
		if n := testing.AllocsPerRun(1000, func() { sink += d.Sample(s) }); n != 0 {
			t.Errorf("%s: Sample allocates %v times per call", name, n)
		}
	}
	_ = sink
}

func BenchmarkDistSample(b *testing.B) {
	for name, d := range testDists(b) {
		b.Run(name, func(b *testing.B) {
			s := NewStream(1, 0, "bench")
			var sink float64
			for b.Loop() {
				sink += d.Sample(s)
			}
			_ = sink
		})
	}
}

func ExampleLogNormalFromMeanCV() {
	// Secondary inspections average 20 minutes with a CV of 0.8.
	d := LogNormalFromMeanCV(1200, 0.8)
	fmt.Printf("mu=%.4f sigma=%.4f mean=%.0f\n", d.Mu, d.Sigma, d.Mean())
	// Output: mu=6.8427 sigma=0.7033 mean=1200
}

// A mixture of two constants draws each in proportion to its weight, has
// the weighted mean, and refuses bad weights.
func TestDistMixture(t *testing.T) {
	m, err := NewMixture([]float64{9, 1}, []Dist{Constant{Value: 30}, Constant{Value: 70}})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Mean(); math.Abs(got-34) > 1e-12 {
		t.Errorf("mean %v, want 34", got)
	}
	s := NewStream(1, 0, "mixture")
	n, seventy := 200000, 0
	for i := 0; i < n; i++ {
		if m.Sample(s) == 70 {
			seventy++
		}
	}
	p := float64(seventy) / float64(n)
	if se := math.Sqrt(0.1 * 0.9 / float64(n)); math.Abs(p-0.1) > 4*se {
		t.Errorf("share of 70 s: %v, want 0.1 ± %v", p, 4*se)
	}
	if m.Validate() != nil || (&Mixture{}).Validate() == nil {
		t.Error("Validate")
	}
	for _, w := range [][]float64{{0, 0}, {-1, 2}, {math.NaN(), 1}, {1}} {
		if _, err := NewMixture(w, []Dist{Constant{}, Constant{}}); err == nil {
			t.Errorf("weights %v accepted", w)
		}
	}
	if testing.AllocsPerRun(100, func() { m.Sample(s) }) != 0 {
		t.Error("Sample allocates")
	}
}

// A mixture of lognormals samples its parts directly (Mixture.logn): the
// same numbers as through the Dist interface.
func TestMixtureOfLogNormalsSameDraws(t *testing.T) {
	m, err := NewMixture([]float64{0.9, 0.1}, []Dist{LogNormalFromMeanCV(34, 0.5), LogNormalFromMeanCV(70, 0.8)})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.logn) != 2 {
		t.Fatalf("logn %v: the direct path is not taken", m.logn)
	}
	slow := *m
	slow.logn = nil
	a, b := NewStream(5, 0, "mix"), NewStream(5, 0, "mix")
	for i := 0; i < 300000; i++ { // about 3,600 through the ziggurat's slow path
		if x, y := m.Sample(a), slow.Sample(b); x != y {
			t.Fatalf("draw %d: %v direct, %v through the interface", i, x, y)
		}
	}
	if mixed, _ := NewMixture([]float64{1, 1}, []Dist{LogNormal{Mu: 1, Sigma: 0.5}, Constant{Value: 3}}); mixed.logn != nil {
		t.Error("a mixture with a part that is not a lognormal takes the direct path")
	}
}
