package border

import (
	"borderflow/ports"
	"borderflow/scenario"
	"borderflow/sim"
	"borderflow/traffic"
)

// The adaptive organisations of package traffic are the border's
// smugglers. traffic knows nothing of ports, so the link is made here.
func init() {
	NewSmugglers = func(sc *scenario.Scenario, rep int, streams func(string) *sim.Stream, win ports.Window) Smugglers {
		return traffic.NewOrganisations(sc, streams, win.Start, win.End)
	}
}

// Organisations returns the organisations of a replication, or nil when
// the scenario has none.
func (r *Result) Organisations() *traffic.Organisations {
	o, _ := r.Smugglers.(*traffic.Organisations)
	return o
}
