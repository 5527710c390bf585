package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShardsMergeToSameBytes(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-workers", "2", "-out", p("whole"))...)
	var parts []string
	for i := 0; i < 4; i++ {
		part := p("part-" + string(rune('0'+i)))
		if i == 2 {
			// "-shard N" takes the index from a Kubernetes Indexed Job.
			t.Setenv("JOB_COMPLETION_INDEX", "2")
			mustSweep(t, sweepArgs("-shard", "4", "-out", part)...)
		} else {
			mustSweep(t, sweepArgs("-shard", string(rune('0'+i))+"/4", "-out", part)...)
		}
		parts = append(parts, part)
	}
	out := mustSweep(t, append(append([]string{"merge"}, parts...), "-out", p("merged"), "-no-plots")...)
	sweepSameFolders(t, p("whole"), p("merged"))
	if !strings.Contains(out, "targeted-good") {
		t.Errorf("merge prints no table:\n%s", out)
	}
	// A whole sweep is shard 0 of 1: merging it alone gives it back.
	mustSweep(t, "merge", p("whole"), "-out", p("again"), "-no-plots")
	sweepSameFolders(t, p("whole"), p("again"))

	// Missing and duplicated shards are refused.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"merge", parts[0], parts[1], parts[3], "-out", p("x")}, "missing shard(s) 2/4"},
		{[]string{"merge", parts[0], parts[1], parts[2], parts[3], parts[1], "-out", p("x")}, "are both shard 1/4"},
	} {
		code, _, errs := sweepCLI(t, context.Background(), tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %s", tc.args, code, errs)
		}
	}
}

func TestMergeRefusesOtherSeed(t *testing.T) {
	dir := t.TempDir()
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", filepath.Join(dir, "a"))...)
	mustSweep(t, sweepArgs("-shard", "1/2", "-seed", "2", "-out", filepath.Join(dir, "b"))...)
	code, _, errs := sweepCLI(t, context.Background(), "merge", filepath.Join(dir, "a"), filepath.Join(dir, "b"), "-out", filepath.Join(dir, "m"))
	if code != exitUsage || !strings.Contains(errs, "are parts of different sweeps: different seed: 1 here, 2 there") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "m")); err == nil {
		t.Fatal("a refused merge wrote its output")
	}
}

// sweep and merge are listed by help.
func TestHelpListsSweepAndMerge(t *testing.T) {
	code, out, _ := sweepCLI(t, context.Background(), "help")
	if code != 0 || !strings.Contains(out, "  sweep ") || !strings.Contains(out, "  merge ") {
		t.Fatalf("help: exit %d\n%s", code, out)
	}
}

// merge res/part-* -out res -force, where res is a folder borderflow
// wrote, deleted the shards, the only copies of their pairs: merge now
// refuses an output folder that holds its own inputs.
func TestMergeRefusesOutHoldingItsShards(t *testing.T) {
	res := filepath.Join(t.TempDir(), "res")
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", res)...) // a folder borderflow wrote
	a, b := filepath.Join(res, "part-0"), filepath.Join(res, "part-1")
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", a)...)
	mustSweep(t, sweepArgs("-shard", "1/2", "-out", b)...)
	code, _, errs := sweepCLI(t, context.Background(), "merge", a, b, "-out", res, "-force", "-no-plots")
	if code != exitUsage || !strings.Contains(errs, "holds "+a+", one of the shards being merged") {
		t.Errorf("exit %d: %s", code, errs)
	}
	for _, p := range []string{a, b} {
		if _, err := os.Stat(filepath.Join(p, "pairs.csv")); err != nil {
			t.Errorf("shard %s lost: %v", p, err)
		}
	}
}
