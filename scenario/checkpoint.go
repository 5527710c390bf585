package scenario

import (
	"borderflow/sim"
)

// Checkpoint is a stage every vehicle of some classes passes at one port
// for a period, after the port's own inspection (Texas DPS's "enhanced
// commercial vehicle inspections" of April 2022, a state inspection of
// every truck after CBP), or, with no servers, a closure: the lanes are shut
// for the period (their booths closed) and drivers are told when they
// reopen.
type Checkpoint struct {
	Name       string
	Port       int
	Classes    []bool  // by class index: the classes stopped
	Start, End float64 // seconds from the end of the warm-up
	// Servers is the inspection teams working at once; 0 closes the lanes.
	Servers int
	Time    sim.Dist // per vehicle (nil when Servers is 0)
	// Detect is, by concealment index, the probability that the
	// inspection finds a load hidden that way, as a secondary method's
	// detect; a found load is seized at the checkpoint. Nil: the
	// checkpoint looks for nothing it could seize (DPS's troopers
	// checked brakes, tyres and lights, not cargo).
	Detect []float64
}

// checkpoints reads the [[checkpoint]] array.
func (d *decoder) checkpoints(top *table) {
	for _, t := range top.tableList("checkpoint", "[[checkpoint]]") {
		c := Checkpoint{Classes: make([]bool, len(d.s.Classes))}
		c.Name = t.label("name", "checkpoint")
		c.Port = d.ref(t, "port", "port", d.portIdx)
		if t.has("classes") {
			raw, ok := t.list("classes", `["truck"]`)
			if ok && len(raw) == 0 {
				// It stopped no class: a checkpoint that does nothing.
				d.errorf(t.at("classes"), `needs at least one class, e.g. classes = ["truck"] (leave it out to stop every class)`)
			}
			if ok {
				for i, e := range raw {
					name, isStr := e.(string)
					if !isStr {
						d.errorf(indexPath(t.at("classes"), i), "expected a class name, got %s", describe(e))
						continue
					}
					if k := d.resolve(indexPath(t.at("classes"), i), name, "class", d.classIdx); k >= 0 {
						c.Classes[k] = true
					}
				}
			}
		} else {
			for i := range c.Classes {
				c.Classes[i] = true
			}
		}
		start, _ := t.duration("start", 0)
		end, endOK := t.duration("end", 0)
		switch {
		case !t.has("end"):
			d.errorf(t.path, `end is required: when the checkpoint ends, from the end of the warm-up, e.g. end = "10d"`)
		case endOK && end <= start:
			d.errorf(t.at("end"), "the checkpoint must end after it starts (start %s, end %s)", FormatDuration(start), FormatDuration(end))
		}
		c.Start, c.End = start, end
		nerr := len(d.errs)
		c.Servers = int(t.integer("servers", 0, 0, maxBooths, "inspection teams (0: the lanes are closed)"))
		// A bad servers was read as 0, a closure: its time and detect
		// were then reported again as a closure's.
		closed := c.Servers == 0 && len(d.errs) == nerr
		c.Time = t.dist("time", timeDist, c.Servers > 0)
		if closed && t.has("time") {
			d.errorf(t.at("time"), "a checkpoint with no servers closes the lanes: it has no inspection time")
		}
		if t.has("detect") {
			if closed {
				d.errorf(t.at("detect"), "a checkpoint with no servers closes the lanes: it inspects nothing")
			}
			c.Detect = d.detectTable(t, false)
		}
		t.done()
		if c.Port < 0 {
			continue
		}
		for i, o := range d.s.Checkpoints {
			if o.Port != c.Port || !(c.Start < o.End && o.Start < c.End) {
				continue
			}
			for k := range c.Classes {
				if c.Classes[k] && o.Classes[k] {
					d.errorf(t.at("start"), "overlaps checkpoint[%d] at %s for %s: one checkpoint at a time per port and class",
						i, d.s.Ports[c.Port].Name, d.s.Classes[k].Name)
					break
				}
			}
		}
		d.s.Checkpoints = append(d.s.Checkpoints, c)
	}
}
