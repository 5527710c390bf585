// Secondary inspection: the lot, the lane's sequence of inspection steps,
// and the seizure of a load an alarm confirms.

package ports

import (
	"borderflow/scenario"
	"borderflow/sim"
)

// enterLot parks a referred vehicle in the secondary lot and starts its
// secondary sequence.
func (p *Port) enterLot(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	ln.lotUsed++
	ln.Pulled++
	ln.lot.Set(p.env.Now(), float64(ln.lotUsed))
	v.alarm = v.alarm || v.imageAlarm
	if v.counted {
		ln.Stats.Secondary++
		if b := p.bin(p.env.Now()); b >= 0 {
			p.at(ln, b).Secondary++
		}
	}
	p.nextStep(slot)
}

// admitHeld moves vehicles held at their booths into the lot while it has
// room, freeing their booths.
func (p *Port) admitHeld(ln *Lane) {
	for len(ln.held) > 0 && ln.lotUsed < ln.lotCap {
		slot := int(ln.held[0])
		ln.held = ln.held[1:]
		p.boothsOf(ln, &p.pool[slot]).Release()
		p.enterLot(slot)
	}
}

// nextStep sends the vehicle to the next step of its lane's secondary
// sequence that applies, or ends secondary.
func (p *Port) nextStep(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	steps := ln.cfg.Steps
	for int(v.step) < len(steps) {
		st := steps[v.step]
		if st.OnlyOnAlarm && !v.alarm || skipStep(v, st) {
			v.step++
			continue
		}
		p.methods[st.Method].res.Claim(slot)
		return
	}
	now := p.env.Now()
	ln.lotUsed--
	ln.lot.Set(now, float64(ln.lotUsed))
	p.admitHeld(ln)
	if v.loaded && v.alarm {
		p.seize(slot, now)
		return
	}
	p.depart(slot, v, ln)
}

// skipStep reports whether a vehicle referred by an image alarm skips
// step st of its secondary sequence: the image was the first look, so
// it goes to the steps that confirm an alarm.
func skipStep(v *vehicle, st scenario.Step) bool {
	return v.imageAlarm && !st.OnlyOnAlarm
}

func (p *Port) stepStart(slot int) {
	v := &p.pool[slot]
	m := p.methods[p.lanes[v.lane].cfg.Steps[v.step].Method]
	p.scratch.Reseed(v.key, 2*uint64(v.step))
	p.env.Timeout(m.cfg.Time.Sample(p.scratch), p.stepDoneA, slot)
}

// stepDone: an inspection ends with an alarm or not. A step that runs only
// on alarm confirms or clears the alarm (the unload finds the drugs or not);
// any other step raises the alarm or leaves it as it was.
func (p *Port) stepDone(slot int) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	st := ln.cfg.Steps[v.step]
	m := p.methods[st.Method]
	m.res.Release()
	pa := m.cfg.FalseAlarm
	if v.loaded {
		pa = m.cfg.Detect[p.loadOf(v).Concealment]
	}
	alarm := sim.KeyFloat64(v.key, 2*uint64(v.step)+1) < pa // as Reseed then Float64
	if v.counted {
		ln.Stats.Inspections[st.Method]++
		if alarm && !v.loaded {
			ln.Stats.FalseAlarms++
		}
	}
	if st.OnlyOnAlarm {
		v.alarm = alarm
	} else {
		v.alarm = v.alarm || alarm
	}
	v.step++
	p.nextStep(slot)
}

func (p *Port) seize(slot int, now float64) {
	v := &p.pool[slot]
	ln := p.lanes[v.lane]
	load := p.loadOf(v)
	if v.counted {
		d := &ln.Stats.Drugs[load.Drug]
		d.LoadsSeized++
		d.KgSeized += load.Kg
		if ln.parts != nil {
			ps := &ln.Stats.Parts[v.part]
			ps.LoadsSeized++
			ps.KgSeized += load.Kg
		}
		if b := p.bin(now); b >= 0 {
			bn := p.at(ln, b)
			bn.Seizures++
			bn.KgSeized += load.Kg
		}
	}
	if p.report != nil {
		p.report(*load, true)
	}
	p.dropLoad(v) // the vehicle leaves without its load
	p.leave(slot, v, ln, now)
}
