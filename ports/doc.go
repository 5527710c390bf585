// Package ports owns what happens at a land port of entry: primary booths
// per vehicle class and hour of day, the primary officer's questioning, the
// referral (targeting) decision, the secondary lot and the secondary
// inspection methods (imaging, canine, full unload) with their servers,
// times, false alarms and detection probabilities by concealment method,
// seizures, and the delay every vehicle pays. A lane may have
// trusted-traveller parts (SENTRI, FAST, Ready: trusted.go), each with its
// own booths, primary time and referral rate.
//
// A Port runs on its own sim.Env: ports interact only through the
// smugglers' decisions at period boundaries, so a replication can run its
// ports side by side between two boundaries and get the same numbers as a
// sequential run. It knows nothing of files or charts.
//
// Files, in reading order: shortfall.go, hist.go, stats.go (what a lane
// reports), coupling.go (what a port exchanges with the others), port.go
// (the Port, its lanes and vehicles, and the state of each optional
// feature), checkpoint.go, trusted.go, bin.go (the time bins); then a
// vehicle's path read from its end back to its arrival: leave.go,
// secondary.go, preprimary.go, booths.go, checkstage.go (the checkpoint as
// a stage), response.go (the drivers' answer to delay), arrive.go; then
// schedule.go (the hourly tick, surges) and lifecycle.go (New, Start,
// Finish).
//
// Each file uses only names defined in itself or an earlier file, but for
// one (TestFileOrder counts them): the pre-primary stage ends the officer's
// wait at the booth for an image, and the booths' code is read after it.
package ports
