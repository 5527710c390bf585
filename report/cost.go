package report

import (
	"borderflow/ports"
	"borderflow/scenario"
)

// CostParts is the cost of delay, whole and by part, USD, valued at the
// economy's cost (scenario.Economy): what the delay costs everyone, not
// what a driver decides on. Every output's delay cost (summary.json's
// delay_cost_usd, the run table, index.html, a sweep's delay_cost_usd,
// the frontier, the ranking, the optimiser) is Total; the parts are
// disjoint and add up to it.
type CostParts struct {
	// DriverTime is the time in the port (arrival to departure, or to the
	// end of the window), less the wait at a checkpoint, at the driver's
	// value of time.
	DriverTime float64 `json:"driver_time"`
	// CargoTime is the same time at the cargo's value of time: trade's
	// cost beyond the driver.
	CargoTime float64 `json:"cargo_time"`
	// Checkpoint is the wait for a checkpoint's inspection (inside the
	// time in the port, counted here and not above) at driver plus cargo
	// time.
	Checkpoint float64 `json:"checkpoint_time"`
	// Detour is the drive of diverted vehicles at driver plus cargo time.
	Detour float64 `json:"detour"`
	// Postponed are trips put off, Cancelled trips not made.
	Postponed float64 `json:"postponed_trips"`
	Cancelled float64 `json:"cancelled_trips"`
	Total     float64 `json:"total"`
}

// costPartKeys name CostParts' parts (not the total) in the outputs, in
// the order of CostParts.parts.
var costPartKeys = []string{"driver_time", "cargo_time", "checkpoint_time", "detour", "postponed_trips", "cancelled_trips"}

// CostPartKeys returns the names of the cost's parts, in order.
func CostPartKeys() []string { return append([]string(nil), costPartKeys...) }

// Parts returns the parts in the order of CostPartKeys.
func (c CostParts) Parts() []float64 {
	return []float64{c.DriverTime, c.CargoTime, c.Checkpoint, c.Detour, c.Postponed, c.Cancelled}
}

// laneCost is the cost of delay of one lane in one replication.
func laneCost(sc *scenario.Scenario, ls *ports.LaneStats) CostParts {
	e := sc.Economy(ls.Class)
	ck := ls.Checkpoint.Wait / scenario.Hour
	port := ls.DelaySeconds()/scenario.Hour - ck
	if port < 0 {
		port = 0
	}
	s := &ls.Response
	c := CostParts{
		DriverTime: port * e.DriverHour,
		CargoTime:  port * e.CargoHour,
		Checkpoint: ck * (e.DriverHour + e.CargoHour),
		Detour:     s.DetourSeconds / scenario.Hour * (e.DriverHour + e.CargoHour),
		Postponed:  float64(s.Postponed) * e.PostponedTrip,
		Cancelled:  float64(s.Cancelled) * e.LostTrip,
	}
	c.Total = c.DriverTime + c.CargoTime + c.Checkpoint + c.Detour + c.Postponed + c.Cancelled
	return c
}

func (c *CostParts) add(o CostParts) {
	c.DriverTime += o.DriverTime
	c.CargoTime += o.CargoTime
	c.Checkpoint += o.Checkpoint
	c.Detour += o.Detour
	c.Postponed += o.Postponed
	c.Cancelled += o.Cancelled
	c.Total += o.Total
}

func (c *CostParts) scale(f float64) {
	c.DriverTime *= f
	c.CargoTime *= f
	c.Checkpoint *= f
	c.Detour *= f
	c.Postponed *= f
	c.Cancelled *= f
	c.Total *= f
}
