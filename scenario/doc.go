// Package scenario decodes and checks borderflow's TOML scenarios into a
// typed Scenario with every unit resolved: durations in simulated seconds,
// volumes in vehicles per second, profiles normalised to mean 1, names
// turned into indices. The model (border, ports, traffic) reads only the
// Scenario; docs/SCENARIOS.md documents the TOML keys.
//
// Entry points:
//
//   - Load(path) reads a file, Parse(name, data) reads bytes;
//   - Embedded(name), EmbeddedNames() and Describe(name) give the shipped
//     scenarios of package configs; Default names the one to run when none
//     is given;
//   - Resolve(arg) turns a command-line argument into a scenario: a shipped
//     name, else a file path; Open(ctx, arg) reads it (with the size limit
//     enforced while reading, stopping when ctx is done) into a Source, and
//     Source.Decode(overrides...) applies -set overrides (ParseSet) to the
//     TOML document before decoding it (override.go);
//   - (*Scenario).Validate checks every rule the model relies on
//     (validate.go, limits.go): the decoder ends in it, and so must any code
//     that builds or changes a Scenario (a sweep's policies do);
//     (*Scenario).Clone is a deep copy to change;
//   - Hour, Day, Week and LoadsPerVehicle are the time units and the one
//     loads-per-vehicle formula of the model (units.go);
//   - ReadDoc exports the strict TOML reading (strict.go) for other files
//     of borderflow (sweep's policies files);
//   - ParseDuration and FormatDuration read and write durations ("90s",
//     "45m", "2h", "7d", "1w") for flags.
//
// A scenario with problems is refused as a whole: the error is an Errors
// list with every problem found, each an *Error printed as
// FILE:LINE: KEY: MSG, with the dotted key path (port[2].lane.truck.booths)
// and the line found by a small scanner of the source (lines.go). Unknown
// keys are errors, with a "did you mean" when a valid key is close.
//
// The decoder (toml.go) has one function per section of the file —
// settings, concealments, classes, drugs, profiles, ports (with methods and
// lanes), loads, surges, organisations — reading tables through checked
// accessors (table.go) that record which keys they asked for; a key no
// accessor asked for is unknown. A new section is a new function called
// from decoder.decode.
package scenario
