package ports

import (
	"math"

	"borderflow/scenario"
	"borderflow/sim"
)

// The checkpoint as a stage of a vehicle's path: it opens and closes on
// its schedule, takes the vehicles leave.go sends it after the port's own
// inspection (checkpoint.go, atCheckpoint), inspects, and may seize. Its
// state is in port.go; its waits are filed in the time bins by bin.go.

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
				ln.Stats.Checkpoint.WaitQ = &sim.Sketch{}
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

func (p *Port) checkpointStart(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ck := ln.ck.all[v.step]
	now := p.env.Now()
	if v.counted {
		w := now - v.wait
		st := &ln.Stats.Checkpoint
		st.Wait += w
		st.Waits.Add(w)
		st.WaitQ.Add(w)
		if b := p.bin(now); b >= 0 {
			p.fileCheckpointWait(ln, b, w)
		}
	}
	if !ck.active { // it ended while the vehicle waited: it goes through
		ck.res.Release()
		p.depart(slot, v, ln)
		return
	}
	p.env.Timeout(ck.cfg.Time.Sample(ck.time), p.ckDoneA, slot)
}

// checkpointDone: the inspection ends; a checkpoint with a detection
// method seizes a load it finds (one draw from the vehicle's key, so the
// same vehicle has the same luck under any policy), and the vehicle
// leaves.
func (p *Port) checkpointDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ck := ln.ck.all[v.step]
	ck.res.Release()
	st := &ln.Stats.Checkpoint
	if v.counted {
		st.Inspected++
	}
	if v.loaded && ck.cfg.Detect != nil {
		load := p.loadOf(v)
		found := sim.KeyFloat64(v.key, saltCheckpoint) < ck.cfg.Detect[load.Concealment]
		if v.counted {
			st.LoadsInspected++
			if found {
				st.LoadsSeized++
				st.KgSeized += load.Kg
			}
		}
		if found {
			p.seize(slot, p.env.Now())
			return
		}
	}
	p.depart(slot, v, ln)
}
