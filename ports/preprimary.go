// Pre-primary scanning (scenario.PrePrimary): a share of a lane's vehicles
// drive through a portal on their way to the booths, and reviewers read
// the images. An image read before the officer decides refers the vehicle
// when it raised an alarm; the officer may keep a scanned vehicle at the
// booth for a while for its image (awaitImage), and its reading or the
// end of that wait ends primary (booths.go). A lane without portals never
// enters this file's code; its state, a prePrimary, is in port.go.

package ports

import (
	"borderflow/scenario"
	"borderflow/sim"
)

// Salts of the per-vehicle draws of the pre-primary stage (Stream.Reseed
// with the vehicle's key; the secondary steps use 0, 1, 2, …).
const (
	saltPick = 1<<20 + iota
	saltScan
	saltReview
	saltImage
)

func newPrePrimary(env *sim.Env, cfg *scenario.PrePrimary) *prePrimary {
	if cfg == nil {
		return nil
	}
	return &prePrimary{cfg: cfg, portals: sim.NewResource(env, cfg.Portals)}
}

// approach sends an arriving vehicle to a portal (a share of the lane's
// vehicles, drawn per vehicle) or straight to the primary queue.
func (p *Port) approach(slot int, v *vehicle, ln *Lane) {
	if pre := ln.pre; pre != nil && pre.cfg.Share > 0 {
		if sim.KeyFloat64(v.key, saltPick) < pre.cfg.Share { // Reseed and one Float64, without the reseed
			v.scanned = true
			pre.portals.Claim(slot)
			return
		}
	}
	p.requestBooth(ln, slot, v) // trusted.go
}

func (p *Port) scanStart(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	if v.counted {
		ln.Stats.PrePrimary.PortalWait.Add(p.env.Now() - v.arrived)
	}
	p.scratch.Reseed(v.key, saltScan)
	p.env.Timeout(ln.pre.cfg.ScanTime.Sample(p.scratch), p.scanDoneA, slot)
}

// scanDone: the vehicle leaves the portal for the primary queue; its
// image joins the reviewers' queue.
func (p *Port) scanDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ln.pre.portals.Release()
	if v.counted {
		ln.Stats.PrePrimary.Scanned++
	}
	ln.pre.queue = append(ln.pre.queue, review{lane: v.lane, slot: int32(slot), key: v.key})
	p.startReviews(ln)
	p.requestBooth(ln, slot, v)
}

// startReviews gives waiting images to free reviewers. Images of vehicles
// that have already finished primary are skipped: nobody can act on them
// any more (they were counted as unread).
func (p *Port) startReviews(ln *Lane) {
	pre := ln.pre
	for pre.busy < pre.cfg.Reviewers && pre.head < len(pre.queue) {
		r := pre.queue[pre.head]
		pre.head++
		if v := &p.pool[r.slot]; !v.live || v.key != r.key || v.decided {
			continue
		}
		pre.busy++
		i := p.allocReview()
		p.reviews[i] = r
		p.scratch.Reseed(r.key, saltReview)
		p.env.Timeout(pre.cfg.ReviewTime.Sample(p.scratch), p.reviewDoneA, i)
	}
	if pre.head > 1024 && pre.head*2 > len(pre.queue) {
		pre.queue = append(pre.queue[:0], pre.queue[pre.head:]...)
		pre.head = 0
	}
}

func (p *Port) allocReview() int {
	if n := len(p.freeReviews); n > 0 {
		i := p.freeReviews[n-1]
		p.freeReviews = p.freeReviews[:n-1]
		return int(i)
	}
	p.reviews = append(p.reviews, review{})
	return len(p.reviews) - 1
}

// reviewDone: the reviewer has read the image. If the vehicle is still
// before its referral decision, the reading counts: an alarm will refer it.
func (p *Port) reviewDone(i int) {
	r := p.reviews[i]
	p.freeReviews = append(p.freeReviews, int32(i))
	ln := p.lanes[r.lane]
	ln.pre.busy--
	if v := &p.pool[r.slot]; v.live && v.key == r.key && !v.decided {
		v.read = true
		pa := ln.pre.cfg.FalseAlarm
		if v.loaded {
			pa = ln.pre.cfg.Detect[p.loadOf(v).Concealment]
		}
		v.imageAlarm = sim.KeyFloat64(v.key, saltImage) < pa
		if v.awaiting {
			v.awaiting = false
			p.env.Cancel(p.imageTimers[r.slot])
			p.primaryDone(int(r.slot))
		}
	}
	p.startReviews(ln)
}

// awaitImage keeps a scanned vehicle whose image is not read yet at its
// booth, for at most the lane's wait_for_image; true if it waits.
func (p *Port) awaitImage(ln *Lane, v *vehicle, slot int) bool {
	if !v.scanned || v.read || v.awaiting || v.waited || v.decided || ln.pre.cfg.WaitForImage <= 0 {
		return false
	}
	v.awaiting, v.waited = true, true
	for len(p.imageTimers) < len(p.pool) {
		p.imageTimers = append(p.imageTimers, 0)
	}
	p.imageTimers[slot] = p.env.Timeout(ln.pre.cfg.WaitForImage, p.imageWaitOverA, slot)
	return true
}

// imageWaitOver: the officer stops waiting for the image; the vehicle goes
// on unread.
func (p *Port) imageWaitOver(slot int) {
	v := &p.pool[slot]
	v.awaiting = false
	p.primaryDone(slot)
}

// imageReferral is called at the referral decision of a vehicle: it
// counts the image as read or unread and reports whether it raised an
// alarm (then the vehicle goes to secondary whatever the referral rule).
func (p *Port) imageReferral(ln *Lane, v *vehicle) bool {
	if !v.scanned {
		return false
	}
	s := &ln.Stats.PrePrimary
	if !v.read {
		if v.counted {
			s.Unread++
		}
		return false
	}
	if v.counted {
		s.Read++
		if v.imageAlarm {
			s.Alarms++
			if v.loaded {
				s.LoadsAlarmed++
			} else {
				s.FalseAlarms++
			}
		}
	}
	return v.imageAlarm
}
