package scenario

// Units of simulated time, in seconds: the model's clock counts seconds
// from the start of the warm-up. Everything that converts a duration
// (the decoder, traffic's profiles, ports' booth schedule, the reports)
// uses these. Simulated time 0 is 00:00 of the scenario's start date
// (start.go); a year is 365 days: the model's calendar has no leap days
// (traffic.Calendar).
const (
	Second = 1.0
	Minute = 60 * Second
	Hour   = 60 * Minute
	Day    = 24 * Hour
	Week   = 7 * Day
	Year   = 365 * Day
)

// LoadsPerVehicle is the share of a lane's vehicles that carry a load of
// a flow of loadsPerYear loads a year through a lane of rate vehicles a
// second: the one formula the decoder's checks, the ports' load plans,
// the organisations and the sweep's policies all use. rate must be
// positive.
func LoadsPerVehicle(loadsPerYear, rate float64) float64 {
	return loadsPerYear / (rate * 365 * Day)
}
