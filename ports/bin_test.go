package ports

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The cached bin gives exactly the division's answer, int((t−Start)/
// BinWidth) or -1 outside the window, for times in order and out of
// order, on and next to every bin edge, for windows whose edges are not
// round numbers and bins far narrower than the times.
func TestBinCacheIsDivision(t *testing.T) {
	const day = 86400.0
	wins := []Window{
		{Start: 0, End: 365 * day, BinWidth: day},
		{Start: day, End: 31 * day, BinWidth: 3600},
		{Start: 7 * 3600, End: 2*day + 50*60, BinWidth: 90 * 60},
		{Start: 1.0 / 3, End: 10 * day, BinWidth: 0.1},
		{Start: 12345.678, End: 400 * day, BinWidth: 1e-3}, // narrower than the margin late in the year
		{Start: 0, End: 1e9, BinWidth: 7},
		{Start: 0.5, End: 100, BinWidth: 100},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for wi, win := range wins {
		p := &Port{win: win, binLo: math.Inf(1), binHi: math.Inf(-1)}
		check := func(x float64) {
			t.Helper()
			if got, want := p.bin(x), p.binOf(x); got != want {
				t.Fatalf("window %d: bin(%v) = %d, division %d", wi, x, got, want)
			}
		}
		nb := int((win.End - win.Start) / win.BinWidth)
		edges := []int{0, 1, 2, nb / 3, nb / 2, nb - 2, nb - 1, nb, nb + 1}
		for i := 0; i < 200; i++ {
			edges = append(edges, r.IntN(nb+2))
		}
		for _, k := range edges {
			e := win.Start + float64(k)*win.BinWidth
			// Walk across the edge ulp by ulp, then back, then jump.
			x := e
			for i := 0; i < 8; i++ {
				x = math.Nextafter(x, math.Inf(-1))
			}
			for i := 0; i < 16; i++ {
				check(x)
				x = math.Nextafter(x, math.Inf(1))
			}
			for i := 0; i < 16; i++ {
				check(x)
				x = math.Nextafter(x, math.Inf(-1))
			}
			for _, d := range []float64{-1e-6, 1e-6, -1e-9, 1e-9, 0.5, -0.5} {
				check(e + d*win.BinWidth)
				check(e)
			}
		}
		// Times in order, as a port asks them, and at random.
		x := win.Start - win.BinWidth
		for i := 0; i < 200000; i++ {
			x += r.ExpFloat64() * win.BinWidth / 50
			check(x)
		}
		for i := 0; i < 200000; i++ {
			check(win.Start - win.BinWidth + r.Float64()*(win.End-win.Start+2*win.BinWidth))
		}
		check(win.End)
		check(math.Nextafter(win.End, 0))
		check(win.Start)
		check(math.Nextafter(win.Start, math.Inf(-1)))
	}
}

// After a time in the middle of a bin, the port knows nearly the whole
// bin: the later times of the same bin take no division.
func TestBinCacheCoversTheBin(t *testing.T) {
	win := Window{Start: 3600, End: 3600 + 30*86400, BinWidth: 86400}
	p := &Port{win: win, binLo: math.Inf(1), binHi: math.Inf(-1)}
	for k := 0; k < 30; k++ {
		x := win.Start + (float64(k)+0.5)*win.BinWidth
		if p.bin(x) != k {
			t.Fatalf("bin %d", k)
		}
		lo, hi := win.Start+float64(k)*win.BinWidth, win.Start+float64(k+1)*win.BinWidth
		if p.binK != k || p.binLo < lo || p.binHi >= hi || p.binHi-p.binLo < 0.999*win.BinWidth {
			t.Fatalf("bin %d known over [%v, %v], the bin is [%v, %v)", k, p.binLo, p.binHi, lo, hi)
		}
	}
}
