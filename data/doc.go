// Package data holds the reference data the model is calibrated from:
// BTS border-crossing counts, CBP seizure tables and the hand-compiled
// calibration facts, each as the CSV file beside this one (where each
// came from, when, and what was trimmed: PROVENANCE.md).
//
// The simulator never reads these files: the shipped scenarios in
// configs/ are generated from them (cmd/genconfigs) and the calibration
// tests compare the model against them. They are embedded so that a
// generator or a test finds them wherever it runs, on a fresh clone too.
package data
