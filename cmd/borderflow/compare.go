package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"borderflow/compare"
)

const compareUsage = "A B [-out DIR] [-force]"

var cmdCompare = &command{
	name:  "compare",
	usage: compareUsage,
	short: "pair two run folders of one scenario and seeds: B − A for each measure, per port and class, with 95% intervals",
	run:   runCompare,
}

func runCompare(ctx context.Context, a *app, args []string) error {
	fs := newFlags(a, "compare", compareUsage)
	var out string
	var force bool
	fs.StringVar(&out, "out", "", "output folder for compare.csv and compare.html (default out/compare-A-B)")
	fs.BoolVar(&force, "force", false, "replace an existing output folder")
	dirs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) != 2 {
		return usagef("compare: name two run folders, A and B (got %d): borderflow compare out/a out/b", len(dirs))
	}
	var runs [2]*compare.Run
	for i, d := range dirs {
		if runs[i], err = compare.Read(d); err != nil {
			return usagef("compare: %v", err)
		}
	}
	c, err := compare.Pair(runs[0], runs[1])
	var np *compare.NotPaired
	if errors.As(err, &np) {
		return usagef("compare: %v", err)
	}
	if err != nil {
		return err
	}
	name := "compare-" + filepath.Base(filepath.Clean(dirs[0])) + "-" + filepath.Base(filepath.Clean(dirs[1]))
	// Checked before the output folder's own checks, as merge does: with
	// -force a run being compared would be replaced by the comparison.
	if err := holdsInput("compare", "the run folders being compared", cmp.Or(out, filepath.Join("out", name)), dirs); err != nil {
		return err
	}
	out, err = outFor(out, name, force)
	if err != nil {
		return err
	}
	page, err := c.HTML()
	if err != nil {
		return err
	}
	files := map[string][]byte{"compare.csv": c.CSV(), "compare.html": page}
	if err := writeOut(ctx, out, force, files); err != nil {
		if errors.Is(err, errInterrupted) {
			return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
		}
		return err
	}
	stageDone()
	if err := c.Table(a.stdout); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nresults in %s\n", out)
	return nil
}
