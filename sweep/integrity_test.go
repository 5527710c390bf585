package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoShards writes shards 0/2 and 1/2 of a short Roma sweep into dir/s0
// and dir/s1.
func twoShards(t *testing.T, dir string) *Plan {
	t.Helper()
	pl, err := NewPlan("policies", shipped(t, "roma", 1, 2), builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	writePart(t, pl, 0, 2, filepath.Join(dir, "s0"))
	writePart(t, pl, 1, 2, filepath.Join(dir, "s1"))
	return pl
}

// copyPart copies a part's files into a fresh folder, with edit applied to
// them (resum: the checksums recomputed after the edit, as a forger
// would).
func copyPart(t *testing.T, from, to string, resum bool, edit func(files map[string][]byte)) {
	t.Helper()
	files := map[string][]byte{}
	for _, n := range []string{"manifest.json", "pairs.csv", SumsFile} {
		b, err := os.ReadFile(filepath.Join(from, n))
		if err != nil {
			t.Fatal(err)
		}
		files[n] = b
	}
	edit(files)
	if resum {
		AddSums(files)
	}
	os.RemoveAll(to)
	os.MkdirAll(to, 0o755)
	for n, b := range files {
		if b != nil {
			os.WriteFile(filepath.Join(to, n), b, 0o644)
		}
	}
}

// merge accepted a shard whose last number was cut short, NaN and +Inf
// cells, and a shard of another build. Each is now refused with a message
// naming the shard's folder and file.
func TestMergeRefusesCorruptShards(t *testing.T) {
	dir := t.TempDir()
	twoShards(t, dir)
	s0, s1, bad := filepath.Join(dir, "s0"), filepath.Join(dir, "s1"), filepath.Join(dir, "bad")
	if _, err := Merge(readParts(t, s0, s1)); err != nil {
		t.Fatalf("the two shards: %v", err)
	}
	lastCell := func(f map[string][]byte, v string) {
		s := strings.TrimSuffix(string(f["pairs.csv"]), "\n")
		i := strings.LastIndexByte(s, ',')
		f["pairs.csv"] = []byte(s[:i+1] + v + "\n")
	}
	firstCell := func(f map[string][]byte, v string) {
		lines := strings.SplitAfter(string(f["pairs.csv"]), "\n")
		cells := strings.Split(lines[1], ",")
		cells[2] = v
		lines[1] = strings.Join(cells, ",")
		f["pairs.csv"] = []byte(strings.Join(lines, ""))
	}
	for _, tc := range []struct {
		name  string
		resum bool
		edit  func(map[string][]byte)
		want  string
	}{
		{"last number cut", false, func(f map[string][]byte) { f["pairs.csv"] = f["pairs.csv"][:len(f["pairs.csv"])-3] },
			bad + "/pairs.csv: SHA-256 differs from the one in sha256sums.txt"},
		{"last number cut, checksum redone", true, func(f map[string][]byte) { f["pairs.csv"] = f["pairs.csv"][:len(f["pairs.csv"])-3] },
			bad + "/pairs.csv: the last line has no newline"},
		{"NaN", false, func(f map[string][]byte) { firstCell(f, "NaN") }, bad + "/pairs.csv: SHA-256 differs"},
		{"NaN, checksum redone", true, func(f map[string][]byte) { firstCell(f, "NaN") }, bad + `/pairs.csv:2: kg_seized: "NaN" is not a finite number`},
		{"+Inf, checksum redone", true, func(f map[string][]byte) { lastCell(f, "+Inf") }, `"+Inf" is not a finite number`},
		{"other build", false, func(f map[string][]byte) {
			f["manifest.json"] = []byte(strings.Replace(string(f["manifest.json"]), Build(), "(devel) bin-sha256:0000", 1))
		}, bad + "/manifest.json: SHA-256 differs"},
		{"no build", true, func(f map[string][]byte) {
			f["manifest.json"] = []byte(strings.Replace(string(f["manifest.json"]), Build(), "", 1))
		}, bad + "/manifest.json: no borderflow_build"},
		{"no checksums", false, func(f map[string][]byte) { f[SumsFile] = nil }, bad + ": no sha256sums.txt"},
	} {
		copyPart(t, s1, bad, tc.resum, tc.edit)
		_, err := ReadPart(context.Background(), bad)
		if err == nil {
			_, err = Merge(readParts(t, s0, bad))
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}

	// A shard of another build, checksums and all: refused by merge.
	copyPart(t, s1, bad, true, func(f map[string][]byte) {
		f["manifest.json"] = []byte(strings.Replace(string(f["manifest.json"]), Build(), "(devel) bin-sha256:0000", 1))
	})
	_, err := Merge(readParts(t, s0, bad))
	if err == nil || !strings.Contains(err.Error(), "different borderflow build") || !strings.Contains(err.Error(), bad) {
		t.Errorf("another build: %v", err)
	}
	// The build is more than "(devel)".
	if m, _ := os.ReadFile(filepath.Join(s0, "manifest.json")); !strings.Contains(string(m), `"borderflow_build": "`+Build()) ||
		Build() == Version() {
		t.Errorf("manifest's build %q is the bare version", Build())
	}
}

// Two "sweep -resume" at once wrote one journal and corrupted it for
// good. The journal is locked; it tolerates a torn last line and the same
// pair recorded twice with the same numbers, and refuses the same pair
// with different numbers.
func TestJournalLockAndRepeats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out.partial")
	pl, err := NewPlan("policies", shipped(t, "roma", 1, 2), builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := pl.Run(RunOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := pl.Manifest
	j, _, err := OpenJournal(context.Background(), dir, &m, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, resume := range []bool{true, false} {
		if _, _, err := OpenJournal(context.Background(), dir, &m, resume); !errors.Is(err, ErrLocked) {
			t.Errorf("second journal (resume %v) while the first is open: %v", resume, err)
		}
	}
	for _, i := range []int{0, 1, 2} {
		j.Append(all[i])
	}
	j.Append(all[1]) // recorded twice, as by two runs
	j.Close()
	f, _ := os.OpenFile(filepath.Join(dir, "pairs.csv"), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(recordLine(&m, all[2])[:10]) // and a torn last line
	f.Close()

	j, done, err := OpenJournal(context.Background(), dir, &m, true)
	if err != nil || len(done) != 3 {
		t.Fatalf("resume: %v, %d pairs", err, len(done))
	}
	j.Close()
	data, _ := os.ReadFile(filepath.Join(dir, "pairs.csv"))
	if strings.Count(string(data), "\n") != 4 {
		t.Errorf("the journal was not cleaned:\n%s", data)
	}

	// The same pair with other numbers: a real conflict.
	f, _ = os.OpenFile(filepath.Join(dir, "pairs.csv"), os.O_WRONLY|os.O_APPEND, 0)
	other := Record{Pair: all[1].Pair, Values: append([]float64(nil), all[1].Values...)}
	other.Values[0]++
	f.Write(recordLine(&m, other))
	f.Close()
	if _, _, err := OpenJournal(context.Background(), dir, &m, true); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("conflicting repeat: %v", err)
	}
}

// Checksums detect corruption, not forgery: pairs.csv edited and
// sha256sums.txt recomputed was merged (kg -5000, an interdiction rate of
// 7.5, 1e308, whose mean overflowed to an empty cell, and "1_000"). Every
// value is now checked against its metric's range and its written form,
// wherever it came from.
func TestMergeRefusesImpossibleValues(t *testing.T) {
	dir := t.TempDir()
	twoShards(t, dir)
	s1, bad := filepath.Join(dir, "s1"), filepath.Join(dir, "bad")
	cell := func(k int, v string) func(map[string][]byte) {
		return func(f map[string][]byte) {
			lines := strings.SplitAfter(string(f["pairs.csv"]), "\n")
			cells := strings.Split(strings.TrimSuffix(lines[1], "\n"), ",")
			cells[2+k] = v
			lines[1] = strings.Join(cells, ",") + "\n"
			f["pairs.csv"] = []byte(strings.Join(lines, ""))
		}
	}
	for _, tc := range []struct {
		k           int
		value, want string
	}{
		{0, "-5000", "pairs.csv:2: kg_seized: -5000 is a value no simulation gives (a count or an amount: at least 0 and at most 2^53)"},
		{1, "7.5", "pairs.csv:2: interdiction_rate: 7.5 is a value no simulation gives (a share: between 0 and 1)"},
		{0, "1e+308", "kg_seized: 1e+308 is a value no simulation gives"},
		{0, "1e308", `kg_seized: "1e308" is not a number as a sweep writes it`},
		{0, "1_000", `kg_seized: "1_000" is not a number as a sweep writes it`},
		{0, "0x10", `kg_seized: "0x10" is not a number as a sweep writes it`},
	} {
		copyPart(t, s1, bad, true, cell(tc.k, tc.value))
		if _, err := ReadPart(context.Background(), bad); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.value, err, tc.want)
		}
	}
}

// An edited line of a sweep's journal (X.partial/pairs.csv) was accepted
// by -resume and landed in the results under fresh checksums: the
// journal's values are checked as a shard's are.
func TestResumeRefusesImpossibleValues(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out.partial")
	pl, err := NewPlan("policies", shipped(t, "roma", 1, 2), builtin(t, "policies"))
	if err != nil {
		t.Fatal(err)
	}
	all, err := pl.Run(RunOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	m := pl.Manifest
	j, _, err := OpenJournal(context.Background(), dir, &m, true)
	if err != nil {
		t.Fatal(err)
	}
	j.Append(all[0])
	forged := Record{Pair: all[1].Pair, Values: append([]float64(nil), all[1].Values...)}
	forged.Values[1] = 7.5 // interdiction_rate
	j.Append(forged)
	j.Close()
	_, _, err = OpenJournal(context.Background(), dir, &m, true)
	if err == nil || !strings.Contains(err.Error(), "pairs.csv:3: interdiction_rate: 7.5 is a value no simulation gives") {
		t.Errorf("got %v", err)
	}
	// A damaged journal is the input's fault (exit 2, as a damaged
	// manifest is; it was 1) and the message says how to start over.
	var mismatch *MismatchError
	if !errors.As(err, &mismatch) || !strings.Contains(err.Error(), "run without -resume, with -force, to start over") {
		t.Errorf("a damaged journal: %T %v", err, err)
	}
}

// A manifest that claims more pairs than a sweep may have is refused
// before anything counts them (a forged replications = 10^18 would loop
// for ever), and a pairs.csv longer than its manifest's pairs can be
// (500 MB of junk took 1.56 GB before it was refused) is refused by size
// while it is read.
func TestPartFilesBounded(t *testing.T) {
	dir := t.TempDir()
	twoShards(t, dir)
	s1, bad := filepath.Join(dir, "s1"), filepath.Join(dir, "bad")
	copyPart(t, s1, bad, true, func(f map[string][]byte) {
		f["manifest.json"] = []byte(strings.Replace(string(f["manifest.json"]), `"replications": 2,`, `"replications": 1000000000000000000,`, 1))
	})
	if _, err := ReadPart(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "pairs, at most") {
		t.Errorf("huge manifest: %v", err)
	}
	copyPart(t, s1, bad, true, func(f map[string][]byte) {
		f["pairs.csv"] = append(f["pairs.csv"], strings.Repeat("junk,", 1<<18)...)
	})
	if _, err := ReadPart(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "longer than the") {
		t.Errorf("junk: %v", err)
	}
	zero := filepath.Join(dir, "zero")
	copyPart(t, s1, zero, true, func(map[string][]byte) {})
	os.Remove(filepath.Join(zero, "manifest.json"))
	os.Symlink("/dev/zero", filepath.Join(zero, "manifest.json"))
	if _, err := ReadPart(context.Background(), zero); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("/dev/zero: %v", err)
	}
}
