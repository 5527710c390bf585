package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// *Stream is a math/rand/v2 Source, so it can be a gonum distuv Src.
var _ rand.Source = (*Stream)(nil)

// TestStreamGolden pins the first numbers of one stream, as
// math/rand/v2 does for PCG: a change here silently changes every
// published result, so it must be deliberate.
func TestStreamGolden(t *testing.T) {
	s := NewStream(1, 0, "arrivals")
	want := []uint64{0x4ff83902976d622, 0x7ce84230ff452575, 0xbf2514e2e0220ac9, 0xaa7776e27cce59e9}
	for i, w := range want {
		if got := s.Uint64(); got != w {
			t.Errorf("Uint64 #%d = %#x, want %#x", i, got, w)
		}
	}

	s = NewStream(1, 0, "arrivals")
	got := []float64{s.Float64(), s.Open01(), float64(s.IntN(100)), s.ExpFloat64(), s.NormFloat64()}
	wantF := []float64{0.019523832984727152, 0.48791898437709286, 74, 1.7995478429433456, -0.03406981191391871}
	for i := range wantF {
		if got[i] != wantF[i] {
			t.Errorf("draw #%d = %v, want %v", i, got[i], wantF[i])
		}
	}
}

func TestStreamSameInputsSameSequence(t *testing.T) {
	a := NewStream(42, 3, "booth-service")
	// Another stream drawn from in between must not disturb a's
	// sequence: streams share no state.
	other := NewStream(42, 3, "referrals")
	b := NewStream(42, 3, "booth-service")
	for i := 0; i < 1000; i++ {
		other.Uint64()
		if x, y := a.Uint64(), b.Uint64(); x != y {
			t.Fatalf("draw %d: %#x != %#x", i, x, y)
		}
	}
}

func TestStreamDifferentInputsDiffer(t *testing.T) {
	cases := []struct {
		seed uint64
		rep  int
		name string
	}{
		{1, 0, "arrivals"},
		{1, 0, "arrivalS"},
		{1, 0, "arrivals2"},
		{1, 0, ""},
		{1, 1, "arrivals"},
		{1, -1, "arrivals"},
		{2, 0, "arrivals"},
		{0, 0, "arrivals"},
		{0, 0, ""},
		{0, 1, ""},
		{1 << 63, 0, "arrivals"},
	}
	// First 4 outputs of each stream; any collision of a whole prefix,
	// or even of a single value, between streams would be suspicious.
	seen := map[uint64]string{}
	for _, c := range cases {
		s := NewStream(c.seed, c.rep, c.name)
		id := fmt.Sprintf("%v", c)
		for i := 0; i < 4; i++ {
			x := s.Uint64()
			if prev, ok := seen[x]; ok {
				t.Errorf("streams %s and %s share value %#x", prev, id, x)
			}
			seen[x] = id
		}
	}
}

// TestStreamIndependentAcrossReplications checks that neighbouring
// replications are uncorrelated, the property common random numbers
// and independent replications both rely on.
func TestStreamIndependentAcrossReplications(t *testing.T) {
	const n = 20000
	a, b := NewStream(7, 0, "arrivals"), NewStream(7, 1, "arrivals")
	var sxy, sx, sy, sxx, syy float64
	for i := 0; i < n; i++ {
		x, y := a.Float64(), b.Float64()
		sx += x
		sy += y
		sxy += x * y
		sxx += x * x
		syy += y * y
	}
	r := (n*sxy - sx*sy) / math.Sqrt((n*sxx-sx*sx)*(n*syy-sy*sy))
	// Under independence r is about N(0, 1/n); 5/√n is a 5σ bound.
	if math.Abs(r) > 5/math.Sqrt(n) {
		t.Errorf("correlation between replications 0 and 1 = %v", r)
	}
}

func TestStreamRanges(t *testing.T) {
	s := NewStream(3, 0, "ranges")
	for i := 0; i < 100000; i++ {
		if u := s.Float64(); !(u >= 0 && u < 1) {
			t.Fatalf("Float64 = %v outside [0,1)", u)
		}
		if u := s.Open01(); !(u > 0 && u < 1) {
			t.Fatalf("Open01 = %v outside (0,1)", u)
		}
		if k := s.IntN(7); k < 0 || k >= 7 {
			t.Fatalf("IntN(7) = %d", k)
		}
		if e := s.ExpFloat64(); !(e >= 0) {
			t.Fatalf("ExpFloat64 = %v", e)
		}
	}
}

func TestStreamBernoulli(t *testing.T) {
	s := NewStream(3, 0, "referrals")
	const n, p = 100000, 0.03 // about the secondary-referral share of a busy port
	k := 0
	for i := 0; i < n; i++ {
		if s.Bernoulli(p) {
			k++
		}
	}
	se := math.Sqrt(p * (1 - p) / n)
	if got := float64(k) / n; math.Abs(got-p) > 4*se {
		t.Errorf("Bernoulli(%v) frequency %v, want within 4 SE (%v)", p, got, se)
	}
	for i := 0; i < 1000; i++ {
		if s.Bernoulli(0) || !s.Bernoulli(1) {
			t.Fatal("Bernoulli(0) true or Bernoulli(1) false")
		}
	}
}

func TestStreamWorksAsGonumSrc(t *testing.T) {
	a := distuv.Exponential{Rate: 2, Src: NewStream(5, 0, "gonum")}
	b := distuv.Exponential{Rate: 2, Src: NewStream(5, 0, "gonum")}
	for i := 0; i < 10; i++ {
		if x, y := a.Rand(), b.Rand(); x != y {
			t.Fatalf("gonum draws differ on equal streams: %v %v", x, y)
		}
	}
}

func TestStreamAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { NewStream(1, 2, "arrivals") }); n > 2 {
		t.Errorf("NewStream allocates %v times, want at most 2", n)
	}
	s := NewStream(1, 0, "allocs")
	var sink float64
	checks := map[string]func(){
		"Uint64":      func() { sink += float64(s.Uint64()) },
		"Float64":     func() { sink += s.Float64() },
		"Open01":      func() { sink += s.Open01() },
		"IntN":        func() { sink += float64(s.IntN(10)) },
		"Bernoulli":   func() { _ = s.Bernoulli(0.5) },
		"ExpFloat64":  func() { sink += s.ExpFloat64() },
		"NormFloat64": func() { sink += s.NormFloat64() },
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(1000, f); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
	_ = sink
}

func BenchmarkStreamFloat64(b *testing.B) {
	s := NewStream(1, 0, "bench")
	var sink float64
	for b.Loop() {
		sink += s.Float64()
	}
	_ = sink
}

func BenchmarkStreamExpFloat64(b *testing.B) {
	s := NewStream(1, 0, "bench")
	var sink float64
	for b.Loop() {
		sink += s.ExpFloat64()
	}
	_ = sink
}

func ExampleNewStream() {
	// Each replication of each stochastic element gets its own stream;
	// the same (seed, replication, name) always gives the same numbers.
	a := NewStream(2024, 0, "san-ysidro/arrivals")
	b := NewStream(2024, 0, "san-ysidro/arrivals")
	fmt.Println(a.Float64() == b.Float64())
	// Output: true
}

// Reseed gives the same numbers for the same (key, step) whatever was drawn
// before, and different numbers for another key or step.
func TestStreamReseed(t *testing.T) {
	a, b := NewStream(1, 0, "x"), NewStream(9, 3, "y")
	b.Float64()
	a.Reseed(42, 1)
	b.Reseed(42, 1)
	if a.Float64() != b.Float64() || a.ExpFloat64() != b.ExpFloat64() {
		t.Error("same key and step, different numbers")
	}
	a.Reseed(42, 1)
	x := a.Float64()
	a.Reseed(42, 2)
	y := a.Float64()
	a.Reseed(43, 1)
	if z := a.Float64(); x == y || x == z {
		t.Error("another step or key gave the same number")
	}
	if n := testing.AllocsPerRun(100, func() { a.Reseed(7, 7) }); n != 0 {
		t.Errorf("Reseed allocates %v", n)
	}
}

// KeyFloat64 is exactly the first Float64 after Reseed, for any key and
// step, and allocates nothing: the model's single per-vehicle draws use it
// in place of a reseed without changing a number.
func TestKeyFloat64IsReseedFloat64(t *testing.T) {
	s := NewStream(1, 0, "x")
	keys := NewStream(2, 0, "keys")
	for i := 0; i < 100000; i++ {
		key, step := keys.Uint64(), uint64(i%7)
		if i%3 == 0 {
			step = keys.Uint64()
		}
		s.Reseed(key, step)
		want := s.Float64()
		if got := KeyFloat64(key, step); got != want {
			t.Fatalf("KeyFloat64(%d, %d) = %v, Reseed then Float64 = %v", key, step, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = KeyFloat64(7, 7) }); n != 0 {
		t.Errorf("KeyFloat64 allocates %v", n)
	}
}

// TestStreamSameAsMathRand: a Stream's generator and ziggurats are copies
// of math/rand/v2's (gorand.go), run on the Stream's own state. Every
// number must be the one rand.New(rand.NewPCG(hi, lo)) draws from the same
// state, over millions of draws of each kind and of a mix (the mix moves
// the two through the ziggurats' rare branches at different points of the
// sequence), for several seeds. A Stream's Float64 (top 53 bits) is
// checked against the same Uint64 of Go's generator.
func TestStreamSameAsMathRand(t *testing.T) {
	n := 4_000_000
	if testing.Short() {
		n = 400_000
	}
	seeds := []struct {
		seed uint64
		rep  int
		name string
	}{{1, 0, "arrivals"}, {2024, 3, "san-ysidro/primary"}, {0, 0, ""}, {1 << 63, 17, "laredo/loads"}}
	for _, c := range seeds {
		s := NewStream(c.seed, c.rep, c.name)
		g := rand.New(rand.NewPCG(s.hi, s.lo))
		for i := 0; i < n; i++ {
			if a, b := s.NormFloat64(), g.NormFloat64(); a != b {
				t.Fatalf("%v: NormFloat64 #%d = %v, math/rand/v2 %v", c, i, a, b)
			}
		}
		for i := 0; i < n; i++ {
			if a, b := s.ExpFloat64(), g.ExpFloat64(); a != b {
				t.Fatalf("%v: ExpFloat64 #%d = %v, math/rand/v2 %v", c, i, a, b)
			}
		}
		sizes := []int{1, 2, 3, 7, 100, 1 << 20, 1<<62 + 1, math.MaxInt}
		for i := 0; i < n; i++ {
			var a, b float64
			switch i % 5 {
			case 0:
				a, b = s.NormFloat64(), g.NormFloat64()
			case 1:
				a, b = s.ExpFloat64(), g.ExpFloat64()
			case 2:
				a, b = float64(s.Uint64()), float64(g.Uint64())
			case 3:
				a, b = s.Float64(), float64(g.Uint64()>>11)/(1<<53)
			case 4:
				k := sizes[(i/5)%len(sizes)]
				x, y := s.IntN(k), g.IntN(k)
				if x != y {
					t.Fatalf("%v: IntN(%d) #%d = %d, math/rand/v2 %d", c, k, i, x, y)
				}
			}
			if a != b {
				t.Fatalf("%v: mixed draw #%d = %v, math/rand/v2 %v", c, i, a, b)
			}
		}
		if s.Uint64() != g.Uint64() {
			t.Fatalf("%v: states differ after the draws", c)
		}
	}
}

// The copied ziggurats must also reach their rare branches (base strip and
// wedges) often enough in the test above to be checked there: count them.
func TestStreamZigguratBranchesExercised(t *testing.T) {
	s := NewStream(5, 0, "branches")
	var normSlow, normBase, expSlow, expBase int
	for i := 0; i < 1_000_000; i++ {
		c := *s // a copy is a second generator at the same point
		u := c.Uint64()
		if j := int32(u); absInt32(j) >= zigKn[u>>32&0x7F] {
			normSlow++
			if u>>32&0x7F == 0 {
				normBase++
			}
		}
		if j := uint32(u); j >= zigKe[uint8(u>>32)] {
			expSlow++
			if uint8(u>>32) == 0 {
				expBase++
			}
		}
		s.NormFloat64()
	}
	// Rates from the tables: about 1.2% and 1.0% of draws leave the fast
	// path; the base strips are a few in ten thousand of those draws.
	if normSlow < 5000 || normBase < 20 || expSlow < 5000 || expBase < 10 {
		t.Errorf("rare branches hit too seldom to be tested: norm %d (base %d), exp %d (base %d)", normSlow, normBase, expSlow, expBase)
	}
}
