// Package configs holds the shipped scenarios as TOML files, embedded in
// the binary so that `borderflow run` works with no file at hand. Package
// scenario reads them by name (scenario.Embedded, scenario.EmbeddedNames);
// docs/SCENARIOS.md describes each one.
//
// eagle-pass, roma, laredo, southwest-border, operation-intercept,
// texas-dps-2022, border-closure and slowdown-1985 are generated from the reference data
// in data/ by cmd/genconfigs (`make
// configs` or `go generate ./configs/`); edit the generator
// (cmd/genconfigs/gen.go), not the files.
package configs

//go:generate go run ../cmd/genconfigs -o .

import "embed"

// FS holds every *.toml file of this folder. A scenario's name is its file
// name without ".toml".
//
//go:embed *.toml
var FS embed.FS
