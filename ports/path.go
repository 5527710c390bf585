// A vehicle's path through the port: it arrives, joins its lane's queue
// and departs, with its load or seized. The path passes the vehicle's
// slot, its pool entry and its lane from call to call rather than looking
// them up again in each (the pool does not move while an event runs: only
// arrive and Receive grow it, before they take the entry).

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

func (p *Port) depart(slot int, v *vehicle, ln *Lane) {
	if ln.ck != nil && p.atCheckpoint(slot) {
		return // checkstage.go: its load is delivered, or found, after the checkpoint
	}
	now := p.env.Now()
	if v.loaded {
		load := p.loadOf(v)
		if v.counted {
			d := &ln.Stats.Drugs[load.Drug]
			d.LoadsDelivered++
			d.KgDelivered += load.Kg
		}
		if p.report != nil {
			p.report(*load, false)
		}
	}
	p.leave(slot, v, ln, now)
}

func (p *Port) leave(slot int, v *vehicle, ln *Lane, now float64) {
	if ln.ck != nil && p.atCheckpoint(slot) {
		return // checkstage.go: it leaves after the checkpoint
	}
	ln.inside--
	if v.counted {
		ln.Stats.Departures++
		ln.Stats.Sojourn.Add(now - v.arrived)
		if b := p.bin(now); b >= 0 {
			p.at(ln, b).Departures++
		}
	}
	p.release(slot, v)
}
