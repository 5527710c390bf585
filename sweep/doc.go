// Package sweep benchmarks inspection policies: it runs every policy of a
// sweep × every replication of a scenario and compares the policies with
// common random numbers.
//
// A Policy is a transformation of a scenario — random referral rates per
// class, targeted referral with good or poor intelligence, 100% imaging
// of a class, inspecting everything, a surge at one port, a traffic
// volume factor. Each policy gets its own deep copy of the scenario; the
// scenario the user loaded is never changed.
//
// Replication r of every policy runs with the same seed and replication
// index, so the kernel's named streams give every policy the same
// vehicles, the same loads and the same primary service times (ports
// draw one uniform per vehicle for the referral and one for the load,
// whatever the policy). The difference between two policies in one
// replication is then mostly the policies' doing, and the paired
// interval of the differences (sim.PairedCI95) is much narrower than two
// separate intervals would suggest (Law, Simulation Modeling and
// Analysis, 5th ed., §10.2 on common random numbers).
//
// A Plan is a sweep ready to run: its (policy, replication) pairs are
// numbered replication-major (pair i is replication i / P of policy
// i % P, for P policies) and run on a pool of goroutines, one replication
// each. Only a handful of scalar Metrics are kept per pair, never a
// replication's full results, so sweeps of thousands of replications fit
// in memory. Results do not depend on the number of goroutines.
//
// The same numbering splits a sweep over machines: shard i of n runs the
// pairs whose index is i modulo n and writes them as a Part (pairs.csv,
// manifest.json and sha256sums.txt). Merge checks each part's checksums,
// that parts belong to the same sweep — same scenario hash, seed,
// replications, policies, metrics, version and build identity — and
// that every pair is there exactly once with finite numbers, and yields
// the same Results, hence the same bytes, as a sweep run on one machine.
// A Journal records finished pairs as they come so an interrupted sweep
// can resume; it is locked while open, so two sweeps cannot write it.
package sweep
