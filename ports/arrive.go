// A vehicle's way into the port: it arrives, or a postponed trip comes
// back, or a trip diverted from another port gets here, and it joins its
// lane's queue; its path then runs through preprimary.go, booths.go and
// secondary.go to leave.go. The path passes the vehicle's slot, its pool
// entry and its lane from call to call rather than looking them up again
// in each (the pool does not move while an event runs: only arrive and
// Receive grow it, before they take the entry).

package ports

// arrive: a vehicle of lane l reaches the primary queue; the next one of
// the lane is scheduled.
func (p *Port) arrive(l int) {
	now := p.env.Now()
	ln := p.lanes[l]
	if t := ln.arrivals.Next(now); t < p.win.End {
		p.env.SetSlot(p.arrivalSlots[l], t, l)
	}
	slot, v := p.alloc()
	*v = vehicle{arrived: now, lane: int16(l), live: true, key: ln.inspect.Uint64()}
	if load, ok := ln.Loads.Draw(); ok {
		p.setLoad(v, load)
	}
	if ln.parts != nil {
		p.drawPart(v, ln) // trusted.go
	}
	if p.resp != nil && p.present(slot, v, ln, true, false) {
		return // postponed, cancelled or gone to another port
	}
	p.join(slot, v, ln, now)
}

// join: the vehicle in slot (v, of lane ln) joins its lane's primary queue
// now.
func (p *Port) join(slot int, v *vehicle, ln *Lane, now float64) {
	v.arrived = now
	if ln.inside >= ln.popLimit {
		p.refuse(slot, v) // response.go: the lane is unstable
		return
	}
	ln.inside++
	ln.Seen++
	if b := p.bin(now); b >= 0 {
		v.counted = true
		ln.Stats.Arrivals++
		p.at(ln, b).Arrivals++
		if v.loaded {
			load := p.loadOf(v)
			d := &ln.Stats.Drugs[load.Drug]
			d.LoadsAttempted++
			d.KgAttempted += load.Kg
		}
		if ln.parts != nil {
			ln.partArrival(v, p.loads)
		}
	}
	if ln.pre == nil && ln.parts == nil { // approach and requestBooth's answer, without the calls
		ln.booths.Claim(slot)
		return
	}
	p.approach(slot, v, ln)
}

// reappear: a postponed trip is presented again.
func (p *Port) reappear(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	v.away = false
	if p.present(slot, v, ln, false, false) {
		return
	}
	p.join(slot, v, ln, p.env.Now())
}

// Receive takes a vehicle diverted here; at t.At it joins the queue, or
// puts its trip off or gives it up if the wait has grown since it chose
// (it does not leave for a third port). Call from the
// goroutine that owns the port's environment, with t.At not before now.
func (p *Port) Receive(t Transfer) {
	slot, v := p.alloc()
	*v = vehicle{key: t.Key, tries: t.Tries, lane: int16(t.Lane), live: true, away: true, inbound: true}
	if t.Loaded {
		p.setLoad(v, t.Load)
	}
	if ln := p.lanes[t.Lane]; ln.parts != nil {
		v.part = partByName(ln, t.Part)
	}
	p.env.At(t.At, p.resp.receiveA, slot)
}

func (p *Port) receive(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	v.away, v.inbound = false, false
	if p.present(slot, v, ln, false, true) {
		return
	}
	p.join(slot, v, ln, p.env.Now())
}
