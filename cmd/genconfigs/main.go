// Command genconfigs writes the data-driven shipped scenarios
// (configs/eagle-pass.toml, roma, laredo, southwest-border,
// operation-intercept, texas-dps-2022, border-closure, slowdown-1985)
// from the reference data in data/ and the
// assumptions in gen.go. Run it with `make configs` or `go generate
// ./configs/`; TestShippedConfigsUpToDate checks that the committed files
// are what it writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	dir := flag.String("o", "configs", "folder to write the generated .toml files into")
	fit := flag.String("fit", "", "fit the lanes' staffing to data/published_waits.csv and write the fit to this CSV file (data/staffing_fit.csv) instead of generating")
	year := flag.String("year", "", "with -fit: the ports.csv of a year of southwest-border staffed by the fit in the -fit file, to correct each lane's 28-day target by what the year made of it")
	fitYear := flag.String("fit-year", "", "with -fit: fit these lanes (PORT/CLASS,...) again, each on a year of southwest-border, and rewrite their rows of the -fit file")
	fitTripsTo := flag.String("fit-trips", "", "run years of southwest-border and write each lane's trips, net of the drivers the response diverts, so that its crossings match BTS 2024, to this CSV file (data/trips_fit.csv) instead of generating")
	fitDetect := flag.String("fit-detection", "", "run a year of southwest-border and write, by drug, its seizure events over the targeting fit's baseline count to this CSV file (data/detection_fit.csv) instead of generating")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genconfigs [-o folder] [-fit data/staffing_fit.csv [-year ports.csv | -fit-year PORT/CLASS,...]] [-fit-detection data/detection_fit.csv] [-fit-trips data/trips_fit.csv]")
		os.Exit(2)
	}
	if *fitTripsTo != "" {
		if err := fitTrips(*fitTripsTo); err != nil {
			fmt.Fprintln(os.Stderr, "genconfigs:", err)
			os.Exit(1)
		}
		return
	}
	if *fitDetect != "" {
		if err := fitDetectionBySimulation(*fitDetect); err != nil {
			fmt.Fprintln(os.Stderr, "genconfigs:", err)
			os.Exit(1)
		}
		return
	}
	if *fit != "" && *fitYear != "" {
		if err := fitOnYear(*fit, *fitYear); err != nil {
			fmt.Fprintln(os.Stderr, "genconfigs:", err)
			os.Exit(1)
		}
		return
	}
	if *fit != "" {
		if err := fitStaffing(*fit, *year); err != nil {
			fmt.Fprintln(os.Stderr, "genconfigs:", err)
			os.Exit(1)
		}
		return
	}
	files, err := generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "genconfigs:", err)
		os.Exit(1)
	}
	if err := write(*dir, files); err != nil {
		fmt.Fprintln(os.Stderr, "genconfigs:", err)
		os.Exit(1)
	}
}

// write puts each file in dir as <name>.toml, each whole: it is written to
// a temporary file first and renamed over the old one.
func write(dir string, files map[string]string) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name+".toml")
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(files[name]), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	return nil
}
