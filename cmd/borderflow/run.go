package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"borderflow/border"
	"borderflow/report"
	"borderflow/scenario"
)

const runUsage = "[SCENARIO|FILE] [-seed N] [-reps R] [-horizon DURATION] [-out DIR] [-force] [-workers W] [-no-plots] [-no-counterfactual] [-quiet]"

var cmdRun = &command{
	name:  "run",
	usage: runUsage,
	short: "run a scenario (the default one when none is named) and write its results and charts",
	run:   runRun,
}

type runFlags struct {
	seed    uint64
	seedSet bool
	reps    int
	horizon string
	out     string
	force   bool
	workers int
	noPlots bool
	noCF    bool
	quiet   bool
	prof    profileFlags
}

// parseRun reads run's command line: the flags and the scenario name.
func parseRun(a *app, args []string) (*runFlags, string, error) {
	fs := newFlags(a, "run", runUsage)
	f := &runFlags{}
	fs.Func("seed", "master random seed (default: the scenario's)", func(s string) error {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("want a non-negative integer, got %q", s)
		}
		f.seed, f.seedSet = n, true
		return nil
	})
	fs.Func("reps", "replications (default: the scenario's)", func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1_000_000 {
			return fmt.Errorf("want a whole number of replications from 1 to 1000000, got %q", s)
		}
		f.reps = n
		return nil
	})
	fs.StringVar(&f.horizon, "horizon", "", "simulated time after warm-up, with a unit: 7d, 12h, 365d (default: the scenario's)")
	fs.StringVar(&f.out, "out", "", "output folder (default out/SCENARIO)")
	fs.BoolVar(&f.force, "force", false, "replace an existing output folder")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "goroutines for replications (and for ports within one replication)")
	fs.BoolVar(&f.noPlots, "no-plots", false, "do not draw charts")
	fs.BoolVar(&f.noCF, "no-counterfactual", false, "with surges, skip the counterfactual run without them (effects are then before against during)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress on standard error")
	f.prof.register(fs.FlagSet)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return nil, "", err
	}
	if len(pos) > 1 {
		return nil, "", usagef("run: want at most one scenario, got %d: %v", len(pos), pos)
	}
	if f.workers < 1 {
		return nil, "", usagef("run: -workers must be at least 1, got %d", f.workers)
	}
	name := scenario.Default
	if len(pos) == 1 {
		name = pos[0]
	}
	return f, name, nil
}

func runRun(ctx context.Context, a *app, args []string) error {
	f, name, err := parseRun(a, args)
	if err != nil {
		return err
	}
	stopProfile, err := f.prof.start()
	if err != nil {
		return err
	}
	defer stopProfile(a.stderr)
	sc, err := scenario.Resolve(name)
	if err != nil {
		return &configError{err}
	}
	if err := applyOverrides(sc, f); err != nil {
		return err
	}
	out, err := outFor(f.out, sc.Name, f.force)
	if err != nil {
		return err
	}
	if err := stage(ctx, "simulate"); err != nil {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}

	start := time.Now()
	prog := newProgress(a, progressOptions{Quiet: f.quiet}, "simulated")
	opt := border.Options{Workers: f.workers, Progress: prog.update, Stop: ctx.Done()}
	results, err := border.RunReplications(sc, sc.Replications, f.workers, opt)
	prog.done()
	if errors.Is(err, border.ErrStopped) {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	if err != nil {
		return err
	}
	if err := stage(ctx, "summarize"); err != nil {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	var cf []*border.Result
	if len(sc.Surges) > 0 && !f.noCF {
		// The counterfactual: the same scenario and seeds without the
		// surges, so that effects are paired differences (common random
		// numbers) rather than before against during.
		csc := *sc
		csc.Surges = nil
		prog := newProgress(a, progressOptions{Quiet: f.quiet}, "counterfactual")
		cf, err = border.RunReplications(&csc, sc.Replications, f.workers, border.Options{Workers: f.workers, Progress: prog.update, Stop: ctx.Done()})
		prog.done()
		if errors.Is(err, border.ErrStopped) {
			return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
		}
		if err != nil {
			return err
		}
	}
	sum := report.Summarize(sc, results)
	sum.Counterfactual = cf
	sum.WallSeconds = time.Since(start).Seconds()
	files, err := runFiles(ctx, sc, results, sum, !f.noPlots)
	if err == nil {
		err = writeOut(ctx, out, f.force, files)
	}
	if errors.Is(err, errInterrupted) {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	if err != nil {
		return err
	}
	stageDone()
	if err := sum.Table(a.stdout); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "results in %s\n", out)
	return nil
}

// applyOverrides applies the command-line flags to the scenario.
func applyOverrides(sc *scenario.Scenario, f *runFlags) error {
	if f.seedSet {
		sc.Seed = f.seed
	}
	if f.reps > 0 {
		sc.Replications = f.reps
	}
	if f.horizon != "" {
		h, err := scenario.ParseDuration(f.horizon)
		if err != nil {
			return usagef("run: -horizon: %v", err)
		}
		if h <= 0 || h > scenario.MaxHorizon {
			return usagef("run: -horizon must be positive and at most a century, got %q", f.horizon)
		}
		if sc.BinWidth > 0 && h/sc.BinWidth > scenario.MaxBins {
			return usagef("run: -horizon %s makes %.0f time bins of %s (at most %g)", f.horizon, h/sc.BinWidth,
				scenario.FormatDuration(sc.BinWidth), float64(scenario.MaxBins))
		}
		sc.Horizon = h
	}
	// The flags end where the file's keys do: in the scenario's own checks.
	if err := sc.Validate(); err != nil {
		return &configError{err}
	}
	return nil
}
