// Package optimise chooses how to spend an inspection budget: officers at
// the primary booths per port, class and shift, secondary staff and
// canine teams (servers of the secondary methods) and pre-primary portals,
// to maximise a stated objective (loads or kilograms seized, or kilograms
// delivered to the US, minimised) subject to wait limits (mean or 95th
// percentile per port and class) and a total budget. Every allocation is
// scored by simulation, replication r of every allocation on the same
// random numbers (common random numbers), so two allocations are compared
// by their paired difference.
//
// The method is a sequential local search over the integer lattice of
// allocations with paired comparisons, in the spirit of COMPASS (Hong and
// Nelson, "Discrete optimization via simulation using COMPASS", Operations
// Research 54(1), 2006): from the scenario's own allocation, each step
// probes every one-unit change of every variable, estimates the exchanges
// (units up here, units down there: as many as the money one side frees
// or needs buys on the other, so one scanner less pays for two canine
// teams) that keep within the budget from those probes, simulates the
// most promising exchanges, and moves to the best neighbour that is
// better by the paired comparison: feasible beats infeasible, a smaller
// wait-limit violation beats a larger one, then the objective. It stops at a local optimum (no better neighbour) or at the
// evaluation cap. Common random numbers make the paired differences of
// neighbours far sharper than independent runs (Glasserman and Yao, "Some
// guidelines and guarantees for common random numbers", Management Science
// 38(6), 1992; Law, "Simulation Modeling and Analysis", ch. 11).
// Choosing the best of many noisy estimates flatters it (the optimiser's
// curse): the reported interval of the best allocation against the
// baseline comes from fresh replications that played no part in the
// search. Ranking-and-selection procedures such as KN (Kim and Nelson,
// ACM TOMACS 11(3), 2001) or OCBA (Chen et al., 2000) would need every
// allocation listed in advance; the lattice here has millions.
//
// A budget file is TOML, read strictly (unknown keys, wrong types and
// values out of range are FILE:LINE: KEY: MSG errors): see budget.go and
// docs/OPTIMISE.md.
package optimise
