package scenario

// EconomyCost is what delay costs the economy for one class: the
// valuation the outputs report (the cost of delay, summary.json's
// delay_cost_usd and its parts). It is deliberately apart from what a
// driver or carrier decides on (ClassResponse's weights, read by the
// drivers' choice in package ports): a change to the decision leaves the
// reported valuation alone, and the reverse.
type EconomyCost struct {
	// DriverHour is an hour of the driver's (and passengers') time, USD
	// per vehicle-hour: the class's value_of_time.
	DriverHour float64
	// CargoHour is an hour of the cargo's time beyond the driver's
	// (inventory, perishables), USD per vehicle-hour: the response's
	// cargo_value_of_time (0 without a response).
	CargoHour float64
	// PostponedTrip is a trip made later than planned, USD: the
	// response's postpone_cost.
	PostponedTrip float64
	// LostTrip is a trip not made, USD: the response's lost_trade (the
	// trade lost, not the traveller's own cancel_cost).
	LostTrip float64
}

// Economy returns the economy's valuation of delay for class c: the
// scenario's Valuation when set, otherwise read from the class and the
// response.
func (s *Scenario) Economy(c int) EconomyCost {
	if c < len(s.Valuation) {
		return s.Valuation[c]
	}
	e := EconomyCost{DriverHour: s.Classes[c].ValueOfTime}
	if s.Response != nil && c < len(s.Response.Classes) {
		cr := s.Response.Classes[c]
		e.CargoHour, e.PostponedTrip, e.LostTrip = cr.CargoValueOfTime, cr.PostponeCost, cr.LostTrade
	}
	return e
}

// Valuations returns Economy of every class, by class index: what a copy
// of the scenario keeps in its Valuation when its response is removed
// (the run without drivers' response is valued as the run with it).
func (s *Scenario) Valuations() []EconomyCost {
	out := make([]EconomyCost, len(s.Classes))
	for c := range out {
		out[c] = s.Economy(c)
	}
	return out
}
