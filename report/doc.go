// Package report turns replication results into what a user reads: the
// summary (means over replications with 95% confidence intervals),
// summary.json, the CSV files (ports.csv, series.csv, drugs.csv) and the
// terminal table. It knows nothing of how the numbers were simulated and
// writes nothing but bytes: the command line decides where they go.
package report
