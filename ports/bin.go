package ports

import "math"

// binOf returns the time-series bin of time t, or -1 outside the window:
// the definition bin answers.
func (p *Port) binOf(t float64) int {
	if t < p.win.Start || t >= p.win.End {
		return -1
	}
	return int((t - p.win.Start) / p.win.BinWidth)
}

// bin returns binOf(t). A vehicle asks it about four times (arrival,
// primary start, referral, departure), nearly always for a time in the bin
// it asked about last, so the port keeps an interval of times known to be
// in that bin and answers from it with two comparisons instead of a
// division (the division's latency was 3% of a year's CPU).
func (p *Port) bin(t float64) int {
	if t >= p.binLo && t <= p.binHi {
		return p.binK
	}
	return p.binMiss(t)
}

// binMiss computes the bin of t by the division and, if t is in the
// window, makes its bin the known one. The interval is the bin's own span
// less a margin at both ends, and it is kept only if binOf puts both ends
// in the bin: (t − Start)/BinWidth, rounded, is monotone in t, so every
// time between two times of bin k is in bin k, whatever the rounding near
// the bin's edges (times within the margin of an edge always take the
// division) and t itself is in bin k, so the interval reaches t when t is
// within the margin. When the check fails (a bin narrower than the
// margin), the interval is t alone.
func (p *Port) binMiss(t float64) int {
	k := p.binOf(t)
	if k < 0 {
		return k
	}
	w := p.win.BinWidth
	lo := p.win.Start + float64(k)*w
	hi := p.win.Start + float64(k+1)*w
	m := 1e-6*w + 1e-12*math.Max(math.Abs(lo), math.Abs(hi))
	lo, hi = lo+m, hi-m
	if !(lo <= hi) || p.binOf(lo) != k || p.binOf(hi) != k {
		lo, hi = t, t
	}
	// t is in bin k too: the interval may reach it (t within the margin).
	lo, hi = math.Min(lo, t), math.Max(hi, t)
	p.binLo, p.binHi, p.binK = lo, hi, k
	return k
}

// binBoundary closes bin k−1 of every lane at its end, Start + k·BinWidth,
// for bins that are not whole hours from a whole hour (any bin and warm-up
// the loader accepts), and schedules the next boundary.
func (p *Port) binBoundary(k int) {
	now := p.env.Now()
	for _, ln := range p.lanes {
		p.closeBin(ln, now, k-1)
	}
	if next := p.win.Start + float64(k+1)*p.win.BinWidth; next < p.win.End {
		p.env.At(next, p.binA, k+1)
	}
}

// closeBin adds the queue and lot integrals since the last boundary to bin
// b, which holds the span since that boundary.
func (p *Port) closeBin(ln *Lane, t float64, b int) {
	qi := ln.queueIntegral(t)
	li := ln.lot.Integral(t)
	if b >= 0 && b < p.nbins {
		bn := p.at(ln, b)
		bn.QueueInt += qi - ln.lastQueueInt
		bn.LotInt += li - ln.lastLotInt
	}
	ln.lastQueueInt, ln.lastLotInt = qi, li
}

// fileWait counts a wait of w seconds that ended (at a booth) in bin b.
// Waits end in time order, so the lane's histogram only ever holds the
// bin in progress: its quantiles are read when a later bin starts.
func (p *Port) fileWait(ln *Lane, b int, w float64) {
	if b != ln.waitBin {
		p.flushWaits(ln)
		ln.waitBin = b
	}
	ln.waits.Add(w)
	bn := p.at(ln, b)
	bn.WaitN++
	bn.WaitSum += w
}

// flushWaits stores the quantiles of the waits of bin waitBin.
func (p *Port) flushWaits(ln *Lane) {
	if ln.waits.Count() == 0 {
		return
	}
	bn := p.at(ln, ln.waitBin)
	bn.WaitP50 = float32(ln.waits.Quantile(0.5))
	bn.WaitP95 = float32(ln.waits.Quantile(0.95))
	ln.waits.Reset()
}
