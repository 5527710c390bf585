package sweep

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writePart runs shard i of n of plan pl and writes it into dir.
func writePart(t *testing.T, pl *Plan, i, n int, dir string) {
	t.Helper()
	recs, err := pl.Run(RunOptions{Workers: 2, Shard: i, Shards: n})
	if err != nil {
		t.Fatal(err)
	}
	m := pl.Shard(i, n)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range PartFiles(&m, recs) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readParts(t *testing.T, dirs ...string) []*Part {
	t.Helper()
	var out []*Part
	for _, d := range dirs {
		p, err := ReadPart(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func TestMergeRefuses(t *testing.T) {
	dir := t.TempDir()
	sc := shipped(t, "roma", 1, 3)
	pl, err := NewPlan("policies", sc, builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	writePart(t, pl, 0, 2, p("a0"))
	writePart(t, pl, 1, 2, p("a1"))
	if _, err := Merge(readParts(t, p("a0"), p("a1"))); err != nil {
		t.Fatalf("two halves: %v", err)
	}

	other := shipped(t, "roma", 1, 3)
	other.Seed = 99
	plSeed, err := NewPlan("policies", other, builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	writePart(t, plSeed, 1, 2, p("seed1"))
	plRef, err := NewPlan("referral", sc, builtin(t, "referral"))
	if err != nil {
		t.Fatal(err)
	}
	writePart(t, plRef, 1, 2, p("ref1"))
	ps := builtin(t, "policies")
	ps[2].TargetHit = map[string]float64{AllClasses: 0.2} // same names, another policy
	plPol, err := NewPlan("policies", sc, ps)
	if err != nil {
		t.Fatal(err)
	}
	writePart(t, plPol, 1, 2, p("pol1"))
	writePart(t, pl, 0, 3, p("b0"))

	for _, tc := range []struct {
		dirs []string
		want string
	}{
		{[]string{"a0", "seed1"}, "different seed: 1 here, 99 there"},
		{[]string{"a0", "ref1"}, "different sweep: policies here, referral there"},
		{[]string{"a0", "pol1"}, "different policies"},
		{[]string{"a0", "b0"}, "different number of shards: 2 here, 3 there"},
		{[]string{"a0", "a0"}, "are both shard 0/2: their pairs would be duplicated"},
		{[]string{"a1"}, "missing shard(s) 0/2: 11 of 21 pairs"},
	} {
		var dirs []string
		for _, d := range tc.dirs {
			dirs = append(dirs, p(d))
		}
		_, err := Merge(readParts(t, dirs...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("merge %v: got %v, want %q", tc.dirs, err, tc.want)
		}
	}

	// A part whose pairs were tampered with.
	csv, err := os.ReadFile(filepath.Join(p("a0"), "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(csv), "\n")
	for _, tc := range []struct{ data, want string }{
		{strings.Join(lines[:len(lines)-2], ""), "pairs, but its manifest says"},
		{string(csv) + lines[1], "appears twice"},
		{strings.Replace(string(csv), "baseline,0,", "random-today,0,", 1), "not in shard 0/2"},
		{strings.Replace(string(csv), "baseline,0,", "nobody,0,", 1), `policy "nobody" is not in the manifest`},
	} {
		d := p("bad")
		os.RemoveAll(d)
		os.MkdirAll(d, 0o755)
		mj, _ := os.ReadFile(filepath.Join(p("a0"), "manifest.json"))
		// Checksums that match the tampered file: the checks behind them.
		files := map[string][]byte{"manifest.json": mj, "pairs.csv": []byte(tc.data)}
		AddSums(files)
		for n, b := range files {
			os.WriteFile(filepath.Join(d, n), b, 0o644)
		}
		if _, err := ReadPart(context.Background(), d); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	if _, err := ReadPart(context.Background(), p("nowhere")); err == nil || !strings.Contains(err.Error(), "no such folder") {
		t.Errorf("missing folder: %v", err)
	}
}

// A journal cut in the middle of a line resumes from the complete lines,
// and one of another sweep is refused.
func TestJournalResume(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out.partial")
	sc := shipped(t, "roma", 1, 2)
	pl, err := NewPlan("policies", sc, builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := pl.Run(RunOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := pl.Manifest
	j, done, err := OpenJournal(context.Background(), dir, &m, true)
	if err != nil || len(done) != 0 {
		t.Fatalf("new journal: %v, %d done", err, len(done))
	}
	for _, i := range []int{3, 0, 7} {
		if err := j.Append(all[i]); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	f, _ := os.OpenFile(filepath.Join(dir, "pairs.csv"), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("surge,1,0.5,0.2") // a crash in the middle of a line
	f.Close()

	j, done, err = OpenJournal(context.Background(), dir, &m, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{all[0], all[3], all[7]}
	if !reflect.DeepEqual(done, want) {
		t.Fatalf("resumed %d records, want pairs 0, 3, 7", len(done))
	}
	if err := j.Append(all[1]); err != nil {
		t.Fatal(err)
	}
	j.Close()
	j, done, err = OpenJournal(context.Background(), dir, &m, true)
	if err != nil || len(done) != 4 {
		t.Fatalf("after the torn line: %v, %d records", err, len(done))
	}
	j.Close()

	other := m
	other.Seed = 5
	if _, _, err := OpenJournal(context.Background(), dir, &other, true); err == nil || !strings.Contains(err.Error(), "different seed") {
		t.Fatalf("another sweep's journal: %v", err)
	}
	// Without resume the journal starts over.
	_, done, err = OpenJournal(context.Background(), dir, &other, false)
	if err != nil || len(done) != 0 {
		t.Fatalf("fresh journal: %v, %d records", err, len(done))
	}
}
