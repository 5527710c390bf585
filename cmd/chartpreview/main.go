// Command chartpreview draws the charts of synthetic runs and a synthetic
// sweep (internal/chartsynth) into a folder, with the files they were
// drawn from, to look at while working on package plots:
//
//	go run ./cmd/chartpreview /tmp/charts
//
// It writes one folder per case: one (a port, a day), two (two ports, a
// week, intervals, routes), many (twelve ports, thirty days) and sweep.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"borderflow/internal/chartsynth"
	"borderflow/plots"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: chartpreview DIR")
		os.Exit(2)
	}
	if err := preview(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "chartpreview:", err)
		os.Exit(1)
	}
}

func preview(dir string) error {
	cases := map[string]map[string][]byte{
		"one":   chartsynth.Run(1, 24, true, false, false),
		"two":   chartsynth.Run(2, 7*24, true, true, true),
		"many":  chartsynth.Run(12, 30*24, true, true, true),
		"sweep": chartsynth.Sweep(),
	}
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		files := cases[name]
		draw := plots.Draw
		if name == "sweep" {
			draw = plots.DrawSweep
		}
		charts, err := draw(files)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out := filepath.Join(dir, name)
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
		for _, set := range []map[string][]byte{files, charts} {
			for n, b := range set {
				if err := os.WriteFile(filepath.Join(out, n), b, 0o644); err != nil {
					return err
				}
			}
		}
		fmt.Printf("%s: %d files in %s\n", name, len(files)+len(charts), out)
	}
	return nil
}
