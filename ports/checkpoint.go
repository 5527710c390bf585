package ports

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
)

// Checkpoints (scenario.Checkpoint): a stage every vehicle of a lane
// passes after the port's own inspection, for a period (Texas DPS, April
// 2022), or a closure of the lane's booths for a period. A port without
// checkpoints never enters this file's code.

type checkpoint struct {
	cfg    *scenario.Checkpoint
	res    *sim.Resource
	time   *sim.Stream
	active bool
	mean   float64
}

// laneCheckpoints is a lane's checkpoints and the one in force.
type laneCheckpoints struct {
	all []*checkpoint
	on  *checkpoint
}

func (p *Port) setupCheckpoints(sc *scenario.Scenario, idx int, streams Streams) {
	if p.ckOnA == nil {
		p.ckOnA, p.ckOffA, p.ckStartA, p.ckDoneA = p.checkpointOn, p.checkpointOff, p.checkpointStart, p.checkpointDone
	}
	for i := range sc.Checkpoints {
		c := &sc.Checkpoints[i]
		if c.Port != idx {
			continue
		}
		for _, ln := range p.lanes {
			if !c.Classes[ln.cfg.Class] {
				continue
			}
			ck := &checkpoint{cfg: c, res: sim.NewResource(p.env, 0),
				time: streams("port/" + p.cfg.Name + "/" + sc.Classes[ln.cfg.Class].Name + "/checkpoint/" + c.Name)}
			ck.res.SetGrant(p.ckStartA)
			if c.Time != nil {
				ck.mean = c.Time.Mean()
			}
			if ln.ck == nil {
				ln.ck = &laneCheckpoints{}
			}
			ln.ck.all = append(ln.ck.all, ck)
		}
	}
}

// startCheckpoints schedules the checkpoints' start and end (from Start).
// The argument of the events is lane × 1024 + checkpoint.
func (p *Port) startCheckpoints() {
	for l, ln := range p.lanes {
		if ln.ck == nil {
			continue
		}
		for i, ck := range ln.ck.all {
			arg := l*1024 + i
			if t := p.win.Start + ck.cfg.Start; t < p.win.End {
				p.env.At(t, p.ckOnA, arg)
			}
			if t := p.win.Start + ck.cfg.End; t < p.win.End {
				p.env.At(t, p.ckOffA, arg)
			}
		}
	}
}

func (p *Port) checkpointOn(arg int) {
	ln := p.lanes[arg/1024]
	ck := ln.ck.all[arg%1024]
	ck.active = true
	ln.ck.on = ck
	if ck.cfg.Servers > 0 {
		ck.res.SetCapacity(ck.cfg.Servers)
	} else {
		p.applyBooths(ln) // closed: no booth
	}
}

func (p *Port) checkpointOff(arg int) {
	ln := p.lanes[arg/1024]
	ck := ln.ck.all[arg%1024]
	ck.active = false
	ln.ck.on = nil
	if ck.cfg.Servers > 0 {
		ck.res.SetCapacity(math.MaxInt32) // those still waiting go through
	} else {
		p.applyBooths(ln)
	}
}

// closed reports whether the lane's booths are shut by a closure now.
func (ln *Lane) closed() bool {
	return ln.ck != nil && ln.ck.on != nil && ln.ck.on.cfg.Servers == 0
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

func (p *Port) checkpointStart(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ck := ln.ck.all[v.step]
	now := p.env.Now()
	if v.counted {
		ln.Stats.Checkpoint.Wait += now - v.wait
	}
	if !ck.active { // it ended while the vehicle waited: it goes through
		ck.res.Release()
		p.leave(slot, v, ln, now)
		return
	}
	p.env.Timeout(ck.cfg.Time.Sample(ck.time), p.ckDoneA, slot)
}

func (p *Port) checkpointDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ln.ck.all[v.step].res.Release()
	if v.counted {
		ln.Stats.Checkpoint.Inspected++
	}
	p.leave(slot, v, ln, p.env.Now())
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
