package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"borderflow/border"
	"borderflow/report"
)

const runUsage = "[SCENARIO|FILE] [-set PATH=VALUE]... [-seed N] [-reps R] [-horizon DURATION] [-out DIR] [-force] [-workers W] [-no-plots] [-no-counterfactual] [-response-counterfactual] [-quiet|-progress]"

var cmdRun = &command{
	name:  "run",
	usage: runUsage,
	short: "run a scenario (the default one when none is named) and write its results and charts",
	run:   runRun,
}

type runFlags struct {
	set      overrideFlags
	out      string
	force    bool
	workers  int
	noPlots  bool
	noCF     bool
	respCF   bool // -response-counterfactual: response_cf.go
	quiet    bool
	progress bool
	prof     profileFlags
}

// parseRun reads run's command line: the flags and the scenario name.
func parseRun(a *app, args []string) (*runFlags, string, error) {
	fs := newFlags(a, "run", runUsage)
	f := &runFlags{}
	f.set.register(fs, "the scenario's")
	fs.StringVar(&f.out, "out", "", "output folder (default out/SCENARIO, or out/FILE for a file FILE.toml)")
	fs.BoolVar(&f.force, "force", false, "replace an existing output folder")
	f.workers = runtime.GOMAXPROCS(0)
	workersVar(fs, &f.workers, "goroutines for replications (and for ports within one replication)")
	fs.BoolVar(&f.noPlots, "no-plots", false, "do not draw charts")
	fs.BoolVar(&f.noCF, "no-counterfactual", false, "with surges, skip the counterfactual run without them (effects are then before against during)")
	fs.BoolVar(&f.respCF, "response-counterfactual", false, "with a [response], run the scenario again on the same seeds without it and chart the waits with and without (doubles the work)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress on standard error")
	fs.BoolVar(&f.progress, "progress", false, "progress lines on standard error even when it is not a terminal (a line every 10 s)")
	f.prof.register(fs.FlagSet)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return nil, "", err
	}
	if f.workers < 1 {
		return nil, "", usagef("run: -workers must be at least 1, got %d", f.workers)
	}
	name, err := scenarioArg("run", pos)
	if err != nil {
		return nil, "", err
	}
	return f, name, nil
}

func runRun(ctx context.Context, a *app, args []string) (err error) {
	f, name, err := parseRun(a, args)
	if err != nil {
		return err
	}
	stopProfile, err := f.prof.start()
	if err != nil {
		return err
	}
	// The profiles are kept only if the command succeeds (err is the
	// named result, set by every return).
	defer func() { stopProfile(a.stderr, err == nil) }()
	sc, err := loadScenario(ctx, name, f.set.list)
	if err != nil {
		return err
	}
	if f.respCF {
		if err := checkResponseCounterfactual(sc); err != nil {
			return err
		}
	}
	out, err := outFor(f.out, defaultOut(sc), f.force)
	if err != nil {
		return err
	}
	if err := stage(ctx, "simulate"); err != nil {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	// The output is written into a temporary folder as it is made (the
	// time series as the ports close their bins), renamed into place at
	// the end and removed if the run does not get there.
	o, err := openOut(out, f.force)
	if err != nil {
		return err
	}
	defer o.close()
	defer func() { err = o.explain(err) }()
	scratch, err := o.scratch()
	if err != nil {
		return err
	}

	start := time.Now()
	prog := newProgress(a, progressOptions{Quiet: f.quiet, Force: f.progress}, "simulated")
	// Each replication is folded into the outputs as it finishes, in
	// replication order, and dropped (report.Accumulator); its time series
	// goes to disk as the ports close its bins.
	acc := report.NewAccumulator(sc, sc.Replications)
	opt := border.Options{Workers: f.workers, Progress: prog.update, Stop: ctx.Done(), Series: acc.SpillSeries(scratch)}
	err = border.FoldReplications(sc, sc.Replications, f.workers, opt, foldInto(acc))
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
	if len(sc.Surges) > 0 && !f.noCF {
		// The counterfactual: the same scenario and seeds without the
		// surges, so that effects are paired differences (common random
		// numbers) rather than before against during.
		csc := *sc
		csc.Surges = nil
		prog := newProgress(a, progressOptions{Quiet: f.quiet, Force: f.progress}, "counterfactual")
		cfAcc := acc.Counterfactual(&csc)
		cfOpt := border.Options{Workers: f.workers, Progress: prog.update, Stop: ctx.Done(), Series: border.DiscardSeries}
		err = border.FoldReplications(&csc, sc.Replications, f.workers, cfOpt, foldInto(cfAcc))
		prog.done()
		if errors.Is(err, border.ErrStopped) {
			return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
		}
		if err != nil {
			return err
		}
	}
	var wr *noResponseRun
	if f.respCF {
		prog := newProgress(a, progressOptions{Quiet: f.quiet, Force: f.progress}, "without the response")
		wr, err = runWithoutResponse(sc, f.workers, border.Options{Workers: f.workers, Progress: prog.update, Stop: ctx.Done()}, scratch)
		prog.done()
		if errors.Is(err, border.ErrStopped) {
			return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
		}
		if err != nil {
			return err
		}
	}
	sum := acc.Summary()
	sum.WallSeconds = time.Since(start).Seconds()
	sum.Overrides = f.set.sets
	for _, msg := range sum.UnstableWarnings() {
		fmt.Fprintf(a.stderr, "borderflow: warning: %s\n", msg)
	}
	extra, err := responseCounterfactualOutputs(o, sc, sum, wr) // response_cf.go
	if err != nil {
		return err
	}
	files, err := runFiles(ctx, o, sc, acc, sum, extra, !f.noPlots)
	if err == nil {
		err = stage(ctx, "write")
	}
	if err == nil {
		err = o.writeAll(ctx, files)
	}
	if err == nil {
		err = o.commit(ctx)
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

// foldHook, when set (by tests), is called after each replication is
// folded with its number.
var foldHook func(rep int)

// foldInto returns the fold of a run's replications into acc.
func foldInto(acc *report.Accumulator) func(*border.Result) {
	return func(r *border.Result) {
		acc.Add(r)
		if foldHook != nil {
			foldHook(r.Replication)
		}
	}
}
