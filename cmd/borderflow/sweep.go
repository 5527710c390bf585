package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"borderflow/plots"
	"borderflow/scenario"
	"borderflow/sweep"
)

const sweepUsage = "[SCENARIO|FILE] [-sweep NAME | -policies FILE] [-set PATH=VALUE]... [-reps N] [-seed S] [-horizon DURATION] [-workers W] [-shard I/N] [-out DIR] [-force] [-resume] [-no-plots] [-quiet|-progress]"

var cmdSweep = &command{
	name:  "sweep",
	usage: sweepUsage,
	short: "benchmark inspection policies: every policy × replication with common random numbers",
	run:   runSweep,
}

// sweepAfterRecord, when set (by tests), is called after each pair is
// recorded in the journal with the number of pairs done.
var sweepAfterRecord func(done int)

// fewRepsWarning says what a sweep of fewer than minSweepReps
// replications per policy gives up.
func fewRepsWarning(n int) string {
	if n < 2 {
		return fmt.Sprintf("%d replication per policy: no intervals (a paired interval needs at least 2; %d make it useful)", n, minSweepReps)
	}
	return fmt.Sprintf("%d replications per policy: the 95%% intervals from fewer than %d are wide and rest on the t distribution's tails", n, minSweepReps)
}

// minSweepReps is the default number of replications when the scenario
// asks for fewer: a paired interval needs at least two, and ten make it
// useful.
const minSweepReps = 10

type sweepFlags struct {
	sweep    string
	policies string
	set      overrideFlags
	workers  int
	shard    string
	out      string
	force    bool
	resume   bool
	noPlots  bool
	quiet    bool
	progress bool
}

func runSweep(ctx context.Context, a *app, args []string) (err error) {
	fs := newFlags(a, "sweep", sweepUsage)
	var f sweepFlags
	var prof profileFlags
	prof.register(fs.FlagSet)
	fs.StringVar(&f.sweep, "sweep", "", "built-in sweep: "+strings.Join(sweep.SweepNames, ", ")+" (default policies)")
	fs.StringVar(&f.policies, "policies", "", "TOML file of policies to compare (the first is the baseline)")
	f.set.register(fs, fmt.Sprintf("the scenario's, at least %d", minSweepReps)) // -set, -seed, -reps, -horizon
	f.workers = runtime.GOMAXPROCS(0)
	workersVar(fs, &f.workers, "replications run side by side")
	fs.StringVar(&f.shard, "shard", "", "run only shard I of N (I/N); N alone takes I from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID")
	fs.StringVar(&f.out, "out", "", "output folder (default out/SWEEP-SCENARIO, or out/SWEEP-SCENARIO.shard-I-of-N)")
	fs.BoolVar(&f.force, "force", false, "replace an existing output folder (and discard an unfinished sweep's journal)")
	fs.BoolVar(&f.resume, "resume", false, "continue an interrupted sweep from the pairs recorded in OUT.partial")
	fs.BoolVar(&f.noPlots, "no-plots", false, "do not draw charts")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress on standard error")
	fs.BoolVar(&f.progress, "progress", false, "progress lines on standard error even when it is not a terminal (a line every 10 s)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	stopProfile, err := prof.start()
	if err != nil {
		return err
	}
	// The profiles are kept only if the command succeeds (err is the
	// named result, set by every return).
	defer func() { stopProfile(a.stderr, err == nil) }()
	if f.sweep != "" && f.policies != "" {
		return usagef("sweep: give -sweep NAME or -policies FILE, not both")
	}
	if f.workers < 1 {
		return usagef("sweep: -workers must be at least 1, got %d", f.workers)
	}
	shard, shards, err := parseShard(f.shard)
	if err != nil {
		return err
	}
	name, err := scenarioArg("sweep", pos)
	if err != nil {
		return err
	}
	sc, err := loadScenario(ctx, name, f.set.list)
	if err != nil {
		return err
	}
	if !f.set.reps {
		sc.Replications = max(sc.Replications, minSweepReps)
	}
	if sc.Replications < minSweepReps {
		fmt.Fprintf(a.stderr, "borderflow: warning: %s\n", fewRepsWarning(sc.Replications))
	}

	sweepName := f.sweep
	var policies []sweep.Policy
	if f.policies != "" {
		pf, err := sweep.ReadPolicies(ctx, f.policies)
		if errors.Is(err, scenario.ErrInterrupted) {
			return err
		}
		if err != nil {
			return inputFileError("-policies", err)
		}
		sweepName, policies = pf.Name, pf.Policies
	} else {
		if sweepName == "" {
			sweepName = sweep.SweepNames[0]
		}
		if policies, err = sweep.Builtin(sweepName); err != nil {
			return usagef("sweep: %v", err)
		}
	}
	if err := sweep.CheckPairs(sc.Replications, len(policies)); err != nil {
		return usagef("sweep: %v", err)
	}
	plan, err := sweep.NewPlan(sweepName, sc, policies)
	if err != nil {
		var se *scenario.Error
		if errors.As(err, &se) {
			return &configError{err}
		}
		return usagef("sweep: %v", err)
	}
	plan.Manifest.Overrides = f.set.sets // manifest.json says what -set changed
	m := plan.Shard(shard, shards)

	outName := sweepName + "-" + defaultOut(sc)
	if shards > 1 {
		outName += fmt.Sprintf(".shard-%d-of-%d", shard, shards)
	}
	// Refuse before simulating, not after an hour of work.
	out, err := outFor(f.out, outName, f.force)
	if err != nil {
		return err
	}
	work := out + ".partial"
	if err := sweep.CheckJournal(work); err != nil {
		return usagef("%v", err) // whatever -force says: it is not ours to delete
	}
	if err := sweep.InUse(work); err != nil {
		return err // not "interrupted": the other sweep is running
	}
	if _, err := os.Stat(work); err == nil && !f.resume && !f.force {
		return usagef("%s holds the finished pairs of an interrupted sweep: add -resume to continue it or -force to start over", work)
	} else if errors.Is(err, os.ErrNotExist) && f.resume {
		// Said, not refused (a script may always pass -resume), so that
		// a mistyped -out is not a silent start from the first pair.
		fmt.Fprintf(a.stderr, "borderflow: -resume: there is no unfinished sweep in %s: starting from the first pair\n", work)
	}
	journal, done, err := sweep.OpenJournal(ctx, work, &m, f.resume)
	var mismatch *sweep.MismatchError
	if errors.As(err, &mismatch) {
		return usagef("%v", err) // -resume of another sweep: the command line's mistake
	}
	if err != nil {
		return err
	}
	defer journal.Close()

	prog := newCountProgress(a, progressOptions{Quiet: f.quiet, Force: f.progress}, "sweep", "pairs", float64(len(done)))
	var mu sync.Mutex
	finished := len(done)
	recs, err := plan.Run(sweep.RunOptions{
		Workers: f.workers, Shard: shard, Shards: shards, Done: done, Stop: ctx.Done(),
		Progress: func(d float64, total int) { prog.update(d, float64(total)) },
		OnRecord: func(r sweep.Record) error {
			if err := journal.Append(r); err != nil {
				return fmt.Errorf("recording a finished pair in %s: %w", work, err)
			}
			mu.Lock()
			finished++
			n := finished
			mu.Unlock()
			if sweepAfterRecord != nil {
				sweepAfterRecord(n)
			}
			return nil
		},
	})
	prog.done()
	if err == nil && ctx.Err() != nil {
		err = sweep.ErrStopped
	}
	if errors.Is(err, sweep.ErrStopped) {
		return fmt.Errorf("interrupted: %d of %d pairs finished and kept in %s (add -resume to continue); %s untouched",
			finished, m.Pairs, work, out)
	}
	if err != nil {
		return err
	}
	// From here every pair is in the journal: an interrupted write loses
	// nothing but the writing.
	kept := func(err error) error {
		if errors.Is(err, errInterrupted) {
			return fmt.Errorf("interrupted: all %d pairs finished and kept in %s (add -resume to write the output); %s untouched",
				m.Pairs, work, out)
		}
		return err
	}
	if err := stage(ctx, "summarize"); err != nil {
		return kept(err)
	}

	if shards > 1 {
		if err := writeOut(ctx, out, f.force, sweep.PartFiles(&m, recs)); err != nil {
			return kept(err)
		}
		stageDone()
		if err := journal.Remove(); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "shard %d/%d of the %s sweep of %s: %d pairs in %s\nmerge the shards with: borderflow merge DIR... -out OUT\n",
			shard, shards, sweepName, sc.Name, len(recs), out)
		return nil
	}
	res, err := sweep.Collect(m, recs)
	if err != nil {
		return err
	}
	if err := writeSweep(ctx, a, out, f.force, res, !f.noPlots); err != nil {
		return kept(err)
	}
	return journal.Remove()
}

// writeSweep writes a whole sweep's files (and charts) and prints its
// ranked table: what sweep and merge both end with.
func writeSweep(ctx context.Context, a *app, out string, force bool, res *sweep.Results, charts bool) error {
	files, err := res.Files()
	if err != nil {
		return err
	}
	sweep.AddSums(files) // the folder is shard 0 of 1: merge can check it
	if err := stage(ctx, "charts"); err != nil {
		return err
	}
	if charts {
		if err := addCharts(ctx, files, plots.DrawSweepContext); err == errInterrupted {
			return err
		} else if err != nil {
			return fmt.Errorf("charts: %w", err)
		}
	}
	if err := writeOut(ctx, out, force, files); err != nil {
		return err
	}
	stageDone()
	for p, pol := range res.Manifest.Policies {
		if res.Unstable(p) {
			fmt.Fprintf(a.stderr, "borderflow: warning: policy %s overloaded a lane (unstable): on average over its replications the vehicles still inside at the end exceed the level of the rule (docs/OUTPUTS.md): a queue still growing, or hours long, so its waits and delay cost may depend on the horizon (policies.csv, unstable_excess)\n", pol.Name)
		} else if n := res.CrossedIn(p); n > 0 {
			fmt.Fprintf(a.stderr, "borderflow: note: policy %s: a lane ended above the unstable level in %d of %d replications, but not on average over them, so the policy is not marked unstable (policies.csv, unstable_lanes and unstable_excess)\n", pol.Name, n, res.Manifest.Replications)
		}
	}
	// The files are whole by now: a reader that has gone (sweep | head)
	// loses the rest of the table, not the sweep.
	if err := res.Table(a.stdout); err != nil && !errors.Is(err, syscall.EPIPE) {
		return err
	}
	fmt.Fprintf(a.stdout, "\nresults in %s\n", out)
	return nil
}

// parseShard reads -shard: "I/N", or "N" with I from the environment of
// a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm job array
// (SLURM_ARRAY_TASK_ID). "" is the whole sweep (0 of 1).
func parseShard(s string) (i, n int, err error) {
	if s == "" {
		return 0, 1, nil
	}
	is, ns, hasIndex := strings.Cut(s, "/")
	from := "" // where the index came from, for a message
	if !hasIndex {
		ns = is
		is = ""
		for _, v := range []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"} {
			if x := os.Getenv(v); x != "" {
				is, from = x, " (from "+v+")"
				break
			}
		}
		if is == "" {
			return 0, 0, usagef("sweep: -shard %s: give the index as -shard I/%s, or run as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array task (SLURM_ARRAY_TASK_ID)", s, s)
		}
	}
	n, err = strconv.Atoi(strings.TrimSpace(ns))
	if err != nil || n < 1 {
		return 0, 0, usagef("sweep: -shard %s: the number of shards must be a whole number ≥ 1", s)
	}
	i, err = strconv.Atoi(strings.TrimSpace(is))
	if err != nil || i < 0 || i >= n {
		return 0, 0, usagef("sweep: -shard %s: the shard index %q%s must be a whole number from 0 to %d", s, is, from, n-1)
	}
	return i, n, nil
}
