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
// reports), port.go (the Port, its lanes and vehicles), checkpoint.go,
// trusted.go, preprimary.go, binring.go, bin.go, response.go, path.go
// (a vehicle's path through the port), secondary.go, booths.go,
// checkstage.go (the checkpoint as a stage), schedule.go, lifecycle.go
// (New, Start, Finish). A few names are used
// before the file that defines them (TestFileOrder counts them): the
// Port's fields of the optional features' types, and the features that
// send a vehicle on along its path.
package ports
