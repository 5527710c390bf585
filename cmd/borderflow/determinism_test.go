package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// Same scenario, same seed: five runs in a row give the same bytes in
// every file but summary.json's wall time. The multi-port scenario with
// drugs and organisations catches sums taken in map order (they differed
// in the last digits from run to run before the measures were computed
// once, in slice order).
func TestSameSeedSameBytes(t *testing.T) {
	wall := regexp.MustCompile(`"wall_seconds": [0-9.e+-]+`)
	markedSummary := regexp.MustCompile(`(?m)^[0-9a-f]{64} [0-9]+ "summary.json"\n`)
	runs, cases := 5, [][]string{
		{"run", "eagle-pass", "-reps", "3", "-horizon", "72h"},
		{"run", "surge-eagle-pass", "-reps", "2", "-horizon", "7d", "-set", "warmup=1d", "-set", "surge[0].start=2d", "-set", "surge[0].end=5d", "-no-plots"},
	}
	if testing.Short() {
		runs, cases = 2, cases[1:]
	}
	for _, args := range cases {
		base := t.TempDir()
		var first map[string][]byte
		for i := 0; i < runs; i++ {
			dir := filepath.Join(base, string(rune('a'+i)))
			if code, _, stderr := borderflow(t, append(args, "-out", dir)...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			files := readTree(t, dir)
			for n, b := range files {
				files[n] = wall.ReplaceAll(b, nil)
			}
			// The marker's line for summary.json holds its SHA-256 and
			// size, which wall_seconds moves.
			files[markerName] = markedSummary.ReplaceAll(files[markerName], nil)
			if first == nil {
				first = files
				if len(files) < 5 {
					t.Fatalf("%v wrote only %d files", args, len(files))
				}
				continue
			}
			if len(files) != len(first) {
				t.Errorf("%v run %d: %d files, run 0: %d", args, i, len(files), len(first))
			}
			for _, n := range sortedNames(first) {
				if !bytes.Equal(first[n], files[n]) {
					t.Errorf("%v: %s differs between run 0 and run %d", args, n, i)
				}
			}
		}
	}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedNames(m map[string][]byte) []string {
	var out []string
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
