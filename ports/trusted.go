package ports

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// Trusted-traveller lanes (scenario.TrustedPart): a lane's vehicles are
// drawn into its parts (SENTRI, FAST, Ready) by the parts' shares; each
// part has its own booths, its own primary time and its own referral
// rate. A part's vehicle joins its own queue, or the general one when
// that is expected to be shorter and the part allows it (UseGeneral), or
// when its own booths are all closed. General vehicles never use a part's
// booths. A lane without parts never enters this file's code.
//
// Why two resources and not the kernel's priority resource: dedicated
// lanes are separate queues in front of separate booths (a SENTRI driver
// does not jump the general queue, it never joins it), and a priority
// queue would let one class of vehicles starve the other's booths. A
// part's state while the port runs is a partLane (port.go).

// Salt of the per-vehicle draw of its part (Stream.Reseed with the
// vehicle's key, like the pre-primary draws).
const saltPart = 1<<20 + 64

// setupTrusted gives lane ln its parts (called by New for a lane whose
// scenario lane has some).
func (p *Port) setupTrusted(ln *Lane) {
	lc := ln.cfg
	share, loads := 0.0, 0.0
	for i := range lc.Trusted {
		tp := &lc.Trusted[i]
		pl := &partLane{cfg: tp, primary: tp.PrimaryTime, booths: sim.NewResource(p.env, tp.Booths[0]), meanPrimary: tp.PrimaryTime.Mean()}
		pl.booths.SetGrant(p.primaryStartA) // waiting claims of 16 bytes, as at the general booths
		pl.open.Reset(0, float64(tp.Booths[0]))
		share += tp.Share
		loads += tp.LoadsShare
		pl.cumShare, pl.cumLoads = share, loads
		ln.parts = append(ln.parts, pl)
	}
	ln.Stats.Parts = make([]PartStats, 1+len(ln.parts))
}

// drawPart draws an arriving vehicle's part from its key: the same
// vehicle is in the same part whatever the policy. The uniform is the
// first of a stream reseeded with (key, saltPart), computed without the
// reseed (sim.KeyFloat64), and the parts' cumulative shares are summed
// once (setupTrusted) in scenario.Lane.PartOf's order: the same part.
func (p *Port) drawPart(v *vehicle, ln *Lane) {
	u := sim.KeyFloat64(v.key, saltPart)
	for i, pl := range ln.parts {
		c := pl.cumShare
		if v.loaded {
			c = pl.cumLoads
		}
		if u < c {
			v.part = int8(i + 1)
			return
		}
	}
	v.part = 0
}

// partByName is the index+1 of the part called name in ln (0: general,
// also when the lane has no such part): a diverted SENTRI car stays a
// SENTRI car where the destination has SENTRI lanes.
func partByName(ln *Lane, name string) int8 {
	for i, pl := range ln.parts {
		if pl.cfg.Name == name {
			return int8(i + 1)
		}
	}
	return 0
}

// partName is the name of a vehicle's part ("" for general traffic).
func partName(ln *Lane, v *vehicle) string {
	if v.part == 0 || int(v.part) > len(ln.parts) {
		return ""
	}
	return ln.parts[v.part-1].cfg.Name
}

// queueWait is what a driver choosing between queues expects at booths
// r: nothing when a booth is free and nobody waits, else the queue and
// the driver over the open booths at mean seconds each; +Inf when no
// booth is open.
func queueWait(r *sim.Resource, mean float64) float64 {
	c := r.Capacity()
	if c == 0 {
		return math.Inf(1)
	}
	if r.QueueLen() == 0 && r.Busy() < c {
		return 0
	}
	return float64(r.QueueLen()+1) * mean / float64(c)
}

// pickBooths chooses the booths a part's vehicle queues for: 0 for the
// general booths, the part's index+1 for its own (scenario.TrustedPart,
// UseGeneral).
func (p *Port) pickBooths(ln *Lane, v *vehicle) int8 {
	if v.part == 0 {
		return 0
	}
	pl := ln.parts[v.part-1]
	r := pl.booths
	c := r.Capacity()
	if c == 0 {
		// Its booths are closed: the general ones, unless they are closed
		// too and its own open again first by the schedule.
		h := int(math.Mod(p.env.Now(), scenario.Day) / scenario.Hour)
		if ln.booths.Capacity() > 0 || pl.cfg.Booths[h] == 0 {
			return 0
		}
		return v.part
	}
	// queueWait(r, pl.meanPrimary) written out, in the order that computes
	// only what the choice needs: no comparison without UseGeneral, none
	// when its own booths are free (the general wait is never below 0).
	if !pl.cfg.UseGeneral || (r.QueueLen() == 0 && r.Busy() < c) {
		return v.part
	}
	own := float64(r.QueueLen()+1) * pl.meanPrimary / float64(c)
	if queueWait(ln.booths, ln.meanPrimary) < own {
		return 0
	}
	return v.part
}

// requestBooth puts the vehicle in slot in the queue of the booths it
// uses.
func (p *Port) requestBooth(ln *Lane, slot int, v *vehicle) {
	if ln.parts == nil {
		ln.booths.Claim(slot)
		return
	}
	v.booth = p.pickBooths(ln, v)
	p.boothsOf(ln, v).Claim(slot)
}

// boothsOf is the booths the vehicle queued for.
func (p *Port) boothsOf(ln *Lane, v *vehicle) *sim.Resource {
	if v.booth == 0 {
		return ln.booths
	}
	return ln.parts[v.booth-1].booths
}

// primaryTimeOf samples the vehicle's primary time: its part's.
func (ln *Lane) primaryTimeOf(v *vehicle) float64 {
	if v.part == 0 {
		return ln.primary.Sample(ln.service)
	}
	return ln.parts[v.part-1].primary.Sample(ln.service)
}

// partArrival counts an arrival in the window in its part.
func (ln *Lane) partArrival(v *vehicle, loads []traffic.Load) {
	s := &ln.Stats.Parts[v.part]
	s.Arrivals++
	if v.loaded {
		s.LoadsAttempted++
		s.KgAttempted += loads[v.load].Kg
	}
}

// partWait counts a counted vehicle's primary wait in its part. The
// lane's own sketch is not fed per vehicle: finishParts merges the parts'
// sketches into it, the same counts and maximum (sim.Sketch.Merge).
func (ln *Lane) partWait(v *vehicle) {
	s := &ln.Stats.Parts[v.part]
	s.Wait.Add(v.wait)
	s.WaitQ.Add(v.wait)
	if v.part != 0 && v.booth == 0 {
		s.AtGeneral++
	}
}

// partTick applies the parts' booth schedule in hour h (0 when the lane
// is closed by a checkpoint).
func (p *Port) partTick(ln *Lane, h int, now float64) {
	for _, pl := range ln.parts {
		c := pl.cfg.Booths[h]
		if ln.ck != nil && ln.closed() {
			c = 0
		}
		if c != pl.booths.Capacity() {
			pl.booths.SetCapacity(c)
			pl.open.Set(now, float64(c))
		}
	}
}

// markParts records the parts' integrals at the window's start.
func (ln *Lane) markParts(now float64) {
	for _, pl := range ln.parts {
		pl.openAtStart = pl.open.Integral(now)
		pl.queueAtStart = pl.booths.QueueLength().Integral(now)
	}
}

// queueIntegral is ∫ vehicles waiting for a booth dt to t over the
// lane's general booths and its parts'.
func (ln *Lane) queueIntegral(t float64) float64 {
	q := ln.booths.QueueLength().Integral(t)
	for _, pl := range ln.parts {
		q += pl.booths.QueueLength().Integral(t)
	}
	return q
}

// finishParts closes the parts' booth means; the lane's Booths (general)
// is given as general.
func (ln *Lane) finishParts(end, span, general float64) float64 {
	s := ln.Stats.Parts
	for i := range s {
		ln.Stats.WaitQ.Merge(&s[i].WaitQ) // partWait
	}
	s[0].Booths = general
	all := general
	for i, pl := range ln.parts {
		s[i+1].Booths = (pl.open.Integral(end) - pl.openAtStart) / span
		all += s[i+1].Booths
	}
	return all
}

// applyPartBooths sets the parts' booths to the hour's schedule, or 0
// under a closure (from applyBooths).
func (p *Port) applyPartBooths(ln *Lane) {
	h := int(math.Mod(p.env.Now(), scenario.Day) / scenario.Hour)
	p.partTick(ln, h, p.env.Now())
}
