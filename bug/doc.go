// Package bug carries a panic recovered inside borderflow as an error:
// the program's fault, not its input's, so the command line exits 3 for
// it (2 is a usage or input error, 1 a failed or interrupted run). A
// reader or a chart that recovers a panic returns Recovered's error, so
// one bad input cannot take a finished simulation down with it, and the
// exit code still tells a script that borderflow, not its input, failed.
package bug
