package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// merge -wait, as deploy/k8s's merge Job runs it beside the sweep: it waits
// while a shard has not finished and merges once it has, to the same bytes
// as the sweep on one machine.
func TestMergeWaitsForShards(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-out", p("whole"))...)
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", p("part-0"))...)
	// Shard 1 finishes elsewhere and appears only while merge is waiting.
	mustSweep(t, sweepArgs("-shard", "1/2", "-out", p("staging"))...)

	old := shardPoll
	shardPoll = time.Millisecond
	defer func() { shardPoll = old; shardWaiting = nil }()
	looks := 0
	shardWaiting = func(missing []string) {
		looks++
		if len(missing) != 1 || missing[0] != p("part-1") {
			t.Errorf("waiting for %v, want only part-1", missing)
		}
		if looks == 3 {
			if err := os.Rename(p("staging"), p("part-1")); err != nil {
				t.Error(err)
			}
		}
	}
	mustSweep(t, "merge", "-wait", "1d", "-no-plots", "-out", p("merged"), p("part-0"), p("part-1")) // days, as a scenario writes them
	if looks != 3 {
		t.Errorf("merge looked %d times, want 3 (it merged before the shard appeared?)", looks)
	}
	sweepSameFolders(t, p("whole"), p("merged"))
}

// A shard that never appears: merge -wait gives up at its limit, names the
// missing shard, exits 1 and writes nothing.
func TestMergeWaitGivesUp(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", p("part-0"))...)
	old := shardPoll
	shardPoll = time.Millisecond
	defer func() { shardPoll = old }()
	code, _, errs := sweepCLI(t, context.Background(), "merge", "-wait", "20ms", "-out", p("merged"), p("part-0"), p("part-1"))
	if code != exitFailure || !strings.Contains(errs, "1 of 2 shards have not finished: "+p("part-1")) {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(p("merged")); err == nil {
		t.Fatal("a merge that gave up wrote its output")
	}
	code, _, errs = sweepCLI(t, context.Background(), "merge", "-wait", "-1s", p("part-0"))
	if code != exitUsage || !strings.Contains(errs, "-wait") {
		t.Fatalf("negative -wait: exit %d: %s", code, errs)
	}
}
