// The primary booths: a vehicle's wait ends at a booth, where the officer
// refers it to secondary or releases it; the booth schedule sets how many
// are open.

package ports

import (
	"math"

	"borderflow/scenario"
)

// primaryStart: a booth is free; the officer questions the driver.
func (p *Port) primaryStart(slot int) {
	now := p.env.Now()
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	v.wait = now - v.arrived
	if ln.rs != nil && v.booth == 0 {
		ln.rs.served++ // at the general booths, whose rate it measures
	}
	if v.counted {
		s := &ln.Stats
		s.Wait.Add(v.wait)
		if ln.parts == nil {
			s.WaitQ.Add(v.wait)
		} else {
			ln.partWait(v) // trusted.go: the part's sketch, merged into the lane's by Finish
		}
		if b := p.bin(now); b >= 0 {
			p.fileWait(ln, b, v.wait)
		}
	}
	p.env.Timeout(ln.primaryTimeOf(v), p.primaryDoneA, slot)
}

// primaryDone: the officer refers the vehicle to secondary or releases
// it, and the booth takes the next vehicle — unless the vehicle is held at
// the booth for a place in a full lot.
func (p *Port) primaryDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	if v.scanned && p.awaitImage(ln, v, slot) {
		return // the booth stays busy until the image is read or the wait ends
	}

	// The referral rule's probability for the vehicle's part and load
	// (setReferral).
	m := ln.referralProb[v.part]
	pr := m[0]
	if v.loaded {
		pr = m[1+p.loadOf(v).Drug]
	}
	meant := pr
	if v.wait > p.pressureWait && p.pressureWait > 0 {
		// Wait-time pressure: officers wave traffic through to keep it
		// moving (docs/SOURCES.md, "Volume defeats inspection").
		pr *= p.pressureFactor
	}
	// One uniform per vehicle whatever the policy: common random numbers.
	u := ln.referral.Float64()
	if p.imageReferral(ln, v) {
		meant, pr = 1, 1 // an image alarm is always followed up
	}
	v.decided = true
	if v.counted {
		ln.Stats.Shortfall.Decided++
		if u < meant {
			ln.Stats.Shortfall.Meant++
		}
	}
	if u >= pr {
		if u < meant && v.counted {
			ln.Stats.Shortfall.Waved++
		}
		p.boothsOf(ln, v).Release()
		p.depart(slot, v, ln)
		return
	}
	b := p.bin(p.env.Now())
	if v.counted {
		ln.Stats.Referrals++
		if ln.parts != nil {
			ln.Stats.Parts[v.part].Referrals++
		}
		if b >= 0 {
			p.at(ln, b).Referrals++
		}
	}
	if ln.lotUsed >= ln.lotCap || len(ln.cfg.Steps) == 0 {
		if ln.cfg.HoldWhenFull && len(ln.cfg.Steps) > 0 {
			ln.held = append(ln.held, int32(slot)) // the booth stays busy
			return
		}
		if v.counted {
			ln.Stats.Missed++
			if b >= 0 {
				p.at(ln, b).Missed++
			}
		}
		p.boothsOf(ln, v).Release()
		p.depart(slot, v, ln)
		return
	}
	p.boothsOf(ln, v).Release()
	p.enterLot(slot)
}

func (p *Port) applyBooths(ln *Lane) {
	h := int(math.Mod(p.env.Now(), scenario.Day) / scenario.Hour)
	c := ln.cfg.Booths[h] + ln.extraBooths
	if ln.ck != nil && ln.closed() {
		c = 0
	}
	ln.booths.SetCapacity(c)
	ln.boothsOpen.Set(p.env.Now(), float64(c))
	if ln.parts != nil {
		p.applyPartBooths(ln)
	}
}

// setReferral computes the lane's referral probabilities (Lane.referralProb) from
// its current rate, as primaryDone computed them per vehicle: the same
// floats (TestReferralTable).
func (ln *Lane) setReferral() {
	r := ln.cfg.Referral
	if len(ln.referralProb) != 1+len(ln.parts) {
		ln.referralProb = make([][]float64, 1+len(ln.parts))
		for part := range ln.referralProb {
			ln.referralProb[part] = make([]float64, 1+len(ln.hitFactor))
		}
	}
	for part, m := range ln.referralProb {
		rate := ln.referralRate
		if part != 0 {
			rate = ln.cfg.PartReferral(part-1, rate) // trusted.go
		}
		m[0] = 1 - (1-rate)*(1-r.TargetFalse)
		for d, k := range ln.hitFactor {
			m[1+d] = 1 - (1-rate)*(1-scenario.DrugTargetHit(r, k))
		}
	}
}
