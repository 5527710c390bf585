package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"borderflow/infile"
	"borderflow/scenario"
	"borderflow/sweep"
)

const mergeUsage = "DIR... [-out DIR] [-force] [-no-plots] [-wait DURATION]"

var cmdMerge = &command{
	name:  "merge",
	usage: mergeUsage,
	short: "combine the shards of a sweep (sweep -shard I/N) into the files one machine would write",
	run:   runMerge,
}

func runMerge(ctx context.Context, a *app, args []string) error {
	fs := newFlags(a, "merge", mergeUsage)
	var out string
	var force, noPlots bool
	var wait time.Duration
	fs.StringVar(&out, "out", "", "output folder (default out/SWEEP-SCENARIO)")
	fs.BoolVar(&force, "force", false, "replace an existing output folder")
	fs.BoolVar(&noPlots, "no-plots", false, "do not draw charts")
	fs.Var((*waitValue)(&wait), "wait", "wait up to this long for every shard's folder to appear (a shard's folder appears when it has finished): a merge started with its shards, as deploy/k8s does; with a unit, 30m, 2h, 1d")
	dirs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge: name the output folders of the shards to merge")
	}
	if wait < 0 {
		return usagef("merge: -wait %v: give a duration ≥ 0 (0 = do not wait)", wait)
	}
	if wait > 0 {
		if err := waitForShards(ctx, a, dirs, wait); err != nil {
			return err
		}
	}
	var parts []*sweep.Part
	for _, d := range dirs {
		p, err := sweep.ReadPart(ctx, d)
		if errors.Is(err, infile.ErrInterrupted) {
			return err
		}
		if err != nil {
			return usagef("merge: %v", err)
		}
		parts = append(parts, p)
	}
	res, err := sweep.Merge(parts)
	if err != nil {
		return usagef("merge: %v", err)
	}
	name := res.Manifest.Sweep + "-" + res.Manifest.Scenario
	// Checked before the output folder's own checks, whose refusal of
	// the folder's unproven files would not say why they matter.
	if err := holdsShard(out, name, dirs); err != nil {
		return err
	}
	out, err = outFor(out, name, force)
	if err != nil {
		return err
	}
	return mergeInto(ctx, a, out, force, noPlots, res, dirs)
}

// holdsShard refuses an output folder that holds one of the shards (or
// is one): -force would replace it (merge res/part-* -out res), and the
// shard is the only copy of its pairs.
func holdsShard(out, name string, dirs []string) error {
	if out == "" {
		out = filepath.Join("out", name)
	}
	return holdsInput("merge", "the shards being merged", out, dirs)
}

// holdsInput refuses an output folder that is one of a command's input
// folders dirs, or holds one: -force would replace it (compare a b -out a
// -force deleted the run a), and the output is made from it.
func holdsInput(cmd, what, out string, dirs []string) error {
	out = filepath.Clean(out)
	for _, d := range dirs {
		if sameDir(d, out) {
			return usagef("%s: -out %s is one of %s: choose another folder", cmd, out, what)
		}
		if holds(out, d) {
			return usagef("%s: -out %s holds %s, one of %s, which -force would delete: choose another folder", cmd, out, d, what)
		}
	}
	return nil
}

// mergeInto writes the merged sweep into out, checking once more (out is
// now cleaned, and may be reached by a symbolic link) that it holds no
// shard.
func mergeInto(ctx context.Context, a *app, out string, force, noPlots bool, res *sweep.Results, dirs []string) error {
	if err := holdsShard(out, "", dirs); err != nil {
		return err
	}
	err := writeSweep(ctx, a, out, force, res, !noPlots)
	if errors.Is(err, errInterrupted) {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	return err
}

// holds reports whether the existing folder dir holds path, at any depth,
// also through symbolic links.
func holds(dir, path string) bool {
	a, err1 := filepath.Abs(dir)
	b, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	if _, err := os.Stat(a); err != nil {
		return false
	}
	return contains(a, b)
}

// sameDir reports whether a and b name the same existing folder.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// shardWaiting, when set, is told the folders still missing at each look
// (tests use it to act between two looks without sleeping).
var shardWaiting func(missing []string)

// shardPoll is how often merge -wait looks for the shards' folders; a
// variable so that tests need not wait as long.
var shardPoll = 15 * time.Second

// waitForShards returns when every folder in dirs exists, or fails when
// limit has passed or the command is interrupted. A sweep writes its shard
// into DIR.partial and renames it to DIR only when it has finished, so a
// folder that exists is a finished shard (merge then checks it whole).
func waitForShards(ctx context.Context, a *app, dirs []string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	announced := time.Time{}
	for {
		var missing []string
		for _, d := range dirs {
			if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
				missing = append(missing, d)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		if shardWaiting != nil {
			shardWaiting(missing)
		}
		now := time.Now()
		if !now.Before(deadline) {
			return fmt.Errorf("merge: waited %v, and %d of %d shards have not finished: %s", limit, len(missing), len(dirs), strings.Join(missing, ", "))
		}
		if now.Sub(announced) >= time.Minute {
			fmt.Fprintf(a.stderr, "merge: waiting for %d of %d shards (%s)\n", len(missing), len(dirs), strings.Join(missing, ", "))
			announced = now
		}
		t := time.NewTimer(min(shardPoll, deadline.Sub(now)))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("interrupted while waiting for the shards: nothing written")
		case <-t.C:
		}
	}
}

// waitValue is merge's -wait, written as a scenario's durations are
// (30m, 2h, 1d): Go's own duration flag took no days and said only
// "parse error".
type waitValue time.Duration

// maxWait bounds -wait: a sweep's shards do not take a year.
const maxWait = 365 * 24 * time.Hour

func (w *waitValue) String() string { return time.Duration(*w).String() }

func (w *waitValue) Set(s string) error {
	if strings.TrimSpace(s) == "0" { // no wait, as Go's flag took it
		*w = 0
		return nil
	}
	sec, err := scenario.ParseDuration(s)
	if err != nil {
		return err
	}
	if sec*float64(time.Second) > float64(maxWait) {
		return fmt.Errorf("at most 365d, got %s", s)
	}
	*w = waitValue(time.Duration(sec * float64(time.Second)))
	return nil
}
