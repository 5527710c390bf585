// Package report turns replication results into what a user reads. Each
// replication's measures are computed once (Measure: by port, class, drug
// and method, summed in scenario order) and every output reads them: the
// summary (means over replications with range-aware 95% intervals, CI95),
// summary.json, the CSV files (ports.csv, series.csv, drugs.csv,
// drugs_total.csv, replications.csv, routes.csv), the terminal table and
// the sweep's metrics. A run folds its replications into an Accumulator
// one at a time, in replication order, and drops each: the outputs are
// made of running sums and small per-replication figures, the same bytes
// as summing every kept result. It knows nothing of how the numbers were simulated
// and writes nothing but bytes: the command line decides where they go.
// docs/OUTPUTS.md documents every file.
package report
