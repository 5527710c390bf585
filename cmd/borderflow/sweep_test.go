package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// sweepCLI runs borderflow with args and returns its exit code and output.
func sweepCLI(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	code = a.main(ctx, args)
	return code, out.String(), errb.String()
}

// mustSweep runs borderflow and fails the test unless it succeeds.
func mustSweep(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := sweepCLI(t, context.Background(), args...)
	if code != 0 {
		t.Fatalf("borderflow %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// sweepFolderBytes returns every file under dir by its relative path.
func sweepFolderBytes(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sweepSameFolders(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := sweepFolderBytes(t, a), sweepFolderBytes(t, b)
	if len(fa) == 0 {
		t.Fatalf("%s is empty", a)
	}
	var names []string
	for n := range fa {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !bytes.Equal(fa[n], fb[n]) {
			t.Errorf("%s differs between %s and %s", n, a, b)
		}
	}
	if len(fa) != len(fb) {
		t.Errorf("%s has %d files, %s has %d", a, len(fa), b, len(fb))
	}
}

// A short sweep at Roma: 7 policies × 3 replications of 2 days.
var romaSweep = []string{"sweep", "roma", "-reps", "3", "-horizon", "2d", "-quiet", "-no-plots"}

func sweepArgs(extra ...string) []string {
	return append(append([]string(nil), romaSweep...), extra...)
}

func TestSweepSameBytesAnyWorkers(t *testing.T) {
	dir := t.TempDir()
	out1 := mustSweep(t, sweepArgs("-workers", "1", "-out", filepath.Join(dir, "w1"))...)
	mustSweep(t, sweepArgs("-workers", "4", "-out", filepath.Join(dir, "w4"))...)
	sweepSameFolders(t, filepath.Join(dir, "w1"), filepath.Join(dir, "w4"))
	files := sweepFolderBytes(t, filepath.Join(dir, "w1"))
	for _, n := range []string{"manifest.json", "pairs.csv", "policies.csv", "paired.csv"} {
		if len(files[n]) == 0 {
			t.Errorf("no %s", n)
		}
	}
	if _, ok := files["volume.csv"]; ok {
		t.Error("volume.csv written for the policies sweep")
	}
	pol := strings.Split(strings.TrimSpace(string(files["policies.csv"])), "\n")
	if len(pol) != 8 || !strings.HasPrefix(pol[0], "policy,kg_seized,kg_seized_lo,kg_seized_hi,interdiction_rate,") ||
		!strings.HasPrefix(pol[1], "baseline,") || !strings.HasPrefix(pol[7], "surge,") {
		t.Errorf("policies.csv:\n%s", files["policies.csv"])
	}
	if !strings.Contains(out1, "ranked by kg seized per $1M of delay cost") || !strings.Contains(out1, "targeted-good") {
		t.Errorf("table:\n%s", out1)
	}

	// The volume sweep adds volume.csv.
	mustSweep(t, "sweep", "roma", "-sweep", "volume", "-reps", "2", "-horizon", "2d", "-quiet", "-out", filepath.Join(dir, "vol"))
	vol := string(sweepFolderBytes(t, filepath.Join(dir, "vol"))["volume.csv"])
	if !strings.HasPrefix(vol, "volume_factor,interdiction_rate,interdiction_rate_lo,interdiction_rate_hi,wait_mean_min_truck,wait_mean_min_car,share_inspected\n0.5,") ||
		strings.Count(vol, "\n") != 7 {
		t.Errorf("volume.csv:\n%s", vol)
	}
}

// sweepInterrupt runs a sweep whose context is cancelled (as by Ctrl-C) once
// after pairs have been recorded.
func sweepInterrupt(t *testing.T, after int, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sweepAfterRecord = func(done int) {
		if done == after {
			cancel()
		}
	}
	defer func() { sweepAfterRecord = nil }()
	code, _, errs := sweepCLI(t, ctx, args...)
	return code, errs
}

func TestResumeGivesSameBytes(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	mustSweep(t, sweepArgs("-out", p("straight"))...)

	code, errs := sweepInterrupt(t, 5, sweepArgs("-workers", "2", "-out", p("resumed"))...)
	errs = dropWarnings(errs) // fewer than 10 replications
	if code != exitFailure || !strings.Contains(errs, "interrupted: ") || !strings.Contains(errs, "add -resume to continue") ||
		strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("interrupted sweep: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(p("resumed")); err == nil {
		t.Fatal("an interrupted sweep wrote its output folder")
	}
	journal, err := os.ReadFile(filepath.Join(p("resumed.partial"), "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(journal), "\n") - 1; n < 5 || n >= 18 {
		t.Fatalf("the journal holds %d pairs", n)
	}
	// Without -resume the journal is not silently thrown away.
	code, _, errs = sweepCLI(t, context.Background(), sweepArgs("-out", p("resumed"))...)
	if code != exitUsage || !strings.Contains(errs, "add -resume to continue it or -force to start over") {
		t.Fatalf("re-run without -resume: exit %d, %s", code, errs)
	}
	mustSweep(t, sweepArgs("-workers", "3", "-resume", "-out", p("resumed"))...)
	sweepSameFolders(t, p("straight"), p("resumed"))
	if _, err := os.Stat(p("resumed.partial")); err == nil {
		t.Error("the journal outlived a finished sweep")
	}

	// A resume of a shard with another seed is refused.
	sweepInterrupt(t, 2, sweepArgs("-shard", "1/2", "-out", p("s1"))...)
	code, _, errs = sweepCLI(t, context.Background(), sweepArgs("-shard", "1/2", "-seed", "7", "-resume", "-out", p("s1"))...)
	if code == 0 || !strings.Contains(errs, "it holds another sweep: different seed") {
		t.Fatalf("resume with another seed: exit %d, %s", code, errs)
	}
}

func TestInterruptedSweepKeepsEarlierOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	mustSweep(t, sweepArgs("-out", out)...)
	before := sweepFolderBytes(t, out)
	code, errs := sweepInterrupt(t, 3, sweepArgs("-seed", "9", "-force", "-out", out)...)
	if code != exitFailure || !strings.Contains(errs, out+" untouched") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if after := sweepFolderBytes(t, out); !reflect.DeepEqual(before, after) {
		t.Fatal("an interrupted sweep changed the earlier output folder")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if n := e.Name(); n != "out" && n != "out.partial" {
			t.Errorf("left behind: %s", n)
		}
	}
}

func TestSweepCommandLineMistakes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[[policy]]\nname = \"a\"\nreferal = 0.1\n"), 0o644)
	unknownClass := filepath.Join(dir, "lorry.toml")
	os.WriteFile(unknownClass, []byte("[[policy]]\nname = \"a\"\nreferral = { lorry = 0.1 }\n"), 0o644)
	t.Setenv("JOB_COMPLETION_INDEX", "")
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "roma", "-policies", bad}, bad + ":3: policy[0].referal: unknown key, did you mean referral?"},
		{[]string{"sweep", "roma", "-policies", unknownClass}, unknownClass + `:3: policy[0].referral.lorry: unknown class "lorry"`},
		{[]string{"sweep", "roma", "-sweep", "volumes"}, `unknown sweep "volumes"`},
		{[]string{"sweep", "roma", "-sweep", "volume", "-policies", bad}, "not both"},
		{[]string{"sweep", "roma", "-shard", "4/4"}, "shard index \"4\" must be a whole number from 0 to 3"},
		{[]string{"sweep", "roma", "-shard", "4"}, "JOB_COMPLETION_INDEX"},
		{[]string{"sweep", "roma", "-workers", "0"}, "-workers must be at least 1"},
		{[]string{"sweep", "nowhere"}, `unknown scenario "nowhere"`},
		{[]string{"merge"}, "name the output folders"},
		{[]string{"merge", filepath.Join(dir, "none")}, "no such folder"},
	} {
		code, _, errs := sweepCLI(t, context.Background(), tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, %s", tc.args, code, errs)
		}
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	mustSweep(t, "sweep", "roma", "-reps", "2", "-horizon", "2d", "-quiet", "-shard", "2", "-out", filepath.Join(dir, "slurm"))
	m, err := os.ReadFile(filepath.Join(dir, "slurm", "manifest.json"))
	if err != nil || !strings.Contains(string(m), `"shard": 1,`) || !strings.Contains(string(m), `"shards": 2,`) {
		t.Fatalf("slurm shard manifest: %v\n%s", err, m)
	}
}

// dropWarnings removes the "borderflow: warning:" lines of stderr.
func dropWarnings(stderr string) string {
	var keep []string
	for _, l := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(l, "borderflow: warning: ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}
