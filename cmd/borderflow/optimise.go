package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"time"

	"borderflow/optimise"
	"borderflow/plots"
	"borderflow/scenario"
)

const optimiseUsage = "SCENARIO|FILE -budget FILE [-seed S] [-workers W] [-out DIR] [-force] [-no-plots] [-quiet|-progress]"

var cmdOptimise = &command{
	name:  "optimise",
	usage: optimiseUsage,
	short: "spend an inspection budget (booths per shift, secondary staff, canine teams, portals) for the most seizures within wait limits",
	run:   runOptimise,
}

func runOptimise(ctx context.Context, a *app, args []string) error {
	fs := newFlags(a, "optimise", optimiseUsage)
	var budgetFile, out string
	var seed uint64
	var seedSet, force, noPlots, quiet, showProgress bool
	workers := runtime.GOMAXPROCS(0)
	fs.StringVar(&budgetFile, "budget", "", "TOML budget file: resources with costs and bounds, the objective, wait limits, total (docs/OPTIMISE.md)")
	fs.Func("seed", "master random seed (default: the scenario's)", func(s string) error {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil || v > math.MaxInt64 {
			return fmt.Errorf("want a whole number from 0 to %d (2^63−1), got %q", int64(math.MaxInt64), s)
		}
		seed, seedSet = v, true
		return nil
	})
	workersVar(fs, &workers, "replications of one allocation run side by side")
	fs.StringVar(&out, "out", "", "output folder (default out/optimise-SCENARIO)")
	fs.BoolVar(&force, "force", false, "replace an existing output folder")
	fs.BoolVar(&noPlots, "no-plots", false, "do not draw the trade-off chart")
	fs.BoolVar(&quiet, "quiet", false, "no progress on standard error")
	fs.BoolVar(&showProgress, "progress", false, "progress lines on standard error even when it is not a terminal (a line every 10 s)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		if len(pos) == 0 { // "got 0: []"
			return usagef("optimise: name one scenario, shipped (borderflow scenarios) or a file: borderflow optimise %s", optimiseUsage)
		}
		return usagef("optimise: want one scenario, got %d: %s", len(pos), strings.Join(pos, " "))
	}
	if budgetFile == "" {
		return usagef("optimise: -budget FILE is required (docs/OPTIMISE.md describes the file)")
	}
	if workers < 1 {
		return usagef("optimise: -workers must be at least 1, got %d", workers)
	}
	name, err := scenarioArg("optimise", pos)
	if err != nil {
		return err
	}
	sc, err := loadScenario(ctx, name, nil)
	if err != nil {
		return err
	}
	if seedSet {
		sc.Seed = seed
		if err := sc.Validate(); err != nil { // what the loader would refuse (a seed above 2^63−1)
			return &configError{err}
		}
	}
	b, err := optimise.ReadBudget(ctx, budgetFile)
	if errors.Is(err, scenario.ErrInterrupted) {
		return err
	}
	if err != nil {
		return inputFileError("-budget", err)
	}
	space, err := optimise.NewSpace(sc, b)
	if err != nil {
		return &configError{err}
	}
	dir, err := outFor(out, "optimise-"+sc.Name, force)
	if err != nil {
		return err
	}
	start := time.Now()
	prog := newCountProgress(a, progressOptions{Quiet: quiet, Force: showProgress}, "optimise", "allocations scored", 0)
	progress := func(n int) { prog.update(float64(n), 0) }
	res, err := optimise.Search(space, optimise.Options{Workers: workers, Stop: ctx.Done(), Progress: progress})
	prog.done()
	if errors.Is(err, optimise.ErrStopped) || (err == nil && ctx.Err() != nil) {
		return fmt.Errorf("interrupted: %s untouched", dir)
	}
	if err != nil {
		return err
	}
	wall := time.Since(start).Seconds()
	files, err := res.Files(wall)
	if err != nil {
		return err
	}
	if !noPlots {
		charts, err := plots.DrawOptimise(files)
		if err != nil {
			return fmt.Errorf("charts: %w", err)
		}
		for k, v := range charts {
			files[k] = v
		}
	}
	if err := writeOut(ctx, dir, force, files); err != nil {
		return err
	}
	stageDone()
	if err := res.Table(a.stdout, wall); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nresults in %s\n", dir)
	return nil
}
