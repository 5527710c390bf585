// Package plots draws the charts of a run from its output files alone:
// summary.json, hourly.csv, ports.csv, drugs.csv and, when the model wrote
// them, routes.csv (smugglers' route shares) — and, for a sweep, volume.csv
// and policies.csv. Because nothing else is read, "borderflow plot DIR"
// redraws a folder's charts without simulating again.
//
// Draw and DrawSweep return new files to add beside the inputs: each chart
// as a 1200-pixel-wide PNG and as an SVG of the same drawing, and an
// index.html that shows the summary table and every chart with no network
// and no script. The output is a function of the input bytes: the same
// files give byte-identical charts (the fonts are compiled in, colours are
// keyed by name, every map is walked in sorted order).
//
// Colours mean the same thing in every chart of a run: a port has one
// colour, a vehicle class one, a drug one; "other" (the ports beyond the
// eight busiest) is grey. Legends sit in a column to the right of the
// panels, never over the data.
package plots
