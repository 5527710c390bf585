package ports

// Checkpoints (scenario.Checkpoint): a stage every vehicle of a lane
// passes after the port's own inspection, for a period (Texas DPS, April
// 2022), or a closure of the lane's booths for a period. This file is what
// the rest of the port asks of them: whether the lane is closed, what a
// driver expects to wait there, and the way into the stage, which
// checkstage.go runs. A port without checkpoints never enters their code.

// saltCheckpoint draws a vehicle's detection at a checkpoint from its key
// (sim.KeyFloat64), apart from its secondary steps' draws.
const saltCheckpoint = 1<<20 + 129

// closed reports whether the lane's booths are shut by a closure now.
func (ln *Lane) closed() bool {
	return ln.ck != nil && ln.ck.on != nil && ln.ck.on.cfg.Servers == 0
}

func indexOf(all []*checkpoint, c *checkpoint) int {
	for i, x := range all {
		if x == c {
			return i
		}
	}
	return 0
}

// checkpointWait is what a driver can expect at the lane's checkpoint (or
// closure) beyond the primary queue.
func (p *Port) checkpointWait(ln *Lane) float64 {
	ck := ln.ck.on
	if ck == nil {
		return 0
	}
	if ck.cfg.Servers == 0 {
		return p.win.Start + ck.cfg.End - p.env.Now() // "closed until"
	}
	return float64(ck.res.QueueLen()+1) * ck.mean / float64(ck.cfg.Servers)
}

// atCheckpoint sends a leaving vehicle to the lane's checkpoint if one is
// in force and the vehicle has not been through it; it reports whether it
// did (the vehicle leaves when the checkpoint is done with it).
func (p *Port) atCheckpoint(slot int) bool {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	if ln.ck == nil || ln.ck.on == nil || ln.ck.on.cfg.Servers == 0 || v.checked {
		return false
	}
	v.checked = true
	v.wait = p.env.Now() // reused: when it joined the checkpoint's queue
	v.step = int16(indexOf(ln.ck.all, ln.ck.on))
	ln.ck.on.res.Claim(slot)
	return true
}
