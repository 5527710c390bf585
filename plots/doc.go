// Package plots draws the charts of a run from its output files alone:
// summary.json, series.csv (or an older folder's hourly.csv), ports.csv,
// drugs.csv and, when the model wrote it, routes.csv (smugglers' route
// shares) — and, for a sweep, volume.csv and policies.csv. Because nothing else is read, "borderflow plot DIR"
// redraws a folder's charts without simulating again.
//
// Draw and DrawSweep return new files to add beside the inputs: each chart
// as a 1200-pixel-wide PNG and as an SVG of the same drawing, and an
// index.html that shows the summary table and every chart with no network
// and no script. A chart whose inputs are missing is left out, and so are
// the parts of summary.json the charts do not know. The output is a
// function of the input bytes: the same files give byte-identical charts
// (the fonts are compiled into gonum/plot, colours are keyed by name, no
// sum depends on the order of a map).
//
// The charts of a run (Draw):
//
//   - throughput: vehicles leaving each port per hour, stacked by port, one
//     panel per class, with the arrivals (demand) as a dashed line;
//   - waits: median and 95th-percentile wait for a primary booth by class,
//     and the 95th percentile by port (the eight busiest, and the title
//     says so when there are more), with the wait-pressure threshold. A
//     wait is counted in the bin in which it ends, at a booth; a bin in
//     which vehicles queued but none reached a booth is a shaded gap, never
//     a wait of zero. The y range follows the waits: a threshold above them
//     is named in the legend as above the waits shown;
//   - secondary: referrals, inspections and missed referrals (lot full)
//     per hour, and the secondary lot's occupancy by port;
//   - seizures: kilograms attempted and seized, by drug and by port;
//   - interdiction: the share of kilograms seized by port (with its 95%
//     interval over replications) and by drug;
//   - routes: the organisations' planned kilograms by port over time,
//     stacked to 100%, with staff surges marked;
//   - diversion: where the drivers who answered delay went, and by port
//     the vehicles diverted out and in, postponed and cancelled;
//   - response-waits: with series-no-response.csv (run
//     -response-counterfactual), the mean wait and the queue over time of
//     the lanes the response changed most, with it and without it.
//
// Time series longer than 500 bins are averaged into groups of hours,
// days or weeks. Surges (summary.json "surges") are marked on every time
// chart.
//
// The charts of a sweep (DrawSweep): volume (interdiction rate, share
// inspected and mean waits against the traffic multiple), targeting, and
// frontier and frontier-loads (kg, or loads, seized against delay cost,
// one labelled point per policy; an axis is logarithmic when the means
// span more than 100×, and no name overlaps another name or a point).
//
// Colours mean the same thing in every chart of a run: a port has one
// colour, a vehicle class one, a drug one; "other" (the ports beyond the
// eight busiest) is grey. Ports get their colours by rank (the ports the
// charts name first), from 18 colours at least ΔE 18 apart, so the ports
// one chart names are told apart at a glance. Lines that may coincide
// (ports, classes) also differ in dash and marker. Category names sit
// centred under their bars, wrapped, slanted only when a word does not
// fit. Legends sit in a column to the right of the panels, never over the
// data.
package plots
