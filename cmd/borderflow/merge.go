package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"borderflow/sweep"
)

const mergeUsage = "DIR... [-out DIR] [-force] [-no-plots]"

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
	fs.StringVar(&out, "out", "", "output folder (default out/SWEEP-SCENARIO)")
	fs.BoolVar(&force, "force", false, "replace an existing output folder")
	fs.BoolVar(&noPlots, "no-plots", false, "do not draw charts")
	dirs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usagef("merge: name the output folders of the shards to merge")
	}
	var parts []*sweep.Part
	for _, d := range dirs {
		p, err := sweep.ReadPart(d)
		if err != nil {
			return usagef("merge: %v", err)
		}
		parts = append(parts, p)
	}
	res, err := sweep.Merge(parts)
	if err != nil {
		return usagef("merge: %v", err)
	}
	out, err = outFor(out, res.Manifest.Sweep+"-"+res.Manifest.Scenario, force)
	if err != nil {
		return err
	}
	for _, d := range dirs {
		// -force would replace a shard with the merge: refused, the
		// shard is the only copy of its pairs.
		if sameDir(d, out) {
			return usagef("merge: -out %s is one of the shards being merged: choose another folder", out)
		}
	}
	err = writeSweep(ctx, a, out, force, res, !noPlots)
	if errors.Is(err, errInterrupted) {
		return fmt.Errorf("interrupted: nothing written (%s untouched)", out)
	}
	return err
}

// sameDir reports whether a and b name the same existing folder.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
