package ports

import (
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

// laneCheckpoints is a lane's checkpoints and the one in force, and the
// waits for them that ended in the time bin in progress (for the bin's
// quantile, as Lane.waits for primary).
type laneCheckpoints struct {
	all     []*checkpoint
	on      *checkpoint
	waits   WaitHist
	waitBin int
}

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
