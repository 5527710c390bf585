// Package compare pairs two run folders of one scenario, run on the same
// seeds (common random numbers), and gives the paired difference B − A of
// every headline measure, per port and class and for the border as a
// whole, with its 95% paired-t interval: what `borderflow compare A B`
// prints and writes (compare.csv, compare.html).
//
// It reads only the files a run writes (summary.json for what was run,
// replications.csv for each replication's figures), so it knows nothing of
// the model. Two folders pair when they hold the same scenario, seed,
// replications, horizon and warm-up, and the same ports, classes and
// measures; otherwise Pair says why they do not.
package compare
