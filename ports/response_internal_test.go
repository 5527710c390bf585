package ports

import (
	"testing"

	"borderflow/scenario"
	"borderflow/sim"
)

// The drivers' shortcut (nothingAhead: no wait expected) holds only when
// expectedWaitOf answers 0, for general vehicles and each trusted part, at every
// probe of ten days of Laredo (queues building and clearing, trusted lanes,
// the response on), of Texas DPS's April 2022 at Hidalgo (a checkpoint)
// and of the border's closure at Laredo (booths closed, then open).
func TestNothingAheadExpectsNoWait(t *testing.T) {
	for _, c := range []struct{ name, port string }{{"laredo", "Laredo"}, {"texas-dps-2022", "Hidalgo"}, {"border-closure", "Laredo"}} {
		name := c.name
		sc, err := scenario.Embedded(name)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Response == nil {
			t.Fatalf("%s: no response", name)
		}
		pi := -1
		for i := range sc.Ports {
			if sc.Ports[i].Name == c.port {
				pi = i
			}
		}
		if pi < 0 {
			t.Fatalf("%s: no port %s", name, c.port)
		}
		checkpoints := 0
		for _, ck := range sc.Checkpoints {
			if ck.Port == pi && ck.Start < 10*scenario.Day {
				checkpoints++
			}
		}
		if (checkpoints > 0) != (name != "laredo") {
			t.Fatalf("%s: %d checkpoints at %s in the ten days", name, checkpoints, c.port)
		}
		start := 0.0
		win := Window{Start: 0, End: 10 * scenario.Day, BinWidth: scenario.Hour}
		env := sim.NewEnv()
		p := New(env, sc, pi, win, func(n string) *sim.Stream { return sim.NewStream(sc.Seed, 0, n) }, nil)
		p.Start()
		probes, queued, parts, shortcuts := 0, 0, 0, 0
		var probe sim.Action
		probe = func(int) {
			for _, ln := range p.lanes {
				for part := 0; part <= len(ln.parts); part++ {
					v := &vehicle{part: int8(part)}
					if nothingAhead(ln, v) {
						if w := p.expectedWaitOf(ln, v); w != 0 {
							t.Fatalf("%s at %v s, lane %d, part %d: nothing ahead, expectedWaitOf %v", name, env.Now(), ln.cfg.Class, part, w)
						}
						shortcuts++
					}
					probes++
					if part > 0 {
						parts++
					}
				}
				if ln.booths.QueueLen() > 0 {
					queued++
				}
			}
			if env.Now()+97 < win.End {
				env.At(env.Now()+97, probe, 0)
			}
		}
		env.At(start, probe, 0)
		env.RunUntil(win.End)
		if probes < 10000 || queued < 1000 || (shortcuts < 1000 && name != "border-closure") || (parts == 0 && name == "laredo") {
			t.Errorf("%s: %d probes, %d with a queue, %d of parts, %d with nothing ahead: the test saw too little", name, probes, queued, parts, shortcuts)
		}
	}
}
