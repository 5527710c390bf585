// The end of a vehicle's path: it departs, its load delivered, or leaves
// without the load that was seized; through the lane's checkpoint first
// when one is in force (checkpoint.go). The path's other stages, read
// from here back to the arrival, send their vehicles here.

package ports

// depart: the vehicle leaves the port with its load, if it carries one,
// delivered.
func (p *Port) depart(slot int, v *vehicle, ln *Lane) {
	if ln.ck != nil && p.atCheckpoint(slot) {
		return // its load is delivered, or found, after the checkpoint (checkstage.go)
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

// leave: the vehicle is gone (delivered, or seized without its load); its
// slot is free for another.
func (p *Port) leave(slot int, v *vehicle, ln *Lane, now float64) {
	if ln.ck != nil && p.atCheckpoint(slot) {
		return // it leaves after the checkpoint (checkstage.go)
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
