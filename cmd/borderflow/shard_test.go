package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"borderflow/sweep"
)

// Resuming a journal of another sweep is a command-line mistake: exit 2
// (it was 1).
func TestResumeMismatchExit2(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	code, _ := sweepInterrupt(t, 2, sweepArgs("-out", out)...)
	if code != exitFailure {
		t.Fatalf("interrupted sweep: exit %d", code)
	}
	code, _, errs := sweepCLI(t, context.Background(), sweepArgs("-seed", "7", "-resume", "-out", out)...)
	if code != exitUsage || !strings.Contains(errs, "it holds another sweep: different seed") {
		t.Errorf("resume with another seed: exit %d, %s", code, errs)
	}
}

// A second "sweep -resume" on a folder whose sweep is running is refused,
// and the journal of the first is intact.
func TestConcurrentResumeRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	code, _ := sweepInterrupt(t, 2, sweepArgs("-out", out)...)
	if code != exitFailure {
		t.Fatalf("interrupted sweep: exit %d", code)
	}
	before, _ := os.ReadFile(filepath.Join(out+".partial", "pairs.csv"))
	// The running sweep: it holds the journal.
	m, err := os.ReadFile(filepath.Join(out+".partial", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	man, err := sweep.ParseManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	held, _, err := sweep.OpenJournal(context.Background(), out+".partial", man, true)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	// Without -resume or -force the folder's sweep is said to be running,
	// not "interrupted" (as it was, suggesting -resume or -force).
	for _, extra := range [][]string{{"-resume"}, {"-force"}, {}} {
		code, _, errs := sweepCLI(t, context.Background(), sweepArgs(append(extra, "-out", out)...)...)
		if code != exitFailure || !strings.Contains(errs, "is being written by another borderflow sweep") {
			t.Errorf("%v while another runs: exit %d, %s", extra, code, errs)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(out+".partial", "pairs.csv")); string(after) != string(before) {
		t.Error("the running sweep's journal changed")
	}
	held.Close()
	mustSweep(t, sweepArgs("-resume", "-out", out)...)
}

// Every shard folder carries sha256sums.txt; merge refuses a shard whose
// pairs.csv was cut short, naming the shard and the file, exit 2.
func TestMergeRefusesTruncatedShard(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", p("a"))...)
	mustSweep(t, sweepArgs("-shard", "1/2", "-out", p("b"))...)
	pairs := filepath.Join(p("b"), "pairs.csv")
	data, _ := os.ReadFile(pairs)
	os.WriteFile(pairs, data[:len(data)-4], 0o644)
	code, _, errs := sweepCLI(t, context.Background(), "merge", p("a"), p("b"), "-out", p("m"))
	if code != exitUsage || !strings.Contains(errs, pairs+": SHA-256 differs") {
		t.Errorf("exit %d, %s", code, errs)
	}
	if _, err := os.Stat(p("m")); err == nil {
		t.Error("a refused merge wrote its output")
	}
}

// "merge a b -out a -force" would replace shard a, the only copy of its
// pairs, with the merge: refused.
func TestMergeOutIsAShard(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-shard", "0/2", "-out", p("a"))...)
	mustSweep(t, sweepArgs("-shard", "1/2", "-out", p("b"))...)
	before, _ := os.ReadFile(filepath.Join(p("a"), "pairs.csv"))
	code, _, errs := sweepCLI(t, context.Background(), "merge", p("a"), p("b"), "-out", p("a")+"/", "-force", "-no-plots")
	if code != exitUsage || !strings.Contains(errs, "is one of the shards being merged") {
		t.Errorf("exit %d, %s", code, errs)
	}
	if after, _ := os.ReadFile(filepath.Join(p("a"), "pairs.csv")); string(after) != string(before) {
		t.Error("the shard was replaced")
	}
}
