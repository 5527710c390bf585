package ports

import "fmt"

// A lane's time-series bins are written into a ring of the few bins still
// open and handed on, in bin order, once every event of theirs is in:
// either into Stats.Bins (the whole series, kept with the lane's
// statistics) or, when the port streams its bins (StreamBins), to a sink
// in chunks, so that a replication holds a few bins a lane whatever the
// horizon. Every event is filed at the port's current time, in time order,
// so the bins filed into are the current one and, at a boundary, the one
// before (the bin of a time is a division, which may round either way
// there); binRing leaves room beyond that.
const binRing = 4

// binChunk is how many closed bins a streaming lane gathers before it
// hands them to the sink: one call per chunk rather than per bin.
const binChunk = 256

// BinSink takes a lane's closed bins as the run goes: bins[i] is bin
// first+i of the port's lane lane (an index into Lanes). The calls for one
// lane come in bin order, every bin once; the slice is reused after the
// call returns. A port calls its sink from the goroutine that runs it.
type BinSink func(lane, first int, bins []Bin)

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
		p.flushCheckpointWaits(ln) // checkstage.go
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
