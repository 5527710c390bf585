// What changes with the clock: the hourly tick (booth schedule, time bins)
// and the surges that change a port's settings for a while.

package ports

import (
	"math"

	"borderflow/scenario"
)

// tick runs every hour: it applies the booth schedule and closes the time
// bins. arg is the hour number since time 0.
func (p *Port) tick(hour int) {
	now := p.env.Now()
	h := hour % 24
	if p.resp != nil {
		p.responseTick()
	}
	for _, ln := range p.lanes {
		c := ln.cfg.Booths[h] + ln.extraBooths
		if ln.ck != nil && ln.closed() {
			c = 0
		}
		if c != ln.booths.Capacity() {
			ln.booths.SetCapacity(c)
			ln.boothsOpen.Set(now, float64(c))
		}
		if ln.parts != nil {
			p.partTick(ln, h, now)
		}
		if now == p.win.Start {
			ln.markParts(now)
			ln.queueAtStart = ln.queueIntegral(now)
			ln.lotAtStart = ln.lot.Integral(now)
			ln.boothsAtStart = ln.boothsOpen.Integral(now)
			ln.lastQueueInt, ln.lastLotInt = ln.queueAtStart, ln.lotAtStart
		} else if now > p.win.Start && p.binHours > 0 {
			// The hour that ends now lies in one bin: bins are whole
			// hours from a whole hour. The index is counted, not taken
			// from now−ε, which rounds back to now after 2^24 s.
			h := int(math.Round((now - p.win.Start) / scenario.Hour))
			p.closeBin(ln, now, (h-1)/p.binHours)
		}
	}
	next := now + scenario.Hour
	if next < p.win.End {
		p.env.At(next, p.tickA, hour+1)
	}
	if now < p.win.Start && next > p.win.Start {
		// A warm-up that is not a whole number of hours: mark the
		// window's start with its own tick.
		p.env.At(p.win.Start, p.markStart, 0)
	}
}

func (p *Port) markStart(int) {
	now := p.env.Now()
	for _, ln := range p.lanes {
		ln.markParts(now)
		ln.queueAtStart = ln.queueIntegral(now)
		ln.lotAtStart = ln.lot.Integral(now)
		ln.boothsAtStart = ln.boothsOpen.Integral(now)
		ln.lastQueueInt, ln.lastLotInt = ln.queueAtStart, ln.lotAtStart
	}
}

// surgeOn and surgeOff put surge i in and out of force; the port's
// settings are then recomposed from every surge in force, so one surge's
// end never cuts another short (scenario.Surge states the rule).
func (p *Port) surgeOn(i int) {
	p.inForce[i] = true
	p.applySurges()
}

func (p *Port) surgeOff(i int) {
	p.inForce[i] = false
	p.applySurges()
}

// applySurges sets booths, referral rates, lots and secondary servers to
// the port's own settings changed by the surges in force, in order.
func (p *Port) applySurges() {
	factor := 1.0
	for _, ln := range p.lanes {
		ln.extraBooths = 0
		ln.referralRate = ln.cfg.Referral.Rate
	}
	for i := range p.surges {
		if !p.inForce[i] {
			continue
		}
		s := &p.surges[i]
		factor *= s.SecondaryFactor
		for l, ln := range p.lanes {
			if l < len(s.ExtraBooths) {
				ln.extraBooths += s.ExtraBooths[l]
			}
			if l < len(s.ReferralRate) && s.ReferralRate[l] >= 0 {
				ln.referralRate = s.ReferralRate[l]
			}
			if l < len(s.ReferralFactor) {
				ln.referralRate = math.Min(1, ln.referralRate*s.ReferralFactor[l])
			}
		}
	}
	for _, ln := range p.lanes {
		ln.setReferral()
	}
	for _, ln := range p.lanes {
		ln.lotCap = int(math.Round(float64(ln.cfg.LotCapacity) * factor))
		p.applyBooths(ln)
		p.admitHeld(ln)
	}
	for _, m := range p.methods {
		m.res.SetCapacity(int(math.Round(float64(m.servers) * factor)))
	}
}
