// The time-series bins of a port's lanes: the bin of a time, the ring of
// the bins still open, and what is filed in them as the run goes (waits as
// they end, queue and lot integrals as a bin closes).
//
// A lane's time-series bins are written into a ring of the few bins still
// open and handed on, in bin order, once every event of theirs is in:
// either into Stats.Bins (the whole series, kept with the lane's
// statistics) or, when the port streams its bins (StreamBins), to a sink
// in chunks, so that a replication holds a few bins a lane whatever the
// horizon. Every event is filed at the port's current time, in time order,
// so the bins filed into are the current one and, at a boundary, the one
// before (the bin of a time is a division, which may round either way
// there); binRing leaves room beyond that.

package ports

import (
	"fmt"
	"math"
)

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

// binChunk is how many closed bins a streaming lane gathers before it
// hands them to the sink: one call per chunk rather than per bin.
const binChunk = 256

// StreamBins makes the port hand its lanes' bins to sink as they close
// instead of keeping them in Stats.Bins (which stays nil): call it before
// the run starts.
func (p *Port) StreamBins(sink BinSink) {
	p.sink = sink
	for _, ln := range p.lanes {
		ln.Stats.Bins = nil
		ln.out = make([]Bin, 0, min(binChunk, p.nbins))
	}
}

// at returns the ring's entry of bin b, handing on the bins it replaces.
func (p *Port) at(ln *Lane, b int) *Bin {
	if uint(b-ln.emitted) < binRing {
		return &ln.ring[b&(binRing-1)]
	}
	return p.advance(ln, b)
}

// advance hands on every bin before b−binRing+1, so that the ring holds b.
func (p *Port) advance(ln *Lane, b int) *Bin {
	if b < ln.emitted {
		panic(fmt.Sprintf("ports: %s: an event filed in bin %d after the bin was closed (bins before %d are)", p.Name, b, ln.emitted))
	}
	for ln.emitted+binRing <= b {
		p.emit(ln)
	}
	return &ln.ring[b&(binRing-1)]
}

// emit hands on the ring's oldest bin, ln.emitted, with the quantiles of
// its waits.
func (p *Port) emit(ln *Lane) {
	k := ln.emitted
	if ln.waitBin == k {
		p.flushWaits(ln)
	}
	if ln.ck != nil && ln.ck.waitBin == k {
		p.flushCheckpointWaits(ln)
	}
	slot := &ln.ring[k&(binRing-1)]
	bin := *slot
	*slot = Bin{}
	ln.emitted++
	if k >= p.nbins {
		return
	}
	if p.sink == nil {
		ln.Stats.Bins[k] = bin
		return
	}
	ln.out = append(ln.out, bin)
	if len(ln.out) == cap(ln.out) || k == p.nbins-1 {
		p.sink(ln.index, k+1-len(ln.out), ln.out)
		ln.out = ln.out[:0]
	}
}

// closeBins hands on every bin of the lane: the window has closed.
func (p *Port) closeBins(ln *Lane) {
	for ln.emitted < p.nbins {
		p.emit(ln)
	}
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

// fileCheckpointWait counts a checkpoint wait of w seconds that ended in
// bin b (fileWait's rule: waits end in time order, so the histogram holds
// the bin in progress only).
func (p *Port) fileCheckpointWait(ln *Lane, b int, w float64) {
	ck := ln.ck
	if b != ck.waitBin {
		p.flushCheckpointWaits(ln)
		ck.waitBin = b
	}
	ck.waits.Add(w)
	bn := p.at(ln, b)
	bn.CheckpointWaitN++
	bn.CheckpointWaitSum += w
	if f := float32(w); f > bn.CheckpointWaitMax {
		bn.CheckpointWaitMax = f
	}
}

// flushCheckpointWaits stores the 95th percentile of the checkpoint waits
// of bin waitBin.
func (p *Port) flushCheckpointWaits(ln *Lane) {
	ck := ln.ck
	if ck == nil || ck.waits.Count() == 0 {
		return
	}
	p.at(ln, ck.waitBin).CheckpointWaitP95 = float32(ck.waits.Quantile(0.95))
	ck.waits.Reset()
}
